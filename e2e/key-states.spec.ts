// Key states on their cards, against `serve` and the provider emulator: a rate-limited key counts down to its
// retry, an out-of-credit key links to the provider's billing page, "checked … ago" stays current while the page
// stays open (the page's clock is Playwright's, so minutes pass in a moment), and Re-check on one card checks
// that key alone.
import { expect, test } from './support/serve-host';
import { anthropicKey } from './support/key-helpers';
import { providers } from '../shared/providers';
import { startProviderEmulator, type ProviderEmulator } from '../tests/emulators/provider-emulator';

let emulator: ProviderEmulator;
test.beforeAll(async () => {
  emulator = await startProviderEmulator();
});
test.afterAll(async () => {
  await emulator.close();
});

const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });

test('a rate-limited key counts down, an out-of-credit key links to billing, and times stay current', async ({ page, serve, pageErrors }) => {
  const throttled = anthropicKey();
  const broke = anthropicKey();
  const limited = emulator.mount({
    provider: 'anthropic',
    key: throttled,
    answer: { status: 429, headers: { 'retry-after': '40' }, body: anthropicError('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit') },
  });
  const billing = emulator.mount({
    provider: 'anthropic',
    key: broke,
    answer: { status: 400, body: anthropicError('invalid_request_error', 'Your credit balance is too low to access the Anthropic API, please go to Plans & Billing to upgrade or purchase credits.') },
  });

  // The page's timers and Date run on Playwright's clock from here on; the serve host keeps real time.
  await page.clock.install();
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  await page.evaluate(
    async ([a, aUrl, b, bUrl]) => {
      // force: a key whose check is not ok is saved anyway, as "Save anyway" does.
      await window.nome!['keys:add']({ provider: 'anthropic', secret: a!, baseUrl: aUrl!, label: 'Throttled', force: true, allowForeignHost: true });
      await window.nome!['keys:add']({ provider: 'anthropic', secret: b!, baseUrl: bUrl!, label: 'Broke', force: true, allowForeignHost: true });
    },
    [throttled, limited.baseUrl, broke, billing.baseUrl],
  );

  const throttledCard = page.getByRole('listitem', { name: 'Anthropic key Throttled' });
  const brokeCard = page.getByRole('listitem', { name: 'Anthropic key Broke' });
  await expect(throttledCard.getByText('State: Rate limited')).toBeVisible();
  await expect(throttledCard.getByText(/^Retrying in [1-4]?\d s$/)).toBeVisible();
  await expect(brokeCard.getByText('State: Out of credit')).toBeVisible();
  await expect(brokeCard.getByText('Add credit or raise the limit')).toBeVisible();
  await expect(brokeCard.getByRole('link', { name: /^Anthropic billing/ })).toHaveAttribute('href', providers.anthropic.billingPageUrl!);
  await expect(brokeCard.getByText('checked just now')).toBeVisible();

  // Re-check on one card checks that key alone: its check time moves, the other card's does not.
  const checkedAt = (card: typeof brokeCard) => card.locator('time').getAttribute('datetime');
  const [brokeBefore, throttledBefore] = [await checkedAt(brokeCard), await checkedAt(throttledCard)];
  const requestsBefore = emulator.requests.length;
  await brokeCard.getByRole('button', { name: 'Re-check Broke' }).press('Enter');
  await expect(page.getByRole('status')).toContainText('Check finished: Out of credit. Add credit or raise the limit.');
  await expect.poll(() => checkedAt(brokeCard)).not.toBe(brokeBefore);
  expect(await checkedAt(throttledCard)).toBe(throttledBefore);
  expect(emulator.requests.slice(requestsBefore).map((request) => request.scenario)).toEqual([billing.index]);

  // Stop the page's clock so only runFor moves it: ten seconds later the countdown has moved by ten; after two
  // minutes it is due and both cards say so.
  await page.clock.pauseAt(Date.now() + 1000);
  await page.clock.runFor(1000);
  const seconds = Number((await throttledCard.getByText(/^Retrying in \d+ s$/).textContent())!.match(/\d+/)![0]);
  await page.clock.runFor(10_000);
  await expect(throttledCard.getByText(`Retrying in ${seconds - 10} s`)).toBeVisible();
  await page.clock.runFor(110_000);
  await expect(throttledCard.getByText('Retrying now')).toBeVisible();
  await expect(throttledCard.getByText('checked 2 minutes ago')).toBeVisible();
  await expect(brokeCard.getByText('checked 2 minutes ago')).toBeVisible();
  await page.clock.runFor(58 * 60_000);
  await expect(brokeCard.getByText('checked 1 hour ago')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('a turn on a key, recorded by the runtime, shows on its card as "last used" without a reload', async ({ page, serve, pageErrors }) => {
  const secret = anthropicKey();
  const { baseUrl } = emulator.mount({ provider: 'anthropic', key: secret });
  await page.goto(serve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Keys' })).toBeVisible();
  const id = await page.evaluate(
    async ([key, url]) => {
      const saved = await window.nome!['keys:add']({ provider: 'anthropic', secret: key!, baseUrl: url!, label: 'Work', allowForeignHost: true });
      return saved.card.id;
    },
    [secret, baseUrl],
  );
  const card = page.getByRole('listitem', { name: 'Anthropic key Work' });
  await expect(card.getByText('Working')).toBeVisible();
  await expect(card.getByText(/last used/)).toHaveCount(0);

  const at = new Date(Date.now() - 3 * 60_000).toISOString();
  await page.evaluate(
    async ([keyId, when]) => {
      await window.nome!['receipts:record']({
        receipts: [{ lane: 'byok', laneReason: 'BYOK: Anthropic key Work', provider: 'anthropic', model: 'claude-sonnet-4-5', tokens: { input: 1200, output: 300 }, at: when!, keyId: keyId! }],
      });
    },
    [id, at],
  );
  // keys:changed carries it to the open page; the time is the turn's, not the recording's.
  await expect(card.getByText('last used 3 minutes ago')).toBeVisible();
  await expect(card.locator(`time[datetime="${at}"]`)).toHaveCount(1);
  expect(pageErrors).toEqual([]);
});
