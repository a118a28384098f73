// The browser test of the applications module: guide 1.3 and 1.4 for Jeff Jones in Debian's
// headless Chromium (playwright-core). Makes sure Jeff is a current employee of the demo company
// (adds him through the lookup when not), cancels any open craft application of his (re-runs),
// ticks him in Current Employees, START APPLICATIONS FOR EMPLOYEES, chooses "Craft or Related
// Disciplines - Initial", fills step 1 with a photo, verifies LCL/500007 manually with CHECK
// DETAILS and chooses to sit the HS&E assessment online, chooses Core - Electrical / Electrical
// Labourer (2018) and a grade, FINALISE & REVIEW, ticks the declaration and FINALISE NOW, and
// sees him under Finalised Applications - Awaiting Ordering. Screenshots:
// $PORTAL_STATE/screenshots/application-step*.png. Prints TAP.
import { sql, sqlValue, pngImage } from '../lib/portal.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, openSection, clickTo, shot } from './lib.mjs';

const JEFF = { ni: 'AA654321D', dob: '22/09/1990', last: 'Jones' };

const tap = new Tap({ bailOnFailure: true }); // each step builds on the one before

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

const { browser, page, problems } = await launch();

let appId = '';
let reference = '';

try {
  await tap.step('signs in as the demo user', async () => {
    await signIn(page);
  });

  await tap.step(`Jeff Jones is a current employee of the demo company${employed ? ' already' : ' (added through the lookup)'}`, async () => {
    if (employed) return;
    await openSection(page, 'Employees', 'Add New Employee');
    await page.fill('#ni', JEFF.ni);
    await page.fill('#dob', JEFF.dob);
    await page.fill('#last_name', JEFF.last);
    await clickTo(page, page.locator('#lookup-form button[type="submit"]'), /\/employees\/lookup$/);
    await page.locator('#found').waitFor();
    await page.selectOption('#office_id', { label: 'ECS Check Company 2 Head Office' });
    await page.fill('#started_on', today);
    await clickTo(page, page.locator('#confirm-form button[type="submit"]'), /\/employees\/\d+$/);
  });

  await tap.step('ticks him in Current Employees and START APPLICATIONS FOR EMPLOYEES: Choose Application Types', async () => {
    await openSection(page, 'Employees', /Current Employe(e|r)s/i);
    await page.fill('#q', 'Jones, Jeff');
    await Promise.all([page.waitForURL(/\/employees\/current\?s=/), page.locator('#search-form button[type="submit"]').click()]);
    await page.locator(`#employees-table input[name="id"][value="${jeffId}"]`).check();
    await clickTo(page, page.getByRole('button', { name: /START APPLICATIONS FOR EMPLOYEES/ }), /\/applications\/start$/);
    check(norm(await page.locator('h1').first().innerText()) === 'Choose Application Types', 'not Choose Application Types');
    const row = norm(await page.locator('#choose-table tbody tr').first().innerText());
    check(row.includes('Jones, Jeff') && row.includes('*****321D'), `row: ${row}`);
  });

  await tap.step('chooses "Craft or Related Disciplines - Initial" and CONFIRM & CONTINUE: step 1', async () => {
    await page.selectOption(`#choice-${jeffId}`, { label: 'Craft or Related Disciplines - Initial' });
    await shot(page, 'application-step0-choose');
    await clickTo(page, page.getByRole('button', { name: 'CONFIRM & CONTINUE' }), /\/applications\/\d+\/step1$/);
    appId = page.url().match(/\/applications\/(\d+)\/step1$/)[1];
    reference = sqlValue(`SELECT reference FROM applications WHERE id = ${appId}`);
    check(/Step 1 - Applicant Details/.test(await page.locator('h1').innerText()), 'not step 1');
    const body = norm(await page.locator('body').innerText());
    check(body.includes('Jeff') && body.includes(JEFF.ni) && body.includes(JEFF.dob), 'key details not shown');
    check(body.includes('Craft or Related Disciplines - Initial'), 'the card type is not shown');
  });

  await tap.step('step 1: uploads a photo (thumbnail shown) and saves the contact details', async () => {
    await page.setInputFiles('#photo-file', { name: 'jeff.png', mimeType: 'image/png', buffer: PHOTO });
    await clickTo(page, page.getByRole('button', { name: 'UPLOAD PHOTO' }), /\/applications\/\d+\/step1$/);
    await page.locator('#photo-thumb').waitFor();
    check(await page.locator('#photo-thumb').evaluate((img) => img.complete && img.naturalWidth > 0), 'the thumbnail does not load');
    await page.fill('#business_phone', '01733 555123');
    await page.fill('#business_email', 'jeff.jones@ecscheck2.example');
    await page.check('input[name="delivery_office_id"] >> nth=0');
    await shot(page, 'application-step1');
    await clickTo(page, page.getByRole('button', { name: /SAVE & NEXT STEP/ }), /\/applications\/\d+\/step2$/);
  });

  await tap.step('step 2: CHECK DETAILS verifies LCL/500007 manually; the HS&E assessment is to be sat online', async () => {
    check(/No valid HS&E/.test(await page.locator('#hse-status').innerText()), 'Jeff has an HS&E pass?');
    await page.selectOption('#awarding_body', { label: 'LCL Awards' });
    await page.fill('#certificate_number', 'LCL/500007');
    await page.fill('#awarded_on', '2024-03-14');
    await clickTo(page, page.getByRole('button', { name: 'CHECK DETAILS' }), /\/applications\/\d+\/step2$/);
    check(/automatically verified/.test(await page.locator('body').innerText()), 'no "automatically verified" message');
    const ev = norm(await page.locator('#evidence-table tbody').innerText());
    check(ev.includes('LCL/500007') && ev.includes('Verified'), `evidence: ${ev}`);
    await page.check('#hse_route-online');
    await clickTo(page, page.getByRole('button', { name: 'SAVE ASSESSMENT CHOICE' }), /\/applications\/\d+\/step2$/);
    check(await page.isChecked('#hse_route-online'), 'online not kept');
    await shot(page, 'application-step2');
    await clickTo(page, page.locator('#next-step'), /\/applications\/\d+\/step3$/);
  });

  await tap.step('step 3: Core - Electrical / Electrical Labourer (2018) with the grade; requirements met', async () => {
    await page.selectOption('#card_type', { label: 'Craft or Related Disciplines' });
    await page.selectOption('#occupation_id', { label: 'Electrical Labourer (2018) (Core - Electrical)' });
    await clickTo(page, page.getByRole('button', { name: /CHANGE main occupation/ }), /\/applications\/\d+\/step3$/);
    const req = norm(await page.locator('#requirements').innerText());
    check(req.includes('Level 1 health and safety qualification') && !req.includes('Not met'), `requirements: ${req}`);
    await page.selectOption('#grade_id', { label: 'Electrical Labourer' });
    await shot(page, 'application-step3');
    await clickTo(page, page.getByRole('button', { name: /FINALISE & REVIEW/ }), /\/applications\/\d+\/step4$/);
  });

  await tap.step('step 4: the summary; FINALISE NOW with the declaration ticked', async () => {
    const body = norm(await page.locator('body').innerText());
    check(body.includes('Electrical Labourer (2018)') && body.includes('LCL/500007'), 'summary incomplete');
    check(norm(await page.locator('#recheck').innerText()) === "← RECHECK JEFF JONES'S APPLICATION", 'the recheck link');
    check(await page.locator('#missing').count() === 0, 'something is missing');
    await page.check('#declaration-confirm');
    await shot(page, 'application-step4');
    await clickTo(page, page.getByRole('button', { name: 'FINALISE NOW' }), /\/applications\/attention$/);
  });

  await tap.step('he is under Finalised Applications - Awaiting Ordering', async () => {
    const row = page.locator('#finalised-table tbody tr').filter({ hasText: reference });
    check(await row.count() === 1, `application ${reference} not listed`);
    const text = norm(await row.innerText());
    check(text.includes('Jones, Jeff') && text.includes('Electrical Labourer (2018)') && text.includes('Craft - Initial'), text);
    check(/ADD \d+ APPLICATIONS TO A PURCHASE/.test(await page.locator('#add-to-purchase').innerText()), 'no ADD N button');
    check(/UNFINALISE \d+ APPLICATIONS/.test(await page.locator('#unfinalise').innerText()), 'no UNFINALISE N button');
    check(sqlValue(`SELECT state FROM applications WHERE id = ${appId}`) === 'finalised', 'not finalised in the database');
    await shot(page, 'application-step5-finalised');
  });

  await noProblems(tap, problems);
} finally {
  await browser.close().catch(() => {});
}

tap.finish();
