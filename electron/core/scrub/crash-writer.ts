// Crash output passes the scrubber too: an uncaught exception's message or stack can quote a request,
// a header or a key, and the runtime's default handler would print it as is.
import type { Scrubber } from './scrubber';

/** The slice of `process` (Node or Electron main) the writer listens on; tests hand in an EventEmitter. */
export interface CrashSource {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface CrashWriterOptions {
  readonly write: (text: string) => void;
  /** Ends the process once the scrubbed report is written (the default handler we replace would have). */
  readonly exit: (code: number) => void;
  /** The scrubber to use at crash time: the core's, once there is one, so vault secrets are known. */
  readonly scrubber: () => Scrubber;
  readonly name?: string;
}

/** What a crash report says: the stack when there is one (it starts with the message), else the value. */
export function describeCrash(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? `${reason.name}: ${reason.message}`;
  try {
    return typeof reason === 'string' ? reason : JSON.stringify(reason) ?? String(reason);
  } catch {
    return String(reason);
  }
}

export function installCrashWriter(source: CrashSource, options: CrashWriterOptions): void {
  const name = options.name ?? 'nome-settings';
  const report = (kind: string) => (reason: unknown) => {
    let text: string;
    try {
      text = options.scrubber().scrub(describeCrash(reason));
    } catch {
      text = '(the crash report could not be scrubbed, so it is withheld)';
    }
    try {
      options.write(`${name}: ${kind}: ${text}\n`);
    } finally {
      options.exit(70); // EX_SOFTWARE: an internal error, distinct from the CLI's documented codes
    }
  };
  source.on('uncaughtException', report('uncaught exception'));
  source.on('unhandledRejection', report('unhandled rejection'));
}
