// The included monthly allocation as a meter: how much of it is left, and when it resets.
import { formatCredits, formatDate, formatPercent } from '../../app/format';

export function AllocationBar({ included, remaining, resetsAt }: { included: number; remaining: number; resetsAt: string }) {
  if (included <= 0) return null;
  const used = Math.min(included, Math.max(0, included - remaining));
  const ratio = used / included;
  return (
    <div className="allocation">
      <div className="allocation-head">
        <span id="allocation-label">Included allocation</span>
        <span>
          {formatCredits(remaining)} of {formatCredits(included)} left · resets {formatDate(resetsAt)}
        </span>
      </div>
      <div
        className="meter"
        role="meter"
        aria-labelledby="allocation-label"
        aria-valuemin={0}
        aria-valuemax={included}
        aria-valuenow={used}
        aria-valuetext={`${formatPercent(ratio)} used, ${formatCredits(remaining)} left`}
      >
        <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
          <rect width="100" height="8" rx="4" className="meter-track" />
          <rect width={Math.max(0, ratio * 100)} height="8" rx="4" className={ratio > 0.9 ? 'meter-fill meter-high' : 'meter-fill'} />
        </svg>
      </div>
    </div>
  );
}
