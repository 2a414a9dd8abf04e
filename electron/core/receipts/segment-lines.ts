// Reading a receipt segment line by line, forwards or backwards, in chunks: a month of receipts can be
// hundreds of megabytes, so no reader holds a whole segment in memory.
import type { Receipt, ReceiptFilter } from '../../../shared/channels/receipts';
import type { DataFiles } from '../ports';
import { looksLikeReceipt } from './rollup';

export const newline = 0x0a;
const chunkBytes = 4 * 1024 * 1024;
const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function parseLine(bytes: Uint8Array): Receipt | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    if (!looksLikeReceipt(value)) return null;
    // Lines written before receipts named their key have no keyId; they read as naming none.
    value.keyId ??= null;
    return value;
  } catch {
    return null;
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Visits each non-empty complete line of bytes [start, end) with the offset just past its newline;
 *  `visit` returns false to stop. Returns the offset just past the last complete line (where a torn tail,
 *  if any, begins). */
export async function forEachLine(
  files: DataFiles,
  path: string,
  start: number,
  end: number,
  visit: (line: Uint8Array, after: number) => boolean | void,
): Promise<number> {
  let position = start;
  let complete = start;
  let carry = new Uint8Array(0);
  while (position < end) {
    const chunk = await files.readRange(path, position, Math.min(end, position + chunkBytes));
    if (chunk.length === 0) break;
    const bytes = carry.length ? concatBytes(carry, chunk) : chunk;
    const bytesStart = position - carry.length;
    position += chunk.length;
    let lineStart = 0;
    for (let index = bytes.indexOf(newline); index !== -1; index = bytes.indexOf(newline, lineStart)) {
      const line = bytes.subarray(lineStart, index);
      lineStart = index + 1;
      complete = bytesStart + lineStart;
      if (line.length > 0 && visit(line, complete) === false) return complete;
    }
    carry = bytes.slice(lineStart);
  }
  return complete;
}

/** Visits each non-empty complete line of bytes [0, end) from the last back, with the offset where it
 *  starts; `end` must fall just past a newline. `visit` returns false to stop. */
export async function forEachLineBackwards(
  files: DataFiles,
  path: string,
  end: number,
  visit: (line: Uint8Array, lineStart: number) => boolean,
): Promise<void> {
  let position = end;
  // The start of a line whose beginning lies in an earlier chunk.
  let carry = new Uint8Array(0);
  while (position > 0) {
    const start = Math.max(0, position - chunkBytes);
    const chunk = await files.readRange(path, start, position);
    const bytes = carry.length ? concatBytes(chunk, carry) : chunk;
    position = start;
    let lineEnd = bytes.length; // exclusive; bytes[lineEnd - 1] is the line's '\n'
    while (lineEnd > 0) {
      const previous = lineEnd >= 2 ? bytes.lastIndexOf(newline, lineEnd - 2) : -1;
      if (previous === -1 && start > 0) break;
      const lineStart = previous + 1;
      if (lineEnd - 1 > lineStart && !visit(bytes.subarray(lineStart, lineEnd - 1), start + lineStart)) return;
      lineEnd = lineStart;
    }
    carry = bytes.slice(0, lineEnd);
  }
}

/** Visits complete receipts of bytes [0, end) from the last back, with the offset where each line starts. */
export function forEachReceiptBackwards(
  files: DataFiles,
  path: string,
  end: number,
  visit: (receipt: Receipt, lineStart: number) => boolean,
): Promise<void> {
  return forEachLineBackwards(files, path, end, (line, lineStart) => {
    const receipt = parseLine(line);
    return receipt ? visit(receipt, lineStart) : true;
  });
}

const idPrefix = encoder.encode('{"id":"');
const quote = 0x22;
const backslash = 0x5c;

/** A line's receipt id without parsing the whole line: every writer puts `id` first, and ids are plain
 *  text with nothing to unescape. Anything else (an escape, another key order) is parsed in full. */
export function idOfLine(line: Uint8Array): string | null {
  let matches = line.length > idPrefix.length;
  for (let index = 0; matches && index < idPrefix.length; index++) matches = line[index] === idPrefix[index];
  if (matches) {
    const close = line.indexOf(quote, idPrefix.length);
    if (close !== -1 && !line.subarray(idPrefix.length, close).includes(backslash)) return decoder.decode(line.subarray(idPrefix.length, close));
  }
  return parseLine(line)?.id ?? null;
}

export interface FilterBounds {
  readonly fromMs: number;
  readonly toMs: number;
}

export function filterBounds(filter: ReceiptFilter): FilterBounds {
  return {
    fromMs: filter.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(filter.from),
    toMs: filter.to === undefined ? Number.POSITIVE_INFINITY : Date.parse(filter.to),
  };
}

export function matchesFilter(receipt: Receipt, filter: ReceiptFilter, { fromMs, toMs }: FilterBounds): boolean {
  if (filter.lane !== undefined && receipt.lane !== filter.lane) return false;
  if (filter.provider !== undefined && receipt.provider !== filter.provider) return false;
  if (filter.model !== undefined && receipt.model !== filter.model) return false;
  if (filter.keyId !== undefined && (receipt.lane !== 'byok' || receipt.keyId !== filter.keyId)) return false;
  if (fromMs > Number.NEGATIVE_INFINITY || toMs < Number.POSITIVE_INFINITY) {
    const at = Date.parse(receipt.at);
    if (at < fromMs || at >= toMs) return false;
  }
  return true;
}

/** Whether month `YYYY-MM` can hold receipts in [fromMs, toMs). */
export function monthOverlaps(month: string, { fromMs, toMs }: FilterBounds): boolean {
  const start = Date.parse(`${month}-01T00:00:00.000Z`);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return end.getTime() > fromMs && start < toMs;
}
