// Helpers the keys journeys share: test keys that look real, a real paste, and a search of the whole DOM.
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';

/** An Anthropic-shaped key with random body, so a DOM search for it means something. */
export function anthropicKey(): string {
  return `sk-ant-api03-${randomBytes(60).toString('base64url')}AA`;
}

/** Pastes through the system clipboard, like a person would (Ctrl+V fires a real paste and input). */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}

/** Every place a secret could linger in the page: markup, attributes, live input values, storage. */
export async function pageHolds(page: Page, secret: string): Promise<string[]> {
  return page.evaluate((needle) => {
    const found: string[] = [];
    if (document.documentElement.outerHTML.includes(needle)) found.push('markup');
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) if (attribute.value.includes(needle)) found.push(`attribute ${attribute.name} of <${element.localName}>`);
      if ((element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && element.value.includes(needle)) found.push(`value of <${element.localName}>`);
    }
    if (document.body.innerText.includes(needle)) found.push('text');
    for (const storage of [sessionStorage, localStorage]) {
      for (let i = 0; i < storage.length; i++) if (storage.getItem(storage.key(i)!)?.includes(needle)) found.push('web storage');
    }
    return found;
  }, secret);
}
