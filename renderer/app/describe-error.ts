// Turns whatever a call rejected with into one sentence for the user.
import { isWireError } from '../../shared/api';

export function describeError(error: unknown): string {
  if (isWireError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
