// Generates the tray icons from SVG: for each app status a colour PNG at 1x (16 px) and 2x (32 px), and a
// macOS template variant (black with alpha; the menu bar tints it), so the status reads by shape alone too.
// Run: node scripts/generate-tray-icons.mjs [OUT_DIR]   (default assets/tray/, whose PNGs are committed;
// a test regenerates them elsewhere and compares, so the committed icons are exactly this script's output)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const outDir = process.argv[2] ? join(process.argv[2], '/') : fileURLToPath(new URL('../assets/tray/', import.meta.url));

// One shape per status (16-unit grid): a full disc, a warning triangle, a disc with a cross cut out, and
// a ring half full (credits running down).
const shapes = {
  ok: (fill) => `<circle cx="8" cy="8" r="6" fill="${fill}"/>`,
  attention: (fill) =>
    `<path d="M8 1.5 L15 14.5 H1 Z" fill="${fill}" stroke="${fill}" stroke-width="1" stroke-linejoin="round"/>` +
    `<rect x="7.1" y="5.5" width="1.8" height="5" rx="0.9" fill="#000" class="cut"/><circle cx="8" cy="12.6" r="1" fill="#000" class="cut"/>`,
  failing: (fill) =>
    `<circle cx="8" cy="8" r="7" fill="${fill}"/>` +
    `<path d="M5.2 5.2 L10.8 10.8 M10.8 5.2 L5.2 10.8" stroke="#000" stroke-width="2" stroke-linecap="round" class="cut"/>`,
  low_credits: (fill) =>
    `<circle cx="8" cy="8" r="6" fill="none" stroke="${fill}" stroke-width="2"/>` +
    `<path d="M8 3 A5 5 0 0 1 8 13 Z" fill="${fill}" transform="rotate(90 8 8)"/>`,
};

const colours = { ok: '#1f9d55', attention: '#e0a100', failing: '#d92d20', low_credits: '#2d6fd6' };

/** Colour icons draw the cut-outs white; template icons punch them out (mask), leaving alpha only. */
function svg(status, template) {
  const fill = template ? '#000' : colours[status];
  const body = shapes[status](fill);
  if (!template) return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">${body.replaceAll('fill="#000" class="cut"', 'fill="#fff"').replaceAll('stroke="#000"', 'stroke="#fff"')}</svg>`;
  const cuts = body.match(/<[^>]*class="cut"[^>]*\/>/g) ?? [];
  const solid = body.replace(/<[^>]*class="cut"[^>]*\/>/g, '');
  const mask = cuts.join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><defs><mask id="m"><rect width="16" height="16" fill="#fff"/>${mask}</mask></defs>` +
    `<g mask="url(#m)">${solid}</g></svg>`
  );
}

function render(source, size) {
  return new Resvg(source, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

mkdirSync(outDir, { recursive: true });
const written = [];
for (const status of Object.keys(shapes)) {
  for (const template of [false, true]) {
    const source = svg(status, template);
    const base = `${status}${template ? 'Template' : ''}`;
    for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
      writeFileSync(`${outDir}${base}${suffix}.png`, render(source, size));
      written.push(`${base}${suffix}.png`);
    }
  }
}
console.log(`wrote ${written.length} tray icons to ${outDir}: ${written.join(', ')}`);
