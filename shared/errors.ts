// The closed set of error codes that may cross a process boundary, and the wire shape of a call's result.
import { z } from 'zod';

export const errorCodes = [
  'bad_input', // the input failed its schema or a domain rule; nothing was written
  'unknown_channel',
  'not_found',
  'conflict', // e.g. the same key saved twice, a stale priority order
  'needs_consent', // weaker storage needs the user's explicit consent first
  'storage_unavailable', // no cipher can seal here (no keyring and no file-key opt-in)
  'storage_failed',
  'check_failed', // a candidate key failed its check and the caller did not insist
  'forbidden',
  'unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Optional structured detail (never a secret): e.g. the check result that refused a key. */
  detail: z.unknown().optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

export type WireResult<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };

/** An error value with a code from the closed set; handlers throw it, the router turns it into a WireError. */
export class NomeError extends Error {
  override readonly name = 'NomeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

export function isNomeError(value: unknown): value is NomeError {
  return value instanceof NomeError;
}
