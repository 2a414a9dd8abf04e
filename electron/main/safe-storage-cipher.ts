// Electron's cipher: safeStorage's async API. On Linux the `basic_text` backend is a hard-coded key, so
// the app says so and seals nothing until the user has explicitly consented.
import type * as Electron from 'electron';
import type { StorageInfo } from '../../shared/channels/app';
import { NomeError } from '../../shared/errors';
import type { Cipher } from '../core/ports';

export interface SafeStorageCipherOptions {
  readonly safeStorage: Pick<
    typeof Electron.safeStorage,
    'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
  >;
  readonly platform: NodeJS.Platform;
  /** Whether the user consented to weaker storage; kept as a setting by the vault. */
  readonly hasWeakerStorageConsent: () => boolean;
}

export function createSafeStorageCipher(options: SafeStorageCipherOptions): Cipher {
  const { safeStorage, platform } = options;
  const backend = () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform);
  const weaker = () => platform === 'linux' && backend() === 'basic_text';

  async function describe(): Promise<StorageInfo> {
    const cipher = `safeStorage:${backend()}`;
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      return { cipher, weaker: false, available: false, note: 'The operating system offers no encryption for this app right now, so keys cannot be stored.' };
    }
    if (weaker()) {
      const consented = options.hasWeakerStorageConsent();
      return {
        cipher,
        weaker: true,
        available: consented,
        note: consented
          ? 'No system keyring was found (basic_text), so keys are encrypted with a fixed key that other programs can also use. You agreed to this.'
          : 'No system keyring was found (basic_text). Keys would be encrypted with a fixed key that other programs can also use. Nothing is stored until you agree.',
      };
    }
    return { cipher, weaker: false, available: true, note: null };
  }

  return {
    id: 'safeStorage',
    describe,
    async seal(plaintext) {
      const info = await describe();
      if (!info.available) throw new NomeError(info.weaker ? 'needs_consent' : 'storage_unavailable', info.note ?? 'Storage unavailable');
      return `v1.${backend()}.${(await safeStorage.encryptStringAsync(plaintext)).toString('base64')}`;
    },
    async open(sealed) {
      const [version, , body] = sealed.split('.');
      if (version !== 'v1' || body === undefined) throw new Error('not a blob safeStorage sealed');
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(body, 'base64'));
      return result;
    },
  };
}
