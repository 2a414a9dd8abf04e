// The production renderer's Content Security Policy, shared by Electron (app:// responses), `serve` and the
// built page's <meta>. No inline script, no eval, no remote anything: the renderer talks only to its origin.
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For the <meta> tag: browsers ignore (and warn about) frame-ancestors there. */
export const productionCspMeta = directives.join('; ');

/** For response headers. */
export const productionCsp = [...directives, "frame-ancestors 'none'"].join('; ');
