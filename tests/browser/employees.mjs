// The browser test of the employees module: Debian's headless Chromium driven by playwright-core.
// Signs in as the demo user; Employees -> Add New Employee; looks up Jeff Jones (demo register)
// and confirms; looks up an unknown NI number and adds the new operative through the not-found
// form (the declaration must be ticked); sees both in Current Employees. No console error or
// CSP violation on the way. Screenshot: $PORTAL_STATE/screenshots/employees.png. Prints TAP.
//
//   (run by ./stack test; needs its environment: PORTAL_URL, PORTAL_STATE, MYSQL_CMD)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql, sqlValue, freshNi, uniqueTag } from '../lib/portal.mjs';

const BASE = (process.env.PORTAL_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const STATE = process.env.PORTAL_STATE || '.stack-test';
const SHOTS = path.resolve(STATE, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DEMO = { email: 'demo@ecs-portal.test', password: 'demo-portal-2026' };
const JEFF = { ni: 'AA654321D', dob: '22/09/1990', last: 'Jones' };

// ---- a minimal TAP producer (as in run.mjs) -----------------------------------------------------
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
    return null;
  }
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok ${n} - ${name}`);
    console.log(`  # ${Date.now() - t0} ms`);
  } catch (e) {
    failed++;
    bailed = true; // each step builds on the one before
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

// ---- fixtures ----------------------------------------------------------------------------------
// Jeff Jones must not be a current employee of the demo company (a re-run on the same database).
const company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
const jeffId = sqlValue(`SELECT id FROM operatives WHERE ni_number = '${JEFF.ni}'`);
sql(`UPDATE employments SET ended_on = GREATEST(started_on, CURDATE())
      WHERE operative_id = ${jeffId} AND company_id = ${company} AND ended_on IS NULL`);
const tag = uniqueTag().replace(/[0-9]/g, (d) => 'abcdefghij'[d]);
const NEW = { ni: freshNi(), dob: '14/02/1993', first: `Brow${tag}`, last: 'Jonesby', title: 'Ms' };
const today = new Date().toISOString().slice(0, 10);

// ---- the run ------------------------------------------------------------------------------------
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
await context.addInitScript(() => {
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
  });
});

async function openSection(tab, section) {
  const details = page.locator('nav details').filter({
    has: page.locator('summary', { hasText: new RegExp(`^\\s*${tab}\\s*$`) }),
  });
  check(await details.count() === 1, `no toolbar drop-down "${tab}"`);
  await details.locator('summary').click();
  await Promise.all([
    page.waitForLoadState('load'),
    details.locator('a', { hasText: section }).first().click(),
  ]);
}

async function submit(form, urlPattern) {
  await Promise.all([
    page.waitForURL(urlPattern, { timeout: 15000 }),
    page.locator(`${form} button[type="submit"]`).first().click(),
  ]);
}

let jeffUrl = '';
let newUrl = '';

try {
  await step('signs in as the demo user', async () => {
    await page.goto(`${BASE}/login`);
    await page.fill('input[name="email"]', DEMO.email);
    await page.fill('input[name="password"]', DEMO.password);
    await Promise.all([
      page.waitForURL(/\/dashboard$/, { timeout: 15000 }),
      page.locator('form button[type="submit"], form input[type="submit"]').first().click(),
    ]);
  });

  await step('Employees -> Add New Employee opens the lookup form', async () => {
    await openSection('Employees', 'Add New Employee');
    check(/\/employees\/add$/.test(page.url()), `at ${page.url()}`);
    await page.locator('#lookup-form').waitFor();
    check(/Add New Employee/.test(await page.locator('h1').first().innerText()), 'no "Add New Employee" heading');
  });

  await step('looks up Jeff Jones by NI number, date of birth and last name: found', async () => {
    await page.fill('#ni', 'aa 65 43 21 d');
    await page.fill('#dob', JEFF.dob);
    await page.fill('#last_name', JEFF.last);
    await submit('#lookup-form', /\/employees\/lookup$/);
    await page.locator('#found').waitFor();
    check(norm(await page.locator('#found-name').innerText()) === 'Mr Jeff Jones', `found ${await page.locator('#found-name').innerText()}`);
    check(norm(await page.locator('#found-ni').innerText()) === JEFF.ni, 'NI number not shown');
    check(await page.locator('#already-employed').count() === 0, 'Jeff is already an employee');
  });

  await step('CONFIRM & CONTINUE adds Jeff Jones and shows his page', async () => {
    await page.selectOption('#office_id', { label: 'ECS Check Company 2 Head Office' });
    await page.fill('#started_on', today);
    await submit('#confirm-form', /\/employees\/\d+$/);
    jeffUrl = new URL(page.url()).pathname;
    check(jeffUrl === `/employees/${jeffId}`, `went to ${jeffUrl}`);
    check(norm(await page.locator('#employee-name').innerText()) === 'Mr Jeff Jones', 'not his page');
    check(norm(await page.locator('#employee-status').innerText()) === 'Current employee', 'not a current employee');
    check((await page.locator('body').innerText()).includes(JEFF.ni), 'his page does not show the NI number');
  });

  await step('looks up an unknown NI number: the not-found form with NI number and date of birth carried over', async () => {
    await openSection('Employees', 'Add New Employee');
    await page.fill('#ni', NEW.ni);
    await page.fill('#dob', NEW.dob);
    await page.fill('#last_name', NEW.last);
    await submit('#lookup-form', /\/employees\/lookup$/);
    await page.locator('#not-found').waitFor();
    check(norm(await page.locator('#notfound-ni').innerText()) === NEW.ni, 'NI number not carried over');
    check(norm(await page.locator('#notfound-dob').innerText()) === NEW.dob, 'date of birth not carried over');
    check(await page.inputValue('#last_name') === NEW.last, 'last name not carried over');
    const decl = norm(await page.locator('#declaration').innerText());
    check(decl.includes('Nobit Sherman') && decl.includes('ECS Check Company 2'), `declaration: ${decl}`);
  });

  await step('without the declaration ticked the operative is not added', async () => {
    await page.selectOption('#title', NEW.title);
    await page.fill('#first_name', NEW.first);
    await page.selectOption('#gender', 'female');
    await page.selectOption('#office_id', { label: 'ECS Check Office 2 - EASTERN' });
    await page.fill('#started_on', today);
    check(!(await page.isChecked('#declaration-confirm')), 'the declaration is ticked in advance');
    // The form is novalidate: the server answers with the error next to the declaration.
    await submit('#create-form', /\/employees\/create$/);
    await page.locator('#declaration-error').waitFor();
    check(await page.inputValue('#first_name') === NEW.first, 'the first name typed is lost');
    check(sqlValue(`SELECT COUNT(*) FROM operatives WHERE ni_number = '${NEW.ni}'`) === '0', 'created without the declaration');
  });

  await step('ticking the declaration and CONFIRM & CONTINUE adds the new operative', async () => {
    await page.check('#declaration-confirm');
    await submit('#create-form', /\/employees\/\d+$/);
    newUrl = new URL(page.url()).pathname;
    const h1 = norm(await page.locator('#employee-name').innerText());
    check(h1 === `${NEW.title} ${NEW.first} ${NEW.last}`, `heading ${h1}`);
    check((await page.locator('body').innerText()).includes(NEW.ni), 'the NI number is not shown');
    check(sqlValue(`SELECT date_of_birth FROM operatives WHERE ni_number = '${NEW.ni}'`) === '1993-02-14', 'wrong date of birth');
  });

  await step('both are in Current Employees (search "Jones"), with masked NI numbers and links to their pages', async () => {
    await openSection('Employees', /Current Employe(e|r)s/i);
    check(/\/employees\/current/.test(page.url()), `at ${page.url()}`);
    await page.fill('#q', 'Jones');
    await Promise.all([page.waitForURL(/q=Jones/), page.locator('#search-form button[type="submit"]').click()]);
    const rows = page.locator('#employees-table tbody tr');
    const texts = (await rows.allInnerTexts()).map(norm);
    const jeff = texts.find((t) => t.includes('Jones, Jeff'));
    const neu = texts.find((t) => t.includes(`${NEW.last}, ${NEW.first}`));
    check(jeff, `Jeff Jones not listed: ${texts.join(' / ')}`);
    check(neu, `the new operative not listed: ${texts.join(' / ')}`);
    check(jeff.includes('*****321D') && !jeff.includes(JEFF.ni), `Jeff's NI number not masked: ${jeff}`);
    check(neu.includes(`*****${NEW.ni.slice(-4)}`) && !neu.includes(NEW.ni), `NI number not masked: ${neu}`);
    check(await page.locator(`#employees-table a[href="${jeffUrl}"]`).count() === 1, 'no link to Jeff');
    check(await page.locator(`#employees-table a[href="${newUrl}"]`).count() === 1, 'no link to the new operative');
    const file = path.join(SHOTS, 'employees.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`# screenshot: ${file}`);
  });

  await step('the link in the list opens the employee page', async () => {
    await Promise.all([page.waitForURL(new RegExp(`${newUrl}$`)), page.locator(`#employees-table a[href="${newUrl}"]`).click()]);
    check(norm(await page.locator('#employee-name').innerText()).endsWith(`${NEW.first} ${NEW.last}`), 'not the new operative');
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
