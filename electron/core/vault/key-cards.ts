// Turns a stored record into its key card: metadata only, so listing never opens a secret.
import type { KeyCard, LastCheck } from '../../../shared/channels/keys';
import type { CheckResult } from '../../../shared/channels/checks';
import { checkBaseUrl, foreignHostWarningFor } from '../../../shared/endpoint-rules';
import type { KeyRecord } from './vault-document';

/** True when this host cannot open the record: sealed by another host's cipher, or found unopenable. */
export function needsReentry(record: KeyRecord, cipherId: string): boolean {
  return record.unopenable || (record.secret !== null && record.secret.cipher !== cipherId);
}

/** False for a keyless endpoint without custom headers: it sends nothing secret, so plain http to it is not warned about. */
export function sendsSecrets(record: Pick<KeyRecord, 'secret' | 'headers'>): boolean {
  return record.secret !== null || record.headers.length > 0;
}

export function recordWarnings(record: Pick<KeyRecord, 'homeHost' | 'shapeLabel' | 'provider' | 'baseUrl' | 'secret' | 'headers'>): string[] {
  const warnings: string[] = [];
  const foreign = foreignHostWarningFor(record.homeHost, record.shapeLabel, record.provider, record.baseUrl);
  if (foreign) warnings.push(foreign);
  if (record.baseUrl && sendsSecrets(record)) {
    const verdict = checkBaseUrl(record.baseUrl);
    if (verdict.ok && verdict.warning) warnings.push(verdict.warning);
  }
  return warnings;
}

/** The card is built field by field, nested objects too: a stored record carries the fields a newer version
 *  wrote (vault-document.ts keeps them for the next save), and none of them may leave core. */
export function keyCardOf(record: KeyRecord, cipherId: string): KeyCard {
  const reentry = needsReentry(record, cipherId);
  return {
    id: record.id,
    provider: record.provider,
    label: record.label,
    masked: record.masked,
    kind: record.kind,
    state: reentry ? 'unchecked' : record.state,
    storage: { cipher: record.storage.cipher, weaker: record.storage.weaker },
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
    lastCheck: record.lastCheck && lastCheckOf(record.lastCheck),
  };
}

/** The secret-free part of a check result (or of a stored last check) that a card keeps, declared fields only. */
export function lastCheckOf(result: CheckResult | LastCheck): LastCheck {
  const figures = result.figures ?? null;
  return {
    state: result.state,
    httpStatus: result.httpStatus,
    providerCode: result.providerCode,
    retryAfterS: result.retryAfterS,
    latencyMs: result.latencyMs,
    checkedAt: result.checkedAt,
    message: result.message,
    figures: figures && {
      source: figures.source,
      reportedAt: figures.reportedAt,
      currency: figures.currency,
      remaining: figures.remaining,
      limit: figures.limit,
      usage: figures.usage,
      isAvailable: figures.isAvailable,
      detail: figures.detail,
    },
  };
}

/** Stored keys grouped by provider, each group in priority order. */
export function sortRecords(records: readonly KeyRecord[]): KeyRecord[] {
  return [...records].sort((a, b) => (a.provider === b.provider ? a.priority - b.priority : a.provider < b.provider ? -1 : 1));
}
