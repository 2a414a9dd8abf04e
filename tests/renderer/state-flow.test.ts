// Issue 7 point 7 as a rule on the source: the renderer's data lives in one zustand store per feature, fed by the
// contract's reads and its events, and nothing polls the Node side. Actions (add, consent, dismiss) may be called
// from a component; reads and event subscriptions only from a store.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../../shared/contract';

const root = join(import.meta.dirname, '../../renderer');
const sources = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
  .map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return { path: relative(root, path), text: readFileSync(path, 'utf8') };
  });
const isStore = (path: string) => /(^|\/)[a-z-]+-store\.ts$/.test(path);

describe('renderer state flow', () => {
  it('the only repeating timer is the shared clock, and it never talks to the Node side', () => {
    expect(sources.filter((s) => /\bsetInterval\s*\(/.test(s.text)).map((s) => s.path)).toEqual(['app/use-now.ts']);
    const clock = sources.find((s) => s.path === 'app/use-now.ts')!.text;
    expect(clock).not.toMatch(/from ['"][^'"]*bridge|nome\(\)|fetch\(/);
  });

  it('events are subscribed to in stores only', () => {
    const subscribers = sources.filter((s) => /\.on\(\s*['"]/.test(s.text)).map((s) => s.path);
    expect(subscribers.length).toBeGreaterThan(4);
    expect(subscribers.filter((path) => !isStore(path))).toEqual([]);
    // Each subscription names a real event of the contract.
    const named = sources.flatMap((s) => [...s.text.matchAll(/\.on\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!));
    expect(named.filter((name) => !(eventNames as readonly string[]).includes(name))).toEqual([]);
  });

  it('channel reads (list, summary, status, info, availability, preferences) happen in stores only', () => {
    const read = /\[['"][a-z-]+:(list|summary|status|info|availability|preferences)['"]\]/;
    const readers = sources.filter((s) => read.test(s.text)).map((s) => s.path);
    expect(readers.length).toBeGreaterThan(4);
    expect(readers.filter((path) => !isStore(path))).toEqual([]);
  });
});
