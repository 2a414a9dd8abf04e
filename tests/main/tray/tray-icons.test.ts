import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconFile, trayIconPath } from '../../../electron/main/tray/tray-icons';
import { appStatuses } from '../../../shared/channels/status';

const iconDir = fileURLToPath(new URL('../../../assets/tray/', import.meta.url));

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(file: string) {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

/** The RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what the generator writes), filters undone. */
function rgbaPixels(file: string): Uint8Array[] {
  const bytes = readFileSync(file);
  const { width } = pngHeader(file);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rows: Uint8Array[] = [];
  let previous = new Uint8Array(stride);
  for (let at = 0; at < raw.length; at += stride + 1) {
    const filter = raw[at]!;
    const row = Uint8Array.from(raw.subarray(at + 1, at + 1 + stride));
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? row[i - 4]! : 0;
      const up = previous[i]!;
      const upLeft = i >= 4 ? previous[i - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const add = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      row[i] = (row[i]! + add) & 0xff;
    }
    rows.push(row);
    previous = row;
  }
  return rows;
}

/** The [r, g, b, a] of every pixel whose alpha is at least `minAlpha`. */
function paintedPixels(file: string, minAlpha: number): Uint8Array[] {
  return rgbaPixels(file).flatMap((row) => [...Array(row.length / 4).keys()].map((x) => row.subarray(x * 4, x * 4 + 4))).filter((pixel) => pixel[3]! >= minAlpha);
}

describe('tray icons', () => {
  it('the committed PNGs are exactly what scripts/generate-tray-icons.mjs makes from its SVG', () => {
    const out = mkdtempSync(join(tmpdir(), 'nome-tray-icons-'));
    try {
      execFileSync(process.execPath, ['scripts/generate-tray-icons.mjs', out], { stdio: 'ignore' });
      const generated = readdirSync(out).sort();
      expect(generated).toEqual(readdirSync(iconDir).sort());
      expect(generated).toHaveLength(appStatuses.length * 4);
      for (const file of generated) expect(readFileSync(join(out, file)).equals(readFileSync(`${iconDir}${file}`)), file).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each(appStatuses)('the macOS template for %s is black with alpha only, and each status has its own shape', (status) => {
    for (const size of ['', '@2x']) {
      const painted = paintedPixels(`${iconDir}${status}Template${size}.png`, 1);
      expect(painted.length).toBeGreaterThan(0);
      expect(painted.every((pixel) => pixel[0] === 0 && pixel[1] === 0 && pixel[2] === 0)).toBe(true);
    }
    const alpha = (name: string) => rgbaPixels(`${iconDir}${name}Template@2x.png`).map((row) => row.filter((_, i) => i % 4 === 3).join(',')).join(';');
    for (const other of appStatuses.filter((s) => s !== status)) expect(alpha(status)).not.toBe(alpha(other));
  });

  it('the colour icons are not black: the status reads by colour where the OS shows colour', () => {
    for (const status of appStatuses) {
      const painted = paintedPixels(`${iconDir}${status}.png`, 255);
      expect(painted.some((pixel) => pixel[0]! + pixel[1]! + pixel[2]! > 100), status).toBe(true);
    }
  });

  it.each(appStatuses)('%s has a colour and a template PNG at 16 px and 32 px, with alpha', (status) => {
    for (const base of [status, `${status}Template`]) {
      expect(pngHeader(`${iconDir}${base}.png`)).toEqual({ width: 16, height: 16, colourType: 6 });
      expect(pngHeader(`${iconDir}${base}@2x.png`)).toEqual({ width: 32, height: 32, colourType: 6 });
    }
  });

  it('macOS uses the template variant, other platforms the colour one', () => {
    expect(trayIconFile('failing', 'darwin')).toBe('failingTemplate.png');
    expect(trayIconFile('failing', 'linux')).toBe('failing.png');
    expect(trayIconFile('low_credits', 'win32')).toBe('low_credits.png');
    expect(trayIconPath('/icons', 'ok', 'linux')).toBe('/icons/ok.png');
  });
});
