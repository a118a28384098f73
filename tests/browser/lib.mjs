// What the browser tests (run.mjs, employees.mjs, applications.mjs) share: their settings from
// the environment, Debian's headless Chromium driven by playwright-core with a page that collects
// console errors and CSP violations, a minimal TAP producer, signing in as the demo user and a
// few page helpers.
//
//   PORTAL_URL (http://127.0.0.1:18080), PORTAL_STATE (.stack-test: screenshots go in its
//   screenshots/), CHROMIUM (/usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const BASE = (process.env.PORTAL_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
export const STATE = process.env.PORTAL_STATE || '.stack-test';
export const SHOTS = path.resolve(STATE, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const DEMO = { email: 'demo@ecs-portal.test', password: 'demo-portal-2026' };

// ---- a minimal TAP producer ----------------------------------------------------------------
// new Tap() prints the TAP header. step(name, fn) runs one test and returns its error (null when
// it passed or was skipped); after a failure, with bailOnFailure (each step builds on the one
// before) or once bailed is set by hand, the following steps are skipped and count as failed.
// finish() prints the plan and the "# tests/pass/fail N" lines and sets the exit code.
export class Tap {
  constructor({ bailOnFailure = false } = {}) {
    this.bailOnFailure = bailOnFailure;
    this.bailed = false;
    this.n = 0;
    this.passed = 0;
    this.failed = 0;
    console.log('TAP version 13');
  }

  async step(name, fn) {
    this.n++;
    const n = this.n;
    if (this.bailed) {
      console.log(`not ok ${n} - ${name} # skipped after an earlier failure`);
      this.failed++;
      return null;
    }
    const t0 = Date.now();
    try {
      await fn();
      this.passed++;
      console.log(`ok ${n} - ${name}`);
      console.log(`  # ${Date.now() - t0} ms`);
    } catch (e) {
      this.failed++;
      if (this.bailOnFailure) this.bailed = true;
      console.log(`not ok ${n} - ${name}`);
      console.log('  ---');
      console.log(`  message: ${JSON.stringify(String(e && e.message ? e.message : e).split('\n').slice(0, 8).join(' | '))}`);
      console.log('  ...');
      return e;
    }
    return null;
  }

  finish() {
    console.log(`1..${this.n}`);
    console.log(`# tests ${this.n}`);
    console.log(`# pass ${this.passed}`);
    console.log(`# fail ${this.failed}`);
    process.exitCode = this.failed ? 1 : 0;
  }
}

export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

export const norm = (s) => s.replace(/\s+/g, ' ').trim();

// ---- the browser ------------------------------------------------------------------------------
// Makes the screenshot folder and starts Chromium (launch() gives it a fresh temporary profile,
// a user data dir of its own) with one 1280x900 en-GB page. problems collects console errors,
// CSP violations, failed requests and HTTP errors on the way.
export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  console.log(`# chromium ${browser.version()} against ${BASE}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
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
  return { browser, context, page, problems };
}

// The last step of each run: runs even after a failure.
export async function noProblems(tap, problems) {
  tap.bailed = false;
  await tap.step('no console errors, CSP violations or failed requests', async () => {
    check(problems.length === 0, problems.slice(0, 10).join(' ; '));
  });
}

// ---- page helpers -----------------------------------------------------------------------------
// Clicks locator and waits for the URL to match urlPattern.
export async function clickTo(page, locator, urlPattern) {
  await Promise.all([page.waitForURL(urlPattern, { timeout: 15000 }), locator.click()]);
}

// Signs in as the demo user through the login form and waits for the dashboard; open: false
// when the login page is already shown.
export async function signIn(page, { open = true } = {}) {
  if (open) await page.goto(`${BASE}/login`);
  await page.fill('input[name="email"]', DEMO.email);
  await page.fill('input[name="password"]', DEMO.password);
  await clickTo(page, page.locator('form button[type="submit"], form input[type="submit"]').first(), /\/dashboard$/);
}

// Opens the toolbar drop-down tab and follows its link to section (text or RegExp).
export async function openSection(page, tab, section) {
  const details = page.locator('nav details').filter({
    has: page.locator('summary', { hasText: new RegExp(`^\\s*${tab}\\s*$`) }),
  });
  check(await details.count() === 1, `no toolbar drop-down "${tab}"`);
  await details.locator('summary').click();
  await Promise.all([page.waitForLoadState('load'), details.locator('a', { hasText: section }).first().click()]);
}

// A full-page screenshot in SHOTS/NAME.png, named in a TAP comment.
export async function shot(page, name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`# screenshot: ${file}`);
}
