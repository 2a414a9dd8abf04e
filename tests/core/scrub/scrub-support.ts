// Shared by the scrubber tests: the dev corpus (from ../shared when present, else the committed copy) and
// a leak check. Key-shaped test values are built at run time so no key-like literal sits in the repository.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface CorpusLine {
  readonly id: string;
  readonly kind: string;
  readonly text: string;
  readonly secret: string | null;
}

const sharedCorpus = fileURLToPath(new URL('../../../../shared/scrub-corpus/dev.jsonl.gz.b64', import.meta.url));
const committedCorpus = fileURLToPath(new URL('../../fixtures/scrub-corpus/dev.jsonl.gz.b64', import.meta.url));

export function readCorpus(): { lines: CorpusLine[]; from: string } {
  const from = existsSync(sharedCorpus) ? sharedCorpus : committedCorpus;
  const text = gunzipSync(Buffer.from(readFileSync(from, 'utf8'), 'base64')).toString('utf8');
  return { lines: text.trim().split('\n').map((line) => JSON.parse(line) as CorpusLine), from };
}

/**
 * The pieces of `secret` (8-character windows) still readable in `output`. A window is allowed when it is part
 * of the public family prefix the replacement shows (`sk-ant-…`), or when it also occurs in the input outside the secret.
 */
export function leaks(input: string, secret: string, output: string): string[] {
  const at = input.indexOf(secret);
  const outside = at < 0 ? input : input.slice(0, at) + '\u0000' + input.slice(at + secret.length);
  let kept = '';
  for (let length = Math.min(secret.length, 40); length > 0 && kept === ''; length -= 1) {
    if (output.includes(`${secret.slice(0, length)}…[redacted:`)) kept = secret.slice(0, length);
  }
  const found: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i += 1) {
    const window = secret.slice(i, i + 8);
    if (!output.includes(window) || outside.includes(window)) continue;
    if (i + 8 <= kept.length || kept.includes(window)) continue; // the family prefix, or its echo in a PEM footer
    found.push(window);
  }
  return found;
}

/** A deterministic random body, so each test value is random-looking but stable. */
export function body(length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', seed = length): string {
  let state = seed * 2654435761;
  let out = '';
  for (let i = 0; i < length; i += 1) {
    state = (Math.imul(state ^ (state >>> 13), 1597334677) + 0x6d2b79f5) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}
