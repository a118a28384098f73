// The browser test of Administer Users: the demo super user adds a new user with Full Employee
// Access only, at the level of one office; the new user sets a password through the one-time
// link mailed to the stack's mail folder, signs in, and sees only that office's employees and
// no Orders actions. Screenshots: $PORTAL_STATE/screenshots/users-*.png. Prints TAP.
//
//   (run by ./stack test; needs its environment: PORTAL_URL, PORTAL_STATE, MYSQL_CMD)
import { sql, sqlValue, q, uniqueTag } from '../lib/portal.mjs';
import { mailedLink, strongPassword } from '../lib/users.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, openSection, clickTo, shot } from './lib.mjs';

const tap = new Tap({ bailOnFailure: true }); // each step builds on the one before

const OFFICE = 'ECS Check Office 2 - EASTERN';
const officeId = sqlValue(`SELECT id FROM offices WHERE name = ${q(OFFICE)}`);
const tag = uniqueTag();
const USER = { email: `office-clerk-${tag}@test.example`, first: 'Olive', last: `Clerk${tag.replace(/[0-9]/g, '')}`,
  password: strongPassword() };

const { browser, context, page, problems } = await launch();

try {
  await tap.step('signs in as the demo user and opens Administration -> Administer Users', async () => {
    await signIn(page);
    await openSection(page, 'Administration', 'Administer Users');
    check(/\/admin\/users$/.test(page.url()), `at ${page.url()}`);
    await page.locator('#users-table').waitFor();
  });

  await tap.step('ADD USER: a new user with Full Employee Access only, at one office', async () => {
    await clickTo(page, page.locator('#add-user'), /\/admin\/users\/add$/);
    await page.check('input[name="mode"][value="new"]');
    await page.fill('#email', USER.email);
    await page.selectOption('#title', 'Ms');
    await page.fill('#first_name', USER.first);
    await page.fill('#last_name', USER.last);
    await page.fill('#phone', '01632 960555');
    await page.selectOption('#level', `office:${officeId}`);
    await page.check('input[name="bundle"][value="full_employee_access"]');
    await shot(page, 'users-add');
    await Promise.all([page.waitForLoadState('load'),
      page.locator('#add-user-form button[type="submit"]').click()]);
    const shown = norm(await page.locator('#one-time-link').innerText());
    check(/\/set-password\?token=[0-9a-f]{64}$/.test(shown), `no link shown: ${shown}`);
    const id = sqlValue(`SELECT id FROM users WHERE email = ${q(USER.email)}`);
    check(sqlValue(`SELECT CONCAT(level, ':', office_id, ':', permissions) FROM memberships WHERE user_id = ${id}`)
      === `office:${officeId}:15`, 'not added at the office with Full Employee Access');
  });

  await tap.step('the new user sets a password through the mailed link and signs in', async () => {
    const link = await mailedLink(USER.email);
    const other = await context.browser().newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const p2 = await other.newPage();
    await p2.goto(link);
    await p2.fill('#password', USER.password);
    await p2.fill('#confirm', USER.password);
    await Promise.all([p2.waitForURL(/\/login$/), p2.locator('#set-password-form button[type="submit"]').click()]);
    await other.close();
    await page.locator('form.signout button').click();
    await page.waitForURL(/\/login$/);
    await page.fill('input[name="email"]', USER.email);
    await page.fill('input[name="password"]', USER.password);
    await clickTo(page, page.locator('form button[type="submit"]').first(), /\/dashboard$/);
    check(/Office: ECS Check Office 2 - EASTERN/.test(await page.locator('.account-level').innerText()), 'not at the office');
    check(await page.locator('#count-orders-attention, #count-funds').count() === 0, 'Orders counts on the dashboard');
  });

  await tap.step('Current Employees lists only that office\'s employees', async () => {
    await openSection(page, 'Employees', /Current Employe(e|r)s/);
    await page.locator('#employees-table').waitFor();
    const offices = new Set((await page.locator('#employees-table tbody tr td:nth-child(4)').allInnerTexts()).map(norm));
    const names = await page.locator('#employees-table tbody tr').count();
    check(names > 0, 'no employees listed');
    const expected = Number(sqlValue(`SELECT COUNT(DISTINCT operative_id) FROM employments WHERE office_id = ${officeId}
      AND ended_on IS NULL`));
    check(names === Math.min(expected, 50), `${names} rows, ${expected} employees at the office`);
    check(![...offices].some((o) => o.includes('Head Office')), `another office listed: ${[...offices].join(', ')}`);
    await shot(page, 'users-office-employees');
  });

  await tap.step('no Orders actions: the applications page with its purchase button is refused', async () => {
    const res = await page.goto(`${BASE}/applications/attention`);
    check(res.status() === 403, `status ${res.status()}`);
    check(await page.locator('button', { hasText: /PURCHASE|ORDER/i }).count() === 0, 'an orders button');
    // The refusal is the point here, not a problem of the page.
    problems.splice(0, problems.length, ...problems.filter((p) => !/403.*\/applications\/attention/.test(p)));
  });
} finally {
  await noProblems(tap, problems);
  await browser.close();
  sql(`UPDATE memberships m JOIN users u ON u.id = m.user_id SET m.status = 'removed' WHERE u.email = ${q(USER.email)}`);
  tap.finish();
}
