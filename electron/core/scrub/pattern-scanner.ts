// Layer (b): secret-shaped text. The shapes share one regex; each context rule has its own, because V8 runs
// a single giant alternation in its slow interpreter, while small regexes that open with a literal skip ahead.
import { contextRules, findCookieSecrets, namedSecretEnd, type ContextRule } from './context-rules';
import type { Redaction } from './redaction';
import { secretShapes, type SecretShape } from './secret-shapes';

/**
 * The shapes in two regexes, split by whether the family prefix starts lower-case: each half has a narrower
 * set of first characters, so V8 rejects positions faster (measured: about 1.4x over one combined regex).
 */
const shapeScans = [true, false].map((lowerFirst) => {
  const shapes = secretShapes.filter((shape) => /^[a-z]/.test(firstLiteral(shape.source)) === lowerFirst);
  return lowerFirst ? byFirstLetter(shapes) : { shapes, regex: new RegExp(shapes.map((shape) => `(${shape.source})`).join('|'), 'g') };
});

/**
 * The lower-case half as a one-level trie, `s(?:(k-ant-…)|(k-or-…)|…)|x(?:…)|…`: V8 tries each alternative
 * at every position, so ~15 first letters are cheaper to reject than ~30 whole shapes (measured: ~1.3x).
 * A leading boundary lookbehind moves past the letter (`(?<!X)s…` is `s(?<!X.)…`); the shapes come back in
 * group order. Shapes with different first letters never match at the same position, so which one wins
 * where several could is unchanged (same-letter shapes keep their order).
 */
function byFirstLetter(shapes: readonly SecretShape[]): { shapes: SecretShape[]; regex: RegExp } {
  const groups = new Map<string, { shape: SecretShape; rest: string }[]>();
  for (const shape of shapes) {
    const m = /^(\(\?<!(?:\[[^\]]*\]|[^()[\]])*\))?([a-z])(.*)$/s.exec(shape.source);
    if (!m) throw new Error(`secret shape ${shape.label} does not open with a letter: ${shape.source}`);
    const [, behind, letter = '', rest = ''] = m;
    const group = groups.get(letter) ?? [];
    group.push({ shape, rest: behind ? `${behind.slice(0, -1)}.)${rest}` : rest });
    groups.set(letter, group);
  }
  const parts = [...groups].map(([letter, group]) => `${letter}(?:${group.map(({ rest }) => `(${rest})`).join('|')})`);
  return { shapes: [...groups.values()].flat().map(({ shape }) => shape), regex: new RegExp(parts.join('|'), 'g') };
}

/** The first character a shape can match, past its leading boundary lookbehind. */
function firstLiteral(source: string): string {
  return source.replace(/^\(\?<![^)]*\)/, '');
}
const contextScans = contextRules.map((rule) => ({ rule, regex: new RegExp(rule.source, 'g') }));
/** Rules with a trigger, by their index in `contextScans`, and a sticky regex per trigger. */
const gated = contextScans.flatMap(({ rule }, index) => (rule.trigger ? [{ index, at: new RegExp(rule.trigger, 'y') }] : []));
/** All triggers in one regex. (A regex per remaining subset was tried: V8 ran some subsets 2x slower than all nine.) */
const triggerScan = new RegExp(gated.map(({ index }) => contextScans[index]!.rule.trigger).join('|'), 'g');
/** Trigger places in a row that mark no new rule before the scan stops and runs every rule still waiting. */
const fruitlessLimit = 64;

/**
 * Which context rules can match in `text`: one pass for the triggers (`-----BEGIN `, `bearer`, `://`, `mysql`, …)
 * instead of one per rule. Most text holds none of them and skips those rules (on the bench's clean text nine
 * passes become one, ~3x cheaper than the nine); a URL here and there runs the URL rule alone. At each place a
 * trigger occurs, every waiting rule whose trigger matches there is marked. Text with many trigger places
 * (dense text: a bearer header on every line) stops looking after 64 in a row that mark nothing and runs every
 * rule still waiting, as without the pass. The secret-name rule (no trigger) always runs.
 */
function rulesToRun(text: string): boolean[] {
  const run = contextScans.map(({ rule }) => !rule.trigger);
  let waiting = gated;
  let fruitless = 0;
  triggerScan.lastIndex = 0;
  for (let m = triggerScan.exec(text); m !== null && waiting.length > 0; m = triggerScan.exec(text)) {
    const before = waiting.length;
    waiting = waiting.filter(({ index, at }) => {
      at.lastIndex = m.index;
      if (!at.test(text)) return true;
      run[index] = true;
      return false;
    });
    fruitless = waiting.length < before ? 0 : fruitless + 1;
    if (fruitless >= fruitlessLimit) {
      for (const { index } of waiting) run[index] = true;
      break;
    }
    triggerScan.lastIndex = m.index + 1;
  }
  return run;
}
/** One anchored regex over all shapes, to name the family of a value found by its context. */
const wholeShape = new RegExp(`^(?:${secretShapes.map((shape) => `(${shape.source})`).join('|')})$`);

function shapeReplacement(shape: SecretShape, match: string): string {
  const kept = shape.keep(match);
  return kept ? `${kept}…[redacted:${shape.label}]` : `[redacted:${shape.label}]`;
}

/** `sk-ant-…[redacted:anthropic]` for a value of a known family, else `[redacted:<fallback>]`. */
export function describeSecret(value: string, fallback: string): string {
  const m = wholeShape.exec(value);
  if (m) {
    let group = 1;
    while (m[group] === undefined) group += 1;
    const shape = secretShapes[group - 1]!;
    if (shape.accept?.(value) ?? true) return shapeReplacement(shape, value);
  }
  return `[redacted:${fallback}]`;
}

function scanShapes(text: string, shapes: readonly SecretShape[], regex: RegExp, out: Redaction[]): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    let group = 1;
    while (m[group] === undefined) group += 1;
    const shape = shapes[group - 1]!;
    const match = m[0];
    if (shape.accept && !shape.accept(match)) {
      regex.lastIndex = m.index + 1; // a shorter or later shape may still start inside it
      continue;
    }
    out.push({ start: m.index, end: m.index + match.length, replacement: shapeReplacement(shape, match) });
    // Keys glued together (`ghp_…sk-ant-…`): one token body can swallow the start of the next key, whose
    // tail would then survive. Rescanning from inside the match finds it; the ranges are united later.
    regex.lastIndex = m.index + 1;
  }
}

function scanContext(text: string, rule: ContextRule, regex: RegExp, out: Redaction[]): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const value = m[1] ?? '';
    const end = m.index + m[0].length;
    const valueStart = end - value.length;
    if (rule.label === 'cookie') {
      for (const range of findCookieSecrets(value)) {
        const cookie = value.slice(range.start, range.end);
        out.push({ start: valueStart + range.start, end: valueStart + range.end, replacement: describeSecret(cookie, 'cookie') });
      }
      continue;
    }
    if (rule.named) {
      // The value pattern is only a first guess: a quoted value or an unquoted password may run further.
      const secretEnd = namedSecretEnd(text, m.index, valueStart, end);
      if (secretEnd === null) {
        regex.lastIndex = m.index + 1;
        continue;
      }
      const secret = text.slice(valueStart, secretEnd);
      out.push({ start: valueStart, end: secretEnd, replacement: describeSecret(secret, rule.label) });
      continue;
    }
    if (!rule.accept(value)) {
      regex.lastIndex = m.index + 1;
      continue;
    }
    out.push({ start: valueStart, end, replacement: rule.replace ? rule.replace(value) : describeSecret(value, rule.label) });
  }
}

/** Every pattern secret in `text`, appended to `out`; ranges may overlap (a named value that is also a shape). */
export function scanPatterns(text: string, out: Redaction[] = []): Redaction[] {
  for (const { shapes, regex } of shapeScans) scanShapes(text, shapes, regex, out);
  const run = rulesToRun(text);
  contextScans.forEach(({ rule, regex }, index) => {
    if (run[index]) scanContext(text, rule, regex, out);
  });
  return out;
}
