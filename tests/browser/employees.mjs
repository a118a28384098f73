// The browser test of the employees module: Debian's headless Chromium driven by playwright-core.
// Signs in as the demo user; Employees -> Add New Employee; looks up Jeff Jones (demo register)
// and confirms; looks up an unknown NI number and adds the new operative through the not-found
// form (the declaration must be ticked); sees both in Current Employees. No console error or
// CSP violation on the way. Screenshot: $PORTAL_STATE/screenshots/employees.png. Prints TAP.
//
//   (run by ./stack test; needs its environment: PORTAL_URL, PORTAL_STATE, MYSQL_CMD)
import { sql, sqlValue, freshNi, uniqueTag } from '../lib/portal.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, openSection, clickTo, shot } from './lib.mjs';

const JEFF = { ni: 'AA654321D', dob: '22/09/1990', last: 'Jones' };

const tap = new Tap({ bailOnFailure: true }); // each step builds on the one before

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
const { browser, page, problems } = await launch();

let jeffUrl = '';
let newUrl = '';

try {
  await tap.step('signs in as the demo user', async () => {
    await signIn(page);
  });

  await tap.step('Employees -> Add New Employee opens the lookup form', async () => {
    await openSection(page, 'Employees', 'Add New Employee');
    check(/\/employees\/add$/.test(page.url()), `at ${page.url()}`);
    await page.locator('#lookup-form').waitFor();
    check(/Add New Employee/.test(await page.locator('h1').first().innerText()), 'no "Add New Employee" heading');
  });

  await tap.step('looks up Jeff Jones by NI number, date of birth and last name: found', async () => {
    await page.fill('#ni', 'aa 65 43 21 d');
    await page.fill('#dob', JEFF.dob);
    await page.fill('#last_name', JEFF.last);
    await clickTo(page, page.locator('#lookup-form button[type="submit"]').first(), /\/employees\/lookup$/);
    await page.locator('#found').waitFor();
    check(norm(await page.locator('#found-name').innerText()) === 'Mr Jeff Jones', `found ${await page.locator('#found-name').innerText()}`);
    check(norm(await page.locator('#found-ni').innerText()) === JEFF.ni, 'NI number not shown');
    check(await page.locator('#already-employed').count() === 0, 'Jeff is already an employee');
  });

  await tap.step('CONFIRM & CONTINUE adds Jeff Jones and shows his page', async () => {
    await page.selectOption('#office_id', { label: 'ECS Check Company 2 Head Office' });
    await page.fill('#started_on', today);
    await clickTo(page, page.locator('#confirm-form button[type="submit"]').first(), /\/employees\/\d+$/);
    jeffUrl = new URL(page.url()).pathname;
    check(jeffUrl === `/employees/${jeffId}`, `went to ${jeffUrl}`);
    check(norm(await page.locator('#employee-name').innerText()) === 'Mr Jeff Jones', 'not his page');
    check(norm(await page.locator('#employee-status').innerText()) === 'Current employee', 'not a current employee');
    check((await page.locator('body').innerText()).includes(JEFF.ni), 'his page does not show the NI number');
  });

  await tap.step('looks up an unknown NI number: the not-found form with NI number and date of birth carried over', async () => {
    await openSection(page, 'Employees', 'Add New Employee');
    await page.fill('#ni', NEW.ni);
    await page.fill('#dob', NEW.dob);
    await page.fill('#last_name', NEW.last);
    await clickTo(page, page.locator('#lookup-form button[type="submit"]').first(), /\/employees\/lookup$/);
    await page.locator('#not-found').waitFor();
    check(norm(await page.locator('#notfound-ni').innerText()) === NEW.ni, 'NI number not carried over');
    check(norm(await page.locator('#notfound-dob').innerText()) === NEW.dob, 'date of birth not carried over');
    check(await page.inputValue('#last_name') === NEW.last, 'last name not carried over');
    const decl = norm(await page.locator('#declaration').innerText());
    check(decl.includes('Nobit Sherman') && decl.includes('ECS Check Company 2'), `declaration: ${decl}`);
  });

  await tap.step('without the declaration ticked the operative is not added', async () => {
    await page.selectOption('#title', NEW.title);
    await page.fill('#first_name', NEW.first);
    await page.selectOption('#gender', 'female');
    await page.selectOption('#office_id', { label: 'ECS Check Office 2 - EASTERN' });
    await page.fill('#started_on', today);
    check(!(await page.isChecked('#declaration-confirm')), 'the declaration is ticked in advance');
    // The form is novalidate: the server answers with the error next to the declaration.
    await clickTo(page, page.locator('#create-form button[type="submit"]').first(), /\/employees\/create$/);
    await page.locator('#declaration-error').waitFor();
    check(await page.inputValue('#first_name') === NEW.first, 'the first name typed is lost');
    check(sqlValue(`SELECT COUNT(*) FROM operatives WHERE ni_number = '${NEW.ni}'`) === '0', 'created without the declaration');
  });

  await tap.step('ticking the declaration and CONFIRM & CONTINUE adds the new operative', async () => {
    await page.check('#declaration-confirm');
    await clickTo(page, page.locator('#create-form button[type="submit"]').first(), /\/employees\/\d+$/);
    newUrl = new URL(page.url()).pathname;
    const h1 = norm(await page.locator('#employee-name').innerText());
    check(h1 === `${NEW.title} ${NEW.first} ${NEW.last}`, `heading ${h1}`);
    check((await page.locator('body').innerText()).includes(NEW.ni), 'the NI number is not shown');
    check(sqlValue(`SELECT date_of_birth FROM operatives WHERE ni_number = '${NEW.ni}'`) === '1993-02-14', 'wrong date of birth');
  });

  await tap.step('both are in Current Employees (search "Jones"), with masked NI numbers and links to their pages', async () => {
    await openSection(page, 'Employees', /Current Employe(e|r)s/i);
    check(/\/employees\/current/.test(page.url()), `at ${page.url()}`);
    await page.fill('#q', 'Jones');
    await Promise.all([page.waitForURL(/\/employees\/current\?s=[A-Za-z0-9_-]+/), page.locator('#search-form button[type="submit"]').click()]);
    check(!/Jones/i.test(page.url()), `the search is in the URL: ${page.url()}`);
    check(await page.locator('#q').inputValue() === 'Jones', 'the search box does not show the search');
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
    await shot(page, 'employees');
  });

  await tap.step('the link in the list opens the employee page', async () => {
    await Promise.all([page.waitForURL(new RegExp(`${newUrl}$`)), page.locator(`#employees-table a[href="${newUrl}"]`).click()]);
    check(norm(await page.locator('#employee-name').innerText()).endsWith(`${NEW.first} ${NEW.last}`), 'not the new operative');
  });

  await noProblems(tap, problems);
} finally {
  await browser.close().catch(() => {});
}

tap.finish();
