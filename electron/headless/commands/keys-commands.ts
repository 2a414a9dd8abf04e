// `keys …`: the vault from the command line. Secrets come from stdin only, never argv, so they stay out
// of shell history and process listings; `--json` prints the DESIGN.md card and check-result shapes.
import type { AppInfo } from '../../../shared/channels/app';
import type { CheckResult } from '../../../shared/channels/checks';
import { maxSecretLength, noKeyMasked, type KeyCard, type KeySaveResult, type StorageConsent } from '../../../shared/channels/keys';
import { parseHeaderLine } from '../../../shared/endpoint-rules';
import { providerIds } from '../../../shared/providers';
import { exitCodes, UsageError, type Command, type CommandContext, type OptionSpec } from '../cli-command';
import { incidentLine } from './app-commands';

/** Reads the secret from stdin, refusing more than a key could be before buffering it all. */
export async function readSecretFromStdin(context: CommandContext): Promise<string> {
  const stdin = context.io.stdin as NodeJS.ReadableStream & { isTTY?: boolean };
  if (stdin.isTTY) context.io.stderr.write('Paste the key, then press Enter and Ctrl-D:\n');
  const limit = maxSecretLength * 2;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new UsageError(`stdin holds more than a key could be (at most ${maxSecretLength} characters)`);
    chunks.push(buffer);
  }
  const secret = Buffer.concat(chunks).toString('utf8').trim();
  if (!secret) throw new UsageError('no key on stdin; pipe it in, e.g. `pass show openai | nome-settings keys add --provider openai`');
  return secret;
}

function providerOption(context: CommandContext): string {
  const provider = context.values.provider;
  if (typeof provider !== 'string' || !(providerIds as readonly string[]).includes(provider)) {
    throw new UsageError(`--provider must be one of ${providerIds.join(', ')}`);
  }
  return provider;
}

/** `--header "Name: value"` and `--header-env Name=VAR`. A value in argv is visible to every user of the
 *  machine (`ps`); one read from this process's environment is not, so secret header values go that way. */
function headerOptions(context: CommandContext): Array<{ name: string; value: string }> | undefined {
  const lines = context.values.header as string[] | undefined;
  const fromEnv = context.values['header-env'] as string[] | undefined;
  if (lines === undefined && fromEnv === undefined) return undefined;
  const given = (lines ?? []).map((line) => {
    const header = parseHeaderLine(line);
    if (!header) throw new UsageError(`--header takes "Name: value", got "${line.split(':')[0]?.slice(0, 40)}"`);
    return header;
  });
  const read = (fromEnv ?? []).map((pair) => {
    const match = /^([^=\s]{1,128})=([A-Za-z_][A-Za-z0-9_]{0,127})$/.exec(pair);
    if (!match) throw new UsageError(`--header-env takes Name=ENV_VAR (e.g. X-Api-Key=GATEWAY_KEY), got "${pair.slice(0, 40)}"`);
    const value = context.hostOptions.env[match[2]!];
    if (value === undefined || value === '') throw new UsageError(`--header-env: the environment variable ${match[2]} is not set or empty`);
    return { name: match[1]!, value };
  });
  return [...given, ...read];
}

const headerFlags = {
  header: { type: 'string', multiple: true, description: 'Custom header for the endpoint (visible in `ps`: use --header-env for a secret value)', valueName: '"Name: value"' },
  'header-env': { type: 'string', multiple: true, description: 'Custom header whose value is read from an environment variable; sealed like a key', valueName: 'Name=ENV_VAR' },
} satisfies Record<string, OptionSpec>;

/** `--option preset=openrouter`, `--option project=my-proj`: provider settings the check uses. */
function providerOptions(context: CommandContext): Record<string, string> | undefined {
  const pairs = context.values.option;
  if (pairs === undefined) return undefined;
  return Object.fromEntries(
    (pairs as string[]).map((pair) => {
      const match = /^([A-Za-z][\w-]{0,63})=(.*)$/s.exec(pair);
      if (!match) throw new UsageError(`--option takes KEY=VALUE (e.g. preset=openrouter, project=my-project, region=us-central1), got "${pair.slice(0, 40)}"`);
      return [match[1]!, match[2]!];
    }),
  );
}

const optionFlag = {
  option: {
    type: 'string',
    multiple: true,
    description: 'Provider setting for checks: preset=openrouter|groq|…, project=…, region=… (repeatable)',
    valueName: 'KEY=VALUE',
  },
} as const satisfies Record<string, OptionSpec>;

function cardLine(card: KeyCard): string {
  const flags = [card.kind === 'admin' ? 'admin key' : null, card.readOnly ? `from ${card.source}` : null, card.storage.weaker ? 'weaker storage' : null, card.needsReentry ? 'needs re-entry' : null]
    .filter(Boolean)
    .join(', ');
  return `${card.id.padEnd(26)} ${card.provider.padEnd(18)} ${card.masked.padEnd(24)} ${card.state.padEnd(13)} ${card.label}${flags ? ` (${flags})` : ''}`;
}

function checkLine(result: CheckResult): string {
  const status = result.httpStatus === null ? '' : ` HTTP ${result.httpStatus}`;
  return `${(result.id ?? 'candidate').padEnd(26)} ${result.provider.padEnd(18)} ${result.state.padEnd(13)}${status} ${result.message}`;
}

function printSaved(context: CommandContext, saved: KeySaveResult): number {
  for (const warning of saved.warnings) context.io.stderr.write(`warning: ${context.core().scrubber.scrub(warning)}\n`);
  if (context.json) {
    context.printJson(saved);
    return exitCodes.ok;
  }
  const what = saved.card.masked === noKeyMasked ? 'the endpoint (no key)' : saved.card.masked;
  context.print(`saved ${what} as ${saved.card.id} (${saved.card.label})`);
  context.print(saved.check ? `check: ${saved.check.state}: ${saved.check.message}` : 'check: skipped');
  if (saved.card.storage.weaker) context.print('storage: weaker (key file instead of the OS keyring)');
  return exitCodes.ok;
}

const saveOptions: Record<string, OptionSpec> = {
  'no-check': { type: 'boolean', description: 'Save without checking the key with its provider first' },
  force: { type: 'boolean', description: 'Save even if the check says the key is invalid, or it goes to a foreign host' },
};

export const keysCommands: Command[] = [
  {
    words: ['keys', 'list'],
    summary: 'Stored keys in priority order, then environment keys (masked; secrets never shown)',
    async run(context) {
      const cards = await context.call<KeyCard[]>('keys:list');
      // Records the store keeps but this version cannot read are not cards; say they are there (stderr under
      // --json, so the card array stays what scripts parse).
      const kept = (await context.call<AppInfo>('app:info')).incidents.filter((incident) => incident.kind === 'unreadable_record_kept');
      if (context.json) context.printJson(cards);
      else if (cards.length === 0 && kept.length === 0) context.print('No keys yet. Add one: nome-settings keys add --provider openai < key.txt');
      else for (const card of cards) context.print(cardLine(card));
      for (const incident of kept) {
        const line = `notice: ${incidentLine(incident)}`;
        if (context.json) context.io.stderr.write(`${line}\n`);
        else context.print(line);
      }
      return exitCodes.ok;
    },
  },
  {
    words: ['keys', 'add'],
    summary: 'Check a key read from stdin, then seal and store it (--no-key: a local endpoint that needs none)',
    options: {
      provider: { type: 'string', description: `Provider: ${providerIds.join(', ')}`, valueName: 'ID' },
      'no-key': { type: 'boolean', description: 'The openai-compatible endpoint needs no key (a local Ollama, LM Studio, llama.cpp or vLLM); stdin is not read' },
      label: { type: 'string', description: 'A name for this key', valueName: 'TEXT' },
      'base-url': { type: 'string', description: 'Replace the provider’s API root (required for openai-compatible)', valueName: 'URL' },
      ...headerFlags,
      ...optionFlag,
      ...saveOptions,
    },
    async run(context) {
      const provider = providerOption(context);
      const noKey = context.values['no-key'] === true;
      // A keyless endpoint reads nothing from stdin; the vault refuses --no-key for any other provider.
      const secret = noKey ? undefined : await readSecretFromStdin(context);
      const headers = headerOptions(context);
      const options = providerOptions(context);
      const force = context.values.force === true;
      const saved = await context.call<KeySaveResult>('keys:add', {
        provider,
        ...(noKey ? { noKey } : { secret }),
        label: context.values.label,
        baseUrl: context.values['base-url'],
        ...(headers ? { headers } : {}),
        ...(options ? { options } : {}),
        check: context.values['no-check'] !== true,
        force,
        allowForeignHost: force,
      });
      return printSaved(context, saved);
    },
  },
  {
    words: ['keys', 'replace'],
    summary: 'Rotate a key: check the new one from stdin; the old one stays until the new one is saved',
    args: 'ID',
    options: saveOptions,
    async run(context) {
      const [id] = context.positionals;
      if (!id || context.positionals.length > 1) throw new UsageError('give exactly one key id');
      const secret = await readSecretFromStdin(context);
      const force = context.values.force === true;
      return printSaved(context, await context.call<KeySaveResult>('keys:replace', { id, secret, check: context.values['no-check'] !== true, force, allowForeignHost: force }));
    },
  },
  {
    words: ['keys', 'check'],
    summary: 'Check keys now (all when no ids are given); exit 3 when any is not ok',
    args: '[ID...]',
    async run(context) {
      const results = await context.call<CheckResult[]>('keys:check', context.positionals.length ? { ids: context.positionals } : {});
      if (context.json) context.printJson(results);
      else if (results.length === 0) context.print('No keys to check.');
      else for (const result of results) context.print(checkLine(result));
      return results.every((result) => result.state === 'ok') ? exitCodes.ok : exitCodes.notOk;
    },
  },
  {
    words: ['keys', 'remove'],
    summary: 'Remove a stored key',
    args: 'ID',
    async run(context) {
      const [id] = context.positionals;
      if (!id || context.positionals.length > 1) throw new UsageError('give exactly one key id');
      const removed = await context.call<{ removed: string }>('keys:remove', { id });
      if (context.json) context.printJson(removed);
      else context.print(`removed ${removed.removed}`);
      return exitCodes.ok;
    },
  },
  {
    words: ['keys', 'update'],
    summary: 'Change a key’s label, base URL, headers (given headers replace all), provider options or priority',
    args: 'ID',
    options: {
      label: { type: 'string', description: 'A name for this key', valueName: 'TEXT' },
      'base-url': { type: 'string', description: 'Replace the API root ("" for the provider default)', valueName: 'URL' },
      ...headerFlags,
      ...optionFlag,
      priority: { type: 'string', description: 'Move to this place in its provider’s order (0 first)', valueName: 'N' },
      force: { type: 'boolean', description: 'Allow sending a first-party key to a foreign host' },
    },
    async run(context) {
      const [id] = context.positionals;
      if (!id || context.positionals.length > 1) throw new UsageError('give exactly one key id');
      const priority = context.values.priority === undefined ? undefined : Number(context.values.priority);
      if (priority !== undefined && (!Number.isInteger(priority) || priority < 0)) throw new UsageError('--priority takes a whole number from 0');
      const baseUrl = context.values['base-url'] as string | undefined;
      const headers = headerOptions(context);
      const options = providerOptions(context);
      const card = await context.call<KeyCard>('keys:update', {
        id,
        label: context.values.label,
        ...(baseUrl === undefined ? {} : { baseUrl: baseUrl === '' ? null : baseUrl }),
        ...(headers ? { headers } : {}),
        ...(options ? { options } : {}),
        priority,
        allowForeignHost: context.values.force === true,
      });
      if (context.json) context.printJson(card);
      else context.print(cardLine(card));
      return exitCodes.ok;
    },
  },
  {
    words: ['keys', 'reorder'],
    summary: 'Set one provider’s key order: every stored id of that provider, first to last',
    args: 'ID...',
    options: { provider: { type: 'string', description: 'The provider whose keys are ordered', valueName: 'ID' } },
    async run(context) {
      const provider = providerOption(context);
      const cards = await context.call<KeyCard[]>('keys:reorder', { provider, ids: context.positionals });
      if (context.json) context.printJson(cards);
      else for (const card of cards) context.print(cardLine(card));
      return exitCodes.ok;
    },
  },
  {
    words: ['keys', 'models'],
    summary: 'The models a custom OpenAI-compatible endpoint offers (GET {base URL}/models)',
    args: 'ID',
    async run(context) {
      const [id] = context.positionals;
      if (!id || context.positionals.length > 1) throw new UsageError('give exactly one key id');
      const listed = await context.call<{ id: string; models: string[]; fetchedAt: string }>('keys:models', { id });
      if (context.json) context.printJson(listed);
      else if (listed.models.length === 0) context.print('The endpoint lists no models.');
      else for (const model of listed.models) context.print(model);
      return exitCodes.ok;
    },
  },
  {
    words: ['storage', 'consent'],
    summary: 'Show, give or withdraw consent to weaker storage (the desktop app on Linux without a keyring)',
    options: {
      give: { type: 'boolean', description: 'Agree that keys may be sealed with a fixed key (Linux basic_text)' },
      withdraw: { type: 'boolean', description: 'Withdraw it: nothing new is stored until a keyring is found' },
    },
    async run(context) {
      const give = context.values.give === true;
      const withdraw = context.values.withdraw === true;
      if (give && withdraw) throw new UsageError('give either --give or --withdraw, not both');
      const consent = await context.call<StorageConsent>('storage:consent', give || withdraw ? { weakerStorage: give } : undefined);
      if (context.json) context.printJson(consent);
      else context.print(consent.weakerStorage ? `weaker storage: agreed (${consent.at})` : `weaker storage: not agreed${consent.at ? ` (withdrawn ${consent.at})` : ''}`);
      // This host's own weaker storage is the key file, which takes --allow-file-key instead (DESIGN.md "Storage").
      if (!context.json && (give || withdraw)) context.print('This setting is the desktop app’s; the command line’s key file still needs --allow-file-key or NOME_ALLOW_FILE_KEY=1.');
      return exitCodes.ok;
    },
  },
  {
    words: ['keys', 'import-env'],
    summary: 'Copy an environment key (e.g. OPENAI_API_KEY) into the vault',
    args: 'NAME',
    options: saveOptions,
    async run(context) {
      const [name] = context.positionals;
      if (!name || context.positionals.length > 1) throw new UsageError('give exactly one variable name, e.g. OPENAI_API_KEY');
      return printSaved(context, await context.call<KeySaveResult>('keys:import-env', { name, check: context.values['no-check'] !== true, force: context.values.force === true }));
    },
  },
];
