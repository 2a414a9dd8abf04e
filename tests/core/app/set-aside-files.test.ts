import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/channels/app';
import { incidentOfSetAsideName } from '../../../electron/core/app/set-aside-files';
import { createCore } from '../../../electron/core/create-core';
import { systemClock } from '../../../electron/core/ports';
import { createMemoryDataFiles } from '../../../electron/core/receipts/memory-data-files';
import { createMemoryPreferences } from '../../../electron/core/status/status-preferences';
import { createTestCipher } from '../../support/test-cipher';

describe('incidentOfSetAsideName', () => {
  it.each([
    ['', 'keys.json.corrupt-2026-12-01T07-05-09-123Z', { kind: 'corrupt_store_set_aside', file: 'keys.json', setAsideAs: 'keys.json.corrupt-2026-12-01T07-05-09-123Z', at: '2026-12-01T07:05:09.123Z' }],
    ['', 'preferences.corrupt-2026-12-03T10-00-00-000Z.json', { kind: 'corrupt_store_set_aside', file: 'preferences.json', setAsideAs: 'preferences.corrupt-2026-12-03T10-00-00-000Z.json', at: '2026-12-03T10:00:00.000Z' }],
    [
      'receipts',
      '2026-12.jsonl.torn-2026-12-02T23-59-59-999Z-40960',
      { kind: 'torn_tail_set_aside', file: 'receipts/2026-12.jsonl', setAsideAs: 'receipts/2026-12.jsonl.torn-2026-12-02T23-59-59-999Z-40960', at: '2026-12-02T23:59:59.999Z' },
    ],
  ])('%s/%s is an incident', (dir, name, incident) => {
    expect(incidentOfSetAsideName(dir, name)).toEqual(incident);
  });

  it.each(['keys.json', 'preferences.json', 'keys.json.tmp-123-abc', 'keys.json.corrupt-yesterday', 'master.key', '2026-12.jsonl', 'rollup.json', 'notes.corrupt-2026-12-01T07-05-09-123Z.txt'])(
    '%s is not',
    (name) => {
      expect(incidentOfSetAsideName('', name)).toBeNull();
    },
  );
});

describe('app:info incidents', () => {
  it('lists set-aside files found in the data dir, by any host, until each is dismissed; the files stay', async () => {
    const files = createMemoryDataFiles();
    const bytes = new TextEncoder().encode('{"damaged');
    await files.writeAtomic('keys.json.corrupt-2026-12-01T07-05-09-123Z', bytes);
    await files.writeAtomic('receipts/2026-12.jsonl.torn-2026-12-02T23-59-59-999Z-40960', bytes);
    await files.writeAtomic('receipts/2026-12.jsonl', new Uint8Array(0));
    const preferences = createMemoryPreferences();
    const core = createCore(
      { host: { kind: 'cli', version: '0.0.0', dataDir: '/data', demo: false }, clock: systemClock, env: {}, cipher: createTestCipher(), fetch: globalThis.fetch, files },
      { preferences, checkOutput: true },
    );
    const info = async () => {
      const result = await core.router.invoke('app:info', undefined);
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as AppInfo).incidents.map((incident) => incident.setAsideAs);
    };
    expect(await info()).toEqual(['keys.json.corrupt-2026-12-01T07-05-09-123Z', 'receipts/2026-12.jsonl.torn-2026-12-02T23-59-59-999Z-40960']);

    const sent: unknown[] = [];
    core.events.subscribe((event, payload) => event === 'app:info-changed' && sent.push(payload));
    const dismissed = await core.router.invoke('app:dismiss-incident', { setAsideAs: 'keys.json.corrupt-2026-12-01T07-05-09-123Z' });
    expect(dismissed.ok).toBe(true);
    expect(await info()).toEqual(['receipts/2026-12.jsonl.torn-2026-12-02T23-59-59-999Z-40960']);
    expect(sent).toHaveLength(1);
    expect(await files.read('keys.json.corrupt-2026-12-01T07-05-09-123Z')).not.toBeNull();
    // Dismissal persists in the preferences, so another core on the same data dir agrees.
    const other = createCore(
      { host: { kind: 'cli', version: '0.0.0', dataDir: '/data', demo: false }, clock: systemClock, env: {}, cipher: createTestCipher(), fetch: globalThis.fetch, files },
      { preferences },
    );
    const otherInfo = await other.router.invoke('app:info', undefined);
    expect(otherInfo.ok && (otherInfo.value as AppInfo).incidents).toHaveLength(1);
    await core.dispose();
    await other.dispose();
  });

  it('dismissing with bad input is a typed error and changes nothing', async () => {
    const core = createCore({ host: { kind: 'cli', version: '0.0.0', dataDir: '/data', demo: false }, clock: systemClock, env: {}, cipher: createTestCipher(), fetch: globalThis.fetch });
    const result = await core.router.invoke('app:dismiss-incident', { setAsideAs: '' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('bad_input');
    await core.dispose();
  });
});
