// Keyboard-first key entry: paste, see the detected provider (and change it), Enter checks and saves, Esc
// cancels. The secret lives only in the field's value (never a React prop, attribute or store) and the
// field is emptied the moment the save returns.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CheckResult, CompatiblePresetInfo } from '../../../shared/channels/checks';
import { detectProvider, normalizeKeyInput, type Detection } from '../../../shared/key-detection';
import { providerIds, providers, type ProviderId } from '../../../shared/providers';
import { isWireError } from '../../../shared/api';
import { noKeyMasked, type KeySaveResult } from '../../../shared/channels/keys';
import { announce } from '../../app/announcer';
import { describeError } from '../../app/describe-error';
import { nome } from '../../bridge/nome';
import { useKeyboardStore } from '../../keyboard/keyboard-store';
import { useKeysStore } from './keys-store';
import { StateChip } from './StateChip';
import { describeState } from './key-state-text';
import { FormError } from '../../app/FormError';

type Outcome =
  | { kind: 'saved'; text: string; models?: string }
  | { kind: 'refused'; check: CheckResult }
  | { kind: 'needs-consent'; message: string }
  | { kind: 'foreign-host'; message: string }
  | { kind: 'error'; message: string };

/** Core refuses a first-party key bound for another host until the user says so (shared/endpoint-rules.ts). */
export function isForeignHostRefusal(error: unknown): boolean {
  return isWireError(error) && error.code === 'bad_input' && (error.detail as { reason?: unknown } | undefined)?.reason === 'foreign_host';
}

function asCheckResult(detail: unknown): CheckResult | null {
  if (typeof detail !== 'object' || detail === null) return null;
  const candidate = (detail as { check?: unknown }).check ?? detail;
  return typeof candidate === 'object' && candidate !== null && 'state' in candidate && 'provider' in candidate ? (candidate as CheckResult) : null;
}

export function AddKeyForm() {
  const id = useId();
  const secretRef = useRef<HTMLInputElement>(null);
  const [detection, setDetection] = useState<Detection | null>(null);
  const [chosen, setChosen] = useState<ProviderId | ''>('');
  const [label, setLabel] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [hasInput, setHasInput] = useState(false);
  const [noKey, setNoKey] = useState(false);
  const [preset, setPreset] = useState('');
  const [presets, setPresets] = useState<CompatiblePresetInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const add = useKeysStore((state) => state.add);
  const addKeyRequest = useKeyboardStore((state) => state.addKeyRequest);
  const addKeyHandled = useKeyboardStore((state) => state.addKeyHandled);

  // Alt+N (or N) from anywhere lands here, even when the request came before this panel mounted.
  useEffect(() => {
    if (addKeyRequest > addKeyHandled) {
      secretRef.current?.focus();
      useKeyboardStore.getState().markAddKeyHandled();
    }
  }, [addKeyRequest, addKeyHandled]);

  const provider: ProviderId | null = chosen || detection?.provider || null;
  const needsBaseUrl = provider === 'openai-compatible';
  // A local server (Ollama, LM Studio, llama.cpp, vLLM) often runs without a key: only custom endpoints may say so.
  const keyless = noKey && provider === 'openai-compatible';

  // The presets (OpenRouter, Groq, …, Ollama, LM Studio, llama.cpp, vLLM) are read once a custom endpoint is chosen.
  useEffect(() => {
    if (provider !== 'openai-compatible' || presets) return;
    let live = true;
    nome()['checks:presets']().then(
      (list) => live && setPresets(list),
      () => live && setPresets([]),
    );
    return () => {
      live = false;
    };
  }, [provider, presets]);

  /** A preset fills in its API root, and a local server's "needs no key" (still editable). */
  const choosePreset = (value: string) => {
    setPreset(value);
    const chosenPreset = presets?.find((candidate) => candidate.id === value);
    if (!chosenPreset) return;
    setBaseUrl(chosenPreset.apiRoot);
    setNoKey(chosenPreset.keyOptional);
  };

  const onSecretInput = () => {
    const raw = secretRef.current?.value ?? '';
    setHasInput(raw.length > 0);
    setOutcome(null);
    const normalized = normalizeKeyInput(raw);
    const next = normalized.ok ? detectProvider(normalized.value) : null;
    setDetection(next);
    if (next?.suggestedBaseUrl && !baseUrl) setBaseUrl(next.suggestedBaseUrl);
  };

  const reset = () => {
    if (secretRef.current) secretRef.current.value = '';
    setDetection(null);
    setChosen('');
    setLabel('');
    setBaseUrl('');
    setHasInput(false);
    setNoKey(false);
    setPreset('');
  };

  const cancel = () => {
    const had = hasInput || label !== '';
    reset();
    setOutcome(null);
    if (had) announce('Cancelled; nothing was saved.');
  };

  /** The model list of a working custom endpoint, shown beside "Saved"; a list that cannot be read is said so. */
  const showModels = async (result: KeySaveResult, text: string) => {
    if (result.card.provider !== 'openai-compatible' || result.card.state !== 'ok') return;
    let models: string;
    try {
      const listed = await nome()['keys:models']({ id: result.card.id });
      models = listed.models.length > 0 ? `Models: ${listed.models.join(', ')}` : 'The endpoint lists no models.';
    } catch (error) {
      models = `Model list not read: ${describeError(error)}`;
    }
    setOutcome((current) => (current?.kind === 'saved' && current.text === text ? { ...current, models } : current));
    announce(models);
  };

  const save = async (options: { force?: boolean; allowForeignHost?: boolean } = {}) => {
    let secret: { secret: string } | { noKey: true };
    if (keyless) {
      if ((secretRef.current?.value ?? '').trim()) {
        return setOutcome({ kind: 'error', message: 'This endpoint is marked as needing no key: empty the key field, or untick “This endpoint needs no key”.' });
      }
      secret = { noKey: true };
    } else {
      const normalized = normalizeKeyInput(secretRef.current?.value ?? '');
      if (!normalized.ok) {
        const message = normalized.reason === 'empty' && provider === 'openai-compatible' ? `${normalized.message} If this endpoint needs none, tick “This endpoint needs no key”.` : normalized.message;
        return setOutcome({ kind: 'error', message });
      }
      const found = detectProvider(normalized.value);
      if (found.refusal) return setOutcome({ kind: 'error', message: found.refusal });
      secret = { secret: normalized.value };
    }
    if (!provider) return setOutcome({ kind: 'error', message: 'Choose which provider this key is for.' });
    if (needsBaseUrl && !baseUrl.trim()) return setOutcome({ kind: 'error', message: 'An OpenAI-compatible endpoint needs its base URL.' });
    setBusy(true);
    announce(keyless ? 'Checking the endpoint…' : 'Checking the key…');
    try {
      const result = await add({
        provider,
        ...secret,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}),
        ...(provider === 'openai-compatible' && preset ? { options: { preset } } : {}),
        check: true,
        force: options.force === true,
        allowForeignHost: options.allowForeignHost === true,
      });
      reset();
      const state = describeState(result.card.state, { provider: result.card.provider, retryAfterS: null, checkedAt: null, now: Date.now() });
      const what = result.card.masked === noKeyMasked ? 'with no key' : `key ${result.card.masked}`;
      const text = `Saved ${providers[result.card.provider].displayName} ${what}: ${state.label}.`;
      setOutcome({ kind: 'saved', text });
      announce(text);
      void showModels(result, text);
    } catch (error) {
      const check = isWireError(error) ? asCheckResult(error.detail) : null;
      if (isWireError(error) && error.code === 'check_failed' && check) {
        setOutcome({ kind: 'refused', check });
        announce(`Not saved: ${describeState(check.state, { provider: check.provider, retryAfterS: check.retryAfterS, checkedAt: check.checkedAt, now: Date.now() }).label}.`);
      } else if (isForeignHostRefusal(error)) {
        setOutcome({ kind: 'foreign-host', message: describeError(error) });
        announce(`Not sent: ${describeError(error)}`);
      } else if (isWireError(error) && error.code === 'needs_consent') {
        setOutcome({ kind: 'needs-consent', message: error.message });
        announce('Saving needs your consent to weaker storage.');
      } else {
        setOutcome({ kind: 'error', message: describeError(error) });
        announce(`Not saved: ${describeError(error)}`);
      }
    } finally {
      setBusy(false);
    }
  };

  const consentAndSave = async () => {
    try {
      await nome()['storage:consent']({ weakerStorage: true });
      await save();
    } catch (error) {
      setOutcome({ kind: 'error', message: describeError(error) });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) void save();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };

  const detectedWords = detection?.provider
    ? /^(Probably|An? )/.test(detection.label)
      ? detection.label
      : `Looks like ${/^[AEIOU]/.test(detection.label) ? 'an' : 'a'} ${detection.label}`
    : hasInput && detection
      ? `${detection.label}: choose the provider below`
      : null;

  return (
    <form className="card add-key" aria-labelledby={`${id}-title`} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
      <h2 id={`${id}-title`}>Add key</h2>
      <div className="field">
        <label htmlFor={`${id}-secret`}>API key</label>
        <input
          ref={secretRef}
          id={`${id}-secret`}
          type="password"
          name="nome-new-key"
          autoComplete="off"
          spellCheck={false}
          aria-keyshortcuts="Alt+N"
          aria-describedby={`${id}-detected ${id}-hint`}
          placeholder="Paste a key, then press Enter"
          onInput={onSecretInput}
          disabled={busy}
        />
        <p id={`${id}-detected`} className="detected" aria-live="polite">
          {detectedWords}
        </p>
        <p id={`${id}-hint`} className="muted hint">
          Enter checks and saves; Esc cancels. {keyless ? 'This endpoint needs no key: leave this field empty.' : provider ? providers[provider].keyShapeHint : ''}
        </p>
      </div>
      <div className="add-key-outcome">
        {outcome?.kind === 'saved' && <p className="chip chip-ok">{outcome.text}</p>}
        {outcome?.kind === 'saved' && outcome.models && <p className="muted hint endpoint-models">{outcome.models}</p>}
        {outcome?.kind === 'error' && <FormError message={outcome.message} />}
        {outcome?.kind === 'foreign-host' && (
          <div className="banner banner-warning" role="alert">
            <p>{outcome.message}</p>
            <button type="button" onClick={() => void save({ allowForeignHost: true })}>
              Send it there anyway
            </button>
          </div>
        )}
        {outcome?.kind === 'needs-consent' && (
          <div className="banner banner-warning" role="alert">
            <p>{outcome.message}</p>
            <button type="button" onClick={() => void consentAndSave()}>
              Store with weaker protection
            </button>
          </div>
        )}
        {outcome?.kind === 'refused' && (
          <div className="refused" role="alert">
            <p>Not saved. The check said:</p>
            <StateChip
              state={outcome.check.state}
              provider={outcome.check.provider}
              retryAfterS={outcome.check.retryAfterS}
              checkedAt={outcome.check.checkedAt}
              message={outcome.check.message}
              onAction={(action) => (action === 'replace' ? secretRef.current?.select() : void save())}
            />
            <button type="button" onClick={() => void save({ force: true })}>
              Save anyway
            </button>
          </div>
        )}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-provider`}>Provider</label>
          <select id={`${id}-provider`} value={provider ?? ''} onChange={(event) => setChosen(event.target.value as ProviderId | '')} disabled={busy}>
            <option value="">Choose provider…</option>
            {providerIds.map((p) => (
              <option key={p} value={p}>
                {providers[p].displayName}
              </option>
            ))}
          </select>
        </div>
        {provider === 'openai-compatible' && (presets?.length ?? 0) > 0 && (
          <div className="field">
            <label htmlFor={`${id}-preset`}>Preset (optional)</label>
            <select id={`${id}-preset`} value={preset} onChange={(event) => choosePreset(event.target.value)} disabled={busy}>
              <option value="">None: my own endpoint</option>
              {presets!.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.displayName}
                  {candidate.keyOptional ? ' (local, no key needed)' : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        {provider === 'openai-compatible' && (
          <div className="field">
            <label htmlFor={`${id}-no-key`}>
              <input id={`${id}-no-key`} type="checkbox" checked={noKey} onChange={(event) => setNoKey(event.target.checked)} aria-describedby={`${id}-no-key-hint`} disabled={busy} /> This
              endpoint needs no key
            </label>
            <p id={`${id}-no-key-hint`} className="muted hint">
              A local server such as Ollama, LM Studio, llama.cpp or vLLM; no Authorization header is sent.
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-label`}>Label (optional)</label>
          <input id={`${id}-label`} value={label} onChange={(event) => setLabel(event.target.value)} autoComplete="off" disabled={busy} />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-base-url`}>{needsBaseUrl ? 'Base URL' : 'Base URL (optional)'}</label>
          <input
            id={`${id}-base-url`}
            type="url"
            value={baseUrl}
            onChange={(event) => setBaseUrl(event.target.value)}
            placeholder={(provider && providers[provider].defaultApiRoot) || 'https://host/v1'}
            disabled={busy}
          />
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Check and save'}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
