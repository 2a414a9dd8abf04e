// Reads every secret the vault on this host holds (stored keys, their header values, the environment's
// keys), for the exact-match layer of `nome-settings scrub`. Read-only on purpose: scrub sits in pipes,
// may run while another host writes, and must never create a data dir, set a damaged store aside or
// mark a key unopenable; the next ordinary command does those, under the store's lock.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isNomeError } from '../../shared/errors';
import type { Cipher } from '../core/ports';
import { readEnvKeys } from '../core/vault/env-keys';
import { needsReentry } from '../core/vault/key-cards';
import { parseVaultDocument, type VaultDocument } from '../core/vault/vault-document';
import { keyStoreConfOptions } from './conf-key-store';

export interface VaultSecrets {
  readonly secrets: string[];
  /** Why some or all stored secrets could not be read, for one warning; null when every one was. */
  readonly problem: string | null;
  /** True when only some stored keys could not be opened: the others are matched exactly. */
  readonly partial: boolean;
}

export interface VaultSecretsOptions {
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Built only when there is a stored key to open: building the Node cipher asks D-Bus for the keyring. */
  readonly cipher: () => Cipher;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

type StoreRead = { document: VaultDocument | null; problem: string | null };

/** The store file as it is now; no file (a new or absent data dir) is an empty vault, not a problem. */
function readStore(path: string): StoreRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { document: null, problem: null };
    return { document: null, problem: `the key store ${path} could not be read (${messageOf(error)})` };
  }
  try {
    // conf writes atomically (rename), so a read without the lock sees a whole old or a whole new file.
    return { document: parseVaultDocument(JSON.parse(text)), problem: null };
  } catch (error) {
    if (isNomeError(error)) return { document: null, problem: `the key store ${path} could not be used: ${error.message}` };
    return { document: null, problem: `the key store ${path} is damaged (${error instanceof SyntaxError ? 'not JSON' : messageOf(error)}); run 'nome-settings keys list' to set it aside` };
  }
}

export async function readVaultSecrets(options: VaultSecretsOptions): Promise<VaultSecrets> {
  // The environment's keys, as the core's scrubber has them (a credential file's path is not a secret).
  const secrets = readEnvKeys(options.env).filter((key) => !key.isFilePath).map((key) => key.value);
  const store = existsSync(options.dataDir) ? readStore(join(options.dataDir, `${keyStoreConfOptions.configName}.json`)) : { document: null, problem: null };
  const records = store.document?.keys ?? [];
  if (records.length === 0) return { secrets, problem: store.problem, partial: false };

  const cipher = options.cipher();
  let unopened = 0;
  let reason: string | null = null;
  for (const record of records) {
    if (needsReentry(record, cipher.id)) {
      unopened += 1;
      reason ??= 'sealed by another host or marked for re-entry';
      continue;
    }
    try {
      const opened = record.secret ? [await cipher.open(record.secret.blob)] : [];
      for (const header of record.headers) opened.push(await cipher.open(header.value.blob));
      secrets.push(...opened);
    } catch (error) {
      unopened += 1;
      // The keyring's own words say why (locked, no daemon); other failures are a key this host cannot open.
      reason = isNomeError(error) && error.code === 'storage_unavailable' ? error.message : (reason ?? messageOf(error));
    }
  }
  if (unopened === 0) return { secrets, problem: null, partial: false };
  const which = records.length === 1 ? 'the stored key' : unopened === records.length ? `all ${records.length} stored keys` : `${unopened} of ${records.length} stored keys`;
  return { secrets, problem: `${which} could not be opened (${reason})`, partial: unopened < records.length };
}
