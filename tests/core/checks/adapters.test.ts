// Each adapter's classify is pure: the same documented rows, fed straight in without any HTTP, give the
// same states as the end-to-end run. Also what each adapter's request looks like (path, auth header).
import { describe, expect, it } from 'vitest';
import { adapters } from '../../../electron/core/checks/adapters';
import type { CheckTarget } from '../../../electron/core/checks/key-check-service';
import { isTargetProblem, type SimpleAdapter } from '../../../electron/core/checks/provider-adapter';
import { providerRows } from '../../emulators/provider-rows';

const providerOf = { openai: 'openai', anthropic: 'anthropic', gemini: 'gemini', deepseek: 'deepseek', xai: 'xai', openrouter: 'openai-compatible', compatible: 'openai-compatible' } as const;

const target = (provider: CheckTarget['provider'], options: Record<string, string> = {}, baseUrl: string | null = null): CheckTarget => ({
  keyId: null,
  provider,
  secret: 'test-secret-value',
  baseUrl: baseUrl ?? (provider === 'openai-compatible' ? 'https://llm.example/v1' : null),
  headers: {},
  options,
});

describe('pure classify over the documented rows', () => {
  const rows = providerRows.filter((row) => row.provider !== 'vertex' && row.answer);
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const provider = providerOf[row.provider as keyof typeof providerOf];
    const adapter = adapters[provider] as SimpleAdapter;
    const classify = adapter.classifierFor?.(target(provider, row.preset ? { preset: row.preset } : {})) ?? adapter.classify;
    const body = typeof row.answer!.body === 'string' ? row.answer!.body : JSON.stringify(row.answer!.body);
    const verdict = classify(row.answer!.status, row.answer!.headers ?? {}, body);
    expect(verdict.state).toBe(row.expect.state);
  });
});

describe('requests', () => {
  it.each([
    ['openai', 'https://api.openai.com/v1/models', 'authorization'],
    ['anthropic', 'https://api.anthropic.com/v1/models?limit=1', 'x-api-key'],
    ['gemini', 'https://generativelanguage.googleapis.com/v1beta/models?pageSize=1', 'x-goog-api-key'],
    ['deepseek', 'https://api.deepseek.com/user/balance', 'authorization'],
    ['xai', 'https://api.x.ai/v1/api-key', 'authorization'],
  ] as const)('%s: GET %s with the key in %s', (provider, url, header) => {
    const request = (adapters[provider] as SimpleAdapter).request(target(provider));
    if (isTargetProblem(request)) throw new Error(request.problem.message);
    expect(request.method).toBe('GET');
    expect(request.url).toBe(url);
    expect(request.headers[header]).toContain('test-secret-value');
    expect(request.url).not.toContain('test-secret-value');
  });

  it.each([
    ['openai', 'sk-admin-0123456789abcdef', 'https://api.openai.com/v1/organization/admin_api_keys?limit=1'],
    ['anthropic', 'sk-ant-admin01-0123456789abcdef', 'https://api.anthropic.com/v1/organizations/api_keys?limit=1'],
  ] as const)('an admin key of %s is checked on the admin key list (%s…), not the model list', (provider, secret, url) => {
    const request = (adapters[provider] as SimpleAdapter).request({ ...target(provider), secret });
    expect(!isTargetProblem(request) && request.url).toBe(url);
  });

  it('Anthropic sends anthropic-version 2023-06-01', () => {
    const request = (adapters.anthropic as SimpleAdapter).request(target('anthropic'));
    expect(!isTargetProblem(request) && request.headers['anthropic-version']).toBe('2023-06-01');
  });

  it.each([
    ['openrouter', 'https://openrouter.ai/api/v1/key'],
    ['groq', 'https://api.groq.com/openai/v1/models'],
    ['together', 'https://api.together.xyz/v1/models'],
    ['mistral', 'https://api.mistral.ai/v1/models'],
    ['ollama', 'http://localhost:11434/v1/models'],
    ['lmstudio', 'http://localhost:1234/v1/models'],
    ['llamacpp', 'http://127.0.0.1:8080/v1/models'],
    ['vllm', 'http://localhost:8000/v1/models'],
  ])('preset %s checks %s', (preset, url) => {
    const request = (adapters['openai-compatible'] as SimpleAdapter).request({ ...target('openai-compatible', { preset }), baseUrl: null });
    expect(!isTargetProblem(request) && request.url).toBe(url);
  });

  it('an unknown preset is bad_endpoint without a request', () => {
    const request = (adapters['openai-compatible'] as SimpleAdapter).request(target('openai-compatible', { preset: 'nope' }));
    expect(isTargetProblem(request) && request.problem.state).toBe('bad_endpoint');
  });

  it('OpenAI organization and project options become their headers', () => {
    const request = (adapters.openai as SimpleAdapter).request(target('openai', { organization: 'org-1', project: 'proj_1' }));
    expect(!isTargetProblem(request) && [request.headers['openai-organization'], request.headers['openai-project']]).toEqual(['org-1', 'proj_1']);
  });
});
