// The live region's words when a scan changes: which CLI or server, and its new state.
import { describe, expect, it } from 'vitest';
import type { LocalServer, Seat } from '../../../../shared/channels/seats';
import { describeSeatChanges, describeServerChanges } from '../../../../renderer/panels/seats/seat-changes';

const seat = (source: Seat['source'], displayName: string, status: Seat['status']): Seat => ({
  source, displayName, signedIn: status === 'signed_in', status, plan: null, email: null, account: null, expiresAt: null, authMode: null, provider: null, files: [], detail: '', checkedAt: '',
});
const server = (label: string, url: string, state: LocalServer['state']): LocalServer => ({
  server: label === 'Ollama' ? 'ollama' : 'custom', label, url, state, version: null, models: [], latencyMs: null, checkedAt: '', message: '',
});

describe('describeSeatChanges', () => {
  it('names each CLI whose status changed and its new state', () => {
    const before = [seat('grok-cli', 'Grok CLI', 'not_found'), seat('codex', 'Codex CLI', 'signed_in')];
    const after = [seat('grok-cli', 'Grok CLI', 'signed_in'), seat('codex', 'Codex CLI', 'malformed')];
    expect(describeSeatChanges(before, after)).toEqual(['Grok CLI: now Signed in.', 'Codex CLI: now Damaged file.']);
  });

  it('a change of details only (plan, expiry) is redrawn, not announced', () => {
    expect(describeSeatChanges([seat('codex', 'Codex CLI', 'signed_in')], [{ ...seat('codex', 'Codex CLI', 'signed_in'), plan: 'Pro' }])).toEqual([]);
  });
});

describe('describeServerChanges', () => {
  it('names a server that stopped, one that appeared and one that went', () => {
    const before = [server('Ollama', 'http://127.0.0.1:11434', 'running'), server('Old box', 'http://127.0.0.1:9000/v1', 'running')];
    const after = [server('Ollama', 'http://127.0.0.1:11434', 'not_running'), server('Home box', 'http://127.0.0.1:5000/v1', 'needs_key')];
    expect(describeServerChanges(before, after)).toEqual(['Ollama: now Not running.', 'Home box added: Needs a key.', 'Old box removed.']);
    expect(describeServerChanges(after, after)).toEqual([]);
  });
});
