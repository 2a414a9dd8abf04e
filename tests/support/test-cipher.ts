// A reversible in-memory cipher for tests that exercise transports, not storage. The real ciphers
// (keyring, file key, safeStorage) have tests of their own; this one only tags and base64-encodes.
import type { Cipher } from '../../electron/core/ports';

export function createTestCipher(): Cipher {
  return {
    id: 'test',
    describe: async () => ({ cipher: 'test', weaker: false, available: true, note: null }),
    seal: async (plaintext) => `test.${Buffer.from(plaintext).toString('base64')}`,
    open: async (sealed) => Buffer.from(sealed.slice('test.'.length), 'base64').toString(),
  };
}
