import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/run-cli';

let dataDir: string;

async function cli(args: string[]) {
  return runCliCaptured(['--data-dir', dataDir, ...args]);
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-status-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('nome-settings status', () => {
  it('--json prints { status, lines } and exits 0', async () => {
    const { code, out, err } = await cli(['status', '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { status: string; lines: string[]; tooltip: string };
    expect(['ok', 'attention', 'failing', 'low_credits']).toContain(report.status);
    expect(Array.isArray(report.lines)).toBe(true);
    expect(report.lines[0]).toBe(report.tooltip.replace('NOME Settings: ', ''));
  });

  it('without --json prints the headline first', async () => {
    const { code, out } = await cli(['status']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^(ok|attention|FAILING|low credits): /);
  });

  it('an unknown flag is a usage error', async () => {
    expect((await cli(['status', '--loud'])).code).toBe(2);
  });

  it('notifications on|off persists the setting in the data dir', async () => {
    expect(await cli(['notifications'])).toMatchObject({ code: 0, out: 'notifications on\n' });
    expect(await cli(['notifications', 'off'])).toMatchObject({ code: 0, out: 'notifications off\n' });
    expect(JSON.parse((await cli(['notifications', '--json'])).out)).toEqual({ notificationsEnabled: false, openSettingsShortcut: 'CmdOrCtrl+Shift+Comma' });
    expect((await cli(['notifications', 'loud'])).code).toBe(2);
  });
});
