// Grok CLI: `$GROK_HOME/auth.json` (default `~/.grok`), entries keyed by OIDC issuer with `key`,
// `refresh_token`, `expires_at`, `auth_mode`, `email`, `team_id` (facts §9 "Others", CodexBar docs/grok.md).
import { displayPath, emailOrNull, expiryToIso, isRecord, readJson, stringField } from './read-json';
import { buildSeat, firstProblem, type SeatReader } from './seat-reader';

export const readGrokCli: SeatReader = async (context) => {
  const { files, env } = context;
  const dir = env.GROK_HOME?.trim() ? files.resolve(env.GROK_HOME) : files.resolve(files.home, '.grok');
  const authPath = files.resolve(dir, 'auth.json');
  const shown = [displayPath(files, authPath)];
  const auth = await readJson(files, authPath);

  if (auth.kind === 'ok' && isRecord(auth.value)) {
    // Token bytes stay in this loop: only mode, email and expiry leave it.
    for (const entry of Object.values(auth.value)) {
      if (!isRecord(entry) || (stringField(entry, 'key') === null && stringField(entry, 'refresh_token') === null)) continue;
      const authMode = stringField(entry, 'auth_mode');
      const apiKey = authMode !== null && /api.?key/i.test(authMode);
      return buildSeat('grok-cli', 'xai', context, {
        status: apiKey ? 'api_key_mode' : 'signed_in',
        authMode,
        email: emailOrNull(entry.email),
        expiresAt: expiryToIso(entry.expires_at),
        files: shown,
        detail: apiKey ? 'Grok CLI uses an xAI API key, not a sign-in' : 'Signed in to Grok CLI with xAI',
      });
    }
    return buildSeat('grok-cli', 'xai', context, { status: 'signed_out', files: shown, detail: `${shown[0]} holds no sign-in` });
  }
  if (auth.kind === 'ok') return buildSeat('grok-cli', 'xai', context, { status: 'malformed', files: shown, detail: `${shown[0]} is not a Grok auth file` });
  const problem = firstProblem([auth]);
  if (problem) return buildSeat('grok-cli', 'xai', context, { ...problem, files: shown });
  if (await files.isDirectory(dir)) {
    return buildSeat('grok-cli', 'xai', context, { status: 'signed_out', files: shown, detail: 'Grok CLI is installed but not signed in' });
  }
  return buildSeat('grok-cli', 'xai', context, { status: 'not_found', files: shown, detail: 'Grok CLI was not found on this host' });
};
