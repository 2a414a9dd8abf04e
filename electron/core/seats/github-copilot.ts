// GitHub Copilot: the editor plugins' `github-copilot/apps.json` / `hosts.json`, and the Copilot CLI's
// `~/.copilot/config.json` whose token sits in the system keychain (facts §9 "GitHub Copilot").
import { displayPath, isRecord, readJson, recordField, stringField, type JsonRead } from './read-json';
import { buildSeat, firstProblem, problemNotes, type SeatReader } from './seat-reader';

/** The first entry with an OAuth token, keyed `github.com:<app id>` (apps.json) or `github.com` (hosts.json). */
function signedInUser(read: JsonRead): { user: string | null } | null {
  if (read.kind !== 'ok' || !isRecord(read.value)) return null;
  for (const entry of Object.values(read.value)) {
    // Token bytes stay here: only the user name leaves.
    if (isRecord(entry) && stringField(entry, 'oauth_token') !== null) return { user: stringField(entry, 'user') };
  }
  return null;
}

/** Copilot CLI state: field names for signed-in users are [UNCERTAIN] in the facts; both seen shapes are read. */
function copilotCliUser(read: JsonRead): string | null {
  if (read.kind !== 'ok' || !isRecord(read.value)) return null;
  const last = recordField(read.value, 'last_logged_in_user') ?? recordField(read.value, 'lastLoggedInUser');
  if (last) return stringField(last, 'login');
  const users = read.value.logged_in_users ?? read.value.loggedInUsers;
  if (Array.isArray(users)) {
    for (const user of users) if (isRecord(user) && stringField(user, 'login')) return stringField(user, 'login');
  }
  return null;
}

export const readGithubCopilot: SeatReader = async (context) => {
  const { files, env } = context;
  const pluginDir =
    files.platform === 'win32' && env.LOCALAPPDATA
      ? files.resolve(env.LOCALAPPDATA, 'github-copilot')
      : files.resolve(env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : files.resolve(files.home, '.config'), 'github-copilot');
  const cliDir = env.COPILOT_HOME?.trim() ? files.resolve(env.COPILOT_HOME) : files.resolve(files.home, '.copilot');
  const paths = [files.resolve(pluginDir, 'apps.json'), files.resolve(pluginDir, 'hosts.json'), files.resolve(cliDir, 'config.json')];
  const shown = paths.map((path) => displayPath(files, path));
  const [apps, hosts, cli] = await Promise.all(paths.map((path) => readJson(files, path)));

  const plugin = signedInUser(apps!) ?? signedInUser(hosts!);
  if (plugin) {
    return buildSeat('github-copilot', null, context, {
      status: 'signed_in',
      account: plugin.user,
      authMode: 'github-oauth',
      files: shown,
      detail: `Signed in to GitHub Copilot${problemNotes([apps!, hosts!])}`,
    });
  }
  const cliUser = copilotCliUser(cli!);
  if (cliUser) {
    return buildSeat('github-copilot', null, context, {
      status: 'signed_in',
      account: cliUser,
      authMode: 'copilot-cli',
      files: shown,
      detail: 'Signed in to the Copilot CLI; its token is kept in the system keychain (not opened)',
    });
  }
  const problem = firstProblem([apps!, hosts!, cli!]);
  if (problem) return buildSeat('github-copilot', null, context, { ...problem, files: shown });
  if (env.COPILOT_GITHUB_TOKEN?.trim()) {
    return buildSeat('github-copilot', null, context, {
      status: 'signed_in',
      authMode: 'env-token',
      files: shown,
      detail: 'GitHub Copilot has a token from COPILOT_GITHUB_TOKEN (not read)',
    });
  }
  if ((await files.isDirectory(pluginDir)) || (await files.isDirectory(cliDir))) {
    return buildSeat('github-copilot', null, context, { status: 'signed_out', files: shown, detail: 'GitHub Copilot is installed but not signed in' });
  }
  return buildSeat('github-copilot', null, context, { status: 'not_found', files: shown, detail: 'GitHub Copilot was not found on this host' });
};
