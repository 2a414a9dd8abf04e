import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

describe('tray icons', () => {
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
