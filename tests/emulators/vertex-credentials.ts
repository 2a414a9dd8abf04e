// Test credentials for the Vertex emulator: a fresh RSA service account or an ADC authorized_user file,
// each pointing its token_uri at a mounted emulator scenario.
import { generateKeyPairSync } from 'node:crypto';

export interface ServiceAccountFixture {
  readonly json: string;
  readonly clientEmail: string;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

let cached: { publicKeyPem: string; privateKeyPem: string } | null = null;

/** One RSA pair per test process: generating 2048-bit keys costs tens of milliseconds each. */
function keyPair() {
  cached ??= (() => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  })();
  return cached;
}

export function serviceAccountJson(tokenUri: string, clientEmail = 'checker@nome-test.iam.gserviceaccount.com', projectId = 'nome-test'): ServiceAccountFixture {
  const { publicKeyPem, privateKeyPem } = keyPair();
  const json = JSON.stringify({
    type: 'service_account',
    project_id: projectId,
    private_key_id: 'kid-emulated',
    private_key: privateKeyPem,
    client_email: clientEmail,
    client_id: '1234567890',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
  });
  return { json, clientEmail, publicKeyPem, privateKeyPem };
}

export function authorizedUserJson(tokenUri: string, refreshToken = '1//emulated-refresh-token-0123456789') {
  const user = { clientId: 'client-id.apps.googleusercontent.com', clientSecret: 'GOCSPX-emulated-client-secret', refreshToken };
  const json = JSON.stringify({ type: 'authorized_user', client_id: user.clientId, client_secret: user.clientSecret, refresh_token: refreshToken, quota_project_id: 'nome-test', token_uri: tokenUri });
  return { json, user };
}
