// Local model servers against loopback emulators: each state from its documented answer, models, loopback only.
import { afterEach, describe, expect, it } from 'vitest';
import { builtInTargets, loopbackUrl } from '../../../electron/core/local-servers/loopback';
import { probeServer } from '../../../electron/core/local-servers/probe-server';
import { scanLocalServers } from '../../../electron/core/local-servers/scan-local-servers';
import type { LocalServerKind } from '../../../shared/channels/seats';
import { closedLoopbackUrl, emulatedModels, startLocalServerEmulator, type EmulatorMode, type LocalServerEmulator } from '../../emulators/local-servers';

const open: LocalServerEmulator[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((emulator) => emulator.close()));
});

async function emulator(kind: LocalServerKind, mode: EmulatorMode = 'running') {
  const started = await startLocalServerEmulator(kind, mode);
  open.push(started);
  return started;
}

const options = { fetch: globalThis.fetch, now: () => Date.now(), timeoutMs: 500 };
const labels: Record<LocalServerKind, string> = { ollama: 'Ollama', 'lm-studio': 'LM Studio', 'llama-cpp': 'llama.cpp', vllm: 'vLLM', custom: 'My box' };

async function probe(kind: LocalServerKind, mode: EmulatorMode = 'running') {
  const server = await emulator(kind, mode);
  return { result: await probeServer({ server: kind, label: labels[kind], url: server.url }, options), server };
}

describe.each(['ollama', 'lm-studio', 'llama-cpp', 'vllm', 'custom'] as const)('%s', (kind) => {
  it('running: lists its models', async () => {
    const { result } = await probe(kind);
    expect(result.state).toBe('running');
    expect(result.models.map((model) => model.id)).toEqual(emulatedModels[kind]);
    expect(result.message).toMatch(/is running with \d models?/);
  });

  it('asking for a key is needs_key', async () => {
    expect((await probe(kind, 'needs_key')).result.state).toBe('needs_key');
  });

  it('nothing listening is not_running', async () => {
    const url = await closedLoopbackUrl();
    const result = await probeServer({ server: kind, label: labels[kind], url }, options);
    expect(result).toMatchObject({ state: 'not_running', models: [] });
    expect(result.message).toMatch(/not running|Could not connect/);
  });

  it('a server that never answers is not_running within the deadline', async () => {
    const started = Date.now();
    const { result } = await probe(kind, 'hang');
    expect(result.state).toBe('not_running');
    expect(result.message).toMatch(/within 500 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('something else on the port is not taken for the server', async () => {
    const { result } = await probe(kind, 'html');
    expect(result.state).toBe('not_running');
    expect(result.message).toMatch(/answers .*but not like/);
  });
});

describe('server-specific answers', () => {
  it('Ollama reports its version and model sizes from /api/version and /api/tags', async () => {
    const { result, server } = await probe('ollama');
    expect(result.version).toBe('0.12.6');
    expect(result.models[0]).toEqual({ id: 'qwen3:8b', sizeBytes: 5_200_000_000 });
    expect(server.requests).toEqual(['/api/version', '/api/tags']);
  });

  it('llama.cpp 503 "Loading model" from /health is starting', async () => {
    expect((await probe('llama-cpp', 'starting')).result).toMatchObject({ state: 'starting', models: [] });
  });

  it('vLLM 503 from /health is starting', async () => {
    expect((await probe('vllm', 'starting')).result.state).toBe('starting');
  });

  it('a running server with no models says so', async () => {
    const { result } = await probe('lm-studio', 'empty');
    expect(result).toMatchObject({ state: 'running', models: [] });
    expect(result.message).toMatch(/no models/);
  });

  it('a server changing state is seen on the next probe', async () => {
    const server = await emulator('llama-cpp', 'starting');
    const target = { server: 'llama-cpp' as const, label: 'llama.cpp', url: server.url };
    expect((await probeServer(target, options)).state).toBe('starting');
    server.mode = 'running';
    expect((await probeServer(target, options)).state).toBe('running');
  });
});

describe('loopback only', () => {
  it('refuses non-loopback hosts without sending a request', async () => {
    let calls = 0;
    const counting: typeof fetch = (...args) => {
      calls += 1;
      return fetch(...args);
    };
    for (const url of ['http://192.0.2.1:11434', 'http://example.com:8080', 'http://127.0.0.1.nip.io:8000', 'http://user:pw@127.0.0.1:1234', 'file:///etc/passwd']) {
      const result = await probeServer({ server: 'custom', label: 'Remote', url }, { ...options, fetch: counting });
      expect(result.state).toBe('not_running');
      expect(result.message).toMatch(/only reached on this computer/);
    }
    expect(calls).toBe(0);
  });

  it('accepts localhost, 127.x and [::1]', () => {
    expect(loopbackUrl('http://localhost:11434/')).toBe('http://localhost:11434');
    expect(loopbackUrl('http://127.0.0.2:8080')).toBe('http://127.0.0.2:8080');
    expect(loopbackUrl('http://[::1]:8000/v1/')).toBe('http://[::1]:8000/v1');
  });

  it('OLLAMA_HOST 0.0.0.0:port is probed on loopback; other env URLs override the defaults', () => {
    const targets = builtInTargets({ OLLAMA_HOST: '0.0.0.0:11500', NOME_VLLM_URL: 'http://127.0.0.1:9000' });
    expect(targets.find((target) => target.server === 'ollama')?.url).toBe('http://127.0.0.1:11500');
    expect(targets.find((target) => target.server === 'vllm')?.url).toBe('http://127.0.0.1:9000');
    expect(targets.find((target) => target.server === 'lm-studio')?.url).toBe('http://127.0.0.1:1234');
  });

  it('probes every server at once', async () => {
    const servers = await Promise.all((['ollama', 'lm-studio', 'llama-cpp', 'vllm'] as const).map((kind) => emulator(kind)));
    const targets = builtInTargets({}, { ollama: servers[0]!.url, 'lm-studio': servers[1]!.url, 'llama-cpp': servers[2]!.url, vllm: servers[3]!.url });
    const results = await scanLocalServers(targets, options);
    expect(results.map((result) => result.state)).toEqual(['running', 'running', 'running', 'running']);
  });
});
