// The browser test of the contracts module (ECS Check) in Debian's headless Chromium
// (playwright-core): the demo company creates a contract asking for Craft cards with 30 days
// left, invites Northern Sparks Ltd by its company number (NSL00001); other@ signs in, accepts
// the invitation from Contracts Being Set Up and adds one of its employees (Nina Contract, made
// with SQL when missing, holding a Craft card valid for two years); demo@ sees her on the
// contract with her company and a Valid verdict (100%), then starts the contract. Each run makes
// a new contract, so it can run again. Screenshots: $PORTAL_STATE/screenshots/contract-*.png.
import { sql, sqlValue, q, cardCheckDigit } from '../lib/portal.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, openSection, clickTo, shot } from './lib.mjs';

const OTHER = { email: 'other@ecs-portal.test', password: 'other-portal-2026' };
const SUB = { number: 'NSL00001', name: 'Northern Sparks Ltd', office: 'Northern Sparks Leeds' };
const NINA = { ni: 'WN777001B', first: 'Nina', last: 'Contract' };
const CONTRACT = { name: `Riverside Tower ${Date.now().toString(36)}`, site: '1 Quay Street, Leeds LS1 4AB',
  reference: 'RT-2027' };

const tap = new Tap({ bailOnFailure: true }); // each step builds on the one before

// ---- fixtures: re-runnable -----------------------------------------------------------------
// Nina, employed by Northern Sparks Ltd at its Leeds office with a Craft card.
function ninaFixture() {
  if (!sqlValue(`SELECT id FROM operatives WHERE ni_number = ${q(NINA.ni)}`)) {
    let seven = 7770001;
    while (cardCheckDigit(String(seven)) === null) seven++;
    sql(`INSERT INTO operatives (ni_number, date_of_birth, title, first_name, last_name, gender)
         VALUES (${q(NINA.ni)}, '1990-04-02', 'Ms', ${q(NINA.first)}, ${q(NINA.last)}, 'female');
         INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on, expires_on)
         SELECT ${q(`${seven}${cardCheckDigit(String(seven))}`)}, o.id, t.id, oc.id, CURDATE() - INTERVAL 1 YEAR,
                CURDATE() + INTERVAL 2 YEAR
           FROM operatives o JOIN card_types t ON t.code = 'craft'
           JOIN occupations oc ON oc.code = 'installation_electrician' WHERE o.ni_number = ${q(NINA.ni)}`);
  }
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on)
       SELECT o.id, c.id, f.id, '2024-01-01' FROM operatives o
         JOIN companies c ON c.company_number = ${q(SUB.number)}
         JOIN offices f ON f.company_id = c.id AND f.name = ${q(SUB.office)}
        WHERE o.ni_number = ${q(NINA.ni)} AND NOT EXISTS (SELECT 1 FROM employments e
          WHERE e.operative_id = o.id AND e.company_id = c.id AND e.ended_on IS NULL)`);
}

const ymd = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

// Signs the browser out (cookies gone) and in again as `who` through the form.
async function signInAs(context, page, who) {
  await context.clearCookies();
  await page.goto(`${BASE}/login`);
  await page.fill('input[name="email"]', who.email);
  await page.fill('input[name="password"]', who.password);
  await clickTo(page, page.locator('form button[type="submit"]').first(), /\/dashboard$/);
}

ninaFixture();
const { browser, context, page, problems } = await launch();
let contractUrl = '';

try {
  await tap.step('demo@ creates a contract from Contracts > Create New Contract', async () => {
    await signIn(page);
    await openSection(page, 'Contracts', 'Create New Contract');
    await page.locator('#contract-form').waitFor();
    await page.fill('#name', CONTRACT.name);
    await page.fill('#client_reference', CONTRACT.reference);
    await page.fill('#site_address', CONTRACT.site);
    await page.fill('#starts_on', ymd(0));
    await page.fill('#ends_on', ymd(365));
    await page.fill('#min_days', '30');
    await page.locator('#card-types label', { hasText: 'Craft or Related Disciplines' }).click();
    await shot(page, 'contract-new');
    await clickTo(page, page.locator('#create-contract'), /\/contracts\/\d+$/);
    contractUrl = new URL(page.url()).pathname;
    check(norm(await page.locator('h1').innerText()) === CONTRACT.name, 'the contract page heading');
    check(norm(await page.locator('#contract-state').innerText()) === 'Being Set Up', 'not being set up');
    check((await page.locator('#requirements').innerText()).includes('Craft or Related Disciplines'), 'no requirement');
  });

  await tap.step(`demo@ invites ${SUB.name} by its company number`, async () => {
    await page.fill('#company', SUB.number);
    await clickTo(page, page.locator('#invite'), (u) => u.pathname === contractUrl);
    const rows = norm(await page.locator('#subcontractors').innerText());
    check(rows.includes(SUB.name) && rows.includes('Waiting for an answer'), `subcontractors: ${rows}`);
  });

  await tap.step('other@ sees the invitation under Contracts Being Set Up and accepts it', async () => {
    await signInAs(context, page, OTHER);
    await openSection(page, 'Contracts', 'Contracts Being Set Up');
    const id = contractUrl.split('/').pop();
    const invitation = page.locator(`#invitation-${id}`);
    check((await invitation.innerText()).includes(CONTRACT.name), 'no invitation for the contract');
    await clickTo(page, page.locator(`#accept-${id}`), (u) => u.pathname === contractUrl);
    check((await page.locator('.lead').first().innerText()).includes('subcontractor'), 'not a subcontractor');
  });

  await tap.step(`other@ adds ${NINA.first} ${NINA.last}, one of its employees, as a worker`, async () => {
    await page.fill('#employee', NINA.ni);
    await clickTo(page, page.locator('#add-worker'), (u) => u.pathname === contractUrl);
    const table = norm(await page.locator('#workers').innerText());
    check(table.includes(`${NINA.last}, ${NINA.first}`) && table.includes('Valid'), `workers: ${table}`);
    await shot(page, 'contract-subcontractor');
  });

  await tap.step('demo@ sees her on the contract with her company and a valid card, 100% compliant', async () => {
    await signInAs(context, page, { email: 'demo@ecs-portal.test', password: 'demo-portal-2026' });
    await page.goto(`${BASE}${contractUrl}`);
    const row = page.locator('#workers tr', { hasText: `${NINA.last}, ${NINA.first}` });
    const cells = norm(await row.innerText());
    check(cells.includes(SUB.name), `no company: ${cells}`);
    check(cells.includes('Craft or Related Disciplines'), `no card type: ${cells}`);
    check(norm(await row.locator('.tag').innerText()) === 'Valid', `verdict: ${cells}`);
    check(norm(await page.locator('#compliance-percent').innerText()) === '100%', 'compliance is not 100%');
    await shot(page, 'contract-client');
  });

  await tap.step('demo@ starts the contract: it is in progress', async () => {
    await clickTo(page, page.locator('#start'), (u) => u.pathname === contractUrl);
    check(norm(await page.locator('#contract-state').innerText()) === 'In Progress', 'not in progress');
    await openSection(page, 'Contracts', 'Contracts in Progress');
    check((await page.locator('#contracts-table').innerText()).includes(CONTRACT.name), 'not listed in progress');
  });

  await noProblems(tap, problems);
} finally {
  await browser.close().catch(() => {});
  tap.finish();
}
