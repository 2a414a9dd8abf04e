// The seat readers against fixture homes: what each CLI's files say, and clear statuses for damaged ones.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Seat, SeatSource } from '../../../shared/channels/seats';
import { scanSeats } from '../../../electron/core/seats/scan-seats';
import type { HomeFiles } from '../../../electron/core/seats/home-files';
import { createNodeHomeFiles } from '../../../electron/headless/home-files';
import { fixtureHome, homesDir, leakedTokens, snapshotTree } from '../../fixtures/homes/fixture-homes';

const now = Date.parse('2026-12-03T12:00:00Z');

async function scan(home: string, env: Record<string, string> = {}, platform = 'linux'): Promise<Record<SeatSource, Seat>> {
  const files = createNodeHomeFiles({ home, platform });
  const seats = await scanSeats({ files, env, now: () => now });
  return Object.fromEntries(seats.map((seat) => [seat.source, seat])) as Record<SeatSource, Seat>;
}

function tmpHome(): string {
  return mkdtempSync(join(tmpdir(), 'nome-seat-'));
}

describe('Claude Code', () => {
  it('reads plan, email and expiry from .credentials.json and .claude.json', async () => {
    const seat = (await scan(fixtureHome('claude-code')))['claude-code'];
    expect(seat).toMatchObject({ status: 'signed_in', signedIn: true, plan: 'Max', email: 'a@b.c', expiresAt: '2026-12-06T12:00:00.000Z', provider: 'anthropic' });
    expect(seat.files).toEqual(['~/.claude/.credentials.json', '~/.claude.json']);
  });

  it('falls back to rateLimitTier for the plan when subscriptionType is absent', async () => {
    const seat = (await scan(fixtureHome('claude-code-tier-only')))['claude-code'];
    expect(seat).toMatchObject({ status: 'signed_in', plan: 'Max 5x', email: null });
  });

  it('a file with only mcpOAuth is not a sign-in', async () => {
    const seat = (await scan(fixtureHome('claude-code-mcp-only')))['claude-code'];
    expect(seat).toMatchObject({ status: 'signed_out', signedIn: false });
    expect(seat.detail).toMatch(/MCP/);
  });

  it('oauthAccount alone is signed-in evidence; on macOS the token is in the Keychain, which is not opened', async () => {
    const seat = (await scan(fixtureHome('claude-code-account-only'), {}, 'darwin'))['claude-code'];
    expect(seat).toMatchObject({ status: 'signed_in', email: 'mac@example.com', plan: null });
    expect(seat.detail).toMatch(/Keychain \(not opened\)/);
  });

  it('an installed but signed-out Claude Code says so', async () => {
    expect((await scan(fixtureHome('claude-code-signed-out')))['claude-code'].status).toBe('signed_out');
  });

  it('CLAUDE_CONFIG_DIR moves both files into that folder', async () => {
    const home = fixtureHome('claude-code-config-dir');
    const seat = (await scan(home, { CLAUDE_CONFIG_DIR: join(home, 'work-claude') }))['claude-code'];
    expect(seat).toMatchObject({ status: 'signed_in', plan: 'Team', email: 'work@corp.example' });
    const withoutOverride = (await scan(home))['claude-code'];
    expect(withoutOverride.email).toBe('personal@example.com');
  });

  it('a relative CLAUDE_CONFIG_DIR is resolved against the working directory, as Claude Code does (facts §9)', async () => {
    const relativeDir = relative(process.cwd(), join(fixtureHome('claude-code-config-dir'), 'work-claude'));
    expect(relativeDir.startsWith('/')).toBe(false);
    const seat = (await scan(tmpHome(), { CLAUDE_CONFIG_DIR: relativeDir }))['claude-code'];
    expect(seat).toMatchObject({ status: 'signed_in', plan: 'Team', email: 'work@corp.example' });
  });
});

describe('Codex', () => {
  it('takes plan and email from the id_token payload and expiry from the access token', async () => {
    const seat = (await scan(fixtureHome('codex'))).codex;
    expect(seat).toMatchObject({ status: 'signed_in', plan: 'Pro', email: 'codex@example.com', authMode: 'chatgpt', expiresAt: '2026-12-11T12:00:00.000Z', provider: 'openai' });
  });

  it('API-key mode is reported as such, not as a plan sign-in', async () => {
    const seat = (await scan(fixtureHome('codex-apikey'))).codex;
    // signedIn is the seat's flag: a CLI billing an API key is the BYOK lane, not a seat sign-in.
    expect(seat).toMatchObject({ status: 'api_key_mode', signedIn: false, authMode: 'apikey', plan: null });
  });

  it('an id_token that is not a JWT leaves the plan unknown but keeps the sign-in (mode inferred from tokens)', async () => {
    const seat = (await scan(fixtureHome('codex-bad-jwt'))).codex;
    expect(seat).toMatchObject({ status: 'signed_in', plan: null, email: null, authMode: 'chatgpt' });
    expect(seat.detail).toMatch(/plan is unknown/);
  });

  it('CODEX_HOME moves auth.json', async () => {
    const seat = (await scan(tmpHome(), { CODEX_HOME: join(fixtureHome('codex'), '.codex') })).codex;
    expect(seat).toMatchObject({ status: 'signed_in', plan: 'Pro' });
  });

  it('a keyring credential store is reported as elsewhere, not signed out', async () => {
    const seat = (await scan(fixtureHome('codex-keyring'))).codex;
    expect(seat.status).toBe('elsewhere');
    expect(seat.detail).toMatch(/keyring/);
  });
});

describe('Gemini CLI', () => {
  it('reads the account from google_accounts.json, the auth type from settings and the expiry', async () => {
    const seat = (await scan(fixtureHome('gemini-cli')))['gemini-cli'];
    expect(seat).toMatchObject({ status: 'signed_in', email: 'g@example.com', authMode: 'oauth-personal', expiresAt: '2026-12-03T12:45:00.000Z' });
    expect(seat.detail).toMatch(/18 June 2026/);
  });

  it('the older top-level selectedAuthType gemini-api-key is API-key mode', async () => {
    expect((await scan(fixtureHome('gemini-cli-api-key')))['gemini-cli']).toMatchObject({ status: 'api_key_mode', signedIn: false, authMode: 'gemini-api-key' });
  });

  it('GEMINI_CLI_HOME replaces the home', async () => {
    const seat = (await scan(tmpHome(), { GEMINI_CLI_HOME: fixtureHome('gemini-cli') }))['gemini-cli'];
    expect(seat.status).toBe('signed_in');
  });
});

describe('GitHub Copilot, Qwen Code, Grok CLI', () => {
  it('Copilot apps.json, hosts.json and the Copilot CLI config each name the user', async () => {
    expect((await scan(fixtureHome('github-copilot-apps')))['github-copilot']).toMatchObject({ status: 'signed_in', account: 'octocat' });
    expect((await scan(fixtureHome('github-copilot-hosts')))['github-copilot']).toMatchObject({ status: 'signed_in', account: 'hubot' });
    const cli = (await scan(fixtureHome('github-copilot-cli')))['github-copilot'];
    expect(cli).toMatchObject({ status: 'signed_in', account: 'mona', authMode: 'copilot-cli' });
  });

  it('XDG_CONFIG_HOME moves the Copilot plugin files', async () => {
    const seat = (await scan(tmpHome(), { XDG_CONFIG_HOME: join(fixtureHome('github-copilot-apps'), '.config') }))['github-copilot'];
    expect(seat.account).toBe('octocat');
  });

  it('COPILOT_HOME moves the Copilot CLI state and GROK_HOME the Grok CLI auth file', async () => {
    const seats = await scan(tmpHome(), { COPILOT_HOME: join(fixtureHome('github-copilot-cli'), '.copilot'), GROK_HOME: join(fixtureHome('grok-cli'), '.grok') });
    expect(seats['github-copilot']).toMatchObject({ status: 'signed_in', account: 'mona' });
    expect(seats['grok-cli']).toMatchObject({ status: 'signed_in', email: 'grok@example.com' });
  });

  it('Qwen Code reads its OAuth expiry', async () => {
    expect((await scan(fixtureHome('qwen-code')))['qwen-code']).toMatchObject({ status: 'signed_in', authMode: 'qwen-oauth', expiresAt: '2026-12-03T18:00:00.000Z' });
  });

  it('Grok CLI reads email, mode and expiry from its issuer entry', async () => {
    expect((await scan(fixtureHome('grok-cli')))['grok-cli']).toMatchObject({ status: 'signed_in', email: 'grok@example.com', authMode: 'oidc', expiresAt: '2026-12-10T12:00:00.000Z', provider: 'xai' });
  });
});

describe('missing, damaged, huge and unreadable files', () => {
  it('an empty home gives not_found for every CLI', async () => {
    const seats = await scan(fixtureHome('empty'));
    for (const seat of Object.values(seats)) expect(seat).toMatchObject({ status: 'not_found', signedIn: false });
  });

  it('every damaged file gives its own clear status and no token bytes', async () => {
    const seats = await scan(fixtureHome('malformed'));
    expect(seats['claude-code']).toMatchObject({ status: 'malformed' });
    expect(seats['claude-code'].detail).toBe('~/.claude/.credentials.json is not valid JSON (partly written or damaged)');
    expect(seats.codex).toMatchObject({ status: 'malformed', detail: '~/.codex/auth.json is not a Codex auth file' });
    expect(seats['gemini-cli']).toMatchObject({ status: 'malformed', detail: '~/.gemini/oauth_creds.json is empty' });
    expect(seats['github-copilot'].status).toBe('malformed');
    expect(seats['qwen-code'].status).toBe('malformed');
    expect(seats['grok-cli'].status).toBe('malformed');
    expect(leakedTokens(JSON.stringify(seats))).toEqual([]);
  });

  it('a huge credentials file is refused unread, with its size', async () => {
    const home = tmpHome();
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude', '.credentials.json'), `{"claudeAiOauth":{"accessToken":"${'x'.repeat(3 * 1024 * 1024)}"}}`);
    const seat = (await scan(home))['claude-code'];
    expect(seat.status).toBe('too_large');
    expect(seat.detail).toBe('~/.claude/.credentials.json is 3.0 MB, over the 1.0 MB read limit; not read');
  });

  it('a folder where a file should be is unreadable, not a crash', async () => {
    const home = tmpHome();
    mkdirSync(join(home, '.codex', 'auth.json'), { recursive: true });
    const seat = (await scan(home)).codex;
    expect(seat).toMatchObject({ status: 'unreadable', detail: '~/.codex/auth.json could not be read (EISDIR)' });
  });

  it('a named pipe where a file should be is refused without blocking the scan', async () => {
    const home = tmpHome();
    mkdirSync(join(home, '.grok'));
    execFileSync('mkfifo', [join(home, '.grok', 'auth.json')]);
    const seat = (await scan(home))['grok-cli'];
    expect(seat).toMatchObject({ status: 'unreadable', detail: '~/.grok/auth.json could not be read (not a regular file)' });
  });

  it('a port that throws yields per-source statuses, never a rejected scan', async () => {
    // A fake port: a host whose file access breaks mid-scan cannot be produced with the real one.
    const broken: HomeFiles = {
      home: '/nowhere',
      platform: 'linux',
      resolve: (...segments) => segments.join('/'),
      read: async () => {
        throw new Error('EIO: secret-looking text sk-ant-oat01-TOKENBYTES');
      },
      isDirectory: async () => {
        throw new Error('EIO');
      },
      watch: () => () => undefined,
    };
    const seats = await scanSeats({ files: broken, env: {}, now: () => now });
    expect(seats).toHaveLength(6);
    for (const seat of seats) expect(['unreadable', 'not_found']).toContain(seat.status);
    expect(JSON.stringify(seats)).not.toContain('TOKENBYTES');
  });
});

describe('read-only and token-free', () => {
  it('scanning every fixture home writes nothing and returns no token bytes', async () => {
    const before = snapshotTree(homesDir);
    const outputs: string[] = [];
    for (const name of readdirSync(homesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      const home = fixtureHome(name.name);
      outputs.push(JSON.stringify(await scan(home, { CLAUDE_CONFIG_DIR: join(home, 'work-claude') })));
      outputs.push(JSON.stringify(await scan(home, {}, 'darwin')));
    }
    expect(leakedTokens(outputs.join('\n'))).toEqual([]);
    expect(snapshotTree(homesDir)).toEqual(before);
  });

  it('the homeFiles port has no way to write', () => {
    const port = createNodeHomeFiles({ home: tmpHome() });
    expect(Object.keys(port).sort()).toEqual(['home', 'isDirectory', 'platform', 'read', 'resolve', 'watch']);
  });
});
