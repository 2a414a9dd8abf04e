import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { readWeakerStorageConsent } from '../../electron/main/electron-key-store';
import { startProviderEmulator, type ProviderEmulator } from '../emulators/provider-emulator';
import { deadKeyring, keys, randomText } from '../core/vault/vault-fixtures';
import { runCli } from '../../electron/headless/cli';
import { runCliCaptured } from '../support/run-cli';

let dataDir: string;
let emulator: ProviderEmulator;

beforeAll(async () => {
  emulator = await startProviderEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-keys-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function cli(args: string[], stdinText = '', env: Record<string, string> = {}) {
  const cipher = createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring });
  return runCliCaptured(['--data-dir', dataDir, ...args], { stdin: stdinText, env, host: { cipher } });
}

describe('nome-settings keys', () => {
  it('adds a key read from stdin and lists it as a masked card; --json has the DESIGN.md fields', async () => {
    const secret = keys.anthropic();
    const added = await cli(['keys', 'add', '--provider', 'anthropic', '--label', 'work', '--no-check'], `${secret}\n`);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/saved sk-ant-api03-….{4} as key_/);
    const listed = await cli(['--json', 'keys', 'list']);
    const [card] = JSON.parse(listed.out) as Array<Record<string, unknown>>;
    for (const field of ['id', 'provider', 'label', 'masked', 'state', 'storage', 'source', 'createdAt', 'lastCheckedAt']) expect(card).toHaveProperty(field);
    expect(card).toMatchObject({ provider: 'anthropic', label: 'work', source: 'stored', storage: { cipher: 'aes-256-gcm:file', weaker: true } });
    expect(listed.out + added.out + added.err).not.toContain(secret);
  });

  it('never takes the secret from argv: a stray positional is a usage error, and empty stdin says how to pipe one', async () => {
    const secret = keys.openai();
    const stray = await cli(['keys', 'add', '--provider', 'openai', secret], '');
    expect(stray.code).toBe(2);
    expect(stray.err).not.toContain(secret);
    const empty = await cli(['keys', 'add', '--provider', 'openai'], '');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no key on stdin/);
  });

  it('a 1 MB paste on stdin is refused at once as a usage error, before it is all read, and stores nothing', async () => {
    const started = performance.now();
    const huge = await cli(['keys', 'add', '--provider', 'openai', '--no-check'], `sk-proj-${'A'.repeat(1_000_000)}`);
    expect(huge.code).toBe(2);
    expect(huge.err).toMatch(/stdin holds more than a key could be \(at most 16384 characters\)/);
    expect(huge.err.length).toBeLessThan(2000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(JSON.parse((await cli(['--json', 'keys', 'list'])).out)).toEqual([]);
  });

  it('checks a candidate against the provider before saving and refuses an invalid one (exit 1)', async () => {
    const mounted = emulator.mount({ provider: 'compatible', key: 'the-right-key-123' });
    const wrong = await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl], 'the-wrong-key-456');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/check_failed/);
    expect(wrong.err).not.toContain('the-wrong-key-456');
    const right = await cli(['--json', 'keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl, '--header', 'X-Team: blue'], 'the-right-key-123');
    expect(right.code).toBe(0);
    expect(JSON.parse(right.out)).toMatchObject({ card: { state: 'ok', headerNames: ['X-Team'] }, check: { state: 'ok' } });
  });

  it('--header-env takes a secret header value from the environment, never argv, and seals it', async () => {
    const mounted = emulator.mount({ provider: 'compatible', key: 'gateway-bearer-777' });
    const gatewaySecret = 'gw-5f1c0e9a7b3d44c2a1e8f0b6d9c2a7e4';
    const before = emulator.requests.length;
    const added = await cli(
      ['--json', 'keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl, '--header-env', 'X-Gateway-Key=GATEWAY_KEY', '--header', 'X-Team: blue'],
      'gateway-bearer-777',
      { GATEWAY_KEY: gatewaySecret },
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({ card: { state: 'ok', headerNames: ['X-Team', 'X-Gateway-Key'] } });
    // The check sent it to the endpoint; the store holds it sealed, not as text.
    expect(emulator.requests.slice(before).map((request) => request.headers['x-gateway-key'])).toContain(gatewaySecret);
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of files) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(gatewaySecret);

    const unset = await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl, '--header-env', 'X-Gateway-Key=NOT_SET'], 'gateway-bearer-777');
    expect(unset.code).toBe(2);
    expect(unset.err).toMatch(/NOT_SET is not set/);
    const malformed = await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl, '--header-env', 'X-Gateway-Key: value'], 'gateway-bearer-777');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/--header-env takes Name=ENV_VAR/);
    expect(JSON.parse((await cli(['--json', 'keys', 'list'])).out)).toHaveLength(1);
  });

  it('keys check prints DESIGN.md check results and exits 3 when any key is not ok', async () => {
    const good = emulator.mount({ provider: 'compatible', key: 'good-key-000111' });
    const revoked = emulator.mount({ provider: 'compatible', key: 'other-key-999' });
    await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', good.baseUrl], 'good-key-000111');
    await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', revoked.baseUrl, '--force'], 'revoked-key-222333');
    const checked = await cli(['--json', 'keys', 'check']);
    expect(checked.code).toBe(3);
    const results = JSON.parse(checked.out) as Array<Record<string, unknown>>;
    expect(results.map((r) => r.state).sort()).toEqual(['invalid_key', 'ok']);
    for (const field of ['id', 'provider', 'state', 'httpStatus', 'providerCode', 'retryAfterS', 'latencyMs', 'checkedAt', 'message']) expect(results[0]).toHaveProperty(field);
    const okOnly = await cli(['keys', 'check', results.find((r) => r.state === 'ok')!.id as string]);
    expect(okOnly.code).toBe(0);
  });

  it('keys add --no-key saves a keyless openai-compatible endpoint without reading stdin, checks it without Authorization, and refuses it for other providers', async () => {
    const local = emulator.mount({ provider: 'compatible', key: '' });
    // stdin is left open: reading it would never finish, so the command must not touch it.
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const cipher = createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring });
    const code = await runCli(['--data-dir', dataDir, 'keys', 'add', '--provider', 'openai-compatible', '--base-url', local.baseUrl, '--no-key', '--label', 'Ollama'], { stdin, stdout, stderr, env: {} }, { cipher });
    expect(code).toBe(0);
    expect(out).toMatch(/^saved the endpoint \(no key\) as key_\w+ \(Ollama\)\ncheck: ok: /);
    expect(stdin.readableLength).toBe(0);
    stdin.destroy();

    const [card] = JSON.parse((await cli(['--json', 'keys', 'list'])).out) as Array<{ id: string; masked: string; state: string }>;
    expect(card).toMatchObject({ masked: 'no key', state: 'ok' });
    const checked = await cli(['--json', 'keys', 'check', card!.id]);
    expect(checked.code).toBe(0);
    expect(JSON.parse((await cli(['--json', 'keys', 'models', card!.id])).out)).toMatchObject({ models: ['local-model'] });
    const sent = emulator.requests.filter((request) => request.scenario === local.index);
    expect(sent).toHaveLength(3);
    for (const request of sent) expect(request.headers.authorization).toBeUndefined();

    const twin = await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', local.baseUrl, '--no-key']);
    expect(twin.code).toBe(1);
    expect(twin.err).toMatch(/already saved without a key as "Ollama"/);
    const openai = await cli(['keys', 'add', '--provider', 'openai', '--no-key', '--no-check']);
    expect(openai.err).toMatch(/Paste the OpenAI key first: only an OpenAI-compatible endpoint can be saved without a key/);
    expect(openai.code).not.toBe(0);
    const help = await cli(['keys', 'add', '--help']);
    expect(help.out).toMatch(/--no-key\s+The openai-compatible endpoint needs no key/);
    expect(JSON.parse((await cli(['--json', 'keys', 'list'])).out)).toHaveLength(1);
  });

  it('lists a custom endpoint’s models with its key and headers, and never for a first-party provider', async () => {
    const mounted = emulator.mount({ provider: 'compatible', key: 'models-key-12345' });
    const added = await cli(['--json', 'keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl, '--no-check'], 'models-key-12345');
    const { card } = JSON.parse(added.out) as { card: { id: string } };
    const listed = await cli(['--json', 'keys', 'models', card.id]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({ id: card.id, models: ['local-model'] });
    const xai = JSON.parse((await cli(['--json', 'keys', 'add', '--provider', 'xai', '--no-check'], keys.xai())).out) as { card: { id: string } };
    expect((await cli(['keys', 'models', xai.card.id])).code).toBe(2);
  });

  it('keys replace reads the new key from stdin; a failed check keeps the old key, a good one takes its place', async () => {
    const mounted = emulator.mount({ provider: 'compatible', key: 'rotated-key-777888' });
    const added = JSON.parse((await cli(['--json', 'keys', 'add', '--provider', 'openai-compatible', '--base-url', mounted.baseUrl, '--no-check'], 'old-key-111222333')).out) as { card: { id: string; masked: string } };
    const wrong = await cli(['keys', 'replace', added.card.id], 'still-wrong-444555');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/check_failed/);
    expect(wrong.err + wrong.out).not.toContain('still-wrong-444555');
    const [kept] = JSON.parse((await cli(['--json', 'keys', 'list'])).out) as Array<{ id: string; masked: string }>;
    expect(kept).toMatchObject({ id: added.card.id, masked: added.card.masked });
    expect((await cli(['keys', 'replace', added.card.id, 'rotated-key-777888'], '')).code).toBe(2); // never from argv
    const right = await cli(['--json', 'keys', 'replace', added.card.id], 'rotated-key-777888\n');
    expect(right.code).toBe(0);
    expect(JSON.parse(right.out)).toMatchObject({ card: { id: added.card.id, masked: '…7888', state: 'ok' }, check: { state: 'ok' } });
  });

  it('labels an admin key as such in the list, whatever label the user gave it', async () => {
    await cli(['keys', 'add', '--provider', 'anthropic', '--label', 'ops', '--no-check'], `sk-ant-admin01-${randomText(93)}AA`);
    await cli(['keys', 'add', '--provider', 'anthropic', '--label', 'app', '--no-check'], keys.anthropic());
    const lines = (await cli(['keys', 'list'])).out.trim().split('\n');
    expect(lines.find((line) => line.includes(' ops'))).toMatch(/ops \(admin key, weaker storage\)$/);
    expect(lines.find((line) => line.includes(' app'))).not.toMatch(/admin/);
    const cards = JSON.parse((await cli(['--json', 'keys', 'list'])).out) as Array<{ label: string; kind: string }>;
    expect(cards.map((card) => [card.label, card.kind])).toEqual([['ops', 'admin'], ['app', 'api']]);
  });

  it('storage consent shows, gives and withdraws the desktop app’s weaker-storage consent (storage:consent)', async () => {
    expect((await cli(['storage', 'consent'])).out).toBe('weaker storage: not agreed\n');
    const given = await cli(['storage', 'consent', '--give']);
    expect(given.code).toBe(0);
    expect(given.out).toMatch(/^weaker storage: agreed \(20\d\d-/);
    // The very setting the Electron cipher reads before sealing on Linux basic_text.
    expect(readWeakerStorageConsent(dataDir)).toBe(true);
    expect(JSON.parse((await cli(['--json', 'storage', 'consent'])).out)).toMatchObject({ weakerStorage: true, at: expect.any(String) });
    expect((await cli(['storage', 'consent', '--withdraw'])).out).toMatch(/^weaker storage: not agreed \(withdrawn /);
    expect(readWeakerStorageConsent(dataDir)).toBe(false);
    expect((await cli(['storage', 'consent', '--give', '--withdraw'])).code).toBe(2);
  });

  it('updates, reorders and removes keys by id', async () => {
    for (const label of ['a', 'b']) await cli(['keys', 'add', '--provider', 'xai', '--label', label, '--no-check'], keys.xai());
    const ids = (JSON.parse((await cli(['--json', 'keys', 'list'])).out) as Array<{ id: string }>).map((c) => c.id);
    expect((await cli(['keys', 'update', ids[0]!, '--label', 'renamed'])).out).toMatch(/renamed/);
    const reordered = await cli(['--json', 'keys', 'reorder', '--provider', 'xai', ids[1]!, ids[0]!]);
    expect((JSON.parse(reordered.out) as Array<{ id: string }>).map((c) => c.id)).toEqual([ids[1], ids[0]]);
    expect((await cli(['keys', 'reorder', '--provider', 'xai', ids[1]!])).code).toBe(1);
    expect((await cli(['keys', 'remove', ids[0]!])).out).toMatch(/removed/);
    expect((await cli(['keys', 'remove', ids[0]!])).code).toBe(1);
  });

  it('one record this version cannot read leaves the others listed, is named by keys list and info, and stays in keys.json unchanged through every save', async () => {
    for (const label of ['a', 'b']) await cli(['keys', 'add', '--provider', 'xai', '--label', label, '--no-check'], keys.xai());
    const file = join(dataDir, 'keys.json');
    const document = JSON.parse(readFileSync(file, 'utf8')) as { keys: Array<Record<string, unknown>> };
    // A record written by a newer version: a provider id this one does not know.
    const future = { ...document.keys[0]!, id: 'key_newer', provider: 'mistral', label: 'Mistral' };
    writeFileSync(file, JSON.stringify({ ...document, keys: [document.keys[0], future, document.keys[1]] }), { mode: 0o600 });
    const futureText = JSON.stringify(future);
    const keptInFile = () => readFileSync(file, 'utf8').includes(futureText);

    const listed = await cli(['keys', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/ a /);
    expect(listed.out).toMatch(/ b /);
    expect(listed.out).toContain('notice: keys.json holds a key record this version cannot read, keys.json#key_newer (not accepted: provider)');
    const json = await cli(['--json', 'keys', 'list']);
    expect((JSON.parse(json.out) as unknown[]).length).toBe(2);
    expect(json.err).toContain('keys.json#key_newer');
    expect((await cli(['info'])).out).toContain('keys.json holds a key record this version cannot read, keys.json#key_newer');

    const ids = (JSON.parse(json.out) as Array<{ id: string }>).map((c) => c.id);
    await cli(['keys', 'add', '--provider', 'xai', '--label', 'c', '--no-check'], keys.xai());
    expect(keptInFile()).toBe(true);
    expect((await cli(['keys', 'update', ids[0]!, '--label', 'renamed'])).code).toBe(0);
    expect(keptInFile()).toBe(true);
    const order = (JSON.parse((await cli(['--json', 'keys', 'list'])).out) as Array<{ id: string }>).map((c) => c.id).reverse();
    expect((await cli(['keys', 'reorder', '--provider', 'xai', ...order])).code).toBe(0);
    expect(keptInFile()).toBe(true);
    expect((await cli(['keys', 'remove', ids[1]!])).code).toBe(0);
    expect(keptInFile()).toBe(true);
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    expect((JSON.parse((await cli(['--json', 'keys', 'list'])).out) as unknown[]).length).toBe(2);
  });

  it('fields a newer version wrote into keys.json (top level, record, nested) survive every CLI save and never show in keys list', async () => {
    for (const label of ['a', 'b']) await cli(['keys', 'add', '--provider', 'xai', '--label', label, '--no-check'], keys.xai());
    const file = join(dataDir, 'keys.json');
    type Stored = Record<string, unknown> & { keys: Array<Record<string, unknown>> };
    const document = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    const future = (record: Record<string, unknown>) => ({
      ...record,
      rotationPolicy: { everyDays: 30, futureNote: 'FUTURE-rotation' },
      secret: { ...(record.secret as object), futureWrap: 'FUTURE-secret' },
      storage: { ...(record.storage as object), futureSince: 'FUTURE-storage' },
    });
    writeFileSync(file, JSON.stringify({ ...document, futureSchemaHint: 'FUTURE-top', settings: { ...(document.settings as object), futureSetting: 1 }, keys: document.keys.map(future) }), { mode: 0o600 });
    const stored = () => JSON.parse(readFileSync(file, 'utf8')) as Stored;
    const [a, b] = stored().keys.map((record) => record.id as string);
    const record = (id: string) => stored().keys.find((candidate) => candidate.id === id)!;
    const keptEverywhere = () => {
      const now = stored();
      expect(now.futureSchemaHint).toBe('FUTURE-top');
      expect(now.settings).toMatchObject({ futureSetting: 1 });
      for (const id of [a!, b!].filter((candidate) => now.keys.some((r) => r.id === candidate))) expect(record(id)).toMatchObject({ rotationPolicy: { everyDays: 30 } });
    };

    const listed = await cli(['--json', 'keys', 'list']);
    const text = await cli(['keys', 'list']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as unknown[]).length).toBe(2);
    expect(listed.out + listed.err + text.out + text.err).not.toMatch(/future|rotationPolicy/i);

    expect((await cli(['keys', 'add', '--provider', 'xai', '--label', 'c', '--no-check'], keys.xai())).code).toBe(0);
    keptEverywhere();
    expect(record(a!).secret).toMatchObject({ futureWrap: 'FUTURE-secret' });
    expect((await cli(['keys', 'update', a!, '--label', 'renamed'])).code).toBe(0);
    keptEverywhere();
    expect(record(a!)).toMatchObject({ label: 'renamed', secret: { futureWrap: 'FUTURE-secret' } });
    const order = (JSON.parse((await cli(['--json', 'keys', 'list'])).out) as Array<{ id: string }>).map((c) => c.id).reverse();
    expect((await cli(['keys', 'reorder', '--provider', 'xai', ...order])).code).toBe(0);
    keptEverywhere();
    expect(record(b!).storage).toMatchObject({ futureSince: 'FUTURE-storage' });
    const replaced = await cli(['keys', 'replace', b!, '--no-check'], keys.xai());
    expect(replaced.code).toBe(0);
    expect(replaced.out + replaced.err).not.toMatch(/future|rotationPolicy/i);
    keptEverywhere();
    // Replacing re-seals: the sealing's objects are this version's; the record's other fields stay.
    expect(record(b!).storage).toEqual({ cipher: 'aes-256-gcm:file', weaker: true });
    expect(record(a!)).toMatchObject({ storage: { futureSince: 'FUTURE-storage' }, secret: { futureWrap: 'FUTURE-secret' } });
    expect((await cli(['keys', 'remove', a!])).code).toBe(0);
    keptEverywhere();
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
    const after = await cli(['--json', 'keys', 'list']);
    expect((JSON.parse(after.out) as unknown[]).length).toBe(2);
    expect(after.out + after.err).not.toMatch(/future|rotationPolicy/i);
  });

  it('a keys.json in another version’s format is left byte for byte: keys list and add say why and fail, info still works, nothing is set aside', async () => {
    await cli(['keys', 'add', '--provider', 'xai', '--label', 'a', '--no-check'], keys.xai());
    const file = join(dataDir, 'keys.json');
    const newer = JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), format: 'nome-vault/2' });
    writeFileSync(file, newer, { mode: 0o600 });
    const listed = await cli(['keys', 'list']);
    expect(listed.code).not.toBe(0);
    expect(listed.err).toContain('written by another version of NOME Settings (nome-vault/2');
    const added = await cli(['keys', 'add', '--provider', 'xai', '--label', 'b', '--no-check'], keys.xai());
    expect(added.code).not.toBe(0);
    expect(added.err).toContain('nome-vault/2');
    expect((await cli(['info'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(newer);
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toEqual([]);
  });

  it('imports an environment key only on request', async () => {
    const secret = keys.deepseek();
    const env = { DEEPSEEK_API_KEY: secret };
    const listed = JSON.parse((await cli(['--json', 'keys', 'list'], '', env)).out) as Array<{ readOnly: boolean; source: string }>;
    expect(listed).toEqual([expect.objectContaining({ readOnly: true, source: 'DEEPSEEK_API_KEY' })]);
    const imported = await cli(['keys', 'import-env', 'DEEPSEEK_API_KEY', '--no-check'], '', env);
    expect(imported.code).toBe(0);
    expect(imported.out).not.toContain(secret);
    expect((JSON.parse((await cli(['--json', 'keys', 'list'], '', env)).out) as unknown[]).length).toBe(2);
  });
});
