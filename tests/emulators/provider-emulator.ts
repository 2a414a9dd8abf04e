// A loopback emulator for every provider's check endpoints. Each mounted scenario gets its own path prefix
// (its base URL), checks that the credential arrived in the right header at the right path, and answers
// with a documented body (../../../shared/facts/providers.md) or a hostile behaviour. Tests, the CLI test
// and bench/checks.ts share it; nothing here touches the internet.
import { createPublicKey, verify } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
}

export type Hostile =
  | 'redirect-other-origin'
  | 'redirect-same-origin'
  | 'huge-body'
  | 'huge-body-declared'
  | 'slow-drip'
  | 'reset'
  | 'non-json-200'
  | 'html-404';

export type EmulatedProvider = 'openai' | 'anthropic' | 'gemini' | 'deepseek' | 'xai' | 'openrouter' | 'compatible' | 'vertex';

export interface Scenario {
  readonly provider: EmulatedProvider;
  /** The credential the emulator expects; '' for a keyless local server. Vertex: unused (see serviceAccount). */
  readonly key?: string;
  readonly answer?: Answer;
  readonly hostile?: Hostile;
  /** Vertex: the public half of the service account's key, to verify the JWT like Google would. */
  readonly serviceAccount?: { readonly clientEmail: string; readonly publicKeyPem: string };
  readonly authorizedUser?: { readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string };
  /** Vertex: the token endpoint's answer when it is not a success. */
  readonly tokenAnswer?: Answer;
  /** Where hostile redirects send the client. */
  readonly redirectTo?: string;
}

export interface RecordedRequest {
  readonly scenario: number;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface Mounted {
  readonly baseUrl: string;
  /** Vertex only: where the credential JSON's token_uri points. */
  readonly tokenUri: string;
  readonly index: number;
}

export interface ProviderEmulator {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The most requests this emulator has had open at once (per-host limit tests). */
  readonly maxConcurrent: number;
  mount(scenario: Scenario): Mounted;
  /** Delay before every answer (bench: 100 ms). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  readonly latencyMs?: number;
  /** Serve HTTPS with this key and certificate (the self-signed TLS test). */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** The answers an unknown key gets, per provider (facts §1–§7). */
const invalidKeyAnswers: Record<EmulatedProvider, Answer> = {
  openai: { status: 401, body: { error: { message: 'Incorrect API key provided: sk-inval***c66a.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } } },
  compatible: { status: 401, body: { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } } },
  openrouter: { status: 401, body: { error: { code: 401, message: 'No auth credentials found' } } },
  anthropic: { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' }, request_id: 'req_emulated' } },
  gemini: {
    status: 400,
    body: { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }] } },
  },
  deepseek: { status: 401, body: { error: { message: 'Authentication Fails, Your api key: ****e78f is invalid', type: 'authentication_error', param: null, code: 'invalid_request_error' } } },
  xai: { status: 400, body: { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***. You can obtain an API key from https://console.x.ai.' } },
  vertex: { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } },
};

const successAnswers: Record<Exclude<EmulatedProvider, 'vertex'>, Answer> = {
  openai: { status: 200, body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'system' }] } },
  compatible: { status: 200, body: { object: 'list', data: [{ id: 'local-model', object: 'model' }] } },
  openrouter: { status: 200, body: { data: { label: 'sk-or-v1-au7...890', limit: 100, limit_remaining: 74.5, limit_reset: 'monthly', usage: 25.5, is_free_tier: false } } },
  anthropic: { status: 200, body: { data: [{ id: 'claude-sonnet-4-5', type: 'model', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' }], first_id: 'x', last_id: 'x', has_more: true } },
  gemini: { status: 200, body: { models: [{ name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash' }], nextPageToken: 'n' } },
  deepseek: { status: 200, body: { is_available: true, balance_infos: [{ currency: 'USD', total_balance: '110.00', granted_balance: '10.00', topped_up_balance: '100.00' }] } },
  xai: {
    status: 200,
    body: { redacted_api_key: 'xai-...b14o', user_id: 'u', name: 'k', create_time: '2026-01-01T00:00:00Z', modify_time: '2026-01-01T00:00:00Z', modified_by: 'u', team_id: 't', acls: ['api-key:model:*', 'api-key:endpoint:*'], api_key_id: 'id', team_blocked: false, api_key_blocked: false, api_key_disabled: false },
  },
};

/** Admin keys are proven on the admin key lists, never the model list (facts §1, §2). */
const adminChecks: Partial<Record<EmulatedProvider, { prefix: string; path: string; success: Answer }>> = {
  openai: {
    prefix: 'sk-admin-',
    path: '/v1/organization/admin_api_keys',
    success: { status: 200, body: { object: 'list', data: [{ object: 'organization.admin_api_key', id: 'key_abc', name: 'Main Admin Key', redacted_value: 'sk-admin...xyz', created_at: 1711471533 }], first_id: 'key_abc', last_id: 'key_abc', has_more: false } },
  },
  anthropic: {
    prefix: 'sk-ant-admin01-',
    path: '/v1/organizations/api_keys',
    success: { status: 200, body: { data: [{ id: 'apikey_01', type: 'api_key', name: 'Developer Key', status: 'active', partial_key_hint: 'sk-ant-api03-R2D...igAA', created_at: '2026-01-01T00:00:00Z', workspace_id: null }], has_more: false, first_id: 'apikey_01', last_id: 'apikey_01' } },
  },
};

const htmlNotFound = '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>';

function send(res: ServerResponse, answer: Answer): void {
  const body = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
  const contentType = typeof answer.body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(answer.status, { 'content-type': contentType, ...(answer.headers ?? {}) });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The credential as this provider's adapter must send it; `null` means it came the wrong way or not at all. */
function presentedKey(provider: EmulatedProvider, req: IncomingMessage, url: URL): string | null {
  if (url.searchParams.has('key')) return null; // facts §3: never the key in a URL
  if (provider === 'anthropic') return header(req, 'anthropic-version') === '2023-06-01' ? (header(req, 'x-api-key') ?? null) : null;
  if (provider === 'gemini') return header(req, 'x-goog-api-key') ?? null;
  const auth = header(req, 'authorization');
  if (!auth) return '';
  return auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
}

const checkPaths: Record<Exclude<EmulatedProvider, 'vertex'>, { method: string; path: string; root: string }> = {
  openai: { method: 'GET', path: '/v1/models', root: '/v1' },
  compatible: { method: 'GET', path: '/v1/models', root: '/v1' },
  openrouter: { method: 'GET', path: '/api/v1/key', root: '/api/v1' },
  anthropic: { method: 'GET', path: '/v1/models', root: '' },
  gemini: { method: 'GET', path: '/v1beta/models', root: '' },
  deepseek: { method: 'GET', path: '/user/balance', root: '' },
  xai: { method: 'GET', path: '/v1/api-key', root: '' },
};

export async function startProviderEmulator(options: EmulatorOptions = {}): Promise<ProviderEmulator> {
  const scenarios: Scenario[] = [];
  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  let latencyMs = options.latencyMs ?? 0;
  let active = 0;
  let maxConcurrent = 0;
  let url = '';

  async function hostile(res: ServerResponse, req: IncomingMessage, kind: Hostile, scenario: Scenario): Promise<void> {
    switch (kind) {
      case 'redirect-other-origin':
        res.writeHead(302, { location: scenario.redirectTo ?? 'http://127.0.0.1:9/collect' }).end();
        return;
      case 'redirect-same-origin':
        res.writeHead(307, { location: '/elsewhere' }).end();
        return;
      case 'huge-body': {
        // Two MiB streamed without a length: only a counting reader stops it.
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let i = 0; i < 32 && !res.destroyed; i += 1) res.write(chunk);
        res.end();
        return;
      }
      case 'huge-body-declared':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) });
        res.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
        return;
      case 'slow-drip': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":[');
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50);
        req.socket.on('close', () => clearInterval(timer));
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'non-json-200':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
        return;
      case 'html-404':
        res.writeHead(404, { 'content-type': 'text/html' }).end(htmlNotFound);
        return;
    }
  }

  function answerVertex(res: ServerResponse, req: IncomingMessage, path: string, body: string, index: number, scenario: Scenario): void {
    if (req.method === 'POST' && path === '/token') {
      if (scenario.tokenAnswer) return send(res, scenario.tokenAnswer);
      const form = new URLSearchParams(body);
      let accepted = false;
      if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && scenario.serviceAccount) {
        const [head, claims, signature] = (form.get('assertion') ?? '').split('.');
        if (head && claims && signature) {
          const valid = verify('RSA-SHA256', Buffer.from(`${head}.${claims}`), createPublicKey(scenario.serviceAccount.publicKeyPem), Buffer.from(signature, 'base64url'));
          const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iss?: string; aud?: string; exp?: number; iat?: number };
          accepted = valid && parsed.iss === scenario.serviceAccount.clientEmail && parsed.aud === `${url}/s/${index}/token` && (parsed.exp ?? 0) - (parsed.iat ?? 0) <= 3600;
        }
      } else if (form.get('grant_type') === 'refresh_token' && scenario.authorizedUser) {
        const user = scenario.authorizedUser;
        accepted = form.get('refresh_token') === user.refreshToken && form.get('client_secret') === user.clientSecret && form.get('client_id') === user.clientId;
      }
      if (!accepted) return send(res, invalidKeyAnswers.vertex);
      const token = `ya29.emulated-${index}-${tokens.size}`;
      tokens.set(token, index);
      return send(res, { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } });
    }
    if (req.method === 'POST' && /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/[^/:]+:countTokens$/.test(path)) {
      const auth = header(req, 'authorization') ?? '';
      if (tokens.get(auth.replace(/^Bearer /, '')) !== index) {
        return send(res, { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } });
      }
      // `{{access_token}}` in a scripted answer echoes the bearer token back, as a careless error body might.
      const echo = (body: unknown): unknown => (body === undefined ? body : JSON.parse(JSON.stringify(body).split('{{access_token}}').join(auth.replace(/^Bearer /, ''))));
      const answer = scenario.answer && { ...scenario.answer, body: echo(scenario.answer.body) };
      return send(res, answer ?? { status: 200, body: { totalTokens: 1, totalBillableCharacters: 2 } });
    }
    return send(res, { status: 404, body: htmlNotFound });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const parsedUrl = new URL(req.url ?? '/', 'http://emulator');
    const match = /^\/s\/(\d+)(\/.*)?$/.exec(parsedUrl.pathname);
    const index = match ? Number(match[1]) : -1;
    const path = match?.[2] ?? '/';
    requests.push({ scenario: index, method: req.method ?? '', path: `${path}${parsedUrl.search}`, headers: { ...req.headers }, body });
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const scenario = scenarios[index];
    if (!scenario) return send(res, { status: 404, headers: { 'content-type': 'text/html' }, body: htmlNotFound });
    if (scenario.provider === 'vertex') return answerVertex(res, req, path, body, index, scenario);
    const expected = checkPaths[scenario.provider];
    const admin = adminChecks[scenario.provider];
    const asAdmin = admin !== undefined && (scenario.key ?? '').startsWith(admin.prefix);
    if (req.method !== expected.method || path !== (asAdmin ? admin.path : expected.path)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end(htmlNotFound);
      return;
    }
    if (scenario.provider === 'anthropic' && parsedUrl.searchParams.get('limit') !== '1') return send(res, { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'expected limit=1' } } });
    if (presentedKey(scenario.provider, req, parsedUrl) !== (scenario.key ?? '')) return send(res, invalidKeyAnswers[scenario.provider]);
    if (scenario.hostile) return hostile(res, req, scenario.hostile, scenario);
    return send(res, scenario.answer ?? (asAdmin ? admin.success : successAnswers[scenario.provider]));
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    active += 1;
    maxConcurrent = Math.max(maxConcurrent, active);
    res.on('close', () => {
      active -= 1;
    });
    handle(req, res).catch(() => res.destroy());
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    get maxConcurrent() {
      return maxConcurrent;
    },
    mount(scenario) {
      scenarios.push(scenario);
      const index = scenarios.length - 1;
      const prefix = `${url}/s/${index}`;
      const root = scenario.provider === 'vertex' ? '' : checkPaths[scenario.provider].root;
      return { baseUrl: `${prefix}${root}`, tokenUri: `${prefix}/token`, index };
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
