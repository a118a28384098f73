// An employee's page: contact details (Can Change Employee Details) and leaving (Can Remove
// Employees), with and without the permission, both audited; a user of another company gets 404
// for every employee URL of the demo company. Operatives of its own, employed with SQL by the
// demo company's Eastern office (and one by its Head Office).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, signedIn, DEMO, EASTERN, VIEWER, OTHER, createOperative, employ,
  listedIds, walkCurrent, isoDate, dateFromToday, tableRows, searchCurrent, hrefById,
} from '../lib/portal.mjs';

let company;
let eastOffice;
let headOffice;
const ids = () => sqlValue(`SELECT id FROM users WHERE email = ${q(DEMO.email)}`);

before(() => {
  company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
  eastOffice = sqlValue("SELECT id FROM offices WHERE name = 'ECS Check Office 2 - EASTERN'");
  headOffice = sqlValue("SELECT id FROM offices WHERE name = 'ECS Check Company 2 Head Office'");
});

function eastern(first, last) {
  const p = createOperative({ first, last, dob: '1982-08-18' });
  employ(p.id, company, eastOffice, '2023-01-10');
  return p;
}

const CONTACT = {
  address_line1: '1 New Street', address_line2: 'Flat 2', town: 'Norwich', postcode: 'nr1 3qq',
  business_phone: '01632 960999', business_email: 'Worker@Example.COM',
};

function contactRow(id) {
  return sql(`SELECT e.address_line1, e.address_line2, e.town, e.postcode, e.business_phone, e.business_email
      FROM employments e WHERE e.operative_id = ${id} AND e.company_id = ${company} AND e.ended_on IS NULL`)[0];
}

test('the viewer (no change/remove permission) sees the page without the forms and gets 403 on both POSTs', async () => {
  const p = eastern('Vera', 'Viewonly');
  const v = await signedIn(VIEWER);
  const page = await v.get(`/employees/${p.id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.body, /id="contact-form"/, 'the contact form is shown without the permission');
  assert.doesNotMatch(page.body, /id="leave-form"/, 'the leave form is shown without the permission');
  const csrf = await v.csrf('/dashboard');
  const before = contactRow(p.id);
  const c = await v.post(`/employees/${p.id}/contact`, { _csrf: csrf, ...CONTACT });
  assert.equal(c.status, 403);
  const l = await v.post(`/employees/${p.id}/leave`, { _csrf: csrf, ended_on: isoDate(dateFromToday()) });
  assert.equal(l.status, 403);
  assert.deepEqual(contactRow(p.id), before, 'the contact details changed');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id} AND ended_on IS NULL`), '1', 'the employment ended');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE object_id = '${p.id}'
      AND action IN ('employee_left', 'employee_contact_changed')`), '0');
});

test('demo changes the contact details: 303, the rows change, audited, the page shows them', async () => {
  const p = eastern('Connie', 'Contactable');
  const c = await signedIn(DEMO);
  const page = await c.get(`/employees/${p.id}`);
  assert.match(page.body, /id="contact-form"/);
  const r = await c.post(`/employees/${p.id}/contact`, { _csrf: await c.csrf(`/employees/${p.id}`), ...CONTACT });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 300));
  assert.equal(r.location, `/employees/${p.id}`);
  assert.deepEqual(contactRow(p.id), ['1 New Street', 'Flat 2', 'Norwich', 'NR1 3QQ', '01632 960999', 'worker@example.com']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'employee_contact_changed' AND object_id = '${p.id}'
      AND user_id = ${ids()} AND company_id = ${company}`), '1');
  const after = await c.get(`/employees/${p.id}`);
  assert.match(after.body, /<input\b[^>]*id="postcode"[^>]*value="NR1 3QQ"/);
  assert.match(after.body, /<input\b[^>]*id="business_email"[^>]*value="worker@example.com"/);
  assert.ok(pageText(after.body).includes('The contact details have been saved.'), 'no flash message');
});

test('invalid contact details: errors next to the fields, values kept, nothing changed', async () => {
  const p = eastern('Ivan', 'Invalidaddr');
  const c = await signedIn(DEMO);
  const before = contactRow(p.id);
  const r = await c.post(`/employees/${p.id}/contact`, {
    _csrf: await c.csrf(`/employees/${p.id}`), ...CONTACT, postcode: 'NOT A POSTCODE!', business_email: 'nobody-at-all',
    business_phone: 'call me',
  });
  assert.equal(r.status, 200);
  for (const f of ['postcode', 'business_email', 'business_phone']) assert.ok(textById(r.body, `${f}-error`), `no error next to ${f}`);
  assert.equal(textById(r.body, 'town-error'), null);
  assert.match(r.body, /<input\b[^>]*id="postcode"[^>]*value="NOT A POSTCODE!"/, 'the postcode typed is lost');
  assert.match(r.body, /<input\b[^>]*id="town"[^>]*value="Norwich"/, 'the town typed is lost');
  assert.deepEqual(contactRow(p.id), before);
});

test('demo ends an employment: 303, ended_on and ended_by set, audited, gone from the lists, history kept', async () => {
  const p = eastern('Lena', 'Leaver');
  const c = await signedIn(DEMO);
  const page = await c.get(`/employees/${p.id}`);
  assert.match(page.body, /id="leave-form"/);
  const today = isoDate(dateFromToday());
  const r = await c.post(`/employees/${p.id}/leave`, { _csrf: await c.csrf(`/employees/${p.id}`), ended_on: today });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 300));
  assert.equal(r.location, '/employees/current');
  assert.deepEqual(sql(`SELECT ended_on, ended_by_user_id FROM employments WHERE operative_id = ${p.id} AND company_id = ${company}`),
    [[today, ids()]]);
  assert.equal(sqlValue(`SELECT detail FROM audit_log WHERE action = 'employee_left' AND object_id = '${p.id}' AND user_id = ${ids()}`),
    `left on ${today}`);
  const { ids: listed } = await walkCurrent(c);
  assert.ok(!listed.includes(String(p.id)), 'still in Current Employees');
  const found = await searchCurrent(c, p.ni);
  const csv = await c.get(hrefById(found.body, 'export-csv'));
  assert.match(hrefById(found.body, 'export-csv'), /[?&]s=/);
  assert.equal(csv.body.trim().split('\n').length, 1, 'still in the export');
  const after = await c.get(`/employees/${p.id}`);
  assert.equal(after.status, 200, 'a former employee\'s page is gone');
  assert.equal(textById(after.body, 'employee-status'), 'Former employee');
  assert.doesNotMatch(after.body, /id="leave-form"/);
  const hist = tableRows(after.body, 'history-table');
  assert.deepEqual(hist, [['ECS Check Office 2 - EASTERN', '10/01/2023', today.split('-').reverse().join('/')]]);
  // Leaving twice: nothing to end.
  const again = await c.post(`/employees/${p.id}/leave`, { _csrf: await c.csrf('/dashboard'), ended_on: today });
  assert.equal(again.status, 404);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${p.id}`), '1', 'history lost or duplicated');
});

test('the leaving date: not before the start, not in the future, a real date', async () => {
  const p = eastern('Dale', 'Datecheck');
  const c = await signedIn(DEMO);
  const csrf = await c.csrf(`/employees/${p.id}`);
  for (const [ended, pattern] of [['2023-01-09', /before the start date/], [isoDate(dateFromToday({ days: 1 })), /future/],
    ['2023-02-30', /real date/], ['', /./]]) {
    const r = await c.post(`/employees/${p.id}/leave`, { _csrf: csrf, ended_on: ended });
    assert.equal(r.status, 200, `ended_on=${ended}: status ${r.status}`);
    assert.match(textById(r.body, 'ended_on-error') || '', pattern, `ended_on=${ended}`);
  }
  assert.equal(sqlValue(`SELECT ended_on FROM employments WHERE operative_id = ${p.id}`), null, 'the employment ended');
  const ok = await c.post(`/employees/${p.id}/leave`, { _csrf: csrf, ended_on: '2023-01-10' });
  assert.equal(ok.status, 303, 'leaving on the start date is refused');
});

test('eastern@ (group, with the permissions) may change and end Eastern employments but not Head Office ones', async () => {
  const p = eastern('Gail', 'Groupmember');
  const h = createOperative({ first: 'Hugo', last: 'Headoffice', dob: '1975-05-15' });
  employ(h.id, company, headOffice, '2022-06-01');
  const c = await signedIn(EASTERN);
  const csrf = await c.csrf('/dashboard');
  assert.equal((await c.post(`/employees/${p.id}/contact`, { _csrf: csrf, ...CONTACT })).status, 303);
  assert.equal((await c.get(`/employees/${h.id}`)).status, 404);
  assert.equal((await c.post(`/employees/${h.id}/contact`, { _csrf: csrf, ...CONTACT })).status, 404);
  assert.equal((await c.post(`/employees/${h.id}/leave`, { _csrf: csrf, ended_on: '2023-01-01' })).status, 404);
  assert.equal(sqlValue(`SELECT ended_on FROM employments WHERE operative_id = ${h.id}`), null);
  assert.notEqual(sqlValue(`SELECT town FROM employments WHERE operative_id = ${h.id}`), 'Norwich');
  assert.equal((await c.post(`/employees/${p.id}/leave`, { _csrf: csrf, ended_on: '2024-01-01' })).status, 303);
});

test('a user of another company gets 404 for every employee URL of the demo company, and changes nothing', async () => {
  const current = eastern('Otto', 'Othercannot');
  const former = eastern('Fay', 'Formerone');
  sql(`UPDATE employments SET ended_on = '2024-05-05' WHERE operative_id = ${former.id}`);
  const demoEmployee = sqlValue(`SELECT operative_id FROM employments WHERE company_id = ${company} AND office_id = ${headOffice}
      AND ended_on IS NULL ORDER BY operative_id LIMIT 1`);
  const c = await signedIn(OTHER);
  const csrf = await c.csrf('/dashboard');
  const missing = Number(sqlValue('SELECT MAX(id) FROM operatives')) + 1000;
  const ref = await c.get(`/employees/${missing}`);
  assert.equal(ref.status, 404);
  for (const id of [current.id, former.id, demoEmployee]) {
    const before = contactRow(id);
    const g = await c.get(`/employees/${id}`);
    assert.equal(g.status, 404, `GET /employees/${id}`);
    assert.equal(g.body.replace(/name="_csrf" value="[^"]*"/g, ''), ref.body.replace(/name="_csrf" value="[^"]*"/g, '').replaceAll(String(missing), String(id)),
      'the 404 differs from the one of an id that does not exist');
    const ct = await c.post(`/employees/${id}/contact`, { _csrf: csrf, ...CONTACT });
    assert.equal(ct.status, 404, `POST /employees/${id}/contact`);
    const lv = await c.post(`/employees/${id}/leave`, { _csrf: csrf, ended_on: '2024-06-01' });
    assert.equal(lv.status, 404, `POST /employees/${id}/leave`);
    assert.deepEqual(contactRow(id), before);
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE operative_id = ${current.id} AND ended_on IS NULL`), '1');
  assert.equal(sqlValue(`SELECT ended_on FROM employments WHERE operative_id = ${former.id}`), '2024-05-05');
  const { ids: listed } = await walkCurrent(c);
  assert.ok(!listed.includes(String(current.id)), "another company's employee in the list");
  const other = await searchCurrent(c, current.ni);
  assert.deepEqual(listedIds(other.body), []);
});

test('non-numeric and out-of-range ids answer 404, never an error', async () => {
  const c = await signedIn(DEMO);
  for (const path of ['/employees/0', '/employees/-1', '/employees/abc', '/employees/99999999999999999999999', '/employees/1x']) {
    const r = await c.get(path);
    assert.equal(r.status, 404, `${path}: ${r.status}`);
  }
});

test('one employer\'s contact details never change what another employer or the register holds', async () => {
  const p = eastern('Shared', 'Twoemployers');
  const other = sqlValue("SELECT id FROM companies WHERE company_number = 'NSL00001'");
  const otherOffice = sqlValue(`SELECT MIN(id) FROM offices WHERE company_id = ${other}`);
  employ(p.id, other, otherOffice, '2024-02-01');
  const before = contactRow(p.id);
  const register = sql(`SELECT address_line1, town, postcode FROM operatives WHERE id = ${p.id}`)[0];
  const o = await signedIn(OTHER);
  const csrf = await o.csrf('/dashboard');
  const r = await o.post(`/employees/${p.id}/contact`, { _csrf: csrf, address_line1: 'Attacker Road', town: 'Nowhere', postcode: 'ZZ1 1ZZ' });
  assert.equal(r.status, 303);
  assert.deepEqual(contactRow(p.id), before, 'the demo company\'s record changed');
  assert.deepEqual(sql(`SELECT address_line1, town, postcode FROM operatives WHERE id = ${p.id}`)[0], register,
    'the register changed');
  const d = await signedIn(DEMO);
  assert.ok(!pageText((await d.get(`/employees/${p.id}`)).body).includes('Attacker Road'));
});

test('a contact form that leaves fields out keeps them', async () => {
  const p = eastern('Partial', 'Poster');
  const d = await signedIn(DEMO);
  const csrf = await d.csrf('/dashboard');
  assert.equal((await d.post(`/employees/${p.id}/contact`, { _csrf: csrf, ...CONTACT })).status, 303);
  const full = contactRow(p.id);
  assert.equal((await d.post(`/employees/${p.id}/contact`, { _csrf: csrf, town: 'York' })).status, 303);
  const after = contactRow(p.id);
  assert.equal(after[2], 'York');
  assert.deepEqual([after[0], after[1], after[3], after[4], after[5]], [full[0], full[1], full[3], full[4], full[5]],
    'fields not sent were cleared');
});
