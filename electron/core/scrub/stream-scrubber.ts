// Scrubs a text stream with bounded memory: line by line, and for a line longer than the window (a 1 GB
// input with no newline) window by window, cutting only outside secrets and keeping an overlap so a secret
// split across reads is still seen whole.
import { applyRedactions, type Redaction } from './redaction';
import type { RangeScrubber } from './scrubber';

export interface StreamScrubberOptions {
  /** Longest stretch scrubbed at once; memory stays within a few times this. */
  readonly window?: number;
  /** Tail held back from each window and scanned again with the next: longer than any secret we must see whole. */
  readonly overlap?: number;
  /** Already-written text kept as left context (lookbehinds, `api_key=` before a value). */
  readonly context?: number;
}

export interface StreamScrubber {
  /** Takes the next piece of input; returns the scrubbed text that is now safe to write. */
  push(chunk: string): string;
  /** Flushes what is held back at the end of input. */
  end(): string;
}

const pemBegin = /-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----/;
const pemEnd = /-----END [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----/;
const pemBeginGlobal = new RegExp(pemBegin.source, 'g');

export function createStreamScrubber(scrubber: RangeScrubber, options: StreamScrubberOptions = {}): StreamScrubber {
  const window = options.window ?? 1 << 20;
  const overlap = Math.min(options.overlap ?? 16 << 10, window >> 1);
  const contextSize = options.context ?? 256;
  let pending = '';
  let context = ''; // the written tail of the current line
  let inPrivateKey = false; // a multi-line PEM block opened on an earlier line and not closed yet
  let privateKeyMarked = false; // its marker is already written for the current line

  /** Scrubs `context + text`, writes the part from `text` up to `cut` (default: all of it), and returns it. */
  function emit(text: string, final: boolean): { out: string; cut: number } {
    const whole = context + text;
    const offset = context.length;
    const ranges = scrubber.redactions(whole);
    let cut = whole.length;
    if (!final) {
      cut = whole.length - overlap;
      const crossing = ranges.find((range) => range.start < cut && range.end > cut);
      if (crossing && crossing.start > offset) cut = crossing.start;
      // Never between the halves of a surrogate pair: each half alone would be written as U+FFFD.
      const code = whole.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff && cut - 1 > offset) cut -= 1;
    }
    const visible: Redaction[] = [];
    for (const range of ranges) {
      if (range.end <= offset || range.start >= cut) continue;
      visible.push({ start: Math.max(range.start, offset) - offset, end: Math.min(range.end, cut) - offset, replacement: range.replacement });
    }
    const out = applyRedactions(whole.slice(offset, cut), visible);
    context = whole.slice(Math.max(offset, cut - contextSize), cut);
    return { out, cut: cut - offset };
  }

  /**
   * Complete lines (joined by newlines) scrubbed as one text: one scan per read, not per line. Only a PEM
   * block spans lines, and one left open at the end makes the following lines part of it until its END.
   */
  function scrubLines(block: string): string {
    if (inPrivateKey) {
      const close = pemEnd.exec(block);
      const upTo = close ? close.index + close[0].length : block.length;
      const lines = block.slice(0, upTo).split('\n').length;
      const markers = Array.from({ length: lines }, (_, i) => (i === 0 && privateKeyMarked ? '' : '[redacted:private-key]')).join('\n');
      privateKeyMarked = false;
      if (!close) return markers;
      inPrivateKey = false;
      return markers + scrubLines(block.slice(upTo));
    }
    const out = emit(block, true).out;
    if (block.includes('PRIVATE KEY')) {
      const begins = [...block.matchAll(pemBeginGlobal)];
      const last = begins.at(-1);
      if (last && !pemEnd.test(block.slice(last.index))) inPrivateKey = true;
    }
    return out;
  }

  /** `newline`: the last newline in `pending`, or -1; `pending` holds none before a push, so the chunk decides. */
  function drainLines(newline: number): string {
    let out = '';
    if (newline !== -1) {
      out += `${scrubLines(pending.slice(0, newline))}\n`;
      context = '';
      pending = pending.slice(newline + 1);
    }
    // One line longer than the window: write all but the overlap, never cutting through a secret.
    while (pending.length > window) {
      if (inPrivateKey) {
        // Inside a multi-line private key: drop it, keeping only enough tail to see its END line arrive.
        const close = pemEnd.exec(pending);
        out += privateKeyMarked ? '' : '[redacted:private-key]';
        privateKeyMarked = true;
        if (!close) {
          pending = pending.slice(-overlap);
          continue;
        }
        inPrivateKey = false;
        privateKeyMarked = false;
        pending = pending.slice(close.index + close[0].length);
        continue;
      }
      const { out: part, cut } = emit(pending, false);
      out += part;
      pending = pending.slice(cut);
    }
    return out;
  }

  return {
    push(chunk) {
      // Searching only the new chunk: on a line with no end, searching all of `pending` (up to a window) on every
      // read flattened and scanned it each time, which made the no-newline path 3x slower than `scrub()`.
      const inChunk = chunk.lastIndexOf('\n');
      const newline = inChunk === -1 ? -1 : pending.length + inChunk;
      pending += chunk;
      return drainLines(newline);
    },
    end() {
      const last = pending.length > 0 ? scrubLines(pending) : '';
      pending = '';
      context = '';
      return last;
    },
  };
}
