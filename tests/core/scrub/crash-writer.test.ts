import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installCrashWriter } from '../../../electron/core/scrub/crash-writer';
import { createScrubber } from '../../../electron/core/scrub/scrubber';
import { body } from './scrub-support';

// A plain EventEmitter stands in for `process`: raising a real uncaught exception would end the test runner.
function crashRig() {
  const source = new EventEmitter();
  const written: string[] = [];
  const exits: number[] = [];
  const scrubber = createScrubber();
  installCrashWriter(source, { write: (text) => written.push(text), exit: (code) => exits.push(code), scrubber: () => scrubber });
  return { source, written, exits, scrubber };
}

describe('crash writer', () => {
  const key = `sk-proj-${body(80)}`;

  it('an uncaught exception is written scrubbed, stack included, and the process ends', () => {
    const { source, written, exits } = crashRig();
    source.emit('uncaughtException', new Error(`request failed with Authorization: Bearer ${key}`));
    expect(written.join('')).toMatch(/^nome-settings: uncaught exception: Error: request failed with Authorization: Bearer sk-proj-…\[redacted:openai\]/);
    expect(written.join('')).toContain('crash-writer.test.ts'); // the stack survives
    expect(written.join('')).not.toContain(key.slice(8, 30));
    expect(exits).toEqual([70]);
  });

  it('an unhandled rejection with a non-Error value is written scrubbed too', () => {
    const { source, written, exits } = crashRig();
    source.emit('unhandledRejection', { detail: `api_key=${body(32)}` });
    expect(written.join('')).toContain('unhandled rejection: {"detail":"api_key=[redacted:secret]"}');
    expect(exits).toEqual([70]);
  });

  it('uses the scrubber of the moment, so secrets registered after install are known', () => {
    const { source, written, scrubber } = crashRig();
    const vaultSecret = `tenant-${body(24)}`;
    scrubber.setKnownSecrets([vaultSecret]);
    source.emit('uncaughtException', new Error(`bad ${vaultSecret}`));
    expect(written.join('')).not.toContain(vaultSecret);
  });
});
