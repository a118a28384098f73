// Data rules found by the security review: names, start dates, bulk rows that cannot be stored.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, freshCompany, createOperative, employ, lookup, hiddenValue,
  freshNi,
} from '../lib/portal.mjs';

let co;
before(async () => { co = await freshCompany('Rules'); });

const confirm = (f, started) => co.client.post('/employees/confirm', {
  _csrf: hiddenValue(f.body, '_csrf'), token: hiddenValue(f.body, 'token'), office_id: co.office, started_on: started,
});

test('someone who left cannot be re-added with a start before they left', async () => {
  const p = createOperative({ first: 'Back', last: 'Again', dob: '1980-01-01' });
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on, ended_on)
       VALUES (${p.id}, ${co.id}, ${co.office}, '2021-01-01', '2024-06-30')`);
  let f = await lookup(co.client, { ni: p.ni, dob: p.dobDmy, last_name: p.last });
  const r = await confirm(f, '2023-01-01');
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'started_on-error') || '', /left your company on 30\/06\/2024/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id} AND ended_on IS NULL`), '0');
  f = await lookup(co.client, { ni: p.ni, dob: p.dobDmy, last_name: p.last });
  assert.equal((await confirm(f, '2024-07-01')).status, 303);
});

test('a start date before the date of birth is refused', async () => {
  const p = createOperative({ first: 'Early', last: 'Starter', dob: '2001-05-05' });
  const f = await lookup(co.client, { ni: p.ni, dob: p.dobDmy, last_name: p.last });
  const r = await confirm(f, '2000-01-01');
  assert.match(textById(r.body, 'started_on-error') || '', /after the date of birth/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id}`), '0');
});

test('a name with a right-to-left override is refused', async () => {
  const r = await lookup(co.client, { ni: freshNi(), dob: '01/01/1980', last_name: 'Smith\u202Etxt.exe' });
  assert.ok(textById(r.body, 'last_name-error'), 'no error next to the last name');
});

test('a last name over 100 letters: an error next to it, and nothing stored or crashed', async () => {
  const n0 = sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE company_id = ${co.id}`);
  const r = await lookup(co.client, { ni: freshNi(), dob: '01/01/1980', last_name: 'a'.repeat(150) });
  assert.equal(r.status, 200);
  assert.ok(textById(r.body, 'last_name-error'));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE company_id = ${co.id}`), n0);
});

test('a bulk row with an over-long last name is rejected, the rest of the file still checked and counted', async () => {
  const p = createOperative({ first: 'Bulky', last: 'Fine', dob: '1985-03-03' });
  const csv = 'ni_number,date_of_birth,last_name,office,started_on\n' +
    `${p.ni},03/03/1985,Fine,${co.officeName},01/01/2025\n` +
    `${freshNi()},01/01/1980,${'a'.repeat(150)},${co.officeName},01/01/2025\n`;
  const page = await co.client.get('/employees/bulk');
  const form = new FormData();
  form.set('_csrf', hiddenValue(page.body, '_csrf'));
  form.set('csv', new Blob([csv], { type: 'text/csv' }), 'people.csv');
  const before = Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE company_id = ${co.id} AND kind = 'bulk'`));
  const r = await co.client.request('POST', '/employees/bulk', { body: form });
  assert.equal(r.status, 200);
  assert.match(pageText(r.body), /100 letters/);
  assert.match(r.body, /id="bulk-matched"/);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE company_id = ${co.id} AND kind = 'bulk'`)),
    before + 1, 'the matched row was not recorded');
});
