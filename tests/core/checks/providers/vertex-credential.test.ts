// Vertex credentials: the RS256 JWT (header, claims, signature) and the refresh-token grant, built with
// node:crypto only; unusable JSON is refused without echoing it.
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { credentialSecretParts, readVertexCredential, signServiceAccountJwt, tokenRequest } from '../../../../electron/core/checks/providers/vertex-credential';
import { authorizedUserJson, serviceAccountJson } from '../../../emulators/vertex-credentials';

describe('vertex credentials', () => {
  it('signs an RS256 JWT for the token_uri audience, valid one hour, with the key id', () => {
    const account = serviceAccountJson('https://oauth2.example/token');
    const credential = readVertexCredential(account.json);
    if ('problem' in credential || credential.type !== 'service_account') throw new Error('expected a service account');
    const jwt = signServiceAccountJwt(credential, 1_800_000_000);
    const [header, claims, signature] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-emulated' });
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
      iss: account.clientEmail,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: 'https://oauth2.example/token',
      iat: 1_800_000_000,
      exp: 1_800_003_600,
    });
    expect(verify('RSA-SHA256', Buffer.from(`${header}.${claims}`), createPublicKey(account.publicKeyPem), Buffer.from(signature, 'base64url'))).toBe(true);
  });

  it('an authorized_user file becomes a refresh-token grant to its token endpoint', () => {
    const { json, user } = authorizedUserJson('https://oauth2.example/token');
    const credential = readVertexCredential(json);
    if ('problem' in credential) throw new Error(credential.problem);
    const request = tokenRequest(credential, 0);
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://oauth2.example/token');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ grant_type: 'refresh_token', client_id: user.clientId, client_secret: user.clientSecret, refresh_token: user.refreshToken });
  });

  it('a file without token_uri uses Google’s token endpoint', () => {
    const { json } = authorizedUserJson('x');
    const withoutUri = JSON.stringify({ ...JSON.parse(json), token_uri: undefined });
    const credential = readVertexCredential(withoutUri);
    expect('problem' in credential ? null : credential.tokenUri).toBe('https://oauth2.googleapis.com/token');
  });

  it.each([
    ['not JSON', 'sk-something-secret'],
    ['an array', '[1,2]'],
    ['another type', JSON.stringify({ type: 'external_account', secret: 'abc' })],
    ['a service account without its key', JSON.stringify({ type: 'service_account', client_email: 'a@b' })],
  ])('%s is refused with a reason that does not echo it', (_name, secret) => {
    const credential = readVertexCredential(secret);
    expect('problem' in credential).toBe(true);
    if ('problem' in credential) expect(credential.problem).not.toContain(secret);
  });

  it('the parts to scrub include the PEM key and each of its body lines', () => {
    const account = serviceAccountJson('https://oauth2.example/token');
    const parts = credentialSecretParts(account.json);
    expect(parts).toContain(account.privateKeyPem);
    const bodyLine = account.privateKeyPem.split('\n')[3]!;
    expect(parts).toContain(bodyLine);
  });
});
