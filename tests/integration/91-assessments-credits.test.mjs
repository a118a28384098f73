// Purchase Credits for ECS Online Assessments (guide 1.9) through the orders module: an order of
// kind assessment_credits with the product "ECS online HS&E assessment credit" at £42.00 from the
// price table, paid by card (the sandbox gateway), from the company's funds or by BACS. When the
// order is paid (order_settle, in the same transaction) the credits go to the company's
// assessment credit balance with a ledger row, exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { env, freshCompany, addUser, sql, sqlValue, pageText, hiddenValue, textById } from '../lib/portal.mjs';
import { formPost, orderRow, pay, balance, seedFunds, sandboxPay, notify, notifyBody } from '../lib/orders.mjs';
import { credits } from '../lib/assessments.mjs';

const text = (r) => pageText(r.body);

async function creditOrder(client, co, { quantity = '2', method = 'later' } = {}) {
  const page = await client.get('/orders/credits');
  assert.equal(page.status, 200);
  const r = await formPost(client, '/orders/credits', {
    _csrf: hiddenValue(page.body, '_csrf'), token: hiddenValue(page.body, 'token'), reference: 'HS&E credits',
    level: 'company', billing_office: co.office, accounts_contact: 'Accounts', quantity, method,
  });
  return { page, r };
}

test('the credits form: the product and its price from the price table; bad quantities change nothing', async () => {
  const co = await freshCompany('CredForm');
  const { page } = await creditOrder(co.client, co, { quantity: '0' });
  assert.match(text(page), /Purchase Credits for ECS Online Assessments/);
  assert.match(text(page), /ECS online HS&E assessment credit/);
  assert.match(text(page), /£42\.00/);
  for (const quantity of ['0', '-1', 'two', '1001']) {
    const { r } = await creditOrder(co.client, co, { quantity });
    assert.equal(r.status, 200, quantity);
    assert.match(r.body, /id="quantity-error"/, quantity);
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '0');
  // The tab links to it.
  assert.match((await co.client.get('/assessments')).body, /href="\/orders\/credits" id="buy-credits"/);
});

test('by card through the sandbox gateway: paid by the notification, 3 credits added once', async () => {
  const co = await freshCompany('CredCard');
  const { r } = await creditOrder(co.client, co, { quantity: '3', method: 'card' });
  assert.equal(r.status, 303);
  const url = new URL(r.location);
  assert.equal(url.pathname, '/sandbox-gateway/pay');
  assert.equal(url.searchParams.get('amount'), '12600');
  const orderId = url.searchParams.get('order');
  assert.deepEqual(orderRow(orderId), { state: 'awaiting_payment', kind: 'assessment_credits', bacs: '' });
  assert.deepEqual(sql(`SELECT p.code, l.quantity, l.unit_net_pence, l.unit_vat_pence FROM order_lines l
                        JOIN products p ON p.id = l.product_id WHERE l.order_id = ${orderId}`),
  [['assessment_credit', '3', '3500', '700']]);
  assert.equal(credits(co.id), 0);
  assert.equal((await sandboxPay(co.client, r.location)).status, 303);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.equal(credits(co.id), 3);
  assert.deepEqual(sql(`SELECT amount, balance_after, kind, idempotency_key FROM assessment_credit_ledger
                        WHERE company_id = ${co.id}`), [['3', '3', 'purchase', `order:${orderId}:credits`]]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_credits_added'
                         AND object_id = '${orderId}'`), '1');
  // The same notification again (a replay) adds nothing.
  const [payment, txn] = sql(`SELECT id, gateway_txn_id FROM payments WHERE order_id = ${orderId}`)[0];
  await notify(co.client, notifyBody({ payment, txn, amount: 12600 }));
  assert.equal(credits(co.id), 3);
  // The tab and the order show it.
  assert.equal(textById((await co.client.get('/assessments')).body, 'credit-balance'), '3');
  assert.match(text(await co.client.get(`/orders/${orderId}`)), /Assessment credits order/);
});

test('from the company funds: one transaction takes the funds and adds the credits', async () => {
  const co = await freshCompany('CredFunds');
  seedFunds(co.id, 10000);
  const { r } = await creditOrder(co.client, co, { quantity: '2', method: 'later' });
  assert.equal(r.status, 303);
  const orderId = r.location.match(/\/orders\/(\d+)$/)[1];
  assert.equal(orderRow(orderId).state, 'closed_unpaid');
  const page = await co.client.get(`/orders/${orderId}/pay`);
  assert.match(page.body, /value="funds"/);
  const paid = await pay(co.client, orderId, 'funds');
  assert.equal(paid.status, 303);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.equal(balance(co.id), 10000 - 8400);
  assert.equal(credits(co.id), 2);
  // Not enough funds for another: nothing charged, no credit.
  const { r: r2 } = await creditOrder(co.client, co, { quantity: '1', method: 'later' });
  const second = r2.location.match(/\/orders\/(\d+)$/)[1];
  const refused = await pay(co.client, second, 'funds');
  assert.equal(refused.status, 200);
  assert.match(text(refused), /Insufficient funds/);
  assert.equal(credits(co.id), 2);
  assert.equal(orderRow(second).state, 'closed_unpaid');
});

test('by BACS: the credits arrive only when the transfer is allocated', async () => {
  const co = await freshCompany('CredBacs');
  const { r } = await creditOrder(co.client, co, { quantity: '1', method: 'bacs' });
  const orderId = r.location.match(/\/orders\/(\d+)$/)[1];
  const { state, bacs } = orderRow(orderId);
  assert.equal(state, 'awaiting_bacs');
  assert.match(text(await co.client.get(`/orders/${orderId}`)), /assessment credits will not be available/);
  assert.equal(credits(co.id), 0);
  const out = execFileSync(env.portalctl, ['-c', env.config, 'allocate-bacs', bacs, '42.00'], { encoding: 'utf8' });
  assert.match(out, /is paid/);
  assert.equal(credits(co.id), 1);
});

test('permissions: creating needs Can Create New Purchases, paying Can Complete Card Purchases', async () => {
  const co = await freshCompany('CredPerm');
  // Can View Card Applications only: the tab, but no PURCHASE CREDITS and no form.
  const viewer = await addUser(co.id, { label: 'CredViewer', permissions: 1 << 4 });
  const tab = await viewer.client.get('/assessments');
  assert.equal(tab.status, 200);
  assert.doesNotMatch(tab.body, /id="buy-credits"/);
  assert.equal((await viewer.client.get('/orders/credits')).status, 403);
  // Can Create New Purchases without Can Complete Card Purchases: an order to pay later only.
  const creator = await addUser(co.id, { label: 'CredCreator', permissions: (1 << 4) | (1 << 8) | (1 << 9) });
  const page = await creator.client.get('/orders/credits');
  assert.equal(page.status, 200);
  assert.match(page.body, /id="pay-later"/);
  assert.doesNotMatch(page.body, /id="pay-card"/);
});
