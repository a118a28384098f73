// The browser test of the applications module: guide 1.3 and 1.4 for Jeff Jones in Debian's
// headless Chromium (playwright-core). Makes sure Jeff is a current employee of the demo company
// (adds him through the lookup when not), cancels any open craft application of his (re-runs),
// ticks him in Current Employees, START APPLICATIONS FOR EMPLOYEES, chooses "Craft or Related
// Disciplines - Initial", fills step 1 with a photo, verifies LCL/500007 manually with CHECK
// DETAILS and chooses to sit the HS&E assessment online, chooses Core - Electrical / Electrical
// Labourer (2018) and a grade, FINALISE & REVIEW, ticks the declaration and FINALISE NOW, and
// sees him under Finalised Applications - Awaiting Ordering. Screenshots:
// $PORTAL_STATE/screenshots/application-step*.png. Prints TAP.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { sql, sqlValue, pngImage } from '../lib/portal.mjs';

const BASE = (process.env.PORTAL_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const STATE = process.env.PORTAL_STATE || '.stack-test';
const SHOTS = path.resolve(STATE, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DEMO = { email: 'demo@ecs-portal.test', password: 'demo-portal-2026' };
const JEFF = { ni: 'AA654321D', dob: '22/09/1990', last: 'Jones' };

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
    bailed = true;
    console.log(`not ok ${n} - ${name}`);
    console.log('  ---');
    console.log(`  message: ${JSON.stringify(String(e && e.message ? e.message : e).split('\n').slice(0, 8).join(' | '))}`);
    console.log('  ...');
  }
}

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

// ---- fixtures: re-runnable -----------------------------------------------------------------
const company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
const jeffId = sqlValue(`SELECT id FROM operatives WHERE ni_number = '${JEFF.ni}'`);
sql(`UPDATE applications a JOIN card_types t ON t.id = a.card_type_id SET a.state = 'cancelled'
      WHERE a.operative_id = ${jeffId} AND a.company_id = ${company} AND t.code = 'craft'
        AND a.state NOT IN ('dispatched', 'cancelled')`);
const employed = sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${jeffId} AND company_id = ${company}
                            AND ended_on IS NULL`) !== '0';
const today = new Date().toISOString().slice(0, 10);
const PHOTO = pngImage(400, 500);

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
  await Promise.all([page.waitForLoadState('load'), details.locator('a', { hasText: section }).first().click()]);
}

async function clickTo(locator, urlPattern) {
  await Promise.all([page.waitForURL(urlPattern, { timeout: 15000 }), locator.click()]);
}

async function shot(name) {
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`# screenshot: ${file}`);
}

let appId = '';
let reference = '';

try {
  await step('signs in as the demo user', async () => {
    await page.goto(`${BASE}/login`);
    await page.fill('input[name="email"]', DEMO.email);
    await page.fill('input[name="password"]', DEMO.password);
    await clickTo(page.locator('form button[type="submit"], form input[type="submit"]').first(), /\/dashboard$/);
  });

  await step(`Jeff Jones is a current employee of the demo company${employed ? ' already' : ' (added through the lookup)'}`, async () => {
    if (employed) return;
    await openSection('Employees', 'Add New Employee');
    await page.fill('#ni', JEFF.ni);
    await page.fill('#dob', JEFF.dob);
    await page.fill('#last_name', JEFF.last);
    await clickTo(page.locator('#lookup-form button[type="submit"]'), /\/employees\/lookup$/);
    await page.locator('#found').waitFor();
    await page.selectOption('#office_id', { label: 'ECS Check Company 2 Head Office' });
    await page.fill('#started_on', today);
    await clickTo(page.locator('#confirm-form button[type="submit"]'), /\/employees\/\d+$/);
  });

  await step('ticks him in Current Employees and START APPLICATIONS FOR EMPLOYEES: Choose Application Types', async () => {
    await openSection('Employees', /Current Employe(e|r)s/i);
    await page.fill('#q', 'Jones, Jeff');
    await Promise.all([page.waitForURL(/q=Jones/), page.locator('#search-form button[type="submit"]').click()]);
    await page.locator(`#employees-table input[name="id"][value="${jeffId}"]`).check();
    await clickTo(page.getByRole('button', { name: /START APPLICATIONS FOR EMPLOYEES/ }), /\/applications\/start$/);
    check(norm(await page.locator('h1').first().innerText()) === 'Choose Application Types', 'not Choose Application Types');
    const row = norm(await page.locator('#choose-table tbody tr').first().innerText());
    check(row.includes('Jones, Jeff') && row.includes('*****321D'), `row: ${row}`);
  });

  await step('chooses "Craft or Related Disciplines - Initial" and CONFIRM & CONTINUE: step 1', async () => {
    await page.selectOption(`#choice-${jeffId}`, { label: 'Craft or Related Disciplines - Initial' });
    await shot('application-step0-choose');
    await clickTo(page.getByRole('button', { name: 'CONFIRM & CONTINUE' }), /\/applications\/\d+\/step1$/);
    appId = page.url().match(/\/applications\/(\d+)\/step1$/)[1];
    reference = sqlValue(`SELECT reference FROM applications WHERE id = ${appId}`);
    check(/Step 1 - Applicant Details/.test(await page.locator('h1').innerText()), 'not step 1');
    const body = norm(await page.locator('body').innerText());
    check(body.includes('Jeff') && body.includes(JEFF.ni) && body.includes(JEFF.dob), 'key details not shown');
    check(body.includes('Craft or Related Disciplines - Initial'), 'the card type is not shown');
  });

  await step('step 1: uploads a photo (thumbnail shown) and saves the contact details', async () => {
    await page.setInputFiles('#photo-file', { name: 'jeff.png', mimeType: 'image/png', buffer: PHOTO });
    await clickTo(page.getByRole('button', { name: 'UPLOAD PHOTO' }), /\/applications\/\d+\/step1$/);
    await page.locator('#photo-thumb').waitFor();
    check(await page.locator('#photo-thumb').evaluate((img) => img.complete && img.naturalWidth > 0), 'the thumbnail does not load');
    await page.fill('#business_phone', '01733 555123');
    await page.fill('#business_email', 'jeff.jones@ecscheck2.example');
    await page.check('input[name="delivery_office_id"] >> nth=0');
    await shot('application-step1');
    await clickTo(page.getByRole('button', { name: /SAVE & NEXT STEP/ }), /\/applications\/\d+\/step2$/);
  });

  await step('step 2: CHECK DETAILS verifies LCL/500007 manually; the HS&E assessment is to be sat online', async () => {
    check(/No valid HS&E/.test(await page.locator('#hse-status').innerText()), 'Jeff has an HS&E pass?');
    await page.selectOption('#awarding_body', { label: 'LCL Awards' });
    await page.fill('#certificate_number', 'LCL/500007');
    await page.fill('#awarded_on', '2024-03-14');
    await clickTo(page.getByRole('button', { name: 'CHECK DETAILS' }), /\/applications\/\d+\/step2$/);
    check(/automatically verified/.test(await page.locator('body').innerText()), 'no "automatically verified" message');
    const ev = norm(await page.locator('#evidence-table tbody').innerText());
    check(ev.includes('LCL/500007') && ev.includes('Verified'), `evidence: ${ev}`);
    await page.check('#hse_route-online');
    await clickTo(page.getByRole('button', { name: 'SAVE ASSESSMENT CHOICE' }), /\/applications\/\d+\/step2$/);
    check(await page.isChecked('#hse_route-online'), 'online not kept');
    await shot('application-step2');
    await clickTo(page.locator('#next-step'), /\/applications\/\d+\/step3$/);
  });

  await step('step 3: Core - Electrical / Electrical Labourer (2018) with the grade; requirements met', async () => {
    await page.selectOption('#card_type', { label: 'Craft or Related Disciplines' });
    await page.selectOption('#occupation_id', { label: 'Electrical Labourer (2018) (Core - Electrical)' });
    await clickTo(page.getByRole('button', { name: /CHANGE main occupation/ }), /\/applications\/\d+\/step3$/);
    const req = norm(await page.locator('#requirements').innerText());
    check(req.includes('Level 1 health and safety qualification') && !req.includes('Not met'), `requirements: ${req}`);
    await page.selectOption('#grade_id', { label: 'Electrical Labourer' });
    await shot('application-step3');
    await clickTo(page.getByRole('button', { name: /FINALISE & REVIEW/ }), /\/applications\/\d+\/step4$/);
  });

  await step('step 4: the summary; FINALISE NOW with the declaration ticked', async () => {
    const body = norm(await page.locator('body').innerText());
    check(body.includes('Electrical Labourer (2018)') && body.includes('LCL/500007'), 'summary incomplete');
    check(norm(await page.locator('#recheck').innerText()) === "← RECHECK JEFF JONES'S APPLICATION", 'the recheck link');
    check(await page.locator('#missing').count() === 0, 'something is missing');
    await page.check('#declaration-confirm');
    await shot('application-step4');
    await clickTo(page.getByRole('button', { name: 'FINALISE NOW' }), /\/applications\/attention$/);
  });

  await step('he is under Finalised Applications - Awaiting Ordering', async () => {
    const row = page.locator('#finalised-table tbody tr').filter({ hasText: reference });
    check(await row.count() === 1, `application ${reference} not listed`);
    const text = norm(await row.innerText());
    check(text.includes('Jones, Jeff') && text.includes('Electrical Labourer (2018)') && text.includes('Craft - Initial'), text);
    check(/ADD \d+ APPLICATIONS TO A PURCHASE/.test(await page.locator('#add-to-purchase').innerText()), 'no ADD N button');
    check(/UNFINALISE \d+ APPLICATIONS/.test(await page.locator('#unfinalise').innerText()), 'no UNFINALISE N button');
    check(sqlValue(`SELECT state FROM applications WHERE id = ${appId}`) === 'finalised', 'not finalised in the database');
    await shot('application-step5-finalised');
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
