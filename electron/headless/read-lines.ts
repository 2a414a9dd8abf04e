// Lines of a byte stream with a cap on each: readline keeps a whole line in memory however long it is, so
// one ~1 GB line on stdin could exhaust it. A line over the cap is reported by number and skipped to its
// newline without being kept, so memory stays within the cap and one chunk whatever comes in.

export type ReadLine =
  | { readonly number: number; readonly text: string }
  /** Longer than the cap: only its length in bytes (it was not kept). */
  | { readonly number: number; readonly tooLong: true; readonly bytes: number };

/** One MiB: a receipt is a few hundred bytes (its longest field is 200 characters), so a line this long is
 *  not one, and refusing it costs nothing real. */
export const defaultMaxLineBytes = 1024 * 1024;

const newline = 0x0a;
const decoder = new TextDecoder();

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return new TextEncoder().encode(String(chunk));
}

/** Splits on '\n' (a '\r' before it is dropped, as readline does); UTF-8 is decoded per whole line, so a
 *  character split between chunks stays whole. Line numbers count every line, empty ones too. */
export async function* readLines(input: AsyncIterable<unknown>, maxLineBytes = defaultMaxLineBytes): AsyncGenerator<ReadLine> {
  let number = 0;
  let pieces: Uint8Array[] = [];
  let held = 0;
  /** Bytes of the current line so far, kept or not. */
  let length = 0;
  let skipping = false;

  const take = (): ReadLine => {
    number += 1;
    const line: ReadLine = skipping ? { number, tooLong: true, bytes: length } : { number, text: decode(pieces, held) };
    pieces = [];
    held = 0;
    length = 0;
    skipping = false;
    return line;
  };
  const add = (bytes: Uint8Array) => {
    length += bytes.length;
    if (skipping) return;
    if (held + bytes.length > maxLineBytes) {
      // Over the cap: drop what was held and count the rest without keeping it.
      skipping = true;
      pieces = [];
      held = 0;
      return;
    }
    // A view, not a copy: stream chunks are not reused, and the views held stay within the cap plus a chunk.
    pieces.push(bytes);
    held += bytes.length;
  };

  for await (const chunk of input) {
    const bytes = toBytes(chunk);
    let start = 0;
    for (let end = bytes.indexOf(newline); end !== -1; end = bytes.indexOf(newline, start)) {
      add(bytes.subarray(start, end));
      start = end + 1;
      yield take();
    }
    if (start < bytes.length) add(bytes.subarray(start));
  }
  if (length > 0) yield take();
}

function decode(pieces: readonly Uint8Array[], length: number): string {
  let bytes: Uint8Array;
  if (pieces.length === 1) bytes = pieces[0] as Uint8Array;
  else {
    bytes = new Uint8Array(length);
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
  }
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  return decoder.decode(bytes.subarray(0, end));
}
