// Reads one JSON file through the homeFiles port and says plainly what went wrong when it cannot.
// The parsed value holds tokens: callers take metadata from it and let it go; it is never returned whole.
import type { HomeFiles } from './home-files';

/** Credential files are tiny; anything near this size is not what the CLI writes. */
export const credentialFileCap = 1024 * 1024;

export type JsonRead =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too_large' | 'unreadable' | 'malformed'; readonly problem: string };

export function displayPath(files: HomeFiles, path: string): string {
  return path === files.home || path.startsWith(`${files.home}/`) || path.startsWith(`${files.home}\\`)
    ? `~${path.slice(files.home.length)}`
    : path;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function readJson(files: HomeFiles, path: string, maxBytes = credentialFileCap): Promise<JsonRead> {
  const shown = displayPath(files, path);
  let read;
  try {
    read = await files.read(path, maxBytes);
  } catch {
    // A port that throws is a broken host, not a reason to crash the scan.
    return { kind: 'unreadable', problem: `${shown} could not be read` };
  }
  switch (read.kind) {
    case 'missing':
      return read;
    case 'too_large':
      return { kind: 'too_large', problem: `${shown} is ${megabytes(read.sizeBytes)}, over the ${megabytes(maxBytes)} read limit; not read` };
    case 'unreadable':
      return { kind: 'unreadable', problem: `${shown} could not be read (${read.reason})` };
    case 'ok':
      break;
  }
  if (read.text.trim() === '') return { kind: 'malformed', problem: `${shown} is empty` };
  try {
    return { kind: 'ok', value: JSON.parse(read.text) as unknown };
  } catch {
    // The parser's message can quote file content (a token), so it is not passed on.
    return { kind: 'malformed', problem: `${shown} is not valid JSON (partly written or damaged)` };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(record: Record<string, unknown> | undefined, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function recordField(record: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = record?.[key];
  return isRecord(value) ? value : undefined;
}

/** An expiry as ISO: epoch milliseconds, epoch seconds, or an ISO string; anything else is unknown. */
export function expiryToIso(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const ms = value < 1e11 ? value * 1000 : value;
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  if (typeof value === 'string' && value.trim() !== '') {
    if (/^\d+$/.test(value)) return expiryToIso(Number(value));
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/** Plain emails only: a field that holds something else is dropped rather than shown. */
export function emailOrNull(value: unknown): string | null {
  return typeof value === 'string' && /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(value) ? value : null;
}

/** Whether a file is there, without reading a byte of it (a zero cap refuses any content). */
export async function fileExists(files: HomeFiles, path: string): Promise<boolean> {
  try {
    return (await files.read(path, 0)).kind !== 'missing';
  } catch {
    return false;
  }
}
