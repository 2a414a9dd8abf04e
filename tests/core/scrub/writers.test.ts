import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { NomeError } from '../../../shared/errors';
import { createRouter, type Handlers } from '../../../electron/core/router';
import { createScrubber } from '../../../electron/core/scrub/scrubber';
import { body } from './scrub-support';

const key = `sk-ant-api03-${body(93)}AA`;

describe('writers use the full scrubber', () => {
  it('an error crossing the router loses its secrets, pattern and known alike', async () => {
    const scrubber = createScrubber();
    const vaultSecret = `tenant-${body(24, undefined, 5)}`;
    scrubber.setKnownSecrets([vaultSecret]);
    const onInternalError = vi.fn();
    const failing = vi.fn(() => {
      throw new NomeError('unavailable', `upstream refused x-api-key: ${key} for ${vaultSecret}`);
    });
    const crashing = vi.fn(() => {
      throw new Error(`TypeError near Authorization: Bearer ${body(40)}`);
    });
    const route = (handler: () => unknown) =>
      createRouter({ handlers: { 'app:info': handler } as unknown as Handlers, scrubber, checkOutput: true, onInternalError }).invoke('app:info', undefined);

    const refused = await route(failing);
    expect(refused).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'upstream refused x-api-key: sk-ant-…[redacted:anthropic] for [redacted:known-secret]' },
    });
    const crashed = await route(crashing);
    expect(JSON.stringify(crashed)).not.toContain(body(40));
    expect(JSON.stringify(onInternalError.mock.calls)).not.toContain(body(40));
  });

  it("an error's structured detail is scrubbed too, at any depth, and keeps its shape", async () => {
    const scrubber = createScrubber();
    const headerValue = `team-${body(20, undefined, 6)}`;
    scrubber.setKnownSecrets([headerValue]);
    const detail = { reason: 'foreign_host', check: { state: 'invalid_key', httpStatus: 401, message: `echoed ${key}`, notes: [`x-team: ${headerValue}`, 3] }, at: null };
    const handler = () => {
      throw new NomeError('check_failed', 'The provider rejected this key', detail);
    };
    const router = createRouter({ handlers: { 'app:info': handler } as unknown as Handlers, scrubber, checkOutput: true });
    const result = await router.invoke('app:info', undefined);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'check_failed',
        message: 'The provider rejected this key',
        detail: { reason: 'foreign_host', check: { state: 'invalid_key', httpStatus: 401, message: 'echoed sk-ant-…[redacted:anthropic]', notes: ['x-team: [redacted:known-secret]', 3] }, at: null },
      },
    });
  });

  it('a real uncaught exception in a Node process is written scrubbed, and the process exits 70', () => {
    const crashWriter = fileURLToPath(new URL('../../../electron/core/scrub/crash-writer.ts', import.meta.url));
    const scrubberModule = fileURLToPath(new URL('../../../electron/core/scrub/scrubber.ts', import.meta.url));
    const script = `
      const { installCrashWriter } = await import(${JSON.stringify(crashWriter)});
      const { createScrubber } = await import(${JSON.stringify(scrubberModule)});
      const scrubber = createScrubber();
      installCrashWriter(process, { write: (t) => process.stderr.write(t), exit: (c) => process.exit(c), scrubber: () => scrubber });
      setTimeout(() => { throw new Error('boom with api_key=${body(30)}'); });`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.status).toBe(70);
    expect(child.stderr).toContain('nome-settings: uncaught exception: Error: boom with api_key=[redacted:secret]');
    expect(child.stderr).not.toContain(body(30));
  });
});

describe('scrub() on arbitrary text', () => {
  const scrubber = createScrubber();
  const pieces = [key, `ghp_${body(36)}`, `Bearer ${body(30)}`, 'api_key=', 'password: ', '://u:', '@host', ' ', '\n', '"', '=', 'sk-', '-----BEGIN PRIVATE KEY-----', '\\n'];
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 20 }).map((parts) => parts.join(''));

  it('never throws, and scrubbing its output again changes nothing', () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = scrubber.scrub(input);
        expect(scrubber.scrub(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a planted provider key through, whatever surrounds it', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const output = scrubber.scrub(`${before} ${key} ${after}`);
        expect(output).not.toContain(key.slice(13, 40));
      }),
      { numRuns: 300 },
    );
  });
});
