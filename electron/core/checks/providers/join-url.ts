// Joins an API root and a path without doubling or dropping the slash between them.
export function joinUrl(root: string, path: string): string {
  return `${root.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
