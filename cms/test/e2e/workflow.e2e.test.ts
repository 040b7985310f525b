import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadSeedLibrary } from '@kilde/content';
import { pickOption } from '../helpers/admin-ui';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as WorkflowModule from '../../src/workflow';
import type * as SeedModule from '../../src/seed/load-seed';
import type * as DemoModule from '../../src/demo/demo-accounts';

// The running CMS's own workflow module (cms/dist), to run the daily job on the test's instance.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflow = require(join(cmsDir, 'dist', 'src', 'workflow')) as typeof WorkflowModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const seed = require(join(cmsDir, 'dist', 'src', 'seed', 'load-seed')) as typeof SeedModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require(join(cmsDir, 'dist', 'src', 'demo', 'demo-accounts')) as typeof DemoModule;
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
async function shot(
  target: { screenshot(o: { path: string }): Promise<unknown> },
  name: string,
): Promise<void> {
  if (WRITE_SHOTS) await target.screenshot({ path: join(SHOTS, name) });
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
  role: string;
  email: string;
  password: string;
}

const today = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

/**
 * One article from draft to published through the real admin, each step by the demo account of
 * its role, with the Kilde panel's quality gate failing first and passing once the professional
 * reviewer has added the source and the responsible person. Screenshots go to docs/screenshots/.
 */
describe('editorial workflow in the admin (Playwright)', () => {
  let cms: TestCms;
  let browser: Browser;
  let accounts: DemoAccount[];

  const account = (email: string): DemoAccount => {
    const found = accounts.find((a) => a.email === email);
    if (!found) throw new Error(`No demo account ${email}`);
    return found;
  };

  /**
   * Signs in as a demo account in a fresh browser context and lands on `to` (an admin path),
   * through the login page's own `redirectTo` so the admin app loads once.
   */
  async function signIn(email: string, to = '/'): Promise<Page> {
    const context = await browser.newContext({
      // Tall enough that the side panel and the homepage fit without inner scrolling in screenshots.
      viewport: { width: 1440, height: 2000 },
      locale: 'en-GB',
    });
    // Records clicks (with the button's state), pointer targets and every notification or dialog
    // the page shows, so a silent Publish click can be explained afterwards (see below).
    await context.addInitScript(() => {
      const w = window as unknown as { __probe: string[] };
      w.__probe = [];
      const t0 = Date.now();
      document.addEventListener(
        'click',
        (e) => {
          const el = e.target as HTMLElement;
          const b = el.closest('button');
          w.__probe.push(
            `${Date.now() - t0} click on ${el.tagName} button="${b?.textContent}" disabled=${b?.disabled} aria-disabled=${b?.getAttribute('aria-disabled')}`,
          );
        },
        true,
      );
      document.addEventListener(
        'pointerdown',
        (e) => {
          const el = e.target as HTMLElement;
          w.__probe.push(
            `${Date.now() - t0} pointerdown on ${el.tagName}.${el.className} text="${el.textContent?.slice(0, 40)}"`,
          );
        },
        true,
      );
      new MutationObserver(() => {
        for (const n of document.querySelectorAll(
          '[role="alert"],[role="status"],[role="dialog"],[role="alertdialog"]',
        )) {
          const t = (n as HTMLElement).innerText?.trim();
          if (t && !w.__probe.includes(`toast ${t}`)) w.__probe.push(`toast ${t}`);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    // KILDE_E2E_CPU_THROTTLE=6 makes Chromium's CPU that many times slower (a loaded CI machine).
    const throttle = Number(process.env.KILDE_E2E_CPU_THROTTLE ?? 0);
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    page.on('response', (r) => {
      if (r.status() >= 500)
        process.stderr.write(`[e2e] ${r.status()} ${r.request().method()} ${r.url()}\n`);
    });
    await page.goto(`${cms.url}/admin/auth/login?redirectTo=${encodeURIComponent(to)}`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', account(email).password);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });
    return page;
  }

  /** Strapi's "new Media Library" announcement would cover the top of a screenshot. */
  async function dismissBanner(page: Page): Promise<void> {
    const banner = page.getByRole('button', { name: /^Close the banner/ });
    if (await banner.isVisible()) await banner.click();
  }

  const articlePath = (documentId: string) =>
    `/content-manager/collection-types/api::article.article/${documentId}?plugins[i18n][locale]=nb`;

  async function openArticle(email: string, documentId: string, stage: string): Promise<Page> {
    const page = await signIn(email, articlePath(documentId));
    await page.waitForSelector(`[data-testid="kilde-stage"][data-stage="${stage}"]`, {
      timeout: 60_000,
    });
    await dismissBanner(page);
    return page;
  }

  async function step(page: Page, id: string, nextStage: string): Promise<void> {
    await page.locator(`[data-step="${id}"]`).click();
    await page.waitForSelector(`[data-testid="kilde-stage"][data-stage="${nextStage}"]`);
  }

  const verdict = (page: Page, passed: boolean) =>
    page.waitForSelector(`[data-testid="kilde-gate-verdict"][data-passed="${String(passed)}"]`, {
      timeout: 30_000,
    });

  /** Picks an option in one of Strapi's selects, as an editor does: see {@link pickOption}. */
  const choose = (page: Page, field: RegExp, option: string): Promise<void> =>
    pickOption(page, page.getByRole('combobox', { name: field }), option);

  beforeAll(async () => {
    // The project's globalSetup has built the admin bundle; this is a no-op unless the test runs
    // on its own (e.g. `jest path/to/this/file` without the e2e project).
    const build = adminBuild.ensureAdminBuild({ stdio: 'pipe' });
    if (build.status !== 0) throw new Error(`strapi build failed:\n${build.output ?? ''}`);
    if (WRITE_SHOTS) mkdirSync(SHOTS, { recursive: true });
    cms = await startCms({
      listen: true,
      // Development mode creates the demo accounts; the admin bundle is served by this instance.
      env: { NODE_ENV: 'development', KILDE_SERVE_ADMIN: 'true' },
    });
    accounts = JSON.parse(
      readFileSync(join(cms.db.dir, 'demo-accounts.json'), 'utf8'),
    ) as DemoAccount[];
    // A slice of the seed library (all organisations and topics, a third of the articles) gives
    // the widgets something to show in a few seconds rather than the full library's half minute.
    const library = loadSeedLibrary();
    const keys = new Set([...new Set(library.articles.map((a) => a.key))].slice(0, 20));
    await workflow.runAs(
      workflow.systemActor('seed'),
      () =>
        seed.loadSeed(cms.strapi, {
          ...library,
          services: [],
          articles: library.articles.filter((a) => keys.has(a.key)),
          questions: library.questions.slice(0, 12),
        }),
      { changeNote: { kind: 'content-update', text: 'Kilde seed library (e2e slice)' } },
    );
    // Now that organisations exist, the demo local editor gets theirs.
    await demo.ensureDemoAccounts(cms.strapi, cms.db.dir);
    // Two of the demo users work in Norwegian, so the screenshots show both languages.
    await cms.strapi.db.query('admin::user').updateMany({
      where: { email: { $in: ['publisher@example.com', 'local-editor@example.com'] } },
      data: { preferedLanguage: 'no' },
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await cms?.stop();
    }
  });

  it('walks one article from draft to published, each step by its role, the gate failing then passing', async () => {
    // Writer: a new draft without sources or a responsible professional — the gate says no.
    const writer = await signIn(
      'writer@example.com',
      '/content-manager/collection-types/api::article.article/create?plugins[i18n][locale]=nb',
    );
    await writer.waitForSelector('[data-testid="kilde-panel"]');
    await dismissBanner(writer);
    await writer.fill('input[name="title"]', 'Søvn og skjerm om kvelden');
    await writer.fill('input[name="slug"]', 'sovn-og-skjerm-om-kvelden');
    await writer.fill(
      'textarea[name="summary"]',
      'Hvorfor skjermen om kvelden gjør det vanskelig å sovne, og hva du kan gjøre med det.',
    );
    // The body is Strapi's CodeMirror editor: typing goes wherever the focus is, so check that the
    // text arrived. Under load a click can land before the editor takes focus; the text is then
    // lost, the draft saves anyway (drafts skip required fields) and only Publish refuses, with
    // "Verdien er påkrevet" under the body. An editor would see the empty box and type again.
    const bodyEditor = writer.locator('.CodeMirror').first();
    for (let attempt = 1; ; attempt += 1) {
      await bodyEditor.click();
      await writer.keyboard.insertText(
        '## Hvorfor\n\nLyset fra skjermen holder deg våken. Legg bort mobilen en time før du skal sove.\n',
      );
      const deadline = Date.now() + 5_000;
      while (
        Date.now() < deadline &&
        !(await bodyEditor.innerText()).includes('Lyset fra skjermen')
      ) {
        await writer.waitForTimeout(100);
      }
      if ((await bodyEditor.innerText()).includes('Lyset fra skjermen')) break;
      if (attempt === 3) throw new Error('the body editor did not take the text after 3 tries');
      process.stderr.write('[e2e] the body editor did not take the text; typing again\n');
    }
    await verdict(writer, false);
    expect(
      await writer.locator('[data-rule="sources-required"][data-severity="error"]').count(),
    ).toBe(1);
    expect(
      await writer
        .locator('[data-rule="professionally-responsible"][data-severity="error"]')
        .count(),
    ).toBe(1);
    expect(await writer.locator('[data-testid="kilde-lix"]').innerText()).toMatch(/LIX \d+\.\d/);
    await writer.getByRole('button', { name: 'Save', exact: true }).click();
    await writer.waitForURL(/api::article\.article\/(?!create)[a-z0-9]+/);
    const documentId = /api::article\.article\/([a-z0-9]+)/.exec(writer.url())![1]!;
    await writer.waitForSelector('[data-testid="kilde-stage"][data-stage="draft"]');
    // A writer may not publish: Strapi greys the button out, and the server refuses anyway.
    expect(await writer.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(
      true,
    );
    await shot(writer.locator('[data-testid="kilde-panel"]'), 'panel-gate-failing.png');
    await writer.getByLabel('Comment (optional)').fill('Klar for fagvurdering');
    await step(writer, 'submit-for-professional-review', 'professional-review');
    await writer.context().close();

    // Professional reviewer: adds the responsible professional and a source — the gate passes.
    const reviewer = await openArticle(
      'professional-reviewer@example.com',
      documentId,
      'professional-review',
    );
    await verdict(reviewer, false);
    await reviewer.getByRole('button', { name: 'No entry yet. Click to add one.' }).first().click();
    await reviewer.fill('input[name="professionallyResponsible.name"]', 'Kari Fagansvarlig');
    await choose(reviewer, /^profession/, 'doctor');
    await reviewer.getByRole('button', { name: 'No entry yet. Click to add one.' }).first().click();
    await reviewer.fill('input[name="sources.0.title"]', 'Søvnveileder for ungdom');
    await reviewer.fill('input[name="sources.0.url"]', 'https://example.org/sovn');
    await choose(reviewer, /^kind/, 'guideline');
    await verdict(reviewer, true);
    await reviewer.getByRole('button', { name: 'Save', exact: true }).click();
    await reviewer.getByText('Saved document').first().waitFor();
    await shot(reviewer.locator('[data-testid="kilde-panel"]'), 'panel-gate-passing.png');
    await step(reviewer, 'approve-professional', 'editorial-review');
    await reviewer.context().close();

    // Editor: language review done — ready.
    const editor = await openArticle('editor@example.com', documentId, 'editorial-review');
    await step(editor, 'approve-editorial', 'ready');
    await editor.context().close();

    // Publisher (in Norwegian): picks the change note and publishes with Strapi's own button.
    const publisher = await openArticle('publisher@example.com', documentId, 'ready');
    const isPublish = (r: { url(): string; method(): string }) =>
      r.url().includes('/actions/publish') && r.method() === 'POST';
    const requests: string[] = [];
    const t0 = Date.now();
    publisher.on('request', (r) => {
      if (!/\.(js|css|png|svg|woff2?)$/.test(new URL(r.url()).pathname))
        requests.push(`${Date.now() - t0} ms ${r.method()} ${new URL(r.url()).pathname}`);
    });
    /** Picks the change note, lets the form settle and clicks Publish; the request, or null. */
    const publishThroughButton = async () => {
      await verdict(publisher, true);
      await publisher
        .locator('[data-testid="kilde-change-note"]')
        .getByRole('button', { name: /^(Faglig gjennomgang|Professional review)$/ })
        .click();
      await publisher
        .getByLabel(/^(Hva er endret\?|What changed\?)$/)
        .fill('Første versjon, fagvurdert');
      // Let the form settle (the live gate check and the panel's refresh are requests too).
      await verdict(publisher, true);
      await publisher.waitForLoadState('networkidle');
      const sent = publisher.waitForRequest(isPublish, { timeout: 30_000 });
      await publisher.getByRole('button', { name: /^(Publiser|Publish)$/ }).click();
      return sent.catch(() => null);
    };
    let request = await publishThroughButton();
    if (!request) {
      // Session 2 saw, three times under full-suite load, a Publish click that sent no request
      // (not reproduced since, also not with Chromium's CPU throttled 8×). Say what the page
      // showed — each click with the button's state, every notification, dialog and field error,
      // the requests after it — then do what an editor would: reload and publish again through
      // the button. A second silent click fails the test.
      const trace = await publisher.evaluate(
        () => (window as unknown as { __probe: string[] }).__probe,
      );
      // Each field error with its field: the input that points at the error (aria-describedby),
      // else the nearest labelled container.
      const fieldErrors = await publisher.locator('[id$="-error"]').evaluateAll((els) =>
        els.map((el) => {
          const field = document.querySelector(`[aria-describedby~="${el.id}"]`);
          const name =
            field?.getAttribute('name') ??
            field?.getAttribute('aria-label') ??
            el.closest('[class]')?.parentElement?.querySelector('label')?.textContent ??
            '?';
          return `${name}: ${el.textContent ?? ''}`;
        }),
      );
      process.stderr.write(
        `[e2e] the Publish button sent no request within 30 s; reloading and clicking again\n` +
          `[e2e] page trace: ${JSON.stringify(trace)}\n[e2e] field errors: ${JSON.stringify(fieldErrors)}\n[e2e] requests after the click: ${JSON.stringify(requests)}\n`,
      );
      await publisher.reload();
      await publisher.waitForSelector('[data-testid="kilde-stage"][data-stage="ready"]', {
        timeout: 60_000,
      });
      request = await publishThroughButton();
    }
    if (!request) throw new Error('The Publish button sent no request, twice (see [e2e] above)');
    const response = (await request.response())!;
    const status = response.status();
    const body = response.ok() ? '' : await response.text();
    // The server's verdict first: a refusal names its reason here rather than as a timeout below.
    expect({ status, body }).toEqual({ status: 200, body: '' });
    await publisher
      .waitForSelector('[data-testid="kilde-stage"][data-stage="published"]', { timeout: 60_000 })
      .catch(async (err: Error) => {
        // Say why: Strapi's notifications and the panel's own state at the moment it gave up.
        const notes = await publisher.locator('[role="alert"], [role="status"]').allInnerTexts();
        const panel = await publisher.locator('[data-testid="kilde-panel"]').innerText();
        const stored = await cms.strapi.db
          .connection('kilde_workflow_events')
          .where({ doc_id: documentId })
          .select('kind', 'to_stage');
        throw new Error(
          `${err.message}\nnotifications: ${JSON.stringify(notes)}\npanel: ${panel.slice(0, 800)}\nevents: ${JSON.stringify(stored)}`,
        );
      });
    await publisher
      .locator('[data-testid="kilde-review"]')
      .getByText(new RegExp(`(Sist gjennomgått|Last reviewed): ${today()}`))
      .waitFor();
    await shot(publisher, 'edit-view-published.png');
    await shot(publisher.locator('[data-testid="kilde-panel"]'), 'panel-published.png');
    await publisher.context().close();

    // The published version is what partners read, reviewed today, with its history.
    const knex = cms.strapi.db.connection;
    const stored = await knex('kilde_documents')
      .where({ doc_id: documentId, locale: 'nb' })
      .first();
    expect(JSON.parse(stored.document)).toMatchObject({
      title: 'Søvn og skjerm om kvelden',
      lastReviewed: today(),
      sources: [{ url: 'https://example.org/sovn' }],
    });
    const log = await workflow.listEvents(knex, { documentId, locale: 'nb' });
    expect(log.map((e) => `${e.kind}:${e.actorName}`)).toEqual([
      'publish:Publisher (publiserer) Demo',
      'transition:Editor (redaktør) Demo',
      'transition:Professional reviewer (fagansvarlig) Demo',
      'transition:Writer (skribent) Demo',
    ]);
  });

  it('shows the editorial widgets on the homepage to each role', async () => {
    // The daily job has run: seed articles reviewed long ago are overdue, and editors were told.
    await workflow.runReviewCycle(cms.strapi);
    // And a writer has a draft in progress that the gate would stop.
    const writerId = (await cms.strapi.db
      .query('admin::user')
      .findOne({ where: { email: 'writer@example.com' } })) as { id: number };
    await workflow.runAs(await workflow.adminActor(cms.strapi, writerId.id), () =>
      cms.strapi.documents('api::article.article').create({
        locale: 'nb',
        data: {
          title: 'Energi og søvn (utkast)',
          slug: 'energi-og-sovn-utkast',
          summary: 'Utkast uten kilder.',
          body: '## Energi\n\nSov nok.\n',
          licence: 'CC-BY-4.0',
        } as never,
      }),
    );

    for (const email of ['local-editor@example.com', 'professional-reviewer@example.com']) {
      const page = await signIn(email);
      await page
        .getByRole('region', { name: /Mine oppgaver per trinn|My tasks by stage/ })
        .waitFor();
      await dismissBanner(page);
      await shot(page, `homepage-${email.split('@')[0]}.png`);
      await page.context().close();
    }

    const admin = await signIn('admin@example.com');
    await admin.getByRole('region', { name: /My tasks by stage/ }).waitFor();
    await dismissBanner(admin);
    const widgets: [string, RegExp, string][] = [
      ['tasks', /My tasks by stage/, 'kilde-widget-tasks'],
      ['reviews', /Reviews: overdue and due soon/, 'kilde-widget-reviews'],
      ['gate', /Gate failures in work in progress/, 'kilde-widget-gate'],
      ['nynorsk', /Nynorsk share of published articles/, 'kilde-widget-nynorsk'],
      ['translations', /Translation gaps per topic/, 'kilde-widget-translations'],
      ['notifications', /Notifications \(development mail sink\)/, 'kilde-widget-notifications'],
    ];
    for (const [name, title, testId] of widgets) {
      const region = admin.getByRole('region', { name: title });
      await region.scrollIntoViewIfNeeded();
      await region.locator(`[data-testid="${testId}"]`).waitFor({ timeout: 30_000 });
      await shot(region, `widget-${name}.png`);
    }
    // The nynorsk widget does the language-act arithmetic from the published articles.
    const needed = Number(
      await admin.locator('[data-testid="kilde-widget-nynorsk"]').getAttribute('data-needed'),
    );
    expect(Number.isInteger(needed) && needed >= 0).toBe(true);
    expect(await admin.locator('[data-testid="kilde-widget-reviews"]').innerText()).toMatch(
      /overdue \(\d+\)/i,
    );
    expect(await admin.locator('[data-testid="kilde-widget-notifications"]').innerText()).toMatch(
      /editor@example\.com/,
    );
    expect(await admin.locator('[data-testid="kilde-widget-gate"]').innerText()).toMatch(
      /Energi og søvn \(utkast\)[\s\S]*sources-required/i,
    );
    await shot(admin, 'homepage-admin.png');

    // The audit log page shows the publish of the walk above and the sign-ins, and filters.
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.locator('[data-testid="kilde-audit-entry"]').first().waitFor({ timeout: 30_000 });
    expect(
      await admin
        .locator('[data-testid="kilde-audit-entry"][data-action="content.publish"]')
        .count(),
    ).toBeGreaterThan(0);
    expect(
      await admin.locator('[data-testid="kilde-audit-entry"][data-action="auth.login"]').count(),
    ).toBeGreaterThan(0);
    await pickOption(admin, admin.getByLabel('Outcome'), 'Failed', { exact: false });
    await admin.getByRole('button', { name: 'Apply filters' }).click();
    await admin.getByText('No entries match these filters.').waitFor();
    await shot(admin, 'audit-log.png');
    await admin.context().close();
  });
});
