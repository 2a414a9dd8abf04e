// Layer (a), part two: finds every form of every known secret in one pass. Wu-Manber: a shift table over
// character triples lets the scan jump ahead by up to the shortest form's length on text that holds none,
// and a full comparison confirms each candidate; 50 secrets x 12 forms cost one skipping scan, not 600.
import type { FormAlphabet, SecretForm } from './known-secret-forms';
import type { Redaction } from './redaction';

interface Target {
  readonly form: SecretForm;
  readonly replacement: string;
}

const alphabetRun: Record<Exclude<FormAlphabet, 'raw'>, RegExp> = {
  base64: /[A-Za-z0-9+/=]/,
  base64url: /[A-Za-z0-9_=-]/,
  hex: /[0-9A-Fa-f]/,
};

export interface KnownSecretMatcher {
  find(text: string, out?: Redaction[]): Redaction[];
}

const tableBits = 16;
const tableMask = (1 << tableBits) - 1;

function triple(text: string, end: number): number {
  return ((text.charCodeAt(end - 2) * 1021) ^ (text.charCodeAt(end - 1) * 31) ^ text.charCodeAt(end)) & tableMask;
}

export function createKnownSecretMatcher(targets: readonly Target[]): KnownSecretMatcher {
  if (targets.length === 0) return { find: (_text, out = []) => out };
  // Every form is compared on its first `window` characters; the shortest form bounds the window.
  const window = Math.min(32, ...targets.map((target) => target.form.text.length));
  const shift = new Uint8Array(1 << tableBits).fill(window - 2);
  const candidates = new Map<number, number[]>();
  targets.forEach((target, index) => {
    const key = target.form.text;
    for (let end = 2; end < window; end += 1) {
      const hash = triple(key, end);
      shift[hash] = Math.min(shift[hash]!, window - 1 - end);
    }
    const last = triple(key, window - 1);
    const list = candidates.get(last);
    if (list) list.push(index);
    else candidates.set(last, [index]);
  });

  return {
    find(text, out = []) {
      for (let end = window - 1; end < text.length; ) {
        const hash = triple(text, end);
        const step = shift[hash]!;
        if (step > 0) {
          end += step;
          continue;
        }
        const start = end - window + 1;
        for (const index of candidates.get(hash) ?? []) {
          const target = targets[index]!;
          if (text.startsWith(target.form.text, start)) out.push(widen(text, start, start + target.form.text.length, target));
        }
        end += 1;
      }
      return out;
    },
  };
}

/** Encoded forms grow to the whole run of their alphabet: the characters at the edges carry bits of the secret. */
function widen(text: string, start: number, end: number, target: Target): Redaction {
  if (target.form.alphabet === 'raw') return { start, end, replacement: target.replacement };
  const run = alphabetRun[target.form.alphabet];
  while (start > 0 && run.test(text[start - 1]!)) start -= 1;
  while (end < text.length && run.test(text[end]!)) end += 1;
  return { start, end, replacement: target.replacement };
}
