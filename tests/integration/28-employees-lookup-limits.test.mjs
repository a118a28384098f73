// The lookup limits: 60 lookups an hour per user and 300 per company (defaults); past either the
// page says so, the lookup is not performed and no employee_lookups row is added. Lookups older
// than an hour no longer count. Bulk rows have their own daily allowance (2,000 per company).
// Companies and users of their own (a dedicated one for the 60 real lookups).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, textById, freshCompany, addUser, createOperative, lookup, sleep, fakeLookups,
} from '../lib/portal.mjs';

const LIMIT_MESSAGE = 'You have reached the limit of 60 lookups an hour (300 for your company).';
const rowsOf = (userId) => Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${userId}`));

test('60 lookups in an hour, then the 61st is refused with the message and not performed', async () => {
  const co = await freshCompany('Limited');
  const p = createOperative({ first: 'Rate', last: 'Limitson', dob: '1987-07-17' });
  const form = { ni: p.ni, dob: p.dobDmy, last_name: p.last };
  for (let i = 1; i <= 60; i++) {
    const r = await lookup(co.client, form);
    assert.equal(r.status, 200, `lookup ${i}: status ${r.status}`);
    assert.match(r.body, /id="found"/, `lookup ${i} was not performed`);
    await sleep(60); // stay under nginx's per-address rate (10/s, burst 40) shared with later tests
  }
  assert.equal(rowsOf(co.user), 60);
  const audits0 = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_lookup_refused'`));
  const r = await lookup(co.client, form);
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.body, /id="(found|not-found)"/, 'the 61st lookup was performed');
  assert.match(r.body, /id="lookup-form"/);
  assert.ok((textById(r.body, 'form-error') || '').startsWith(LIMIT_MESSAGE), `message: ${textById(r.body, 'form-error')}`);
  assert.match(r.body, /<input\b[^>]*id="last_name"[^>]*value="Limitson"/, 'the form lost what was typed');
  assert.equal(rowsOf(co.user), 60, 'an employee_lookups row was added past the limit');
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_lookup_refused'`)),
    audits0 + 1, 'the refusal is not audited');
  // A colleague in the same company has an allowance of their own.
  const mate = await addUser(co.id, { label: 'Ratemate' });
  const m = await lookup(mate.client, form);
  assert.match(m.body, /id="found"/, "the colleague's lookup was refused");
  // Once the lookups are more than an hour old, the user may look up again.
  sql(`UPDATE employee_lookups SET created_at = NOW(6) - INTERVAL 61 MINUTE WHERE user_id = ${co.user}`);
  const again = await lookup(co.client, form);
  assert.match(again.body, /id="found"/, 'lookups older than an hour still count');
});

test('300 lookups of a company in the hour: every user of it is refused', async () => {
  const co = await freshCompany('Companycap');
  const mate = await addUser(co.id, { label: 'Capmate' });
  fakeLookups(co.id, mate.user, 300);
  const n0 = rowsOf(co.user);
  const r = await lookup(co.client, { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' });
  assert.equal(r.status, 200);
  assert.ok((textById(r.body, 'form-error') || '').startsWith(LIMIT_MESSAGE), `message: ${textById(r.body, 'form-error')}`);
  assert.equal(rowsOf(co.user), n0);
  // The oldest of them an hour old: 299 in the hour, allowed.
  sql(`UPDATE employee_lookups SET created_at = NOW(6) - INTERVAL 61 MINUTE
        WHERE user_id = ${mate.user} ORDER BY company_seq LIMIT 1`);
  const ok = await lookup(co.client, { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' });
  assert.match(ok.body, /id="(found|not-found)"/, 'the 300th lookup of the company was refused');
});

test('lookups at once near the limit: the company lock lets exactly as many through as are left', async () => {
  const co = await freshCompany('Racing');
  fakeLookups(co.id, co.user, 57);
  const form = { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' };
  await lookup(co.client, form).then((r) => assert.match(r.body, /id="(found|not-found)"/, 'the 58th'));
  const rs = await Promise.all(Array.from({ length: 8 }, () => lookup(co.client, form)));
  const performed = rs.filter((r) => /id="(found|not-found)"/.test(r.body)).length;
  const refused = rs.filter((r) => (textById(r.body, 'form-error') || '').startsWith(LIMIT_MESSAGE)).length;
  assert.equal(performed, 2, `performed ${performed} of 8 with 2 left`);
  assert.equal(refused, 6);
  assert.equal(rowsOf(co.user), 60);
});

test('two users of one company looking up at once: every lookup made, numbered once each, none lost', async () => {
  const co = await freshCompany('Together');
  const mate = await addUser(co.id, { label: 'Togethermate' });
  fakeLookups(co.id, co.user, 20);
  const form = { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' };
  const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => lookup(i % 2 ? mate.client : co.client, form)));
  const performed = rs.filter((r) => /id="(found|not-found)"/.test(r.body)).length;
  assert.equal(performed, 12, `statuses ${rs.map((r) => r.status)}`);
  // The company's numbers run 1..32 with no gap or repeat; each user's from 1 (the mate's) and 21.
  const seqs = sql(`SELECT company_seq FROM employee_lookups WHERE company_id = ${co.id} ORDER BY company_seq`)
    .map((row) => Number(row[0]));
  assert.deepEqual(seqs, Array.from({ length: 32 }, (_, i) => i + 1));
  assert.equal(sqlValue(`SELECT GROUP_CONCAT(user_seq ORDER BY user_seq) FROM employee_lookups WHERE user_id = ${mate.user}`),
    '1,2,3,4,5,6');
  assert.equal(Number(sqlValue(`SELECT MAX(user_seq) FROM employee_lookups WHERE user_id = ${co.user}`)), 26);
  assert.equal(Number(sqlValue(`SELECT seq FROM lookup_counters WHERE owner = 'company' AND owner_id = ${co.id}`)), 32);
});

test('bulk rows do not count against the hourly lookups; they have a daily allowance of their own', async () => {
  const co = await freshCompany('Bulkcap');
  fakeLookups(co.id, co.user, 1999, { kind: 'bulk' });
  const single = await lookup(co.client, { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' });
  assert.match(single.body, /id="(found|not-found)"/, 'bulk rows counted against the hourly limit');
  const csv = `ni_number,date_of_birth,last_name,office,started_on\nAB123456C,01/01/1980,Anyone,${co.officeName},01/01/2025\n` +
    `CE300001A,01/01/1980,Anyone,${co.officeName},01/01/2025\n`;
  const fd = new FormData();
  fd.append('_csrf', await co.client.csrf('/employees/bulk'));
  fd.append('csv', new Blob([csv], { type: 'text/csv' }), 'two.csv');
  const r = await co.client.request('POST', '/employees/bulk', { body: fd });
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'form-error') || '', /This file has 2 rows, but your company can check 1 more today \(2000 a day\)/);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE company_id = ${co.id} AND kind = 'bulk'`)), 1999,
    'rows were checked past the allowance');
});
