// `receipts record | list | export`: JSON Lines in (bad lines rejected one by one, good ones kept),
// receipts out as a table, JSON or CSV.
import type { Receipt } from '../../../shared/channels/receipts';
import { exitCodes, UsageError, type Command, type CommandContext } from '../cli-command';
import { defaultMaxLineBytes, readLines } from '../read-lines';

const batchSize = 1000;

interface RecordResult {
  recordedCount: number;
  duplicates: number;
  rejected: { index: number; code: string; message: string }[];
  flagged: { index: number; code: string; message: string }[];
  unmarkedKeys: { keyIds: string[]; code: string; message: string } | null;
  unsettledHolds: { holdIds: string[]; code: string; message: string } | null;
}

const filterOptions = {
  lane: { type: 'string', description: 'Only this lane: credits, byok, local, provider-subscription', valueName: 'LANE' },
  provider: { type: 'string', description: 'Only this provider', valueName: 'ID' },
  model: { type: 'string', description: 'Only this model', valueName: 'MODEL' },
  key: { type: 'string', description: 'Only byok receipts of this key (its id from keys list: key_…, or env:NAME)', valueName: 'ID' },
  from: { type: 'string', description: 'From this time, inclusive (ISO date-time)', valueName: 'WHEN' },
  to: { type: 'string', description: 'Up to this time, exclusive (ISO date-time)', valueName: 'WHEN' },
} as const;

/** Flag names that differ from the filter's field names. */
const filterFields: Readonly<Record<string, string>> = { key: 'keyId' };

function filterOf(context: CommandContext): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const name of Object.keys(filterOptions)) {
    const value = context.values[name];
    if (typeof value === 'string') filter[filterFields[name] ?? name] = value;
  }
  return filter;
}

async function recordFromStdin(context: CommandContext): Promise<number> {
  const rejected: { line: number; message: string }[] = [];
  const flagged: { line: number; message: string }[] = [];
  const unmarked: { keyIds: string[]; message: string }[] = [];
  let recorded = 0;
  let duplicates = 0;
  const unsettled: { holdIds: string[]; message: string }[] = [];
  let pending: { line: number; value: unknown }[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const result = await context.call<RecordResult>('receipts:record', { receipts: batch.map((entry) => entry.value), echo: false });
    recorded += result.recordedCount;
    duplicates += result.duplicates;
    if (result.unsettledHolds) unsettled.push({ holdIds: result.unsettledHolds.holdIds, message: result.unsettledHolds.message });
    for (const reject of result.rejected) rejected.push({ line: batch[reject.index]?.line ?? -1, message: reject.message });
    for (const flag of result.flagged) flagged.push({ line: batch[flag.index]?.line ?? -1, message: flag.message });
    if (result.unmarkedKeys) unmarked.push({ keyIds: result.unmarkedKeys.keyIds, message: result.unmarkedKeys.message });
  };

  // Lines are capped (a receipt is a few hundred bytes): one huge line is refused by number and skipped
  // with bounded memory, and the lines after it are still read.
  for await (const line of readLines(context.io.stdin)) {
    if ('tooLong' in line) {
      rejected.push({ line: line.number, message: `longer than ${defaultMaxLineBytes / 1024 / 1024} MiB (${line.bytes} bytes), so not read; one receipt object per line` });
      continue;
    }
    if (!line.text.trim()) continue;
    try {
      pending.push({ line: line.number, value: JSON.parse(line.text) });
    } catch {
      rejected.push({ line: line.number, message: 'not valid JSON (one receipt object per line)' });
    }
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  rejected.sort((a, b) => a.line - b.line);

  const unsettledHolds = unsettled.flatMap((entry) => entry.holdIds);
  const unmarkedKeys = [...new Set(unmarked.flatMap((entry) => entry.keyIds))];
  if (context.json) context.printJson({ recorded, duplicates, rejected, flagged, unmarkedKeys, unsettledHolds });
  else {
    for (const reject of rejected) context.io.stderr.write(`nome-settings: line ${reject.line} rejected: ${context.core().scrubber.scrub(reject.message)}\n`);
    // Recorded all the same: the turn ran, and only the key card's lastUsedAt is missing.
    for (const flag of flagged) context.io.stderr.write(`nome-settings: warning: line ${flag.line}: ${context.core().scrubber.scrub(flag.message)}\n`);
    for (const entry of unmarked) {
      context.io.stderr.write(`nome-settings: warning: recorded, but lastUsedAt of ${entry.keyIds.join(', ')} could not be set: ${entry.message}\n`);
    }
    // Recorded all the same (running it again would count those turns twice); the holds lapse at their expiry.
    for (const entry of unsettled) {
      context.io.stderr.write(`nome-settings: warning: recorded, but hold${entry.holdIds.length === 1 ? '' : 's'} ${entry.holdIds.join(', ')} could not be settled: ${entry.message}; ${entry.holdIds.length === 1 ? 'it lapses' : 'they lapse'} at expiry\n`);
    }
    // A duplicate (an id already recorded: a retried run) is not a failure; it is said, not written again.
    const skipped = duplicates ? `; ${duplicates} duplicate${duplicates === 1 ? '' : 's'} (id already recorded) not recorded again` : '';
    context.print(`recorded ${recorded} receipt${recorded === 1 ? '' : 's'}${skipped}${rejected.length ? `; rejected ${rejected.length} line${rejected.length === 1 ? '' : 's'}` : ''}`);
  }
  return rejected.length ? exitCodes.failure : exitCodes.ok;
}

function describe(receipt: Receipt): string {
  const money =
    receipt.lane === 'credits'
      ? receipt.credits === null ? 'unpriced' : `${receipt.credits.toFixed(3)} cr`
      : receipt.lane === 'byok'
        ? receipt.providerCostUsd === null ? 'unpriced' : `$${receipt.providerCostUsd.toFixed(4)}`
        : receipt.lane === 'local' ? 'free' : `seat ${receipt.seat ?? ''}`;
  const tokens = receipt.tokens.input + receipt.tokens.output + receipt.tokens.cacheRead + receipt.tokens.cacheWrite;
  return `${receipt.at.slice(0, 19).replace('T', ' ')}  ${receipt.lane.padEnd(21)} ${`${receipt.provider}/${receipt.model}`.padEnd(36)} ${String(tokens).padStart(8)} tok  ${money}`;
}

export const receiptsCommands: Command[] = [
  {
    words: ['receipts', 'record'],
    summary: 'Record receipts: one JSON receipt per stdin line; bad lines are rejected, good ones kept',
    async run(context) {
      return recordFromStdin(context);
    },
  },
  {
    words: ['receipts', 'list'],
    summary: 'Receipts, newest first (by month, then by when recorded)',
    options: {
      limit: { type: 'string', description: 'How many (1-1000, default 20)', valueName: 'N' },
      cursor: { type: 'string', description: 'Continue after a previous page (its nextCursor)', valueName: 'CURSOR' },
      ...filterOptions,
    },
    async run(context) {
      const limitText = context.values.limit as string | undefined;
      const limit = limitText === undefined ? 20 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000, not "${limitText}"`);
      const page = await context.call<{ receipts: Receipt[]; nextCursor: string | null }>('receipts:list', {
        limit,
        ...filterOf(context),
        ...(context.values.cursor ? { cursor: context.values.cursor } : {}),
      });
      if (context.json) {
        context.printJson(page);
        return exitCodes.ok;
      }
      if (!page.receipts.length) context.print('no receipts');
      for (const receipt of page.receipts) context.print(describe(receipt));
      if (page.nextCursor) context.print(`more: --cursor ${page.nextCursor}`);
      return exitCodes.ok;
    },
  },
  {
    words: ['receipts', 'export'],
    summary: 'Receipts as CSV on stdout, oldest first',
    options: { csv: { type: 'boolean', description: 'CSV (the only format, and the default)' }, ...filterOptions },
    async run(context) {
      // Page by page, so a long history streams out instead of building one huge string.
      let cursor: string | undefined;
      do {
        const page = await context.call<{ text: string; nextCursor: string | null }>('receipts:export', {
          format: 'csv',
          limit: 20_000,
          ...filterOf(context),
          ...(cursor ? { cursor } : {}),
        });
        if (!context.io.stdout.write(page.text)) await new Promise((resolve) => context.io.stdout.once('drain', resolve));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return exitCodes.ok;
    },
  },
];
