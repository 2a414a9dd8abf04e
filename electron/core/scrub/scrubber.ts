// The scrubber interface every writer of text uses before text leaves memory (receipts, logs, errors).
// This is the minimal first layer; the scrubber issue replaces the rules behind the same interface.

export interface Scrubber {
  scrub(text: string): string;
  /** Registers exact secrets (vault keys, header values) so they are removed in any encoding. */
  setKnownSecrets(secrets: Iterable<string>): void;
}

const minimalRules: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bxai-[A-Za-z0-9_]{20,}/g,
  /\bAIza[\w-]{30,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

export function createMinimalScrubber(): Scrubber {
  let known: string[] = [];
  return {
    scrub(text) {
      let out = text;
      for (const secret of known) out = out.split(secret).join('[redacted]');
      for (const rule of minimalRules) out = out.replace(rule, '[redacted]');
      return out;
    },
    setKnownSecrets(secrets) {
      known = [...secrets].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
    },
  };
}
