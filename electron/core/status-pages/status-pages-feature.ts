// The status pages feature: `status-pages:list`, and in long-running hosts a timer that refreshes what is
// due. `status-pages:changed` follows every refresh that changes a reading. One-shot CLI commands fetch on demand only.
import type { Feature, FeatureContext } from '../create-core';
import type { Handlers } from '../router';
import { statusPageSourcesFromEnv, type StatusPageSource } from './status-page-sources';
import { createStatusPages, type StatusPages } from './status-pages-service';

export type StatusPagesHandlers = Pick<Handlers, 'status-pages:list'>;

export interface StatusPagesFeature extends Feature<StatusPagesHandlers> {
  readonly pages: StatusPages;
}

export interface StatusPagesFeatureOptions {
  readonly sources?: readonly StatusPageSource[];
  readonly ttlMs?: number;
  /** How often the background timer looks for due pages (default 1 min). */
  readonly tickMs?: number;
}

export function createStatusPagesFeature(context: FeatureContext, options: StatusPagesFeatureOptions = {}): StatusPagesFeature {
  const { ports, events, scrubber } = context;
  const pages = createStatusPages({
    fetch: ports.fetch,
    clock: ports.clock,
    scrubber,
    // `NOME_STATUS_PAGES=off` (offline machines, e2e runs) lists nothing and never fetches.
    sources: ports.env.NOME_STATUS_PAGES === 'off' ? [] : (options.sources ?? statusPageSourcesFromEnv(ports.env)),
    ...(options.ttlMs !== undefined ? { ttlMs: options.ttlMs } : {}),
    // Any refresh that changes a reading announces it, whoever asked for it (the timer, a window, the status).
    onChange: (list) => events.emit('status-pages:changed', list),
  });
  let timer: ReturnType<typeof setInterval> | null = null;

  const tick = () => pages.refreshDue().catch(() => false);

  return {
    pages,
    handlers: {
      'status-pages:list': (input) => pages.list(input?.refresh ?? false),
    },
    start() {
      if (timer) return;
      void tick();
      timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
      timer.unref?.();
    },
    dispose() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
