// `nome-settings seats [--json]` and `local [--json]`: the DESIGN.md shapes, a clear line per source, no token bytes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HeadlessOptions } from '../../electron/headless/host';
import { fixtureHome, leakedTokens, mergedHome } from '../fixtures/homes/fixture-homes';
import { closedLoopbackUrl, startLocalServerEmulator, type LocalServerEmulator } from '../emulators/local-servers';
import { runCliCaptured } from '../support/run-cli';

let dataDir: string;
let home: string;
const emulators: LocalServerEmulator[] = [];

async function cli(args: string[], env: Record<string, string>, overrides: Partial<HeadlessOptions> = {}, stdinText = '') {
  return runCliCaptured(['--data-dir', dataDir, ...args], { stdin: stdinText, env, host: overrides });
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nome-cli-'));
  home = mergedHome([...['claude-code', 'codex', 'gemini-cli', 'github-copilot-apps', 'qwen-code', 'grok-cli']]);
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
});

describe('seats', () => {
  it('--json prints one seat per CLI in the DESIGN.md shape, from the HOME it is given', async () => {
    const { code, out, err } = await cli(['seats', '--json'], { HOME: home });
    expect(code).toBe(0);
    expect(err).toBe('');
    const seats = JSON.parse(out) as Record<string, unknown>[];
    expect(seats.map((seat) => seat.source)).toEqual(['claude-code', 'codex', 'gemini-cli', 'github-copilot', 'qwen-code', 'grok-cli']);
    expect(seats[0]).toMatchObject({ source: 'claude-code', signedIn: true, plan: 'Max', email: 'a@b.c', expiresAt: '2026-12-06T12:00:00.000Z' });
    expect(seats[1]).toMatchObject({ source: 'codex', signedIn: true, plan: 'Pro', email: 'codex@example.com' });
    expect(leakedTokens(out + err)).toEqual([]);
  });

  it('plain output has a line per CLI; --lanes adds the default lane per family', async () => {
    const { code, out, err } = await cli(['seats', '--lanes'], { HOME: home, OLLAMA_HOST: await closedLoopbackUrl(), NOME_LMSTUDIO_URL: 'http://127.0.0.1:9', NOME_LLAMACPP_URL: 'http://127.0.0.1:9', NOME_VLLM_URL: 'http://127.0.0.1:9' });
    expect(code).toBe(0);
    expect(out).toMatch(/^Claude Code {6}signed in, plan Max, as a@b\.c, token expires 2026-12-06T12:00:00\.000Z$/m);
    expect(out).toMatch(/^GitHub Copilot {3}signed in, as octocat$/m);
    expect(out).toMatch(/^Claude Sonnet +seat: seat \(Claude Code \(Max\)\) by default because you are signed in/m);
    expect(leakedTokens(out + err)).toEqual([]);
  });

  it('--lanes --json reads saved keys through the router: a key is the default where no seat is signed in', async () => {
    const env = { HOME: fixtureHome('claude-code'), OLLAMA_HOST: 'http://127.0.0.1:9', NOME_LMSTUDIO_URL: 'http://127.0.0.1:9', NOME_LLAMACPP_URL: 'http://127.0.0.1:9', NOME_VLLM_URL: 'http://127.0.0.1:9' };
    const secret = `xai-${'k'.repeat(60)}`;
    expect((await cli(['keys', 'add', '--provider', 'xai', '--label', 'Work', '--no-check'], env, {}, `${secret}\n`)).code).toBe(0);
    const { code, out } = await cli(['seats', '--lanes', '--json'], env);
    expect(code).toBe(0);
    const { lanes } = JSON.parse(out) as { lanes: { families: { family: string; defaultLane: string; defaultVia: string; why: string }[] } };
    const byFamily = Object.fromEntries(lanes.families.map((family) => [family.family, family]));
    expect(byFamily.grok).toMatchObject({ defaultLane: 'byok', defaultVia: 'key “Work” (xAI)' });
    expect(byFamily['claude-sonnet']).toMatchObject({ defaultLane: 'provider-subscription', defaultVia: 'Claude Code (Max)' });
    expect(out).not.toContain(secret);
  });

  it('damaged files give a status per source and exit 0, never a stack trace or token bytes', async () => {
    const { code, out, err } = await cli(['seats', '--json'], { HOME: fixtureHome('malformed') });
    expect(code).toBe(0);
    const statuses = (JSON.parse(out) as { status: string }[]).map((seat) => seat.status);
    expect(statuses).toEqual(['malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed']);
    expect(leakedTokens(out + err)).toEqual([]);
  });
});

describe('local', () => {
  it('--json prints { server, url, state, models } for each server, probed on the ports it is given', async () => {
    const ollama = await startLocalServerEmulator('ollama');
    const llama = await startLocalServerEmulator('llama-cpp', 'starting');
    const vllm = await startLocalServerEmulator('vllm', 'needs_key');
    emulators.push(ollama, llama, vllm);
    const closed = await closedLoopbackUrl();
    const { code, out, err } = await cli(['local', '--json'], { HOME: home }, { localServerUrls: { ollama: ollama.url, 'lm-studio': closed, 'llama-cpp': llama.url, vllm: vllm.url } });
    expect(code).toBe(0);
    expect(err).toBe('');
    const servers = JSON.parse(out) as { server: string; url: string; state: string; models: { id: string }[] }[];
    expect(servers.map((server) => [server.server, server.state])).toEqual([
      ['ollama', 'running'],
      ['lm-studio', 'not_running'],
      ['llama-cpp', 'starting'],
      ['vllm', 'needs_key'],
    ]);
    expect(servers[0]!.url).toBe(ollama.url);
    expect(servers[0]!.models.map((model) => model.id)).toEqual(['qwen3:8b', 'llama3.2:3b']);
  });

  it('an OpenAI-compatible key on loopback in the vault is probed as the user’s own local server', async () => {
    const custom = await startLocalServerEmulator('custom', 'needs_key');
    emulators.push(custom);
    const closed = await closedLoopbackUrl();
    const ports = { localServerUrls: { ollama: closed, 'lm-studio': closed, 'llama-cpp': closed, vllm: closed } };
    const added = await cli(['keys', 'add', '--provider', 'openai-compatible', '--label', 'Home box', '--base-url', custom.url, '--no-check'], { HOME: home }, ports, 'local-secret-TOKENBYTES-1234567890\n');
    expect(added.code).toBe(0);
    const { out, err } = await cli(['local', '--json'], { HOME: home }, ports);
    const server = (JSON.parse(out) as { server: string; label: string; url: string; state: string }[]).find((entry) => entry.server === 'custom');
    expect(server).toMatchObject({ label: 'Home box', url: custom.url, state: 'needs_key' });
    expect(out + err).not.toContain('TOKENBYTES');
  });

  it('environment variables point the probes elsewhere on loopback', async () => {
    const studio = await startLocalServerEmulator('lm-studio');
    emulators.push(studio);
    const closed = await closedLoopbackUrl();
    const { out } = await cli(['local'], { HOME: home, NOME_LMSTUDIO_URL: studio.url, OLLAMA_HOST: closed, NOME_LLAMACPP_URL: closed, NOME_VLLM_URL: closed });
    expect(out).toMatch(/^LM Studio +running +http:\/\/127\.0\.0\.1:\d+$/m);
    expect(out).toMatch(/models: qwen2\.5-7b-instruct, text-embedding-nomic-embed-text-v1\.5/);
    expect(out).toMatch(/^Ollama +not running/m);
  });
});
