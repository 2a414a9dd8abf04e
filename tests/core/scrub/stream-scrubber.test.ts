import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../../electron/core/scrub/scrubber';
import { createStreamScrubber } from '../../../electron/core/scrub/stream-scrubber';
import { body } from './scrub-support';

const scrubber = createScrubber();
const key = `sk-ant-api03-${body(93)}AA`;

function run(chunks: string[], options?: Parameters<typeof createStreamScrubber>[1]): string {
  const stream = createStreamScrubber(scrubber, options);
  return chunks.map((chunk) => stream.push(chunk)).join('') + stream.end();
}

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let at = 0;
  for (const point of points) {
    parts.push(text.slice(at, point));
    at = point;
  }
  parts.push(text.slice(at));
  return parts;
}

describe('stream scrubber', () => {
  it('never writes half of a surrogate pair when a long line is cut into windows', () => {
    const stream = createStreamScrubber(scrubber, { window: 64, overlap: 16, context: 8 });
    const text = `x${'🙂 é'.repeat(300)}`; // odd start, so some cuts fall between the two halves of 🙂
    const pieces = [...split(text, [37, 101, 250, 251, 700, 1003])].map((chunk) => stream.push(chunk));
    pieces.push(stream.end());
    expect(pieces.join('')).toBe(text);
    // Each piece is written on its own: a lone surrogate would come out as U+FFFD.
    for (const piece of pieces) expect(Buffer.from(piece, 'utf8').toString('utf8')).toBe(piece);
  });

  it('scrubs line by line and keeps the lines', () => {
    expect(run([`a\nx-api-key: ${key}\nb`])).toBe('a\nx-api-key: sk-ant-…[redacted:anthropic]\nb');
  });

  it('however the input is split into reads, the output is the same as scrubbing each line whole', () => {
    const text = `start\nAuthorization: Bearer ${body(40)}\n${key} and api_key=${body(24)}\nend`;
    const whole = text.split('\n').map((line) => scrubber.scrub(line)).join('\n');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(run(split(text, cuts))).toBe(whole);
      }),
    );
  });

  it('a line longer than the window is written window by window, and a secret across a cut is still caught', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(40); // 1080 characters, no newline
    const text = `${filler}api_key=${body(30)} ${filler}${key}${filler}Bearer ${body(50)}${filler}`;
    for (const cuts of [[1000], [1090, 1100], [2200, 2210, 2230], [17, 500, 1111, 2345, 3333]]) {
      const output = run(split(text, cuts), { window: 256, overlap: 128, context: 64 });
      expect(output).not.toContain(key.slice(20, 40));
      expect(output).not.toContain(body(30));
      expect(output).not.toContain(body(50));
      expect(output).toContain('sk-ant-…[redacted:anthropic]');
      expect(output).toContain('api_key=[redacted:secret]');
      expect(output.replace(/\[redacted:[a-z-]+\]|sk-ant-…/g, '')).toContain(filler.trim());
    }
  });

  it('a secret split at any read boundary of a newline-free stream never comes out', () => {
    const text = `${'x'.repeat(300)} token=${body(40)} ${'y'.repeat(300)} ${key} ${'z'.repeat(300)}`;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (cuts) => {
        const output = run(split(text, cuts), { window: 200, overlap: 150, context: 64 });
        expect(output).not.toContain(body(40).slice(0, 12));
        expect(output).not.toContain(key.slice(13, 30));
      }),
      { numRuns: 200 },
    );
  });

  it('drops every line of a multi-line private key, from BEGIN to END', () => {
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', body(64), body(64, undefined, 2), '-----END RSA PRIVATE KEY-----'].join('\n');
    const output = run(split(`before\n${pem}\nafter`, [10, 50, 100]));
    expect(output).not.toContain(body(64).slice(0, 10));
    expect(output).not.toContain(body(64, undefined, 2).slice(0, 10));
    expect(output.startsWith('before\n')).toBe(true);
    expect(output.endsWith('\nafter')).toBe(true);
  });

  it('holds back no more than a window and an overlap while a long line streams', () => {
    const stream = createStreamScrubber(scrubber, { window: 1000, overlap: 100 });
    let written = 0;
    for (let i = 0; i < 100; i += 1) written += stream.push('a'.repeat(500)).length;
    expect(50_000 - written).toBeLessThanOrEqual(1500);
    expect(written + stream.end().length).toBe(50_000);
  });
});
