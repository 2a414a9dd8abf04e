// The top level the design asks for: an ES-module package with exact pinned versions that the committed
// lockfile agrees with (so `npm ci` on a fresh clone installs exactly these), and the `nome-settings` bin.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  type: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as {
  packages: Record<string, { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
};

describe('package.json', () => {
  it('is an ES module package', () => {
    expect(manifest.type).toBe('module');
  });

  it('pins every dependency to an exact version, and the lockfile resolves each to that version', () => {
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const [name, version] of Object.entries(all)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(version);
    }
    expect(lock.packages['']!.dependencies).toEqual(manifest.dependencies);
    expect(lock.packages['']!.devDependencies).toEqual(manifest.devDependencies);
  });

  it('has the nome-settings bin as an executable node script, the scripts README names, and the top-level layout', () => {
    const bin = `${root}${manifest.bin['nome-settings']}`;
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(bin, constants.X_OK)).not.toThrow();
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(['build', 'start', 'serve', 'test', 'typecheck']));
    expect(manifest.scripts.test).toBe('npm run typecheck && npm run test:unit && npm run test:e2e');
    for (const path of ['tsconfig.json', 'vite.config.ts', 'README.md', '.ci/run', 'electron', 'renderer', 'shared', 'e2e', 'tests', 'bench', 'docs']) {
      expect(existsSync(`${root}${path}`), path).toBe(true);
    }
  });
});
