import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createByteExactDecoder, encodeByteExact } from '../../electron/headless/commands/scrub-bytes';

function roundTrip(chunks: Uint8Array[]): Buffer {
  const decoder = createByteExactDecoder();
  const texts = chunks.map((chunk) => decoder.write(Buffer.from(chunk)));
  texts.push(decoder.end());
  return Buffer.concat(texts.map((text) => {
    const encoded = encodeByteExact(text);
    return typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : encoded;
  }));
}

describe('byte-exact text for nome-settings scrub', () => {
  it('any bytes, split into reads anywhere, come back exactly', () => {
    const utf8ish = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => new Uint8Array(Buffer.from(text))));
    fc.assert(
      fc.property(fc.array(utf8ish, { maxLength: 12 }), (chunks) => {
        expect(roundTrip(chunks).equals(Buffer.concat(chunks))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('valid UTF-8 decodes as itself, and each bad byte as one stand-in that no secret pattern can match', () => {
    const decoder = createByteExactDecoder();
    const text = decoder.write(Buffer.from([0x61, 0xe9, 0x62, 0xf0, 0x9f, 0x99, 0x82, 0xed, 0xa0, 0x80])) + decoder.end();
    expect(text).toBe('a\udce9b🙂\udced\udca0\udc80');
    expect(encodeByteExact('plain 🙂 text')).toBe('plain 🙂 text'); // nothing escaped: written as a string
  });
});
