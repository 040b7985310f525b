import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createDatabase } from '@kilde/store';
import { createApiServer, type ApiServer } from '../../../api/src';
import { CmsClient } from '../../../api/src/internal/cms-client';
import { searchProviderFromEngine } from '../../../api/src/search/search-provider';
import { startSearchRuntime, type SearchRuntime } from '../../../api/src/search-sync/search-runtime';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const adminBuild = require(join(cmsDir, '..', 'scripts', 'admin-build.js')) as {
  ensureAdminBuild(o?: { stdio?: 'inherit' | 'pipe' | 'ignore' }): { built: boolean; status: number; output?: string };
};

jest.setTimeout(600_000);

const SECRET = 'answer-service-e2e-secret-0123456789abcdef';
const SHOTS = join(cmsDir, '..', 'docs', 'screenshots');
/** Screenshots are documentation: written only on request, so a test run never dirties the tree. */
const WRITE_SHOTS = process.env.KILDE_SCREENSHOTS === '1';
async function shot(target: { screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown> }, name: string): Promise<void> {
  if (WRITE_SHOTS) await target.screenshot({ path: join(SHOTS, name), fullPage: true });
}
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/**
 * The answer service as people use it: a young person asks on the API's `/sporsmal` page and
 * keeps the receipt code; a nurse (the demo professional reviewer) takes the question in the
 * admin's answer service page, sees it without the personal data, and answers; the young person
 * reads the answer with the code.
 */
describe('answer service in the browser (Playwright)', () => {
  let cms: TestCms;
  let apiKnex: Knex;
  let runtime: SearchRuntime;
  let api: ApiServer;
  let apiUrl: string;
  let browser: Browser;
  let accounts: { email: string; password: string }[];

  beforeAll(async () => {
    const build = adminBuild.ensureAdminBuild({ stdio: 'pipe' });
    if (build.status !== 0) throw new Error(`strapi build failed:\n${build.output ?? ''}`);
    if (WRITE_SHOTS) mkdirSync(SHOTS, { recursive: true });
    cms = await startCms({ listen: true, env: { NODE_ENV: 'development', KILDE_SERVE_ADMIN: 'true', KILDE_INTERNAL_SECRET: SECRET } });
    accounts = JSON.parse(readFileSync(join(cms.db.dir, 'demo-accounts.json'), 'utf8')) as { email: string; password: string }[];
    apiKnex = await createDatabase({ url: cms.db.url });
    runtime = await startSearchRuntime({ knex: apiKnex, logger: pino({ level: 'silent' }), pollIntervalMs: 100 });
    api = await createApiServer({
      knex: apiKnex,
      logger: pino({ level: 'silent' }),
      search: searchProviderFromEngine(runtime.engine),
      cms: new CmsClient({ baseUrl: cms.url as string, secret: SECRET }),
      keyCacheSeconds: 0,
      usageFlushSeconds: 3600,
    });
    apiUrl = await api.listen(0);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    try {
      await browser?.close();
      await api?.close();
      await runtime?.close();
      await apiKnex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  async function signIn(email: string, to: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1400 }, locale: 'en-GB' });
    const page = await context.newPage();
    const password = accounts.find((a) => a.email === email)?.password;
    if (!password) throw new Error(`No demo account ${email}`);
    await page.goto(`${cms.url as string}/admin/auth/login?redirectTo=${encodeURIComponent(to)}`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
    const banner = page.getByRole('button', { name: /^Close the banner/ });
    if (await banner.isVisible()) await banner.click();
    return page;
  }

  it('asks as a young person, answers as a nurse in the admin, reads the answer with the receipt', async () => {
    // A young person on a phone, in Norwegian.
    const youth = await (await browser.newContext({ viewport: { width: 420, height: 1000 }, locale: 'nb-NO' })).newPage();
    await youth.goto(`${apiUrl}/sporsmal`);
    await youth.getByLabel('Spørsmålet ditt').fill('Hei, jeg heter Emma Johansen. Jeg har kviser i hele ansiktet og blir lei meg av det. Finnes det noe som hjelper?');
    await youth.getByLabel('Alder').selectOption('16-17');
    await shot(youth, 'answer-service-1-ask.png');
    await youth.getByRole('button', { name: 'Send spørsmålet' }).click();
    const receipt = youth.getByTestId('receipt');
    await receipt.waitFor({ timeout: 30_000 });
    const code = (await receipt.textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    await shot(youth, 'answer-service-2-receipt.png');

    // The nurse: the queue, the question without the name, claim, answer, send.
    const nurse = await signIn('professional-reviewer@example.com', '/kilde-answers');
    await nurse.getByTestId('kilde-answer-service-page').waitFor({ timeout: 60_000 });
    const row = nurse.getByTestId('kilde-answer-row').filter({ hasText: 'kviser' });
    await expect(row.textContent()).resolves.not.toContain('Emma');
    await row.getByRole('button', { name: 'Open' }).click();
    const question = nurse.getByTestId('kilde-answer-question');
    await question.waitFor();
    expect(await question.textContent()).toContain('[navn]');
    expect(await question.textContent()).not.toContain('Johansen');
    await nurse.getByRole('button', { name: 'Take this question' }).click();
    const answerBox = nurse.getByLabel('Answer (Markdown)');
    await answerBox.waitFor({ timeout: 30_000 });
    const answer = 'Kviser er vanlig når du er ung, og det er lov å bli lei seg av dem.\n\nVask ansiktet morgen og kveld med en mild såpe. Snakk med helsesykepleieren eller legen hvis kvisene er vonde eller ikke blir bedre.';
    await answerBox.fill(answer);
    await nurse.locator('#kilde-answer-profession').selectOption('nurse');
    await shot(nurse, 'answer-service-3-admin-answer.png');
    await nurse.getByRole('button', { name: 'Send the answer' }).click();
    await nurse.getByTestId('kilde-answer-message').filter({ hasText: 'The answer was sent' }).waitFor({ timeout: 30_000 });
    expect(await nurse.getByTestId('kilde-answer-status').textContent()).toBe('Answered');
    await shot(nurse, 'answer-service-4-admin-sent.png');

    // The young person comes back with the code.
    await youth.getByLabel('Kode').fill(code.toLowerCase());
    await youth.getByRole('button', { name: 'Vis svaret' }).click();
    const shown = youth.getByTestId('answer');
    await shown.waitFor({ timeout: 30_000 });
    expect(await shown.textContent()).toContain('Vask ansiktet morgen og kveld');
    expect(await youth.getByTestId('answer-by').textContent()).toBe('Svar fra sykepleier');
    await shot(youth, 'answer-service-5-read.png');

    // A wrong code says nothing more than "not found".
    await youth.getByLabel('Kode').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
    await youth.getByRole('button', { name: 'Vis svaret' }).click();
    await youth.getByText('Vi fant ikke noe spørsmål med denne koden').waitFor();
  });
});
