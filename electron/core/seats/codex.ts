// Codex CLI: `$CODEX_HOME/auth.json` (`auth_mode`, `tokens`), plan and email from the id_token payload decoded
// without verifying (facts §9 "OpenAI Codex CLI"). The keyring store (`cli_auth_credentials_store`) is not opened.
import { decodeJwtPayload } from './jwt-payload';
import { displayPath, emailOrNull, expiryToIso, isRecord, readJson, recordField, stringField } from './read-json';
import { buildSeat, firstProblem, type SeatReader } from './seat-reader';

const plans: Readonly<Record<string, string>> = {
  free: 'Free', go: 'Go', plus: 'Plus', pro: 'Pro', team: 'Team', business: 'Business', enterprise: 'Enterprise', edu: 'Edu',
};

function credentialStore(configText: string | null): string | null {
  const match = configText?.match(/^\s*cli_auth_credentials_store\s*=\s*"([a-z]+)"/m);
  return match?.[1] ?? null;
}

export const readCodex: SeatReader = async (context) => {
  const { files, env } = context;
  const codexHome = env.CODEX_HOME?.trim() ? files.resolve(env.CODEX_HOME) : files.resolve(files.home, '.codex');
  const authPath = files.resolve(codexHome, 'auth.json');
  const shown = [displayPath(files, authPath)];
  const auth = await readJson(files, authPath);

  if (auth.kind === 'ok' && isRecord(auth.value)) {
    // Token bytes stay in this block: only mode, plan, email and expiry leave it.
    const tokens = recordField(auth.value, 'tokens');
    const hasTokens = stringField(tokens, 'access_token') !== null || stringField(tokens, 'refresh_token') !== null;
    const hasApiKey = stringField(auth.value, 'OPENAI_API_KEY') !== null;
    const mode = stringField(auth.value, 'auth_mode') ?? (hasTokens ? 'chatgpt' : hasApiKey ? 'apikey' : null);

    if (mode === 'apikey' && hasApiKey) {
      return buildSeat('codex', 'openai', context, {
        status: 'api_key_mode',
        authMode: mode,
        files: shown,
        detail: 'Codex uses an OpenAI API key (billed to that key, not a ChatGPT plan)',
      });
    }
    if (hasTokens) {
      const idPayload = decodeJwtPayload(tokens?.id_token);
      const openaiAuth = recordField(idPayload ?? undefined, 'https://api.openai.com/auth');
      const planType = stringField(openaiAuth, 'chatgpt_plan_type');
      const accessExpiry = decodeJwtPayload(tokens?.access_token)?.exp;
      return buildSeat('codex', 'openai', context, {
        status: 'signed_in',
        authMode: mode,
        plan: planType ? (plans[planType.toLowerCase()] ?? planType) : null,
        email: emailOrNull(idPayload?.email),
        expiresAt: expiryToIso(accessExpiry),
        files: shown,
        detail: idPayload ? 'Signed in to Codex with ChatGPT' : 'Signed in to Codex; its id_token could not be decoded, so the plan is unknown',
      });
    }
    return buildSeat('codex', 'openai', context, { status: 'signed_out', authMode: mode, files: shown, detail: `${shown[0]} holds no sign-in` });
  }
  if (auth.kind === 'ok') {
    return buildSeat('codex', 'openai', context, { status: 'malformed', files: shown, detail: `${shown[0]} is not a Codex auth file` });
  }

  const problem = firstProblem([auth]);
  if (problem) return buildSeat('codex', 'openai', context, { ...problem, files: shown });

  const configPath = files.resolve(codexHome, 'config.toml');
  const config = await files.read(configPath, 256 * 1024).catch(() => ({ kind: 'missing' }) as const);
  const store = credentialStore(config.kind === 'ok' ? config.text : null);
  if (store === 'keyring' || store === 'auto') {
    return buildSeat('codex', 'openai', context, {
      status: 'elsewhere',
      files: [...shown, displayPath(files, configPath)],
      detail: `Codex keeps its sign-in in the OS keyring (cli_auth_credentials_store = "${store}"); not opened`,
    });
  }
  if (await files.isDirectory(codexHome)) {
    return buildSeat('codex', 'openai', context, { status: 'signed_out', files: shown, detail: 'Codex is installed but not signed in' });
  }
  return buildSeat('codex', 'openai', context, { status: 'not_found', files: shown, detail: 'Codex was not found on this host' });
};
