// The browser test of hostile values (issue 8): an employee of the demo company whose names are a
// script and an image with an onerror handler (stored with SQL, as a compromised import or a
// careless back office could), viewed in the list, in a search, on the employee's page and typed
// back into the lookup form. No dialog may open (page.on('dialog')), the names show as text, and
// nothing trips the CSP. The employment is ended afterwards. Prints TAP.
//
//   (run by ./stack test; needs its environment: PORTAL_URL, PORTAL_STATE, MYSQL_CMD)
import { sql, sqlValue, createOperative, employ } from '../lib/portal.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, shot } from './lib.mjs';

const FIRST = '<script>alert("first")</script>';
const LAST = `<img src=x onerror="alert('last')">Zz'"{{7*7}}`;

const tap = new Tap({ bailOnFailure: true });
const company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
const office = sqlValue(`SELECT id FROM offices WHERE company_id = ${company} ORDER BY id LIMIT 1`);
const op = createOperative({ first: FIRST, last: LAST, dob: '1984-03-12' });
employ(op.id, company, office);

const { browser, page, problems } = await launch();
const dialogs = [];
page.on('dialog', async (d) => {
  dialogs.push(`${d.type()}: ${d.message()} (${page.url()})`);
  await d.dismiss().catch(() => {});
});

try {
  await tap.step('signs in as the demo user', async () => {
    await signIn(page);
  });

  await tap.step("the employee's page shows the script as text and runs nothing", async () => {
    await page.goto(`${BASE}/employees/${op.id}`);
    const name = norm(await page.locator('#employee-name').innerText());
    check(name.includes(FIRST) && name.includes(LAST), `the names are not shown as typed: ${name}`);
    check(await page.locator('#employee-name script, #employee-name img').count() === 0,
      'the name became elements');
    await page.waitForTimeout(300);
    check(dialogs.length === 0, `a dialog opened: ${dialogs.join(' ; ')}`);
    await shot(page, 'hostile-employee');
  });

  await tap.step('Current Employees, searched for the name, lists it as text', async () => {
    await page.goto(`${BASE}/employees/current`);
    await page.fill('#q', LAST.slice(0, 12));
    await Promise.all([page.waitForURL(/\/employees\/current\?s=/), page.locator('#search-form button[type="submit"]').click()]);
    check(await page.locator('#q').inputValue() === LAST.slice(0, 12), 'the search box does not show the search as typed');
    const texts = (await page.locator('#employees-table tbody tr').allInnerTexts()).map(norm);
    check(texts.some((t) => t.includes(LAST)), `not listed as text: ${texts.join(' / ')}`);
    check(await page.locator('#employees-table img[src="x"]').count() === 0, 'an <img> from a name');
    await page.waitForTimeout(300);
    check(dialogs.length === 0, `a dialog opened: ${dialogs.join(' ; ')}`);
  });

  await tap.step('the lookup form given the script shows it back as text', async () => {
    await page.goto(`${BASE}/employees/add`);
    await page.fill('#lookup-form input[name="last_name"]', FIRST);
    await page.fill('#lookup-form input[name="ni"]', LAST.slice(0, 40));
    await Promise.all([page.waitForLoadState('load'),
      page.locator('#lookup-form button[type="submit"]').first().click()]);
    const value = await page.locator('input[name="last_name"]').first().inputValue();
    check(value === FIRST, `the typed value did not come back as text: ${value}`);
    await page.waitForTimeout(300);
    check(dialogs.length === 0, `a dialog opened: ${dialogs.join(' ; ')}`);
  });

  await noProblems(tap, problems.filter((p) => !/HTTP 4(00|29)/.test(p)));
} finally {
  await browser.close().catch(() => {});
  sql(`UPDATE employments SET ended_on = GREATEST(started_on, CURDATE())
        WHERE operative_id = ${op.id} AND ended_on IS NULL`);
}

tap.finish();
