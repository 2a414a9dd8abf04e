// Layer (a), part one: every form in which a known secret can appear in text. A vault key leaks as itself,
// inside a base64 or base64url blob at any byte offset, as hex, URL-encoded, or escaped inside JSON.

export type FormAlphabet = 'raw' | 'base64' | 'base64url' | 'hex';

export interface SecretForm {
  readonly text: string;
  /** Encoded forms are widened to the whole run of their alphabet, so no neighbouring character leaks bits of the secret. */
  readonly alphabet: FormAlphabet;
}

/** Shorter forms would match ordinary text; vault secrets are far longer than this. */
export const minimumFormLength = 8;

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += base64Alphabet[(n >> 18) & 63]! + base64Alphabet[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? base64Alphabet[(n >> 6) & 63]! : '';
    out += i + 2 < bytes.length ? base64Alphabet[n & 63]! : '';
  }
  return out;
}

/**
 * The base64 characters fixed by the secret alone when it starts `offset` bytes (0, 1 or 2) into a blob:
 * characters that mix in bits of the neighbouring bytes are dropped at both ends.
 */
export function base64Core(bytes: Uint8Array, offset: 0 | 1 | 2): string {
  const padded = new Uint8Array(offset + bytes.length);
  padded.set(bytes, offset);
  const encoded = base64(padded);
  const first = Math.ceil((8 * offset) / 6);
  const last = Math.floor((8 * (offset + bytes.length)) / 6);
  return encoded.slice(first, last);
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

const toBase64Url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_');

const percent = (char: string) =>
  Array.from(new TextEncoder().encode(char), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** Percent-encodes every character outside `unreserved` (UTF-8 bytes, upper-case escapes); `space` stands for ' '. */
function percentEncode(text: string, unreserved: RegExp, space = '%20'): string {
  return Array.from(text, (char) => (char === ' ' ? space : unreserved.test(char) ? char : percent(char))).join('');
}

/**
 * URL encoders disagree on which characters they leave alone, and a secret holding one of them (`!`, `*`,
 * `~`, `/`, a space) reads differently in each: JavaScript's encodeURIComponent and encodeURI, RFC 3986
 * (curl --data-urlencode, Go's url.QueryEscape, Python's quote with safe='' and with its default '/'), and
 * HTML form bodies (URLSearchParams, application/x-www-form-urlencoded: space as `+`, `*` kept, `~` escaped).
 */
function urlForms(secret: string): string[] {
  if (/^[A-Za-z0-9_.-]*$/.test(secret)) return []; // every dialect leaves these characters alone: the raw form covers it
  // encodeURIComponent and encodeURI throw on a lone surrogate; the other dialects still cover such a secret.
  const builtIn = (encode: (text: string) => string) => {
    try {
      return [encode(secret)];
    } catch {
      return [];
    }
  };
  const dialects = [
    ...builtIn(encodeURIComponent),
    percentEncode(secret, /[A-Za-z0-9\-_.~]/),
    percentEncode(secret, /[A-Za-z0-9\-_.~/]/),
    percentEncode(secret, /[A-Za-z0-9*\-._]/, '+'),
    ...builtIn(encodeURI),
  ];
  return dialects.flatMap((url) => [url, url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()), url.replace(/%20/g, '+')]);
}

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON writers differ too: JSON.stringify, `\/` for `/` (PHP), Go's HTML-safe `\u003c` `\u003e` `\u0026`
 * (and U+2028/9), Python's ensure_ascii `\u00e9` for every non-ASCII character; and JSON inside a JSON string.
 */
function jsonForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    json,
    json.replace(/\//g, '\\/'),
    JSON.stringify(json).slice(1, -1), // JSON inside a JSON string, as in nested log payloads
    json.replace(/[<>&\u2028\u2029]/g, unicodeEscape),
    json.replace(/[^\x00-\x7f]/g, unicodeEscape), // per UTF-16 unit, so 🙂 is \ud83d\ude42 as Python writes it
  ];
}

/** All distinct forms of one secret that are long enough to search for. */
export function formsOf(secret: string): SecretForm[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: SecretForm[] = [];
  const add = (text: string, alphabet: FormAlphabet) => {
    if (text.length >= minimumFormLength && !forms.some((form) => form.text === text)) forms.push({ text, alphabet });
  };
  add(secret, 'raw');
  for (const form of jsonForms(secret)) add(form, 'raw');
  for (const form of urlForms(secret)) add(form, 'raw');
  add(hex(bytes), 'hex');
  add(hex(bytes).toUpperCase(), 'hex');
  for (const offset of [0, 1, 2] as const) {
    const core = base64Core(bytes, offset);
    add(core, 'base64');
    add(toBase64Url(core), 'base64url');
  }
  return forms;
}
