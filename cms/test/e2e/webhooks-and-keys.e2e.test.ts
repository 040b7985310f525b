import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { lookupPartnerKey } from '@kilde/store';
import { pickOption } from '../helpers/admin-ui';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as Webhooks from '../../src/webhooks';

// The running CMS's own webhooks module (cms/dist), to speed up its retry schedule.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webhooks = require(join(cmsDir, 'dist', 'src', 'webhooks')) as typeof Webhooks;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const adminBuild = require(join(cmsDir, '..', 'scripts', 'admin-build.js')) as {
  ensureAdminBuild(o?: { stdio?: 'inherit' | 'pipe' | 'ignore' }): {
    built: boolean;
    status: number;
    output?: string;
  };
};

jest.setTimeout(600_000);

const SHOTS = join(cmsDir, '..', 'docs', 'screenshots');
/** Screenshots are documentation: written only on request, so a test run never dirties the tree. */
const WRITE_SHOTS = process.env.KILDE_SCREENSHOTS === '1';
async function shot(page: Page, name: string): Promise<void> {
  if (!WRITE_SHOTS) return;
  // Strapi's "new Media Library" announcement can appear after sign-in and cover the top.
  const banner = page.getByRole('button', { name: /^Close the banner/ });
  if (await banner.isVisible()) await banner.click();
  await page.screenshot({ path: join(SHOTS, name) });
}
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

interface DemoAccount {
  email: string;
  password: string;
}

/**
 * The partner side of the admin in a real browser: the webhook delivery log (a partner's
 * receiver on loopback fails until Kilde gives up and switches the endpoint off; an editor sees
 * why, switches it on and redelivers) and the Partner entry's API keys panel (an administrator
 * creates, rotates and revokes a key; an editor sees the keys, never a secret).
 */
describe('webhook delivery log and partner keys in the admin (Playwright)', () => {
  let cms: TestCms;
  let browser: Browser;
  let accounts: DemoAccount[];
  let receiver: Server;
  let receiverUrl: string;
  let answer = 503;
  const received: { status: number; at: number }[] = [];

  async function signIn(email: string, to: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1100 },
      locale: 'en-GB',
    });
    const page = await context.newPage();
    const password = accounts.find((a) => a.email === email)?.password;
    if (!password) throw new Error(`No demo account ${email}`);
    await page.goto(`${cms.url as string}/admin/auth/login?redirectTo=${encodeURIComponent(to)}`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
    // Strapi's "new Media Library" announcement would cover the top of a screenshot.
    const banner = page.getByRole('button', { name: /^Close the banner/ });
    if (await banner.isVisible()) await banner.click();
    return page;
  }

  beforeAll(async () => {
    // The project's globalSetup has built the admin bundle; this is a no-op unless the test runs
    // on its own.
    const build = adminBuild.ensureAdminBuild({ stdio: 'pipe' });
    if (build.status !== 0) throw new Error(`strapi build failed:\n${build.output ?? ''}`);
    if (WRITE_SHOTS) mkdirSync(SHOTS, { recursive: true });
    // Retries every few tens of milliseconds, given up after half a second: the endpoint is off
    // by the time the browser opens.
    webhooks.setWebhookTiming({ baseDelayMs: 30, maxDelayMs: 60, pollMs: 50, retryWindowMs: 500 });
    cms = await startCms({
      listen: true,
      env: { NODE_ENV: 'development', KILDE_SERVE_ADMIN: 'true' },
    });
    accounts = JSON.parse(
      readFileSync(join(cms.db.dir, 'demo-accounts.json'), 'utf8'),
    ) as DemoAccount[];
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push({ status: answer, at: Date.now() });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kilde-hooks`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    webhooks.setWebhookTiming(undefined);
    try {
      await browser?.close();
      receiver?.close();
    } finally {
      await cms?.stop();
    }
  });

  it('shows an editor the failed delivery and why the endpoint is off; switched on and redelivered, it arrives', async () => {
    const endpoint = (await cms.strapi.documents('api::webhook-endpoint.webhook-endpoint').create({
      data: {
        partner: 'Helsestasjon Nord',
        url: receiverUrl,
        events: ['content.published', 'content.updated'],
        locales: ['nb'],
      } as never,
    })) as unknown as { documentId: string };
    await cms.strapi.documents('api::article.article').create({
      locale: 'nb',
      status: 'published',
      data: {
        title: 'Søvn og skjerm',
        slug: 'sovn-og-skjerm-webhook',
        summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
        body: '## Hvorfor\n\nLyset fra skjermen holder deg våken.\n',
        audience: ['13-15'],
        authors: ['Test Forfatter'],
        licence: 'CC-BY-4.0',
        professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
        sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
        lastReviewed: '2026-01-15',
        reviewIntervalMonths: 12,
      } as never,
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const row = (await cms.strapi.db
        .query('api::webhook-endpoint.webhook-endpoint')
        .findOne({ where: { documentId: endpoint.documentId } })) as { enabled: boolean };
      if (row.enabled === false) break;
      if (Date.now() > deadline) throw new Error('the endpoint was never switched off');
      await new Promise((r) => setTimeout(r, 50));
    }
    const failures = received.length;
    expect(failures).toBeGreaterThanOrEqual(2);

    // The editor opens Partner webhooks from the menu (not Strapi's own Settings → Webhooks) and
    // the partner's delivery log.
    const editor = await signIn('editor@example.com', '/');
    await editor.getByRole('link', { name: 'Partner webhooks', exact: true }).click();
    const row = editor
      .locator('[data-testid="kilde-webhook-endpoint"]')
      .filter({ hasText: 'Helsestasjon Nord' });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getAttribute('data-enabled')).toBe('false');
    await row.getByRole('button', { name: 'Delivery log' }).click();
    const log = editor.locator('[data-testid="kilde-webhook-log"]');
    await log.waitFor();

    // Why it is off, and the failed delivery with its status.
    expect(await log.locator('[data-testid="kilde-webhook-disabled-reason"]').innerText()).toMatch(
      /Deliveries failed for 1 second \(last: HTTP 503\)/,
    );
    const delivery = log.locator('[data-testid="kilde-webhook-delivery"]');
    await delivery.first().waitFor();
    expect(await delivery.count()).toBe(1);
    expect(await delivery.getAttribute('data-status')).toBe('abandoned');
    expect(
      await delivery.locator('[data-testid="kilde-webhook-delivery-status"]').textContent(),
    ).toBe('Given up');
    expect(await delivery.locator('[data-testid="kilde-webhook-delivery-http"]').innerText()).toBe(
      '503',
    );
    expect(await delivery.locator('[data-testid="kilde-webhook-delivery-error"]').innerText()).toBe(
      'HTTP 503',
    );
    expect(await delivery.innerText()).toContain('content.published');
    expect(await delivery.innerText()).toContain('Søvn og skjerm');
    expect(
      await delivery.locator('[data-testid="kilde-webhook-delivery-attempts"]').innerText(),
    ).toBe(String(failures));
    // Filtering by status: nothing delivered yet.
    await pickOption(editor, log.getByRole('combobox', { name: 'Status' }), 'Delivered', {
      exact: false,
    });
    await log.getByText('No deliveries match this filter.').waitFor();
    await pickOption(editor, log.getByRole('combobox', { name: 'Status' }), 'Given up', {
      exact: false,
    });
    await delivery.first().waitFor();
    await pickOption(editor, log.getByRole('combobox', { name: 'Status' }), 'All deliveries', {
      exact: false,
    });
    await delivery.first().waitFor();
    await shot(editor, 'webhooks-1-failed-delivery.png');

    // The partner has fixed its receiver. Switching the endpoint on sends nothing by itself: the
    // given-up delivery waits for a person to redeliver it.
    answer = 200;
    await log.getByRole('button', { name: 'Switch on again' }).click();
    await log.locator('[data-testid="kilde-webhook-disabled"]').waitFor({ state: 'detached' });
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toHaveLength(failures);
    expect(await delivery.getAttribute('data-status')).toBe('abandoned');

    const clicked = Date.now();
    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    // The page follows the delivery until it has gone out (no Refresh needed).
    await log
      .locator('[data-testid="kilde-webhook-delivery"][data-status="delivered"]')
      .waitFor({ timeout: 30_000 });
    expect(received.map((r) => r.status)).toEqual([...Array(failures).fill(503), 200]);
    expect((received[failures]?.at ?? 0) >= clicked).toBe(true);
    expect(await delivery.locator('[data-testid="kilde-webhook-delivery-http"]').innerText()).toBe(
      '200',
    );
    expect(
      await delivery.locator('[data-testid="kilde-webhook-delivery-status"]').textContent(),
    ).toBe('Delivered');
    // The endpoint list above follows: on, one delivered, nothing given up.
    expect(await row.getAttribute('data-enabled')).toBe('true');
    await row.getByText('1 delivered · 0 waiting (0 retrying) · 0 given up').waitFor();
    await shot(editor, 'webhooks-2-redelivered.png');
    await editor.context().close();

    // A publisher working in Norwegian reads the same log, and may not act on it.
    await cms.strapi.db
      .query('admin::user')
      .update({ where: { email: 'publisher@example.com' }, data: { preferedLanguage: 'no' } });
    const publisher = await signIn(
      'publisher@example.com',
      `/kilde-webhooks?endpoint=${endpoint.documentId}`,
    );
    const nbLog = publisher.locator('[data-testid="kilde-webhook-log"]');
    await nbLog.getByText('Leveranselogg: Helsestasjon Nord').waitFor({ timeout: 60_000 });
    const nbRow = nbLog.locator('[data-testid="kilde-webhook-delivery"]');
    expect(await nbRow.locator('[data-testid="kilde-webhook-delivery-status"]').textContent()).toBe(
      'Levert',
    );
    await nbLog
      .getByText('Administratorer og redaktører kan levere på nytt og slå mottakere på igjen.')
      .waitFor();
    expect(await nbLog.getByRole('button', { name: 'Lever på nytt' }).count()).toBe(0);
    await shot(publisher, 'webhooks-3-publisher-nb.png');
    await publisher.context().close();
  });

  it('lets an administrator create, rotate and revoke a partner key, and shows an editor the keys without secrets', async () => {
    const partner = await cms.strapi
      .documents('api::partner.partner')
      .create({ data: { name: 'ung.no', contactEmail: 'drift@ung.example' } as never });
    const path = `/content-manager/collection-types/api::partner.partner/${partner.documentId}`;

    const admin = await signIn('admin@example.com', path);
    const panel = admin.locator('[data-testid="kilde-partner-keys"]');
    await panel.waitFor({ timeout: 60_000 });
    await panel.getByText('No keys yet.').waitFor();
    await panel.getByRole('checkbox', { name: 'search' }).click();
    await panel.getByRole('button', { name: 'Create key' }).click();
    const issued = panel.locator('[data-testid="kilde-issued-key"]');
    await issued.waitFor();
    const first = (await issued.innerText()).trim();
    expect(first).toMatch(/^kilde_[\w-]{8}_[\w-]{32}$/);
    await panel.getByText('Copy this key now. It is shown once').waitFor();
    const keys = panel.locator('[data-testid="kilde-partner-key"]');
    await keys.first().waitFor();
    expect(await keys.count()).toBe(1);
    expect(await keys.first().getAttribute('data-status')).toBe('active');
    expect(await keys.first().innerText()).toMatch(/read:content, search|search, read:content/);
    expect((await lookupPartnerKey(cms.strapi.db.connection, first)).status).toBe('active');
    await shot(admin, 'partner-keys-1-created.png');

    // Shown once: after a reload the secret is gone from the page.
    await admin.reload();
    await panel.locator('[data-testid="kilde-partner-key"]').first().waitFor({ timeout: 60_000 });
    expect(await panel.locator('[data-testid="kilde-issued-key"]').count()).toBe(0);
    expect(await admin.locator('body').innerText()).not.toContain(first);

    // Rotate: a new key, shown once; the old one keeps working for 24 hours.
    await panel.getByRole('button', { name: /^Rotate/ }).click();
    await panel.locator('[data-testid="kilde-partner-key"][data-status="expiring"]').waitFor();
    const second = (await panel.locator('[data-testid="kilde-issued-key"]').innerText()).trim();
    expect(second).toMatch(/^kilde_[\w-]{8}_[\w-]{32}$/);
    expect(second).not.toBe(first);
    expect(await keys.count()).toBe(2);
    expect((await lookupPartnerKey(cms.strapi.db.connection, second)).status).toBe('active');
    expect((await lookupPartnerKey(cms.strapi.db.connection, first)).status).toBe('active');

    // Revoke the old one now rather than in 24 hours.
    await panel
      .locator('[data-testid="kilde-partner-key"][data-status="expiring"]')
      .getByRole('button', { name: 'Revoke' })
      .click();
    await panel.locator('[data-testid="kilde-partner-key"][data-status="revoked"]').waitFor();
    expect((await lookupPartnerKey(cms.strapi.db.connection, first)).status).toBe('revoked');
    expect((await lookupPartnerKey(cms.strapi.db.connection, second)).status).toBe('active');
    await shot(admin, 'partner-keys-2-rotated-revoked.png');
    await admin.context().close();

    // An editor sees the same keys, no secret, and no way to change them.
    const editor = await signIn('editor@example.com', path);
    const editorPanel = editor.locator('[data-testid="kilde-partner-keys"]');
    await editorPanel.waitFor({ timeout: 60_000 });
    await editorPanel.locator('[data-testid="kilde-partner-key"]').nth(1).waitFor();
    const statuses: string[] = [];
    for (const key of await editorPanel.locator('[data-testid="kilde-partner-key"]').all())
      statuses.push((await key.getAttribute('data-status')) ?? '');
    statuses.sort();
    expect(statuses).toEqual(['active', 'revoked']);
    await editorPanel.locator('[data-testid="kilde-keys-read-only"]').waitFor();
    expect(await editorPanel.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    expect(await editorPanel.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    const text = await editor.locator('body').innerText();
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
    expect(text).toContain('kilde_');
    await shot(editor, 'partner-keys-3-editor.png');
    await editor.context().close();
  });
});
