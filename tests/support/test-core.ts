// A core for tests that go through its router: the CLI host, no environment, the test cipher, memory data
// files and a fetch that fails (there is no network here). Tests override what they vary.
import type { Core } from '../../electron/core/create-core';
import type { CorePorts } from '../../electron/core/ports';
import { createMemoryDataFiles } from '../../electron/core/receipts/memory-data-files';
import { createTestCipher } from './test-cipher';

export const noNetwork = (async () => {
  throw new Error('no network in this test');
}) as typeof fetch;

export function testPorts(overrides: Partial<CorePorts> = {}): CorePorts {
  return {
    host: { kind: 'cli', version: '0.0.0', dataDir: '/nonexistent', demo: false },
    clock: { now: () => 0 },
    env: {},
    cipher: createTestCipher(),
    fetch: noNetwork,
    files: createMemoryDataFiles(),
    ...overrides,
  };
}

/** Invokes a channel and returns its value; a failed call throws its wire error ({ code, message }). */
export function routerCall(core: Core) {
  return async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await core.router.invoke(channel, input);
    if (!result.ok) throw result.error;
    return result.value as T;
  };
}
