// Turns a stored record into its key card: metadata only, so listing never opens a secret.
import type { KeyCard, LastCheck } from '../../../shared/channels/keys';
import type { CheckResult } from '../../../shared/channels/checks';
import { checkBaseUrl, foreignHostWarningFor } from '../../../shared/endpoint-rules';
import type { KeyRecord } from './vault-document';

/** True when this host cannot open the record: sealed by another host's cipher, or found unopenable. */
export function needsReentry(record: KeyRecord, cipherId: string): boolean {
  return record.unopenable || (record.secret !== null && record.secret.cipher !== cipherId);
}

export function recordWarnings(record: Pick<KeyRecord, 'homeHost' | 'shapeLabel' | 'provider' | 'baseUrl' | 'secret' | 'headers'>): string[] {
  const warnings: string[] = [];
  const foreign = foreignHostWarningFor(record.homeHost, record.shapeLabel, record.provider, record.baseUrl);
  if (foreign) warnings.push(foreign);
  // A keyless endpoint without custom headers sends nothing secret, so plain http to it is not warned about.
  if (record.baseUrl && (record.secret !== null || record.headers.length > 0)) {
    const verdict = checkBaseUrl(record.baseUrl);
    if (verdict.ok && verdict.warning) warnings.push(verdict.warning);
  }
  return warnings;
}

export function keyCardOf(record: KeyRecord, cipherId: string): KeyCard {
  const reentry = needsReentry(record, cipherId);
  return {
    id: record.id,
    provider: record.provider,
    label: record.label,
    masked: record.masked,
    kind: record.kind,
    state: reentry ? 'unchecked' : record.state,
    storage: record.storage,
    source: 'stored',
    readOnly: false,
    precedence: null,
    priority: record.priority,
    baseUrl: record.baseUrl,
    headerNames: record.headers.map((header) => header.name),
    options: record.options,
    needsReentry: reentry,
    warnings: reentry ? ['This host cannot open this key (its keyring was reset or another app sealed it); enter the key again.', ...recordWarnings(record)] : recordWarnings(record),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastCheckedAt: record.lastCheckedAt,
    lastUsedAt: record.lastUsedAt,
    lastCheck: record.lastCheck,
  };
}

/** The secret-free part of a check result that a card keeps. */
export function lastCheckOf(result: CheckResult): LastCheck {
  return {
    state: result.state,
    httpStatus: result.httpStatus,
    providerCode: result.providerCode,
    retryAfterS: result.retryAfterS,
    latencyMs: result.latencyMs,
    checkedAt: result.checkedAt,
    message: result.message,
    figures: result.figures ?? null,
  };
}

/** Stored keys grouped by provider, each group in priority order. */
export function sortRecords(records: readonly KeyRecord[]): KeyRecord[] {
  return [...records].sort((a, b) => (a.provider === b.provider ? a.priority - b.priority : a.provider < b.provider ? -1 : 1));
}
