// `npm run build` (scripts/build.mjs) on this machine, without the Electron binary: it must emit Electron
// main as an ES module, the preload as CommonJS (a sandboxed preload cannot load ES modules) and the
// renderer with its CSP. The build goes to a temporary dir so it never races a served dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionCspMeta } from '../../electron/core/app/content-security-policy';
import { eventChannel } from '../../electron/main/create-main';
import { channelNames } from '../../shared/contract';

let out: string;
let printed: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'nome-build-'));
  printed = execFileSync(process.execPath, ['scripts/build.mjs', out], { encoding: 'utf8' });
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run build', () => {
  it('emits main, the preload and the renderer, and says where', () => {
    for (const file of ['electron/main.mjs', 'electron/preload.cjs', 'renderer/index.html']) expect(existsSync(join(out, file))).toBe(true);
    expect(printed).toMatch(/built .*renderer, .*main\.mjs, .*preload\.cjs in \d+ ms/);
  });

  it('main is a syntactically valid ES module that imports electron instead of bundling it', () => {
    const main = readFileSync(join(out, 'electron/main.mjs'), 'utf8');
    // --check parses without running: running it would import 'electron', which cannot work in plain Node.
    expect(spawnSync(process.execPath, ['--check', join(out, 'electron/main.mjs')]).status).toBe(0);
    expect(main).toMatch(/from\s*"electron"/);
    expect(main).not.toMatch(/\brequire\(\s*"electron"\s*\)/);
  });

  it('the preload is CommonJS and exposes window.nome (one function per channel plus on), never ipcRenderer', () => {
    const source = readFileSync(join(out, 'electron/preload.cjs'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    // Evaluated as Electron's sandboxed preload loader would: CommonJS with a require that has only
    // 'electron' (here a recorder; the real module needs the binary, which cannot be downloaded here).
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: unknown[][] = [];
    const listening: Array<[string, (event: unknown, name: string, payload: unknown) => void]> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, value: Record<string, unknown>) => exposed.set(name, value) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: 'answer' }),
        on: (channel: string, listener: (event: unknown, name: string, payload: unknown) => void) => listening.push([channel, listener]),
        removeListener() {},
      },
    };
    const required: string[] = [];
    const fakeRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`the preload required ${name}: a sandboxed preload has only electron`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', source)(fakeRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['nome']);
    const nome = exposed.get('nome')!;
    expect(Object.keys(nome).sort()).toEqual([...channelNames, 'on'].sort());
    expect(Object.values(nome).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(nome)).not.toContain(electron.ipcRenderer);

    // Events arrive on the one channel main sends them on, and reach only the named event's callbacks.
    const seen: unknown[] = [];
    (nome.on as (event: string, callback: (payload: unknown) => void) => () => void)('app:status-changed', (payload) => seen.push(payload));
    expect(listening.map(([channel]) => channel)).toEqual([eventChannel]);
    listening[0]![1]({}, 'app:info-changed', { other: true });
    listening[0]![1]({}, 'app:status-changed', { status: 'failing' });
    expect(seen).toEqual([{ status: 'failing' }]);

    return (nome['app:info'] as () => Promise<unknown>)().then((value) => {
      expect(value).toBe('answer');
      expect(invoked).toEqual([['app:info', undefined]]);
    });
  });

  it('the renderer page carries the strict CSP and loads only its own built script', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8').replaceAll('&#39;', "'");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${productionCspMeta}"`);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) {
      const src = tag.match(/src="\.\/([^"]+)"/)?.[1];
      expect(src, tag).toBeDefined();
      expect(existsSync(join(out, 'renderer', src!))).toBe(true);
    }
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
  });
});
