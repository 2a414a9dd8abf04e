// What the vault offers other core features (the check scheduler, usage recording): opened secrets only
// for the length of a check, and a way to record what a check found. Never crosses a process boundary.
import type { CheckResult } from '../../../shared/channels/checks';
import type { CheckTarget } from '../checks/key-check-service';

export interface VaultAccess {
  /** Opened targets for the given key ids (all keys, stored then environment, when omitted). Keys this
   *  host cannot open are left out and marked as needing re-entry. Drop the targets after the check. */
  checkTargets(ids?: readonly string[]): Promise<CheckTarget[]>;
  /** Keeps a check's outcome on its key (state, lastCheckedAt, figures) and emits `keys:changed`.
   *  Results for unknown ids (a key removed mid-check) are ignored, and so is a result whose `target` the
   *  key no longer matches (replaced, or its base URL, headers or options changed while the check ran). */
  recordCheck(result: CheckResult, target?: CheckTarget): Promise<void>;
  /** Notes that a key was used (`at`, default now), or several in one write (id -> at); a lastUsedAt never
   *  moves back, and ids it does not hold are ignored. */
  markUsed(id: string | ReadonlyMap<string, string>, at?: string): Promise<void>;
}
