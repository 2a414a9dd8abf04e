// One row per CLI: its sign-in in plain words, a state chip, and the files it was read from.
import type { Seat } from '../../../shared/channels/seats';
import { useNow } from '../../app/use-now';
import { seatChips, seatHeadline, seatNotes } from './seat-text';

export function SeatList({ seats }: { seats: readonly Seat[] }) {
  const now = useNow();
  return (
    <ul className="seat-list" aria-label="Provider sign-ins">
      {seats.map((seat) => {
        const chip = seatChips[seat.status];
        const headline = seatHeadline(seat, now);
        const headlineId = `seat-${seat.source}-headline`;
        const notes = seatNotes(seat);
        return (
          <li key={seat.source} className="card seat-row" aria-labelledby={headlineId}>
            <div>
              <p id={headlineId}>
                <strong>{headline}</strong>
              </p>
              {notes && <p className="muted seat-detail">{notes}</p>}
              {seat.files.length > 0 && (
                <p className="muted seat-files">
                  <span className="visually-hidden">Looked in </span>
                  {seat.files.join(' · ')}
                </p>
              )}
            </div>
            <span className={`chip chip-${chip.tone}`}>{chip.label}</span>
          </li>
        );
      })}
    </ul>
  );
}
