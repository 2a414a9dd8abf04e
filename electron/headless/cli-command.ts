// What a CLI command is: words, options, and a run function over the in-process core.
import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core/create-core';
import type { HeadlessOptions } from './host';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly json: boolean;
  readonly values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  readonly positionals: string[];
  /** Builds the core lazily: `--help` never touches the data dir or the keyring, and `scrub` only reads them. */
  core(): Core;
  /** Calls a channel through the shared router and returns its value, or throws the wire error. */
  call<T = unknown>(channel: string, input?: unknown): Promise<T>;
  print(line: string): void;
  printJson(value: unknown): void;
  readonly hostOptions: HeadlessOptions;
}

export interface Command {
  /** e.g. ['keys', 'add'] */
  readonly words: readonly string[];
  readonly summary: string;
  /** Positional arguments in the usage line, e.g. '[ID...]'. */
  readonly args?: string;
  readonly options?: Record<string, OptionSpec>;
  /** The host kind app:info reports; 'cli' unless the command is a long-running host. */
  readonly hostKind?: 'serve';
  /** Returns the exit code. */
  run(context: CommandContext): Promise<number>;
}

/** Exit codes from the design. */
export const exitCodes = { ok: 0, failure: 1, usage: 2, notOk: 3 } as const;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
