// Local model servers on this computer: state, address, version and the models each one serves.
import type { LocalServer } from '../../../shared/channels/seats';
import { formatBytes, serverChips } from './seat-text';

export function LocalServerList({ servers }: { servers: readonly LocalServer[] }) {
  return (
    <ul className="server-list" aria-label="Local model servers">
      {servers.map((server) => {
        const chip = serverChips[server.state];
        const titleId = `server-${server.server}-${server.url}`.replace(/[^a-zA-Z0-9-]/g, '-');
        return (
          <li key={`${server.server}:${server.url}`} className="card seat-row" aria-labelledby={titleId}>
            <div>
              <p id={titleId}>
                <strong>{server.label}</strong>
                {server.version ? ` ${server.version}` : ''} <span className="muted">at {server.url}</span>
              </p>
              <p className="muted seat-detail">{server.message}</p>
              {server.models.length > 0 && (
                <ul className="model-list" aria-label={`Models on ${server.label}`}>
                  {server.models.map((model) => {
                    const size = formatBytes(model.sizeBytes);
                    return (
                      <li key={model.id}>
                        {model.id}
                        {size && <span className="muted"> ({size})</span>}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
            <span className={`chip chip-${chip.tone}`}>{chip.label}</span>
          </li>
        );
      })}
    </ul>
  );
}
