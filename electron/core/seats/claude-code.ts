// Claude Code: `.credentials.json` (`claudeAiOauth`) and `.claude.json` (`oauthAccount`), facts §9 "Claude Code".
// On macOS the token lives in the Keychain; we never open it (it may prompt) and rely on `oauthAccount` instead.
import { isRecord, readJson, recordField, stringField, displayPath, emailOrNull, expiryToIso, type JsonRead } from './read-json';
import { buildSeat, firstProblem, problemNotes, type SeatReader } from './seat-reader';

/** `~/.claude.json` also holds per-project history and grows large; it is read only for `oauthAccount`. */
const accountFileCap = 16 * 1024 * 1024;

/** `rateLimitTier` is the fallback when `subscriptionType` is absent (CodexBar ClaudePlan.swift). */
export function claudePlan(subscriptionType: string | null, rateLimitTier: string | null): string | null {
  const named = subscriptionType?.trim().toLowerCase();
  if (named) return named === 'max' ? 'Max' : named.charAt(0).toUpperCase() + named.slice(1);
  const tier = rateLimitTier?.toLowerCase() ?? '';
  if (tier.includes('max_20x')) return 'Max 20x';
  if (tier.includes('max_5x')) return 'Max 5x';
  if (tier.includes('max')) return 'Max';
  if (tier.includes('pro')) return 'Pro';
  return null;
}

export const readClaudeCode: SeatReader = async (context) => {
  const { files, env } = context;
  const configOverride = env.CLAUDE_CONFIG_DIR?.trim();
  const configDir = configOverride ? files.resolve(configOverride) : files.resolve(files.home, '.claude');
  const credentialsRoot = env.CLAUDE_SECURESTORAGE_CONFIG_DIR?.trim() ? files.resolve(env.CLAUDE_SECURESTORAGE_CONFIG_DIR) : configDir;
  const credentialsPath = files.resolve(credentialsRoot, '.credentials.json');
  const legacyConfigPath = files.resolve(configDir, '.config.json');
  const accountPath = configOverride ? files.resolve(configDir, '.claude.json') : files.resolve(files.home, '.claude.json');

  const credentials = await readJson(files, credentialsPath);
  const legacy = await readJson(files, legacyConfigPath, accountFileCap);
  const accountFilePath = legacy.kind === 'missing' ? accountPath : legacyConfigPath;
  const account: JsonRead = legacy.kind === 'missing' ? await readJson(files, accountPath, accountFileCap) : legacy;
  const shown = [credentialsPath, accountFilePath].map((path) => displayPath(files, path));

  // Token bytes stay in this block: only presence, plan and expiry leave it.
  const oauth = credentials.kind === 'ok' && isRecord(credentials.value) ? recordField(credentials.value, 'claudeAiOauth') : undefined;
  const hasToken = stringField(oauth, 'accessToken') !== null || stringField(oauth, 'refreshToken') !== null;
  const plan = claudePlan(stringField(oauth, 'subscriptionType'), stringField(oauth, 'rateLimitTier'));
  const expiresAt = expiryToIso(oauth?.expiresAt);

  const oauthAccount = account.kind === 'ok' && isRecord(account.value) ? recordField(account.value, 'oauthAccount') : undefined;
  const hasAccount = stringField(oauthAccount, 'accountUuid') !== null || stringField(oauthAccount, 'emailAddress') !== null;
  const email = emailOrNull(oauthAccount?.emailAddress);
  const envToken = Boolean(env.CLAUDE_CODE_OAUTH_TOKEN?.trim());

  if (hasToken || hasAccount || envToken) {
    const where =
      hasToken ? ''
      : envToken ? '; token from CLAUDE_CODE_OAUTH_TOKEN (not read)'
      : files.platform === 'darwin' ? '; token kept in the macOS Keychain (not opened)'
      : '; no token file found, Claude Code may ask to sign in again';
    return buildSeat('claude-code', 'anthropic', context, {
      status: 'signed_in',
      plan,
      email,
      expiresAt,
      authMode: 'claude.ai',
      files: shown,
      detail: `Signed in to Claude Code${where}${problemNotes([credentials, account])}`,
    });
  }

  const problem = firstProblem([credentials, account]);
  if (problem) return buildSeat('claude-code', 'anthropic', context, { ...problem, files: shown });
  if (credentials.kind === 'ok' && isRecord(credentials.value) && 'mcpOAuth' in credentials.value) {
    return buildSeat('claude-code', 'anthropic', context, {
      status: 'signed_out',
      files: shown,
      detail: `${shown[0]} holds MCP server sign-ins only, not a Claude sign-in`,
    });
  }
  if (credentials.kind === 'ok' || account.kind === 'ok' || (await files.isDirectory(configDir))) {
    return buildSeat('claude-code', 'anthropic', context, { status: 'signed_out', files: shown, detail: 'Claude Code is installed but not signed in' });
  }
  return buildSeat('claude-code', 'anthropic', context, { status: 'not_found', files: shown, detail: 'Claude Code was not found on this host' });
};
