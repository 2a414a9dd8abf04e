// Gemini CLI: `~/.gemini/oauth_creds.json`, the auth type from `settings.json`, the account from
// `google_accounts.json`; `GEMINI_CLI_HOME` replaces the home (facts §9 "Gemini CLI").
import { decodeJwtPayload } from './jwt-payload';
import { displayPath, emailOrNull, expiryToIso, fileExists, isRecord, readJson, recordField, stringField } from './read-json';
import { buildSeat, firstProblem, problemNotes, type SeatReader } from './seat-reader';

/** Google ended Gemini CLI OAuth for individual, AI Pro and Ultra accounts on 2026-06-18 (facts §9, CodexBar docs/gemini.md). */
const personalOauthEnded = Date.parse('2026-06-18T00:00:00Z');

export const readGeminiCli: SeatReader = async (context) => {
  const { files, env } = context;
  const root = env.GEMINI_CLI_HOME?.trim() ? files.resolve(env.GEMINI_CLI_HOME) : files.home;
  const dir = files.resolve(root, '.gemini');
  const paths = {
    creds: files.resolve(dir, 'oauth_creds.json'),
    settings: files.resolve(dir, 'settings.json'),
    accounts: files.resolve(dir, 'google_accounts.json'),
  };
  const shown = [paths.creds, paths.settings].map((path) => displayPath(files, path));
  const [creds, settings, accounts] = await Promise.all([readJson(files, paths.creds), readJson(files, paths.settings), readJson(files, paths.accounts)]);

  const settingsValue = settings.kind === 'ok' && isRecord(settings.value) ? settings.value : undefined;
  const authMode =
    stringField(recordField(recordField(settingsValue, 'security'), 'auth'), 'selectedType') ?? stringField(settingsValue, 'selectedAuthType');

  if (authMode === 'gemini-api-key' || authMode === 'vertex-ai') {
    return buildSeat('gemini-cli', 'gemini', context, {
      status: 'api_key_mode',
      authMode,
      files: shown,
      detail: authMode === 'vertex-ai' ? 'Gemini CLI uses Vertex AI credentials, not a Google sign-in' : 'Gemini CLI uses a Gemini API key, not a Google sign-in',
    });
  }

  // Token bytes stay in this block: only presence, email and expiry leave it.
  const credsValue = creds.kind === 'ok' && isRecord(creds.value) ? creds.value : undefined;
  const hasToken = stringField(credsValue, 'access_token') !== null || stringField(credsValue, 'refresh_token') !== null;
  if (hasToken) {
    const accountsValue = accounts.kind === 'ok' && isRecord(accounts.value) ? accounts.value : undefined;
    const email = emailOrNull(accountsValue?.active) ?? emailOrNull(decodeJwtPayload(credsValue?.id_token)?.email);
    const caveat =
      context.now() >= personalOauthEnded
        ? '; Google ended this sign-in for personal, AI Pro and Ultra accounts on 18 June 2026, so turns may be refused'
        : '';
    return buildSeat('gemini-cli', 'gemini', context, {
      status: 'signed_in',
      authMode: authMode ?? 'oauth-personal',
      email,
      expiresAt: expiryToIso(credsValue?.expiry_date),
      files: shown,
      detail: `Signed in to Gemini CLI with Google${caveat}${problemNotes([settings])}`,
    });
  }

  const problem = firstProblem([creds, settings]);
  if (problem) return buildSeat('gemini-cli', 'gemini', context, { ...problem, authMode, files: shown });
  const encrypted = env.GEMINI_FORCE_ENCRYPTED_FILE_STORAGE === 'true';
  // Encrypted or newer credential storage [UNCERTAIN for gemini-credentials.json]: presence only, never opened.
  if (encrypted || (await fileExists(files, files.resolve(dir, 'gemini-credentials.json')))) {
    const isNewer = !encrypted;
    return buildSeat('gemini-cli', 'gemini', context, {
      status: 'elsewhere',
      authMode,
      files: shown,
      detail: isNewer ? 'Gemini CLI keeps its sign-in in gemini-credentials.json, which is not read' : 'Gemini CLI keeps its sign-in in encrypted storage; not opened',
    });
  }
  if (creds.kind === 'ok' || (await files.isDirectory(dir))) {
    return buildSeat('gemini-cli', 'gemini', context, { status: 'signed_out', authMode, files: shown, detail: 'Gemini CLI is installed but not signed in' });
  }
  return buildSeat('gemini-cli', 'gemini', context, { status: 'not_found', files: shown, detail: 'Gemini CLI was not found on this host' });
};
