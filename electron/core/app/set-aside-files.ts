// Damaged files moved aside stay in the data dir until the user removes them, so `app:info` finds them there
// rather than remembering them: a store set aside by last night's CLI run still explains today's empty panel.
// Names: `keys.json.corrupt-<stamp>`, `preferences.corrupt-<stamp>.json`, `receipts/<month>.jsonl.torn-<stamp>-<offset>`.
import type { StoreIncident } from '../../../shared/channels/app';
import type { DataFiles } from '../ports';

const stamp = '(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z';
const corruptName = new RegExp(`^(.+?)\\.corrupt-${stamp}(\\.json)?$`);
const tornName = new RegExp(`^(.+\\.jsonl)\\.torn-${stamp}-\\d+$`);

/** The incident a set-aside file's name records, or null for any other file. `dir` is '' for the data dir. */
export function incidentOfSetAsideName(dir: string, name: string): StoreIncident | null {
  const prefix = dir === '' ? '' : `${dir}/`;
  const corrupt = corruptName.exec(name);
  const torn = corrupt ? null : tornName.exec(name);
  const match = corrupt ?? torn;
  if (!match) return null;
  const [, original, day, hours, minutes, seconds, millis, extension] = match;
  return {
    kind: corrupt ? 'corrupt_store_set_aside' : 'torn_tail_set_aside',
    file: `${prefix}${original}${extension ?? ''}`,
    setAsideAs: `${prefix}${name}`,
    at: `${day}T${hours}:${minutes}:${seconds}.${millis}Z`,
  };
}

/** Every set-aside file in the folders where stores and logs live, oldest first. */
export async function findSetAsideFiles(files: DataFiles, dirs: readonly string[] = ['', 'receipts']): Promise<StoreIncident[]> {
  const found: StoreIncident[] = [];
  for (const dir of dirs) {
    for (const name of await files.list(dir)) {
      const incident = incidentOfSetAsideName(dir, name);
      if (incident) found.push(incident);
    }
  }
  return found.sort((a, b) => a.at.localeCompare(b.at));
}
