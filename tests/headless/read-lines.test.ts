import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines, type ReadLine } from '../../electron/headless/read-lines';

const encoder = new TextEncoder();

async function collect(chunks: AsyncIterable<unknown> | Iterable<unknown>, max?: number): Promise<ReadLine[]> {
  const lines: ReadLine[] = [];
  const source = Symbol.asyncIterator in Object(chunks) ? (chunks as AsyncIterable<unknown>) : (async function* () { yield* chunks as Iterable<unknown>; })();
  for await (const line of readLines(source, max)) lines.push(line);
  return lines;
}

describe('readLines', () => {
  it('gives the same lines as splitting the whole text on newlines, however the bytes are chunked', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\n', '\r\n', ' ', '{', '"') });
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(40), { maxLength: 12 }), async (whole, cuts) => {
        const bytes = encoder.encode(whole);
        const chunks: Uint8Array[] = [];
        let at = 0;
        for (const cut of cuts) {
          chunks.push(bytes.subarray(at, Math.min(bytes.length, at + cut)));
          at = Math.min(bytes.length, at + cut);
        }
        chunks.push(bytes.subarray(at));
        const expected = whole.split('\n').map((line) => line.replace(/\r$/, ''));
        if (whole.endsWith('\n') || whole === '') expected.pop();
        const lines = await collect(chunks);
        expect(lines).toEqual(expected.map((line, index) => ({ number: index + 1, text: line })));
      }),
      { numRuns: 500 },
    );
  });

  it('reports a line over the cap by number and length, keeping the lines around it', async () => {
    const lines = await collect([`first\n${'x'.repeat(25)}`, `${'y'.repeat(10)}\nlast\n`], 16);
    expect(lines).toEqual([
      { number: 1, text: 'first' },
      { number: 2, tooLong: true, bytes: 35 },
      { number: 3, text: 'last' },
    ]);
    // Exactly at the cap is still a line.
    expect(await collect([`${'z'.repeat(16)}\n`], 16)).toEqual([{ number: 1, text: 'z'.repeat(16) }]);
  });

  it('skips a 1 GiB line without holding it: memory stays near one chunk, and the next line is read', async () => {
    const chunk = 1024 * 1024;
    const chunks = 1024; // 1 GiB in all, each chunk a fresh buffer (as a pipe gives them)
    let peak = 0;
    const base = process.memoryUsage().arrayBuffers;
    async function* stdin() {
      yield encoder.encode('{"first":1}\n');
      for (let index = 0; index < chunks; index++) {
        if (index % 32 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
        yield new Uint8Array(chunk).fill(0x78);
      }
      yield encoder.encode('\n{"after":2}\n');
    }
    const lines = await collect(stdin());
    expect(lines).toEqual([
      { number: 1, text: '{"first":1}' },
      { number: 2, tooLong: true, bytes: chunk * chunks },
      { number: 3, text: '{"after":2}' },
    ]);
    // Holding the line would need 1 GiB; what is left is garbage not yet collected, far below that.
    expect(peak).toBeLessThan(256 * 1024 * 1024);
  }, 60_000);
});
