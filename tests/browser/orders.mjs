// The browser test of the orders module: guide 1.5 to 1.7 for Jeff Jones's finalised application
// in Debian's headless Chromium (playwright-core). Runs after applications.mjs, which leaves him
// under Finalised Applications - Awaiting Ordering (bails when he is not). Resets the demo
// company's funds balance to £0.00 with an adjustment in the ledger (re-runs), ticks his
// application in Applications Requiring Attention, ADD 1 APPLICATIONS TO A PURCHASE, + CREATE A
// NEW ORDER "Initial Application JJ" (accounts contact Mr Accounts, attention of Ms Cards),
// CLOSE ORDER & PROCEED TO PAYMENT, pays £54.00 by card in the sandbox gateway, and sees the
// application under Applications Being Produced and the order under Orders Being Fulfilled;
// then Create New Advance Order "Advance JJ" of 1 credit paid by card, and the dashboard's funds
// balance shows £250.00. Screenshots: $PORTAL_STATE/screenshots/order-*.png. Prints TAP.
import { sql, sqlValue, q } from '../lib/portal.mjs';
import { BASE, Tap, check, norm, launch, noProblems, signIn, openSection, clickTo, shot } from './lib.mjs';

const JEFF_NI = 'AA654321D';
const OFFICE = 'ECS Check Company 2 Head Office';
const ORDER = { reference: 'Initial Application JJ', accounts: 'Mr Accounts', attention: 'Ms Cards' };
const ADVANCE = { reference: 'Advance JJ', accounts: 'Mr Accounts' };
const CARD = { name: 'Jeff Jones', number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

const tap = new Tap({ bailOnFailure: true }); // each step builds on the one before

// ---- fixtures: re-runnable -----------------------------------------------------------------
const company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
const jeffId = sqlValue(`SELECT id FROM operatives WHERE ni_number = ${q(JEFF_NI)}`);
// Jeff's newest finalised application of the demo company (applications.mjs leaves one).
const [appId, reference] = (company && jeffId && sql(`SELECT id, reference FROM applications
    WHERE operative_id = ${jeffId} AND company_id = ${company} AND state = 'finalised'
    ORDER BY id DESC LIMIT 1`)[0]) || ['', ''];
// The funds balance to £0.00 so that the dashboard shows exactly the advance order's £250.00.
const balance = company ? Number(sqlValue(`SELECT IFNULL((SELECT balance_pence FROM company_funds
    WHERE company_id = ${company}), 0)`)) : 0;
if (balance !== 0) {
  sql(`START TRANSACTION;
       INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, idempotency_key, note)
         VALUES (${company}, ${-balance}, 0, 'adjustment', ${q(`browser-reset:${Date.now()}`)},
                 'browser test orders.mjs: balance reset');
       UPDATE company_funds SET balance_pence = 0 WHERE company_id = ${company};
       COMMIT;`);
}

const { browser, page, problems } = await launch();

let orderId = '';
let advanceId = '';

// The sandbox gateway: fills the card form and pays; the gateway notifies the portal and sends
// the browser back to /orders/ID/return, which must show the payment as received (reloaded
// until it does, for some seconds).
async function payInGateway(amount) {
  await page.waitForURL(/\/sandbox-gateway\/pay\?/, { timeout: 15000 });
  await page.locator('#gateway-form').waitFor();
  check(norm(await page.locator('#gateway-amount').innerText()) === amount,
    `the gateway asks for ${await page.locator('#gateway-amount').innerText()}, not ${amount}`);
  await page.fill('#name', CARD.name);
  await page.fill('#card_number', CARD.number);
  await page.fill('#expiry', CARD.expiry);
  await page.fill('#cvc', CARD.cvc);
  await shot(page, `order-gateway-${amount === '£250.00' ? 'advance' : 'cards'}`);
  await clickTo(page, page.locator('#gateway-pay'), /\/orders\/\d+\/return\?payment=\d+/);
  const id = page.url().match(/\/orders\/(\d+)\/return/)[1];
  const end = Date.now() + 10000;
  for (;;) {
    const status = norm(await page.locator('#payment-status').innerText());
    if (status.includes('has been received')) {
      check(status.includes(amount), `the return page: ${status}`);
      break;
    }
    check(!/not taken/.test(status), `the payment failed: ${status}`);
    check(Date.now() < end, `not paid after 10 s: ${status}`);
    await page.waitForTimeout(1000);
    await page.reload();
  }
  return id;
}

try {
  await tap.step(`Jeff Jones has a finalised application of the demo company${reference ? ` (${reference})` : ''}`, async () => {
    check(company && jeffId, 'the demo company ECS00002 or Jeff Jones (AA654321D) is missing');
    check(appId, 'Jeff Jones has no finalised application of ECS00002: run tests/browser/applications.mjs first');
  });

  await tap.step(`the funds balance is reset to £0.00${balance ? ` (was ${balance} pence)` : ' (already)'}`, async () => {
    check(sqlValue(`SELECT IFNULL((SELECT balance_pence FROM company_funds WHERE company_id = ${company}), 0)`) === '0',
      'the balance is not 0');
  });

  await tap.step('signs in as the demo user', async () => {
    await signIn(page);
  });

  await tap.step('ticks his application in Applications Requiring Attention: ADD N APPLICATIONS TO A PURCHASE', async () => {
    await openSection(page, 'Applications', 'Applications Requiring Attention');
    check(/\/applications\/attention$/.test(page.url()), `not Applications Requiring Attention: ${page.url()}`);
    const row = page.locator('#finalised-table tbody tr').filter({ hasText: reference });
    check(await row.count() === 1, `application ${reference} is not under Finalised Applications`);
    check(norm(await row.innerText()).includes('Jones, Jeff'), `row: ${norm(await row.innerText())}`);
    await row.locator('input[name="id"]').check();
    check(await row.locator('input[name="id"]').getAttribute('value') === appId, 'the check box is not his application');
    // N is the number of finalised applications (the button's label is the guide's, not a count
    // of the ticked ones): 1 when Jeff's is the only one.
    const rows = await page.locator('#finalised-table tbody tr').filter({ has: page.locator('input[name="id"]') }).count();
    const button = norm(await page.locator('#add-to-purchase').innerText());
    check(button === `ADD ${rows} APPLICATIONS TO A PURCHASE`, `the button says "${button}" with ${rows} finalised`);
    await shot(page, 'order-1-attention');
    await clickTo(page, page.locator('#add-to-purchase'), /\/orders\/add-applications$/);
  });

  await tap.step('Select Order to add selected Applications to?: pending orders, + CREATE A NEW ORDER', async () => {
    check(norm(await page.locator('h1').first().innerText()) === 'Select Order to add selected Applications to?',
      `heading: ${await page.locator('h1').first().innerText()}`);
    const lead = norm(await page.locator('.page-header .lead').innerText());
    check(lead.startsWith('1 finalised application:') && lead.includes(reference), `lead: ${lead}`);
    const none = await page.locator('#no-pending').count();
    if (none) {
      check(norm(await page.locator('#no-pending').innerText()) === 'There are no pending orders available', 'no-pending text');
    } else {
      check(await page.locator('#pending-orders button', { hasText: 'ADD TO THIS ORDER' }).count() > 0,
        'neither pending orders nor "There are no pending orders available"');
    }
    await shot(page, 'order-2-select');
    await clickTo(page, page.getByRole('button', { name: '+ CREATE A NEW ORDER' }), /\/orders\/add-applications$/);
    await page.locator('#create-order-form').waitFor();
  });

  // A check the following steps do not depend on: it does not stop them when it fails.
  await tap.step('the select page lists only the ticked application, and its forms post only its id', async () => {
    const wrong = [];
    const lead = norm(await page.locator('.page-header .lead').innerText());
    if (lead !== `1 finalised application: ${reference} Jones, Jeff (Craft - Initial)`) wrong.push(`lead: "${lead}"`);
    const ids = await page.locator('input[type="hidden"][name="id"]').evaluateAll((l) => l.map((i) => i.value));
    if (!ids.length || !ids.every((v) => v === appId)) wrong.push(`the forms post id=${ids.map((v) => `"${v}"`).join(', ')}`);
    check(wrong.length === 0, wrong.join('; '));
  });
  tap.bailed = false;

  await tap.step(`fills the new order "${ORDER.reference}" and £ CLOSE ORDER & PROCEED TO PAYMENT: the pay page`, async () => {
    await page.fill('#reference', ORDER.reference);
    await page.selectOption('#level', { label: `Office Purchase - ${OFFICE}` });
    await page.selectOption('#billing_office', { label: OFFICE });
    await page.selectOption('#delivery_office', { label: OFFICE });
    await page.fill('#accounts_contact', ORDER.accounts);
    await page.fill('#delivery_attention', ORDER.attention);
    await shot(page, 'order-3-create');
    const button = page.locator('#close-and-pay');
    check(norm(await button.innerText()) === '£ CLOSE ORDER & PROCEED TO PAYMENT', `button: ${await button.innerText()}`);
    await clickTo(page, button, /\/orders\/\d+\/pay$/);
    orderId = page.url().match(/\/orders\/(\d+)\/pay$/)[1];
    const [ref, state, kind, accounts, attention] = sql(`SELECT reference, state, kind, accounts_contact,
        delivery_attention FROM orders WHERE id = ${orderId}`)[0];
    check(ref === ORDER.reference && kind === 'cards' && accounts === ORDER.accounts && attention === ORDER.attention,
      `order ${orderId}: ${ref}, ${kind}, ${accounts}, ${attention}`);
    check(state === 'closed_unpaid', `order ${orderId} is ${state}, not closed_unpaid`);
  });

  await tap.step(`Confirm Pay For Order ${ORDER.reference}?: £54.00 by card, PAY: the sandbox gateway`, async () => {
    check(norm(await page.locator('h1').first().innerText()) === `Confirm Pay For Order ${ORDER.reference}?`,
      `heading: ${await page.locator('h1').first().innerText()}`);
    const lines = norm(await page.locator('#order-lines tbody').innerText());
    check(lines.includes(reference) && lines.includes('Jones'), `lines: ${lines}`);
    check(norm(await page.locator('#order-total').innerText()) === '£54.00', `total: ${await page.locator('#order-total').innerText()}`);
    const form = norm(await page.locator('#pay-form').innerText());
    check(form.includes('Please click Pay Now to be transferred to the Payment Gateway to collect £54.00 from your Credit or Debit card.'),
      `pay form: ${form}`);
    await page.check('input[name="method"][value="card"]');
    await shot(page, 'order-4-pay');
    await clickTo(page, page.locator('#pay-now'), /\/sandbox-gateway\/pay\?/);
  });

  await tap.step('pays £54.00 with 4242 4242 4242 4242 in the sandbox gateway: the payment has been received', async () => {
    const id = await payInGateway('£54.00');
    check(id === orderId, `returned to order ${id}, not ${orderId}`);
    check(norm(await page.locator('h1').first().innerText()) === `Payment for order ${ORDER.reference}`,
      `heading: ${await page.locator('h1').first().innerText()}`);
    await shot(page, 'order-5-paid');
  });

  // Finalised with the HS&E assessment to be sat online, the paid application waits on hold for it.
  await tap.step('the order is paid and the application on hold for its HS&E assessment (database)', async () => {
    check(sqlValue(`SELECT state FROM orders WHERE id = ${orderId}`) === 'paid', 'the order is not paid');
    const [state, reason] = sql(`SELECT state, hold_reason FROM applications WHERE id = ${appId}`)[0];
    check(state === 'on_hold' && /HS&E assessment pass \(online/.test(reason), `the application is ${state}: ${reason}`);
  });

  await tap.step('Applications Being Produced lists his application', async () => {
    await openSection(page, 'Applications', 'Applications Being Produced');
    check(/\/applications\/produced$/.test(page.url()), `not Applications Being Produced: ${page.url()}`);
    const row = page.locator('#produced-table tbody tr').filter({ hasText: reference });
    check(await row.count() === 1, `application ${reference} is not being produced`);
    check(norm(await row.innerText()).includes('Jones, Jeff'), `row: ${norm(await row.innerText())}`);
    await shot(page, 'order-6-produced');
  });

  await tap.step(`Orders Being Fulfilled lists the order "${ORDER.reference}" with his application`, async () => {
    await openSection(page, 'Orders', 'Orders Being Fulfilled');
    check(/\/orders\/fulfilled$/.test(page.url()), `not Orders Being Fulfilled: ${page.url()}`);
    const section = page.locator(`#orders-list #order-${orderId}`);
    check(await section.count() === 1, `order ${orderId} is not listed`);
    const text = norm(await section.innerText());
    check(text.includes(ORDER.reference) && text.includes('Paid') && text.includes(reference) && text.includes('£54.00'),
      `order ${orderId}: ${text}`);
    await shot(page, 'order-7-fulfilled');
  });

  await tap.step(`Create New Advance Order "${ADVANCE.reference}": 1 × ECS Card Advance Payment at £250.00, paid by card`, async () => {
    await openSection(page, 'Orders', 'Create New Advance Order');
    check(/\/orders\/advance$/.test(page.url()), `not Create New Advance Order: ${page.url()}`);
    await page.fill('#reference', ADVANCE.reference);
    await page.selectOption('#level', { label: `Office Purchase - ${OFFICE}` });
    await page.selectOption('#billing_office', { label: OFFICE });
    await page.fill('#accounts_contact', ADVANCE.accounts);
    await page.fill('#quantity', '1');
    const line = norm(await page.locator('#advance-lines tbody tr').first().innerText());
    check(line.includes('ECS Card Advance Payment') && line.includes('£250.00'), `line: ${line}`);
    await shot(page, 'order-8-advance');
    await clickTo(page, page.locator('#pay-card'), /\/sandbox-gateway\/pay\?/);
    advanceId = await payInGateway('£250.00');
    const [ref, state, kind] = sql(`SELECT reference, state, kind FROM orders WHERE id = ${advanceId}`)[0];
    check(ref === ADVANCE.reference && kind === 'advance_payment' && state === 'paid', `order ${advanceId}: ${ref}, ${kind}, ${state}`);
    await shot(page, 'order-9-advance-paid');
  });

  await tap.step('the dashboard shows the funds balance £250.00', async () => {
    await page.goto(`${BASE}/dashboard`);
    check(norm(await page.locator('#count-funds').innerText()) === '£250.00',
      `funds balance: ${await page.locator('#count-funds').innerText()}`);
    check(sqlValue(`SELECT balance_pence FROM company_funds WHERE company_id = ${company}`) === '25000', 'not 25000 pence in the database');
    await shot(page, 'order-10-dashboard');
  });

  await noProblems(tap, problems);
} finally {
  await browser.close().catch(() => {});
}

tap.finish();
