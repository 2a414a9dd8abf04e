// Qwen Code: `~/.qwen/oauth_creds.json` and `settings.json` `security.auth.selectedType` (facts §9 "Others").
import { displayPath, expiryToIso, isRecord, readJson, recordField, stringField } from './read-json';
import { buildSeat, firstProblem, problemNotes, type SeatReader } from './seat-reader';

export const readQwenCode: SeatReader = async (context) => {
  const { files } = context;
  const dir = files.resolve(files.home, '.qwen');
  const paths = [files.resolve(dir, 'oauth_creds.json'), files.resolve(dir, 'settings.json')];
  const shown = paths.map((path) => displayPath(files, path));
  const [creds, settings] = await Promise.all(paths.map((path) => readJson(files, path)));
  const settingsValue = settings!.kind === 'ok' && isRecord(settings!.value) ? settings!.value : undefined;
  const authMode = stringField(recordField(recordField(settingsValue, 'security'), 'auth'), 'selectedType');

  if (authMode && authMode !== 'qwen-oauth') {
    return buildSeat('qwen-code', null, context, {
      status: 'api_key_mode',
      authMode,
      files: shown,
      detail: `Qwen Code uses an API key (${authMode}), not a Qwen sign-in`,
    });
  }
  // Token bytes stay in this block: only presence and expiry leave it.
  const credsValue = creds!.kind === 'ok' && isRecord(creds!.value) ? creds!.value : undefined;
  if (stringField(credsValue, 'access_token') !== null || stringField(credsValue, 'refresh_token') !== null) {
    return buildSeat('qwen-code', null, context, {
      status: 'signed_in',
      authMode: authMode ?? 'qwen-oauth',
      expiresAt: expiryToIso(credsValue?.expiry_date),
      files: shown,
      detail: `Signed in to Qwen Code with Qwen${problemNotes([settings!])}`,
    });
  }
  const problem = firstProblem([creds!, settings!]);
  if (problem) return buildSeat('qwen-code', null, context, { ...problem, authMode, files: shown });
  if (await files.isDirectory(dir)) {
    return buildSeat('qwen-code', null, context, { status: 'signed_out', authMode, files: shown, detail: 'Qwen Code is installed but not signed in' });
  }
  return buildSeat('qwen-code', null, context, { status: 'not_found', files: shown, detail: 'Qwen Code was not found on this host' });
};
