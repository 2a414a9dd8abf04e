// The table of self-identifying secret shapes: token families whose prefix and body alone say "secret".
// Each shape keeps a short public prefix (the family marker) so a scrubbed line still says what was there.
import { hasRepeatedRun } from './context-rules';

export interface SecretShape {
  /** Shown in the replacement: `sk-ant-…[redacted:anthropic]`. */
  readonly label: string;
  /** Regex source without capture groups; it must start with a literal or `(?<!…)` boundary so the scan stays cheap. */
  readonly source: string;
  /** How much of the match is a public family prefix that may stay visible (never the random body). */
  readonly keep: (match: string) => string;
  /** Extra test for shapes whose regex alone would also match ordinary words or placeholders. */
  readonly accept?: (match: string) => boolean;
}

/** Not preceded by a token character: `disk-proj-…` or `task_test_…` are words, not keys. */
const start = '(?<![A-Za-z0-9_-])';
/**
 * For families whose marker and body cannot occur in a word (`sk-ant-api03-…`, `ghp_` + 36, `AIza` + 35) there
 * is no start boundary: a key glued to the text before it (`id0sk-ant-…`) is still a key.
 */
const glued = '';
/** Not followed by a token character, for fixed-length families. */
const end = '(?![A-Za-z0-9_-])';

const literal = (prefix: string) => () => prefix;
const upToLast = (separator: string) => (match: string) => match.slice(0, match.lastIndexOf(separator, 24) + 1);
const hasDigit = (text: string) => /\d/.test(text);
const mixedCase = (text: string) => /[a-z]/.test(text) && /[A-Z]/.test(text);
/** Placeholders such as `AKIAXXXXXXXXXXXXXXXX` or `hf_xxxx…` repeat one character; random bodies almost never do. */
const notRepetitive = (text: string) => !hasRepeatedRun(text);

export const secretShapes: readonly SecretShape[] = [
  // Anthropic: `sk-ant-api03-` / `sk-ant-admin01-` + 93 + `AA`; OAuth `sk-ant-oat01-`/`sk-ant-ort01-`;
  // the claude.ai `sessionKey` cookie also starts `sk-ant-` (facts/providers.md §2 "Key formats").
  { label: 'anthropic', source: `${glued}sk-ant-[a-z]{2,6}\\d{2}-[A-Za-z0-9_-]{20,}`, keep: literal('sk-ant-') },
  // OpenRouter: `sk-or-v1-` + 64 hex (facts/providers.md §7); tested before bare `sk-` (§0.4).
  { label: 'openrouter', source: `${glued}sk-or-v\\d-[A-Za-z0-9]{32,}`, keep: literal('sk-or-') },
  // OpenAI project, service-account and admin keys (facts/providers.md §1 "Key formats"; lengths vary, so no fixed length).
  {
    label: 'openai',
    source: `${start}sk-(?:proj|svcacct|admin|service|None)-[A-Za-z0-9_-]{20,}`,
    keep: (match) => match.slice(0, match.indexOf('-', 3) + 1),
  },
  // Any OpenAI key holding the `T3BlbkFJ` marker (base64 "OpenAI", §1) is a key wherever it stands, even glued
  // to a hyphenated word (`turn-sk-proj-…`); without the marker the start boundary above keeps `disk-proj-…` a word.
  {
    label: 'openai',
    source: `${glued}sk-(?:(?:proj|svcacct|admin|service|None)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}`,
    keep: (match) => match.slice(0, /^sk-(?:proj|svcacct|admin|service|None)-/.test(match) ? match.indexOf('-', 3) + 1 : 3),
  },
  // Bare `sk-`: legacy OpenAI (`…T3BlbkFJ…`), DeepSeek (`sk-` + 32 hex, §5) and many OpenAI-compatible vendors.
  {
    label: 'api-key',
    source: `${start}sk-[A-Za-z0-9_-]{20,}`,
    keep: literal('sk-'),
    accept: (match) => hasDigit(match) && notRepetitive(match),
  },
  // Stripe secret and restricted keys; publishable `pk_` keys are public and pass.
  { label: 'stripe', source: `${start}(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{16,}`, keep: upToLast('_') },
  { label: 'stripe', source: `${start}whsec_[A-Za-z0-9+/=]{24,}`, keep: literal('whsec_') },
  // xAI: `xai-` + 80 `[0-9a-zA-Z_]` (facts/providers.md §6).
  { label: 'xai', source: `${start}xai-[A-Za-z0-9_]{32,}`, keep: literal('xai-'), accept: hasDigit },
  // The exact xAI length (80) is specific enough to catch a key glued to a hyphenated word (`turn-xai-…`).
  { label: 'xai', source: `(?<![A-Za-z0-9_])xai-[A-Za-z0-9_]{80}(?![A-Za-z0-9_])`, keep: literal('xai-'), accept: hasDigit },
  // Google API keys (`AIza` + 35; longer runs too, so a key glued to the next word is still caught), the newer `AQ.` keys, OAuth access (`ya29.`) and refresh (`1//0`) tokens.
  { label: 'google', source: `${glued}AIza[A-Za-z0-9_-]{35,}`, keep: literal('AIza') },
  // Auth keys: `AQ.` (seen as `AQ.Ab8RN6…`, but the facts give no fixed second part) and the reported `IQ.` (§3).
  {
    label: 'google',
    source: `${start}[AI]Q\\.[A-Za-z0-9_-]{30,}`,
    keep: (match) => match.slice(0, 3),
    accept: (match) => hasDigit(match) && mixedCase(match.slice(3)) && notRepetitive(match),
  },
  { label: 'google', source: `${glued}ya29\\.[A-Za-z0-9_-]{20,}`, keep: literal('ya29.') },
  { label: 'google', source: `(?<![A-Za-z0-9_/-])1//0[A-Za-z0-9_-]{30,}`, keep: literal('1//') },
  // Groq `gsk_` + 52, Perplexity `pplx-` + 48, Together `tgp_v1_`, Cerebras `csk-`, Fireworks `fw_`,
  // Cursor `crsr_` (facts/providers.md §7).
  { label: 'groq', source: `${glued}gsk_[A-Za-z0-9]{40,}`, keep: literal('gsk_') },
  { label: 'perplexity', source: `${glued}pplx-[A-Za-z0-9]{40,}`, keep: literal('pplx-') },
  { label: 'together', source: `${glued}tgp_v1_[A-Za-z0-9_-]{32,}`, keep: literal('tgp_v1_') },
  { label: 'cerebras', source: `${start}csk-[A-Za-z0-9]{32,}`, keep: literal('csk-'), accept: hasDigit },
  { label: 'fireworks', source: `${start}fw_[A-Za-z0-9]{20,}`, keep: literal('fw_'), accept: hasDigit },
  { label: 'cursor', source: `${glued}crsr_[A-Za-z0-9]{32,}`, keep: literal('crsr_'), accept: hasDigit },
  // Hugging Face `hf_` + 34 letters: an exact length and mixed case, so `hf_requiredCharacteristic…` identifiers pass.
  {
    label: 'huggingface',
    source: `${start}hf_[A-Za-z0-9]{34,40}${end}`,
    keep: literal('hf_'),
    accept: (match) => mixedCase(match.slice(3)) && notRepetitive(match),
  },
  { label: 'replicate', source: `${start}r8_[A-Za-z0-9]{37,}`, keep: literal('r8_') },
  { label: 'langsmith', source: `${glued}lsv2_(?:sk|pt)_[a-f0-9]{32}_[a-f0-9]{10}`, keep: (match) => match.slice(0, 8) },
  // AWS access key ids; the 40-character secret has no shape of its own and is caught by its variable name.
  {
    label: 'aws',
    source: `${start}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}(?![A-Za-z0-9])`,
    keep: (match) => match.slice(0, 4),
    accept: notRepetitive,
  },
  { label: 'aws', source: `${glued}bedrock-api-key-[A-Za-z0-9+/=]{20,}`, keep: literal('bedrock-api-key-') },
  { label: 'github', source: `${glued}gh[pousr]_[A-Za-z0-9_]{36,255}`, keep: (match) => match.slice(0, 4) },
  { label: 'github', source: `${glued}github_pat_[A-Za-z0-9_]{40,}`, keep: literal('github_pat_') },
  {
    label: 'gitlab',
    source: `${glued}gl(?:pat|dt|ptt|rt|cbt|oas|ft|imt|soat|agent)-[A-Za-z0-9_-]{20,}`,
    keep: (match) => match.slice(0, match.indexOf('-') + 1),
  },
  // Slack bot/user/app/config/refresh tokens and incoming webhooks; `xoxb-Slack_BOT_TOKEN` lacks the digits.
  {
    label: 'slack',
    source: `${glued}xox(?:[abposr]|e\\.xox[abp]|e)-\\d+-[A-Za-z0-9-]{10,}`,
    keep: (match) => match.slice(0, match.indexOf('-') + 1),
  },
  { label: 'slack', source: `${glued}xapp-\\d-[A-Z0-9]+-\\d+-[A-Za-z0-9]{20,}`, keep: literal('xapp-') },
  { label: 'slack', source: `hooks\\.slack\\.com/services/[A-Za-z0-9/_-]{20,}`, keep: literal('hooks.slack.com/services/') },
  { label: 'npm', source: `${glued}npm_[A-Za-z0-9]{36,}`, keep: literal('npm_') },
  { label: 'pypi', source: `${glued}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`, keep: literal('pypi-') },
  { label: 'sendgrid', source: `${start}SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}`, keep: literal('SG.') },
  // JWTs: a base64url JSON header and payload (both start `eyJ`, i.e. `{"`); the signature may be empty (alg none).
  { label: 'jwt', source: `${glued}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*`, keep: literal('eyJ') },
  // base64 of `sk-…` at offset 0 (`c2st`), as in Kubernetes secrets and env dumps.
  { label: 'encoded-key', source: `${start}c2st[A-Za-z0-9+/]{40,}={0,2}`, keep: literal('') },
];
