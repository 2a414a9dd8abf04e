// Byte-exact text for `nome-settings scrub`: a log is not always valid UTF-8 (Latin-1 lines, binary noise, a
// sequence cut at the end), and a UTF-8 decoder turns each bad byte into U+FFFD, so piping a log through scrub
// would change bytes that hold no secret. Bad bytes become lone surrogates U+DC80–U+DCFF instead (as Python's
// `surrogateescape` does); the scrubber never matches them, and the encoder turns them back into the same bytes.
import { isUtf8 } from 'node:buffer';

const escapeBase = 0xdc00;

/** Length of the valid UTF-8 sequence at `at`, or 0 when the byte there does not start one. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at]!;
  if (b0 < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    // no overlong forms (E0 80..9F) and no UTF-16 surrogates (ED A0..BF)
    const second = b0 === 0xe0 ? continuation(1, 0xa0) : b0 === 0xed ? continuation(1, 0x80, 0x9f) : continuation(1);
    return second && continuation(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const second = b0 === 0xf0 ? continuation(1, 0x90) : b0 === 0xf4 ? continuation(1, 0x80, 0x8f) : continuation(1);
    return second && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/** Bytes at the end that may be the start of a character the next read completes (at most 3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

function decodeEscaping(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  let out = '';
  let run = 0;
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length > 0) {
      at += length;
      continue;
    }
    out += bytes.toString('utf8', run, at) + String.fromCharCode(escapeBase + bytes[at]!);
    at += 1;
    run = at;
  }
  return out + bytes.toString('utf8', run);
}

export interface ByteExactDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Decodes UTF-8 across reads (a character split between two reads stays whole), keeping every bad byte. */
export function createByteExactDecoder(): ByteExactDecoder {
  let carry: Buffer = Buffer.alloc(0);
  return {
    write(chunk) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const keep = incompleteTail(bytes);
      carry = Buffer.from(bytes.subarray(bytes.length - keep));
      return decodeEscaping(bytes.subarray(0, bytes.length - keep));
    },
    end() {
      const rest = carry;
      carry = Buffer.alloc(0);
      return decodeEscaping(rest);
    },
  };
}

/** An escaped byte: a low surrogate in U+DC80–U+DCFF that is not the second half of a pair. */
const escapedByte = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;

/** Text as bytes again: escaped bytes as themselves, everything else as UTF-8. A string when nothing was escaped. */
export function encodeByteExact(text: string): string | Buffer {
  escapedByte.lastIndex = 0;
  if (!escapedByte.test(text)) return text;
  const parts: Buffer[] = [];
  let at = 0;
  escapedByte.lastIndex = 0;
  for (let m = escapedByte.exec(text); m !== null; m = escapedByte.exec(text)) {
    parts.push(Buffer.from(text.slice(at, m.index), 'utf8'), Buffer.from([text.charCodeAt(m.index) - escapeBase]));
    at = m.index + 1;
  }
  parts.push(Buffer.from(text.slice(at), 'utf8'));
  return Buffer.concat(parts);
}
