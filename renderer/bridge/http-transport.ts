// In served mode there is no preload: this transport speaks the same contract over loopback HTTP + SSE.
import type { Transport } from '../../shared/api';
import { eventNames } from '../../shared/contract';
import type { WireResult } from '../../shared/errors';
import { resyncAll } from './resync';

const tokenKey = 'nome-serve-token';

/** Takes the access token from the opening URL once, keeps it for this tab, and removes it from the address bar. */
export function takeServeToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(tokenKey);
}

export function createHttpTransport(token: string): Transport {
  return {
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: input === undefined ? '' : JSON.stringify(input),
        });
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'The NOME Settings host is not answering. Is `nome-settings serve` still running?' } };
      }
      if (response.status === 401) {
        return { ok: false, error: { code: 'forbidden', message: 'This page needs the access token: open the URL that `nome-settings serve` printed.' } };
      }
      return (await response.json()) as WireResult;
    },
    subscribe(listener) {
      const source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
      // Open, and open again after a drop: read everything once more, for what was sent while it was not open.
      source.addEventListener('open', () => resyncAll());
      // EventSource needs one listener per event name; the contract names them all.
      for (const name of eventNames) {
        source.addEventListener(name, (event: MessageEvent<string>) => listener(name, JSON.parse(event.data)));
      }
      return () => source.close();
    },
  };
}
