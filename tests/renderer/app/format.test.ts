import { describe, expect, it } from 'vitest';
import { formatAgo, formatWait } from '../../../renderer/app/format';

const now = new Date('2026-12-03T12:00:00Z').getTime();
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('formatAgo', () => {
  it('reads like a person: just now, minutes, hours, days', () => {
    expect(formatAgo(ago(10), now)).toBe('just now');
    expect(formatAgo(ago(120), now)).toBe('2 minutes ago');
    expect(formatAgo(ago(3 * 3600), now)).toBe('3 hours ago');
    expect(formatAgo(ago(86_400), now)).toBe('yesterday');
  });
});

describe('formatWait', () => {
  it('counts seconds under a minute and a half, then minutes, never below zero', () => {
    expect(formatWait(40)).toBe('40 s');
    expect(formatWait(39.2)).toBe('40 s');
    expect(formatWait(-3)).toBe('0 s');
    expect(formatWait(300)).toBe('5 min');
  });
});
