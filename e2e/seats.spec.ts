// The Sign-ins & local models panel against `serve` with a fixture home (HOME) and loopback emulators of the local
// servers: what each CLI's files say, each server's state and models, the lane table; the panel follows a sign-in
// written on disk (file watch, pushed over SSE) and a server that stops (re-scan on window focus); and no fixture
// token reaches the page, a channel answer, an event or the data dir, while the CLIs' files stay untouched.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, startServeHost, test, type ServeHost } from './support/serve-host';
import { pageHolds } from './support/key-helpers';
import { fixtureHome, fixtureTokens, leakedTokens, mergedHome, snapshotTree } from '../tests/fixtures/homes/fixture-homes';
import { closedLoopbackUrl, startLocalServerEmulator, type LocalServerEmulator } from '../tests/emulators/local-servers';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

let home: string;
let host: ServeHost;
let ollama: LocalServerEmulator;
const emulators: LocalServerEmulator[] = [];

test.beforeEach(async () => {
  // Every CLI signed in except Grok, which the journey signs in on disk while the page is open.
  home = mergedHome(['claude-code', 'codex', 'gemini-cli', 'github-copilot-apps', 'qwen-code']);
  ollama = await startLocalServerEmulator('ollama');
  const llama = await startLocalServerEmulator('llama-cpp', 'starting');
  const vllm = await startLocalServerEmulator('vllm', 'needs_key');
  emulators.push(ollama, llama, vllm);
  host = await startServeHost({
    env: { HOME: home, OLLAMA_HOST: ollama.url, NOME_LMSTUDIO_URL: await closedLoopbackUrl(), NOME_LLAMACPP_URL: llama.url, NOME_VLLM_URL: vllm.url },
  });
});

test.afterEach(async () => {
  await host.stop();
  await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
  rmSync(home, { recursive: true, force: true });
});

test('the panel shows sign-ins, local servers and lanes, follows the files and servers, and never holds a token', async ({ page, pageErrors }) => {
  const before = snapshotTree(home);
  const answers: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/ipc/')) void response.text().then((text) => answers.push(text), () => undefined);
  });

  await page.goto(`${host.url}#/seats`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign-ins & local models' })).toBeVisible();
  // Every event the page receives, as the renderer's stores see it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenEvents: string[] }).seenEvents = seen;
    for (const name of ['seats:changed', 'local:changed', 'lanes:changed'] as const) window.nome!.on(name, (payload) => seen.push(JSON.stringify(payload)));
  });

  const signIns = page.getByRole('list', { name: 'Provider sign-ins' });
  await expect(signIns.getByRole('listitem', { name: /^Signed in to Claude Code \(Max\) as a@b\.c, token expire/ }).getByText('Signed in', { exact: true })).toBeVisible();
  await expect(signIns.getByRole('listitem', { name: /^Signed in to Codex CLI \(Pro\) as codex@example\.com/ })).toBeVisible();
  await expect(signIns.getByRole('listitem', { name: /^Signed in to Gemini CLI as g@example\.com/ })).toBeVisible();
  await expect(signIns.getByRole('listitem', { name: /^Signed in to GitHub Copilot as octocat/ })).toBeVisible();
  await expect(signIns.getByRole('listitem', { name: /^Signed in to Qwen Code/ })).toBeVisible();
  const grok = signIns.getByRole('listitem', { name: /Grok CLI/ });
  await expect(grok).toHaveAccessibleName('Grok CLI is not on this computer');
  await expect(signIns.getByText('~/.claude/.credentials.json · ~/.claude.json')).toBeVisible();

  const servers = page.getByRole('list', { name: 'Local model servers' });
  const ollamaRow = servers.getByRole('listitem', { name: /^Ollama 0\.12\.6 at/ });
  await expect(ollamaRow.getByText('Running', { exact: true })).toBeVisible();
  await expect(ollamaRow.getByRole('list', { name: 'Models on Ollama' }).getByRole('listitem')).toHaveText([/^qwen3:8b \(5\.2 GB\)$/, /^llama3\.2:3b \(5\.2 GB\)$/]);
  await expect(servers.getByRole('listitem', { name: /^llama\.cpp at/ }).getByText('Starting', { exact: true })).toBeVisible();
  await expect(servers.getByRole('listitem', { name: /^vLLM at/ }).getByText('Needs a key', { exact: true })).toBeVisible();
  await expect(servers.getByRole('listitem', { name: /^LM Studio at/ }).getByText('Not running', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Keys', exact: true }).and(page.locator('main a'))).toHaveAttribute('href', '#/keys');

  const lanes = page.getByRole('table', { name: /Which lane each model family takes by default/ });
  await expect(lanes.getByRole('row', { name: /^Claude Sonnet/ })).toContainText('Seat (Claude Code (Max))');
  await expect(lanes.getByRole('row', { name: /^Claude Sonnet/ })).toContainText('Because you are signed in to Claude Code (Max)');
  await expect(lanes.getByRole('row', { name: /^Llama/ })).toContainText('Local (Ollama: llama3.2:3b)');
  await expect(lanes.getByRole('row', { name: /^Grok/ })).toContainText('NOME Credits');

  // A sign-in written on disk reaches the open page through the file watch and seats:changed, without a reload.
  mkdirSync(join(home, '.grok'));
  cpSync(join(fixtureHome('grok-cli'), '.grok', 'auth.json'), join(home, '.grok', 'auth.json'));
  await expect(grok).toHaveAccessibleName(/^Signed in to Grok CLI as grok@example\.com/, { timeout: 10_000 });
  await expect(lanes.getByRole('row', { name: /^Grok/ })).toContainText('Seat (Grok CLI)');
  await expect(page.getByRole('status')).toContainText('Grok CLI: now Signed in.');

  // A server that stops is seen when the window gains focus again (servers are re-probed only every 30 s).
  await ollama.close();
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(ollamaRow).toHaveCount(0);
  await expect(servers.getByRole('listitem', { name: /^Ollama at/ }).getByText('Not running', { exact: true })).toBeVisible();
  await expect(lanes.getByRole('row', { name: /^Llama/ })).toContainText('None on this computer');
  await expect(page.getByRole('status')).toContainText('Ollama: now Not running.');

  // The user's own OpenAI-compatible server on loopback, saved in Keys, is listed here at once (keys:changed).
  const custom = await startLocalServerEmulator('custom');
  emulators.push(custom);
  await page.evaluate((url) => window.nome!['keys:add']({ provider: 'openai-compatible', secret: 'home-box-key', baseUrl: url, label: 'Home box', check: false }), custom.url);
  const homeBox = servers.getByRole('listitem', { name: /^Home box at/ });
  await expect(homeBox.getByText('Running', { exact: true })).toBeVisible();
  await expect(homeBox.getByRole('list', { name: 'Models on Home box' })).toContainText('my-finetune');

  // No token byte anywhere: the page (markup, attributes, values, storage), any channel answer, any event.
  for (const token of fixtureTokens) expect(await pageHolds(page, token)).toEqual([]);
  expect(leakedTokens(await page.content())).toEqual([]);
  const events = await page.evaluate(() => (window as unknown as { seenEvents: string[] }).seenEvents);
  expect(events.length).toBeGreaterThan(0);
  expect(answers.some((text) => text.includes('claude-code'))).toBe(true);
  expect(leakedTokens([...answers, ...events].join('\n'))).toEqual([]);
  // Never copied: nothing NOME keeps in its data dir holds a token.
  for (const file of filesUnder(host.dataDir)) expect(leakedTokens(readFileSync(file, 'latin1')), file).toEqual([]);
  // Never written: every fixture file is as it was (the Grok file is the test's own write).
  const after = snapshotTree(home);
  for (const path of after.keys()) if (path.startsWith(join(home, '.grok'))) after.delete(path);
  expect(after).toEqual(before);
  expect(pageErrors).toEqual([]);
});

test('Scan again by keyboard re-reads a damaged file and says which file and why', async ({ page }) => {
  await page.goto(`${host.url}#/seats`);
  const signIns = page.getByRole('list', { name: 'Provider sign-ins' });
  await expect(signIns.getByRole('listitem', { name: /^Signed in to Qwen Code/ })).toBeVisible();
  // Half-written by the CLI; the watch would see it too, the button must not wait for it.
  cpSync(join(fixtureHome('malformed'), '.qwen', 'oauth_creds.json'), join(home, '.qwen', 'oauth_creds.json'));
  await page.getByRole('button', { name: 'Scan again' }).press('Enter');
  const qwen = signIns.getByRole('listitem', { name: /Qwen Code/ });
  await expect(qwen).toHaveAccessibleName('Qwen Code: its sign-in file could not be used');
  await expect(qwen.getByText('Damaged file', { exact: true })).toBeVisible();
  await expect(qwen).toContainText('~/.qwen/oauth_creds.json');
  expect(leakedTokens(await page.content())).toEqual([]);
});
