import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../shared/contract';
import type { Core } from '../../electron/core/create-core';
import { createHeadlessCore } from '../../electron/headless/host';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { deadKeyring, keys } from '../core/vault/vault-fixtures';

/** Every form a secret could take on disk or in output. */
function formsOf(secret: string): string[] {
  const middle = secret.slice(Math.floor(secret.length / 4), Math.floor(secret.length / 4) + 16);
  return [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    Buffer.from(secret).toString('hex'),
    encodeURIComponent(secret),
    // A 16-character slice from inside the key catches partial leaks (e.g. a mask that shows too much).
    middle,
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const secrets = {
  anthropic: keys.anthropic(),
  openai: keys.openai(),
  rotated: keys.openai(),
  compatible: keys.compatible(),
  header: `hdr-${keys.compatible()}`,
  deepseek: keys.deepseek(),
  envXai: keys.xai(),
};

let dataDir: string;
let home: string;
let core: Core;
const outputs: unknown[] = [];
const events: unknown[] = [];

// Provider checks answer from this stub: the real check service runs, but nothing leaves the machine.
const stubFetch: typeof fetch = async () => new Response(JSON.stringify({ error: { message: 'nope', code: 'invalid_api_key' } }), { status: 401, headers: { 'content-type': 'application/json' } });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-leaks-'));
  home = mkdtempSync(join(tmpdir(), 'nome-leaks-home-'));
  core = createHeadlessCore({
    kind: 'cli',
    dataDir,
    env: { HOME: home, XAI_API_KEY: secrets.envXai },
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
  await call('keys:import-env', { name: 'XAI_API_KEY', check: false });
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
    expect(listed.ok && (listed.value as unknown[]).length).toBe(5); // 4 stored + 1 environment card
  });

  it('no file under the data dir holds any key or header value, in plain, base64, base64url, hex or URL-encoded form', () => {
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('keys.json'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const [name, secret] of Object.entries(secrets)) {
        for (const form of formsOf(secret)) expect(text.includes(form), `${name} found in ${file}`).toBe(false);
      }
    }
  });

  it('no channel output or error, for any channel of the contract, holds a secret', () => {
    expect(outputs.length).toBeGreaterThan(channelNames.length * 2);
    const text = JSON.stringify(outputs);
    for (const [name, secret] of Object.entries(secrets)) {
      for (const form of formsOf(secret)) expect(text.includes(form), `${name} in a channel output`).toBe(false);
    }
  });

  it('no event payload holds a secret', () => {
    expect(events.length).toBeGreaterThan(0);
    const text = JSON.stringify(events);
    for (const [name, secret] of Object.entries(secrets)) {
      for (const form of formsOf(secret)) expect(text.includes(form), `${name} in an event`).toBe(false);
    }
  });
});
