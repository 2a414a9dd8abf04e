// Layer (a), part two: finds every form of every known secret in one pass (Aho-Corasick over a short
// prefix of each form, then a full comparison), so 50 secrets x 12 forms cost one scan, not 600.
import type { Redaction } from './redaction';
import type { FormAlphabet, SecretForm } from './known-secret-forms';

/** Long enough to be selective, short enough to keep the automaton small (it fits in cache). */
const keyLength = 16;

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

export function createKnownSecretMatcher(targets: readonly Target[]): KnownSecretMatcher {
  if (targets.length === 0) return { find: (_text, out = []) => out };
  const keys = targets.map((target) => target.form.text.slice(0, keyLength));

  // Character classes: every character used by some key gets a class; everything else is class 0.
  const classOf = new Uint16Array(65536);
  let classCount = 1;
  for (const key of keys) {
    for (let i = 0; i < key.length; i += 1) {
      const code = key.charCodeAt(i);
      if (classOf[code] === 0) classOf[code] = classCount++;
    }
  }

  // The trie.
  const children: Map<number, number>[] = [new Map()];
  const endsHere: number[][] = [[]];
  keys.forEach((key, targetIndex) => {
    let state = 0;
    for (let i = 0; i < key.length; i += 1) {
      const cls = classOf[key.charCodeAt(i)]!;
      let next = children[state]!.get(cls);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        endsHere.push([]);
        children[state]!.set(cls, next);
      }
      state = next;
    }
    endsHere[state]!.push(targetIndex);
  });

  // Failure links, breadth first, folded into a full transition table whose entries are row offsets.
  const stateCount = children.length;
  const delta = new Int32Array(stateCount * classCount);
  const hasOutput = new Uint8Array(stateCount * classCount);
  const outputs: number[][] = endsHere.map((list) => [...list]);
  const fail = new Int32Array(stateCount);
  const queue: number[] = [];
  for (const [cls, next] of children[0]!) {
    delta[cls] = next * classCount;
    queue.push(next);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const state = queue[head]!;
    const failRow = fail[state]! * classCount;
    outputs[state]!.push(...outputs[fail[state]!]!);
    for (let cls = 0; cls < classCount; cls += 1) {
      const next = children[state]!.get(cls);
      if (next === undefined) {
        delta[state * classCount + cls] = delta[failRow + cls]!;
      } else {
        fail[next] = delta[failRow + cls]! / classCount;
        delta[state * classCount + cls] = next * classCount;
        queue.push(next);
      }
    }
  }
  for (let state = 0; state < stateCount; state += 1) if (outputs[state]!.length > 0) hasOutput[state * classCount] = 1;

  return {
    find(text, out = []) {
      let row = 0;
      for (let i = 0; i < text.length; i += 1) {
        row = delta[row + classOf[text.charCodeAt(i)]!]!;
        if (hasOutput[row] === 0) continue;
        for (const targetIndex of outputs[row / classCount]!) {
          const target = targets[targetIndex]!;
          const start = i + 1 - keys[targetIndex]!.length;
          if (!text.startsWith(target.form.text, start)) continue;
          out.push(widen(text, start, start + target.form.text.length, target));
        }
      }
      return out;
    },
  };
}

function widen(text: string, start: number, end: number, target: Target): Redaction {
  if (target.form.alphabet === 'raw') return { start, end, replacement: target.replacement };
  const run = alphabetRun[target.form.alphabet];
  while (start > 0 && run.test(text[start - 1]!)) start -= 1;
  while (end < text.length && run.test(text[end]!)) end += 1;
  return { start, end, replacement: target.replacement };
}
