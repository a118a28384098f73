// The browser test of the ECS Assessments tab (guide 1.9) in Debian's headless Chromium
// (playwright-core): the demo user opens ECS Assessments from the toolbar, sees the account's
// generated username, follows LOG IN TO ECS ASSESSMENTS and arrives signed in at the stand-in
// assessment service (company, username, user); the same link again is refused. Then PURCHASE
// CREDITS: 1 credit of £42.00 paid by card in the sandbox gateway raises the credits by one, and
// BOOK AN ASSESSMENT books a new employee (made for this run, so it re-runs) with that credit.
// Screenshots: $PORTAL_STATE/screenshots/assessments-*.png. Prints TAP.
import { sql, sqlValue, q, createOperative, employ, isoDate, dateFromToday } from '../lib/portal.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, openSection, clickTo, shot } from './lib.mjs';

const OFFICE = 'ECS Check Company 2 Head Office';
const CARD = { name: 'Nobit Sherman', number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

const tap = new Tap({ bailOnFailure: true }); // each step builds on the one before

const company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
const office = company && sqlValue(`SELECT id FROM offices WHERE company_id = ${company} AND name = ${q(OFFICE)}`);
const credits = () => Number(sqlValue(`SELECT IFNULL((SELECT credits FROM assessment_credit_balances
    WHERE company_id = ${company}), 0)`));

const { browser, page, problems } = await launch();
let link = '';
let username = '';
let before = 0;

try {
  await tap.step('the demo user opens ECS Assessments and sees the account\'s generated username', async () => {
    check(company && office, 'the demo company ECS00002 or its head office is missing');
    await signIn(page);
    await openSection(page, 'ECS Assessments', 'ECS Assessments');
    check(/\/assessments$/.test(page.url()), `not the tab: ${page.url()}`);
    username = norm(await page.locator('#account-username').innerText());
    check(/^ecs\d{7}$/.test(username), `username: ${username}`);
    await shot(page, 'assessments-1-tab');
  });

  await tap.step('LOG IN TO ECS ASSESSMENTS arrives signed in at the assessment service', async () => {
    await clickTo(page, page.locator('#signin'), /\/sandbox-assessments\/sso\?/);
    link = page.url();
    await page.locator('#arrival').waitFor();
    check(norm(await page.locator('#arrival-account').innerText()) === username, 'another account');
    const who = norm(await page.locator('#arrival-user').innerText());
    check(who.startsWith('Nobit Sherman'), `user: ${who}`);
    const co = norm(await page.locator('#arrival-company').innerText());
    check(co.includes(`portal company ${company}`), `company: ${co}`);
    await shot(page, 'assessments-2-arrived');
  });

  await tap.step('the same link again is refused: it works once', async () => {
    await page.goto(link);
    const why = norm(await page.locator('#arrival-error').innerText());
    check(/already been used/.test(why), `the replay: ${why}`);
    await shot(page, 'assessments-3-replayed');
  });

  await tap.step('PURCHASE CREDITS: 1 credit of £42.00 paid by card adds a credit', async () => {
    before = credits();
    await page.goto(`${BASE}/assessments`);
    await clickTo(page, page.locator('#buy-credits'), /\/orders\/credits$/);
    await page.fill('#reference', 'HS&E credits');
    await page.selectOption('#level', { label: `Office Purchase - ${OFFICE}` });
    await page.selectOption('#billing_office', { label: OFFICE });
    await page.fill('#quantity', '1');
    const line = norm(await page.locator('#advance-lines tbody tr').first().innerText());
    check(line.includes('ECS online HS&E assessment credit') && line.includes('£42.00'), `line: ${line}`);
    await shot(page, 'assessments-4-credits');
    await clickTo(page, page.locator('#pay-card'), /\/sandbox-gateway\/pay\?/);
    await page.locator('#gateway-form').waitFor();
    check(norm(await page.locator('#gateway-amount').innerText()) === '£42.00', 'the gateway amount');
    await page.fill('#name', CARD.name);
    await page.fill('#card_number', CARD.number);
    await page.fill('#expiry', CARD.expiry);
    await page.fill('#cvc', CARD.cvc);
    await clickTo(page, page.locator('#gateway-pay'), /\/orders\/\d+\/return\?payment=\d+/);
    const end = Date.now() + 10000;
    while (credits() !== before + 1) {
      check(Date.now() < end, `credits ${credits()}, not ${before + 1}`);
      await page.waitForTimeout(300);
    }
    await page.goto(`${BASE}/assessments`);
    check(norm(await page.locator('#credit-balance').innerText()) === String(before + 1), 'the tab\'s balance');
  });

  await tap.step('BOOK AN ASSESSMENT books a new employee with that credit', async () => {
    const op = createOperative({ first: 'Browser', last: `Booking${Date.now() % 100000}` });
    employ(op.id, company, office);
    await clickTo(page, page.locator('#book'), /\/assessments\/book$/);
    await page.selectOption('#operative', op.id);
    await page.fill('#from', isoDate(dateFromToday({ days: 1 })));
    await page.fill('#to', isoDate(dateFromToday({ days: 14 })));
    await shot(page, 'assessments-5-book');
    await clickTo(page, page.locator('#book-submit'), /\/assessments\/bookings\/\d+$/);
    const code = norm(await page.locator('#booking-code').innerText());
    check(/^[A-HJ-NP-Z2-9]{8}$/.test(code), `code: ${code}`);
    check(norm(await page.locator('#booking-state').innerText()) === 'Booked', 'not booked');
    const [state, who] = sql(`SELECT state, operative_id FROM assessment_bookings WHERE code = ${q(code)}`)[0];
    check(state === 'booked' && who === String(op.id), `booking ${code}: ${state}, ${who}`);
    check(credits() === before, `credits ${credits()}, not ${before}`);
    await shot(page, 'assessments-6-booked');
  });

  await noProblems(tap, problems);
} finally {
  await browser.close().catch(() => {});
}

tap.finish();
