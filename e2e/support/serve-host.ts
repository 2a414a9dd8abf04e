// Starts `nome-settings serve` as a real child process on a fresh data dir and hands its URL to a spec.
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServeHost {
  /** The URL serve printed, with its access token. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly dataDir?: string;
}

export async function startServeHost(options: ServeOptions = {}): Promise<ServeHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nome-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/nome-settings.js', '--data-dir', dataDir, ...(options.args ?? []), 'serve'], {
    // e2e runs without a keyring session; the file key is the explicit, labelled opt-in.
    // Tests never reach the real internet: status pages are off unless a spec points them at an emulator.
    env: { ...process.env, NOME_ALLOW_FILE_KEY: '1', NOME_STATUS_PAGES: 'off', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 20 s: ${stderr}`)), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const url = new URL(firstLine);
  return {
    url: firstLine,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Console errors and page errors a spec must end without. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export const test = base.extend<{ serve: ServeHost; pageErrors: string[] }>({
  serve: async ({}, use) => {
    const host = await startServeHost();
    await use(host);
    await host.stop();
  },
  pageErrors: async ({ page }, use) => {
    await use(collectPageErrors(page));
  },
});

export { expect };
