// External links leave the app only as https: to a provider page the catalog names.
import { externalLinkHosts } from '../../shared/providers';

export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[] = externalLinkHosts): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && allowedHosts.includes(url.host);
}
