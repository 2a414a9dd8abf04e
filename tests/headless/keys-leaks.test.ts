import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract';
import type { Core } from '../../electron/core/create-core';
import { createHeadlessCore } from '../../electron/headless/host';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { deadKeyring, keys } from '../core/vault/vault-fixtures';

/** The stable middle of `bytes` base64-encoded after 0, 1 or 2 bytes of anything: a secret inside a longer
 *  base64 text shows one of these three, whatever came before it. */
function base64Cores(bytes: Buffer, encoding: 'base64' | 'base64url'): string[] {
  return [0, 1, 2].map((shift) => Buffer.concat([Buffer.alloc(shift), bytes]).toString(encoding).slice([0, 2, 3][shift], -4));
}

/** Every form a secret could take on disk or in output, as bytes: text in UTF-8 and UTF-16, base64 and
 *  base64url at each alignment, hex in either case, URL-encoded, JSON-escaped, and a slice from inside it. */
function formsOf(secret: string): Buffer[] {
  const bytes = Buffer.from(secret);
  // A 16-character slice from inside the key catches partial leaks (e.g. a mask that shows too much).
  const middle = secret.slice(Math.floor(secret.length / 4), Math.floor(secret.length / 4) + 16);
  const texts = [
    secret,
    ...base64Cores(bytes, 'base64'),
    ...base64Cores(bytes, 'base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    middle,
  ];
  return [...texts.map((text) => Buffer.from(text)), ...[secret, middle].map((text) => Buffer.from(text, 'utf16le'))];
}

/** Names the first form of a secret found in `haystack`, or null. */
function leakIn(haystack: Buffer): string | null {
  for (const [name, secret] of Object.entries(secrets)) {
    for (const [index, form] of formsOf(secret).entries()) if (haystack.includes(form)) return `${name} (form ${index})`;
  }
  return null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// A Vertex service-account file (the private key first, so the inner slice falls inside it).
const privateKeyBody = randomBytes(1200).toString('base64');
const serviceAccount = JSON.stringify({
  private_key: `-----BEGIN PRIVATE KEY-----\n${privateKeyBody}\n-----END PRIVATE KEY-----\n`,
  type: 'service_account',
  project_id: 'leak-test',
  private_key_id: randomBytes(20).toString('hex'),
  client_email: 'sa@leak-test.iam.gserviceaccount.com',
  token_uri: 'https://127.0.0.1:9/token',
});

const secrets = {
  vertexPrivateKey: privateKeyBody,
  vertexFile: serviceAccount,
  anthropic: keys.anthropic(),
  openai: keys.openai(),
  rotated: keys.openai(),
  compatible: keys.compatible(),
  header: `hdr-${keys.compatible()}`,
  keylessHeader: `gw-${keys.compatible()}`,
  deepseek: keys.deepseek(),
  envXai: keys.xai(),
};

let dataDir: string;
let home: string;
let credentialFile: string;
let core: Core;
const outputs: unknown[] = [];
const events: unknown[] = [];

// Provider checks answer from this stub: the real check service runs, but nothing leaves the machine.
const stubFetch: typeof fetch = async () => new Response(JSON.stringify({ error: { message: 'nope', code: 'invalid_api_key' } }), { status: 401, headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-leaks-'));
  home = mkdtempSync(join(tmpdir(), 'nome-leaks-home-'));
  credentialFile = join(home, 'service-account.json');
  writeFileSync(credentialFile, serviceAccount, { mode: 0o600 });
  core = createHeadlessCore({
    kind: 'cli',
    dataDir,
    env: { HOME: home, XAI_API_KEY: secrets.envXai, GOOGLE_APPLICATION_CREDENTIALS: credentialFile },
    cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }),
    fetch: stubFetch,
  });
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  const call = async (channel: string, input: unknown) => {
    const result = await core.router.invoke(channel, input);
    outputs.push({ channel, result });
    return result;
  };
  const added = await call('keys:add', { provider: 'anthropic', secret: secrets.anthropic, check: false });
  await call('keys:add', { provider: 'openai', secret: secrets.openai, check: true, force: true });
  await call('keys:add', { provider: 'openai', secret: secrets.openai, check: false }); // duplicate: conflict
  await call('keys:add', { provider: 'openai', secret: `sk-ant-oat01-${secrets.compatible}`, check: false }); // refused
  await call('keys:add', { provider: 'openai-compatible', secret: secrets.compatible, baseUrl: 'http://127.0.0.1:9/v1', headers: [{ name: 'X-Org', value: secrets.header }], check: true, force: true });
  await call('keys:add', { provider: 'deepseek', secret: secrets.deepseek, check: true }); // invalid: not saved
  // A keyless local endpoint whose gateway token travels in a custom header: sealed like a key.
  await call('keys:add', { provider: 'openai-compatible', noKey: true, baseUrl: 'http://127.0.0.1:9/v1', headers: [{ name: 'X-Gateway-Token', value: secrets.keylessHeader }], check: true, force: true });
  await call('keys:import-env', { name: 'XAI_API_KEY', check: false });
  await call('keys:import-env', { name: 'GOOGLE_APPLICATION_CREDENTIALS', check: true, force: true });
  const id = added.ok ? (added.value as { card: { id: string } }).card.id : '';
  await call('keys:replace', { id, secret: `sk-ant-api03-${secrets.rotated.slice(8, 101)}AA`, check: false });
  await call('keys:update', { id, label: 'renamed' });
  await call('keys:check', {});
  await call('keys:list', undefined);
  // Every channel of the contract, keys or not, with whatever input it accepts.
  for (const channel of channelNames) {
    for (const input of [undefined, {}]) await call(channel, input);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}, 60_000);

afterAll(async () => {
  await core.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe('no secret leaves the vault', () => {
  it('stored what it acknowledged (sanity)', async () => {
    const listed = await core.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as unknown[]).length).toBe(8); // 6 stored (one keyless) + 2 environment cards
  });

  it('no file under the data dir holds any key or header value in any encoding: UTF-8 or UTF-16 text, base64 or base64url at any alignment, hex, URL- or JSON-escaped', () => {
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('keys.json'))).toBe(true);
    for (const file of files) expect(leakIn(readFileSync(file)), file).toBeNull();
  });

  it('no channel output or error, for any channel of the contract, holds a secret', () => {
    expect(outputs.length).toBeGreaterThan(channelNames.length * 2);
    expect(leakIn(Buffer.from(JSON.stringify(outputs)))).toBeNull();
  });

  it('no event payload holds a secret', () => {
    expect(events.length).toBeGreaterThan(0);
    expect(leakIn(Buffer.from(JSON.stringify(events)))).toBeNull();
  });

  it('the scan finds each secret in each of its forms (the scan itself works)', () => {
    for (const secret of Object.values(secrets)) {
      for (const form of formsOf(secret)) expect(leakIn(Buffer.concat([Buffer.from('{"x":"'), form, Buffer.from('"}')]))).not.toBeNull();
      // Inside a longer base64 text, at each of the three alignments.
      for (const prefix of ['', 'a', 'ab']) expect(leakIn(Buffer.from(Buffer.from(`${prefix}${secret}!`).toString('base64')))).not.toBeNull();
    }
  });
});
