// Bulk add: a CSV upload (multipart) goes through the same validation and matching as a lookup;
// the review page lists the rows that will be added and the rejected rows with their reasons;
// nothing is added until the confirmation, which adds exactly the matched rows, once.
// A company of its own, operatives made with SQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, pageText, textById, freshCompany, addUser, createOperative, employ, freshNi,
  freshCardNumber, isoDate, dateFromToday, dmy, tableRows, hiddenValue, decodeEntities,
} from '../lib/portal.mjs';

let co;
let a; // matched by last name
let b; // matched by card number
let c; // already an employee
let d; // matched by HS&E number, employed elsewhere meanwhile

before(async () => {
  co = await freshCompany('Bulker');
  a = createOperative({ first: 'Abe', last: 'Bulkman', dob: '1980-02-02' });
  b = createOperative({ first: 'Bea', last: 'Cardholder', dob: '1990-12-01',
    card: { number: freshCardNumber(), expires: isoDate(dateFromToday({ years: 1 })) } });
  c = createOperative({ first: 'Cy', last: 'Alreadyin', dob: '1970-07-07' });
  employ(c.id, co.id, co.office, '2020-01-01');
});

async function upload(client, text, filename = 'employees.csv') {
  const csrf = await client.csrf('/employees/bulk');
  const fd = new FormData();
  fd.append('_csrf', csrf);
  fd.append('csv', new Blob([text], { type: 'text/csv' }), filename);
  return client.request('POST', '/employees/bulk', { body: fd });
}

const HEADER = 'ni_number,date_of_birth,last_name,card_number,hse_number,office,started_on';
const countEmployments = () => Number(sqlValue(`SELECT COUNT(*) FROM employments WHERE company_id = ${co.id}`));

test('the upload form describes the columns and posts multipart to /employees/bulk', async () => {
  const r = await co.client.get('/employees/bulk');
  assert.equal(r.status, 200);
  assert.match(r.body, /<form\b[^>]*id="bulk-form"[^>]*enctype="multipart\/form-data"/);
  assert.match(r.body, /<input\b[^>]*type="file"[^>]*name="csv"/);
  const cols = tableRows(r.body, 'bulk-columns').map((x) => x[0]);
  assert.deepEqual(cols, ['ni_number', 'date_of_birth', 'last_name', 'card_number', 'hse_number', 'office', 'started_on']);
  // The example, copied as it is, is a file the portal reads: valid NI numbers and one of the
  // user's own offices; its people are simply not on the register.
  const example = decodeEntities(r.body.match(/<pre class="code-block">([\s\S]*?)<\/pre>/)[1]);
  assert.ok(example.includes(`,${co.officeName},`), example);
  const review = await upload(co.client, `${example}\n`);
  assert.equal(review.status, 200);
  const reasons = tableRows(review.body, 'bulk-rejected').map(([, reason]) => reason);
  assert.equal(reasons.length, 2, JSON.stringify(reasons));
  for (const reason of reasons) assert.doesNotMatch(reason, /National Insurance|not one of your offices/);
});

test('review: matched rows listed, invalid and unmatched rows rejected with reasons; nothing added; then one confirmation', async () => {
  const office = co.officeName;
  const started = dmy(dateFromToday({ days: -30 }));
  const absent = freshNi();
  const lines = [
    HEADER,
    `${a.ni},${a.dobDmy},Bulkman,,,${office},${started}`, // 2 matched
    `${b.ni.toLowerCase()},${b.dobDmy},,${b.card.number},,${office.toUpperCase()},${started}`, // 3 matched (case-insensitive office)
    `ZZ123456A,${a.dobDmy},Bulkman,,,${office},${started}`, // 4 bad NI
    `${a.ni},${a.dobDmy},Bulkman,,,Atlantis Office,${started}`, // 5 unknown office
    `${absent},01/01/1990,Nobody,,,${office},${started}`, // 6 not on the register
    `${a.ni},${a.dobDmy},Bulkman,,,${office},${started}`, // 7 same person as line 2
    `${c.ni},${c.dobDmy},Alreadyin,,,${office},${started}`, // 8 already an employee
    `${b.ni},${b.dobDmy},,,,${office},${started}`, // 9 none of the three
    `${a.ni},${dmy(dateFromToday({ years: -14 }))},Bulkman,,,${office},${started}`, // 10 aged 14
    `${b.ni},${b.dobDmy},,12345678,,${office},${started}`, // 11 card check digit wrong
    `${a.ni},${a.dobDmy},Wrongname,,,${office},${started}`, // 12 a field differs
    `${a.ni},${a.dobDmy},Bulkman,,,${office},${dmy(dateFromToday({ days: 5 }))}`, // 13 start in the future
  ];
  const before = countEmployments();
  const lookups0 = Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${co.user} AND kind = 'bulk'`));
  const r = await upload(co.client, `${lines.join('\r\n')}\r\n`);
  assert.equal(r.status, 200, pageText(r.body).slice(0, 400));
  assert.equal(textById(r.body, 'matched-count'), '2');
  assert.equal(textById(r.body, 'rejected-count'), '10');
  const matched = tableRows(r.body, 'bulk-matched');
  assert.deepEqual(matched, [
    ['2', 'Bulkman, Abe', `*****${a.ni.slice(-4)}`, office, started],
    ['3', 'Cardholder, Bea', `*****${b.ni.slice(-4)}`, office, started],
  ]);
  const rejected = new Map(tableRows(r.body, 'bulk-rejected').map(([line, reason]) => [line, reason]));
  assert.deepEqual([...rejected.keys()], ['4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
  assert.match(rejected.get('4'), /National Insurance number/);
  assert.match(rejected.get('5'), /not one of your offices/);
  assert.match(rejected.get('6'), /No operative on the register matches/);
  assert.match(rejected.get('7'), /earlier line/);
  assert.match(rejected.get('8'), /Already an employee/);
  assert.match(rejected.get('9'), /at least one of/);
  assert.match(rejected.get('10'), /15 to 100/);
  assert.match(rejected.get('11'), /card number/);
  assert.equal(rejected.get('12'), rejected.get('6'), 'a differing field is told apart from "not on the register"');
  assert.match(rejected.get('13'), /future/);
  assert.ok(!pageText(r.body).includes(a.ni) && !pageText(r.body).includes(b.ni), 'the review shows whole NI numbers');
  // Nothing added yet; each matched or unmatched row was recorded and audited like a lookup.
  assert.equal(countEmployments(), before, 'employees added before the confirmation');
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${co.user} AND kind = 'bulk'`)) - lookups0, 6);
  const audits = sql(`SELECT detail FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_lookup' ORDER BY id DESC LIMIT 6`)
    .map((x) => x[0]).sort();
  assert.deepEqual(audits, ['matched (bulk)', 'matched (bulk)', 'matched (bulk)', 'matched (bulk)',
    'not matched (bulk)', 'not matched (bulk)']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${co.user}
      AND (detail LIKE '%${a.ni}%' OR detail LIKE '%${b.ni}%' OR object_id LIKE '%${a.ni}%')`), '0', 'an NI number in the audit log');
  // A colleague cannot confirm this upload.
  const token = hiddenValue(r.body, 'token');
  assert.match(token || '', /^[0-9a-f]{64}$/);
  const colleague = await addUser(co.id, { label: 'Bulkmate' });
  const x = await colleague.client.post('/employees/bulk/confirm', { _csrf: await colleague.client.csrf('/employees/bulk'), token });
  assert.equal(x.status, 200);
  assert.match(textById(x.body, 'form-error') || '', /expired or was already confirmed/);
  assert.equal(countEmployments(), before);
  // Confirm: exactly the two matched are added, declared by the uploader.
  const ok = await co.client.post('/employees/bulk/confirm', { _csrf: hiddenValue(r.body, '_csrf'), token });
  assert.equal(ok.status, 303, pageText(ok.body).slice(0, 300));
  assert.equal(ok.location, '/employees/current');
  assert.equal(countEmployments(), before + 2);
  const iso = started.split('/').reverse().join('-');
  assert.deepEqual(sql(`SELECT operative_id, office_id, started_on, declared_by_user_id FROM employments
      WHERE company_id = ${co.id} AND operative_id IN (${a.id}, ${b.id}) ORDER BY operative_id`),
  [[a.id, co.office, iso, co.user], [b.id, co.office, iso, co.user]]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE company_id = ${co.id} AND operative_id = ${c.id}`), '1');
  const list = await co.client.get('/employees/current');
  assert.match(pageText(list.body), /2 employees have been added/);
  // A second confirmation is refused and adds nothing.
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE company_id = ${co.id} AND operative_id = ${a.id}`);
  const again = await co.client.post('/employees/bulk/confirm', { _csrf: hiddenValue(r.body, '_csrf'), token });
  assert.equal(again.status, 200);
  assert.match(textById(again.body, 'form-error') || '', /expired or was already confirmed/);
  assert.equal(countEmployments(), before + 2, 'a second confirmation added rows');
});

test('someone employed between the review and the confirmation is skipped, and not audited as added', async () => {
  d = createOperative({ first: 'Di', last: 'Meanwhile', dob: '1985-05-05', hse: `HSE7${String(Date.now()).slice(-7)}` });
  const e = createOperative({ first: 'Ed', last: 'Plainadd', dob: '1986-06-06' });
  const r = await upload(co.client, [HEADER,
    `${d.ni},${d.dobDmy},,,${d.hse},${co.officeName},01/02/2025`,
    `${e.ni},${e.dobDmy},Plainadd,,,${co.officeName},01/02/2025`].join('\n'));
  assert.equal(textById(r.body, 'matched-count'), '2');
  employ(d.id, co.id, co.office, '2025-01-15');
  const ok = await co.client.post('/employees/bulk/confirm', { _csrf: hiddenValue(r.body, '_csrf'), token: hiddenValue(r.body, 'token') });
  assert.equal(ok.status, 303);
  assert.deepEqual(sql(`SELECT started_on FROM employments WHERE company_id = ${co.id} AND operative_id = ${d.id}`), [['2025-01-15']]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM employments WHERE company_id = ${co.id} AND operative_id = ${e.id}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'employee_added' AND object_id = '${e.id}'`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'employee_added' AND object_id = '${d.id}'`), '0',
    'the audit log says the bulk upload added someone it skipped');
});

test('a file with nothing to add: no confirm button; bad files refused with a message', async () => {
  const none = await upload(co.client, `${HEADER}\n${freshNi()},01/01/1990,Nobody,,,${co.officeName},01/01/2025\n`);
  assert.equal(none.status, 200);
  assert.equal(textById(none.body, 'matched-count'), '0');
  assert.match(none.body, /id="bulk-none"/);
  assert.doesNotMatch(none.body, /id="bulk-confirm-form"/);
  const cases = [
    ['', /choose a CSV file/],
    [`${HEADER}\n`, /no rows under its header/],
    ['name,dob\nJones,01/01/1990\n', /header line must name the columns/],
  ];
  for (const [text, pattern] of cases) {
    const r = await upload(co.client, text);
    assert.equal(r.status, 200);
    assert.match(textById(r.body, 'form-error') || '', pattern, JSON.stringify(text));
  }
  const badConfirm = await co.client.post('/employees/bulk/confirm', { _csrf: await co.client.csrf('/employees/bulk'), token: 'f'.repeat(64) });
  assert.equal(badConfirm.status, 200);
  assert.match(textById(badConfirm.body, 'form-error') || '', /expired or was already confirmed/);
});

test('bulk upload needs Can Add Employees and the CSRF token', async () => {
  const { signedIn, VIEWER } = await import('../lib/portal.mjs');
  const v = await signedIn(VIEWER);
  const fd = new FormData();
  fd.append('_csrf', await v.csrf('/dashboard'));
  fd.append('csv', new Blob([`${HEADER}\n`], { type: 'text/csv' }), 'x.csv');
  assert.equal((await v.request('POST', '/employees/bulk', { body: fd })).status, 403);
  assert.equal((await v.get('/employees/bulk')).status, 403);
  const fd2 = new FormData();
  fd2.append('csv', new Blob([`${HEADER}\n${a.ni},${a.dobDmy},Bulkman,,,${co.officeName},01/01/2025\n`], { type: 'text/csv' }), 'x.csv');
  const before = Number(sqlValue(`SELECT COUNT(*) FROM employee_batches WHERE company_id = ${co.id}`));
  assert.equal((await co.client.request('POST', '/employees/bulk', { body: fd2 })).status, 403);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM employee_batches WHERE company_id = ${co.id}`)), before);
});
