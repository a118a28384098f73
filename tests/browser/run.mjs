// The browser test: Debian's headless Chromium driven by playwright-core.
// Signs in as the demo user through the login form, checks the dashboard, opens every
// toolbar tab, signs out; no console error or CSP violation on the way. Saves screenshots
// in $PORTAL_STATE/screenshots/. Prints TAP (with "# pass N" / "# fail N").
//
//   PORTAL_URL=http://127.0.0.1:18080 PORTAL_STATE=.stack-test node tests/browser/run.mjs
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const BASE = (process.env.PORTAL_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const STATE = process.env.PORTAL_STATE || '.stack-test';
const SHOTS = path.resolve(STATE, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DEMO = { email: 'demo@ecs-portal.test', password: 'demo-portal-2026' };

// The toolbar of the guide's appendix "Portal Sections Explained".
const TABS = {
  Employees: ['With Cards Expiring Soon', /Current Employe(e|r)s/i, 'Add New Employee'],
  Applications: ['Applications Requiring Attention', 'Applications Being Produced', 'Completed Applications'],
  Contracts: ['Contracts Being Set Up', 'Contracts in Progress', 'Contracts Completed', 'Create New Contract'],
  Administration: ['Administer Groups', 'Administer Users'],
  'ECS Assessments': ['ECS Assessments'],
  Orders: ['Orders Requiring Attention', 'Orders Being Fulfilled', 'Financial History',
    'Create a New Empty Order', 'Create New Advance Order'],
};

// ---- a minimal TAP producer ----------------------------------------------------------------
let n = 0;
let passed = 0;
let failed = 0;
let bailed = false;
console.log('TAP version 13');

async function step(name, fn) {
  n++;
  if (bailed) {
    console.log(`not ok ${n} - ${name} # skipped after an earlier failure`);
    failed++;
    return;
  }
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok ${n} - ${name}`);
    console.log(`  # ${Date.now() - t0} ms`);
  } catch (e) {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    console.log('  ---');
    console.log(`  message: ${JSON.stringify(String(e && e.message ? e.message : e).split('\n').slice(0, 8).join(' | '))}`);
    console.log('  ...');
    return e;
  }
  return null;
}

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();
const matches = (text, want) => (want instanceof RegExp ? want.test(text) : norm(text).toLowerCase() === want.toLowerCase());

// ---- the run ------------------------------------------------------------------------------------
mkdirSync(SHOTS, { recursive: true });
let browser;
const problems = []; // console errors, CSP violations, failed requests, HTTP errors

// launch() starts Chromium with a fresh temporary profile (user data dir) of its own.
browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
console.log(`# chromium ${browser.version()} against ${BASE}`);

const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
const page = await context.newPage();
page.setDefaultTimeout(10000);
page.on('console', (msg) => {
  if (msg.type() === 'error' || /Content Security Policy/i.test(msg.text())) {
    problems.push(`console ${msg.type()}: ${msg.text()} (${page.url()})`);
  }
});
page.on('pageerror', (err) => problems.push(`page error: ${err.message} (${page.url()})`));
page.on('requestfailed', (req) => {
  const why = req.failure()?.errorText || '';
  if (!/ERR_ABORTED/.test(why)) problems.push(`request failed: ${req.url()} ${why}`);
});
page.on('response', (res) => {
  if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
});
// CSP reports also arrive as "securitypolicyviolation" events in the page.
await context.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
  });
});

try {
  await step('the login page shows the sign-in form', async () => {
    const res = await page.goto(`${BASE}/login`);
    check(res && res.status() === 200, `GET /login: ${res && res.status()}`);
    await page.locator('input[name="email"]').waitFor();
    await page.locator('input[name="password"]').waitFor();
    check(await page.locator('input[type="hidden"][name="_csrf"]').count() === 1, 'no _csrf input');
    const css = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    check(css && css !== 'Times New Roman', 'the stylesheet did not load');
  });

  const signIn = await step('signs in as the demo user through the form', async () => {
    await page.fill('input[name="email"]', DEMO.email);
    await page.fill('input[name="password"]', DEMO.password);
    await Promise.all([
      page.waitForURL(/\/dashboard$/, { timeout: 15000 }),
      page.locator('form button[type="submit"], form input[type="submit"]').first().click(),
    ]);
  });
  if (signIn) bailed = true;

  await step('the dashboard shows its heading, the user and the company name', async () => {
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

  await step('screenshot of the dashboard', async () => {
    const file = path.join(SHOTS, 'dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`# screenshot: ${file}`);
  });

  for (const [tab, sections] of Object.entries(TABS)) {
    await step(`toolbar tab "${tab}" opens and shows its sections`, async () => {
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

  await step('a section not built yet shows "not available yet"', async () => {
    const details = page.locator('nav details').filter({ has: page.locator('summary', { hasText: /^\s*Contracts\s*$/ }) });
    await details.locator('summary').click();
    await Promise.all([
      page.waitForURL(/\/contracts\//),
      details.locator('a', { hasText: /Contracts Being Set Up/i }).click(),
    ]);
    const body = await page.locator('body').innerText();
    check(/not available yet/i.test(body), 'no "not available yet" text');
    check(await page.locator('nav').count() >= 1, 'no toolbar on the page');
  });

  await step('on a phone-sized screen the dashboard fits the width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/dashboard`);
    const { sw, w } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
    const file = path.join(SHOTS, 'dashboard-phone.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`# screenshot: ${file}`);
    check(sw <= w + 1, `the page is ${sw}px wide on a ${w}px screen`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('signs out with the button and lands on the login page', async () => {
    await page.goto(`${BASE}/dashboard`);
    await Promise.all([
      page.waitForURL(/\/login$/),
      page.locator('form[action$="/logout"] button, form[action$="/logout"] input[type="submit"]').first().click(),
    ]);
    const res = await page.goto(`${BASE}/dashboard`);
    check(/\/login$/.test(page.url()), `after sign-out /dashboard went to ${page.url()} (${res && res.status()})`);
  });

  bailed = false;
  await step('no console errors, CSP violations or failed requests', async () => {
    check(problems.length === 0, problems.slice(0, 10).join(' ; '));
  });
} finally {
  await browser.close().catch(() => {});
}

console.log(`1..${n}`);
console.log(`# tests ${n}`);
console.log(`# pass ${passed}`);
console.log(`# fail ${failed}`);
process.exitCode = failed ? 1 : 0;
