import { describe, expect, it } from 'vitest';
import { contextRules } from '../../../electron/core/scrub/context-rules';
import { createScrubber } from '../../../electron/core/scrub/scrubber';
import { body, leaks, readCorpus } from './scrub-support';

const scrubber = createScrubber();
const hex = '0123456789abcdef';
const basic = Buffer.from(`admin:${body(12)}`).toString('base64');

/**
 * [case, input, secret]: each holds one rule's trigger and no other (bar rules that share it), in a letter case
 * the rule accepts, so a trigger that is too narrow (wrong case, wrong word) lets the secret through.
 */
const gated: [string, string, string][] = [
  ['private key', `-----BEGIN RSA PRIVATE KEY-----\n${body(64)}\n-----END RSA PRIVATE KEY-----`, body(64)],
  ['bearer in odd case', `sent bEaReR ${body(40)}`, body(40)],
  ['authorization scheme in capitals', `AUTHORIZATION: Token ${body(40)}`, body(40)],
  ['digest response in odd case', `aUtHoRiZaTiOn: Digest username="bob", realm="r", nonce="n", uri="/", response="${body(32, hex)}"`, body(32, hex)],
  ['basic in capitals', `x-auth BASIC ${basic}`, basic],
  ['cookie in capitals', `COOKIE: sid=${body(32)}`, body(32)],
  ['set-cookie in capitals', `SET-COOKIE: session=${body(40)}; Path=/`, body(40)],
  ['password in a url', `redis://default:${body(14)}@cache:6379`, body(14)],
  ['curl -u', `curl -u admin:${body(12)} localhost`, body(12)],
  ['curl --user', `curl --user admin:${body(12)} localhost`, body(12)],
  ['flag in capitals', `deploy --DB-PASSWORD ${body(12)}`, body(12)],
  ['mysql -p', `mysql -u root -p${body(12)} app`, body(12)],
  ['mariadb-dump -p', `mariadb-dump -p${body(12)} app`, body(12)],
  ['sshpass -p', `sshpass -p ${body(12)} ssh host`, body(12)],
  ['redis-cli -a', `redis-cli -h cache -a ${body(12)} ping`, body(12)],
];

describe('context rules behind the trigger pass', () => {
  it.each(gated)('%s: the rule still runs when its trigger is the only one in the text', (_name, input, secret) => {
    const output = scrubber.scrub(input);
    expect(output).not.toContain(secret);
    expect(output).toContain('[redacted:');
    expect(leaks(input, secret, output)).toEqual([]);
  });

  it('rules whose triggers stand far apart in one text all run', () => {
    const url = `redis://default:${body(14)}@cache:6379`;
    const mysql = `mysql -u root -p${body(12, undefined, 3)} app`;
    const filler = 'GET /v1/models 200\n'.repeat(5000);
    const output = scrubber.scrub(`${url}\n${filler}${mysql}\n${filler}x-auth BASIC ${basic}`);
    for (const secret of [body(14), body(12, undefined, 3), basic]) expect(output).not.toContain(secret);
  });

  it('one trigger place can mark two rules (` --user` is both the -u/--user and the flag trigger)', () => {
    // The only trigger place is ` --user`; the flag rule is the one that matches (`--user-password`).
    const output = scrubber.scrub(`deploy --user-password ${body(12)}`);
    expect(output).not.toContain(body(12));
    expect(output).toContain('[redacted:secret]');
  });

  it('after many trigger places that mark nothing new, the rules still waiting run anyway', () => {
    // 200 bearer headers, then the only mysql line: the scan gives up looking after 64 and runs every rule.
    const headers = Array.from({ length: 200 }, (_, i) => `Authorization: Bearer ${body(40, undefined, i + 1)}`).join('\n');
    const text = `${headers}\nmysql -u root -p${body(12, undefined, 7)} app\nsshpass -p ${body(12, undefined, 8)} ssh host`;
    const output = scrubber.scrub(text);
    expect(output).not.toContain(body(12, undefined, 7));
    expect(output).not.toContain(body(12, undefined, 8));
    expect(output.split('[redacted:bearer]').length - 1).toBe(200);
  });

  it('every match of a rule with a trigger holds that trigger (dev corpus and the cases above)', () => {
    const texts = [...readCorpus().lines.map((line) => line.text), ...gated.map(([, input]) => input)];
    for (const rule of contextRules) {
      if (!rule.trigger) continue;
      const regex = new RegExp(rule.source, 'g');
      const trigger = new RegExp(rule.trigger);
      let matches = 0;
      for (const text of texts) {
        for (const m of text.matchAll(regex)) {
          matches += 1;
          // A lookbehind may hold part of the trigger (`\s-u`): read a little before the match too.
          const around = text.slice(Math.max(0, m.index - 16), m.index + m[0].length);
          expect(trigger.test(around), `${rule.label} matched ${JSON.stringify(m[0])} without ${rule.trigger}`).toBe(true);
        }
      }
      expect(matches, `${rule.label} (${rule.trigger}) never matched`).toBeGreaterThan(0);
    }
  });
});
