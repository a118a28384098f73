// Booking an employee onto an online HS&E assessment: one credit a booking, "no credits left"
// with nothing changed, a window of dates checked, one booking however often the form is sent,
// at most one open booking an employee, concurrent bookings never overspending, and a booking
// unused by the end of its window giving its credit back exactly once (when the tab is listed,
// or by portalctl expire-bookings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { env, freshCompany, sql, sqlValue, pageText, hiddenValue, textById, q } from '../lib/portal.mjs';
import { formPost, pageCsrf } from '../lib/orders.mjs';
import { credits, seedCredits, employee, book, bookingRow, day } from '../lib/assessments.mjs';

const text = (r) => pageText(r.body);
const bookings = (co) => Number(sqlValue(`SELECT COUNT(*) FROM assessment_bookings WHERE company_id = ${co.id}`));

test('a booking uses one credit: code, employee, window, state booked, ledger and audit rows', async () => {
  const co = await freshCompany('Book');
  seedCredits(co.id, 2);
  const op = employee(co, { first: 'Bella', last: 'Booker' });
  const page = await co.client.get('/assessments/book');
  assert.equal(page.status, 200);
  assert.match(text(page), /Booker, Bella/);
  const { r, id } = await book(co.client, { operative: op.id, from: day(0), to: day(10) });
  assert.equal(r.status, 303, text(r).slice(0, 300));
  const row = bookingRow(id);
  assert.match(row.code, /^[A-HJ-NP-Z2-9]{8}$/);
  assert.equal(row.state, 'booked');
  assert.equal(credits(co.id), 1);
  assert.deepEqual(sql(`SELECT amount, balance_after, kind, idempotency_key FROM assessment_credit_ledger
                        WHERE booking_id = ${id}`), [['-1', '1', 'booking', `booking:${id}:use`]]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_booked' AND object_id = '${id}'`), '1');
  const view = await co.client.get(`/assessments/bookings/${id}`);
  assert.equal(textById(view.body, 'booking-code'), row.code);
  assert.equal(textById(view.body, 'booking-state'), 'Booked');
  const tab = await co.client.get('/assessments');
  assert.match(text(tab), new RegExp(`${row.code} Booker, Bella`));
  assert.equal(textById(tab.body, 'credit-balance'), '1');
});

test('no credits left: the message, and nothing booked or charged', async () => {
  const co = await freshCompany('BookNone');
  const op = employee(co);
  const { r } = await book(co.client, { operative: op.id });
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'form-error'), /No credits left/);
  assert.match(r.body, /id="purchase-credits"/, 'no way to buy them from the message');
  assert.equal(bookings(co), 0);
  assert.equal(credits(co.id), 0);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM assessment_credit_ledger WHERE company_id = ${co.id}`), '0');
  // Running out: one credit books once, then no more.
  seedCredits(co.id, 1);
  assert.equal((await book(co.client, { operative: op.id })).r.status, 303);
  const op2 = employee(co);
  const again = await book(co.client, { operative: op2.id });
  assert.match(textById(again.r.body, 'form-error'), /No credits left/);
  assert.equal(bookings(co), 1);
  assert.equal(credits(co.id), 0);
});

test('bad input: a clear message on the field, nothing changed', async () => {
  const co = await freshCompany('BookBad');
  const other = await freshCompany('BookOther');
  seedCredits(co.id, 5);
  const op = employee(co);
  const foreign = employee(other);
  const former = employee(co);
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE operative_id = ${former.id}`);
  const cases = [
    [{ operative: op.id, from: day(-1), to: day(5) }, 'from-error', /cannot start in the past/],
    [{ operative: op.id, from: day(5), to: day(4) }, 'to-error', /on or after the first day/],
    [{ operative: op.id, from: day(1), to: day(70) }, 'to-error', /at most 60 days/],
    [{ operative: op.id, from: day(400), to: day(401) }, 'from-error', /within a year/],
    [{ operative: op.id, from: '31/02/2027', to: day(5) }, 'from-error', /real date/],
    [{ operative: op.id, from: day(1), to: '' }, 'to-error', /./],
    [{ operative: foreign.id, from: day(1), to: day(5) }, 'operative-error', /one of your current employees/],
    [{ operative: former.id, from: day(1), to: day(5) }, 'operative-error', /one of your current employees/],
    [{ operative: 'abc', from: day(1), to: day(5) }, 'operative-error', /./],
  ];
  for (const [fields, id, why] of cases) {
    const { r } = await book(co.client, fields);
    assert.equal(r.status, 200, JSON.stringify(fields));
    assert.match(textById(r.body, id) || '', why, JSON.stringify(fields));
    assert.doesNotMatch(r.body, /id="purchase-credits"/, `credits offered for ${JSON.stringify(fields)}`);
  }
  const { r } = await book(co.client, { operative: op.id, token: 'nonsense' });
  assert.equal(r.status, 200);
  assert.match(text(r), /This form has expired/);
  assert.equal(bookings(co), 0);
  assert.equal(credits(co.id), 5);
});

test('the same form sent twice books once; an employee has one open booking at a time', async () => {
  const co = await freshCompany('BookTwice');
  seedCredits(co.id, 5);
  const op = employee(co);
  const first = await book(co.client, { operative: op.id });
  const second = await book(co.client, { operative: op.id, token: first.token });
  assert.equal(second.r.status, 303);
  assert.equal(second.id, first.id);
  assert.equal(bookings(co), 1);
  assert.equal(credits(co.id), 4);
  const third = await book(co.client, { operative: op.id });
  assert.equal(third.r.status, 200);
  assert.match(textById(third.r.body, 'form-error'), new RegExp(`already has an open booking \\(${bookingRow(first.id).code}\\)`));
  assert.equal(credits(co.id), 4);
});

test('10 concurrent bookings with 1 credit left: exactly one succeeds, the balance never below zero', async () => {
  const co = await freshCompany('BookRace');
  seedCredits(co.id, 1);
  const ops = Array.from({ length: 10 }, (_, i) => employee(co, { first: `Racer${i}` }));
  const forms = [];
  for (const op of ops) {
    const page = await co.client.get('/assessments/book');
    forms.push({ op, token: hiddenValue(page.body, 'token'), csrf: hiddenValue(page.body, '_csrf') });
  }
  const answers = await Promise.all(forms.map((f) => formPost(co.client, '/assessments/book', {
    _csrf: f.csrf, token: f.token, operative: f.op.id, from: day(1), to: day(10),
  })));
  assert.equal(answers.filter((r) => r.status === 303).length, 1, answers.map((r) => r.status).join(','));
  assert.equal(answers.filter((r) => r.status === 200 && /No credits left/.test(r.body)).length, 9);
  assert.equal(bookings(co), 1);
  assert.equal(credits(co.id), 0);
  assert.deepEqual(sql(`SELECT SUM(amount) FROM assessment_credit_ledger WHERE company_id = ${co.id}`), [['0']]);
});

test('a booking unused by the end of its window expires and returns its credit exactly once', async () => {
  const co = await freshCompany('BookExpire');
  seedCredits(co.id, 1);
  const op = employee(co);
  const { id } = await book(co.client, { operative: op.id, from: day(0), to: day(3) });
  assert.equal(credits(co.id), 0);
  // The window passes.
  sql(`UPDATE assessment_bookings SET window_from = CURDATE() - INTERVAL 10 DAY,
       window_to = CURDATE() - INTERVAL 1 DAY WHERE id = ${id}`);
  // Listed by several requests at once: one of them expires it.
  const pages = await Promise.all(Array.from({ length: 6 }, () => co.client.get('/assessments')));
  assert.ok(pages.every((p) => p.status === 200));
  assert.equal(bookingRow(id).state, 'expired');
  assert.equal(credits(co.id), 1);
  assert.deepEqual(sql(`SELECT amount, kind, idempotency_key FROM assessment_credit_ledger
                        WHERE booking_id = ${id} ORDER BY id`),
  [['-1', 'booking', `booking:${id}:use`], ['1', 'expiry', `booking:${id}:expired`]]);
  assert.match(text(await co.client.get('/assessments')), /Expired - credit returned/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_booking_expired'
                         AND object_id = '${id}'`), '1');
  // Again, by the tab or by portalctl: nothing more.
  await co.client.get('/assessments');
  execFileSync(env.portalctl, ['-c', env.config, 'expire-bookings'], { encoding: 'utf8' });
  assert.equal(credits(co.id), 1);
  // The employee may be booked again.
  assert.equal((await book(co.client, { operative: op.id })).r.status, 303);
});

test('portalctl expire-bookings expires every company\'s bookings past their window', async () => {
  const co = await freshCompany('BookCtl');
  seedCredits(co.id, 1);
  const { id } = await book(co.client, { operative: employee(co).id });
  sql(`UPDATE assessment_bookings SET window_from = CURDATE() - INTERVAL 5 DAY,
       window_to = CURDATE() - INTERVAL 2 DAY WHERE id = ${id}`);
  const out = execFileSync(env.portalctl, ['-c', env.config, 'expire-bookings'], { encoding: 'utf8' });
  assert.match(out, /\d+ bookings? expired/);
  assert.equal(bookingRow(id).state, 'expired');
  assert.equal(credits(co.id), 1);
  const again = execFileSync(env.portalctl, ['-c', env.config, 'expire-bookings'], { encoding: 'utf8' });
  assert.match(again, /^0 bookings expired/);
  assert.equal(credits(co.id), 1);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM assessment_credit_ledger WHERE booking_id = ${id} AND kind = 'expiry'`), '1');
});
