// `status`: the one app status the tray shows (ok, attention, failing, low_credits), with its lines.
// Exit 0 whenever the status could be read, whatever it is (DESIGN.md: exit 3 is for `keys check` only);
// scripts read `status` from `--json`.
import type { StatusReport } from '../../../shared/channels/status';
import { exitCodes, type Command } from '../cli-command';

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
];
