// The lane availability table: per model family, the lane a turn takes by default and why, and what else is there.
import type { LaneAvailability } from '../../../shared/channels/seats';
import { laneTones, laneWithVia } from './seat-text';

export function LaneTable({ lanes }: { lanes: LaneAvailability }) {
  return (
    <div className="lane-table-wrap">
      <table className="lane-table">
        <caption className="visually-hidden">Which lane each model family takes by default on this computer, and why</caption>
        <thead>
          <tr>
            <th scope="col">Model family</th>
            <th scope="col">Default lane</th>
            <th scope="col">Also available</th>
          </tr>
        </thead>
        <tbody>
          {lanes.families.map((family) => {
            const others = family.lanes.filter((lane) => lane.available && lane.lane !== family.defaultLane);
            return (
              <tr key={family.family}>
                <th scope="row">{family.displayName}</th>
                <td>
                  {family.defaultLane ? (
                    <strong>
                      <span className={`lane-dot ${laneTones[family.defaultLane]}`} aria-hidden="true" />
                      {laneWithVia(family.defaultLane, family.defaultVia)}
                    </strong>
                  ) : (
                    <strong>None on this computer</strong>
                  )}
                  <div className="lane-reason">{family.defaultLane ? `Because ${family.why}.` : `${family.why.charAt(0).toUpperCase()}${family.why.slice(1)}.`}</div>
                </td>
                <td>
                  {others.length === 0 ? (
                    <span className="muted">Nothing else</span>
                  ) : (
                    <ul className="model-list">
                      {others.map((lane) => (
                        <li key={lane.lane}>
                          <span className={`lane-dot ${laneTones[lane.lane]}`} aria-hidden="true" />
                          {laneWithVia(lane.lane, lane.via)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
