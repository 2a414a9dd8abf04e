// A found secret as a range of the original text, and how a set of (possibly overlapping) ranges is applied.

export interface Redaction {
  readonly start: number;
  readonly end: number;
  /** What stands in its place; holds no byte of the secret beyond a public family prefix. */
  readonly replacement: string;
}

/** Sorts and unites overlapping ranges; a union keeps the replacement of the range that starts first. */
export function mergeRedactions(ranges: Redaction[]): Redaction[] {
  if (ranges.length <= 1) return ranges;
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Redaction[] = [];
  let current = ranges[0]!;
  for (let i = 1; i < ranges.length; i += 1) {
    const next = ranges[i]!;
    if (next.start < current.end) {
      if (next.end > current.end) current = { start: current.start, end: next.end, replacement: current.replacement };
    } else {
      merged.push(current);
      current = next;
    }
  }
  merged.push(current);
  return merged;
}

/** `text` with every (merged, sorted) range replaced. */
export function applyRedactions(text: string, merged: readonly Redaction[]): string {
  if (merged.length === 0) return text;
  let out = '';
  let at = 0;
  for (const range of merged) {
    out += text.slice(at, range.start) + range.replacement;
    at = range.end;
  }
  return out + text.slice(at);
}
