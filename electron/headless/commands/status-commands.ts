// `status`: the one app status the tray shows (ok, attention, failing, low_credits), with its lines; and
// `notifications [on|off]`, the switch that silences failure notifications.
// Exit 0 whenever the status could be read, whatever it is (DESIGN.md: exit 3 is for `keys check` only);
// scripts read `status` from `--json`.
import type { StatusPreferences, StatusReport } from '../../../shared/channels/status';
import { exitCodes, UsageError, type Command } from '../cli-command';

const marks = { ok: 'ok', attention: 'attention', failing: 'FAILING', low_credits: 'low credits' } as const;

export const statusCommands: Command[] = [
  {
    words: ['status'],
    summary: 'The app status (ok, attention, failing, low_credits) and one line per provider and for credits',
    async run(context) {
      const report = await context.call<StatusReport>('app:status');
      if (context.json) {
        context.printJson(report);
        return exitCodes.ok;
      }
      context.print(`${marks[report.status]}: ${report.headline}`);
      for (const entry of report.providers) context.print(`  ${entry.line}`);
      if (report.creditsLine) context.print(`  ${report.creditsLine}`);
      return exitCodes.ok;
    },
  },
  {
    words: ['notifications'],
    args: '[on|off]',
    summary: 'Show, or turn on or off, the desktop notification when a key fails or credits run low',
    async run(context) {
      const [wanted, ...extra] = context.positionals;
      if (extra.length > 0 || (wanted !== undefined && wanted !== 'on' && wanted !== 'off')) {
        throw new UsageError(`notifications takes "on" or "off", not "${context.positionals.join(' ')}"`);
      }
      const preferences =
        wanted === undefined
          ? await context.call<StatusPreferences>('app:preferences')
          : await context.call<StatusPreferences>('app:set-preferences', { notificationsEnabled: wanted === 'on' });
      if (context.json) context.printJson(preferences);
      else context.print(`notifications ${preferences.notificationsEnabled ? 'on' : 'off'}`);
      return exitCodes.ok;
    },
  },
];
