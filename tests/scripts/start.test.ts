// `npm start` (scripts/start.mjs): builds, then launches Electron; when the Electron binary cannot be
// obtained it prints one line pointing to `npm run serve`, with no stack trace. The real script runs in a
// scratch project whose `electron` package is a stand-in: its install.js fails the way a download with no
// network does, or "downloads" a small program in place of the binary (the real one cannot run here).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const startScript = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));
let project: string;

/** What Electron's install.js prints when it cannot reach the download host. */
const failingInstall = `
console.error('HTTPError: getaddrinfo ENOTFOUND github.com');
console.error('    at ClientRequest.<anonymous> (node_modules/@electron/get/dist/index.js:1:1)');
process.exit(1);
`;

/** Writes path.txt and a "binary" that records its argv and exits 7, as a successful download would. */
const succeedingInstall = `
const { chmodSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
mkdirSync(join(__dirname, 'dist'), { recursive: true });
writeFileSync(join(__dirname, 'path.txt'), 'electron');
writeFileSync(join(__dirname, 'dist', 'electron'), '#!/bin/sh\\nprintf "%s\\\\n" "$@" > "$(dirname "$0")/../argv.txt"\\nexit 7\\n');
chmodSync(join(__dirname, 'dist', 'electron'), 0o755);
`;

function scaffold(options: { install: string; build?: string }) {
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', scripts: { build: options.build ?? 'node -e 0' } }));
  mkdirSync(join(project, 'scripts'));
  copyFileSync(startScript, join(project, 'scripts', 'start.mjs'));
  const electron = join(project, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '0.0.0' }));
  writeFileSync(join(electron, 'install.js'), options.install);
}

function start(args: string[] = []) {
  const result = spawnSync(process.execPath, [join(project, 'scripts', 'start.mjs'), ...args], { cwd: project, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'nome-start-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('npm start', () => {
  it('without an Electron binary it prints one line pointing to npm run serve, and no stack trace', () => {
    scaffold({ install: failingInstall });
    const { code, stdout, stderr } = start();
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Electron binary could not be downloaded/);
    expect(lines[0]).toContain('npm run serve');
    expect(`${stdout}${stderr}`).not.toMatch(/^\s+at /m);
    expect(`${stdout}${stderr}`).not.toContain('ENOTFOUND');
  });

  it('with the binary it launches Electron on the app, passing its arguments, and exits with its code', () => {
    scaffold({ install: succeedingInstall });
    const { code, stderr } = start(['--demo']);
    expect(stderr).toBe('');
    expect(code).toBe(7);
    expect(readFileSync(join(project, 'node_modules', 'electron', 'argv.txt'), 'utf8').split('\n')).toEqual(['.', '--demo', '']);
  });

  it('a failed build stops it with the build exit code, before any download', () => {
    scaffold({ install: 'require("node:fs").writeFileSync(__dirname + "/tried", ""); process.exit(1);', build: 'node -e "process.exit(4)"' });
    const { code, stderr } = start();
    expect(code).toBe(4);
    expect(stderr).not.toContain('Electron binary');
    expect(existsSync(join(project, 'node_modules', 'electron', 'tried'))).toBe(false);
  });
});
