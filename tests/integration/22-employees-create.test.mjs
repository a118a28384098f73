// Employees -> Add New Employee, nobody found: the form for a new operative. The NI number and
// date of birth come from the lookup (its token), not from the form; the declaration must be
// ticked; the register record and the employment are made together. Company of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, freshCompany, freshNi, createOperative, lookup, hiddenValue,
  listedIds,
} from '../lib/portal.mjs';

let co;

before(async () => {
  co = await freshCompany('Creator');
});

async function notFound(ni, dob, last) {
  const r = await lookup(co.client, { ni, dob, last_name: last });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="not-found"/, `${ni} was found`);
  return { page: r.body, csrf: hiddenValue(r.body, '_csrf'), token: hiddenValue(r.body, 'token') };
}

const count = (where) => Number(sqlValue(`SELECT COUNT(*) FROM ${where}`));

test('a new operative: created on the register and employed, 303 to their page, in Current Employees', async () => {
  const ni = freshNi();
  const nf = await notFound(ni, '12/12/1994', 'Newbold');
  const r = await co.client.post('/employees/create', {
    _csrf: nf.csrf, token: nf.token, title: 'Ms', first_name: 'Nina', last_name: 'Newbold', gender: 'female',
    office_id: co.office, started_on: '2025-01-06', declaration: 'yes',
  });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 400));
  const [[id, dob, title, first, last, gender]] = sql(`SELECT id, date_of_birth, title, first_name, last_name, gender
      FROM operatives WHERE ni_number = ${q(ni)}`);
  assert.equal(r.location, `/employees/${id}`);
  assert.deepEqual([dob, title, first, last, gender], ['1994-12-12', 'Ms', 'Nina', 'Newbold', 'female']);
  assert.deepEqual(sql(`SELECT company_id, office_id, started_on, ended_on, declared_by_user_id FROM employments WHERE operative_id = ${id}`),
    [[co.id, co.office, '2025-01-06', null, co.user]]);
  for (const action of ['operative_created', 'employee_added']) {
    assert.equal(count(`audit_log WHERE user_id = ${co.user} AND action = '${action}' AND object_id = '${id}'`), 1, `no ${action} audit row`);
  }
  const view = await co.client.get(`/employees/${id}`);
  assert.equal(view.status, 200);
  assert.equal(textById(view.body, 'employee-name'), 'Ms Nina Newbold');
  assert.ok(pageText(view.body).includes(ni), 'the employee page does not show the whole NI number');
  assert.ok(pageText(view.body).includes('12/12/1994'));
  const list = await co.client.get('/employees/current');
  assert.ok(listedIds(list.body).includes(id), 'not in Current Employees');
  // The token is spent.
  const again = await co.client.post('/employees/create', {
    _csrf: nf.csrf, token: nf.token, first_name: 'Nina', last_name: 'Again', office_id: co.office, started_on: '2025-01-06', declaration: 'yes',
  });
  assert.equal(again.status, 200);
  assert.match(pageText(again.body), /expired or was already used/);
  assert.equal(count(`operatives WHERE last_name = 'Again' AND first_name = 'Nina'`), 0);
});

test('the NI number and date of birth come from the lookup: form fields for them are ignored', async () => {
  const ni = freshNi();
  const sneaky = freshNi();
  const nf = await notFound(ni, '03/04/1989', 'Carried');
  const r = await co.client.post('/employees/create', {
    _csrf: nf.csrf, token: nf.token, first_name: 'Carl', last_name: 'Carried', office_id: co.office,
    started_on: '2025-02-03', declaration: 'yes',
    ni: sneaky, ni_number: sneaky, dob: '01/01/1960', date_of_birth: '1960-01-01',
  });
  assert.equal(r.status, 303);
  assert.equal(sqlValue(`SELECT date_of_birth FROM operatives WHERE ni_number = ${q(ni)}`), '1989-04-03');
  assert.equal(count(`operatives WHERE ni_number = ${q(sneaky)}`), 0, 'the NI number posted was used');
});

test('declaration not ticked: the error next to it, the typed values kept, nothing created', async () => {
  const ni = freshNi();
  const nf = await notFound(ni, '05/05/1995', 'Undeclared');
  const ops = count('operatives');
  const emps = count(`employments WHERE company_id = ${co.id}`);
  for (const declaration of [undefined, 'no']) {
    const form = { _csrf: nf.csrf, token: nf.token, title: 'Mr', first_name: 'Umberto', last_name: "O'Undeclared", gender: 'male',
      office_id: co.office, started_on: '2025-03-03' };
    if (declaration !== undefined) form.declaration = declaration;
    const r = await co.client.post('/employees/create', form);
    assert.equal(r.status, 200);
    assert.match(r.body, /id="not-found"/);
    assert.match(textById(r.body, 'declaration-error') || '', /tick the declaration|required|Please/i, `declaration=${declaration}: no error next to the declaration`);
    assert.match(r.body, /<input\b[^>]*id="first_name"[^>]*value="Umberto"/, 'the first name typed is lost');
    assert.match(r.body, /<input\b[^>]*id="last_name"[^>]*value="O&#39;Undeclared"|<input\b[^>]*id="last_name"[^>]*value="O&#x27;Undeclared"|<input\b[^>]*id="last_name"[^>]*value="O'Undeclared"/, 'the last name typed is lost');
    assert.match(r.body, /<option value="Mr" selected>/, 'the title chosen is lost');
    assert.match(r.body, /<input\b[^>]*id="started_on"[^>]*value="2025-03-03"/, 'the start date is lost');
    assert.equal(textById(r.body, 'notfound-ni'), ni, 'the NI number is no longer shown');
    assert.equal(hiddenValue(r.body, 'token'), nf.token, 'the token is not carried on');
  }
  assert.equal(count('operatives'), ops, 'an operative was created');
  assert.equal(count(`employments WHERE company_id = ${co.id}`), emps, 'an employment was created');
  assert.equal(count(`operatives WHERE ni_number = ${q(ni)}`), 0);
  // Ticking it then works with the same token.
  const ok = await co.client.post('/employees/create', { _csrf: nf.csrf, token: nf.token, first_name: 'Umberto', last_name: 'Undeclared',
    office_id: co.office, started_on: '2025-03-03', declaration: 'yes' });
  assert.equal(ok.status, 303);
});

test('the new-operative form checks its fields, each error next to its field', async () => {
  const nf = await notFound(freshNi(), '06/06/1996', 'Checked');
  const cases = [
    [{ first_name: '' }, 'first_name'],
    [{ first_name: ' ' }, 'first_name'],
    [{ last_name: '  ' }, 'last_name'],
    [{ first_name: '\u00a0' }, 'first_name'],
    [{ last_name: '\u0301' }, 'last_name'],
    [{ last_name: 'Bad<name>' }, 'last_name'],
    [{ first_name: 'R2D2' }, 'first_name'],
    [{ title: 'Lord' }, 'title'],
    [{ gender: 'robot' }, 'gender'],
    [{ office_id: '' }, 'office_id'],
    [{ office_id: sqlValue("SELECT id FROM offices WHERE name = 'Northern Sparks Leeds'") }, 'office_id'],
    [{ started_on: '2099-01-01' }, 'started_on'],
    [{ started_on: 'soon' }, 'started_on'],
  ];
  const ops = count('operatives');
  for (const [change, field] of cases) {
    const form = { _csrf: nf.csrf, token: nf.token, first_name: 'Chas', last_name: 'Checked', office_id: co.office,
      started_on: '2025-01-01', declaration: 'yes', ...change };
    const r = await co.client.post('/employees/create', form);
    assert.equal(r.status, 200, `${JSON.stringify(change)}: status ${r.status}`);
    assert.ok(textById(r.body, `${field}-error`), `${JSON.stringify(change)}: no error next to ${field}`);
  }
  assert.equal(count('operatives'), ops, 'an operative was created by an invalid form');
});

test('an NI number registered meanwhile (a race) is refused without adding anyone', async () => {
  const ni = freshNi();
  const nf = await notFound(ni, '09/09/1999', 'Racer');
  createOperative({ ni, dob: '1999-09-09', first: 'Real', last: 'Racer' });
  const r = await co.client.post('/employees/create', { _csrf: nf.csrf, token: nf.token, first_name: 'Fake', last_name: 'Racer',
    office_id: co.office, started_on: '2025-01-01', declaration: 'yes' });
  assert.equal(r.status, 200);
  assert.ok(textById(r.body, 'form-error'), 'no message');
  assert.equal(count(`operatives WHERE ni_number = ${q(ni)}`), 1);
  assert.equal(sqlValue(`SELECT first_name FROM operatives WHERE ni_number = ${q(ni)}`), 'Real', 'the register record was changed');
  assert.equal(count(`employments e JOIN operatives o ON o.id = e.operative_id WHERE o.ni_number = ${q(ni)}`), 0);
  // The answer used the lookup up (each probe costs one) and was audited.
  assert.equal(sqlValue(`SELECT used_at IS NOT NULL FROM employee_lookups
     WHERE token_hash = UNHEX(SHA2(UNHEX(${q(nf.token)}), 256))`), '1', 'the token can be replayed');
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'operative_create_refused'
     AND company_id = ${co.id}`)) >= 1, 'not audited');
  const again = await co.client.post('/employees/create', { _csrf: nf.csrf, token: nf.token, first_name: 'Fake',
    last_name: 'Racer', office_id: co.office, started_on: '2025-01-01', declaration: 'yes' });
  assert.match(pageText(again.body), /expired or was already used/);
});

test('a found-lookup token cannot create a new operative, nor a not-found token confirm', async () => {
  const p = createOperative({ first: 'Gus', last: 'Crossed', dob: '1984-02-29' });
  const f = await lookup(co.client, { ni: p.ni, dob: p.dobDmy, last_name: p.last });
  assert.match(f.body, /id="found"/);
  const ops = count('operatives');
  const r = await co.client.post('/employees/create', { _csrf: hiddenValue(f.body, '_csrf'), token: hiddenValue(f.body, 'token'),
    first_name: 'Gus', last_name: 'Crossed', office_id: co.office, started_on: '2025-01-01', declaration: 'yes' });
  assert.equal(r.status, 200);
  assert.match(pageText(r.body), /expired or was already used/);
  assert.equal(count('operatives'), ops);
  const nf = await notFound(freshNi(), '01/01/1990', 'Crossed');
  const c = await co.client.post('/employees/confirm', { _csrf: nf.csrf, token: nf.token, office_id: co.office, started_on: '2025-01-01' });
  assert.equal(c.status, 200);
  assert.match(pageText(c.body), /expired or was already used/);
});
