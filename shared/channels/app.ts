// App-level channels: what host this is and how it stores secrets.
import { z } from 'zod';
import { defineChannel, defineEvent } from '../channel';
import { hostKindSchema } from '../vocabulary';

export const storageInfoSchema = z.object({
  /** Which cipher seals new secrets here, e.g. `safeStorage:gnome_libsecret`, `aes-256-gcm:keyring`. */
  cipher: z.string(),
  /** True for Linux `basic_text` and the file key: secrets are only obscured, not protected. */
  weaker: z.boolean(),
  /** Whether a secret can be stored right now (false: no keyring and no opt-in, or consent missing). */
  available: z.boolean(),
  /** Plain words for the user when storage is weaker or unavailable. */
  note: z.string().nullable(),
});
export type StorageInfo = z.infer<typeof storageInfoSchema>;

export const storeIncidentSchema = z.object({
  /** `unreadable_record_kept`: one record in the file this version cannot read; it stays in the file as it
   *  is (nothing is moved), the other records are used, and the notice lasts while the record is there. */
  kind: z.enum(['corrupt_store_set_aside', 'torn_tail_set_aside', 'unreadable_record_kept']),
  file: z.string(),
  /** Where the kept data is: the set-aside file, or `<file>#<record id>` for a record kept in place. Also the
   *  notice's identity for `app:dismiss-incident`. */
  setAsideAs: z.string(),
  at: z.string(),
  /** For a kept record: which of its fields this version does not accept (field names only). */
  fields: z.array(z.string()).optional(),
});
export type StoreIncident = z.infer<typeof storeIncidentSchema>;

export const appInfoSchema = z.object({
  name: z.literal('NOME Settings'),
  version: z.string(),
  host: hostKindSchema,
  dataDir: z.string(),
  storage: storageInfoSchema,
  /** Damaged files moved aside (found in the data dir, by whichever host set them aside) and key records kept
   *  unread in place, until dismissed. */
  incidents: z.array(storeIncidentSchema),
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app:info': defineChannel({
    summary: 'Version, host kind, data dir and how secrets are stored here',
    input: z.void(),
    output: appInfoSchema,
  }),
  'app:dismiss-incident': defineChannel({
    summary: 'Stop showing a set-aside file’s notice (the file itself stays where it is)',
    input: z.object({ setAsideAs: z.string().min(1).max(400) }).strict(),
    output: appInfoSchema,
  }),
};

export const appEvents = {
  'app:info-changed': defineEvent({ summary: 'Storage or incidents changed', payload: appInfoSchema }),
};
