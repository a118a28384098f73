// The browser test: Debian's headless Chromium driven by playwright-core.
// Signs in as the demo user through the login form, checks the dashboard, opens every
// toolbar tab, signs out; no console error or CSP violation on the way. Saves screenshots
// in $PORTAL_STATE/screenshots/. Prints TAP (with "# pass N" / "# fail N").
//
//   PORTAL_URL=http://127.0.0.1:18080 PORTAL_STATE=.stack-test node tests/browser/run.mjs
import path from 'node:path';
import { BASE, SHOTS, Tap, check, norm, launch, noProblems, signIn, shot } from './lib.mjs';

// The toolbar of the guide's appendix "Portal Sections Explained".
const TABS = {
  Employees: ['With Cards Expiring Soon', /Current Employe(e|r)s/i, 'Add New Employee'],
  Applications: ['Applications Requiring Attention', 'Applications Being Produced', 'Completed Applications'],
  Contracts: ['Contracts Being Set Up', 'Contracts in Progress', 'Contracts Completed', 'Create New Contract'],
  Administration: ['Administer Groups', 'Administer Users', 'Audit Log'],
  'ECS Assessments': ['ECS Assessments'],
  Orders: ['Orders Requiring Attention', 'Orders Being Fulfilled', 'Financial History',
    'Create a New Empty Order', 'Create New Advance Order'],
};

const tap = new Tap();

const matches = (text, want) => (want instanceof RegExp ? want.test(text) : norm(text).toLowerCase() === want.toLowerCase());

// ---- the run ------------------------------------------------------------------------------------
const { browser, page, problems } = await launch();

try {
  await tap.step('the login page shows the sign-in form', async () => {
    const res = await page.goto(`${BASE}/login`);
    check(res && res.status() === 200, `GET /login: ${res && res.status()}`);
    await page.locator('input[name="email"]').waitFor();
    await page.locator('input[name="password"]').waitFor();
    check(await page.locator('input[type="hidden"][name="_csrf"]').count() === 1, 'no _csrf input');
    const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    check(css && css !== 'Times New Roman', 'the stylesheet did not load');
  });

  const signedIn = await tap.step('signs in as the demo user through the form', async () => {
    await signIn(page, { open: false });
  });
  if (signedIn) tap.bailed = true;

  await tap.step('the dashboard shows its heading, the user and the company name', async () => {
    const h1 = norm(await page.locator('h1').first().innerText());
    check(/welcome/i.test(h1), `h1 is "${h1}"`);
    const body = await page.locator('body').innerText();
    check(body.includes('ECS Check Company 2'), 'company name not shown');
    check(body.includes('Nobit Sherman'), 'user name not shown');
    for (const id of ['count-employees', 'count-expiring', 'count-apps-attention', 'count-apps-produced',
      'count-apps-completed', 'count-orders-attention', 'count-funds']) {
      const el = page.locator(`#${id}`);
      check(await el.count() === 1, `#${id} missing`);
      check(await el.isVisible(), `#${id} not visible`);
      const t = norm(await el.innerText());
      check(id === 'count-funds' ? /^£[0-9,]+\.[0-9]{2}$/.test(t) : /^[0-9]+$/.test(t), `#${id} shows "${t}"`);
    }
  });

  await tap.step('screenshot of the dashboard', async () => {
    await shot(page, 'dashboard');
  });

  for (const [tab, sections] of Object.entries(TABS)) {
    await tap.step(`toolbar tab "${tab}" opens and shows its sections`, async () => {
      const details = page.locator('nav details').filter({
        has: page.locator('summary', { hasText: new RegExp(`^\\s*${tab}\\s*$`) }),
      });
      check(await details.count() === 1, `no toolbar drop-down "${tab}"`);
      const summary = details.locator('summary');
      await summary.click();
      check(await details.evaluate((d) => d.open), `"${tab}" did not open`);
      const links = details.locator('a');
      const texts = (await links.allInnerTexts()).map(norm);
      for (const want of sections) {
        const i = texts.findIndex((t) => matches(t, want));
        check(i >= 0, `"${tab}" lacks the section ${want} (has: ${texts.join(', ')})`);
        check(await links.nth(i).isVisible(), `section ${want} of "${tab}" is not visible`);
        const href = await links.nth(i).getAttribute('href');
        check(href && href.startsWith('/') && href !== '#', `section ${want} links to ${href}`);
      }
      await page.screenshot({ path: path.join(SHOTS, `tab-${tab.toLowerCase().replace(/\W+/g, '-')}.png`) });
      await summary.click(); // close it again
    });
  }

  await tap.step('on a phone-sized screen the dashboard fits the width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/dashboard`);
    const { sw, w } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
    await shot(page, 'dashboard-phone');
    check(sw <= w + 1, `the page is ${sw}px wide on a ${w}px screen`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await tap.step('signs out with the button and lands on the login page', async () => {
    await page.goto(`${BASE}/dashboard`);
    await Promise.all([
      page.waitForURL(/\/login$/),
      page.locator('form[action$="/logout"] button, form[action$="/logout"] input[type="submit"]').first().click(),
    ]);
    const res = await page.goto(`${BASE}/dashboard`);
    check(/\/login$/.test(page.url()), `after sign-out /dashboard went to ${page.url()} (${res && res.status()})`);
  });

  await noProblems(tap, problems);
} finally {
  await browser.close().catch(() => {});
}

tap.finish();
