// Lane availability, pure: which lanes each model family has on this host and which one a turn takes by default.
import { describe, expect, it } from 'vitest';
import { computeLanes, type LaneInputs } from '../../../electron/core/lanes/compute-lanes';
import type { LocalServer, Seat, SeatSource, SeatStatus } from '../../../shared/channels/seats';

const now = Date.parse('2026-12-03T12:00:00Z');

function seat(source: SeatSource, status: SeatStatus, extra: Partial<Seat> = {}): Seat {
  const names: Record<SeatSource, string> = { 'claude-code': 'Claude Code', codex: 'Codex CLI', 'gemini-cli': 'Gemini CLI', 'github-copilot': 'GitHub Copilot', 'qwen-code': 'Qwen Code', 'grok-cli': 'Grok CLI' };
  return { source, displayName: names[source], signedIn: status === 'signed_in', status, plan: null, email: null, account: null, expiresAt: null, authMode: null, provider: null, files: [], detail: '', checkedAt: '', ...extra };
}

function server(label: string, models: string[], state: LocalServer['state'] = 'running'): LocalServer {
  return { server: 'ollama', label, url: 'http://127.0.0.1:11434', state, version: null, models: models.map((id) => ({ id, sizeBytes: null })), latencyMs: 1, checkedAt: '', message: '' };
}

function lanes(inputs: Partial<LaneInputs>) {
  const result = computeLanes({ seats: [], servers: [], keys: [], creditsAvailable: null, now, ...inputs });
  return Object.fromEntries(result.families.map((family) => [family.family, family]));
}

describe('default lane', () => {
  it('a signed-in seat is the default over a key and credits, and the reason says why', () => {
    const family = lanes({ seats: [seat('claude-code', 'signed_in', { plan: 'Max' })], keys: [{ provider: 'anthropic', label: 'Work', state: 'ok' }], creditsAvailable: 5000 })['claude-sonnet']!;
    expect(family.defaultLane).toBe('provider-subscription');
    expect(family.defaultVia).toBe('Claude Code (Max)');
    expect(family.reason).toBe('seat (Claude Code (Max)) by default because you are signed in to Claude Code (Max), and seat turns cost no credits');
    expect(family.lanes.map((lane) => [lane.lane, lane.available])).toEqual([
      ['provider-subscription', true],
      ['byok', true],
      ['credits', true],
    ]);
  });

  it('without a seat, the user’s working key comes before credits', () => {
    const family = lanes({ keys: [{ provider: 'openai', label: 'Personal', state: 'ok' }] }).gpt!;
    expect(family.defaultLane).toBe('byok');
    expect(family.defaultVia).toBe('key “Personal” (OpenAI)');
    expect(family.reason).toMatch(/^your key \(key “Personal” \(OpenAI\)\) by default because your OpenAI key works, and you pay the provider directly, no credits; before it: not signed in to Codex CLI$/);
  });

  it('a refused or out-of-credit key is not a lane; credits take over and the reason names both', () => {
    const family = lanes({ keys: [{ provider: 'xai', label: 'Old', state: 'invalid_key' }], creditsAvailable: 1200 }).grok!;
    expect(family.defaultLane).toBe('credits');
    expect(family.reason).toBe('NOME Credits by default because not signed in to Grok CLI and your xAI key was refused (1,200 credits available)');
  });

  it('a local model beats a key for an open-weight family', () => {
    const family = lanes({ servers: [server('Ollama', ['deepseek-r1:14b'])], keys: [{ provider: 'deepseek', label: 'DS', state: 'ok' }] }).deepseek!;
    expect(family.defaultLane).toBe('local');
    expect(family.defaultVia).toBe('Ollama: deepseek-r1:14b');
  });

  it('a seat beats a local model (the provider’s own model, already paid for)', () => {
    const family = lanes({ seats: [seat('qwen-code', 'signed_in')], servers: [server('Ollama', ['qwen3:8b'])] }).qwen!;
    expect(family.defaultLane).toBe('provider-subscription');
    expect(family.lanes.find((lane) => lane.lane === 'local')?.available).toBe(true);
  });

  it('no lane at all gives a null default and says what is missing', () => {
    const family = lanes({}).qwen!;
    expect(family.defaultLane).toBeNull();
    expect(family.reason).toBe('No lane on this host: not signed in to Qwen Code; no local model server is running');
  });
});

describe('lane details', () => {
  it('an expired seat token still counts: the CLI renews it', () => {
    const family = lanes({ seats: [seat('codex', 'signed_in', { expiresAt: '2026-12-01T00:00:00Z' })] }).gpt!;
    expect(family.defaultLane).toBe('provider-subscription');
    expect(family.lanes[0]!.reason).toMatch(/token has expired and Codex CLI renews it/);
  });

  it('a keychain-held or API-key-mode CLI is not a seat lane', () => {
    expect(lanes({ seats: [seat('codex', 'elsewhere')] }).gpt!.lanes[0]).toMatchObject({ available: false, reason: expect.stringMatching(/keychain/) });
    expect(lanes({ seats: [seat('codex', 'api_key_mode')] }).gpt!.lanes[0]).toMatchObject({ available: false, reason: expect.stringMatching(/API key/) });
  });

  it('no credits left makes the credits lane unavailable; an unknown balance does not', () => {
    expect(lanes({ creditsAvailable: 0 })['claude-opus']!.defaultLane).toBeNull();
    expect(lanes({ creditsAvailable: null })['claude-opus']!.defaultLane).toBe('credits');
  });

  it('a starting or key-needing server offers no local lane', () => {
    expect(lanes({ servers: [server('llama.cpp', ['llama-3.1-8b'], 'starting')] }).llama!.defaultLane).toBeNull();
  });

  it('local models no family claims get an "Other local models" family, and only then', () => {
    expect(lanes({ servers: [server('Ollama', ['qwen3:8b'])] })['other-local']).toBeUndefined();
    const other = lanes({ servers: [server('Ollama', ['qwen3:8b', 'phi4:14b'])] })['other-local']!;
    expect(other.defaultVia).toBe('Ollama: phi4:14b');
  });

  it('Gemini keys from either Gemini or Vertex count', () => {
    expect(lanes({ keys: [{ provider: 'vertex', label: 'SA', state: 'unchecked' }] }).gemini!.defaultLane).toBe('byok');
  });
});
