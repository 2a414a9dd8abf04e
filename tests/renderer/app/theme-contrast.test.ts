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
  // And on surface-2, the third background a lane colour may sit on.
  ...['lane-credits', 'lane-byok', 'lane-local', 'lane-subscription'].map((fg): [string, string] => [fg, 'surface-2']),
  ['lane-credits', 'surface-2'], ['danger', 'surface-2'], // the meter's fill on its track
  // The provider health dot under a key group's header (on the page background).
  ...['ok', 'warn', 'danger', 'info', 'muted'].map((fg): [string, string] => [fg, 'bg']),
];

// Colour vision deficiency: Machado, Oliveira & Fernandes (2009) full-severity matrices on linear RGB, then CIELAB.
const deficiencies: Record<string, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
  typical: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};
function linear(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
}
function lab(rgb: number[]): number[] {
  const [r, g, b] = rgb.map((c) => Math.min(1, Math.max(0, c))) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [x, y, z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const seenAs = (matrix: number[][], hex: string) => lab(matrix.map((row) => row.reduce((sum, m, i) => sum + m * linear(hex)[i]!, 0)));
const lanes = ['lane-credits', 'lane-byok', 'lane-local', 'lane-subscription'];

describe.each([['light', light], ['dark', dark]] as const)('theme contrast in %s', (_scheme, colours) => {
  it('the four lane colours (chart series, lane dots) stay apart under protanopia, deuteranopia and tritanopia: ΔE76 ≥ 25', () => {
    const close: string[] = [];
    for (const [name, matrix] of Object.entries(deficiencies)) {
      for (const [i, a] of lanes.entries()) {
        for (const b of lanes.slice(i + 1)) {
          const [p, q] = [seenAs(matrix, colours[a]!), seenAs(matrix, colours[b]!)];
          const distance = Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
          if (distance < 25) close.push(`${a} and ${b} under ${name}: ${distance.toFixed(1)}`);
        }
      }
    }
    expect(close).toEqual([]);
  });

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
