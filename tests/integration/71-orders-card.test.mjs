// Paying by card (guide 1.6) through the sandbox payment gateway: the signed request, the
// gateway's signed server-to-server notification as the only thing that marks an order paid,
// declines, the return page arriving first, and every kind of bad notification (forged,
// altered by one byte, stale, for another amount, replayed concurrently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Client, env, freshCompany, sql, sqlValue, pageText, textById, decodeEntities } from '../lib/portal.mjs';
import {
  finalisedApps, createOrder, orderRow, appStates, startCard, sandboxPay, notify, notifyBody, sign, formPost,
} from '../lib/orders.mjs';

const text = (r) => pageText(r.body);
const notes = (payment) => sql(`SELECT outcome, reason FROM payment_notifications WHERE payment_id = ${payment} ORDER BY id`);

async function orderToPay(label, n = 1) {
  const co = await freshCompany(label);
  const ids = finalisedApps(co, n);
  const { orderId } = await createOrder(co.client, co, ids, { then: 'pay', reference: `${label} order` });
  return { co, ids, orderId };
}

test('PAY by card sends the browser to the gateway with a signed request for the order\'s amount', async () => {
  const { co, orderId } = await orderToPay('CardReq', 2);
  const page = await co.client.get(`/orders/${orderId}/pay`);
  assert.match(text(page), /Please click Pay Now to be transferred to the Payment Gateway to collect £108\.00 from your Credit or Debit card\./);
  const c = await startCard(co.client, orderId);
  assert.equal(c.url.pathname, '/sandbox-gateway/pay');
  assert.equal(c.amount, '10800');
  assert.equal(c.url.searchParams.get('currency'), 'GBP');
  const q = c.url.search.slice(1);
  const cut = q.indexOf('&sig=');
  assert.equal(q.slice(cut + 5), sign(q.slice(0, cut)), 'the request is not signed with the gateway key');
  assert.equal(orderRow(orderId).state, 'awaiting_payment');
  assert.deepEqual(sql(`SELECT method, state, amount_pence FROM payments WHERE id = ${c.payment}`)[0], ['card', 'pending', '10800']);
  // The gateway's page reads the request's values decoded (spaces, brackets, a label with "&").
  const gw = text(await new Client().get(c.url.pathname + c.url.search));
  assert.match(gw, /Merchant\s*ECS Employer Portal \(demo\)/);
  assert.match(gw, /For\s*ECS order CardReq order/);
  assert.match(gw, /Amount\s*£108\.00/);
  // The gateway refuses a request whose amount was changed.
  const tampered = c.url.pathname + c.url.search.replace('amount=10800', 'amount=100');
  assert.match(text(await new Client().get(tampered)), /not signed by the merchant/);
});

test('a successful card payment: the notification marks the order paid and its applications received', async () => {
  const { co, ids, orderId } = await orderToPay('CardOk', 2);
  const c = await startCard(co.client, orderId);
  const g = await sandboxPay(co.client, c.url.toString());
  assert.equal(g.status, 303, text(g).slice(0, 300));
  assert.equal(g.location, `${env.url}/orders/${orderId}/return?payment=${c.payment}`);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.deepEqual(appStates(ids), ['received', 'received']);
  const [state, txn] = sql(`SELECT state, gateway_txn_id FROM payments WHERE id = ${c.payment}`)[0];
  assert.equal(state, 'succeeded');
  assert.match(txn, /^sbx_[0-9a-f]{24}$/);
  const ret = await co.client.get(`/orders/${orderId}/return?payment=${c.payment}`);
  assert.match(text(ret), /has been received and order CardOk order is paid/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'order_paid' AND object_id = '${orderId}'`), '1');
  assert.deepEqual(notes(c.payment), [['applied', 'succeeded']]);
  // Listed under Orders Being Fulfilled and Applications Being Produced; a receipt exists.
  assert.match((await co.client.get('/orders/fulfilled')).body, new RegExp(`id="order-${orderId}"`));
  assert.doesNotMatch((await co.client.get('/orders/attention')).body, new RegExp(`id="order-${orderId}"`));
  const receipt = await co.client.get(`/orders/${orderId}/receipt`);
  assert.equal(receipt.status, 200);
  assert.match(text(receipt), /Receipt \(VAT invoice\) ECS-0*\d+/);
  assert.match(receipt.body, /id="order-vat">£18\.00</);
  assert.match(text(receipt), /Debit\/credit card/);
  // No card number is kept anywhere the portal writes.
  const dump = sql(`SELECT CONCAT_WS('|', p.gateway_txn_id, p.detail) FROM payments p WHERE p.order_id = ${orderId}
                    UNION ALL SELECT detail FROM audit_log WHERE object_id = '${orderId}'`).flat().join('\n');
  assert.doesNotMatch(dump, /4242/);
  const log = readFileSync(path.join(env.state, 'log', 'portald.log'), 'utf8');
  assert.doesNotMatch(log, /4242424242424242|4242 4242/);
});

test('a declined card leaves the order awaiting payment, says why, and can be paid again', async () => {
  const { co, ids, orderId } = await orderToPay('CardDecl');
  const c = await startCard(co.client, orderId);
  const g = await sandboxPay(co.client, c.url.toString(), '4000 0000 0000 0002');
  assert.equal(g.status, 303);
  assert.equal(orderRow(orderId).state, 'awaiting_payment');
  assert.deepEqual(appStates(ids), ['ordered']);
  assert.equal(sqlValue(`SELECT state FROM payments WHERE id = ${c.payment}`), 'failed');
  const ret = await co.client.get(`/orders/${orderId}/return?payment=${c.payment}`);
  assert.match(text(ret), /The payment was not taken: Your card was declined\./);
  assert.match(ret.body, /TRY AGAIN/);
  const again = await startCard(co.client, orderId);
  assert.notEqual(again.payment, c.payment);
  assert.equal((await sandboxPay(co.client, again.url.toString())).status, 303);
  assert.equal(orderRow(orderId).state, 'paid');
});

test('the return page arriving before the notification shows "waiting" and marks nothing paid', async () => {
  const { co, ids, orderId } = await orderToPay('CardEarly');
  const c = await startCard(co.client, orderId);
  // The browser comes back (or someone types the URL) without paying.
  const early = await co.client.get(`/orders/${orderId}/return?payment=${c.payment}`);
  assert.equal(early.status, 200);
  assert.match(text(early), /waiting for the payment gateway to confirm/);
  assert.match(early.body, /<meta http-equiv="refresh" content="3">/);
  assert.doesNotMatch(early.body, /TRY AGAIN/, 'a second payment offered while the first is awaited');
  assert.equal(orderRow(orderId).state, 'awaiting_payment');
  assert.deepEqual(appStates(ids), ['ordered']);
  // Then the gateway's notification arrives.
  const body = notifyBody({ payment: c.payment, txn: `test_${Date.now()}`, amount: c.amount });
  const n = await notify(new Client(), body);
  assert.equal(n.status, 200);
  assert.equal(n.body, 'ok\n');
  const late = await co.client.get(`/orders/${orderId}/return?payment=${c.payment}`);
  assert.match(text(late), /has been received/);
  assert.doesNotMatch(late.body, /http-equiv="refresh"/);
  assert.deepEqual(appStates(ids), ['received']);
});

test('paid on the page of an attempt a newer one superseded: its return page waits, then shows paid', async () => {
  const { co, ids, orderId } = await orderToPay('CardTwice');
  const first = await startCard(co.client, orderId);
  const second = await startCard(co.client, orderId);	// TRY AGAIN before the first was paid
  assert.equal(sqlValue(`SELECT state FROM payments WHERE id = ${first.payment}`), 'cancelled');
  // The browser returns from the first page, paid, before its notification arrives.
  const early = await co.client.get(`/orders/${orderId}/return?payment=${first.payment}`);
  assert.match(text(early), /waiting for the payment gateway to confirm/);
  assert.match(early.body, /<meta http-equiv="refresh" content="3">/);
  assert.doesNotMatch(early.body, /TRY AGAIN/);
  const n = await notify(new Client(), notifyBody({ payment: first.payment, txn: `t2_${Date.now()}`, amount: first.amount }));
  assert.equal(n.status, 200);
  const late = await co.client.get(`/orders/${orderId}/return?payment=${first.payment}`);
  assert.match(text(late), /has been received/);
  assert.doesNotMatch(late.body, /http-equiv="refresh"/);
  assert.deepEqual(appStates(ids), ['received']);
  // A declined payment is not awaited: it says why and offers TRY AGAIN (on an unpaid order).
  const other = await orderToPay('CardDeclWait');
  const d = await startCard(other.co.client, other.orderId);
  await sandboxPay(other.co.client, d.url.toString(), '4000 0000 0000 0002');
  const ret = await other.co.client.get(`/orders/${other.orderId}/return?payment=${d.payment}`);
  assert.doesNotMatch(ret.body, /http-equiv="refresh"/);
  assert.match(ret.body, /TRY AGAIN/);
  assert.ok(Number(second.payment) > Number(first.payment));
});

test('no endless waiting: Cancel at the gateway, a gateway page over an hour old, a cancelled order', async () => {
  const { co, orderId } = await orderToPay('CardNoWait');
  const c = await startCard(co.client, orderId);
  // Cancel on the gateway's page: back to the return page, which says so and offers TRY AGAIN.
  const gw = await new Client().get(c.url.pathname + c.url.search);
  const cancel = decodeEntities(gw.body.match(/href="([^"]*)" id="gateway-cancel"/)[1]);
  const back = await co.client.get(new URL(cancel).pathname + new URL(cancel).search);
  assert.match(textById(back.body, 'payment-cancelled'), /cancelled at the payment gateway: nothing was taken/);
  assert.doesNotMatch(back.body, /http-equiv="refresh"/);
  assert.match(back.body, /TRY AGAIN/);
  assert.equal(orderRow(orderId).state, 'awaiting_payment');
  // Still pending, but its gateway page has expired (an hour): not awaited.
  sql(`UPDATE payments SET created_at = NOW(6) - INTERVAL 2 HOUR WHERE id = ${c.payment}`);
  const old = await co.client.get(`/orders/${orderId}/return?payment=${c.payment}`);
  assert.doesNotMatch(old.body, /http-equiv="refresh"/);
  assert.match(old.body, /TRY AGAIN/);
  // A cancelled order awaits nothing either.
  const d = await startCard(co.client, orderId);
  assert.equal((await formPost(co.client, `/orders/${orderId}/cancel`, { _csrf: await co.client.csrf(`/orders/${orderId}`) })).status, 303);
  const gone = await co.client.get(`/orders/${orderId}/return?payment=${d.payment}`);
  assert.doesNotMatch(gone.body, /http-equiv="refresh"|waiting for the payment gateway/);
});

test('forged, altered, stale and mismatched notifications are rejected, logged and change nothing', async () => {
  const { co, ids, orderId } = await orderToPay('CardBad');
  const c = await startCard(co.client, orderId);
  const gw = new Client();
  const good = notifyBody({ payment: c.payment, txn: `t_${Date.now()}`, amount: c.amount });
  const cases = [
    ['no signature', () => gw.request('POST', '/orders/payment-notify', {
      body: good, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })],
    ['signed with another key', () => notify(gw, good, sign(good, 'not-the-key-of-this-portal-at-all-xxxx'))],
    ['altered by one byte', () => notify(gw, good.replace(`amount=${c.amount}`, `amount=${Number(c.amount) - 1}`), sign(good))],
    ['6 minutes old', () => notify(gw, notifyBody({ payment: c.payment, txn: 'old1', amount: c.amount,
      ts: Math.floor(Date.now() / 1000) - 360 }))],
    ['for another amount', () => notify(gw, notifyBody({ payment: c.payment, txn: 'amt1', amount: 100 }))],
    ['in another currency', () => notify(gw, notifyBody({ payment: c.payment, txn: 'cur1', amount: c.amount, currency: 'EUR' }))],
    ['for no such payment', () => notify(gw, notifyBody({ payment: 999999999, txn: 'none1', amount: c.amount }))],
  ];
  for (const [what, send] of cases) {
    const r = await send();
    assert.equal(r.status, 400, `${what}: ${r.status}`);
    assert.equal(orderRow(orderId).state, 'awaiting_payment', what);
  }
  assert.deepEqual(appStates(ids), ['ordered']);
  assert.equal(sqlValue(`SELECT state FROM payments WHERE id = ${c.payment}`), 'pending');
  const reasons = notes(c.payment).map(([o, why]) => `${o}: ${why}`).join('\n');
  assert.match(reasons, /rejected: stale/);
  assert.match(reasons, /rejected: amount 100 is not the payment's/);
  assert.match(reasons, /rejected: currency/);
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM payment_notifications WHERE reason = 'signature missing or wrong'
    AND received_at > NOW() - INTERVAL 1 MINUTE`)) >= 3);
  const log = readFileSync(path.join(env.state, 'log', 'portald.log'), 'utf8');
  assert.match(log, new RegExp(`payment notification rejected \\(payment ${c.payment}, from [^)]*\\): stale`));
  // The good one still works afterwards.
  assert.equal((await notify(gw, good)).status, 200);
  assert.equal(orderRow(orderId).state, 'paid');
});

test('a notification replayed twice at once has one effect', async () => {
  const { co, ids, orderId } = await orderToPay('CardReplay');
  const c = await startCard(co.client, orderId);
  const body = notifyBody({ payment: c.payment, txn: `replay_${Date.now()}`, amount: c.amount });
  const answers = await Promise.all([1, 2, 3].map(() => notify(new Client(), body)));
  for (const a of answers) assert.equal(a.status, 200);
  assert.equal(orderRow(orderId).state, 'paid');
  assert.deepEqual(appStates(ids), ['received']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM payments WHERE order_id = ${orderId} AND state = 'succeeded'`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'order_paid' AND object_id = '${orderId}'`), '1');
  const outcomes = notes(c.payment).map((r) => r[0]).sort();
  assert.deepEqual(outcomes, ['applied', 'duplicate', 'duplicate']);
  // Later replays too.
  assert.equal((await notify(new Client(), body)).status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'order_paid' AND object_id = '${orderId}'`), '1');
  // Another transaction for the same payment is refused.
  const other = notifyBody({ payment: c.payment, txn: `other_${Date.now()}`, amount: c.amount });
  assert.equal((await notify(new Client(), other)).status, 400);
});

test('a success for an order cancelled meanwhile is refused and logged for a refund', async () => {
  const { co, ids, orderId } = await orderToPay('CardCancel');
  const c = await startCard(co.client, orderId);
  const csrf = (await co.client.get(`/orders/${orderId}`)).body.match(/name="_csrf" value="([0-9a-f]{64})"/)[1];
  const cancel = await co.client.post(`/orders/${orderId}/cancel`, { _csrf: csrf });
  assert.equal(cancel.status, 303);
  const r = await notify(new Client(), notifyBody({ payment: c.payment, txn: `late_${Date.now()}`, amount: c.amount }));
  assert.equal(r.status, 400);
  assert.equal(orderRow(orderId).state, 'cancelled');
  assert.deepEqual(appStates(ids), ['finalised']);
  assert.match(notes(c.payment).at(-1)[1], /cancelled: the money is to be refunded/);
});
