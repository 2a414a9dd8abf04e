// The read-only `homeFiles` port: how core reads other programs' files in the user's home. It has no write.
// Hosts implement it over node:fs (electron/headless/home-files.ts); tests hand in fixture homes.

export type HomeFileRead =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'too_large'; readonly sizeBytes: number }
  /** `reason` is an error code such as EACCES or EISDIR, never file content. */
  | { readonly kind: 'unreadable'; readonly reason: string };

export interface HomeFiles {
  /** The user's home directory, absolute. */
  readonly home: string;
  /** `process.platform` of the host: some CLIs keep files elsewhere on Windows or in the macOS Keychain. */
  readonly platform: string;
  /** Resolves path segments to an absolute path (relative env values resolve against the working dir). */
  resolve(...segments: string[]): string;
  /** Reads a whole UTF-8 file, refusing any file over `maxBytes` without reading it. */
  read(path: string, maxBytes: number): Promise<HomeFileRead>;
  /** Whether a directory exists (to tell "not installed" from "signed out"). */
  isDirectory(path: string): Promise<boolean>;
  /** Calls `onChange` when any of these files may have changed; returns a stop function. */
  watch(paths: readonly string[], onChange: () => void): () => void;
}
