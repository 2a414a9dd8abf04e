// The Sign-ins & local models panel: the lanes that cost no credits, found on this computer, and which lane each
// model family takes by default. Read only: NOME never copies a sign-in or shows a token.
import { useEffect } from 'react';
import { LaneTable } from './LaneTable';
import { LocalServerList } from './LocalServerList';
import { SeatList } from './SeatList';
import { connectSeatsStore, useSeatsStore } from './seats-store';
import './seats.css';

export function SeatsPanel() {
  const seats = useSeatsStore((state) => state.seats);
  const servers = useSeatsStore((state) => state.servers);
  const lanes = useSeatsStore((state) => state.lanes);
  const loaded = useSeatsStore((state) => state.loaded);
  const scanning = useSeatsStore((state) => state.scanning);
  const error = useSeatsStore((state) => state.error);
  const load = useSeatsStore((state) => state.load);

  useEffect(connectSeatsStore, []);

  return (
    <section aria-labelledby="panel-title" className="panel" aria-busy={scanning && !loaded}>
      <div className="panel-head">
        <div>
          <h1 id="panel-title">Sign-ins & local models</h1>
          <p className="muted">
            Turns through a provider sign-in or a model on this computer cost no credits. NOME reads what the tools saved, never their tokens, and
            never changes their files.
          </p>
        </div>
        <button type="button" onClick={() => void load(true)} disabled={scanning}>
          {scanning ? 'Scanning…' : 'Scan again'}
        </button>
      </div>
      {error && (
        <div className="banner banner-danger" role="alert">
          {error}
        </div>
      )}
      {!loaded && <p className="muted">Looking for sign-ins and local servers…</p>}

      {loaded && (
        <>
          <section aria-labelledby="seats-heading">
            <h2 id="seats-heading">Provider sign-ins</h2>
            <SeatList seats={seats} />
          </section>
          <section aria-labelledby="local-heading">
            <h2 id="local-heading">Local model servers</h2>
            <LocalServerList servers={servers} />
            <p className="muted hint">
              Another OpenAI-compatible server on this computer? Add it in <a href="#/keys">Keys</a> as an OpenAI-compatible endpoint with
              its loopback base URL (for example <code>http://127.0.0.1:5000/v1</code>), ticking "This endpoint needs no key" if it
              asks for none; it is then listed and probed here too.
            </p>
          </section>
          {lanes && (
            <section aria-labelledby="lanes-heading">
              <h2 id="lanes-heading">Lanes by model family</h2>
              <p className="muted">A turn tries a sign-in first, then a local model, then your key, then NOME Credits.</p>
              <LaneTable lanes={lanes} />
            </section>
          )}
        </>
      )}
    </section>
  );
}
