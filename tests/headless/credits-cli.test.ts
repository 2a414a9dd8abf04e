import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMaxLineBytes } from '../../electron/headless/read-lines';
import { runCliCaptured } from '../support/run-cli';

let dataDir: string;

async function cli(args: string[], stdin = '') {
  return runCliCaptured(['--data-dir', dataDir, ...args], { stdin });
}

const line = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ lane: 'credits', laneReason: 'default lane', provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { input: 1000, output: 200 }, ...overrides });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-credits-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('credits and receipts CLI', () => {
  it('receipts record keeps the good lines, rejects each bad one naming its line, and exits 1', async () => {
    const input = [line(), 'not json', line({ tokens: { input: -1 } }), '', line({ lane: 'local', provider: 'ollama', model: 'qwen' })].join('\n');
    const { code, out, err } = await cli(['receipts', 'record'], input);
    expect(code).toBe(1);
    expect(out).toMatch(/recorded 2 receipts; rejected 2 lines/);
    expect(err).toMatch(/line 2 rejected: not valid JSON/);
    expect(err).toMatch(/line 3 rejected: tokens\.input/);
    const segment = readdirSync(join(dataDir, 'receipts')).find((name) => name.endsWith('.jsonl'))!;
    expect(readFileSync(join(dataDir, 'receipts', segment), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('receipts record --json reports counts and rejected lines; all good exits 0', async () => {
    const { code, out } = await cli(['receipts', 'record', '--json'], `${line()}\n${line({ lane: 'byok' })}\n`);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ recorded: 2, duplicates: 0, rejected: [], flagged: [], unmarkedKeys: [], unsettledHolds: [] });
  });

  it('receipts record run again with the same ids records nothing twice and says how many it skipped', async () => {
    const input = `${line({ id: 'turn-1' })}\n${line({ id: 'turn-2' })}\n`;
    await cli(['receipts', 'record'], input);
    const again = await cli(['receipts', 'record'], `${input}${line({ id: 'turn-3' })}\n`);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/recorded 1 receipt; 2 duplicates \(id already recorded\) not recorded again/);
    const json = await cli(['receipts', 'record', '--json'], input);
    expect(JSON.parse(json.out)).toEqual({ recorded: 0, duplicates: 2, rejected: [], flagged: [], unmarkedKeys: [], unsettledHolds: [] });
    const segment = readdirSync(join(dataDir, 'receipts')).find((name) => name.endsWith('.jsonl'))!;
    expect(readFileSync(join(dataDir, 'receipts', segment), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('receipts record keeps a turn whose hold the account cannot end, and warns which hold is left', async () => {
    mkdirSync(join(dataDir, 'credits'));
    writeFileSync(join(dataDir, 'credits', 'account.json'), '{"version":1,"topUps":[');
    const { code, out, err } = await cli(['receipts', 'record'], `${line({ holdId: 'h-7' })}\n${line()}\n`);
    expect(code).toBe(0);
    expect(out).toMatch(/^recorded 2 receipts$/m);
    expect(err).toMatch(/warning: recorded, but hold h-7 could not be settled: credits\/account\.json cannot be read; it was left as it is; it lapses at expiry/);
    const json = await cli(['receipts', 'record', '--json'], `${line({ holdId: 'h-8' })}\n`);
    expect(JSON.parse(json.out)).toMatchObject({ recorded: 1, unsettledHolds: ['h-8'] });
  });

  it('receipts record in a fresh process redacts the vault\'s own keys, even one with no recognisable shape', async () => {
    // A custom endpoint's key: nothing about it looks like a key, so only the vault knows it is one.
    const secret = 'zq7Hw3pLk9Vt2mXr8bYc4nJf6gDs1aQe';
    const added = await cli(['--allow-file-key', 'keys', 'add', '--provider', 'openai-compatible', '--base-url', 'http://127.0.0.1:9/v1', '--no-check'], `${secret}\n`);
    expect(added.code).toBe(0);
    const { code } = await cli(['--allow-file-key', 'receipts', 'record'], `${line({ lane: 'byok', provider: 'openai-compatible', model: 'team-v2', laneReason: `fell back: ${secret} failed` })}\n`);
    expect(code).toBe(0);
    const segment = readdirSync(join(dataDir, 'receipts')).find((name) => name.endsWith('.jsonl'))!;
    const onDisk = readFileSync(join(dataDir, 'receipts', segment), 'utf8');
    expect(onDisk).not.toContain(secret);
    expect(onDisk).toContain('fell back: [redacted:known-secret] failed');
  });

  it('receipts record refuses a line over 1 MiB by its number, with bounded memory, and keeps the lines around it', async () => {
    // A receipt-shaped line padded past the cap: read whole, it would have been a laneReason too long.
    const huge = line({ laneReason: 'x'.repeat(defaultMaxLineBytes + 10) });
    const input = `${line({ id: 'before' })}\n${huge}\n${line({ id: 'after' })}\n`;
    const { code, out, err } = await cli(['receipts', 'record'], input);
    expect(code).toBe(1);
    expect(out).toMatch(/recorded 2 receipts; rejected 1 line/);
    expect(err).toMatch(new RegExp(`line 2 rejected: longer than 1 MiB \\(${Buffer.byteLength(huge)} bytes\\), so not read`));
    const segment = readdirSync(join(dataDir, 'receipts')).find((name) => name.endsWith('.jsonl'))!;
    const ids = readFileSync(join(dataDir, 'receipts', segment), 'utf8').trim().split('\n').map((text) => JSON.parse(text).id);
    expect(ids).toEqual(['before', 'after']);
  });

  it("receipts record with a byok line's keyId sets that key's lastUsedAt; keyId elsewhere is rejected; an unknown one is kept and flagged", async () => {
    const secret = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
    await cli(['--allow-file-key', 'keys', 'add', '--provider', 'openai-compatible', '--base-url', 'https://openrouter.ai/api/v1', '--no-check'], `${secret}\n`);
    const [card] = JSON.parse((await cli(['--allow-file-key', 'keys', 'list', '--json'])).out) as { id: string; lastUsedAt: string | null }[];
    const at = '2026-12-01T10:00:00.000Z';
    const byok = (keyId: string) => line({ lane: 'byok', provider: 'openrouter', model: 'openai/gpt-4o', keyId, at });
    const input = [byok(card!.id), line({ keyId: card!.id }), byok('key_notonthishost00000')].join('\n');
    const { code, out, err } = await cli(['--allow-file-key', 'receipts', 'record'], input);
    expect(code).toBe(1);
    expect(out).toMatch(/recorded 2 receipts; rejected 1 line/);
    expect(err).toMatch(/line 2 rejected: keyId: only a byok receipt names a key/);
    expect(err).toMatch(/warning: line 3: keyId key_notonthishost00000 names no key on this host/);
    const [after] = JSON.parse((await cli(['--allow-file-key', 'keys', 'list', '--json'])).out) as { id: string; lastUsedAt: string | null }[];
    expect(after).toMatchObject({ id: card!.id, lastUsedAt: at });
    const json = await cli(['--allow-file-key', 'receipts', 'record', '--json'], byok('key_notonthishost00000'));
    expect(JSON.parse(json.out)).toMatchObject({ recorded: 1, rejected: [], flagged: [{ line: 1, message: expect.stringMatching(/names no key/) }] });
    const segment = readdirSync(join(dataDir, 'receipts')).find((name) => name.endsWith('.jsonl'))!;
    const onDisk = readFileSync(join(dataDir, 'receipts', segment), 'utf8');
    expect(onDisk).toContain(`"keyId":"${card!.id}"`);
    expect(onDisk).not.toContain(secret);
    const ofKey = JSON.parse((await cli(['receipts', 'list', '--key', card!.id, '--json'])).out) as { receipts: { keyId: string | null }[] };
    expect(ofKey.receipts.map((r) => r.keyId)).toEqual([card!.id]);
    const exported = await cli(['receipts', 'export', '--key', 'key_notonthishost00000']);
    expect(exported.out.trimEnd().split(/\r?\n/)).toHaveLength(3); // header + the two flagged receipts
  });

  it('credits summary --json has the design fields, and the summary agrees with the receipts', async () => {
    await cli(['credits', 'top-up', '1000']);
    await cli(['receipts', 'record'], `${line()}\n${line()}\n${line({ lane: 'byok' })}\n`);
    const { code, out } = await cli(['credits', 'summary', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    for (const field of ['totalBalance', 'available', 'usedThisPeriod', 'includedMonthlyAllocation', 'allocationRemaining', 'periodStart', 'periodEnd', 'byLane', 'byModel', 'daily', 'burnRatePerDay', 'runwayDays']) {
      expect(summary).toHaveProperty(field);
    }
    expect(summary.totalBalance).toBe(988);
    expect(summary.usedThisPeriod).toBe(12);
    expect(summary.byLane.byok.providerCostUsd).toBe(0.006);
  });

  it('credits summary in words says a plan is optional for the other lanes', async () => {
    const { code, out } = await cli(['credits', 'summary']);
    expect(code).toBe(0);
    expect(out).toMatch(/plan {9}none/);
    expect(out).toMatch(/BYOK keys, local models and provider seats need none/);
  });

  it('receipts list pages with --limit and filters; --json gives the receipt shape', async () => {
    await cli(['receipts', 'record'], [line(), line({ lane: 'byok' }), line({ lane: 'local', provider: 'ollama', model: 'qwen' })].join('\n'));
    const page = JSON.parse((await cli(['receipts', 'list', '--limit', '2', '--json'])).out);
    expect(page.receipts).toHaveLength(2);
    expect(page.nextCursor).toEqual(expect.any(String));
    for (const field of ['id', 'at', 'lane', 'provider', 'model', 'tokens', 'normalizedTokens', 'credits', 'providerCostUsd', 'priced']) expect(page.receipts[0]).toHaveProperty(field);
    const rest = JSON.parse((await cli(['receipts', 'list', '--limit', '2', '--cursor', page.nextCursor, '--json'])).out);
    expect(rest.receipts).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const local = await cli(['receipts', 'list', '--lane', 'local']);
    expect(local.out).toMatch(/ollama\/qwen/);
    expect(local.out).not.toMatch(/anthropic/);
    expect((await cli(['receipts', 'list', '--limit', '0'])).code).toBe(2);
  });

  it('receipts export --csv prints a header and a row per receipt', async () => {
    await cli(['receipts', 'record'], `${line()}\n${line({ lane: 'byok' })}\n`);
    const { code, out } = await cli(['receipts', 'export', '--csv']);
    expect(code).toBe(0);
    const rows = out.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^id,at,lane/);
    expect(rows).toHaveLength(3);
  });

  it('credits plan and threshold change the account; the summary follows', async () => {
    expect((await cli(['credits', 'plan', '20000', '--anchor-day', '15', '--plan-name', 'Pro'])).code).toBe(0);
    expect((await cli(['credits', 'threshold', '25000'])).out).toMatch(/low balance below 25,000 credits \(now: low\)/);
    const summary = JSON.parse((await cli(['credits', 'summary', '--json'])).out);
    expect(summary).toMatchObject({ includedMonthlyAllocation: 20000, plan: { name: 'Pro', anchorDay: 15 }, lowBalance: { threshold: 25000, state: 'low' } });
    expect((await cli(['credits', 'plan', '--anchor-day', '40', '100'])).code).toBe(2);
    expect((await cli(['credits', 'plan', '--none'])).code).toBe(0);
  });

  it('--demo shows a full month without touching the real receipts', async () => {
    const { code, out } = await cli(['--demo', 'credits', 'summary']);
    expect(code).toBe(0);
    expect(out).toMatch(/NOME Pro/);
    expect(out).toMatch(/provider-subscription +\d+ turns/);
    expect(readdirSync(dataDir)).toEqual(['demo']);
    // A second --demo process the same day reads the same demo rather than seeding it again.
    const before = readFileSync(join(dataDir, 'demo', 'receipts', readdirSync(join(dataDir, 'demo', 'receipts')).find((n) => n.endsWith('.jsonl'))!), 'utf8');
    expect((await cli(['--demo', 'credits', 'summary'])).code).toBe(0);
    const after = readFileSync(join(dataDir, 'demo', 'receipts', readdirSync(join(dataDir, 'demo', 'receipts')).find((n) => n.endsWith('.jsonl'))!), 'utf8');
    expect(after).toBe(before);
  });
});
