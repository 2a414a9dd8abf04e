// The scrubber every writer of text uses before text leaves memory (receipts, logs, errors, crash output).
// Two layers: exact known secrets in every encoding (kept current by the vault), then secret-shaped patterns.
import { formsOf } from './known-secret-forms';
import { createKnownSecretMatcher, type KnownSecretMatcher } from './known-secret-matcher';
import { describeSecret, scanPatterns } from './pattern-scanner';
import { applyRedactions, mergeRedactions, type Redaction } from './redaction';

export interface Scrubber {
  scrub(text: string): string;
  /** Registers exact secrets (vault keys, header values) so they are removed in any encoding. */
  setKnownSecrets(secrets: Iterable<string>): void;
}

/** The full scrubber also reports where its secrets are, for streaming with an overlap window. */
export interface RangeScrubber extends Scrubber {
  /** Sorted, non-overlapping ranges of `text` to replace. */
  redactions(text: string): Redaction[];
}

/** Secrets shorter than this are not registered: they would match ordinary words. */
export const minimumKnownSecretLength = 8;

export function createScrubber(): RangeScrubber {
  let known: KnownSecretMatcher = createKnownSecretMatcher([]);

  function redactions(text: string): Redaction[] {
    const ranges = known.find(text);
    scanPatterns(text, ranges);
    return mergeRedactions(ranges);
  }

  return {
    redactions,
    scrub(text) {
      return applyRedactions(text, redactions(text));
    },
    setKnownSecrets(secrets) {
      const targets = [];
      for (const secret of new Set(secrets)) {
        if (secret.length < minimumKnownSecretLength) continue;
        // The raw form keeps a family prefix when the secret has one (`sk-ant-…`); encoded forms never do.
        const raw = describeSecret(secret, 'known-secret');
        for (const form of formsOf(secret)) {
          targets.push({ form, replacement: form.alphabet === 'raw' && form.text === secret ? raw : '[redacted:known-secret]' });
        }
      }
      known = createKnownSecretMatcher(targets);
    },
  };
}

/**
 * `value` with every string in it scrubbed (keys too), through arrays and plain objects: structured error
 * detail crosses transports as well as the message. Anything else (numbers, dates) is kept as it is.
 */
export function scrubDeep(scrubber: Scrubber, value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubber.scrub(value);
  if (value === null || typeof value !== 'object') return value;
  const plain = Array.isArray(value) || [Object.prototype, null].includes(Object.getPrototypeOf(value));
  if (!plain) return value;
  if (depth >= 16) return '[redacted:too-deep]';
  if (Array.isArray(value)) return value.map((item) => scrubDeep(scrubber, item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrubber.scrub(key), scrubDeep(scrubber, item, depth + 1)]));
}

/** @deprecated The foundation's name; the full scrubber now stands behind it. */
export const createMinimalScrubber = createScrubber;
