// Secrets recognised by what surrounds them rather than by their own shape: private-key blocks,
// Authorization schemes, cookies, passwords in URLs, and values assigned to secret-named variables.

/** A rule finds a candidate value by its surroundings; `accept` decides whether that value is a secret. */
export interface ContextRule {
  readonly label: string;
  /** Regex source with exactly one capture group, the secret value, which ends the match. */
  readonly source: string;
  readonly accept: (value: string) => boolean;
  /** Text that stays visible in place of the value; defaults to `[redacted:<label>]` (or the value's own family). */
  readonly replace?: (value: string) => string;
  /** The rule names a variable: the decision needs its full name, read back from the keyword. */
  readonly named?: boolean;
  /**
   * Regex source found in every text the rule can match (a literal its source requires, with the same case
   * freedom). Text holding no rule's trigger skips all of those rules: one pass instead of one per rule.
   */
  readonly trigger?: string;
}

/** `[Kk][Ee][Yy]`: a case-insensitive piece inside a case-sensitive regex (V8 in Node 20 has no `(?i:)`). */
export function anyCase(word: string): string {
  return word.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
}

const placeholderWords =
  /^(?:pass(?:word|wd)?|secret|token|key|api[_-]?key|changeme|change[_-]?me|none|null|nil|undefined|true|false|required|optional|hidden|masked|redacted|empty|string|example|sample|dummy|xxx+|\*+|\.+|-+|_+)$/i;
const placeholderMarks = /x{4}|\*{3}|\.\.\.|…|^\$|%s|\{\{|<|>|your[-_]/i;

/** Five of one character in a row: `AKIAXXXXXXXXXXXXXXXX`, `00000000` (a loop: the backreference regex was a hot spot). */
export function hasRepeatedRun(value: string, length = 5): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i += 1) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** `<your-key>`, `${PASSWORD}`, `XXXXXXXX`, `***`, `password`: shown in docs and templates, not secrets. */
export function isPlaceholder(value: string): boolean {
  return placeholderWords.test(value) || placeholderMarks.test(value) || hasRepeatedRun(value);
}

/** Random-looking: letters with digits, or long mixed case. Ordinary words, numbers and enum values fail. */
export function looksRandom(value: string): boolean {
  if (value.length < 8 || isPlaceholder(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  if (letters && /\d/.test(value)) return true;
  return value.length >= 16 && /[a-z]/.test(value) && /[A-Z]/.test(value);
}

const publicValue = /^(?:ssh-|ecdsa-|sk-ssh-|-----|pk_|https?:\/\/)/;
/** Names whose `key` is an index or a public half, not a credential. */
const publicName = /public|publishable|pubkey|cache|sort|partition|primary|foreign|idempotency|routing|lookup|object|row|column|dedup|hash[_.-]?key|map[_.-]?key|ssh[_.-]?key/i;
const passwordKeyword = /(?:pass(?:word|wd|phrase)?|pwd)$/i;

/** The keyword must end a name at a word seam: `api_key`, `githubToken`, `PGPASSWORD`, but not `monkey` or `bypass`. */
function keywordStartsAtSeam(name: string, keyword: string): boolean {
  const before = name[name.length - keyword.length - 1];
  if (before === undefined || !/[A-Za-z]/.test(before)) return true;
  if (!/^[A-Z]/.test(keyword)) return false;
  // camelCase seam (`xApiKey`) or an all-caps name (`PGPASSWORD`)
  return /[a-z]/.test(before) || keyword === keyword.toUpperCase();
}

/** Secret-named variable keywords; longer names first so `api_key` wins over `key` when the seam is judged. */
const keywords = [
  'api[_.-]?key', 'access[_.-]?key', 'secret[_.-]?key', 'private[_.-]?key', 'client[_.-]?secret',
  'auth[_.-]?token', 'access[_.-]?token', 'refresh[_.-]?token', 'id[_.-]?token', 'session[_.-]?(?:id|key|token)',
  'passphrase', 'password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'key', 'credentials?', 'authorization',
  'signature', 'sig',
];
const keywordAtEnd = new RegExp(`(?:${keywords.join('|')})$`, 'i');
/** What a secret-named name can end with, for the cheap lookbehind (the full keyword is judged afterwards). */
const keywordEndings = anyCase('(?:key|token|secret|passphrase|password|passwd|pwd|pass|credentials?|authorization|signature|sig|session[_.-]?id)');
const valueChars = String.raw`[^\s"'\x60,;&<>()\[\]{}|\\]`;

/** Decides an assignment once the whole name is known. */
function acceptAssignment(value: string, name: string, keyword: string): boolean {
  if (!keywordStartsAtSeam(name, keyword) || publicName.test(name) || publicValue.test(value)) return false;
  if (/^authorization$/i.test(name.slice(-13)) && /^(?:bearer|basic|token|digest|negotiate|ntlm)$/i.test(value)) return false;
  if (passwordKeyword.test(name)) return value.length >= 4 && !isPlaceholder(value);
  return looksRandom(value);
}

export const privateKeyRule: ContextRule = {
  label: 'private-key',
  // One-line PEM carries literal `\n`; multi-line PEM real newlines. Public keys and certificates never match.
  source: String.raw`-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----((?:(?!-----END)[A-Za-z0-9+/=\s:,.\\-]){0,16384}(?:-----END [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----)?)`,
  // A real key body is long; a family prefix left by an earlier pass (`sk-ant-…`) is not one.
  accept: (body) => body.replace(/\\[nr]|\s/g, '').length >= 16,
  replace: () => '…[redacted:private-key]',
  trigger: '-----BEGIN ',
};

/** An opaque credential: random-looking, or a prefixed token (`tok_live-…`, `v1.abcdef…`). */
function looksLikeToken(value: string): boolean {
  return looksRandom(value) || /^[A-Za-z0-9]+[-_.][A-Za-z0-9_-]{16,}/.test(value);
}

/**
 * `Authorization: ` as a header line, a curl `-H` argument, a JSON or Python field (`"authorization": "`, quotes
 * maybe escaped) or Go's `map[Authorization:[`; `Proxy-Authorization` ends the same way.
 */
const authorizationHeader = `${anyCase('authorization')}\\\\?["']?[ \\t]*[:=][ \\t]*\\[?\\\\?["']?[ \\t]*`;
/** Where a header value ends: a space, a quote, a separator or a closing bracket (or the end of the text). */
const headerValueEnd = `(?![^\\s"'\\\\,;)}\\]])`;
/** Unquoted command-line value: up to a space or quote. */
const flagValue = `["']?([^\\s"'\\x60]{3,256})`;

export const contextRules: readonly ContextRule[] = [
  privateKeyRule,
  {
    label: 'bearer',
    source: `${anyCase('bearer')}(?<=(?:^|[^A-Za-z0-9_-]).{6})[ \\t]+([A-Za-z0-9._~+/-]{8,8192}=*)`,
    accept: looksLikeToken,
    trigger: anyCase('bearer'),
  },
  {
    // Any other scheme: `Token` (Django REST, GitHub), `Api-Key`/`ApiKey` (Elastic), `Key`, `SSWS` (Okta),
    // `Bot` (Discord), `Negotiate`/`NTLM` tickets. Bearer and Basic have their rules. Digest sends no secret but
    // `response="<hex>"`, a hash of the password open to offline guessing; its user name, realm, nonce and uri stay.
    // One regex for both: each rule is a pass over the whole text.
    label: 'authorization',
    source:
      `${authorizationHeader}(?:(?!(?:${anyCase('bearer')}|${anyCase('basic')}|${anyCase('digest')})[ \\t])[A-Za-z][A-Za-z0-9_-]{0,31}[ \\t]+` +
      `|${anyCase('digest')}[ \\t][^\\r\\n]{0,1024}?${anyCase('response')}(?<=[^A-Za-z0-9_-].{8})[ \\t]*=[ \\t]*\\\\?"?)` +
      `([A-Za-z0-9._~+/:-]{8,8192}=*)${headerValueEnd}`,
    accept: looksLikeToken,
    trigger: anyCase('authorization'),
  },
  {
    label: 'basic',
    source: `${anyCase('basic')}(?<=(?:^|[^A-Za-z0-9_-]).{5})[ \\t]+([A-Za-z0-9+/]{8,4096}={0,2})`,
    accept: (value) => !isPlaceholder(value) && (/\d/.test(value) || /[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value) || value.endsWith('=')),
    trigger: anyCase('basic'),
  },
  {
    label: 'cookie',
    source: `${anyCase('cookie')}(?<=(?:^|[^A-Za-z0-9_-])(?:${anyCase('set-')})?.{6})["']?[ \\t]*[:=][ \\t]*["']?([^\\r\\n]{1,8192})`,
    accept: () => true, // each cookie pair is judged by `findCookieSecrets`
    trigger: anyCase('cookie'),
  },
  {
    label: 'password',
    // scheme://user:password@host; the password may itself hold `@`, so the host starts after the last one.
    source: String.raw`://[^\s:/@"'<>?#]{0,128}:([^\s/"'<>?#]{1,256})(?=@)`,
    accept: (value) => value.length >= 3 && !isPlaceholder(value) && !/^\d+$/.test(value),
    trigger: '://',
  },
  {
    label: 'password',
    source: String.raw`-(?:u|-user)(?<=\s-u|\s--user)[ \t]+["']?[^\s:"'<>]{1,128}:([^\s"'<>]{4,256})`,
    accept: (value) => !isPlaceholder(value),
    trigger: String.raw`\s-(?:u|-user)`,
  },
  {
    label: 'secret',
    // `--token`, `--api-key=`, `--password`, `--passphrase`, `--pass`, `--secret-key`, also after a prefix (`--hf-token`,
    // `--db-password`, `--client-secret`); `--max-tokens`, `--password-file` and `--token-limit` do not end in one.
    source: `--(?<=\\s--)(?:[A-Za-z0-9]+[_-]){0,3}(?:${anyCase('api')}[_-]?${anyCase('key')}|${anyCase('token')}|${anyCase('password')}|${anyCase('passwd')}|${anyCase('passphrase')}|${anyCase('pass')}|${anyCase('secret')}[_-]?${anyCase('key')}|${anyCase('secret')})(?:=|[ \\t]+)["']?([^\\s"'<>]{4,1024})`,
    accept: (value) => !isPlaceholder(value) && !value.startsWith('-'),
    trigger: String.raw`\s--`,
  },
  {
    label: 'password',
    // Clients that take the password itself on the command line. MySQL and MariaDB glue it to `-p` (`-p SECRET`
    // would prompt, naming a database); the client must stand where a command does (not
    // `-I/usr/include/mysql -pthread`), and a port map (`--name mysql -p3306:3306`) is not a password.
    // `sshpass -p SECRET ssh …` and `redis-cli -a SECRET`. One regex for all: each rule is a pass over the text.
    source:
      `(?:m(?:ysql(?:dump|admin|import|check|show|pump|binlog|sh)?|ariadb(?:-?(?:dump|admin|import|check|show|binlog))?)` +
      `(?<=(?:^|[\\s;&|(\x60"'=]|bin/)m[a-z-]{4,20})(?:[ \\t]+[^\\s|;&]+){0,16}?[ \\t]+-p` +
      `|sshpass(?:[ \\t]+\\S+){0,3}?[ \\t]+-p[ \\t]*|redis-cli(?:[ \\t]+\\S+){0,8}?[ \\t]+-a[ \\t]+)${flagValue}`,
    accept: (value) => !isPlaceholder(value) && !value.startsWith('-') && !/^\d+(?:[.:]\d+)+(?:\/\w+)?$/.test(value),
    trigger: 'mysql|mariadb|sshpass|redis-cli',
  },
  {
    label: 'secret',
    // Starts at the separator (`=`, `:`, `=>`, `:=`) so the scan can skip ahead to one; the name is read back after.
    // The quotes may be escaped (`{\"password\":\"…\"}`, JSON logged inside a JSON string).
    source: `[:=](?<=(?:${keywordEndings})\\\\?["']?[ \\t]*[:=])[>=]?[ \\t]*(?:\\\\?["'])?(${valueChars}{1,4096})`,
    accept: () => true, // decided by `namedSecretEnd`, which reads the whole name
    named: true,
  },
];

/**
 * Where a quoted value really ends: the value pattern stops at `;`, `&`, `(`, `,` or a space, so without this
 * the tail of `"p@ss;w0rd(1)"` would survive. The closing quote may be escaped (`\"`, JSON inside JSON).
 * Null when the value is not quoted, is already whole, or its quote does not close on this line.
 */
function quotedValueEnd(text: string, valueStart: number, valueEnd: number): number | null {
  const quote = text[valueStart - 1];
  if (quote !== '"' && quote !== "'") return null;
  const limit = Math.min(text.length, valueStart + 4096);
  for (let i = valueEnd; i < limit; i += 1) {
    const char = text[i];
    if (char === '\n' || char === '\r') return null;
    if (char !== quote) continue;
    const end = text[i - 1] === '\\' ? i - 1 : i;
    return end > valueEnd ? end : null;
  }
  return null;
}

/** The variable name that ends before the separator at `separatorAt` (past spaces and a quote, maybe escaped). */
function nameBefore(text: string, separatorAt: number): { name: string; from: number } {
  let end = separatorAt;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  if (end > 0 && (text[end - 1] === '"' || text[end - 1] === "'")) end -= 1;
  if (end > 0 && text[end - 1] === '\\') end -= 1;
  let from = end;
  while (from > 0 && end - from < 64 && /[A-Za-z0-9_.-]/.test(text[from - 1]!)) from -= 1;
  return { name: text.slice(from, end), from };
}

const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };

/**
 * Where an unquoted password really ends: the value pattern stops at `&`, `(` or `|`, which a password may hold
 * (`Tr0ub4dor&3`). It runs to a space, quote, `;` or `,` (and `&` inside a URL query), less any closing
 * bracket it did not open (`{password=abc}`).
 */
function unquotedPasswordEnd(text: string, valueStart: number, valueEnd: number, inQuery: boolean): number {
  let end = valueEnd;
  while (end < text.length && end - valueStart < 256 && !/[\s"'\x60;,]/.test(text[end]!) && !(inQuery && text[end] === '&')) end += 1;
  const open: string[] = [];
  for (let i = valueStart; i < end; i += 1) {
    const char = text[i]!;
    if ('([{<'.includes(char)) open.push(char);
    else if (closers[char] !== undefined) {
      if (open.at(-1) !== closers[char]) return Math.max(valueEnd, i);
      open.pop();
    }
  }
  return end;
}

/**
 * Reads the whole variable name that ends before the separator at `separatorAt` and decides whether the value at
 * `valueStart..valueEnd` is a secret: returns where the secret ends, or null. A quoted value is taken whole up to
 * its closing quote, and may hold spaces only under a password name (a passphrase; a token has none).
 */
export function namedSecretEnd(text: string, separatorAt: number, valueStart: number, valueEnd: number): number | null {
  const { name, from } = nameBefore(text, separatorAt);
  const keyword = keywordAtEnd.exec(name)?.[0];
  if (keyword === undefined) return null;
  const password = passwordKeyword.test(name);
  const quotedEnd = quotedValueEnd(text, valueStart, valueEnd);
  if (quotedEnd !== null) {
    const whole = text.slice(valueStart, quotedEnd);
    if ((password || !/\s/.test(whole)) && acceptAssignment(whole, name, keyword)) return quotedEnd;
  }
  const quoted = text[valueStart - 1] === '"' || text[valueStart - 1] === "'";
  const end = password && !quoted ? unquotedPasswordEnd(text, valueStart, valueEnd, /[?&]/.test(text[from - 1] ?? '')) : valueEnd;
  return acceptAssignment(text.slice(valueStart, end), name, keyword) ? end : null;
}

/** Cookie pairs in a header value whose values are long and random enough to be session material. */
export function findCookieSecrets(headerValue: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const pair = /([A-Za-z0-9_.!#$%'*+^`|~-]+)=("?)([^\s";,\\]*)/g;
  for (let m = pair.exec(headerValue); m; m = pair.exec(headerValue)) {
    const [, name = '', quote = '', value = ''] = m;
    if (/^(?:path|domain|expires|max-age|samesite|secure|httponly|priority|partitioned|version|comment)$/i.test(name)) continue;
    if (value.length < 8 || isPlaceholder(value) || !(looksRandom(value) || value.length >= 24)) continue;
    const start = m.index + name.length + 1 + quote.length;
    found.push({ start, end: start + value.length });
  }
  return found;
}
