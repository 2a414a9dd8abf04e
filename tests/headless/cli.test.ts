import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/run-cli';

let dataDir: string;

async function cli(args: string[], env: Record<string, string> = {}) {
  return runCliCaptured(args, { env });
}

/** A minimal built renderer in the data dir, so serve gets past its is-it-built check. */
function rendererDir(): string {
  const dir = join(dataDir, 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('nome-settings CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: nome-settings/);
    expect(out).toMatch(/serve/);
  });

  it('no command is a usage error (exit 2) that still shows help', async () => {
    const { code, out } = await cli([]);
    expect(code).toBe(2);
    expect(out).toMatch(/Commands:/);
  });

  it('an unknown command or flag is exit 2 with one line on stderr', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim().split('\n')).toHaveLength(1);
    const badFlag = await cli(['info', '--no-such-flag']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.err).toMatch(/no-such-flag/);
  });

  it('info --json prints app:info for the data dir given by flag or NOME_DATA_DIR', async () => {
    const byFlag = await cli(['--data-dir', dataDir, 'info', '--json']);
    expect(byFlag.code).toBe(0);
    expect(JSON.parse(byFlag.out)).toMatchObject({ name: 'NOME Settings', host: 'cli', dataDir });
    const byEnv = await cli(['info', '--json'], { NOME_DATA_DIR: dataDir });
    expect(JSON.parse(byEnv.out).dataDir).toBe(dataDir);
  });

  it('a command help shows its options and exits 0', async () => {
    const { code, out } = await cli(['serve', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/--port N/);
  });

  it('serve on a port already in use fails with one line that says so (exit 1)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const { code, out, err } = await cli(['--data-dir', dataDir, 'serve', '--port', String(port)], { NOME_RENDERER_DIR: rendererDir() });
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toBe(`nome-settings: port ${port} on 127.0.0.1 is already in use; choose another with --port N, or leave --port out for a free one\n`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('serve without a built renderer says to run npm run build (exit 1)', async () => {
    const { code, out, err } = await cli(['--data-dir', dataDir, 'serve'], { NOME_RENDERER_DIR: join(dataDir, 'no-renderer') });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toEqual([expect.stringMatching(/the renderer is not built .*run 'npm run build' first/)]);
  });

  it('serve refuses a bad port as a usage error', async () => {
    const { code, err } = await cli(['--data-dir', dataDir, 'serve', '--port', 'eighty']);
    expect(code).toBe(2);
    expect(err).toMatch(/--port/);
  });
});
