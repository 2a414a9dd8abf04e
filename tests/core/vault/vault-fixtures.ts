// Shared builders for the vault tests: a real AES cipher over an in-memory master key (the real keyring
// has its own test in tests/headless/keys-keyring.test.ts), a fake KeyCheckService (a port: the real one
// and its emulator are tested under tests/core/checks), and key-shaped secrets.
import { randomBytes } from 'node:crypto';
import type { CheckResult } from '../../../shared/channels/checks';
import type { KeyState } from '../../../shared/vocabulary';
import { createIncidentLog } from '../../../electron/core/app/app-info';
import type { KeyCheckService, CheckTarget } from '../../../electron/core/checks/key-check-service';
import type { FeatureContext } from '../../../electron/core/create-core';
import { createEventBus } from '../../../electron/core/events';
import type { Cipher, CorePorts } from '../../../electron/core/ports';
import { createMinimalScrubber } from '../../../electron/core/scrub/scrubber';
import { createKeyVault, type KeyVault } from '../../../electron/core/vault/key-vault';
import { createMemoryKeyStore, type KeyStore } from '../../../electron/core/vault/key-store';
import { createNodeCipher, type MasterKeyStore } from '../../../electron/headless/node-cipher';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const randomText = (length: number, chars = alphabet) => Array.from(randomBytes(length), (b) => chars[b % chars.length]).join('');

export const keys = {
  anthropic: () => `sk-ant-api03-${randomText(93)}AA`,
  openai: () => `sk-proj-${randomText(58)}T3BlbkFJ${randomText(58)}`,
  deepseek: () => `sk-${randomText(32, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  xai: () => `xai-${randomText(80)}`,
  compatible: () => `local-${randomText(24)}`,
};

/** A master-key store in memory, standing in for the OS keyring in tests of the vault's own rules. */
export function memoryMasterKeyStore(initial: Buffer | null = null): MasterKeyStore & { key(): Buffer | null } {
  let stored = initial;
  return {
    kind: 'keyring',
    read: async () => stored,
    write: async (key) => {
      stored = Buffer.from(key);
    },
    key: () => stored,
  };
}

/** A keyring that never answers, like a machine without Secret Service. */
export const deadKeyring: MasterKeyStore = {
  kind: 'keyring',
  read: () => Promise.reject(new Error('no keyring daemon')),
  write: () => Promise.reject(new Error('no keyring daemon')),
};

export function aesCipher(master = memoryMasterKeyStore()): Cipher {
  return createNodeCipher({ dataDir: '/nonexistent-nome-test', allowFileKey: false, keyring: master });
}

export interface FakeChecks extends KeyCheckService {
  readonly calls: CheckTarget[];
  stateFor: (target: CheckTarget) => KeyState;
}

export function fakeChecks(stateFor: (target: CheckTarget) => KeyState = () => 'ok'): FakeChecks {
  const calls: CheckTarget[] = [];
  const service: FakeChecks = {
    calls,
    stateFor,
    async check(target): Promise<CheckResult> {
      calls.push(target);
      const state = service.stateFor(target);
      return {
        id: target.keyId,
        provider: target.provider,
        state,
        httpStatus: state === 'ok' ? 200 : state === 'invalid_key' ? 401 : 500,
        providerCode: state === 'invalid_key' ? 'invalid_api_key' : null,
        retryAfterS: null,
        latencyMs: 12,
        checkedAt: new Date().toISOString(),
        // A careless provider echoing the key: the vault must still never pass it on.
        message: state === 'ok' ? 'ok' : `Incorrect API key provided: ${target.secret}`,
        figures: null,
      };
    },
  };
  return service;
}

export interface VaultHarness {
  readonly vault: KeyVault;
  readonly context: FeatureContext;
  readonly checks: FakeChecks;
  readonly store: KeyStore;
  readonly emitted: Array<{ event: string; payload: unknown }>;
}

export function makeVault(options: { cipher?: Cipher; store?: KeyStore; checks?: FakeChecks; env?: Record<string, string> } = {}): VaultHarness {
  const events = createEventBus();
  const emitted: VaultHarness['emitted'] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const ports: CorePorts = {
    host: { kind: 'cli', version: '0.0.0-test', dataDir: '/nonexistent-nome-test', demo: false },
    clock: { now: () => Date.now() },
    env: options.env ?? {},
    cipher: options.cipher ?? aesCipher(),
    fetch: () => Promise.reject(new Error('no network in vault tests')),
  };
  const incidents = createIncidentLog(() => undefined);
  const context: FeatureContext = { ports, events, scrubber: createMinimalScrubber(), incidents };
  const checks = options.checks ?? fakeChecks();
  const store = options.store ?? createMemoryKeyStore();
  const vault = createKeyVault(context, { store, checks, readCredentialFile: async () => '{"type":"service_account","private_key_id":"abcdef123456"}' });
  return { vault, context, checks, store, emitted };
}

/** Waits for fire-and-forget events (keys:changed is emitted after the write resolves). */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
