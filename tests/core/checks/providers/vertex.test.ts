// The Vertex flow against the loopback emulator: the token request goes to the credential's token_uri, the
// countTokens call names the configured project and region, one deadline spans both steps, and no part of
// the credential (PEM lines, client secret, refresh token, access token) survives in a result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyCheckService } from '../../../../electron/core/checks/create-key-check-service';
import type { CheckTarget } from '../../../../electron/core/checks/key-check-service';
import { vertexApiRoot } from '../../../../electron/core/checks/providers/vertex';
import { createMinimalScrubber } from '../../../../electron/core/scrub/scrubber';
import { startProviderEmulator, type ProviderEmulator } from '../../../emulators/provider-emulator';
import { mountAuthorizedUserWithoutProject, mountRow } from '../../../emulators/row-target';
import { authorizedUserJson, serviceAccountJson } from '../../../emulators/vertex-credentials';

let emulator: ProviderEmulator;
const clock = { now: () => Date.parse('2026-12-03T12:00:00Z') };
const service = (deadlineMs = 5_000, fetchPort: typeof fetch = globalThis.fetch, env: Record<string, string> = {}) =>
  createKeyCheckService({ fetch: fetchPort, clock, scrubber: createMinimalScrubber(), deadlineMs, env });

beforeAll(async () => {
  emulator = await startProviderEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function requestsSince(before: number, index: number) {
  return emulator.requests.slice(before).filter((request) => request.scenario === index);
}

/** A fetch that records where it was asked to go and refuses, standing in for the internet (none here). */
function recordingFetch() {
  const urls: string[] = [];
  const fetchPort = (async (url: string | URL | Request) => {
    urls.push(String(url));
    throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  }) as typeof fetch;
  return { urls, fetchPort };
}

describe('Vertex check flow', () => {
  it('signs a JWT for the token_uri, then calls countTokens for the file project and the configured region with the access token', async () => {
    const before = emulator.requests.length;
    const { target } = mountRow(emulator, { name: 'x', provider: 'vertex', expect: { state: 'ok' } });
    const result = await service().check({ ...target, options: { region: 'europe-west4' } });
    expect(result.state, result.message).toBe('ok');
    const index = Number(/\/s\/(\d+)/.exec(target.baseUrl!)![1]);
    const [token, call] = requestsSince(before, index);
    expect(token).toMatchObject({ method: 'POST', path: '/token' });
    expect(new URLSearchParams(token!.body).get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(call).toMatchObject({ method: 'POST', path: '/v1/projects/nome-test/locations/europe-west4/publishers/google/models/gemini-2.5-flash:countTokens' });
    expect(call!.headers.authorization).toMatch(/^Bearer ya29\.emulated-/);
    expect(JSON.parse(call!.body)).toEqual({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
  });

  it('the project and model options replace the file project and the default model', async () => {
    const before = emulator.requests.length;
    const { target } = mountRow(emulator, { name: 'x', provider: 'vertex', authorizedUser: true, expect: { state: 'ok' } });
    const result = await service().check({ ...target, options: { project: 'other-project', region: 'us-east5', model: 'gemini-2.5-pro' } });
    expect(result.state, result.message).toBe('ok');
    const index = Number(/\/s\/(\d+)/.exec(target.baseUrl!)![1]);
    const [token, call] = requestsSince(before, index);
    expect(new URLSearchParams(token!.body).get('grant_type')).toBe('refresh_token');
    expect(call!.path).toBe('/v1/projects/other-project/locations/us-east5/publishers/google/models/gemini-2.5-pro:countTokens');
  });

  it('an authorized_user file without a quota project, and no project option, is ok on the token alone and says countTokens was not tried', async () => {
    const before = emulator.requests.length;
    const mounted = mountAuthorizedUserWithoutProject(emulator);
    const result = await service().check({ keyId: 'k', provider: 'vertex', secret: mounted.secret, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result.state, result.message).toBe('ok');
    expect(result.message).toMatch(/no project configured, so countTokens was not tried/);
    expect(requestsSince(before, mounted.index).map((r) => r.path)).toEqual(['/token']);
  });

  it('an authorized_user file without a quota project takes GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION from the environment, and says so', async () => {
    const before = emulator.requests.length;
    const mounted = mountAuthorizedUserWithoutProject(emulator);
    const env = { GOOGLE_CLOUD_PROJECT: 'env-project', GCLOUD_PROJECT: 'legacy-project', CLOUDSDK_CORE_PROJECT: 'sdk-project', GOOGLE_CLOUD_LOCATION: 'europe-west1' };
    const result = await service(5_000, globalThis.fetch, env).check({ keyId: 'k', provider: 'vertex', secret: mounted.secret, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result.state, result.message).toBe('ok');
    expect(requestsSince(before, mounted.index).map((r) => r.path)).toEqual(['/token', '/v1/projects/env-project/locations/europe-west1/publishers/google/models/gemini-2.5-flash:countTokens']);
    expect(result.message).toBe('credential accepted; countTokens answered for project "env-project" (from GOOGLE_CLOUD_PROJECT) in europe-west1 (from GOOGLE_CLOUD_LOCATION)');
  });

  it.each([
    [{ GCLOUD_PROJECT: 'legacy-project', CLOUDSDK_CORE_PROJECT: 'sdk-project' }, 'legacy-project', 'GCLOUD_PROJECT'],
    [{ GOOGLE_CLOUD_PROJECT: '  ', CLOUDSDK_CORE_PROJECT: 'sdk-project' }, 'sdk-project', 'CLOUDSDK_CORE_PROJECT'],
    [{ GOOGLE_CLOUD_PROJECT: 'env-project' }, 'env-project', 'GOOGLE_CLOUD_PROJECT'],
    [{}, 'nome-test', "the ADC file's quota_project_id"],
  ])('an authorized_user file with env %j asks for project %s (from %s): the environment before quota_project_id', async (env, project, source) => {
    const before = emulator.requests.length;
    const { target } = mountRow(emulator, { name: 'x', provider: 'vertex', authorizedUser: true, expect: { state: 'ok' } });
    // mountRow sets a region option; drop it so nothing but the environment and the file decide.
    const result = await service(5_000, globalThis.fetch, env).check({ ...target, options: {} });
    expect(result.state, result.message).toBe('ok');
    const index = Number(/\/s\/(\d+)/.exec(target.baseUrl!)![1]);
    expect(requestsSince(before, index)[1]!.path).toBe(`/v1/projects/${project}/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens`);
    expect(result.message).toContain(`project "${project}" (from ${source}) in us-central1`);
  });

  it('the project and region options beat the environment, and a service account file\'s own project does too', async () => {
    const env = { GOOGLE_CLOUD_PROJECT: 'env-project', GOOGLE_CLOUD_LOCATION: 'asia-east1', GOOGLE_CLOUD_REGION: 'asia-south1' };
    const before = emulator.requests.length;
    const user = mountRow(emulator, { name: 'x', provider: 'vertex', authorizedUser: true, expect: { state: 'ok' } }).target;
    const withOptions = await service(5_000, globalThis.fetch, env).check({ ...user, options: { project: 'option-project', region: 'us-east5' } });
    expect(withOptions.state, withOptions.message).toBe('ok');
    expect(withOptions.message).toContain('project "option-project" (from the project option) in us-east5 (from the region option)');
    const account = mountRow(emulator, { name: 'x', provider: 'vertex', expect: { state: 'ok' } }).target;
    const fromFile = await service(5_000, globalThis.fetch, env).check({ ...account, options: {} });
    expect(fromFile.message).toContain('project "nome-test" (from the service account file) in asia-east1 (from GOOGLE_CLOUD_LOCATION)');
    const paths = emulator.requests.slice(before).map((r) => r.path).filter((path) => path.endsWith(':countTokens'));
    expect(paths).toEqual([
      '/v1/projects/option-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:countTokens',
      '/v1/projects/nome-test/locations/asia-east1/publishers/google/models/gemini-2.5-flash:countTokens',
    ]);
  });

  it('a countTokens refusal says which project was asked and where it came from', async () => {
    const { target } = mountRow(emulator, {
      name: 'x',
      provider: 'vertex',
      authorizedUser: true,
      answer: { status: 403, body: { error: { code: 403, message: 'Permission denied on resource project env-project.', status: 'PERMISSION_DENIED' } } },
      expect: { state: 'restricted' },
    });
    const result = await service(5_000, globalThis.fetch, { GOOGLE_CLOUD_PROJECT: 'env-project' }).check({ ...target, options: {} });
    expect(result.state).toBe('restricted');
    expect(result.message).toMatch(/^project "env-project" \(from GOOGLE_CLOUD_PROJECT\) in us-central1: .*Permission denied/);
  });

  it.each([
    [{ GOOGLE_CLOUD_LOCATION: 'evil.example/x' }, 'GOOGLE_CLOUD_LOCATION'],
    [{ GOOGLE_CLOUD_REGION: 'us-central1.evil.example' }, 'GOOGLE_CLOUD_REGION'],
    [{ GOOGLE_CLOUD_LOCATION: 'evil.example#', GOOGLE_CLOUD_REGION: 'us-central1' }, 'GOOGLE_CLOUD_LOCATION'],
  ])('a region from the environment %j that could move the host is bad_endpoint, names %s, and nothing is sent', async (env, variable) => {
    const { urls, fetchPort } = recordingFetch();
    const account = serviceAccountJson('https://oauth2.googleapis.com/token');
    const result = await service(5_000, fetchPort, { ...env, GOOGLE_CLOUD_PROJECT: 'env-project' }).check({ keyId: 'k', provider: 'vertex', secret: account.json, baseUrl: null, headers: {}, options: {} });
    expect(result.state).toBe('bad_endpoint');
    expect(result.message).toMatch(new RegExp(`^${variable} ".*" is not a Google Cloud region name`));
    expect(urls).toEqual([]);
  });

  it('a project from the environment cannot move the countTokens path: it is one encoded path segment', async () => {
    const before = emulator.requests.length;
    const mounted = mountAuthorizedUserWithoutProject(emulator);
    const result = await service(5_000, globalThis.fetch, { GOOGLE_CLOUD_PROJECT: '../../x?y=1#z' }).check({ keyId: 'k', provider: 'vertex', secret: mounted.secret, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result.state, result.message).toBe('ok');
    expect(requestsSince(before, mounted.index)[1]!.path).toBe('/v1/projects/..%2F..%2Fx%3Fy%3D1%23z/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens');
  });

  it('a valid region option wins over a hostile region in the environment', async () => {
    const before = emulator.requests.length;
    const { target } = mountRow(emulator, { name: 'x', provider: 'vertex', expect: { state: 'ok' } });
    const result = await service(5_000, globalThis.fetch, { GOOGLE_CLOUD_LOCATION: 'evil.example/x' }).check({ ...target, options: { region: 'europe-west4' } });
    expect(result.state, result.message).toBe('ok');
    expect(emulator.requests.slice(before).some((r) => r.path.includes('/locations/europe-west4/'))).toBe(true);
  });

  it('without a base URL, countTokens goes to the regional Google host, and global to the unprefixed one', () => {
    expect(vertexApiRoot('us-central1')).toBe('https://us-central1-aiplatform.googleapis.com');
    expect(vertexApiRoot('global')).toBe('https://aiplatform.googleapis.com');
  });

  it.each(['evil.example/x', 'evil.example#', 'us-central1.evil.example', 'US CENTRAL'])(
    'a region option %j that could move the host is bad_endpoint and nothing is sent',
    async (region) => {
      const { urls, fetchPort } = recordingFetch();
      const account = serviceAccountJson('https://oauth2.googleapis.com/token');
      const target: CheckTarget = { keyId: 'k', provider: 'vertex', secret: account.json, baseUrl: null, headers: {}, options: { region } };
      const result = await service(5_000, fetchPort).check(target);
      expect(result.state).toBe('bad_endpoint');
      expect(result.message).toMatch(/not a Google Cloud region name/);
      expect(urls).toEqual([]);
    },
  );

  it('a token_uri in plain http to a non-local host is bad_endpoint and the refresh token is not sent', async () => {
    const { urls, fetchPort } = recordingFetch();
    const { json, user } = authorizedUserJson('http://oauth2.example.com/token');
    const result = await service(5_000, fetchPort).check({ keyId: 'k', provider: 'vertex', secret: json, baseUrl: null, headers: {}, options: {} });
    expect(result.state).toBe('bad_endpoint');
    expect(result.message).toContain('http://oauth2.example.com');
    expect(urls).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(user.refreshToken);
  });

  it('one deadline spans the token step and countTokens: each step alone fits it, both together do not', async () => {
    const slow = await startProviderEmulator({ latencyMs: 300 });
    try {
      const { target } = mountRow(slow, { name: 'x', provider: 'vertex', expect: { state: 'ok' } });
      // A fresh deadline per step would let both 300 ms steps through a 500 ms deadline.
      const tight = await service(500).check(target);
      expect(tight.state).toBe('timeout');
      expect(tight.message).toContain('ms');
      const roomy = await service(5_000).check(target);
      expect(roomy.state, roomy.message).toBe('ok');
    } finally {
      await slow.close();
    }
  });
});

describe('Vertex credential parts never leak', () => {
  it('a token endpoint error that echoes the refresh token and client secret is scrubbed', async () => {
    const refreshToken = '1//0gEchoedRefreshToken-abcdefghijklmnopqrstuvwxyz0123456789';
    const clientSecret = 'GOCSPX-emulated-client-secret';
    const mounted = emulator.mount({
      provider: 'vertex',
      tokenAnswer: { status: 400, body: { error: 'invalid_grant', error_description: `Bad refresh_token=${refreshToken}&client_secret=${clientSecret}` } },
    });
    const { json } = authorizedUserJson(mounted.tokenUri, refreshToken);
    const result = await service().check({ keyId: 'k', provider: 'vertex', secret: json, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result.state).toBe('invalid_key');
    expect(result.message).toContain('[redacted]');
    expect(JSON.stringify(result)).not.toContain(refreshToken);
    expect(JSON.stringify(result)).not.toContain(clientSecret);
  });

  it('a token endpoint error that echoes a line of the private key is scrubbed', async () => {
    const probe = serviceAccountJson('https://unused.example/token');
    const pemLine = probe.privateKeyPem.split('\n')[5]!;
    const mounted = emulator.mount({ provider: 'vertex', tokenAnswer: { status: 400, body: { error: 'invalid_grant', error_description: `Invalid JWT Signature for key ${pemLine}` } } });
    const account = serviceAccountJson(mounted.tokenUri);
    const result = await service().check({ keyId: 'k', provider: 'vertex', secret: account.json, baseUrl: mounted.baseUrl, headers: {}, options: {} });
    expect(result.state).toBe('invalid_key');
    expect(JSON.stringify(result)).not.toContain(pemLine);
  });

  it('a countTokens error that echoes the access token in message and reason is scrubbed', async () => {
    const { target } = mountRow(emulator, {
      name: 'x',
      provider: 'vertex',
      answer: { status: 403, body: { error: { code: 403, message: 'token {{access_token}} lacks aiplatform.endpoints.predict', status: 'PERMISSION_DENIED', details: [{ reason: '{{access_token}}' }] } } },
      expect: { state: 'restricted' },
    });
    const result = await service().check(target);
    expect(result.state).toBe('restricted');
    expect(result.message).toContain('[redacted]');
    expect(JSON.stringify(result)).not.toMatch(/ya29\.emulated/);
  });
});
