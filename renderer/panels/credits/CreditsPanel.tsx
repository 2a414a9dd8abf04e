// The credit summary: balance, available, this period's use against the allocation, the daily chart by lane,
// burn rate and runway, per-model totals and what providers report themselves.
import { useEffect } from 'react';
import { formatCredits, formatDate, formatInteger } from '../../app/format';
import { AllocationBar } from './AllocationBar';
import { ModelTable } from './ModelTable';
import { ProviderReported } from './ProviderReported';
import { UsageChart } from './UsageChart';
import { connectCreditsStore, useCreditsStore } from './credits-store';

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="card stat">
      <dt>{label}</dt>
      <dd>
        <span className="stat-value">{value}</span>
        {detail && <span className="muted stat-detail">{detail}</span>}
      </dd>
    </div>
  );
}

export function CreditsPanel() {
  const summary = useCreditsStore((state) => state.summary);
  const error = useCreditsStore((state) => state.error);
  useEffect(connectCreditsStore, []);

  return (
    <section aria-labelledby="panel-title" className="panel">
      <h1 id="panel-title">Credits</h1>
      {error && (
        <div className="banner banner-danger" role="alert">
          {error}
        </div>
      )}
      {!summary && !error && <p className="muted">Loading the summary…</p>}
      {summary && (
        <>
          <p className="muted">
            This period: {formatDate(summary.periodStart)} to {formatDate(summary.periodEnd)}
            {summary.plan && ` · plan ${summary.plan.name}`}
          </p>
          {summary.note && <p className="banner banner-info">{summary.note}</p>}
          {(summary.lowBalance.state === 'low' || summary.lowBalance.state === 'empty') && (
            <div className={`banner ${summary.lowBalance.state === 'empty' ? 'banner-danger' : 'banner-warning'}`} role="alert">
              <strong>{summary.lowBalance.state === 'empty' ? 'No credits left. ' : 'Credits are running low. '}</strong>
              {formatCredits(summary.available)} available (alert below {formatCredits(summary.lowBalance.threshold)}). Turns on your own keys, sign-ins and local models
              still work.
            </div>
          )}
          <dl className="stats">
            <Stat label="Balance" value={formatCredits(summary.totalBalance)} detail={summary.held > 0 ? `${formatCredits(summary.held)} held for turns in flight` : undefined} />
            <Stat label="Available" value={formatCredits(summary.available)} />
            <Stat label="Used this period" value={formatCredits(summary.usedThisPeriod)} />
            <Stat
              label="Burn rate"
              value={`${formatInteger(summary.burnRatePerDay)} / day`}
              detail={`over the last ${summary.burnWindowDays} days · ${summary.runwayText}`}
            />
          </dl>
          <AllocationBar included={summary.includedMonthlyAllocation} remaining={summary.allocationRemaining} resetsAt={summary.resetsAt} />
          <h2>Daily usage by lane</h2>
          <UsageChart daily={summary.daily} />
          <h2>By model</h2>
          <ModelTable rows={summary.byModel} />
          {summary.unpricedTurns > 0 && (
            <p className="chip chip-warn">
              {summary.unpricedTurns} turns have no known list price; they are left out of the money figures, not counted as free.
            </p>
          )}
          <ProviderReported rows={summary.providerReported} />
        </>
      )}
    </section>
  );
}
