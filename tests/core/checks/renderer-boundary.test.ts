// "No check ever runs in the renderer": nothing under renderer/ imports core or names a provider API host,
// so a key can only reach a provider through main (or a Node host) and the shared HTTP port.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compatiblePresets } from '../../../electron/core/checks/providers/openai-compatible-presets';
import { providers } from '../../../shared/providers';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('renderer boundary for checks', () => {
  const sources = files(join(import.meta.dirname, '../../../renderer')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

  it('no renderer file imports electron/core', () => {
    expect(sources.filter((s) => /from ['"][^'"]*electron\/core/.test(s.text)).map((s) => s.path)).toEqual([]);
  });

  it('no renderer file names a provider API host', () => {
    const hosts = [...Object.values(providers).flatMap((p) => (p.officialHost ? [p.officialHost] : [])), ...Object.values(compatiblePresets).map((p) => new URL(p.apiRoot).host)];
    expect(sources.filter((s) => hosts.some((host) => s.text.includes(host))).map((s) => s.path)).toEqual([]);
  });

  it('the renderer fetches only its own origin (the /ipc bridge), never an absolute URL', () => {
    const calls = sources.flatMap((s) => [...s.text.matchAll(/\bfetch\(\s*([`'"])(.{0,40})/g)].map((m) => ({ path: s.path, target: m[2]! })));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((call) => !call.target.startsWith('/'))).toEqual([]);
    expect(sources.filter((s) => /\bfetch\(\s*[^`'"\s]/.test(s.text)).map((s) => s.path)).toEqual([]);
  });
});
