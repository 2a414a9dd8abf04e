// Vertex credentials: read a service-account or ADC `authorized_user` JSON and build the token request
// (RS256 JWT signed with node:crypto, or the refresh-token grant) (facts §4, "Validation flow" step 1).
import { createSign } from 'node:crypto';
import type { CheckRequest } from '../check-http';

export const defaultTokenUri = 'https://oauth2.googleapis.com/token';
const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';

export type VertexCredential =
  | {
      readonly type: 'service_account';
      readonly clientEmail: string;
      readonly privateKey: string;
      readonly privateKeyId: string | null;
      readonly tokenUri: string;
      readonly projectId: string | null;
    }
  | {
      readonly type: 'authorized_user';
      readonly clientId: string;
      readonly clientSecret: string;
      readonly refreshToken: string;
      readonly tokenUri: string;
      /** An ADC user file names no project of its own; `quota_project_id` is the project billed for quota
       *  (gcloud writes its current project there at login), so it is only the last resort (see vertex.ts). */
      readonly quotaProjectId: string | null;
    };

function str(json: Record<string, unknown>, name: string): string | null {
  const value = json[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Parses the credential JSON; returns a reason (never echoing the content) when it is not usable. */
export function readVertexCredential(secret: string): VertexCredential | { readonly problem: string } {
  let json: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(secret);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'the credential is not a JSON object' };
    json = value as Record<string, unknown>;
  } catch {
    return { problem: 'the credential is not JSON (expected a service-account or authorized_user file)' };
  }
  const tokenUri = str(json, 'token_uri') ?? defaultTokenUri;
  if (json.type === 'service_account') {
    const clientEmail = str(json, 'client_email');
    const privateKey = str(json, 'private_key');
    if (!clientEmail || !privateKey) return { problem: 'the service-account JSON lacks client_email or private_key' };
    return { type: 'service_account', clientEmail, privateKey, privateKeyId: str(json, 'private_key_id'), tokenUri, projectId: str(json, 'project_id') };
  }
  if (json.type === 'authorized_user') {
    const clientId = str(json, 'client_id');
    const clientSecret = str(json, 'client_secret');
    const refreshToken = str(json, 'refresh_token');
    if (!clientId || !clientSecret || !refreshToken) return { problem: 'the authorized_user JSON lacks client_id, client_secret or refresh_token' };
    return { type: 'authorized_user', clientId, clientSecret, refreshToken, tokenUri, quotaProjectId: str(json, 'quota_project_id') };
  }
  return { problem: 'the JSON type is neither "service_account" nor "authorized_user"' };
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** RFC 7523 JWT-bearer assertion: RS256 over header.claims, one hour at most (facts §4 step 1). */
export function signServiceAccountJwt(credential: Extract<VertexCredential, { type: 'service_account' }>, nowS: number): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(credential.privateKeyId ? { kid: credential.privateKeyId } : {}) };
  const claims = { iss: credential.clientEmail, scope: cloudPlatformScope, aud: credential.tokenUri, iat: nowS, exp: nowS + 3600 };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(credential.privateKey);
  return `${unsigned}.${base64url(signature)}`;
}

export function tokenRequest(credential: VertexCredential, nowS: number): CheckRequest {
  const form =
    credential.type === 'service_account'
      ? new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signServiceAccountJwt(credential, nowS) })
      : new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: credential.clientId,
          client_secret: credential.clientSecret,
          refresh_token: credential.refreshToken,
        });
  return {
    method: 'POST',
    url: credential.tokenUri,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  };
}

/** The pieces a message must never contain, each on its own (the PEM body line by line as well). */
export function credentialSecretParts(secret: string): string[] {
  const credential = readVertexCredential(secret);
  if ('problem' in credential) return [secret];
  const parts =
    credential.type === 'service_account'
      ? [credential.privateKey, ...credential.privateKey.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'))]
      : [credential.clientSecret, credential.refreshToken];
  return [secret, ...parts];
}
