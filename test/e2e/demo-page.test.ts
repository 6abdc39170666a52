import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
// The demo imports the package by name (dist/): `npm test` builds first.
import { type Demo, startDemo } from '../../examples/demo/start-demo';

// Debian's chromium (apt-get install chromium), driven by playwright-core: no browser download.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const required = Boolean(process.env.CI || process.env.REQUIRE_BROWSER_TESTS);
const MISSING = `${CHROMIUM} is not installed (apt-get install chromium, or set CHROMIUM_PATH)`;
const artifacts = resolve(import.meta.dirname, '../../test-artifacts');

/** Skips with the reason when Chromium is missing, unless CI or REQUIRE_BROWSER_TESTS says it must run. */
function needsBrowser(ctx: TestContext): void {
  if (available) return;
  if (required) throw new Error(`${MISSING}; CI/REQUIRE_BROWSER_TESTS is set, so browser tests must run`);
  ctx.skip(`skipped: ${MISSING}`);
}

// Bounds for the page to catch up (the watch polls every 1-3 s); generous for a loaded 2-core machine.
const SETTLE = { timeout: 20_000 };

describe('examples/demo page in headless Chromium', { timeout: 60_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  const log: string[] = [];

  beforeAll(async () => {
    if (!available) return;
    demo = await startDemo({ playground: true, write: (line) => log.push(line) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${demo.url}/`);
    await page.locator('body[data-ready="true"]').waitFor(SETTLE);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const row = (label: string): Locator => page.locator('#orders tbody tr', { hasText: label });
  const cells = async (label: string) => (await row(label).locator('td').allTextContents()).slice(0, 7);
  const storedOf = async (label: string) => {
    const id = Number(await row(label).getAttribute('data-order-id'));
    return (await demo.paymentSync.findOrderPayment(id))!;
  };

  it('lists every scenario order with its settled state', async (ctx) => {
    needsBrowser(ctx);
    expect((await cells('Payment completes')).slice(3, 7)).toEqual([
      'CONFIRMED',
      'COMPLETED',
      'TXN-DEMO-0001',
      'read',
    ]);
    expect((await cells('Payment fails')).slice(3, 5)).toEqual(['CANCELLED', 'FAILED']);
    expect((await cells('Already completed')).slice(3, 6)).toEqual([
      'CONFIRMED',
      'COMPLETED',
      'TXN-DEMO-0004',
    ]);
    expect((await cells('Payment stays pending')).slice(3, 5)).toEqual(['PLACED', 'PENDING']);
  });

  it('a pending order turns CONFIRMED on screen after the simulator completes it (read path)', async (ctx) => {
    needsBrowser(ctx);
    const playground = row('Playground A');
    expect(await playground.getAttribute('data-payment-status')).toBe('PENDING');
    await playground.getByRole('button', { name: 'Complete payment' }).click();
    // Nobody but the page's watchOrder polling reads it: the transition happens on its next read.
    await page
      .locator('#orders tbody tr[data-payment-status="COMPLETED"]', { hasText: 'Playground A' })
      .waitFor(SETTLE);
    const shown = await cells('Playground A');
    expect(shown[3]).toBe('CONFIRMED');
    expect(shown[5]).toMatch(/^OM\d+/); // the simulator's transaction id
    expect(shown[6]).toBe('read');
    const stored = await storedOf('Playground A');
    expect(stored.order.orderStatus).toBe('CONFIRMED');
    expect(stored.payment.transactionId).toBe(shown[5]);
  });

  it('a webhook settles a pending order and the page shows it', async (ctx) => {
    needsBrowser(ctx);
    await page.locator('#via').selectOption('webhook');
    await row('Playground B').getByRole('button', { name: 'Complete payment' }).click();
    await page
      .locator('#orders tbody tr[data-payment-status="COMPLETED"]', { hasText: 'Playground B' })
      .waitFor(SETTLE);
    expect((await cells('Playground B')).slice(3, 5)).toEqual(['CONFIRMED', 'COMPLETED']);
    expect((await storedOf('Playground B')).payment.additionalInfo.gateway_response).toMatchObject({
      state: 'COMPLETED',
      received_via: 'webhook',
    });
    expect(await page.locator('#log').textContent()).toContain('"reason":"updated"');
  });

  it('a failed order shows the retry option; a retry is a new pending order, failed here by a reconcile sweep', async (ctx) => {
    needsBrowser(ctx);
    const failed = row('Payment fails');
    expect(await failed.getAttribute('data-payment-status')).toBe('FAILED');
    const retry = failed.getByRole('button', { name: 'Retry payment' });
    await expect(retry.isVisible()).resolves.toBe(true);
    const failedId = await failed.getAttribute('data-order-id');
    await retry.click();

    const fresh = page.locator('#orders tbody tr[data-payment-status="PENDING"]', {
      hasText: `Retry of #${failedId}`,
    });
    await fresh.waitFor(SETTLE);
    expect((await cells(`Retry of #${failedId}`)).slice(2, 5)).toEqual(['₹499.00', 'PLACED', 'PENDING']);

    await page.locator('#via').selectOption('reconcile');
    await fresh.getByRole('button', { name: 'Fail payment' }).click();
    await page
      .locator('#orders tbody tr[data-payment-status="FAILED"]', { hasText: `Retry of #${failedId}` })
      .waitFor(SETTLE);
    expect((await cells(`Retry of #${failedId}`)).slice(3, 7)).toEqual([
      'CANCELLED',
      'FAILED',
      expect.stringMatching(/^OM\d+/),
      'reconcile',
    ]);
    await expect(
      row(`Retry of #${failedId}`).getByRole('button', { name: 'Retry payment' }).isVisible(),
    ).resolves.toBe(true);
  });

  it('"Reconcile now" sweeps the pending orders and reports the summary', async (ctx) => {
    needsBrowser(ctx);
    await page.getByRole('button', { name: 'Reconcile now' }).click();
    await page.locator('#log li', { hasText: 'reconcile sweep' }).first().waitFor(SETTLE);
    const line = (await page.locator('#log li', { hasText: 'reconcile sweep' }).first().textContent())!;
    const summary = JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>;
    // "Payment stays pending" is the one pending order left; PhonePe still says PENDING.
    expect(summary).toMatchObject({ scanned: 1, checked: 1, stillPending: 1, updated: 0, stoppedBy: 'done' });
    expect((await cells('Payment stays pending')).slice(3, 5)).toEqual(['PLACED', 'PENDING']);
  });

  it('saves a screenshot as a test artifact', async (ctx) => {
    needsBrowser(ctx);
    mkdirSync(artifacts, { recursive: true });
    const file = resolve(artifacts, 'demo-page.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    // The outage scenario's failed read was logged by the library; the demo stayed up.
    expect(log.some((line) => line.startsWith('[warn] payment gateway check failed'))).toBe(true);
  });
});
