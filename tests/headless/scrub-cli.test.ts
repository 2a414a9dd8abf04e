import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/headless/cli';
import { body } from '../core/scrub/scrub-support';
import { runCliCaptured } from '../support/run-cli';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'nome-scrub-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

async function scrub(stdin: Readable, stdout: Writable) {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk) => (err += chunk));
  const dataDir = join(home, 'never-created');
  const code = await runCli(['scrub'], { stdin, stdout, stderr, env: { NOME_DATA_DIR: dataDir } });
  return { code, err, dataDirCreated: existsSync(dataDir) };
}

describe('nome-settings scrub', () => {
  it('copies stdin to stdout line by line with secrets replaced, creating no data dir', async () => {
    const key = `sk-ant-api03-${body(93)}AA`;
    const input = `first line\nx-api-key: ${key}\npassword in postgres://app:${body(12)}@db/app\nno newline at the end`;
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    const result = await scrub(Readable.from([Buffer.from(input.slice(0, 30)), Buffer.from(input.slice(30))]), stdout);
    expect(result).toEqual({ code: 0, err: '', dataDirCreated: false });
    expect(out).toBe(
      'first line\nx-api-key: sk-ant-…[redacted:anthropic]\npassword in postgres://app:[redacted:password]@db/app\nno newline at the end',
    );
  });

  it('keeps a multi-byte character split across reads whole', async () => {
    const bytes = Buffer.from('naïve → café 🙂\n');
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk) => (out += chunk));
    await scrub(Readable.from([...bytes].map((byte) => Buffer.from([byte]))), stdout);
    expect(out).toBe('naïve → café 🙂\n');
  });

  it('every byte that is not a secret comes out as it went in, also bytes that are not UTF-8', async () => {
    const token = `ghp_${body(36)}`;
    const input = Buffer.concat([
      Buffer.from('latin-1 caf'), Buffer.from([0xe9]), Buffer.from(` ${token}\nbinary `), Buffer.from([0xff, 0xfe, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80]),
      Buffer.from(' 🙂 naïve\n'), Buffer.from([0xe2, 0x82]), // a character cut off at the end of input
    ]);
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const result = await scrub(Readable.from([...input].map((byte) => Buffer.from([byte]))), stdout);
    expect(result.code).toBe(0);
    const expected = Buffer.concat([input.subarray(0, input.indexOf(token)), Buffer.from('ghp_…[redacted:github]'), input.subarray(input.indexOf(token) + token.length)]);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('streams 48 MB with no newline at all in bounded memory, catching secrets placed across read boundaries', async () => {
    const secrets = Array.from({ length: 24 }, (_, i) => ` api_key=${body(32, undefined, i + 1)}`);
    const mb = 1 << 20;
    const readSize = 64 * 1024;
    const filler = 'abcdefghij '.repeat(Math.ceil(mb / 11)).slice(0, mb);
    let produced = 0;
    let consumed = 0;
    let maxHeldBack = 0;
    async function* input() {
      for (let i = 0; i < 48; i += 1) {
        // A secret straddles a read boundary in every other megabyte.
        const block = i % 2 === 0 ? filler.slice(0, mb - 20) + secrets[i / 2]! + filler.slice(0, 20) : filler;
        for (let at = 0; at < block.length; at += readSize) {
          const chunk = Buffer.from(block.slice(at, at + readSize));
          produced += chunk.length;
          maxHeldBack = Math.max(maxHeldBack, produced - consumed);
          yield chunk;
        }
      }
    }
    const found: string[] = [];
    let tail = '';
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        consumed += chunk.length;
        const text = tail + chunk.toString('utf8');
        for (const secret of secrets) if (text.includes(secret.slice(9, 25))) found.push(secret);
        tail = text.slice(-64);
        done();
      },
    });
    const result = await scrub(Readable.from(input()), stdout);
    expect(result.code).toBe(0);
    expect(found).toEqual([]);
    expect(consumed).toBeGreaterThan(48 * mb - 24 * 40); // everything but the redacted values came out
    // Never more than about a window (1 MiB) plus an overlap and a read held back: memory is bounded.
    expect(maxHeldBack).toBeLessThan(1.5 * mb);
  }, 120_000);
});

describe('CLI errors pass the scrubber', () => {
  it('a usage error and a failed command that quote a key print it redacted, on one line', async () => {
    const key = `sk-ant-api03-${body(93)}AA`;
    const token = `ghp_${body(36)}`;
    const env = { NOME_DATA_DIR: join(home, 'data') };
    const usage = await runCliCaptured(['frobnicate', key], { env });
    expect(usage.code).toBe(2);
    expect(usage.err).toBe(`nome-settings: unknown command "frobnicate sk-ant-…[redacted:anthropic]"; run 'nome-settings --help'\n`);
    const failed = await runCliCaptured(['keys', 'remove', token], { env });
    expect(failed).toEqual({ code: 1, out: '', err: 'nome-settings: No stored key with id ghp_…[redacted:github] (not_found)\n' });
  });
});
