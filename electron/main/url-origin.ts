// Node's URL gives "null" as the origin of custom schemes like app://, so origins are compared as
// scheme + host, which is what Chromium uses for a scheme registered as standard.
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.host ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}
