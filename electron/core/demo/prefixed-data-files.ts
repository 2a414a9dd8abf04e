// A DataFiles view of one folder of the data dir: `--demo` keeps its seeded ledger apart from real receipts.
import type { DataFiles } from '../ports';

export function prefixedDataFiles(files: DataFiles, folder: string): DataFiles {
  const at = (path: string) => `${folder}/${path}`;
  return {
    read: (path) => files.read(at(path)),
    readRange: (path, start, end) => files.readRange(at(path), start, end),
    size: (path) => files.size(at(path)),
    list: (dir) => files.list(at(dir)),
    append: (path, data, options) => files.append(at(path), data, options),
    writeAtomic: (path, data) => files.writeAtomic(at(path), data),
    truncate: (path, size) => files.truncate(at(path), size),
    remove: (path) => files.remove(at(path)),
    ...(files.exclusive ? { exclusive: <T>(path: string, work: () => Promise<T>) => files.exclusive!(at(path), work) } : {}),
  };
}
