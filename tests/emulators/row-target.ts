// Turns a provider row into a mounted emulator scenario and the CheckTarget a check would get for it.
import { randomBytes } from 'node:crypto';
import type { CheckTarget } from '../../electron/core/checks/key-check-service';
import type { ProviderId } from '../../shared/providers';
import type { EmulatedProvider, ProviderEmulator, Scenario } from './provider-emulator';
import type { ProviderRow } from './provider-rows';
import { authorizedUserJson, serviceAccountJson } from './vertex-credentials';

const providerIdOf: Record<EmulatedProvider, ProviderId> = {
  openai: 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  deepseek: 'deepseek',
  xai: 'xai',
  openrouter: 'openai-compatible',
  compatible: 'openai-compatible',
  vertex: 'vertex',
};

/** A fresh key shaped like the provider's real ones, so scrubbing is tested on realistic text. */
export function fakeKey(provider: EmulatedProvider): string {
  const hex = randomBytes(32).toString('hex');
  switch (provider) {
    case 'openai':
      return `sk-proj-${hex.slice(0, 40)}T3BlbkFJ${hex.slice(24, 64)}`;
    case 'anthropic':
      return `sk-ant-api03-${hex}${hex.slice(0, 29)}AA`;
    case 'gemini':
      return `AQ.Ab8R${hex.slice(0, 48)}`;
    case 'deepseek':
      return `sk-${hex.slice(0, 32)}`;
    case 'xai':
      return `xai-${hex}${hex.slice(0, 16)}`;
    case 'openrouter':
      return `sk-or-v1-${hex}`;
    default:
      return `key-${hex.slice(0, 40)}`;
  }
}

/** An admin key of the provider's shape (facts §1, §2 key formats). */
export function fakeAdminKey(provider: 'openai' | 'anthropic'): string {
  const hex = randomBytes(64).toString('hex');
  return provider === 'openai' ? `sk-admin-${hex.slice(0, 58)}T3BlbkFJ${hex.slice(58, 116)}` : `sk-ant-admin01-${hex.slice(0, 93)}AA`;
}

/** An ADC authorized_user file with no quota_project_id (so no project of its own), mounted on the emulator.
 *  The emulator reads the scenario when a request comes, so the token_uri can be known before the user is set. */
export function mountAuthorizedUserWithoutProject(emulator: ProviderEmulator): { secret: string; baseUrl: string; tokenUri: string; index: number } {
  const scenario: { -readonly [K in keyof Scenario]: Scenario[K] } = { provider: 'vertex' };
  const mounted = emulator.mount(scenario);
  const { json, user } = authorizedUserJson(mounted.tokenUri);
  scenario.authorizedUser = user;
  return { secret: JSON.stringify({ ...JSON.parse(json), quota_project_id: undefined }), baseUrl: mounted.baseUrl, tokenUri: mounted.tokenUri, index: mounted.index };
}

export function mountRow(emulator: ProviderEmulator, row: ProviderRow, keyId: string | null = null): { target: CheckTarget; secret: string; scenario: Scenario } {
  const provider = providerIdOf[row.provider];
  if (row.provider === 'vertex') {
    // The token_uri is only known after mounting, so mount a placeholder first and fill it in.
    const placeholder: { -readonly [K in keyof Scenario]: Scenario[K] } = { provider: 'vertex', ...(row.answer ? { answer: row.answer } : {}), ...(row.tokenAnswer ? { tokenAnswer: row.tokenAnswer } : {}) };
    const mounted = emulator.mount(placeholder);
    let secret: string;
    if (row.authorizedUser) {
      const adc = authorizedUserJson(mounted.tokenUri);
      placeholder.authorizedUser = adc.user;
      secret = adc.json;
    } else {
      const account = serviceAccountJson(mounted.tokenUri);
      placeholder.serviceAccount = { clientEmail: account.clientEmail, publicKeyPem: account.publicKeyPem };
      secret = account.json;
    }
    return { target: { keyId, provider, secret, baseUrl: mounted.baseUrl, headers: {}, options: { region: 'us-central1' } }, secret, scenario: placeholder };
  }
  const secret = row.keyless ? '' : row.admin && (row.provider === 'openai' || row.provider === 'anthropic') ? fakeAdminKey(row.provider) : fakeKey(row.provider);
  const scenario: Scenario = { provider: row.provider, key: secret, ...(row.answer ? { answer: row.answer } : {}) };
  const mounted = emulator.mount(scenario);
  return {
    target: { keyId, provider, secret, baseUrl: mounted.baseUrl, headers: {}, options: row.preset ? { preset: row.preset } : {} },
    secret,
    scenario,
  };
}
