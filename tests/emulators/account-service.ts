// A loopback NOME account service speaking docs/account-api.md, for the HTTP account client's tests.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Override {
  readonly status: number;
  readonly body: string;
  readonly delayMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface AccountServiceEmulator {
  readonly url: string;
  readonly requests: { method: string; path: string; authorization: string | undefined; body: unknown }[];
  /** Next answer overrides, by `METHOD path`; `delayMs` holds the answer back, `headers` are added to it. */
  readonly overrides: Map<string, Override>;
  close(): Promise<void>;
}

const summary = {
  source: 'remote',
  asOf: '2026-12-03T12:00:00.000Z',
  totalBalance: 12_345,
  available: 12_000,
  held: 345,
  holds: [{ id: 'h-1', credits: 345, at: '2026-12-03T11:59:00.000Z', expiresAt: '2026-12-03T12:14:00.000Z', turnId: null }],
  usedThisPeriod: 7655,
  includedMonthlyAllocation: 20_000,
  allocationRemaining: 12_345,
  plan: { name: 'NOME Pro', monthlyAllocation: 20_000, anchorDay: 1 },
  note: null,
  periodStart: '2026-12-01T00:00:00.000Z',
  periodEnd: '2027-01-01T00:00:00.000Z',
  resetsAt: '2027-01-01T00:00:00.000Z',
  byLane: Object.fromEntries(
    ['credits', 'byok', 'local', 'provider-subscription'].map((lane) => [
      lane,
      { turns: 0, credits: 0, normalizedTokens: 0, providerCostUsd: 0, tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, unpricedTurns: 0 },
    ]),
  ),
  byModel: [],
  daily: [],
  burnRatePerDay: 2551.67,
  burnWindowDays: 7,
  runwayDays: 4.7,
  runwayText: 'about 5 days at the 7-day pace',
  lowBalance: { threshold: 1000, state: 'ok' },
  topUps: [],
  ledger: { granted: 20_000, debited: 7655, forfeited: 0 },
  unpricedTurns: 0,
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

export async function startAccountService(): Promise<AccountServiceEmulator> {
  const requests: AccountServiceEmulator['requests'] = [];
  const overrides = new Map<string, Override>();
  const server: Server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    const body = await readBody(request);
    requests.push({ method: request.method ?? 'GET', path, authorization: request.headers.authorization, body });
    const send = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(value === undefined ? '' : JSON.stringify(value));
    };
    const override = overrides.get(`${request.method} ${path}`);
    if (override) {
      overrides.delete(`${request.method} ${path}`);
      if (override.delayMs) await new Promise((resolve) => setTimeout(resolve, override.delayMs));
      response.writeHead(override.status, { 'content-type': 'application/json', ...override.headers });
      response.end(override.body);
      return;
    }
    const route = request.method === 'DELETE' ? `DELETE ${path.replace(/\/holds\/[^/]+$/, '/holds/:id')}` : `${request.method} ${path}`;
    switch (route) {
      case 'GET /v1/account/summary':
        return send(200, summary);
      case 'PUT /v1/account/plan':
      case 'PUT /v1/account/low-balance-threshold':
      case 'POST /v1/account/holds/settle':
        return send(204, undefined);
      case 'POST /v1/account/top-ups': {
        const input = body as { credits: number; expiresAt?: string; note?: string };
        return send(201, { id: 't-remote', credits: input.credits, remaining: input.credits, at: summary.asOf, expiresAt: input.expiresAt ?? null, expired: false, note: input.note ?? null });
      }
      case 'POST /v1/account/holds': {
        const input = body as { credits: number; turnId?: string };
        if (input.credits > summary.available) return send(409, { error: { code: 'conflict', message: `not enough credits: ${summary.available} available` } });
        return send(201, { id: 'h-remote', credits: input.credits, at: summary.asOf, expiresAt: '2026-12-03T12:15:00.000Z', turnId: input.turnId ?? null });
      }
      case 'DELETE /v1/account/holds/:id':
        return send(200, { released: path.endsWith('/h-1') });
      default:
        return send(404, { error: { code: 'not_found', message: `no route ${route}` } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    overrides,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
