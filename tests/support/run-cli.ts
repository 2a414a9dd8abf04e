// Runs the CLI in-process with captured stdin, stdout and stderr, the way every CLI test needs it.
import { PassThrough } from 'node:stream';
import { runCli } from '../../electron/headless/cli';
import type { HeadlessOptions } from '../../electron/headless/host';
import { createTestCipher } from './test-cipher';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface CliRunOptions {
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  /** Host overrides; the reversible test cipher unless a test hands in a real one. */
  readonly host?: Partial<HeadlessOptions>;
}

export async function runCliCaptured(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await runCli(args, { stdin, stdout, stderr, env: options.env ?? {} }, { cipher: createTestCipher(), ...options.host });
  return { code, out, err };
}
