// Helpers for the orders tests: finalised applications made with SQL (the applications
// tests walk the real steps; here only the order matters), the order forms, the sandbox
// payment gateway, and notifications signed with the stack's gateway key.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
  env, sql, sqlValue, q, createOperative, employ, csrfFrom, hiddenValue, decodeEntities, pageText, waitFor,
  freshApplicationReference,
} from './portal.mjs';

// n finalised applications of a company (each for a new employed operative). kind:
// initial (ECS card application) or replacement. Returns their ids as strings.
export function finalisedApps(co, n = 1, { kind = 'initial', office = co.office } = {}) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const op = createOperative({ first: `Order${i}`, last: `Applicant${i}` });
    employ(op.id, co.id, office);
    const ref = freshApplicationReference();
    sql(`INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id, kind,
           state, step, finalised_at) VALUES (${q(ref)}, ${co.id}, ${office}, ${op.id}, 1, ${q(kind)},
           'finalised', 4, NOW(6))`);
    ids.push(sqlValue(`SELECT id FROM applications WHERE reference = ${q(ref)}`));
  }
  return ids;
}

export async function pageCsrf(client, p = '/dashboard') {
  return csrfFrom((await client.get(p)).body);
}

// POST with repeated values given as arrays.
export async function formPost(client, p, fields) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined) form.append(k, String(x));
  }
  return client.request('POST', p, {
    body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// The select page with the new order form (+ CREATE A NEW ORDER).
export async function createForm(client, ids) {
  const csrf = await pageCsrf(client);
  const r = await formPost(client, '/orders/add-applications', { _csrf: csrf, id: ids, create: 'yes' });
  return { r, csrf, token: hiddenValue(r.body, 'token') };
}

// Creates an order for the applications: then = pay | later | open. Returns the POST's answer
// and the order's id (from the redirect).
export async function createOrder(client, co, ids, { then = 'later', reference = 'PO test',
  level = `office:${co.office}`, billing = co.office, delivery = co.office, accounts = 'Mr Accounts',
  attention = 'Ms Cards', token } = {}) {
  const form = await createForm(client, ids);
  const r = await formPost(client, '/orders/create', {
    _csrf: form.csrf, token: token ?? form.token, id: ids, reference, level, billing_office: billing,
    delivery_office: delivery, accounts_contact: accounts, delivery_attention: attention, then,
  });
  const m = (r.location || '').match(/\/orders\/(\d+)/);
  return { r, orderId: m ? m[1] : null, form };
}

export function orderRow(id) {
  const [state, kind, bacs] = sql(`SELECT state, kind, IFNULL(bacs_reference, '') FROM orders WHERE id = ${id}`)[0];
  return { state, kind, bacs };
}

export function appStates(ids) {
  return ids.map((id) => sqlValue(`SELECT state FROM applications WHERE id = ${id}`));
}

export function balance(companyId) {
  return Number(sqlValue(`SELECT IFNULL((SELECT balance_pence FROM company_funds WHERE company_id = ${companyId}), 0)`));
}

// Puts money in a company's funds as the scheme's staff would (ledger row and balance together).
export function seedFunds(companyId, pence) {
  const before = balance(companyId);
  sql(`INSERT INTO company_funds (company_id, balance_pence) VALUES (${companyId}, ${pence})
       ON DUPLICATE KEY UPDATE balance_pence = balance_pence + ${pence};
       INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, idempotency_key, note)
       VALUES (${companyId}, ${pence}, ${before + pence}, 'adjustment', ${q(`test:${companyId}:${Date.now()}:${Math.random()}`)}, 'test')`);
}

// POST /orders/ID/pay with a method; the answer (303 to the gateway for card).
export async function pay(client, orderId, method) {
  const csrf = await pageCsrf(client, `/orders/${orderId}/pay`);
  return formPost(client, `/orders/${orderId}/pay`, { _csrf: csrf, method });
}

export function gatewayKey() {
  return readFileSync(path.join(env.state, 'gateway.key'), 'utf8').trim();
}

export function sign(body, key = gatewayKey()) {
  return createHmac('sha256', key).update(body).digest('hex');
}

// A notification body as the gateway sends it.
export function notifyBody({ payment, txn, amount, currency = 'GBP', status = 'succeeded', reason = '',
  ts = Math.floor(Date.now() / 1000) }) {
  return new URLSearchParams({ payment: String(payment), txn, amount: String(amount), currency, status, reason,
    ts: String(ts) }).toString();
}

// POSTs a notification (signature given, or computed over the body).
export async function notify(client, body, sig = sign(body)) {
  return client.request('POST', '/orders/payment-notify', {
    body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Gateway-Signature': sig },
  });
}

// Starts a card payment; returns {r, url, payment, amount} (the gateway URL's fields).
export async function startCard(client, orderId) {
  const r = await pay(client, orderId, 'card');
  if (r.status !== 303 || !r.location) throw new Error(`pay by card: ${r.status} ${pageText(r.body).slice(0, 200)}`);
  const url = new URL(r.location);
  return { r, url, payment: url.searchParams.get('payment'), amount: url.searchParams.get('amount') };
}

// Pays on the sandbox gateway's page with a card; returns the gateway POST's answer once the
// gateway's notification (sent by a process of its own) has been taken by the portal.
export async function sandboxPay(client, gatewayUrl, card = '4242 4242 4242 4242') {
  const u = new URL(gatewayUrl);
  const page = await client.get(u.pathname + u.search);
  const request = hiddenValue(page.body, 'request');
  if (!request) throw new Error(`no gateway form: ${pageText(page.body).slice(0, 200)}`);
  const r = await formPost(client, '/sandbox-gateway/pay', {
    request, name: 'J Jones', card_number: card, expiry: '12/39', cvc: '123',
  });
  const payment = u.searchParams.get('payment');
  if (r.status === 303) {
    await waitFor(() => sqlValue(`SELECT state FROM payments WHERE id = ${payment}`) !== 'pending',
      15000, `the notification of payment ${payment}`);
  }
  return r;
}

export { decodeEntities };
