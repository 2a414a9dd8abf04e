// The panel's plain words for a seat: plan, account, and how far the token is from expiry.
import { describe, expect, it } from 'vitest';
import type { Seat } from '../../../../shared/channels/seats';
import { laneWithVia, seatHeadline } from '../../../../renderer/panels/seats/seat-text';

const now = Date.parse('2026-12-03T12:00:00Z');
const base: Seat = {
  source: 'claude-code', displayName: 'Claude Code', signedIn: true, status: 'signed_in', plan: 'Max', email: 'a@b.c', account: null,
  expiresAt: '2026-12-06T12:00:00.000Z', authMode: null, provider: 'anthropic', files: [], detail: '', checkedAt: '',
};

describe('seatHeadline', () => {
  it('says plan, email and time to expiry in one sentence', () => {
    expect(seatHeadline(base, now)).toBe('Signed in to Claude Code (Max) as a@b.c, token expires in 3 days');
  });

  it('an expired token is not "signed out": the CLI renews it', () => {
    expect(seatHeadline({ ...base, expiresAt: '2026-12-03T10:00:00.000Z' }, now)).toBe(
      'Signed in to Claude Code (Max) as a@b.c, token expired 2 hours ago; Claude Code renews it when next used',
    );
  });

  it('names the GitHub login when there is no email, and leaves out what is unknown', () => {
    expect(seatHeadline({ ...base, source: 'github-copilot', displayName: 'GitHub Copilot', plan: null, email: null, account: 'octocat', expiresAt: null }, now)).toBe(
      'Signed in to GitHub Copilot as octocat',
    );
  });

  it('every other status has its own plain sentence', () => {
    expect(seatHeadline({ ...base, status: 'signed_out', signedIn: false }, now)).toBe('Not signed in to Claude Code');
    expect(seatHeadline({ ...base, status: 'not_found', signedIn: false }, now)).toBe('Claude Code is not on this computer');
    expect(seatHeadline({ ...base, status: 'malformed', signedIn: false }, now)).toBe('Claude Code: its sign-in file could not be used');
    expect(seatHeadline({ ...base, status: 'elsewhere', signedIn: false }, now)).toMatch(/keychain, which NOME does not open/);
  });
});

describe('seatNotes', () => {
  it('keeps only what a sign-in detail adds after the headline', async () => {
    const { seatNotes } = await import('../../../../renderer/panels/seats/seat-text');
    expect(seatNotes({ ...base, detail: 'Signed in to Claude Code' })).toBeNull();
    expect(seatNotes({ ...base, detail: 'Signed in to Claude Code; token kept in the macOS Keychain (not opened)' })).toBe('Token kept in the macOS Keychain (not opened).');
    expect(seatNotes({ ...base, status: 'malformed', signedIn: false, detail: '~/.claude/.credentials.json is empty' })).toBe('~/.claude/.credentials.json is empty');
  });
});

describe('laneWithVia', () => {
  it('names the lane and what provides it, without saying "key" twice', () => {
    expect(laneWithVia('provider-subscription', 'Claude Code (Max)')).toBe('Seat (Claude Code (Max))');
    expect(laneWithVia('byok', 'key “Work” (xAI)')).toBe('Your key “Work” (xAI)');
    expect(laneWithVia('local', 'Ollama: qwen3:8b')).toBe('Local (Ollama: qwen3:8b)');
    expect(laneWithVia('credits', 'NOME Credits')).toBe('NOME Credits');
    expect(laneWithVia('local', null)).toBe('Local');
  });
});
