// The real OS keyring path: Secret Service through @napi-rs/keyring. `npm run test:unit` runs vitest under
// scripts/with-keyring.sh (a D-Bus session with an unlocked gnome-keyring); under CI a missing keyring fails
// this file instead of skipping it, so the real path is always tested there.
import { AsyncEntry } from '@napi-rs/keyring';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHeadlessCore } from '../../electron/headless/host';
import { createNodeCipher, keyringMasterKeyStore } from '../../electron/headless/node-cipher';
import { keys, randomText } from '../core/vault/vault-fixtures';
import { runCliCaptured } from '../support/run-cli';

async function keyringAnswers(): Promise<boolean> {
  try {
    const probe = new AsyncEntry('nome-settings-test', `probe-${process.pid}`);
    await probe.setPassword('probe', AbortSignal.timeout(3000));
    const back = await probe.getPassword(AbortSignal.timeout(3000));
    await probe.deletePassword(AbortSignal.timeout(3000));
    return back === 'probe';
  } catch {
    return false;
  }
}

const available = await keyringAnswers();
if (!available && process.env.CI) throw new Error('No OS keyring answered under CI: run the tests through scripts/with-keyring.sh (npm run test:unit).');

const dataDirs: string[] = [];
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nome-keyring-'));
  dataDirs.push(dir);
  return dir;
};
const accountOf = (dataDir: string) => `master-key:${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;

afterAll(async () => {
  for (const dir of dataDirs) {
    await new AsyncEntry('nome-settings', accountOf(dir)).deletePassword().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe.skipIf(!available)('the Node cipher on the real OS keyring', () => {
  it('keeps a random master key in the keyring, never in the data dir, and is not weaker', async () => {
    const dataDir = freshDataDir();
    const cipher = createNodeCipher({ dataDir, allowFileKey: false });
    expect(await cipher.describe()).toEqual({ cipher: 'aes-256-gcm:keyring', weaker: false, available: true, note: null });
    const secret = keys.anthropic();
    const sealed = await cipher.seal(secret);
    expect(sealed).not.toContain(secret);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    const master = await keyringMasterKeyStore(dataDir).read();
    expect(master?.length).toBe(32);
    // Another process (a new cipher) opens it through the keyring alone.
    expect(await createNodeCipher({ dataDir, allowFileKey: false }).open(sealed)).toBe(secret);
  });

  it('a key saved through the CLI host is sealed under the keyring and its card says so', async () => {
    const dataDir = freshDataDir();
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: {} });
    const saved = await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(saved.ok && (saved.value as { card: { storage: unknown } }).card.storage).toEqual({ cipher: 'aes-256-gcm:keyring', weaker: false });
    await core.dispose();
  });

  it('scrub opens the keyring-sealed vault and redacts a stored custom key and header value with no shape', async () => {
    const dataDir = freshDataDir();
    const secret = `q9Zx${randomText(36)}`;
    const header = `hv-${randomText(20)}`;
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: {} });
    const saved = await core.router.invoke('keys:add', { provider: 'openai-compatible', secret, baseUrl: 'http://127.0.0.1:9/v1', headers: [{ name: 'X-Team-Token', value: header }], check: false });
    expect(saved.ok).toBe(true);
    await core.dispose();
    // `cipher: undefined`: the host's own keyring cipher, not the CLI runner's test cipher.
    const run = await runCliCaptured(['--data-dir', dataDir, 'scrub'], { stdin: `said ${secret} and ${Buffer.from(header).toString('base64')}\n`, host: { cipher: undefined } });
    expect(run).toEqual({ code: 0, out: 'said [redacted:known-secret] and [redacted:known-secret]\n', err: '' });
  });

  it('with no Secret Service (no D-Bus session) the keyring is "not answering": nothing is marked for re-entry, nothing is stored', async () => {
    const dataDir = freshDataDir();
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: {} });
    expect((await core.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false })).ok).toBe(true);
    await core.dispose();
    // A child process, because the keyring library reads the D-Bus address from the real environment.
    const { DBUS_SESSION_BUS_ADDRESS: _bus, NOME_ALLOW_FILE_KEY: _optIn, ...withoutBus } = process.env;
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, '--json', ...args], { env: withoutBus, input: keys.openai(), encoding: 'utf8' });
    const info = JSON.parse(cli('info').stdout) as { storage: { available: boolean; note: string } };
    expect(info.storage.available).toBe(false);
    expect(info.storage.note).toMatch(/No OS keyring answered/);
    cli('keys', 'check');
    const listed = JSON.parse(cli('keys', 'list').stdout) as Array<{ needsReentry: boolean }>;
    expect(listed).toEqual([expect.objectContaining({ needsReentry: false })]);
    const refused = cli('keys', 'add', '--provider', 'openai', '--no-check');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/No OS keyring answered.*Keys cannot be stored/);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
    // Back in the session, the key opens as before.
    const again = createHeadlessCore({ kind: 'cli', dataDir, env: {} });
    await again.router.invoke('keys:check', {});
    const back = await again.router.invoke('keys:list', undefined);
    expect(back.ok && (back.value as Array<{ needsReentry: boolean }>)).toEqual([expect.objectContaining({ needsReentry: false })]);
    await again.dispose();
  });

  it('a keyring reset leaves the record in place, shown as needing re-entry', async () => {
    const dataDir = freshDataDir();
    const first = createHeadlessCore({ kind: 'cli', dataDir, env: {} });
    const saved = await first.router.invoke('keys:add', { provider: 'xai', secret: keys.xai(), check: false });
    expect(saved.ok).toBe(true);
    await new AsyncEntry('nome-settings', accountOf(dataDir)).deletePassword();
    await new AsyncEntry('nome-settings', accountOf(dataDir)).setPassword(Buffer.alloc(32, 9).toString('base64'));
    const after = createHeadlessCore({ kind: 'cli', dataDir, env: {} });
    await after.router.invoke('keys:check', {});
    const listed = await after.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as Array<{ needsReentry: boolean }>)).toEqual([expect.objectContaining({ needsReentry: true })]);
  });
});
