import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from 'playwright-core';
import { startWidgetStack, type WidgetStack } from './stack';

jest.setTimeout(600_000);

const SHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const LOCALES = ['nb', 'nn', 'en'] as const;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const axeSource = (require('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page, shadow DOM included. */
async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not apply to it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    return w.axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
  });
  return result.violations;
}

const describeViolations = (v: AxeViolation[]) =>
  v
    .map(
      (x) => `${x.id} (${x.impact}): ${x.help} — ${JSON.stringify(x.nodes.map((n) => n.target))}`,
    )
    .join('\n');

describe('<kilde-search> in a real browser against the real API and seed library', () => {
  let stack: WidgetStack;
  let browser: Browser;
  /** Every request any page in the privacy-tracked contexts made. */
  const requests: Request[] = [];
  const contexts: BrowserContext[] = [];

  async function open(
    path: string,
    options: { width?: number; height?: number; js?: boolean; origin?: 'partner' | 'api' } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      javaScriptEnabled: options.js ?? true,
      locale: 'nb-NO',
    });
    contexts.push(context);
    context.on('request', (r) => requests.push(r));
    const page = await context.newPage();
    // Fail fast with Playwright's message instead of Jest's generic timeout.
    page.setDefaultTimeout(20_000);
    await page.goto(`${options.origin === 'api' ? stack.api : stack.partner}${path}`);
    return page;
  }

  const combobox = (page: Page) => page.getByRole('combobox');

  /** Waits until the popup shows the answer to what was typed (not a stale one). */
  async function waitForResults(page: Page): Promise<void> {
    await page.waitForFunction(() => {
      const root = document.querySelector('kilde-search')?.shadowRoot;
      const input = root?.querySelector('input[role=combobox]');
      return (
        input?.getAttribute('aria-expanded') === 'true' &&
        !input.hasAttribute('aria-busy') &&
        (root?.querySelector('[role=status]')?.textContent ?? '') !== ''
      );
    });
  }

  beforeAll(async () => {
    stack = await startWidgetStack();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    try {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
    } finally {
      await stack?.stop();
    }
  });

  it('serves the bundle within budget, versioned and immutable, loadable from any origin', async () => {
    expect(stack.size.gzipBytes).toBeLessThanOrEqual(stack.size.budgetGzipBytes);
    const latest = await fetch(`${stack.api}/widget.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(latest.status).toBe(200);
    expect(latest.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(latest.headers.get('cache-control')).toMatch(/max-age=300/);
    expect(latest.headers.get('access-control-allow-origin')).toBe('*');
    const versioned = await fetch(`${stack.api}/widget/${stack.size.hash}.js`);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await versioned.text()).toBe(await latest.text());
    const old = await fetch(`${stack.api}/widget/0123456789abcdef.js`, { redirect: 'manual' });
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe('/widget.js');
  });

  it('finds a misspelt nynorsk query, and a keyboard alone moves through the results and opens one', async () => {
    const page = await open('/?locale=nn');
    // Keyboard only: Tab from the top of the page into the search field.
    await page.keyboard.press('Tab'); // the partner's header link
    await page.keyboard.press('Tab');
    await expect(
      combobox(page).evaluate((el) => el === document.activeElement?.shadowRoot?.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.type('angst på skulne', { delay: 40 });
    await waitForResults(page);

    const input = combobox(page);
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    const listboxId = await input.getAttribute('aria-controls');
    const listbox = page.getByRole('listbox');
    await expect(listbox.getAttribute('id')).resolves.toBe(listboxId);
    // Grouped, labelled, nynorsk UI strings.
    const groups = page.getByRole('group');
    await expect(groups.first().getAttribute('aria-labelledby')).resolves.toBeTruthy();
    const articleGroup = page.getByRole('group', { name: 'Artiklar' });
    await articleGroup.waitFor();
    const first = articleGroup.getByRole('option').first();
    await expect(first.textContent()).resolves.toMatch(/skulen/i);
    await expect(first.locator('mark').count()).resolves.toBeGreaterThan(0);
    // Summary, provider and review date on the hit.
    await expect(first.textContent()).resolves.toMatch(
      /Frå .+ · Fagleg kontrollert \d{2}\.\d{2}\.\d{4}/,
    );
    const status = await page.locator('kilde-search [role=status]').textContent();
    expect(status).toMatch(/^\d+ treff$/);

    const options = page.getByRole('option');
    const count = await options.count();
    expect(count).toBeGreaterThan(1);
    const activeId = () => input.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    expect(await activeId()).toBe(await options.nth(0).getAttribute('id'));
    await expect(options.nth(0).getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await activeId()).toBe(await options.nth(1).getAttribute('id'));
    await page.keyboard.press('End');
    expect(await activeId()).toBe(await options.nth(count - 1).getAttribute('id'));
    await expect(options.nth(count - 1).textContent()).resolves.toMatch(
      /^Vis alle resultat \(\d+\)$/,
    );
    await page.keyboard.press('ArrowDown'); // wraps
    expect(await activeId()).toBe(await options.nth(0).getAttribute('id'));
    await page.keyboard.press('Home');
    expect(await activeId()).toBe(await options.nth(0).getAttribute('id'));
    // Escape closes, focus stays in the field; ArrowDown reopens.
    await page.keyboard.press('Escape');
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await activeId()).toBeNull();
    await page.keyboard.press('ArrowDown');
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    expect(await activeId()).toBe(await options.nth(0).getAttribute('id'));

    // Enter opens the hit: the server-rendered article on the API, its Markdown body as HTML.
    const title = (await first.locator('[part=title]').textContent())!.trim();
    const click = page.waitForRequest((r) => r.url().startsWith(`${stack.api}/v1/search/events`));
    await Promise.all([
      page.waitForURL(`${stack.api}/sok/artikkel/nn/**`),
      page.keyboard.press('Enter'),
    ]);
    const beacon = await click;
    const event = JSON.parse(beacon.postData() ?? '{}') as Record<string, unknown>;
    expect(Object.keys(event).sort()).toEqual(['id', 'position', 'queryId', 'type']);
    expect(event).toMatchObject({ type: 'article', position: 1 });
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
    await expect(page.locator('article .body h2').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nn');
  });

  it('searches as you type with one request per pause, cancelling stale ones', async () => {
    const page = await open('/?locale=nb');
    const searches: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v1/search?'))
        searches.push(new URL(r.url()).searchParams.get('q') ?? '');
    });
    await combobox(page).click();
    await page.keyboard.type('klamydia', { delay: 20 });
    await waitForResults(page);
    // Typed faster than the debounce: only the whole word went out.
    expect(searches).toEqual(['klamydia']);
    const session = (u: string) => new URL(u).searchParams.get('session');
    const first = requests.filter((r) => r.url().includes('/v1/search?q=klamydia')).pop()!;
    expect(session(first.url())).toMatch(/^[0-9a-f]{32}$/);
    const next = page.waitForRequest(
      (r) =>
        r.url().includes('/v1/search?') &&
        new URL(r.url()).searchParams.get('q') === 'klamydia test',
    );
    await page.keyboard.type(' test');
    const second = await next;
    // The same in-memory token for the page load.
    expect(session(second.url())).toBe(session(first.url()));
  });

  it('never leaves a young person empty-handed: zero results offer topics, asking and help services', async () => {
    const page = await open('/?locale=nb');
    await combobox(page).click();
    await page.keyboard.type('qwxzvbnm', { delay: 20 });
    await waitForResults(page);
    await expect(page.locator('kilde-search [part=message]').textContent()).resolves.toBe(
      'Vi fant ingenting om «qwxzvbnm».',
    );
    await page.getByRole('group', { name: 'Her kan du få hjelp' }).waitFor();
    expect(
      await page.getByRole('group', { name: 'Her kan du få hjelp' }).getByRole('option').count(),
    ).toBeGreaterThan(0);
    await expect(
      page.getByRole('option', { name: /Still spørsmålet ditt anonymt/ }).getAttribute('href'),
    ).resolves.toBe(`${stack.api}/sporsmal?locale=nb`);
    expect(
      await page.getByRole('group', { name: 'Temaer som kan hjelpe' }).getByRole('option').count(),
    ).toBeGreaterThan(0);
    await expect(page.locator('kilde-search [role=status]').textContent()).resolves.toMatch(
      /Vi fant ingenting/,
    );
  });

  it('offers a spelling suggestion that searches again when chosen', async () => {
    const page = await open('/?locale=nb');
    // The seed's misspellings are all found by typo tolerance, so the engine never needs to
    // suggest; the API's real answer for a nonsense word gets a `suggestion` added here, and the
    // search the widget then makes is the real thing.
    await page.route(`${stack.api}/v1/search?**`, async (route) => {
      if (new URL(route.request().url()).searchParams.get('q') !== 'klamidyaqq')
        return route.continue();
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, suggestion: 'klamydia' } });
    });
    await combobox(page).click();
    await page.keyboard.type('klamidyaqq', { delay: 20 });
    await waitForResults(page);
    const suggestion = page.getByRole('group', { name: 'Mente du' }).getByRole('option');
    await expect(suggestion.textContent()).resolves.toBe('Mente du «klamydia»?');
    await suggestion.click();
    await expect(combobox(page).inputValue()).resolves.toBe('klamydia');
    await page.waitForFunction(() =>
      /klamydia/i.test(
        document
          .querySelector('kilde-search')
          ?.shadowRoot?.querySelector('[role=option] [part=title]')?.textContent ?? '',
      ),
    );
  });

  it('puts crisis numbers first when the query signals a crisis', async () => {
    const page = await open('/?locale=nn');
    await combobox(page).click();
    await page.keyboard.type('eg vil ikkje leve lenger', { delay: 10 });
    await waitForResults(page);
    const crisis = page.getByRole('group', { name: 'Treng du hjelp no?' });
    await crisis.waitFor();
    const firstGroup = page.getByRole('group').first();
    await expect(firstGroup.getAttribute('aria-labelledby')).resolves.toBe(
      await crisis.getAttribute('aria-labelledby'),
    );
    await expect(crisis.getByRole('option').first().getAttribute('href')).resolves.toMatch(
      /^tel:\d+/,
    );
    await expect(crisis.textContent()).resolves.toMatch(/116 123/);
  });

  it.each(LOCALES)('axe-core finds no violations, closed and open, in %s', async (locale) => {
    const page = await open(`/?locale=${locale}`);
    await page.locator('kilde-search input[role=combobox]').waitFor();
    const closed = await axe(page);
    expect(describeViolations(closed)).toBe('');
    await combobox(page).click();
    await page.keyboard.type(locale === 'en' ? 'anxiety' : 'angst', { delay: 20 });
    await waitForResults(page);
    await page.keyboard.press('ArrowDown');
    const openViolations = await axe(page);
    expect(describeViolations(openViolations)).toBe('');
    // The same on the zero-results view, with its help groups.
    await combobox(page).fill('');
    await page.keyboard.type('qwxzvbnm', { delay: 10 });
    await waitForResults(page);
    await page
      .getByRole('group', { name: /hjelp|help/i })
      .first()
      .waitFor();
    expect(describeViolations(await axe(page))).toBe('');
  });

  it('the demo page shows the widget in nb, nn and en, with CSP and no violations', async () => {
    const res = await fetch(`${stack.api}/demo`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await open('/demo', { origin: 'api' });
    const widgets = page.locator('kilde-search');
    await expect(widgets.count()).resolves.toBe(3);
    await page.locator('kilde-search input[role=combobox]').first().waitFor();
    const placeholders = await Promise.all(
      (await page.locator('kilde-search input[role=combobox]').all()).map((l) =>
        l.getAttribute('placeholder'),
      ),
    );
    expect(placeholders).toHaveLength(3);
    const labels = await page.locator('kilde-search [part=label]').allTextContents();
    expect(labels).toEqual([
      'Søk i helsesidene for unge i Eksempel kommune',
      'Søk i helsesidene for unge i Døme kommune',
      'Search health information for young people',
    ]);
    // Buttons in each UI language.
    await expect(page.locator('kilde-search [part=button]').allTextContents()).resolves.toEqual([
      'Søk',
      'Søk',
      'Search',
    ]);
    expect(describeViolations(await axe(page))).toBe('');
    // The demo searches from the API's own origin (a same-origin GET, which carries no Origin).
    const nn = page.locator('.demo-nn kilde-search input[role=combobox]');
    await nn.click();
    const answer = page.waitForResponse((r) => r.url().includes('/v1/search?'));
    await page.keyboard.type('sovn', { delay: 20 });
    const searched = await answer;
    // (Reading the body of this response can stall in Playwright; the status says enough.)
    expect(searched.status()).toBe(200);
    await page.waitForFunction(
      () =>
        document
          .querySelector('.demo-nn kilde-search')
          ?.shadowRoot?.querySelector('input')
          ?.getAttribute('aria-expanded') === 'true',
    );
    await expect(
      page.locator('.demo-nn kilde-search [role=option]').first().textContent(),
    ).resolves.toMatch(/søvn/i);
  });

  it('fits 320 px and 400 % zoom without horizontal scrolling', async () => {
    // 1280 px at 400 % zoom is a 320 CSS-pixel viewport.
    const page = await open('/?locale=nb', { width: 320, height: 640 });
    await combobox(page).click();
    await page.keyboard.type('angst', { delay: 20 });
    await waitForResults(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator('kilde-search [role=listbox]').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  });

  it('works without JavaScript: the fallback form leads to /sok, and results open', async () => {
    const page = await open('/?locale=nn', { js: false });
    await page.getByRole('searchbox').fill('angst');
    await Promise.all([
      page.waitForURL(`${stack.api}/sok?**`),
      page.getByRole('button', { name: 'Søk' }).click(),
    ]);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nn');
    await expect(page.getByRole('status').textContent()).resolves.toMatch(
      /^\d+ treff for «angst»$/,
    );
    await expect(page.getByRole('heading', { level: 2, name: /^Artiklar/ }).count()).resolves.toBe(
      1,
    );
    const hit = page.locator('ol.hits a').first();
    const title = (await hit.textContent())!.trim();
    await Promise.all([page.waitForURL(`${stack.api}/sok/**`), hit.click()]);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(title);
    // Zero results on /sok, still without JavaScript: help, ask, topics.
    await page.goto(`${stack.api}/sok?q=qwxzvbnm&locale=nb`);
    await expect(page.getByRole('heading', { name: 'Spør oss' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: 'Her kan du få hjelp' }).count()).resolves.toBe(
      1,
    );
    // axe needs JavaScript: check the same pages (which have none of their own) in a normal tab.
    for (const path of [
      '/sok?q=angst&locale=nn',
      '/sok?q=qwxzvbnm&locale=nb',
      '/sok/artikkel/nn/angst-pa-skulen',
    ]) {
      const checked = await open(path, { origin: 'api' });
      expect(`${path}: ${describeViolations(await axe(checked))}`).toBe(`${path}: `);
    }
  });

  it('sends no request outside the API origin and sets no cookie or storage', async () => {
    const origins = new Set(requests.map((r) => new URL(r.url()).origin));
    origins.delete(stack.partner); // the partner's own page
    expect([...origins].filter((o) => o !== stack.api)).toEqual([]);
    for (const context of contexts) {
      expect(await context.cookies()).toEqual([]);
    }
    const page = await open('/?locale=nb');
    await combobox(page).click();
    await page.keyboard.type('søvn', { delay: 20 });
    await waitForResults(page);
    const storage = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookie: document.cookie,
    }));
    expect(storage).toEqual({ local: 0, session: 0, cookie: '' });
    const responses = await Promise.all(
      requests.filter((r) => r.url().startsWith(stack.api)).map((r) => r.response()),
    );
    for (const response of responses) {
      if (response) expect(await response.headerValue('set-cookie')).toBeNull();
    }
  });

  it('takes screenshots of the widget open on a partner page and on /demo (KILDE_SCREENSHOTS=1 only)', async () => {
    if (process.env.KILDE_SCREENSHOTS !== '1') return;
    mkdirSync(SHOTS, { recursive: true });
    const shots = [
      {
        name: 'partner',
        path: '/?locale=nn',
        origin: 'partner',
        host: 'kilde-search',
        query: 'angst på skulen',
      },
      { name: 'demo', path: '/demo', origin: 'api', host: '.demo-nb kilde-search', query: 'angst' },
    ] as const;
    for (const shot of shots) {
      for (const [size, width] of [
        ['desktop', 1280],
        ['320px', 320],
      ] as const) {
        const page = await open(shot.path, { origin: shot.origin, width, height: 900 });
        await page.locator(`${shot.host} input[role=combobox]`).click();
        await page.keyboard.type(shot.query, { delay: 20 });
        // Only a screenshot of real results: the article group must be there.
        await page.locator(`${shot.host} [role=group]`).first().waitFor();
        await page.keyboard.press('ArrowDown');
        await page.screenshot({
          path: join(SHOTS, `widget-${shot.name}-${size}.png`),
          fullPage: true,
        });
      }
    }
  });
});
