import { describe, expect, it } from 'vitest';
import { stepEpisodes, type EpisodeSnapshot } from '../../../electron/core/notifications/failure-episodes';
import type { StatusKey } from '../../../electron/core/status/compute-app-status';
import type { KeyState } from '../../../shared/vocabulary';

const key = (state: KeyState, id = 'k1'): StatusKey => ({ id, provider: 'anthropic', label: 'work', state });

/** Runs snapshots in order and returns the episodes each step started. */
function run(snapshots: EpisodeSnapshot[]): string[][] {
  let open: ReadonlySet<string> = new Set();
  return snapshots.map((snapshot) => {
    const step = stepEpisodes(open, snapshot);
    open = step.open;
    return step.started.map((notification) => notification.episode);
  });
}

describe('stepEpisodes', () => {
  it('a key turning invalid_key starts one episode, and no more while it stays invalid', () => {
    expect(run([{ keys: [key('ok')], credits: null }, { keys: [key('invalid_key')], credits: null }, { keys: [key('invalid_key')], credits: null }])).toEqual([[], ['key:k1'], []]);
  });

  it('moving between failing states stays in the same episode', () => {
    expect(run([{ keys: [key('invalid_key')], credits: null }, { keys: [key('no_credit')], credits: null }])).toEqual([['key:k1'], []]);
  });

  it('a fresh notification comes only after recovery to ok and a new failure', () => {
    const steps = run([
      { keys: [key('no_credit')], credits: null },
      { keys: [key('unreachable')], credits: null },
      { keys: [key('no_credit')], credits: null },
      { keys: [key('ok')], credits: null },
      { keys: [key('no_credit')], credits: null },
    ]);
    expect(steps).toEqual([['key:k1'], [], [], [], ['key:k1']]);
  });

  it('attention states never start an episode', () => {
    const states: KeyState[] = ['restricted', 'rate_limited', 'provider_down', 'bad_endpoint', 'unreachable', 'timeout', 'unchecked', 'ok'];
    expect(run(states.map((state) => ({ keys: [key(state)], credits: null }))).flat()).toEqual([]);
  });

  it('removing a failing key ends its episode', () => {
    expect(run([{ keys: [key('invalid_key')], credits: null }, { keys: [], credits: null }, { keys: [key('invalid_key')], credits: null }])).toEqual([['key:k1'], [], ['key:k1']]);
  });

  it('each key has its own episode', () => {
    expect(run([{ keys: [key('invalid_key', 'a'), key('ok', 'b')], credits: null }, { keys: [key('invalid_key', 'a'), key('no_credit', 'b')], credits: null }])).toEqual([['key:a'], ['key:b']]);
  });

  it('credits crossing the low threshold notify once, and again only after recovering', () => {
    const low = { available: 40, low: true, runwayDays: 1 };
    const fine = { available: 4000, low: false, runwayDays: 40 };
    expect(run([
      { keys: [], credits: fine },
      { keys: [], credits: low },
      { keys: [], credits: low },
      { keys: [], credits: null },
      { keys: [], credits: low },
      { keys: [], credits: fine },
      { keys: [], credits: low },
    ])).toEqual([[], ['credits:low'], [], [], [], [], ['credits:low']]);
  });

  it('the text names the provider and label, never the key', () => {
    const secret = 'sk-ant-api03-' + 'x'.repeat(40);
    const step = stepEpisodes(new Set(), { keys: [{ id: 'k1', provider: 'anthropic', label: 'personal', state: 'invalid_key' }], credits: null });
    expect(step.started[0]).toEqual({
      episode: 'key:k1',
      title: 'Anthropic key needs attention',
      body: 'Your Anthropic key "personal" was rejected as invalid. Open NOME Settings to replace it.',
    });
    expect(JSON.stringify(step)).not.toContain(secret.slice(0, 12));
  });
});
