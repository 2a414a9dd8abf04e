// The DataFiles port on Node's fs, rooted at the data dir: used by the CLI, serve and Electron main alike.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, truncate as truncateFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { DataFiles } from '../core/ports';
import { createFileLock, type FileLock } from './file-lock';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export function createNodeDataFiles(dataDir: string): DataFiles {
  const root = resolve(dataDir);
  // Core names files relative to the data dir; anything that would leave it is refused, not resolved.
  const at = (path: string): string => {
    const full = resolve(root, path);
    const inside = relative(root, full);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw new Error(`path "${path}" leaves the data dir`);
    return full;
  };
  const ensureDir = (full: string) => mkdir(dirname(full), { recursive: true, mode: 0o700 });
  const locks = new Map<string, FileLock>();

  return {
    async read(path) {
      try {
        return await readFile(at(path));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async readRange(path, start, end) {
      const handle = await open(at(path), 'r');
      try {
        const buffer = Buffer.alloc(Math.max(0, end - start));
        let filled = 0;
        while (filled < buffer.length) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return buffer.subarray(0, filled);
      } finally {
        await handle.close();
      }
    },
    async size(path) {
      try {
        return (await stat(at(path))).size;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async list(dir) {
      try {
        // '' lists the data dir itself (set-aside files live there); every other path must be inside it.
        return await readdir(dir === '' ? root : at(dir));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    async append(path, data, options) {
      const full = at(path);
      await ensureDir(full);
      const handle = await open(full, 'a', 0o600);
      try {
        await handle.write(data);
        if (options?.sync) await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    async writeAtomic(path, data) {
      const full = at(path);
      await ensureDir(full);
      const temp = `${full}.${randomBytes(4).toString('hex')}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.write(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, full);
    },
    async truncate(path, size) {
      await truncateFile(at(path), size);
      const handle = await open(at(path), 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async exclusive(path, work) {
      const full = at(path);
      let lock = locks.get(full);
      if (!lock) {
        await ensureDir(full);
        lock = createFileLock(`${full}.lock`, { what: path });
        locks.set(full, lock);
      }
      return lock.run(work);
    },
    async remove(path) {
      await rm(at(path), { force: true });
    },
  };
}
