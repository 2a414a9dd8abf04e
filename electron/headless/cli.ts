// `nome-settings`: the CLI face of the same core. Parses global flags, finds the command, runs it,
// and maps every failure to one scrubbed line on stderr and an exit code from the design.
import { parseArgs } from 'node:util';
import { isWireError } from '../../shared/api';
import type { Core } from '../core/create-core';
import { createScrubber, type Scrubber } from '../core/scrub/scrubber';
import { exitCodes, UsageError, type CliIo, type Command, type CommandContext, type OptionSpec } from './cli-command';
import { appCommands } from './commands/app-commands';
import { serveCommands } from './commands/serve-command';
import { statusCommands } from './commands/status-commands';
import { seatsCommands } from './commands/seats-commands';
import { keysCommands } from './commands/keys-commands';
import { creditsCommands } from './commands/credits-commands';
import { receiptsCommands } from './commands/receipts-commands';
import { scrubCommands } from './commands/scrub-commands';
import { statusPagesCommands } from './commands/status-pages-commands';
import { createHeadlessCore, type HeadlessOptions } from './host';

export const commands: readonly Command[] = [...appCommands, ...serveCommands, ...seatsCommands, ...statusCommands, ...keysCommands, ...creditsCommands, ...receiptsCommands, ...statusPagesCommands, ...scrubCommands];

const globalOptions: Record<string, OptionSpec> = {
  'data-dir': { type: 'string', description: 'Data directory (default: NOME_DATA_DIR, then the platform config dir)', valueName: 'DIR' },
  json: { type: 'boolean', description: 'Machine-readable output' },
  demo: { type: 'boolean', description: 'Seed a realistic month of demo data (never on by default)' },
  'allow-file-key': { type: 'boolean', description: 'Without an OS keyring, keep the master key in a 0600 file (weaker)' },
  help: { type: 'boolean', short: 'h', description: 'Show help' },
};

function optionLines(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, spec]) => {
    const flag = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}${spec.multiple ? '...' : ''}`;
    return `  ${flag.padEnd(28)} ${spec.description}`;
  });
}

export function helpText(command?: Command): string {
  if (command) {
    return [
      `Usage: nome-settings [global options] ${command.words.join(' ')}${command.args ? ` ${command.args}` : ''} [options]`,
      '',
      command.summary,
      ...(command.options ? ['', 'Options:', ...optionLines(command.options)] : []),
      '',
      'Global options:',
      ...optionLines(globalOptions),
    ].join('\n');
  }
  const width = Math.max(...commands.map((c) => `${c.words.join(' ')}${c.args ? ` ${c.args}` : ''}`.length));
  return [
    'Usage: nome-settings [--data-dir DIR] [--json] <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${`${c.words.join(' ')}${c.args ? ` ${c.args}` : ''}`.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    ...optionLines(globalOptions),
    '',
    'Secrets are read from stdin only. Exit codes: 0 success, 1 failure, 2 usage error, 3 a checked key is not ok.',
    "Run 'nome-settings <command> --help' for a command's options.",
  ].join('\n');
}

function toParseOptions(options: Record<string, OptionSpec>) {
  return Object.fromEntries(Object.entries(options).map(([name, { description: _d, valueName: _v, ...spec }]) => [name, spec]));
}

/** The command whose words are the longest prefix of the positionals. */
function findCommand(positionals: string[]): Command | undefined {
  return [...commands]
    .sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((word, index) => positionals[index] === word));
}

let activeScrubber: () => Scrubber = createScrubber;

/** The scrubber crash output should use right now (for the crash writer the Node entry point installs). */
export function currentScrubber(): Scrubber {
  return activeScrubber();
}

export async function runCli(argv: string[], io: CliIo, hostOverrides: Partial<HeadlessOptions> = {}): Promise<number> {
  let core = null as Core | null;
  // The core's scrubber once there is one (it knows the vault's secrets); the pattern rules before that.
  const fallbackScrubber = createScrubber();
  activeScrubber = () => core?.scrubber ?? fallbackScrubber;
  const printError = (message: string) => io.stderr.write(`nome-settings: ${activeScrubber().scrub(message)}\n`);
  try {
    const allOptions = Object.assign({}, globalOptions, ...commands.map((c) => c.options ?? {})) as Record<string, OptionSpec>;
    const loose = parseArgs({ args: argv, options: toParseOptions(allOptions), strict: false, allowPositionals: true });
    const command = findCommand(loose.positionals);
    if (!command) {
      if (loose.values.help || loose.positionals.length === 0) {
        io.stdout.write(`${helpText()}\n`);
        return loose.values.help ? exitCodes.ok : exitCodes.usage;
      }
      throw new UsageError(`unknown command "${loose.positionals.join(' ')}"; run 'nome-settings --help'`);
    }
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: toParseOptions({ ...globalOptions, ...(command.options ?? {}) }),
        strict: true,
        allowPositionals: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (parsed.values.help) {
      io.stdout.write(`${helpText(command)}\n`);
      return exitCodes.ok;
    }
    const values = parsed.values as CommandContext['values'];
    const hostOptions: HeadlessOptions = {
      kind: command.hostKind ?? 'cli',
      dataDir: values['data-dir'] as string | undefined,
      env: io.env,
      demo: values.demo === true,
      allowFileKey: values['allow-file-key'] === true,
      ...hostOverrides,
    };
    const context: CommandContext = {
      io,
      json: values.json === true,
      values,
      positionals: parsed.positionals.slice(command.words.length),
      hostOptions,
      core: () => (core ??= createHeadlessCore(hostOptions)),
      async call(channel, input) {
        const result = await context.core().router.invoke(channel, input);
        if (!result.ok) throw result.error;
        return result.value as never;
      },
      print: (line) => io.stdout.write(`${line}\n`),
      printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    };
    return await command.run(context);
  } catch (error) {
    if (error instanceof UsageError) {
      printError(error.message);
      return exitCodes.usage;
    }
    if (isWireError(error)) {
      printError(`${error.message} (${error.code})`);
      return error.code === 'bad_input' ? exitCodes.usage : exitCodes.failure;
    }
    printError(error instanceof Error ? error.message : String(error));
    return exitCodes.failure;
  } finally {
    await core?.dispose();
  }
}
