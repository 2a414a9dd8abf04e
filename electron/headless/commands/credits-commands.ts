// `credits summary | top-up | plan`: the credit summary and the local account, for people and scripts.
import type { CreditSummary, TopUp } from '../../../shared/channels/credits';
import { exitCodes, UsageError, type Command, type CommandContext } from '../cli-command';

const number = (value: number, digits = 2) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const usd = (value: number) => `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 4 : 2)}`;

export function printSummary(context: CommandContext, s: CreditSummary): void {
  const day = (iso: string) => iso.slice(0, 10);
  context.print(`balance      ${number(s.totalBalance)} credits (${usd(s.totalBalance / 1000)})${s.source === 'remote' ? '  [account service]' : ''}`);
  context.print(`available    ${number(s.available)} credits${s.held ? ` (${number(s.held)} held for ${s.holds.length} turn${s.holds.length === 1 ? '' : 's'} in flight)` : ''}`);
  context.print(`this period  ${day(s.periodStart)} to ${day(s.periodEnd)} (resets ${day(s.resetsAt)}): used ${number(s.usedThisPeriod)} credits`);
  context.print(
    s.plan
      ? `plan         ${s.plan.name}: ${number(s.includedMonthlyAllocation)} credits a month, ${number(s.allocationRemaining)} left`
      : 'plan         none (0 credits included)',
  );
  if (s.note) context.print(`             ${s.note}`);
  context.print(`runway       ${s.runwayText} (${number(s.burnRatePerDay)} credits a day)`);
  context.print(`low balance  ${s.lowBalance.state} (threshold ${number(s.lowBalance.threshold)} credits)`);
  context.print('lanes this period:');
  for (const [lane, totals] of Object.entries(s.byLane)) {
    const money = lane === 'credits' ? `${number(totals.credits)} credits` : lane === 'byok' ? `${usd(totals.providerCostUsd)} billed by providers (estimate)` : 'no credits';
    const unpriced = totals.unpricedTurns ? `, ${totals.unpricedTurns} unpriced` : '';
    context.print(`  ${lane.padEnd(22)} ${String(totals.turns).padStart(6)} turns  ${money}  ${number(totals.normalizedTokens, 0)} normalized tokens${unpriced}`);
  }
  if (s.byModel.length) context.print('top models this period:');
  for (const model of s.byModel.slice(0, 8)) {
    context.print(`  ${`${model.provider}/${model.model}`.padEnd(40)} ${model.lane.padEnd(22)} ${String(model.turns).padStart(6)} turns  ${number(model.normalizedTokens, 0)} normalized tokens`);
  }
  for (const reported of s.providerReported) {
    const f = reported.figure;
    const figure = f.remaining !== null ? `balance ${number(f.remaining)} ${f.currency ?? ''}` : f.usage !== null ? `usage ${number(f.usage, 4)} ${f.currency ?? ''}` : 'no figure';
    const gap = reported.gapUsd === null ? '' : `, gap ${usd(reported.gapUsd)}`;
    context.print(
      `provider says ${reported.provider} (${reported.label ?? reported.keyId}): ${figure.trim()}, ${reported.ageSeconds}s old; NOME estimate ${usd(reported.nomeEstimateUsd)}${gap}`,
    );
  }
  if (s.unpricedTurns) context.print(`note         ${s.unpricedTurns} turn(s) this period have no list price: not counted, not free`);
}

function positiveNumber(text: string | undefined, what: string): number {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value < 0) throw new UsageError(`${what} must be a number of credits, not "${text ?? ''}"`);
  return value;
}

export const creditsCommands: Command[] = [
  {
    words: ['credits', 'summary'],
    summary: 'Balance, available, period usage, lanes, models and runway',
    async run(context) {
      const summary = await context.call<CreditSummary>('credits:summary');
      if (context.json) context.printJson(summary);
      else printSummary(context, summary);
      return exitCodes.ok;
    },
  },
  {
    words: ['credits', 'top-up'],
    summary: 'Add credits to the local account',
    args: 'CREDITS',
    options: {
      expires: { type: 'string', description: 'When the credits expire (ISO date-time)', valueName: 'WHEN' },
      note: { type: 'string', description: 'A note shown with the top-up', valueName: 'TEXT' },
    },
    async run(context) {
      const credits = positiveNumber(context.positionals[0], 'CREDITS');
      const topUp = await context.call<TopUp>('credits:top-up', {
        credits,
        ...(context.values.expires ? { expiresAt: context.values.expires } : {}),
        ...(context.values.note ? { note: context.values.note } : {}),
      });
      if (context.json) context.printJson(topUp);
      else context.print(`added ${number(topUp.credits)} credits${topUp.expiresAt ? `, expiring ${topUp.expiresAt}` : ''} (${topUp.id})`);
      return exitCodes.ok;
    },
  },
  {
    words: ['credits', 'threshold'],
    summary: 'Set the low-balance threshold, in credits',
    args: 'CREDITS',
    async run(context) {
      const summary = await context.call<CreditSummary>('credits:set-threshold', { credits: positiveNumber(context.positionals[0], 'CREDITS') });
      if (context.json) context.printJson(summary);
      else context.print(`low balance below ${number(summary.lowBalance.threshold)} credits (now: ${summary.lowBalance.state})`);
      return exitCodes.ok;
    },
  },
  {
    words: ['credits', 'plan'],
    summary: 'Set the plan: monthly allocation in credits and period anchor day (or --none)',
    args: '[ALLOCATION]',
    options: {
      'anchor-day': { type: 'string', description: 'Day of the month a period starts (1-31, default 1)', valueName: 'D' },
      'plan-name': { type: 'string', description: 'Plan name (default "Plan")', valueName: 'TEXT' },
      none: { type: 'boolean', description: 'No plan: no included credits' },
    },
    async run(context) {
      let plan = null;
      if (context.values.none !== true) {
        const anchorDay = Number(context.values['anchor-day'] ?? 1);
        if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) throw new UsageError('--anchor-day must be a day of the month, 1-31');
        plan = { name: (context.values['plan-name'] as string | undefined) ?? 'Plan', monthlyAllocation: positiveNumber(context.positionals[0], 'ALLOCATION'), anchorDay };
      }
      const summary = await context.call<CreditSummary>('credits:set-plan', { plan });
      if (context.json) context.printJson(summary);
      else printSummary(context, summary);
      return exitCodes.ok;
    },
  },
];
