import { describe, expect, it } from 'vitest';
import { keyFailureNotification, stepEpisodes, type EpisodeSnapshot } from '../../../electron/core/notifications/failure-episodes';
import type { StatusKey } from '../../../electron/core/status/compute-app-status';
import type { KeyState } from '../../../shared/vocabulary';

const key = (state: KeyState, id = 'k1'): StatusKey => ({ id, provider: 'anthropic', label: 'work', state });

/** Runs snapshots in order and returns the episodes each step started. */
function run(snapshots: EpisodeSnapshot[]): string[][] {
  let open: ReadonlySet<string> = new Set();
  return snapshots.map((snapshot) => {
    const step = stepEpisodes(open, snapshot);
    open = step.open;
    return [...step.failedKeys.map((failed) => `key:${failed.id}`), ...(step.credits ? [step.credits.episode] : [])];
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
    expect(keyFailureNotification([step.failedKeys[0]!])).toEqual({
      episode: 'key:k1',
      title: 'Anthropic key needs attention',
      body: 'Your Anthropic key "personal" was rejected as invalid. Open NOME Settings to replace it.',
    });
    expect(JSON.stringify(step)).not.toContain(secret.slice(0, 12));
  });
});

describe('keyFailureNotification', () => {
  const work: StatusKey = { id: 'a', provider: 'anthropic', label: 'Work', state: 'invalid_key' };
  const team: StatusKey = { id: 'b', provider: 'openai', label: 'Team', state: 'no_credit' };
  const side: StatusKey = { id: 'c', provider: 'gemini', label: 'Side project', state: 'invalid_key' };

  it('several keys are counted, the first two named, the rest "+N more"', () => {
    expect(keyFailureNotification([work, team, side])).toEqual({
      episode: 'key:a key:b key:c',
      title: '3 keys failing',
      body: 'Anthropic "Work" rejected, OpenAI "Team" out of credit, +1 more. Open NOME Settings to fix them.',
    });
  });

  it('two keys are both named, with no "+0 more"', () => {
    expect(keyFailureNotification([work, team]).body).toBe('Anthropic "Work" rejected, OpenAI "Team" out of credit. Open NOME Settings to fix them.');
  });

  it('the body stays short however many keys fail and however long their labels are', () => {
    const keys = Array.from({ length: 500 }, (_, index): StatusKey => ({ id: `k${index}`, provider: 'openai', label: `${'Production billing account '.repeat(4)}${index}`, state: 'invalid_key' }));
    const notification = keyFailureNotification(keys as [StatusKey, ...StatusKey[]]);
    expect(notification.title).toBe('500 keys failing');
    expect(notification.body).toContain('+498 more');
    expect(notification.body.length).toBeLessThan(160);
    expect(notification.body).toContain('"Production billing account Prod…"');
  });

  it('a label cut for a summary is cut by character, never through an emoji', () => {
    const label = `${'🔑'.repeat(40)}`;
    const body = keyFailureNotification([{ ...work, label }, team]).body;
    expect(body).toContain(`"${'🔑'.repeat(31)}…"`);
  });
});
