// Serves the built renderer from `app://nome/` instead of file://, so the page has a real origin that IPC
// sender checks can pin, and every response carries the production CSP.
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { productionCsp } from '../core/app/content-security-policy';
import type { ElectronModules } from './electron-modules';
import { originOf } from './url-origin';

export const appScheme = 'app';
export const appOrigin = 'app://nome';
export const appEntryUrl = `${appOrigin}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(electron: Pick<ElectronModules, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Maps an app:// URL to a file under the renderer dir, or null for anything outside it. */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  if (originOf(requestUrl) !== appOrigin) return null;
  const url = new URL(requestUrl);
  const root = normalize(rendererDir);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return null; // malformed percent-encoding (`%E0%A4%A`): not found, rather than a failed protocol handler
  }
  const file = normalize(join(root, path));
  return file.startsWith(root + sep) ? file : null;
}

export function handleAppScheme(electron: Pick<ElectronModules, 'protocol' | 'net'>, rendererDir: string): void {
  electron.protocol.handle(appScheme, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    let response: Response;
    try {
      response = await electron.net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', productionCsp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
