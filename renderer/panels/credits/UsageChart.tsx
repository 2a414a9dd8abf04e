// The daily usage chart: one stacked bar per day by lane, in clean SVG (no canvas, so it scales, prints,
// themes with CSS variables and every bar can carry its own accessible title).
import { useId, useState } from 'react';
import type { CreditSummary } from '../../../shared/channels/credits';
import { formatCompact, formatDate, formatDay, formatInteger } from '../../app/format';
import { niceCeiling } from './chart-scale';
import { chartLanes, splitDailyByLane, type ChartMeasure } from './daily-lanes';

const width = 720;
const height = 220;
const pad = { top: 12, right: 12, bottom: 28, left: 56 };

const measures: Record<ChartMeasure, { label: string; unit: string }> = {
  normalizedTokens: { label: 'Normalized tokens', unit: 'normalized tokens' },
  turns: { label: 'Turns', unit: 'turns' },
};

export function UsageChart({ daily }: { daily: CreditSummary['daily'] }) {
  const [measure, setMeasure] = useState<ChartMeasure>('normalizedTokens');
  const name = useId();
  const days = splitDailyByLane(daily, measure);
  if (days.length === 0) return <p className="muted">No usage yet this period.</p>;
  const max = niceCeiling(Math.max(1, ...days.map((d) => d.total)));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / days.length;
  const barW = Math.max(2, step * 0.7);
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const labelEvery = Math.ceil(days.length / 8);
  const peak = days.reduce((a, b) => (b.total > a.total ? b : a));
  const unit = measures[measure].unit;
  const laneTotals = chartLanes.map((lane) => `${lane.label} ${formatInteger(days.reduce((sum, day) => sum + day.values[lane.id], 0))}`).join(', ');
  const description = `Daily usage by lane over ${days.length} days, in ${unit}. Period totals: ${laneTotals}. Peak ${formatInteger(peak.total)} on ${formatDate(peak.date)}.`;

  return (
    <figure className="chart">
      <fieldset className="chart-measure">
        <legend>Show</legend>
        {(Object.keys(measures) as ChartMeasure[]).map((id) => (
          <label key={id}>
            <input type="radio" name={name} value={id} checked={measure === id} onChange={() => setMeasure(id)} /> {measures[id].label}
          </label>
        ))}
      </fieldset>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description} className="usage-chart" preserveAspectRatio="none">
        {ticks.map((tick) => {
          const y = pad.top + plotH - (tick / max) * plotH;
          return (
            <g key={tick} aria-hidden="true">
              <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} className="chart-grid" />
              <text x={pad.left - 6} y={y + 4} textAnchor="end" className="chart-axis">
                {formatCompact(tick)}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const x = pad.left + index * step + (step - barW) / 2;
          let y = pad.top + plotH;
          return (
            <g key={day.date} className="chart-day">
              <title>{`${formatDate(day.date)}, ${unit}: ${chartLanes.map((l) => `${l.label} ${formatInteger(day.values[l.id])}`).join(', ')}; ${day.turns} turns in all`}</title>
              {chartLanes.map((lane) => {
                const h = (day.values[lane.id] / max) * plotH;
                y -= h;
                // A thin gap in the surface colour between stacked lanes, so neighbours never rely on hue alone.
                return h > 0 ? <rect key={lane.id} x={x} y={y} width={barW} height={h} fill={lane.color} className="chart-bar" data-lane={lane.id} /> : null;
              })}
              {index % labelEvery === 0 && (
                <text x={x + barW / 2} y={height - 8} textAnchor="middle" className="chart-axis" aria-hidden="true">
                  {formatDay(day.date)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {chartLanes.map((lane) => (
          <span key={lane.id} className="legend-item">
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" rx="3" fill={lane.color} />
            </svg>
            {lane.label}
          </span>
        ))}
        <span className="muted">
          {measure === 'normalizedTokens'
            ? 'Normalized tokens: list price in USD × 1,000,000, comparable across models. Local models have no list price, so they count 0 here: show turns to see them.'
            : 'Turns: every request that ran, whatever it cost, local models included.'}
        </span>
      </figcaption>
    </figure>
  );
}
