import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCredentialFile } from '../../electron/headless/credential-file';
import { createHeadlessCore } from '../../electron/headless/host';
import { createNodeCipher } from '../../electron/headless/node-cipher';
import { deadKeyring } from '../core/vault/vault-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nome-credential-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('reading the GOOGLE_APPLICATION_CREDENTIALS file', () => {
  it('reads a credential file whole', async () => {
    const json = '{"type":"service_account","private_key_id":"abcdef123456"}';
    writeFileSync(join(dir, 'sa.json'), json);
    expect(await readCredentialFile(join(dir, 'sa.json'))).toBe(json);
  });

  it('refuses a file far too large to be a credential without reading it, and a folder', async () => {
    const big = join(dir, 'disk.img');
    writeFileSync(big, '');
    truncateSync(big, 3 * 1024 ** 3); // sparse: 3 GB that a whole-file read would try to load
    const started = performance.now();
    await expect(readCredentialFile(big)).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/3,221,225,472 bytes; a credential file is a few KB/) });
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(readCredentialFile(dir)).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/not a file/) });
  });

  it('keys import-env says so plainly, and a started host with such a variable keeps working', async () => {
    const big = join(dir, 'app.log');
    writeFileSync(big, 'x'.repeat(200_000));
    const dataDir = join(dir, 'data');
    const core = createHeadlessCore({ kind: 'cli', dataDir, env: { GOOGLE_APPLICATION_CREDENTIALS: big }, cipher: createNodeCipher({ dataDir, allowFileKey: true, keyring: deadKeyring }), fetch: () => Promise.reject(new Error('offline')) });
    const imported = await core.router.invoke('keys:import-env', { name: 'GOOGLE_APPLICATION_CREDENTIALS', check: false });
    expect(imported).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/200,000 bytes; a credential file is a few KB/) } });
    const listed = await core.router.invoke('keys:list', undefined);
    expect(listed.ok && (listed.value as Array<{ source: string }>).map((card) => card.source)).toEqual(['GOOGLE_APPLICATION_CREDENTIALS']);
    await core.dispose();
  });
});
