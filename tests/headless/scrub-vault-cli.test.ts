// `nome-settings scrub` with the vault: every secret this host holds is matched exactly, in its encodings,
// even when it has no recognisable shape. The keyring here is an in-memory MasterKeyStore (a fake of the
// OS keyring, whose own test is keys-keyring.test.ts); the AES cipher, the store file and the CLI are real.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { deadKeyring, keys, memoryMasterKeyStore, randomText } from '../core/vault/vault-fixtures';
import { runCliCaptured } from '../support/run-cli';

let home: string;
let dataDir: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nome-scrub-vault-'));
  dataDir = join(home, 'data');
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

// No provider shape and no telling context: only the vault can know these are secrets. The `/` and `+`
// make the URL-encoded form differ from the raw one.
const opaqueKey = `q9Zx${randomText(30)}/${randomText(2)}+${randomText(2)}`;
const headerValue = `hv7/${randomText(14)}+Kd2`;

const formsOf = (secret: string) => ({
  raw: secret,
  base64: Buffer.from(secret).toString('base64'),
  base64AtOffset1: Buffer.from(`>${secret}<`).toString('base64'),
  base64url: Buffer.from(secret).toString('base64url'),
  urlEncoded: encodeURIComponent(secret),
});

/** One log line per form of each secret, in words that trigger no context rule. */
const logOf = (secrets: string[]) =>
  secrets.flatMap((secret) => Object.entries(formsOf(secret)).map(([form, text]) => `upstream ${form} said ${text} was rejected`)).join('\n') + '\n';

async function addCustomKey(keyring: ReturnType<typeof memoryMasterKeyStore>) {
  const cipher = createNodeCipher({ dataDir, allowFileKey: false, keyring });
  const args = ['--data-dir', dataDir, 'keys', 'add', '--provider', 'openai-compatible', '--base-url', 'http://127.0.0.1:9/v1', '--header', `X-Team-Token: ${headerValue}`, '--no-check'];
  const added = await runCliCaptured(args, { stdin: opaqueKey, host: { cipher } });
  expect(added.code).toBe(0);
}

describe('nome-settings scrub with the vault', () => {
  it("redacts a stored key with no shape and its header value, raw and encoded; --patterns-only does not", async () => {
    const keyring = memoryMasterKeyStore();
    await addCustomKey(keyring);
    const log = logOf([opaqueKey, headerValue]);
    const host = { cipher: createNodeCipher({ dataDir, allowFileKey: false, keyring }) };

    const scrubbed = await runCliCaptured(['--data-dir', dataDir, 'scrub'], { stdin: log, host });
    expect(scrubbed).toMatchObject({ code: 0, err: '' });
    for (const secret of [opaqueKey, headerValue]) {
      for (const [form, text] of Object.entries(formsOf(secret))) expect(scrubbed.out, form).not.toContain(text);
    }
    expect(scrubbed.out.split('\n').filter((line) => line.includes('[redacted:known-secret]'))).toHaveLength(10);

    const patternsOnly = await runCliCaptured(['--data-dir', dataDir, 'scrub', '--patterns-only'], { stdin: log, host });
    expect(patternsOnly).toEqual({ code: 0, out: log, err: '' });
  });

  it('with no data dir, scrubs patterns and environment keys without creating the dir or warning', async () => {
    const envKey = `q9Zx${randomText(36)}`;
    const shaped = keys.anthropic();
    const run = await runCliCaptured(['--data-dir', dataDir, 'scrub'], { stdin: `env ${envKey} and ${shaped}\n`, env: { OPENAI_API_KEY: envKey } });
    expect(run).toEqual({ code: 0, out: 'env [redacted:known-secret] and sk-ant-…[redacted:anthropic]\n', err: '' });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('when the keyring does not answer, warns once on stderr, still scrubs patterns, and changes nothing on disk', async () => {
    await addCustomKey(memoryMasterKeyStore());
    const storeBefore = readFileSync(join(dataDir, 'keys.json'), 'utf8');
    const shaped = keys.xai();
    const host = { cipher: createNodeCipher({ dataDir, allowFileKey: false, keyring: deadKeyring }) };
    const run = await runCliCaptured(['--data-dir', dataDir, 'scrub'], { stdin: `opaque ${opaqueKey}\nshaped ${shaped}\n`, host });
    expect(run.code).toBe(0);
    expect(run.out).toBe(`opaque ${opaqueKey}\nshaped xai-…[redacted:xai]\n`);
    expect(run.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^nome-settings scrub: warning: exact matching of the vault's secrets is off: the stored key could not be opened \(No OS keyring answered \(no keyring daemon\)/)]);
    expect(run.err).not.toContain(opaqueKey);
    // Read-only: the record is not marked for re-entry, as an ordinary command would do for a lost key.
    expect(readFileSync(join(dataDir, 'keys.json'), 'utf8')).toBe(storeBefore);
  });

  it('a damaged store gets the warning and is left where it is, not set aside', async () => {
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'keys.json'), '{"format": "nome-vault/1", "keys": [');
    const run = await runCliCaptured(['--data-dir', dataDir, 'scrub'], { stdin: `shaped ${keys.xai()}\n` });
    expect(run.code).toBe(0);
    expect(run.out).toBe('shaped xai-…[redacted:xai]\n');
    expect(run.err).toMatch(/^nome-settings scrub: warning: exact matching of the vault's secrets is off: the key store .*keys\.json is damaged \(not JSON\)/);
    expect(readdirSync(dataDir)).toEqual(['keys.json']);
  });
});
