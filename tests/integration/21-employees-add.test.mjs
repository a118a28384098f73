// Employees -> Add New Employee, after the lookup: CONFIRM & CONTINUE for a person found;
// "already an employee"; the single-use token (reuse and another user's token refused);
// the office must be one of the user's. Company and operatives of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, pageText, textById, freshCompany, addUser, createOperative, lookup, hiddenValue,
  listedIds, isoDate, dateFromToday, signedIn, OTHER,
} from '../lib/portal.mjs';

const EXPIRED = 'This lookup has expired or was already used.';
let co;

before(async () => {
  co = await freshCompany('Adder');
});

async function found(client, p) {
  const r = await lookup(client, { ni: p.ni, dob: p.dobDmy, last_name: p.last });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="found"/, `${p.first} ${p.last} was not found`);
  return r;
}

function employments(opId, companyId = co.id) {
  return sql(`SELECT office_id, started_on, ended_on, declared_by_user_id FROM employments
               WHERE operative_id = ${opId} AND company_id = ${companyId} ORDER BY id`);
}

test('CONFIRM & CONTINUE adds the person found: 303 to /employees/ID, then in Current Employees', async () => {
  const p = createOperative({ first: 'Ada', last: 'Addwell', dob: '1988-04-04' });
  const r = await found(co.client, p);
  const token = hiddenValue(r.body, 'token');
  const started = isoDate(dateFromToday({ days: -10 }));
  const c = await co.client.post('/employees/confirm', {
    _csrf: hiddenValue(r.body, '_csrf'), token, office_id: co.office, started_on: started,
  });
  assert.equal(c.status, 303, pageText(c.body).slice(0, 300));
  assert.equal(c.location, `/employees/${p.id}`);
  assert.deepEqual(employments(p.id), [[co.office, started, null, co.user]],
    'the employments row (office, start, not ended, declared_by_user_id)');
  const audit = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_added'
      AND object_id = '${p.id}'`);
  assert.equal(audit, '1', 'no employee_added audit row');
  const view = await co.client.get(`/employees/${p.id}`);
  assert.equal(view.status, 200);
  assert.equal(textById(view.body, 'employee-name'), 'Mr Ada Addwell');
  assert.equal(textById(view.body, 'employee-status'), 'Current employee');
  const list = await co.client.get('/employees/current');
  assert.ok(listedIds(list.body).includes(String(p.id)), 'not in Current Employees');
  assert.ok(pageText(list.body).includes('Addwell, Ada'), 'the list does not show "Last, First"');
});

test('the same token cannot be used twice', async () => {
  const p = createOperative({ first: 'Bert', last: 'Twiceover', dob: '1977-07-07' });
  const r = await found(co.client, p);
  const form = { _csrf: hiddenValue(r.body, '_csrf'), token: hiddenValue(r.body, 'token'), office_id: co.office, started_on: '2024-01-15' };
  assert.equal((await co.client.post('/employees/confirm', form)).status, 303);
  // End the employment so that a second use could add them again if the token were accepted.
  sql(`UPDATE employments SET ended_on = '2024-02-01' WHERE operative_id = ${p.id} AND company_id = ${co.id}`);
  const again = await co.client.post('/employees/confirm', form);
  assert.equal(again.status, 200);
  assert.ok(pageText(again.body).includes(EXPIRED), `no "expired or used" message: ${pageText(again.body).slice(0, 300)}`);
  assert.equal(employments(p.id).length, 1, 'a used token added another employment');
  assert.ok(sqlValue(`SELECT used_at FROM employee_lookups WHERE user_id = ${co.user} AND operative_id = ${p.id}`), 'used_at not set');
});

test("another user's token is refused (same company, and another company)", async () => {
  const p = createOperative({ first: 'Cara', last: 'Tokenless', dob: '1991-01-31' });
  const r = await found(co.client, p);
  const token = hiddenValue(r.body, 'token');
  const colleague = await addUser(co.id, { label: 'Colleague' });
  const cc = await colleague.client.csrf('/employees/add');
  const x = await colleague.client.post('/employees/confirm', { _csrf: cc, token, office_id: co.office, started_on: '2024-03-01' });
  assert.equal(x.status, 200);
  assert.ok(pageText(x.body).includes(EXPIRED), 'a colleague used my token');
  const other = await signedIn(OTHER);
  const oc = await other.csrf('/employees/add');
  const otherOffice = sqlValue("SELECT id FROM offices WHERE name = 'Northern Sparks Leeds'");
  const y = await other.post('/employees/confirm', { _csrf: oc, token, office_id: otherOffice, started_on: '2024-03-01' });
  assert.equal(y.status, 200);
  assert.ok(pageText(y.body).includes(EXPIRED), 'another company used my token');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id}`), '0');
  // The owner still can.
  const mine = await co.client.post('/employees/confirm', { _csrf: hiddenValue(r.body, '_csrf'), token, office_id: co.office, started_on: '2024-03-01' });
  assert.equal(mine.status, 303);
  assert.equal(employments(p.id).length, 1);
});

test('a made-up or malformed token is refused', async () => {
  const csrf = await co.client.csrf('/employees/add');
  for (const token of ['0'.repeat(64), 'abc', '']) {
    const r = await co.client.post('/employees/confirm', { _csrf: csrf, token, office_id: co.office, started_on: '2024-01-01' });
    assert.ok([200, 400].includes(r.status), `token ${JSON.stringify(token)}: status ${r.status}`);
    assert.doesNotMatch(r.location || '', /\/employees\/\d+/);
  }
});

test('the office must be one of the user\'s, the start date real and not in the future', async () => {
  const p = createOperative({ first: 'Dora', last: 'Officeless', dob: '1983-03-13' });
  const r = await found(co.client, p);
  const base = { _csrf: hiddenValue(r.body, '_csrf'), token: hiddenValue(r.body, 'token') };
  const otherOffice = sqlValue("SELECT id FROM offices WHERE name = 'Northern Sparks Leeds'");
  const a = await co.client.post('/employees/confirm', { ...base, office_id: otherOffice, started_on: '2024-01-01' });
  assert.equal(a.status, 200);
  assert.equal(textById(a.body, 'office_id-error'), 'Error: Please choose one of your offices.');
  const future = isoDate(dateFromToday({ days: 3 }));
  const b = await co.client.post('/employees/confirm', { ...base, office_id: co.office, started_on: future });
  assert.equal(b.status, 200);
  assert.match(textById(b.body, 'started_on-error') || '', /cannot be in the future/);
  const c = await co.client.post('/employees/confirm', { ...base, office_id: co.office, started_on: '31/02/2024' });
  assert.match(textById(c.body, 'started_on-error') || '', /real date/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id}`), '0', 'added despite the errors');
  // The token survives those errors.
  const ok = await co.client.post('/employees/confirm', { ...base, office_id: co.office, started_on: '2024-01-01' });
  assert.equal(ok.status, 303);
});

test('already an employee: the lookup says so with a link, and a confirm adds no second employment', async () => {
  const p = createOperative({ first: 'Eli', last: 'Alreadyhere', dob: '1970-10-10' });
  const first = await found(co.client, p);
  const pending = await found(co.client, p); // a second token taken before the first is used
  assert.equal((await co.client.post('/employees/confirm', {
    _csrf: hiddenValue(first.body, '_csrf'), token: hiddenValue(first.body, 'token'), office_id: co.office, started_on: '2023-05-05',
  })).status, 303);
  const again = await found(co.client, p);
  assert.match(again.body, /id="already-employed"/, 'no "already an employee" notice');
  assert.match(again.body, new RegExp(`<div[^>]*id="already-employed"[\\s\\S]*?href="/employees/${p.id}"`), 'no link to the employee');
  assert.doesNotMatch(again.body, /id="confirm-form"/, 'the confirm form is still offered');
  const dup = await co.client.post('/employees/confirm', {
    _csrf: hiddenValue(pending.body, '_csrf'), token: hiddenValue(pending.body, 'token'), office_id: co.office, started_on: '2023-06-06',
  });
  assert.equal(dup.status, 200, 'a second confirm did not stop');
  assert.match(dup.body, /id="already-employed"/);
  assert.equal(employments(p.id).length, 1, 'a second current employment');
});

test('a person employed elsewhere is found and can be added here too', async () => {
  const p = createOperative({ first: 'Fern', last: 'Twojobs', dob: '1986-08-08' });
  const nsl = sqlValue("SELECT id FROM companies WHERE company_number = 'NSL00001'");
  const leeds = sqlValue("SELECT id FROM offices WHERE name = 'Northern Sparks Leeds'");
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on) VALUES (${p.id}, ${nsl}, ${leeds}, '2021-01-01')`);
  const r = await found(co.client, p);
  assert.doesNotMatch(r.body, /id="already-employed"/, 'employed by another company shows as already ours');
  const c = await co.client.post('/employees/confirm', {
    _csrf: hiddenValue(r.body, '_csrf'), token: hiddenValue(r.body, 'token'), office_id: co.office, started_on: '2024-04-04',
  });
  assert.equal(c.status, 303);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id} AND ended_on IS NULL`), '2');
});
