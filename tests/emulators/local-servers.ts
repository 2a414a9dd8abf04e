// Loopback emulators of the local model servers (facts §10): Ollama, LM Studio, llama.cpp, vLLM and a plain
// OpenAI-compatible endpoint, each on a random port, answering with the documented bodies. The mode can change
// while running, so tests see a server start, load, ask for a key or stop.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalServerKind } from '../../shared/channels/seats';

export type EmulatorMode = 'running' | 'starting' | 'needs_key' | 'empty' | 'hang' | 'html';

export interface LocalServerEmulator {
  readonly url: string;
  readonly port: number;
  mode: EmulatorMode;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** The headers of each request, in the same order (a keyless endpoint must be sent no Authorization). */
  readonly headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export const emulatedModels: Readonly<Record<LocalServerKind, readonly string[]>> = {
  ollama: ['qwen3:8b', 'llama3.2:3b'],
  'lm-studio': ['qwen2.5-7b-instruct', 'text-embedding-nomic-embed-text-v1.5'],
  'llama-cpp': ['gemma-3-4b-it-Q4_K_M.gguf'],
  vllm: ['meta-llama/Llama-3.1-8B-Instruct'],
  custom: ['deepseek-r1-distill-qwen-7b', 'my-finetune'],
};

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function openAiModels(ids: readonly string[]) {
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1_764_000_000, owned_by: 'organization_owner' })) };
}

function answer(kind: LocalServerKind, mode: EmulatorMode, request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const models = mode === 'empty' ? [] : emulatedModels[kind];
  if (mode === 'html') {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>Router admin</title>');
    return;
  }
  switch (kind) {
    case 'ollama':
      // Ollama itself has no auth; 401 stands for a reverse proxy in front of it.
      if (mode === 'needs_key') return json(response, 401, { error: 'unauthorized' });
      if (path === '/api/version') return json(response, 200, { version: '0.12.6' });
      if (path === '/api/tags') return json(response, 200, { models: models.map((name, index) => ({ name, model: name, size: 5_200_000_000 + index, digest: 'a'.repeat(64) })) });
      return json(response, 404, { error: 'not found' });
    case 'llama-cpp':
      if (path === '/health') {
        if (mode === 'starting') return json(response, 503, { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } });
        return json(response, 200, { status: 'ok' });
      }
      if (path === '/v1/models') {
        if (mode === 'needs_key') return json(response, 401, { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } });
        return json(response, 200, openAiModels(models));
      }
      return json(response, 404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
    case 'vllm':
      if (path === '/health') {
        if (mode === 'starting') return json(response, 503, {});
        response.writeHead(200);
        response.end();
        return;
      }
      if (path === '/v1/models') return mode === 'needs_key' ? json(response, 401, { error: 'Unauthorized' }) : json(response, 200, openAiModels(models));
      return json(response, 404, { detail: 'Not Found' });
    case 'lm-studio':
    case 'custom':
      if (path === '/v1/models') {
        if (mode === 'needs_key') return json(response, 401, { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } });
        if (mode === 'starting') return json(response, 503, { error: { message: 'Model is loading' } });
        return json(response, 200, openAiModels(models));
      }
      return json(response, 404, { error: 'Unexpected endpoint or method.' });
  }
}

export async function startLocalServerEmulator(kind: LocalServerKind, mode: EmulatorMode = 'running'): Promise<LocalServerEmulator> {
  const requests: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const hanging = new Set<ServerResponse>();
  const emulator = { mode } as { mode: EmulatorMode };
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '/');
    headers.push({ ...request.headers });
    if (emulator.mode === 'hang') {
      hanging.add(response);
      return;
    }
    answer(kind, emulator.mode, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(emulator, {
    url: `http://127.0.0.1:${port}${kind === 'custom' ? '/v1' : ''}`,
    port,
    requests,
    headers,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** A loopback URL where nothing listens: bind a port, then let it go. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
