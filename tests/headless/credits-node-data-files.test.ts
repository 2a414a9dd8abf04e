import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIncidentLog } from '../../electron/core/app/app-info';
import { createLocalAccount } from '../../electron/core/credits/local-account';
import { createReceiptLog } from '../../electron/core/receipts/receipt-log';
import { createNodeDataFiles } from '../../electron/headless/node-data-files';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-files-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const clock = { now: () => Date.parse('2026-12-03T12:00:00.000Z') };
const receipt = (i: number) => ({
  id: `r${i}`,
  at: '2026-12-02T10:00:00.000Z',
  lane: 'byok' as const,
  laneReason: 'test',
  provider: 'openai',
  model: 'gpt-4o',
  tokens: { input: i, output: 1, cacheRead: 0, cacheWrite: 0 },
  normalizedTokens: 1,
  credits: 0,
  providerCostUsd: 0.000001,
  listPriceUsd: 0.000001,
  priced: true,
  pricedAs: null,
  seat: null,
  holdId: null,
  turnId: null,
  keyId: null,
});

describe('Node DataFiles under the receipt log', () => {
  it('creates files 0600 and refuses paths that leave the data dir', async () => {
    const files = createNodeDataFiles(dataDir);
    await files.append('receipts/a.jsonl', new TextEncoder().encode('x\n'), { sync: true });
    expect(statSync(join(dataDir, 'receipts/a.jsonl')).mode & 0o777).toBe(0o600);
    await expect(files.read('../outside')).rejects.toThrow(/leaves the data dir/);
    await expect(files.writeAtomic('/etc/passwd', new Uint8Array())).rejects.toThrow(/leaves the data dir/);
  });

  it('after a crash at any byte of the last line on a real disk, the next open keeps every whole receipt', async () => {
    const next = JSON.stringify(receipt(2)) + '\n';
    for (let keep = 0; keep < next.length; keep += 7) {
      rmSync(join(dataDir, 'receipts'), { recursive: true, force: true });
      const files = createNodeDataFiles(dataDir);
      const first = createReceiptLog({ files, incidents: createIncidentLog(() => undefined), clock });
      await first.append([receipt(1)]);
      await first.flush();
      appendFileSync(join(dataDir, 'receipts/2026-12.jsonl'), next.slice(0, keep)); // the write a crash cut short

      const incidents = createIncidentLog(() => undefined);
      const log = createReceiptLog({ files: createNodeDataFiles(dataDir), incidents, clock });
      await log.open();
      const listed = await log.list({}, 10);
      expect(listed.receipts.map((r) => r.id)).toEqual(['r1']);
      expect(incidents.list()).toHaveLength(keep > 0 ? 1 : 0);
      const asides = readdirSync(join(dataDir, 'receipts')).filter((name) => name.includes('.torn-'));
      if (keep > 0) expect(readFileSync(join(dataDir, 'receipts', asides[0]!), 'utf8')).toBe(next.slice(0, keep));
      await log.append([receipt(3)]);
      expect((await log.list({}, 10)).receipts.map((r) => r.id)).toEqual(['r3', 'r1']);
    }
  });
});

describe('Node DataFiles under the local account', () => {
  // Two hosts on one data dir (the app and a CLI `credits top-up`), each with its own files port and queue:
  // only the file lock keeps one read-change-write of credits/account.json from overwriting the other.
  const host = () => {
    const files = createNodeDataFiles(dataDir);
    const log = createReceiptLog({ files, incidents: createIncidentLog(() => undefined), clock });
    return createLocalAccount({ files, clock, log });
  };

  it('top-ups made by two hosts at once are all kept', async () => {
    const [app, cli] = [host(), host()];
    await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? app : cli).topUp({ credits: i + 1 })));
    const summary = await host().summary();
    expect(summary.topUps).toHaveLength(24);
    expect(summary.totalBalance).toBe((24 * 25) / 2);
    expect(readdirSync(join(dataDir, 'credits'))).toEqual(['account.json']);
  });

  it('two hosts holding the same credits at once: one hold is taken, the other refused', async () => {
    await host().topUp({ credits: 100 });
    const results = await Promise.allSettled([host().hold({ credits: 60, ttlSeconds: 60 }), host().hold({ credits: 60, ttlSeconds: 60 })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
    expect(await host().summary()).toMatchObject({ held: 60, available: 40 });
  });
});
