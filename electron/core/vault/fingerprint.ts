// Keyed fingerprints: HMAC-SHA-256 of a secret under a random key the cipher seals, so the vault can
// tell the same key saved twice without storing anything that reveals or confirms the key.
// Web Crypto (globalThis.crypto) keeps core free of Node imports.

export type FingerprintKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

export function createFingerprintKeyMaterial(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

export async function importFingerprintKey(material: string): Promise<FingerprintKey> {
  return globalThis.crypto.subtle.importKey('raw', Buffer.from(material, 'base64'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function fingerprintSecret(key: FingerprintKey, secret: string): Promise<string> {
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(secret));
  return Buffer.from(mac).toString('base64url');
}

export function randomKeyId(): string {
  return `key_${globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
}
