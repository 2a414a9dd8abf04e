import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfKeyStore, createNodeKeyStore } from '../../electron/headless/conf-key-store';
import { createFileLock } from '../../electron/headless/file-lock';
import { createHeadlessCore } from '../../electron/headless/host';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { parseVaultDocument } from '../../electron/core/vault/vault-document';
import { deadKeyring, keys } from '../core/vault/vault-fixtures';
import Conf from 'conf';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-store-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const fileKeyCore = () =>
  createHeadlessCore({ kind: 'cli', dataDir, env: {}, cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }) });

const add = (core: ReturnType<typeof fileKeyCore>, secret: string) =>
  core.router.invoke('keys:add', { provider: 'xai', secret, check: false });

describe('the conf key store', () => {
  it('writes keys.json with mode 0600 and a key file with mode 0600 under the file-key opt-in', async () => {
    const core = fileKeyCore();
    expect(await add(core, keys.xai())).toMatchObject({ ok: true });
    expect(statSync(join(dataDir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
    const cards = await core.router.invoke('keys:list', undefined);
    expect(cards.ok && (cards.value as Array<{ storage: unknown }>)[0]!.storage).toEqual({ cipher: 'aes-256-gcm:file', weaker: true });
  });

  it('moves a corrupt store aside as keys.json.corrupt-<timestamp>, reports it in app:info, and keeps working', async () => {
    writeFileSync(join(dataDir, 'keys.json'), '{"format":"nome-vault/1","keys":[{"id":', { mode: 0o600 });
    const core = fileKeyCore();
    const listed = await core.router.invoke('keys:list', undefined);
    expect(listed).toEqual({ ok: true, value: [] });
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('keys.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!), 'utf8')).toContain('"keys":[{"id":');
    const info = await core.router.invoke('app:info', undefined);
    expect(info.ok && (info.value as { incidents: unknown[] }).incidents).toEqual([expect.objectContaining({ kind: 'corrupt_store_set_aside', file: 'keys.json', setAsideAs: aside[0] })]);
    expect(await add(core, keys.xai())).toMatchObject({ ok: true });
  });

  it('never creates the store or a key file just to describe storage or list keys', async () => {
    const core = fileKeyCore();
    await core.router.invoke('app:info', undefined);
    await core.router.invoke('keys:list', undefined);
    expect(existsSync(join(dataDir, 'keys.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  });

  it('writes the same file electron-store would (conf format), readable by a plain conf instance', async () => {
    const core = fileKeyCore();
    await add(core, keys.xai());
    const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'keys', projectName: 'nome-settings' });
    expect(parseVaultDocument(conf.store).keys).toHaveLength(1);
  });

  it('serializes two quick saves in one process without losing either', async () => {
    const core = fileKeyCore();
    const results = await Promise.all(Array.from({ length: 12 }, () => add(core, keys.xai())));
    expect(results.every((r) => r.ok)).toBe(true);
    const listed = await core.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as unknown[]).length).toBe(12);
  });

  it('serializes two store instances on one file (two hosts) through the lock file', async () => {
    const a = createNodeKeyStore(dataDir);
    const b = createNodeKeyStore(dataDir);
    const parse = (raw: unknown) => (raw ?? { n: [] }) as { n: number[] };
    const bump = (store: typeof a, value: number) => store.update(parse, (current) => ({ next: { n: [...(current?.n ?? []), value] }, result: undefined }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => bump(i % 2 ? a : b, i)));
    expect((await a.read(parse)).document!.n.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(existsSync(join(dataDir, 'keys.json.lock'))).toBe(false);
  });
});

describe('changes by another host', () => {
  it('a started host emits keys:changed when another host changes the store, and once (not twice) for its own saves', async () => {
    // Started, the app's check scheduler may check the keys: never against the internet.
    const offline: typeof fetch = () => Promise.reject(new Error('offline in this test'));
    const app = createHeadlessCore({ kind: 'serve', dataDir, env: {}, cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }), fetch: offline });
    const cli = fileKeyCore();
    const changes: Array<Array<{ id: string }>> = [];
    app.events.subscribe((event, payload) => {
      if (event === 'keys:changed') changes.push(payload as Array<{ id: string }>);
    });
    app.start();
    try {
      const added = await add(cli, keys.xai());
      const id = added.ok ? (added.value as { card: { id: string } }).card.id : '';
      await expect.poll(() => changes.at(-1)?.map((card) => card.id), { timeout: 5000 }).toEqual([id]);

      const before = changes.length;
      expect(await add(app, keys.xai())).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(changes.length).toBe(before + 1);
      expect(changes.at(-1)).toHaveLength(2);

      await cli.router.invoke('keys:remove', { id });
      await expect.poll(() => changes.at(-1)?.length, { timeout: 5000 }).toBe(1);
    } finally {
      await Promise.all([app.dispose(), cli.dispose()]);
    }
  });
});

describe('keys another host adds', () => {
  it('are taught to the started host’s scrubber, and a change that adds no secret (a label) opens no key again', async () => {
    const offline: typeof fetch = () => Promise.reject(new Error('offline in this test'));
    const cipher = createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring });
    let opens = 0;
    // The real cipher, counting its opens (a wrapper, not a stub: every open still decrypts).
    const counting = Object.create(cipher, { open: { value: (blob: string) => ((opens += 1), cipher.open(blob)) } }) as typeof cipher;
    const app = createHeadlessCore({ kind: 'serve', dataDir, env: {}, cipher: counting, fetch: offline });
    const cli = fileKeyCore();
    const cards: Array<Array<{ id: string; label: string }>> = [];
    app.events.subscribe((event, payload) => {
      if (event === 'keys:changed') cards.push(payload as Array<{ id: string; label: string }>);
    });
    app.start();
    try {
      // A custom endpoint's key has no shape the patterns know: only the vault can teach it to the scrubber.
      const secret = 'gw7Qm2xLp9Vr4Tz8Kc3Nh6Bd5Fs1Jy0W';
      const added = await cli.router.invoke('keys:add', { provider: 'openai-compatible', secret, baseUrl: 'https://gateway.example.com/v1', check: false });
      const id = added.ok ? (added.value as { card: { id: string } }).card.id : '';
      await expect.poll(() => app.scrubber.scrub(`sent ${secret}`), { timeout: 5000 }).toBe('sent [redacted:known-secret]');
      const opensAfterAdd = opens;
      expect(opensAfterAdd).toBeGreaterThan(0);

      expect(await cli.router.invoke('keys:update', { id, label: 'Gateway' })).toMatchObject({ ok: true });
      await expect.poll(() => cards.at(-1)?.[0]?.label, { timeout: 5000 }).toBe('Gateway');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(opens).toBe(opensAfterAdd);
    } finally {
      await Promise.all([app.dispose(), cli.dispose()]);
    }
  });
});

describe('the file lock', () => {
  it('takes over a lock whose owner died', async () => {
    const path = join(dataDir, 'x.lock');
    writeFileSync(path, '999999 deadbeef');
    expect(await createFileLock(path, { timeoutMs: 2000 }).run(() => 'got it')).toBe('got it');
    expect(existsSync(path)).toBe(false);
  });

  it('waits for a live owner and gives up with storage_failed after its timeout', async () => {
    const path = join(dataDir, 'y.lock');
    writeFileSync(path, `${process.ppid} cafebabe`);
    await expect(createFileLock(path, { timeoutMs: 150 }).run(() => 'never')).rejects.toMatchObject({ code: 'storage_failed' });
  });

  it('treats a lock file left empty by a killed creator as stale after its grace period', async () => {
    const path = join(dataDir, 'z.lock');
    writeFileSync(path, '');
    expect(await createFileLock(path, { timeoutMs: 2000, emptyGraceMs: 50 }).run(() => 'ok')).toBe('ok');
  });
});

it('a store built on a damaged file never throws from its constructor', () => {
  writeFileSync(join(dataDir, 'keys.json'), 'not json');
  expect(() => createConfKeyStore({ path: join(dataDir, 'keys.json'), openConf: () => ({ path: '', store: {} }) })).not.toThrow();
});
