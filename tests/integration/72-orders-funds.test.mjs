// Company funds, BACS and advance orders (guide 1.6-1.7), and Financial History: paying from
// funds in one locked transaction (never below zero, even with 20 payments at once), BACS
// marking and the scheme's allocation (portalctl allocate-bacs), advance orders by card and
// by BACS adding credits, and the history with its running balance and CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  Client, freshCompany, sql, sqlValue, pageText, textById, hiddenValue, parseCsv, portalctlStatus, tableRows, hrefById,
  decodeEntities,
} from '../lib/portal.mjs';
import {
  finalisedApps, createOrder, formPost, orderRow, appStates, pay, balance, seedFunds, startCard, sandboxPay,
} from '../lib/orders.mjs';

const text = (r) => pageText(r.body);

const allocate = (...args) => portalctlStatus('allocate-bacs', ...args);

test('paying from funds: one transaction takes the balance, writes the ledger and pays the order', async () => {
  const co = await freshCompany('FundsPay');
  seedFunds(co.id, 10000);
  const ids = finalisedApps(co, 1);
  const { orderId } = await createOrder(co.client, co, ids, { then: 'pay' });
  const page = await co.client.get(`/orders/${orderId}/pay`);
  assert.match(page.body, /id="funds-balance">£100\.00</);
  const r = await pay(co.client, orderId, 'funds');
  assert.equal(r.status, 303);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.deepEqual(appStates(ids), ['received']);
  assert.equal(balance(co.id), 4600);
  assert.deepEqual(sql(`SELECT amount_pence, balance_after_pence, kind FROM funds_ledger
                        WHERE company_id = ${co.id} AND order_id = ${orderId}`), [['-5400', '4600', 'purchase']]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'funds_used' AND object_id = '${orderId}'`), '1');
});

test('paid, an application finalised with a hold reason goes straight on hold with it; the others are received', async () => {
  const co = await freshCompany('FundsHold');
  seedFunds(co.id, 20000);
  const ids = finalisedApps(co, 2);
  const reason = 'Awaiting the HS&E assessment pass (online, remote invigilation).';
  sql(`UPDATE applications SET hold_reason = '${reason}', hse_route = 'online' WHERE id = ${ids[0]}`);
  // The finalised list says so before it is ordered.
  const list = await co.client.get('/applications/attention');
  assert.equal(textById(list.body, `note-${ids[0]}`),
    `On hold once paid: ${reason}`);
  assert.doesNotMatch(list.body, new RegExp(`id="note-${ids[1]}"`));
  const { orderId } = await createOrder(co.client, co, ids, { then: 'pay' });
  assert.equal((await pay(co.client, orderId, 'funds')).status, 303);
  assert.deepEqual(appStates(ids), ['on_hold', 'received']);
  const held = await co.client.get('/applications/attention');
  const ref = sqlValue(`SELECT reference FROM applications WHERE id = ${ids[0]}`);
  assert.match(pageText(held.body.match(/id="on-hold-table"[\s\S]*?<\/table>/)[0]), new RegExp(`${ref}[\\s\\S]*Awaiting the HS&E assessment pass`));
});

test('insufficient funds: a clear message and nothing changed', async () => {
  const co = await freshCompany('FundsShort');
  seedFunds(co.id, 5000);
  const ids = finalisedApps(co, 1);
  const { orderId } = await createOrder(co.client, co, ids, { then: 'pay' });
  const r = await pay(co.client, orderId, 'funds');
  assert.equal(r.status, 200);
  assert.match(text(r), /Insufficient funds: the company's balance is £50\.00 and this order is £54\.00\. Nothing was charged\./);
  assert.equal(orderRow(orderId).state, 'closed_unpaid');
  assert.deepEqual(appStates(ids), ['ordered']);
  assert.equal(balance(co.id), 5000);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM funds_ledger WHERE order_id = ${orderId}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM payments WHERE order_id = ${orderId}`), '0');
});

test('20 concurrent payments from funds that together exceed the balance: exactly the affordable ones succeed', async () => {
  const co = await freshCompany('FundsRace');
  const orders = [];
  for (let i = 0; i < 20; i++) {
    const ids = finalisedApps(co, 1);
    orders.push((await createOrder(co.client, co, ids, { then: 'later', reference: `race ${i}` })).orderId);
  }
  seedFunds(co.id, 7 * 5400 + 100); // affords 7 of the 20
  // Each payment from its own signed-in session, all at once.
  const clients = await Promise.all(orders.map(async () => {
    const c = new Client();
    await c.signInOk({ email: co.email, password: co.password });
    return c;
  }));
  const csrfs = await Promise.all(clients.map(async (c, i) => hiddenValue((await c.get(`/orders/${orders[i]}/pay`)).body, '_csrf')));
  const answers = await Promise.all(clients.map((c, i) =>
    formPost(c, `/orders/${orders[i]}/pay`, { _csrf: csrfs[i], method: 'funds' })));
  const paid = orders.filter((id) => orderRow(id).state === 'paid');
  assert.equal(paid.length, 7, `paid: ${paid.length}`);
  assert.equal(answers.filter((a) => a.status === 303).length, 7);
  assert.equal(answers.filter((a) => a.status === 200 && /Insufficient funds/.test(text(a))).length, 13);
  assert.equal(balance(co.id), 100);
  assert.equal(sqlValue(`SELECT SUM(amount_pence) FROM funds_ledger WHERE company_id = ${co.id}`), '100');
  assert.equal(sqlValue(`SELECT MIN(balance_after_pence) FROM funds_ledger WHERE company_id = ${co.id}`), '100');
});

test('BACS: "Marked for BACS allocation" with an ECS reference; portalctl allocate-bacs checks the amount and pays', async () => {
  const co = await freshCompany('Bacs');
  const ids = finalisedApps(co, 2);
  const { orderId } = await createOrder(co.client, co, ids, { then: 'pay' });
  const r = await pay(co.client, orderId, 'bacs');
  assert.equal(r.status, 303);
  const { state, bacs } = orderRow(orderId);
  assert.equal(state, 'awaiting_bacs');
  assert.match(bacs, /^ECS\d{7}$/);
  const view = await co.client.get(`/orders/${orderId}`);
  assert.match(text(view), /Marked for BACS allocation/);
  assert.match(text(view), new RegExp(`Please annotate your electronic payment with our reference ${bacs}\\s?\\. Failure to use the exact reference number will delay processing your payment\\.`));
  assert.match(text(view), /This may take up to 2 weeks/);
  assert.match((await co.client.get('/orders/attention')).body, new RegExp(`id="order-${orderId}"`));
  // Choosing BACS again keeps the reference.
  await pay(co.client, orderId, 'bacs');
  assert.equal(orderRow(orderId).bacs, bacs);
  // The wrong amount, an unknown reference, a non-amount: refused, nothing changed.
  let a = allocate(bacs, '54.00');
  assert.equal(a.code, 1);
  assert.match(a.out, /does not match order \d+'s total of 108\.00/);
  assert.equal(allocate('ECS0000000', '108.00').code, 1);
  assert.equal(allocate(bacs, '108.0x').code, 2);
  assert.equal(orderRow(orderId).state, 'awaiting_bacs');
  a = allocate(bacs, '108.00');
  assert.equal(a.code, 0, a.out);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.deepEqual(appStates(ids), ['received', 'received']);
  assert.equal(sqlValue(`SELECT state FROM payments WHERE order_id = ${orderId} AND method = 'bacs'`), 'succeeded');
  // Allocating again is refused.
  assert.equal(allocate(bacs, '108.00').code, 1);
});

test('a BACS reference once given stays the order\'s, and a transfer with it pays the order however it was left', async () => {
  const co = await freshCompany('BacsKeep');
  const ids = finalisedApps(co, 1);
  const { orderId } = await createOrder(co.client, co, ids, { then: 'pay' });
  await pay(co.client, orderId, 'bacs');
  const first = orderRow(orderId).bacs;
  await startCard(co.client, orderId); // changed their mind: card, not finished
  assert.equal(orderRow(orderId).state, 'awaiting_payment');
  await pay(co.client, orderId, 'bacs');
  assert.equal(orderRow(orderId).bacs, first, 'a new reference replaced the one given');
  await startCard(co.client, orderId);
  // The transfer made with the first reference arrives: the order is paid.
  const a = allocate(first, '54.00');
  assert.equal(a.code, 0, a.out);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.deepEqual(appStates(ids), ['received']);
  // A transfer for a paid order is refused (to be refunded).
  const again = allocate(first, '54.00');
  assert.equal(again.code, 1);
  assert.match(again.out, /is paid: nothing allocated; the transfer is to be refunded/);
});

test('Create New Advance Order: 1 credit of £250.00 paid by card adds £250.00 to the funds', async () => {
  const co = await freshCompany('Advance');
  const page = await co.client.get('/orders/advance');
  assert.equal(page.status, 200);
  assert.match(text(page), /ECS Card Advance Payment/);
  assert.match(text(page), /£250\.00/);
  const bad = await formPost(co.client, '/orders/advance', {
    _csrf: hiddenValue(page.body, '_csrf'), token: hiddenValue(page.body, 'token'), reference: '123456',
    level: 'company', billing_office: co.office, accounts_contact: 'World Services', quantity: '0', method: 'card',
  });
  assert.equal(bad.status, 200);
  assert.match(text(bad), /The minimum order is 1 credit/);
  // The field in error says so to assistive technology, and names its message.
  assert.match(bad.body, /<input\b[^>]*id="quantity"[^>]*aria-invalid="true" aria-describedby="quantity-error"/);
  assert.match(bad.body, /id="quantity-error"/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '0');
  const r = await formPost(co.client, '/orders/advance', {
    _csrf: hiddenValue(page.body, '_csrf'), token: hiddenValue(page.body, 'token'), reference: '123456',
    level: 'company', billing_office: co.office, accounts_contact: 'World Services', quantity: '1', method: 'card',
  });
  assert.equal(r.status, 303);
  const url = new URL(r.location);
  assert.equal(url.pathname, '/sandbox-gateway/pay');
  assert.equal(url.searchParams.get('amount'), '25000');
  const orderId = url.searchParams.get('order');
  assert.deepEqual(orderRow(orderId), { state: 'awaiting_payment', kind: 'advance_payment', bacs: '' });
  assert.equal(balance(co.id), 0);
  assert.equal((await sandboxPay(co.client, r.location)).status, 303);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.equal(balance(co.id), 25000);
  assert.deepEqual(sql(`SELECT amount_pence, balance_after_pence, kind FROM funds_ledger WHERE order_id = ${orderId}`),
    [['25000', '25000', 'advance_payment']]);
  const dash = await co.client.get('/dashboard');
  assert.ok(text(dash).includes('£250.00'), 'the dashboard does not show £250.00');
  // The advance order cannot itself be paid from funds.
  assert.doesNotMatch((await co.client.get(`/orders/${orderId}`)).body, /id="pay"/);
});

test('an advance order by BACS adds the credits only once the transfer is allocated', async () => {
  const co = await freshCompany('AdvBacs');
  const page = await co.client.get('/orders/advance');
  const r = await formPost(co.client, '/orders/advance', {
    _csrf: hiddenValue(page.body, '_csrf'), token: hiddenValue(page.body, 'token'), reference: 'adv bacs',
    level: 'company', billing_office: co.office, quantity: '2', method: 'bacs',
  });
  assert.equal(r.status, 303);
  const orderId = r.location.match(/\/orders\/(\d+)$/)[1];
  const { state, bacs } = orderRow(orderId);
  assert.equal(state, 'awaiting_bacs');
  const view = await co.client.get(r.location);
  assert.match(text(view), /You have marked this Advance Payment for payment by BACS\. Please note that the funds will not be available until the payment has been allocated by the finance department on its receipt\./);
  assert.equal(balance(co.id), 0);
  assert.equal(allocate(bacs, '500.00').code, 0);
  assert.equal(balance(co.id), 50000);
});

test('Financial History: payments and funds movements with the running balance, date filter and CSV', async () => {
  const co = await freshCompany('History');
  seedFunds(co.id, 20000);
  const [a, b] = finalisedApps(co, 2);
  const first = await createOrder(co.client, co, [a], { then: 'pay', reference: 'hist funds' });
  assert.equal((await pay(co.client, first.orderId, 'funds')).status, 303);
  const second = await createOrder(co.client, co, [b], { then: 'pay', reference: 'hist card' });
  const c = await startCard(co.client, second.orderId);
  await sandboxPay(co.client, c.url.toString());
  const h = await co.client.get('/orders/history');
  assert.equal(h.status, 200);
  const t = text(h);
  assert.match(t, /Card payment \d+ hist card £54\.00/);
  assert.match(t, /Paid from funds \d+ hist funds -£54\.00 £146\.00/);
  assert.match(h.body, /id="funds-balance">£146\.00</);
  // Filtered to a day long ago: nothing.
  const old = await co.client.get('/orders/history?from=01/01/2001&to=31/12/2001');
  assert.match(text(old), /Nothing in this period/);
  const bad = await co.client.get('/orders/history?from=31/02/2026');
  assert.match(text(bad), /Please enter dates like/);
  // Its EXPORT CSV leaves the refused date out, so it still answers with the CSV.
  const badCsv = decodeEntities(bad.body.match(/id="history-csv" href="([^"]*)"/)[1]);
  assert.doesNotMatch(badCsv, /31%2F02/);
  assert.equal((await co.client.get(badCsv)).status, 200);
  const csv = await co.client.get('/orders/history.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const rows = parseCsv(csv.body);
  assert.deepEqual(rows[0], ['Date', 'Description', 'Order', 'Your Reference', 'Amount', 'Funds Balance']);
  assert.ok(rows.some((r) => r[1] === 'Paid from funds' && r[4] === '-54.00' && r[5] === '146.00'), JSON.stringify(rows));
  assert.ok(rows.some((r) => r[1] === 'Card payment' && r[4] === '54.00' && r[5] === ''));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'history_exported' AND company_id = ${co.id}`), '2');
  // Another company's history shows none of it.
  const other = await freshCompany('HistoryOther');
  assert.doesNotMatch(text(await other.client.get('/orders/history')), /hist funds|hist card/);
});

test('Financial History pages of 50: every row once, newest first, ties by source then id; the dates kept', async () => {
  const co = await freshCompany('HistoryPages');
  const [a] = finalisedApps(co, 1);
  const { orderId } = await createOrder(co.client, co, [a], { then: 'later', reference: 'hist pages' });
  // 70 ledger rows and 40 card payments, 30 + 20 of them at one instant (across the page
  // boundaries), each with its own amount so that a row is known by it.
  const instant = "'2026-03-03 12:00:00.000000'";
  const ledger = [];
  for (let i = 0; i < 70; i++) {
    ledger.push(`(${co.id}, ${1000 + i}, ${1000 + i}, 'adjustment', 'pages:${co.id}:${i}',
      ${i < 30 ? instant : `'2026-03-0${1 + (i % 5)} 0${i % 10}:00:00'`})`);
  }
  sql(`INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, idempotency_key, created_at)
       VALUES ${ledger.join(',')}`);
  const payments = [];
  for (let i = 0; i < 40; i++) {
    payments.push(`(${orderId}, 'card', 'succeeded', ${2000 + i}, ${i < 20 ? instant : `'2026-03-0${1 + (i % 5)} 1${i % 10}:00:00'`})`);
  }
  sql(`INSERT INTO payments (order_id, method, state, amount_pence, completed_at) VALUES ${payments.join(',')}`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM payments WHERE order_id = ${orderId} AND company_id = ${co.id}`), '40',
    'the trigger gave each payment its order\'s company');
  const want = sql(`SELECT amount FROM (
      SELECT completed_at AS at, 0 AS src, id, amount_pence AS amount FROM payments WHERE order_id = ${orderId}
      UNION ALL SELECT created_at, 1, id, amount_pence FROM funds_ledger WHERE company_id = ${co.id}) h
    ORDER BY at DESC, src DESC, id DESC`).map((r) => Number(r[0]));
  assert.equal(want.length, 110);
  const seen = [];
  let path = '/orders/history?from=01/03/2026&to=31/03/2026';
  let pages = 0;
  while (path && pages < 10) {
    const r = await co.client.get(path);
    assert.equal(r.status, 200);
    pages++;
    const rows = tableRows(r.body, 'history-table');
    assert.ok(rows.length <= 50, `${rows.length} rows: ${JSON.stringify(rows.slice(0, 3))}`);
    for (const row of rows) seen.push(Math.round(Number(row[4].replace(/[£,]/g, '')) * 100));
    path = hrefById(r.body, 'history-next');
    if (path) assert.match(path, /from=01%2F03%2F2026&to=31%2F03%2F2026&before=\d{20}\.[01]\.\d+$/);
    if (pages > 1) assert.ok(hrefById(r.body, 'history-first'));
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, want);
  // A mangled cursor is ignored: the first page.
  const bad = await co.client.get('/orders/history?before=2026.1.x');
  assert.equal(bad.status, 200);
  assert.equal(tableRows(bad.body, 'history-table').length, 50);
});
