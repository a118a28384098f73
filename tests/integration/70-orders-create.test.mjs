// Orders (guide 1.4-1.5): adding finalised applications to a purchase, each button of the
// new order form, pricing and totals, double submission, adding to an existing order,
// refusals (twice, another company's, unfinalised), empty orders, cancelling, and scoping.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Client, freshCompany, addUser, sql, sqlValue, pageText, alerts, hiddenValue } from '../lib/portal.mjs';
import {
  finalisedApps, createForm, createOrder, formPost, pageCsrf, orderRow, appStates, pay, seedFunds,
} from '../lib/orders.mjs';

const text = (r) => pageText(r.body);

test('ADD N APPLICATIONS TO A PURCHASE asks which order, with no pending orders and + CREATE A NEW ORDER', async () => {
  const co = await freshCompany('OrdSel');
  const ids = finalisedApps(co, 2);
  const csrf = await pageCsrf(co.client, '/applications/attention');
  const r = await formPost(co.client, '/orders/add-applications', { _csrf: csrf, id: ids });
  assert.equal(r.status, 200);
  assert.match(text(r), /Select Order to add selected Applications to\?/);
  assert.match(text(r), /There are no pending orders available/);
  assert.match(r.body, /\+ CREATE A NEW ORDER/);
  assert.match(r.body, /X CANCEL/);
  assert.doesNotMatch(r.body, /id="create-order-form"/, 'the form shows only after + CREATE A NEW ORDER');
  const f = await createForm(co.client, ids);
  assert.match(f.r.body, /id="create-order-form"/);
  for (const label of ['Your Reference / P.O. Number', 'Raised at level of', 'Billing To Office', 'Deliver to Office',
    'Accounts contact', 'Delivery to the attention of', 'CLOSE ORDER &amp; PROCEED TO PAYMENT',
    'CLOSE ORDER BUT PAY LATER', 'ADD APPLICATIONS BUT LEAVE ORDER OPEN']) {
    assert.ok(f.r.body.includes(label), `no ${label}`);
  }
  assert.ok(f.r.body.includes(`Office Purchase - ${co.officeName}`), 'no office level option');
  assert.ok(f.r.body.includes(`Company Purchase - ${co.name}`), 'no company level option');
  assert.match(f.token, /^[0-9a-f]{64}$/);
});

test('nothing ticked, or only applications that are not finalised, goes back with a message', async () => {
  const co = await freshCompany('OrdNone');
  const [id] = finalisedApps(co, 1);
  sql(`UPDATE applications SET state = 'in_progress' WHERE id = ${id}`);
  const csrf = await pageCsrf(co.client);
  const r = await formPost(co.client, '/orders/add-applications', { _csrf: csrf, id });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/applications/attention');
  const none = await formPost(co.client, '/orders/add-applications', { _csrf: csrf });
  assert.equal(none.status, 303);
});

test('CLOSE ORDER & PROCEED TO PAYMENT: one line per application at today\'s price, closed, to the pay page', async () => {
  const co = await freshCompany('OrdPay');
  const ids = [...finalisedApps(co, 2), ...finalisedApps(co, 1, { kind: 'replacement' })];
  const { r, orderId } = await createOrder(co.client, co, ids, { then: 'pay', reference: 'Initial Application JJ' });
  assert.equal(r.status, 303, alerts(r.body).join(' | '));
  assert.equal(r.location, `/orders/${orderId}/pay`);
  assert.equal(orderRow(orderId).state, 'closed_unpaid');
  assert.deepEqual(appStates(ids), ['ordered', 'ordered', 'ordered']);
  const lines = sql(`SELECT product_id, quantity, unit_net_pence, unit_vat_pence FROM order_lines
                     WHERE order_id = ${orderId} ORDER BY id`);
  assert.deepEqual(lines, [['1', '1', '4500', '900'], ['1', '1', '4500', '900'], ['2', '1', '3000', '600']]);
  const page = await co.client.get(`/orders/${orderId}/pay`);
  assert.equal(page.status, 200);
  assert.match(text(page), /Confirm Pay For Order Initial Application JJ\?/);
  assert.match(text(page), /I wish to pay by/);
  // 2 x £54.00 + £36.00 = £144.00: net £120.00, VAT £24.00.
  assert.match(text(page), /collect £144\.00 from your Credit or Debit card/);
  assert.match(page.body, /id="order-net">£120\.00</);
  assert.match(page.body, /id="order-vat">£24\.00</);
  assert.match(page.body, /id="order-total"><strong>£144\.00</);
  const row = sql(`SELECT reference, raised_level, office_id, billing_office_id, delivery_office_id,
                   accounts_contact, delivery_attention, created_by FROM orders WHERE id = ${orderId}`)[0];
  assert.deepEqual(row, ['Initial Application JJ', 'office', String(co.office), String(co.office), String(co.office),
    'Mr Accounts', 'Ms Cards', String(co.user)]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'order_created' AND object_id = '${orderId}'`), '1');
});

test('the price in force on the day is fixed on the line: a new price changes new lines only', async () => {
  const co = await freshCompany('OrdPrice');
  const [a, b, c] = finalisedApps(co, 3);
  const first = await createOrder(co.client, co, [a], { then: 'open' });
  // A price from tomorrow is not in force today.
  sql(`INSERT INTO prices (product_id, effective_from, net_pence, vat_pence) VALUES (1, CURDATE() + INTERVAL 1 DAY, 9000, 1800)`);
  try {
    const second = await createOrder(co.client, co, [b], { then: 'open' });
    assert.equal(sqlValue(`SELECT unit_net_pence + unit_vat_pence FROM order_lines WHERE order_id = ${second.orderId}`), '5400');
    // A price from today is: new lines take it, the existing ones keep theirs.
    sql(`UPDATE prices SET effective_from = CURDATE() WHERE product_id = 1 AND net_pence = 9000`);
    const third = await createOrder(co.client, co, [c], { then: 'open' });
    assert.equal(sqlValue(`SELECT unit_net_pence + unit_vat_pence FROM order_lines WHERE order_id = ${third.orderId}`), '10800');
    assert.match((await co.client.get(`/orders/${first.orderId}`)).body, /id="order-total"><strong>£54\.00</);
    assert.match((await co.client.get(`/orders/${third.orderId}`)).body, /id="order-total"><strong>£108\.00</);
  } finally {
    sql('DELETE FROM prices WHERE product_id = 1 AND net_pence = 9000');
  }
});

test('CLOSE ORDER BUT PAY LATER closes it; ADD APPLICATIONS BUT LEAVE ORDER OPEN leaves it open for more', async () => {
  const co = await freshCompany('OrdLater');
  const [a, b, c] = finalisedApps(co, 3);
  const later = await createOrder(co.client, co, [a], { then: 'later', reference: 'later' });
  assert.equal(later.r.status, 303);
  assert.equal(later.r.location, `/orders/${later.orderId}`);
  assert.equal(orderRow(later.orderId).state, 'closed_unpaid');
  const open = await createOrder(co.client, co, [b], { then: 'open', reference: 'still open' });
  assert.equal(orderRow(open.orderId).state, 'open');
  // The open order is offered for the next application; the closed one is not.
  const csrf = await pageCsrf(co.client);
  const sel = await formPost(co.client, '/orders/add-applications', { _csrf: csrf, id: c });
  assert.match(sel.body, new RegExp(`action="/orders/${open.orderId}/add"`));
  assert.doesNotMatch(sel.body, new RegExp(`/orders/${later.orderId}/add`));
  assert.match(text(sel), /still open/);
  const add = await formPost(co.client, `/orders/${open.orderId}/add`, { _csrf: csrf, id: c });
  assert.equal(add.status, 303);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM order_lines WHERE order_id = ${open.orderId}`), '2');
  assert.deepEqual(appStates([b, c]), ['ordered', 'ordered']);
  // A closed order takes no more.
  const [d] = finalisedApps(co, 1);
  const refused = await formPost(co.client, `/orders/${later.orderId}/add`, { _csrf: csrf, id: d });
  assert.equal(refused.status, 200);
  assert.match(text(refused), /no longer open/);
  assert.equal(appStates([d])[0], 'finalised');
});

test('X CANCEL on the form leads back to the applications and creates nothing', async () => {
  const co = await freshCompany('OrdCancelForm');
  const ids = finalisedApps(co, 1);
  const f = await createForm(co.client, ids);
  assert.match(f.r.body, /<a class="btn btn-plain" href="\/applications\/attention" id="cancel">X CANCEL<\/a>/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '0');
});

test('an application goes on one order only: adding it twice is refused and changes nothing', async () => {
  const co = await freshCompany('OrdTwice');
  const ids = finalisedApps(co, 1);
  const first = await createOrder(co.client, co, ids, { then: 'open' });
  assert.equal(first.r.status, 303);
  // The page of the second try finds nothing left to order and goes back with a message.
  const again = await createOrder(co.client, co, ids, { then: 'open' });
  assert.equal(again.r.location, '/applications/attention');
  // A form kept from before (two tabs) is refused on sending.
  const form = { _csrf: first.form.csrf, token: 'a'.repeat(64), id: ids, reference: 'tab two',
    level: `office:${co.office}`, billing_office: co.office, delivery_office: co.office, then: 'open' };
  const tab = await formPost(co.client, '/orders/create', form);
  assert.notEqual(tab.status, 200, 'another order page');
  assert.match(tab.location || '', /\/applications\/attention$/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM order_lines WHERE application_id = ${ids[0]}`), '1');
});

test('bad form values get a message and create nothing', async () => {
  const co = await freshCompany('OrdBad');
  const other = await freshCompany('OrdBadOther');
  const ids = finalisedApps(co, 1);
  const r = await createOrder(co.client, co, ids, { billing: other.office, reference: 'x'.repeat(61) });
  assert.equal(r.r.status, 200);
  assert.match(text(r.r), /Please choose one of your offices/);
  assert.match(text(r.r), /60 characters/);
  const lvl = await createOrder(co.client, co, ids, { level: `office:${other.office}` });
  assert.equal(lvl.r.status, 200);
  assert.match(text(lvl.r), /Please choose a level within your own/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '0');
  assert.deepEqual(appStates(ids), ['finalised']);
});

test('another company\'s application cannot be added: refused, nothing changed', async () => {
  const co = await freshCompany('OrdMine');
  const other = await freshCompany('OrdTheirs');
  const theirs = finalisedApps(other, 1);
  const mine = finalisedApps(co, 1);
  const r = await createOrder(co.client, co, [...mine, ...theirs], { then: 'open' });
  assert.equal(r.r.status, 200);
  assert.match(text(r.r), /cannot be added to this order/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '0');
  assert.deepEqual(appStates([...mine, ...theirs]), ['finalised', 'finalised']);
  // Another company's order answers 404.
  const { orderId } = await createOrder(other.client, other, theirs, { then: 'open' });
  for (const p of [`/orders/${orderId}`, `/orders/${orderId}/pay`, `/orders/${orderId}/receipt`]) {
    assert.equal((await co.client.get(p)).status, 404, p);
  }
  const csrf = await pageCsrf(co.client);
  assert.equal((await formPost(co.client, `/orders/${orderId}/cancel`, { _csrf: csrf })).status, 404);
  assert.equal((await formPost(co.client, `/orders/${orderId}/add`, { _csrf: csrf, id: mine })).status, 404);
  assert.equal(orderRow(orderId).state, 'open');
});

test('an application unfinalised meanwhile is refused', async () => {
  const co = await freshCompany('OrdUnfin');
  const ids = finalisedApps(co, 1);
  const form = await createForm(co.client, ids);
  sql(`UPDATE applications SET state = 'in_progress' WHERE id = ${ids[0]}`);
  const r = await formPost(co.client, '/orders/create', {
    _csrf: form.csrf, token: form.token, id: ids, reference: 'late', level: `office:${co.office}`,
    billing_office: co.office, delivery_office: co.office, then: 'later',
  });
  assert.equal(r.location, '/applications/attention');
  const back = await co.client.get('/applications/attention');
  assert.match(text(back), /can no longer be ordered/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '0');
});

test('a double-submitted form (two concurrent POSTs with one token) creates one order', async () => {
  const co = await freshCompany('OrdDouble');
  const ids = finalisedApps(co, 2);
  const form = await createForm(co.client, ids);
  const fields = {
    _csrf: form.csrf, token: form.token, id: ids, reference: 'double', level: `office:${co.office}`,
    billing_office: co.office, delivery_office: co.office, then: 'later',
  };
  const answers = await Promise.all([1, 2, 3].map(() => formPost(co.client, '/orders/create', fields)));
  for (const a of answers) assert.equal(a.status, 303, text(a).slice(0, 300));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM orders WHERE company_id = ${co.id}`), '1');
  const id = sqlValue(`SELECT id FROM orders WHERE company_id = ${co.id}`);
  for (const a of answers) assert.match(a.location, new RegExp(`^/orders/${id}(/|$)`));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM order_lines WHERE order_id = ${id}`), '2');
});

test('Create a New Empty Order makes an open order that applications can be added to', async () => {
  const co = await freshCompany('OrdEmpty');
  const page = await co.client.get('/orders/new');
  assert.equal(page.status, 200);
  assert.match(text(page), /Create a New Empty Order/);
  const r = await formPost(co.client, '/orders/new', {
    _csrf: hiddenValue(page.body, '_csrf'), token: hiddenValue(page.body, 'token'), reference: 'Empty one',
    level: 'company', billing_office: co.office, delivery_office: co.office, accounts_contact: 'Accounts',
  });
  assert.equal(r.status, 303);
  const id = r.location.match(/\/orders\/(\d+)$/)[1];
  assert.deepEqual(orderRow(id), { state: 'open', kind: 'cards', bacs: '' });
  assert.equal(sqlValue(`SELECT raised_level FROM orders WHERE id = ${id}`), 'company');
  const view = await co.client.get(`/orders/${id}`);
  assert.match(text(view), /Nothing on this order yet/);
  assert.doesNotMatch(view.body, /id="pay"/, 'an empty order offers PAY');
  const p = await co.client.get(`/orders/${id}/pay`);
  assert.equal(p.status, 303, 'the pay page of an empty order');
  // Nor can it be closed (closed, nothing could be added to it or paid): it stays open.
  assert.doesNotMatch(view.body, /action="\/orders\/\d+\/close"/, 'an empty order offers CLOSE');
  const closing = await formPost(co.client, `/orders/${id}/close`, { _csrf: await pageCsrf(co.client) });
  assert.equal(closing.status, 303);
  assert.match(text(await co.client.get(`/orders/${id}`)), /An order with no applications cannot be closed/);
  assert.equal(orderRow(id).state, 'open');
  const ids = finalisedApps(co, 1);
  const csrf = await pageCsrf(co.client);
  assert.equal((await formPost(co.client, `/orders/${id}/add`, { _csrf: csrf, id: ids })).status, 303);
  assert.match((await co.client.get(`/orders/${id}`)).body, /id="order-total"><strong>£54\.00</);
});

test('cancelling an unpaid order returns its applications to Finalised - Awaiting Ordering; a paid one cannot be', async () => {
  const co = await freshCompany('OrdCancel');
  const ids = finalisedApps(co, 2);
  const { orderId } = await createOrder(co.client, co, ids, { then: 'later' });
  const csrf = await pageCsrf(co.client);
  const r = await formPost(co.client, `/orders/${orderId}/cancel`, { _csrf: csrf });
  assert.equal(r.status, 303);
  assert.equal(orderRow(orderId).state, 'cancelled');
  assert.deepEqual(appStates(ids), ['finalised', 'finalised']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'order_cancelled' AND object_id = '${orderId}'`), '1');
  // They can go on a new order.
  const again = await createOrder(co.client, co, ids, { then: 'later' });
  assert.equal(again.r.status, 303);
  assert.deepEqual(appStates(ids), ['ordered', 'ordered']);
  // Paid: refused, nothing changed.
  seedFunds(co.id, 100000);
  assert.equal((await pay(co.client, again.orderId, 'funds')).status, 303);
  assert.equal(orderRow(again.orderId).state, 'paid');
  const no = await formPost(co.client, `/orders/${again.orderId}/cancel`, { _csrf: csrf });
  assert.equal(no.status, 303);
  const after = await co.client.get(no.location);
  assert.match(text(after), /A paid order cannot be cancelled/);
  assert.equal(orderRow(again.orderId).state, 'paid');
  assert.deepEqual(appStates(ids), ['received', 'received']);
});

test('permissions: View Purchases, Create New Purchases, Add to Existing Purchases, Complete Card Purchases', async () => {
  const co = await freshCompany('OrdPerm');
  const ids = finalisedApps(co, 2);
  const { orderId } = await createOrder(co.client, co, [ids[0]], { then: 'open' });
  const bit = (name) => 1 << ['view_employees', 'add_employees', 'remove_employees', 'change_employee_details',
    'view_applications', 'fill_in_applications', 'endorse_grading', 'endorse_qs', 'view_purchases',
    'create_purchases', 'add_to_purchases', 'complete_purchases', 'use_funds'].indexOf(name);
  // Without View Purchases: the Orders pages answer 403.
  const none = await addUser(co.id, { label: 'NoOrders', permissions: bit('view_applications') });
  for (const p of ['/orders/attention', '/orders/fulfilled', '/orders/history', `/orders/${orderId}`]) {
    assert.equal((await none.client.get(p)).status, 403, p);
  }
  // View only: sees, but cannot create, add or pay.
  const viewer = await addUser(co.id, { label: 'ViewOrders', permissions: bit('view_purchases') | bit('view_applications') });
  assert.equal((await viewer.client.get(`/orders/${orderId}`)).status, 200);
  const csrf = await pageCsrf(viewer.client);
  const sel = await formPost(viewer.client, '/orders/add-applications', { _csrf: csrf, id: ids[1] });
  assert.equal(sel.status, 200);
  assert.doesNotMatch(sel.body, /CREATE A NEW ORDER|ADD TO THIS ORDER/);
  assert.equal((await formPost(viewer.client, `/orders/${orderId}/add`, { _csrf: csrf, id: ids[1] })).status, 403);
  assert.equal((await viewer.client.get('/orders/new')).status, 403);
  assert.equal((await viewer.client.get(`/orders/${orderId}/pay`)).status, 403);
  assert.equal((await formPost(viewer.client, `/orders/${orderId}/cancel`, { _csrf: csrf })).status, 403);
  // Add to Existing only: sees the pending order, no + CREATE A NEW ORDER.
  const adder = await addUser(co.id, { label: 'Adder', permissions: bit('view_purchases') | bit('add_to_purchases') });
  const acsrf = await pageCsrf(adder.client);
  const asel = await formPost(adder.client, '/orders/add-applications', { _csrf: acsrf, id: ids[1] });
  assert.match(asel.body, /ADD TO THIS ORDER/);
  assert.doesNotMatch(asel.body, /CREATE A NEW ORDER/);
  assert.equal((await formPost(adder.client, '/orders/create', { _csrf: acsrf, id: ids[1] })).status, 403);
  assert.equal((await formPost(adder.client, `/orders/${orderId}/add`, { _csrf: acsrf, id: ids[1] })).status, 303);
  // Create without Complete Card Purchases: no "PROCEED TO PAYMENT" button; then=pay closes only.
  const creator = await addUser(co.id, { label: 'Creator', permissions: bit('view_purchases') | bit('create_purchases') });
  const [x] = finalisedApps(co, 1);
  const f = await createForm(creator.client, [x]);
  assert.doesNotMatch(f.r.body, /id="close-and-pay"/);
  const made = await createOrder(creator.client, co, [x], { then: 'pay' });
  assert.equal(made.r.status, 303);
  assert.equal(made.r.location, `/orders/${made.orderId}`);
  assert.equal(orderRow(made.orderId).state, 'closed_unpaid');
  assert.equal((await creator.client.get(`/orders/${made.orderId}/pay`)).status, 403);
  // Complete Card Purchases without Use Funds: no funds choice, and a funds POST is refused.
  const payer = await addUser(co.id, { label: 'Payer', permissions: bit('view_purchases') | bit('complete_purchases') });
  const pp = await payer.client.get(`/orders/${made.orderId}/pay`);
  assert.equal(pp.status, 200);
  assert.doesNotMatch(pp.body, /value="funds"/);
  const pf = await pay(payer.client, made.orderId, 'funds');
  assert.equal(pf.status, 200);
  assert.match(text(pf), /may not pay for this order from the company's funds/);
  assert.equal(orderRow(made.orderId).state, 'closed_unpaid');
});

test('users see only orders of their level: an office user does not see the company\'s or another office\'s orders', async () => {
  const co = await freshCompany('OrdLevel');
  sql(`INSERT INTO offices (company_id, name) VALUES (${co.id}, 'Second Office ${co.id}')`);
  const office2 = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = 'Second Office ${co.id}'`);
  const [a] = finalisedApps(co, 1);
  const [b] = finalisedApps(co, 1, { office: office2 });
  const companyOrder = await createOrder(co.client, co, [a], { then: 'open', level: 'company', reference: 'company level' });
  const officeOrder = await createOrder(co.client, co, [b], {
    then: 'open', level: `office:${office2}`, billing: office2, delivery: office2, reference: 'office two',
  });
  assert.equal(companyOrder.r.status, 303);
  assert.equal(officeOrder.r.status, 303);
  const u = await addUser(co.id, { label: 'OfficeTwo' });
  sql(`UPDATE memberships SET level = 'office', office_id = ${office2} WHERE user_id = ${u.user}`);
  const c = new Client();
  await c.signInOk({ email: u.email, password: u.password });
  assert.equal((await c.get(`/orders/${companyOrder.orderId}`)).status, 404);
  assert.equal((await c.get(`/orders/${officeOrder.orderId}`)).status, 200);
  const list = await c.get('/orders/attention');
  assert.match(list.body, new RegExp(`id="order-${officeOrder.orderId}"`));
  assert.doesNotMatch(list.body, new RegExp(`id="order-${companyOrder.orderId}"`));
  // Exactly its orders: one panel each, none without an id (a stray list value made one).
  const panels = [...list.body.matchAll(/<section class="panel" id="order-([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(panels, [officeOrder.orderId]);
  // Its levels and offices are its own only.
  const page = await c.get('/orders/new');
  assert.doesNotMatch(page.body, /Company Purchase/);
  assert.doesNotMatch(page.body, new RegExp(`value="${co.office}"`));
  // Its own office: the order is made (every level can buy).
  const mine = await formPost(c, '/orders/new', {
    _csrf: csrfOf(page.body), token: hiddenValue(page.body, 'token'), level: `office:${office2}`,
    billing_office: office2, delivery_office: office2, reference: 'office user order',
  });
  assert.equal(mine.status, 303, text(mine).slice(-400));
  const own = mine.location.match(/\/orders\/(\d+)$/)[1];
  assert.equal(sqlValue(`SELECT CONCAT(raised_level, ':', office_id) FROM orders WHERE id = ${own}`), `office:${office2}`);
  const [c2] = finalisedApps(co, 1, { office: office2 });
  const again = await c.get('/orders/new');
  const csrf = csrfOf(again.body);
  assert.equal((await formPost(c, `/orders/${own}/add`, { _csrf: csrf, id: c2 })).status, 303);
  assert.deepEqual(appStates([c2]), ['ordered']);
  // An application outside the user's office is not theirs to order.
  const outside = await formPost(c, `/orders/${own}/add`, { _csrf: csrf, id: a });
  assert.equal(outside.location, '/applications/attention');
  assert.deepEqual(appStates([a]), ['ordered']); // still on the company's order only
  const r = await formPost(c, '/orders/new', {
    _csrf: csrf, token: hiddenValue(page.body, 'token'), level: 'company', billing_office: co.office,
    delivery_office: co.office,
  });
  assert.equal(r.status, 200);
  assert.match(text(r), /Please choose a level within your own/);
});

function csrfOf(html) {
  return hiddenValue(html, '_csrf');
}

test('an order takes only applications within the level it is raised at', async () => {
  const co = await freshCompany('OrdWithin');
  sql(`INSERT INTO offices (company_id, name) VALUES (${co.id}, 'Far Office ${co.id}')`);
  const far = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = 'Far Office ${co.id}'`);
  const [here] = finalisedApps(co, 1);
  const [there] = finalisedApps(co, 1, { office: far });
  const r = await createOrder(co.client, co, [here, there], { then: 'open', level: `office:${co.office}` });
  assert.equal(r.r.status, 200);
  assert.match(text(r.r), /outside the level the order is raised at/);
  assert.deepEqual(appStates([here, there]), ['finalised', 'finalised']);
  const ok = await createOrder(co.client, co, [here, there], { then: 'open', level: 'company' });
  assert.equal(ok.r.status, 303);
  assert.deepEqual(appStates([here, there]), ['ordered', 'ordered']);
});
