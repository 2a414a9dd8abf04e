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

  it('rounds up into the next unit instead of saying "60 minutes" or "24 hours"', () => {
    expect(formatAgo(ago(59 * 60 + 29), now)).toBe('59 minutes ago');
    expect(formatAgo(ago(59 * 60 + 50), now)).toBe('1 hour ago');
    expect(formatAgo(ago(23 * 3600 + 40 * 60), now)).toBe('yesterday');
    expect(formatAgo(new Date(now + 3590_000).toISOString(), now)).toBe('in 1 hour');
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
