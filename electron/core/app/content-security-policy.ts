// The production renderer's Content Security Policy, shared by Electron (app:// responses) and `serve`.
// No inline script, no eval, no remote anything: the renderer talks only to its own origin.
export const productionCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
