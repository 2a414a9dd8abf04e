// DataFiles held in memory: for tests, the demo, and a host that hands in no files port (nothing persists).
import type { DataFiles } from '../ports';

export interface MemoryDataFiles extends DataFiles {
  /** The raw map, so tests can inspect or damage files. */
  readonly contents: Map<string, Uint8Array>;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function createMemoryDataFiles(): MemoryDataFiles {
  const contents = new Map<string, Uint8Array>();
  return {
    contents,
    async read(path) {
      const data = contents.get(path);
      return data ? data.slice() : null;
    },
    async readRange(path, start, end) {
      const data = contents.get(path);
      if (!data) throw new Error(`no file ${path}`);
      return data.slice(start, end);
    },
    async size(path) {
      return contents.get(path)?.length ?? null;
    },
    async list(dir) {
      const prefix = dir === '' ? '' : `${dir}/`;
      return [...contents.keys()].filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/')).map((path) => path.slice(prefix.length));
    },
    async append(path, data) {
      contents.set(path, concat(contents.get(path) ?? new Uint8Array(0), data));
    },
    async writeAtomic(path, data) {
      contents.set(path, data.slice());
    },
    async truncate(path, size) {
      const data = contents.get(path);
      if (!data) throw new Error(`no file ${path}`);
      contents.set(path, data.slice(0, size));
    },
    async remove(path) {
      contents.delete(path);
    },
  };
}
