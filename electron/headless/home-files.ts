// The read-only homeFiles port over node:fs, for the Node hosts and Electron main: capped reads, directory
// checks and a debounced watch of the folders that hold the CLIs' files. There is deliberately no write.
import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname, basename, resolve } from 'node:path';
import type { HomeFileRead, HomeFiles } from '../core/seats/home-files';

export interface NodeHomeFilesOptions {
  readonly home: string;
  readonly platform?: string;
  /** Quiet time before a burst of file events becomes one change (CLIs rewrite files in several steps). */
  readonly debounceMs?: number;
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

export function createNodeHomeFiles(options: NodeHomeFilesOptions): HomeFiles {
  const debounceMs = options.debounceMs ?? 300;
  return {
    home: resolve(options.home),
    platform: options.platform ?? process.platform,
    resolve: (...segments) => resolve(...segments),

    async read(path, maxBytes): Promise<HomeFileRead> {
      // stat before open: opening a FIFO or device would block the scan (or read forever).
      try {
        const info = await stat(path);
        if (!info.isFile()) return { kind: 'unreadable', reason: info.isDirectory() ? 'EISDIR' : 'not a regular file' };
        if (info.size > maxBytes) return { kind: 'too_large', sizeBytes: info.size };
      } catch (error) {
        const code = errorCode(error);
        return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: code };
      }
      let handle;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        const code = errorCode(error);
        return code === 'ENOENT' || code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'unreadable', reason: code };
      }
      try {
        const info = await handle.stat();
        if (!info.isFile()) return { kind: 'unreadable', reason: info.isDirectory() ? 'EISDIR' : 'not a regular file' };
        if (info.size > maxBytes) return { kind: 'too_large', sizeBytes: info.size };
        // Read one byte past the cap: a file that grew after stat is refused too, never half-read.
        const buffer = Buffer.alloc(Math.min(maxBytes, info.size) + 1);
        let length = 0;
        while (length < buffer.length) {
          const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
          if (bytesRead === 0) break;
          length += bytesRead;
        }
        if (length > maxBytes) return { kind: 'too_large', sizeBytes: length };
        const text = buffer.toString('utf8', 0, length);
        buffer.fill(0);
        return { kind: 'ok', text };
      } catch (error) {
        return { kind: 'unreadable', reason: errorCode(error) };
      } finally {
        await handle.close().catch(() => undefined);
      }
    },

    async isDirectory(path) {
      try {
        return (await stat(path)).isDirectory();
      } catch {
        return false;
      }
    },

    watch(paths, onChange) {
      // Watch each parent folder, not the file: CLIs replace files by rename, which ends a file watch.
      const names = new Map<string, Set<string>>();
      for (const path of paths) {
        const dir = dirname(path);
        if (!names.has(dir)) names.set(dir, new Set());
        names.get(dir)!.add(basename(path));
      }
      let timer: ReturnType<typeof setTimeout> | null = null;
      const fire = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          onChange();
        }, debounceMs);
        timer.unref?.();
      };
      const watchers: FSWatcher[] = [];
      for (const [dir, files] of names) {
        try {
          const watcher = watch(dir, { persistent: false }, (_event, filename) => {
            if (filename === null || files.has(String(filename))) fire();
          });
          watcher.on('error', () => watcher.close());
          watchers.push(watcher);
        } catch {
          // A folder that does not exist yet is picked up by the next re-scan (window focus).
        }
      }
      return () => {
        if (timer) clearTimeout(timer);
        for (const watcher of watchers) watcher.close();
      };
    },
  };
}
