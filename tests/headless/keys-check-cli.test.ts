// The CLI end to end against loopback emulators: `keys add --base-url <emulator>` then `keys check --json`
// prints each key's state and exits 3 when any is not ok; `status-pages --json` reads injected pages.
// The keys never appear on stdout or stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProviderEmulator, type ProviderEmulator } from '../emulators/provider-emulator';
import { fakeKey } from '../emulators/row-target';
import { pageComponent, rssFeed, startStatusPageEmulator, statuspageIncident, statuspageSummary, type StatusPageEmulator } from '../emulators/status-page-emulator';
import { createTestCipher } from '../support/test-cipher';
import { runCliCaptured } from '../support/run-cli';

let dataDir: string;
let emulator: ProviderEmulator;
let pages: StatusPageEmulator;
const cipher = createTestCipher();

async function cli(args: string[], stdin = '', env: Record<string, string> = {}) {
  return runCliCaptured(['--data-dir', dataDir, ...args], { stdin, env, host: { cipher } });
}

/** `keys add --provider P --base-url U --force --json [extra]` with the key on stdin; the key is never echoed. */
async function addKey(provider: string, baseUrl: string, key: string, extra: string[] = []) {
  const result = await cli(['keys', 'add', '--provider', provider, '--base-url', baseUrl, '--force', '--json', ...extra], `${key}\n`);
  expect(result.code, result.err).toBe(0);
  expect(result.out + result.err).not.toContain(key);
  return JSON.parse(result.out) as { card: { id: string }; check: { state: string } | null };
}

beforeAll(async () => {
  emulator = await startProviderEmulator();
  pages = await startStatusPageEmulator();
});
afterAll(async () => {
  await emulator.close();
  await pages.close();
});
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-keys-check-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('keys check CLI', () => {
  it('keys add --base-url <emulator>, then keys check --json gives each state and exits 3 when one is not ok', async () => {
    const openaiKey = fakeKey('openai');
    const deepseekKey = fakeKey('deepseek');
    const anthropicKey = fakeKey('anthropic');
    const openai = emulator.mount({ provider: 'openai', key: openaiKey });
    const deepseek = emulator.mount({ provider: 'deepseek', key: deepseekKey });
    const anthropic = emulator.mount({ provider: 'anthropic', key: anthropicKey });

    const added: string[] = [];
    for (const [provider, baseUrl, key] of [
      ['openai', openai.baseUrl, openaiKey],
      ['deepseek', deepseek.baseUrl, deepseekKey],
      ['anthropic', anthropic.baseUrl, anthropicKey],
    ] as const) {
      const saved = await addKey(provider, baseUrl, key);
      expect(saved.check?.state).toBe('ok');
      added.push(saved.card.id);
    }

    // Anthropic's account now hits its spend cap: point the key at a scenario answering 429 enforced_spend_limit_reached.
    const capped = emulator.mount({
      provider: 'anthropic',
      key: anthropicKey,
      answer: { status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'You have reached your specified API usage limits.', details: { error_code: 'enforced_spend_limit_reached' } } } },
    });
    const update = await cli(['keys', 'update', added[2]!, '--base-url', capped.baseUrl, '--force']);
    expect(update.code, update.err).toBe(0);

    const all = await cli(['keys', 'check', '--json']);
    expect(all.code, all.err).toBe(3);
    const results = JSON.parse(all.out) as { id: string; provider: string; state: string; httpStatus: number | null; providerCode: string | null; retryAfterS: number | null; latencyMs: number | null; checkedAt: string; message: string }[];
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get(added[0]!)).toMatchObject({ provider: 'openai', state: 'ok', httpStatus: 200 });
    expect(byId.get(added[1]!)).toMatchObject({ provider: 'deepseek', state: 'ok' });
    expect(byId.get(added[2]!)).toMatchObject({ provider: 'anthropic', state: 'no_credit', httpStatus: 429, providerCode: 'enforced_spend_limit_reached', retryAfterS: null });
    for (const result of results) {
      expect(Object.keys(result)).toEqual(expect.arrayContaining(['id', 'provider', 'state', 'httpStatus', 'providerCode', 'retryAfterS', 'latencyMs', 'checkedAt', 'message']));
    }
    for (const key of [openaiKey, deepseekKey, anthropicKey]) expect(all.out + all.err).not.toContain(key);

    const okOnly = await cli(['keys', 'check', added[0]!, added[1]!, '--json']);
    expect(okOnly.code, okOnly.err).toBe(0);
    expect((JSON.parse(okOnly.out) as { state: string }[]).map((r) => r.state)).toEqual(['ok', 'ok']);
  });

  it('--option preset=openrouter makes the check use the OpenRouter key endpoint and keeps its figures', async () => {
    const key = fakeKey('openrouter');
    const openrouter = emulator.mount({ provider: 'openrouter', key });
    const added = await cli(['keys', 'add', '--provider', 'openai-compatible', '--base-url', openrouter.baseUrl, '--option', 'preset=openrouter', '--force', '--json'], `${key}\n`);
    expect(added.code, added.err).toBe(0);
    const saved = JSON.parse(added.out) as { check: { state: string; figures: { source: string; remaining: number; limit: number } | null } };
    expect(saved.check).toMatchObject({ state: 'ok', figures: { source: 'openrouter-key', remaining: 74.5, limit: 100 } });
    expect(added.out + added.err).not.toContain(key);
  });

  it('--option without KEY=VALUE is a usage error and stores nothing', async () => {
    const bad = await cli(['keys', 'add', '--provider', 'openai', '--option', 'openrouter', '--no-check'], `${fakeKey('openai')}\n`);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--option takes KEY=VALUE/);
    const listed = await cli(['keys', 'list', '--json']);
    expect(JSON.parse(listed.out).filter((card: { readOnly?: boolean }) => !card.readOnly)).toEqual([]);
  });

  it('Gemini and xAI keys check ok through the CLI; a key whose endpoint redirects elsewhere is bad_endpoint and the other origin never sees it', async () => {
    const elsewhere = await startProviderEmulator();
    try {
      const geminiKey = fakeKey('gemini');
      const xaiKey = fakeKey('xai');
      const hostileKey = fakeKey('openai');
      const gemini = emulator.mount({ provider: 'gemini', key: geminiKey });
      const xai = emulator.mount({ provider: 'xai', key: xaiKey });
      const hostile = emulator.mount({ provider: 'openai', key: hostileKey, hostile: 'redirect-other-origin', redirectTo: `${elsewhere.url}/collect` });
      const ids = [
        (await addKey('gemini', gemini.baseUrl, geminiKey, ['--no-check'])).card.id,
        (await addKey('xai', xai.baseUrl, xaiKey, ['--no-check'])).card.id,
        (await addKey('openai', hostile.baseUrl, hostileKey, ['--no-check'])).card.id,
      ];
      const checked = await cli(['keys', 'check', '--json']);
      expect(checked.code, checked.err).toBe(3);
      const byId = new Map((JSON.parse(checked.out) as { id: string; state: string; httpStatus: number | null }[]).map((r) => [r.id, r]));
      expect(byId.get(ids[0]!)).toMatchObject({ state: 'ok', httpStatus: 200 });
      expect(byId.get(ids[1]!)).toMatchObject({ state: 'ok', httpStatus: 200 });
      expect(byId.get(ids[2]!)).toMatchObject({ state: 'bad_endpoint', httpStatus: 302 });
      expect(elsewhere.requests).toEqual([]);
      for (const key of [geminiKey, xaiKey, hostileKey]) expect(checked.out + checked.err).not.toContain(key);
    } finally {
      await elsewhere.close();
    }
  });

  it('a key whose endpoint is unreachable makes keys check exit 3 with state unreachable', async () => {
    const key = fakeKey('openai');
    const added = await cli(['keys', 'add', '--provider', 'openai', '--base-url', 'http://127.0.0.1:1/v1', '--force', '--no-check', '--json'], `${key}\n`);
    expect(added.code, added.err).toBe(0);
    const checked = await cli(['keys', 'check', '--json']);
    expect(checked.code).toBe(3);
    expect(JSON.parse(checked.out)).toMatchObject([{ state: 'unreachable' }]);
    expect(checked.out).not.toContain(key);
  });
});

describe('status-pages CLI', () => {
  it('status-pages --json reads the injected pages; a broken page is unknown and the command still exits 0', async () => {
    pages.set('/openai/summary.json', { status: 200, body: statuspageSummary('openai', { statuses: { Responses: 'degraded_performance' } }) });
    const env = {
      NOME_STATUS_PAGE_OPENAI: `${pages.url}/openai/summary.json`,
      NOME_STATUS_PAGE_ANTHROPIC: `${pages.url}/missing.json`,
      NOME_STATUS_PAGE_DEEPSEEK: `${pages.url}/missing.json`,
      NOME_STATUS_PAGE_XAI: `${pages.url}/missing.xml`,
      NOME_STATUS_PAGE_VERTEX: `${pages.url}/missing.json`,
    };
    const result = await cli(['status-pages', '--json'], '', env);
    expect(result.code, result.err).toBe(0);
    const list = JSON.parse(result.out) as { provider: string; indicator: string; stale: boolean; error: string | null }[];
    expect(list.find((e) => e.provider === 'openai')).toMatchObject({ indicator: 'minor', stale: false });
    expect(list.find((e) => e.provider === 'anthropic')).toMatchObject({ indicator: 'unknown', stale: true, error: 'HTTP 404' });
    const text = await cli(['status-pages'], '', env);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/OpenAI\s+minor issues\s+Chat Completions operational; Responses degraded performance/);
  });

  it('status-pages text shows the scope (API or whole page), the note, and the non-API incidents apart from the API ones', async () => {
    const claudeAi = statuspageIncident('inc-web', 'Elevated errors on claude.ai', 'investigating', 'minor', [pageComponent('anthropic', 'claude.ai')]);
    const api = statuspageIncident('inc-api', 'Slow responses from the API', 'identified', 'minor', [pageComponent('anthropic', 'Claude API (api.anthropic.com)')]);
    pages.set('/cli/anthropic-405.json', { status: 405, contentType: 'text/html', body: '<html>405 ERROR (CloudFront)</html>' });
    pages.set('/cli/anthropic-mirror.json', {
      status: 200,
      body: statuspageSummary('anthropic', { statuses: { 'claude.ai': 'partial_outage', 'Claude API (api.anthropic.com)': 'degraded_performance' }, incidents: [claudeAi, api] }),
    });
    pages.set('/cli/xai.xml', { status: 200, contentType: 'application/rss+xml', body: rssFeed([{ title: 'Grok API errors', description: 'Investigating', pubDate: new Date().toUTCString() }]) });
    const env = {
      NOME_STATUS_PAGE_OPENAI: `${pages.url}/missing.json`,
      NOME_STATUS_PAGE_ANTHROPIC: `${pages.url}/cli/anthropic-405.json`,
      NOME_STATUS_PAGE_ANTHROPIC_FALLBACK: `${pages.url}/cli/anthropic-mirror.json`,
      NOME_STATUS_PAGE_DEEPSEEK: `${pages.url}/missing.json`,
      NOME_STATUS_PAGE_XAI: `${pages.url}/cli/xai.xml`,
      NOME_STATUS_PAGE_VERTEX: `${pages.url}/missing.json`,
    };
    const text = await cli(['status-pages'], '', env);
    expect(text.code, text.err).toBe(0);
    const lines = text.out.split('\n');
    const block = (name: string) => {
      const start = lines.findIndex((line) => line.startsWith(name));
      const end = lines.findIndex((line, i) => i > start && !line.startsWith('    '));
      return lines.slice(start, end < 0 ? undefined : end);
    };
    expect(block('Anthropic')).toEqual([
      expect.stringMatching(/^Anthropic\s+minor issues\s+Claude API \(api\.anthropic\.com\) degraded performance$/),
      '    scope: API (Claude API (api.anthropic.com)); whole page: major outage, Partial System Outage',
      `    note: Read from 127.0.0.1:${new URL(pages.url).port}: 127.0.0.1:${new URL(pages.url).port} answered HTTP 405`,
      '    incident: Slow responses from the API [identified] (Claude API (api.anthropic.com)) https://stspg.io/inc-api',
      '    other incident, not the API: Elevated errors on claude.ai [investigating] (claude.ai) https://stspg.io/inc-web',
    ]);
    expect(block('xAI')).toEqual([expect.stringMatching(/^xAI\s+minor issues\s+1 recent incident$/), '    scope: whole page (not the API alone)', '    incident: Grok API errors https://status.x.ai/incidents/1']);
    expect(block('OpenAI')).toEqual([expect.stringMatching(/^OpenAI\s+unknown\s+Status page could not be read \(could not read: HTTP 404\)$/), '    scope: API']);
  });
});
