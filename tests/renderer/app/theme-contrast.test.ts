// WCAG AA contrast of the theme's colour pairs in light and dark, read from theme.css itself: text 4.5:1 (1.4.3),
// focus rings, chart bars, lane dots and the allocation meter 3:1 against what they sit on (1.4.11). axe measures
// the text it finds on a page; this holds every pair, including states no e2e page happens to show.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../../../renderer/app/theme.css'), 'utf8');

function variables(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}
const light = variables(css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...variables(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const text: [string, string][] = [
  ...['text', 'muted'].flatMap((fg) => ['bg', 'surface', 'surface-2'].map((bg): [string, string] => [fg, bg])),
  ['ok', 'ok-bg'], ['warn', 'warn-bg'], ['danger', 'danger-bg'], ['info', 'info-bg'], ['accent-text', 'accent'],
];
const graphics: [string, string][] = [
  ...['focus', 'lane-credits', 'lane-byok', 'lane-local', 'lane-subscription', 'danger'].flatMap((fg) => ['bg', 'surface'].map((bg): [string, string] => [fg, bg])),
  ['lane-credits', 'surface-2'], ['danger', 'surface-2'], // the meter's fill on its track
  // The provider health dot under a key group's header (on the page background).
  ...['ok', 'warn', 'danger', 'info', 'muted'].map((fg): [string, string] => [fg, 'bg']),
];

describe.each([['light', light], ['dark', dark]] as const)('theme contrast in %s', (_scheme, colours) => {
  it('reads every colour it checks from theme.css', () => {
    for (const [a, b] of [...text, ...graphics]) expect([colours[a], colours[b]]).toEqual([expect.stringMatching(/^#/), expect.stringMatching(/^#/)]);
  });

  it('text and chips reach 4.5:1', () => {
    const low = text.filter(([fg, bg]) => contrast(colours[fg]!, colours[bg]!) < 4.5).map(([fg, bg]) => `${fg} on ${bg}: ${contrast(colours[fg]!, colours[bg]!).toFixed(2)}`);
    expect(low).toEqual([]);
  });

  it('focus rings, chart bars, lane dots and the meter reach 3:1 against what they sit on', () => {
    const low = graphics.filter(([fg, bg]) => contrast(colours[fg]!, colours[bg]!) < 3).map(([fg, bg]) => `${fg} on ${bg}: ${contrast(colours[fg]!, colours[bg]!).toFixed(2)}`);
    expect(low).toEqual([]);
  });
});
