// An inter-process lock for one store file: a lock file created exclusively (O_EXCL) holding the owner's
// pid and a random token. A lock whose owner died (kill -9) is taken over, so a crash never wedges the store.
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { NomeError } from '../../shared/errors';

export interface FileLockOptions {
  readonly timeoutMs?: number;
  /** A lock file still empty after this long belongs to a process killed between create and write. */
  readonly emptyGraceMs?: number;
  /** What is locked, for the busy message; default "The key store". */
  readonly what?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the lock.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** True when the lock file `observed` was read from is abandoned: its owner is dead, or it stayed empty. */
function isStale(path: string, observed: string, emptyGraceMs: number): boolean {
  const pid = Number(observed.split(' ')[0]);
  if (Number.isInteger(pid) && pid > 0) return pid !== process.pid && !isAlive(pid);
  try {
    return Date.now() - statSync(path).mtimeMs > emptyGraceMs;
  } catch {
    return false;
  }
}

/** Moves an abandoned lock away; if a live lock was moved by mistake (a racing taker), puts it back. */
function takeOver(path: string, observed: string): void {
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else took it over first
  }
  const moved = readOrNull(aside);
  if (moved !== observed && moved !== null && moved.length > 0) {
    try {
      linkSync(aside, path);
    } catch {
      // The path was taken meanwhile; the moved owner will notice its lock gone only if it checks, so it is
      // released on its behalf: its write already happened atomically or not at all.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

export interface FileLock {
  /** Runs `work` holding the lock; queues callers in this process, polls for other processes. */
  run<T>(work: () => Promise<T> | T): Promise<T>;
}

export function createFileLock(path: string, options: FileLockOptions = {}): FileLock {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const emptyGraceMs = options.emptyGraceMs ?? 2_000;
  let queue: Promise<unknown> = Promise.resolve();
  let releasedAt = 0;
  const waitingPath = `${path}.waiting`;

  /** Another live process left a "waiting" marker (it cleans it up when it gets the lock, or it died). */
  function othersWaiting(): boolean {
    const pid = Number(readOrNull(waitingPath));
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid);
  }
  function markWaiting(): void {
    try {
      writeFileSync(waitingPath, String(process.pid), { mode: 0o600 });
    } catch {
      // best effort: fairness only
    }
  }
  /** Removes our marker, or one a killed waiter left behind. */
  function clearWaiting(): void {
    const pid = Number(readOrNull(waitingPath));
    if (!Number.isInteger(pid) || (pid !== process.pid && isAlive(pid))) return;
    try {
      unlinkSync(waitingPath);
    } catch {
      // already gone
    }
  }

  async function acquire(): Promise<string> {
    const content = `${process.pid} ${randomBytes(8).toString('hex')}`;
    const deadline = Date.now() + timeoutMs;
    // Fairness: a process saving in a loop would otherwise re-take the lock before another host's poll
    // wakes, starving it (seen in the two-host fault test). When another process has said it is waiting,
    // one that has just released steps aside briefly; alone, it pays nothing.
    if (Date.now() - releasedAt < 5 && othersWaiting()) await sleep(3 + Math.random() * 4);
    for (let attempt = 0; ; attempt++) {
      if (tryCreate(path, content)) {
        clearWaiting();
        return content;
      }
      if (attempt === 1) markWaiting();
      const observed = readOrNull(path);
      if (observed !== null && isStale(path, observed, emptyGraceMs)) {
        takeOver(path, observed);
        continue;
      }
      if (Date.now() > deadline) {
        throw new NomeError('storage_failed', `${options.what ?? 'The key store'} is busy (locked by process ${observed?.split(' ')[0] || 'unknown'}); try again.`);
      }
      // Short, jittered polls: lock holds last a few milliseconds (one atomic write).
      await sleep(attempt < 200 ? 1 + Math.random() * 4 : 10 + Math.random() * 10);
    }
  }

  function release(content: string): void {
    releasedAt = Date.now();
    if (readOrNull(path) !== content) return;
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }

  return {
    run(work) {
      const next = queue.then(async () => {
        const content = await acquire();
        try {
          return await work();
        } finally {
          release(content);
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
