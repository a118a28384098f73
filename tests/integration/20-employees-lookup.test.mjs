// Employees -> Add New Employee: the register lookup. Found shows name, NI number and current
// cards only; "NI number not found" and "NI number found but another field differs" give the
// same page (apart from the per-request token); every lookup is audited without the NI number.
// Runs as the super user of a company of its own, so the demo users' hourly allowance is kept.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, alerts, freshCompany, createOperative, freshCardNumber,
  freshHse, freshNi, lookup, hiddenValue, maskVolatile, isoDate, dateFromToday,
} from '../lib/portal.mjs';

let co;
let person; // on the register with a valid card, an expired card and an HS&E pass
let validCard;
let expiredCard;

before(async () => {
  co = await freshCompany('Lookup');
  validCard = freshCardNumber();
  person = createOperative({
    first: 'Lucinda', last: 'Lookupson', dob: '1979-11-23', hse: freshHse(), title: 'Ms', town: 'Secrettown',
    card: { number: validCard, expires: isoDate(dateFromToday({ years: 2 })) },
  });
  expiredCard = freshCardNumber();
  sql(`INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on, expires_on, status)
       SELECT ${q(expiredCard)}, ${person.id}, t.id, oc.id, CURDATE() - INTERVAL 4 YEAR,
              CURDATE() - INTERVAL 1 YEAR, 'expired'
         FROM card_types t JOIN occupations oc ON oc.code = 'electrical_labourer' WHERE t.code = 'craft'`);
});

function lookupsOf(userId) {
  return Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${userId}`));
}

test('GET /employees/add shows the lookup form with its fields and a CSRF token', async () => {
  const r = await co.client.get('/employees/add');
  assert.equal(r.status, 200);
  assert.match(r.body, /<form\b[^>]*id="lookup-form"[^>]*action="\/employees\/lookup"/);
  for (const name of ['ni', 'dob', 'last_name', 'card_number', 'hse_number']) {
    assert.match(r.body, new RegExp(`<input\\b[^>]*name="${name}"`), `no input ${name}`);
  }
  assert.ok(hiddenValue(r.body, '_csrf'), 'no _csrf');
  assert.match(pageText(r.body), /LOOKUP/);
  assert.match(r.body, /href="\/employees\/bulk"/);
});

test('found by NI number, date of birth and last name: name, NI number and current cards only', async () => {
  const before = lookupsOf(co.user);
  const r = await lookup(co.client, { ni: person.ni, dob: person.dobDmy, last_name: person.last });
  assert.equal(r.status, 200);
  assert.match(r.body, /id="found"/, 'not the found page');
  assert.equal(textById(r.body, 'found-name'), 'Ms Lucinda Lookupson');
  assert.equal(textById(r.body, 'found-ni'), person.ni);
  const text = pageText(r.body);
  assert.ok(text.includes(validCard), 'the current card is not shown');
  assert.ok(!text.includes(expiredCard), 'an expired card is shown');
  assert.ok(!text.includes('Secrettown'), 'the found page shows the address');
  assert.ok(!text.includes('23/11/1979') && !text.includes('1979-11-23'), 'the found page shows the date of birth');
  assert.ok(!text.includes(person.hse), 'the found page shows the HS&E number');
  assert.match(r.body, /<form\b[^>]*id="confirm-form"[^>]*action="\/employees\/confirm"/);
  assert.match(hiddenValue(r.body, 'token') || '', /^[0-9a-f]{64}$/, 'no single-use token');
  assert.match(r.body, new RegExp(`<option value="${co.office}"`), 'the office is not offered');
  assert.doesNotMatch(r.body, /id="already-employed"/);
  assert.equal(lookupsOf(co.user), before + 1, 'the lookup was not recorded');
  assert.equal(sqlValue(`SELECT operative_id FROM employee_lookups WHERE user_id = ${co.user} ORDER BY id DESC LIMIT 1`),
    String(person.id));
});

test('found by card number alone, by HS&E number alone, with spaces and lower case in the NI number', async () => {
  const spaced = `${person.ni.slice(0, 2)} ${person.ni.slice(2, 4)} ${person.ni.slice(4, 6)} ${person.ni.slice(6, 8)} ${person.ni[8]}`.toLowerCase();
  for (const extra of [{ card_number: validCard }, { hse_number: person.hse.toLowerCase() }, { last_name: 'LOOKUPSON' }]) {
    const r = await lookup(co.client, { ni: spaced, dob: person.dobDmy, ...extra });
    assert.equal(r.status, 200);
    assert.match(r.body, /id="found"/, `not found with ${JSON.stringify(extra)}`);
    assert.equal(textById(r.body, 'found-ni'), person.ni);
  }
});

// UCA 14 (register_match): case and accents aside, a stroked letter is its plain one, as an
// employer without the letter on the keyboard types it.
test('names compare without case, accents or strokes: Walesa finds Wałęsa, OSTER Øster', async () => {
  for (const [registered, typed] of [['Wałęsa', 'Walesa'], ['Øster', 'OSTER'], ['Müller', 'muller']]) {
    const op = createOperative({ first: 'Stroke', last: registered, dob: '1983-03-03' });
    const r = await lookup(co.client, { ni: op.ni, dob: op.dobDmy, last_name: typed });
    assert.match(r.body, /id="found"/, `${typed} did not find ${registered}`);
  }
  const op = createOperative({ first: 'Stroke', last: 'Wałęsa', dob: '1983-03-04' });
  const other = await lookup(co.client, { ni: op.ni, dob: op.dobDmy, last_name: 'Walesi' });
  assert.match(other.body, /id="not-found"/, 'another name matched');
});

test('all the given fields must agree: one that differs gives the not-found page', async () => {
  const variants = [
    { last_name: 'Someoneelse' },
    { last_name: person.last, card_number: freshCardNumber() },
    { card_number: '18020305' }, // Sam Carter's card
    { hse_number: freshHse() },
  ];
  for (const extra of variants) {
    const r = await lookup(co.client, { ni: person.ni, dob: person.dobDmy, ...extra });
    assert.equal(r.status, 200);
    assert.match(r.body, /id="not-found"/, `${JSON.stringify(extra)} matched`);
    assert.doesNotMatch(r.body, /id="found"/);
    assert.ok(!pageText(r.body).includes('Lucinda'), 'the not-found page names the person');
  }
  const wrongDob = await lookup(co.client, { ni: person.ni, dob: '24/11/1979', last_name: person.last });
  assert.match(wrongDob.body, /id="not-found"/, 'a wrong date of birth matched');
});

test('"found but a field differs" and "NI number not found" are the same page (tokens masked)', async () => {
  // Same typed values, but one NI number is on the register (other last name) and one is not.
  const absent = freshNi();
  const dob = '15/06/1985';
  const a = await lookup(co.client, { ni: person.ni, dob, last_name: 'Differs' });
  const b = await lookup(co.client, { ni: absent, dob, last_name: 'Differs' });
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  assert.equal(textById(a.body, 'notfound-ni'), person.ni);
  assert.equal(textById(b.body, 'notfound-ni'), absent);
  assert.equal(textById(a.body, 'notfound-dob'), dob);
  assert.notEqual(hiddenValue(a.body, 'token'), hiddenValue(b.body, 'token'));
  assert.equal(maskVolatile(a.body, [person.ni]), maskVolatile(b.body, [absent]),
    'the two answers differ beyond the token and the NI number typed');
  assert.deepEqual([...a.headers.keys()].sort(), [...b.headers.keys()].sort(), 'the headers differ');
});

test('the same lookup before and after the NI number is on the register: identical apart from the token', async () => {
  const ni = freshNi();
  const form = { ni, dob: '02/02/1992', last_name: 'Zedwick', hse_number: freshHse() };
  const absent = await lookup(co.client, form);
  assert.match(absent.body, /id="not-found"/);
  createOperative({ ni, dob: '1992-02-02', first: 'Other', last: 'Person' });
  const differs = await lookup(co.client, form);
  assert.match(differs.body, /id="not-found"/, 'a lookup with another last name matched');
  assert.equal(differs.status, absent.status);
  assert.equal(maskVolatile(differs.body), maskVolatile(absent.body));
  assert.equal(differs.headers.get('content-type'), absent.headers.get('content-type'));
  assert.equal(differs.headers.get('cache-control'), absent.headers.get('cache-control'));
});

test('the not-found page carries the NI number and date of birth (shown, not inputs) and the declaration', async () => {
  const ni = freshNi();
  const r = await lookup(co.client, { ni: ni.toLowerCase(), dob: '7/3/1990', last_name: 'Newperson' });
  assert.match(r.body, /id="not-found"/);
  assert.equal(textById(r.body, 'notfound-ni'), ni);
  assert.equal(textById(r.body, 'notfound-dob'), '07/03/1990');
  assert.doesNotMatch(r.body, /<input\b[^>]*name="(ni|dob|ni_number|date_of_birth)"/, 'NI number or date of birth is an input');
  assert.match(r.body, /value="Newperson"/, 'the last name typed is not carried over');
  const decl = textById(r.body, 'declaration');
  assert.ok(decl.includes('Lookup Tester'), `the declaration lacks the user's name: ${decl}`);
  assert.ok(decl.includes(co.name), `the declaration lacks the company's name: ${decl}`);
  assert.match(decl, /hereby confirm that the operative shown above started work with/);
  assert.match(r.body, /<input\b[^>]*type="checkbox"[^>]*name="declaration"[^>]*value="yes"/);
  assert.doesNotMatch(r.body, /<input\b[^>]*name="declaration"[^>]*checked/, 'the declaration is ticked in advance');
});

test('every lookup is audited (matched or not) and no audit row holds an NI number', async () => {
  const n0 = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_lookup'`));
  await lookup(co.client, { ni: person.ni, dob: person.dobDmy, last_name: person.last });
  await lookup(co.client, { ni: person.ni, dob: person.dobDmy, last_name: 'Nomatch' });
  const rows = sql(`SELECT detail FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_lookup'
                     ORDER BY id DESC LIMIT 2`).map((x) => x[0]);
  assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${co.user} AND action = 'employee_lookup'`)), n0 + 2);
  assert.deepEqual(rows, ['not matched', 'matched']);
  // No audit row anywhere contains an NI number that was ever looked up (any column).
  const leaks = sqlValue(`SELECT COUNT(*) FROM audit_log a JOIN (SELECT DISTINCT ni_number FROM employee_lookups) l
      ON CONCAT_WS('|', a.action, a.object_kind, a.object_id, a.detail) LIKE CONCAT('%', l.ni_number, '%')`);
  assert.equal(leaks, '0', 'an audit row contains an NI number');
  const spacedLeak = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE ${q(`%${person.ni.slice(2, 8)}%`)}
      OR object_id LIKE ${q(`%${person.ni.slice(2, 8)}%`)}`);
  assert.equal(spacedLeak, '0', "an audit row contains the NI number's digits");
});

test('the lookup needs Can Add Employees: the viewer gets 403 and nothing is recorded', async () => {
  const { signedIn, VIEWER } = await import('../lib/portal.mjs');
  const v = await signedIn(VIEWER);
  const csrf = await v.csrf('/dashboard');
  const uid = sqlValue(`SELECT id FROM users WHERE email = ${q(VIEWER.email)}`);
  const n0 = lookupsOf(uid);
  const r = await v.post('/employees/lookup', { _csrf: csrf, ni: person.ni, dob: person.dobDmy, last_name: person.last });
  assert.equal(r.status, 403);
  assert.ok(!pageText(r.body).includes('Lucinda'));
  assert.equal((await v.get('/employees/add')).status, 403);
  assert.equal(lookupsOf(uid), n0);
});

test('a lookup without the CSRF token is refused and not performed', async () => {
  const n0 = lookupsOf(co.user);
  const r = await co.client.post('/employees/lookup', { ni: person.ni, dob: person.dobDmy, last_name: person.last });
  assert.equal(r.status, 403);
  assert.doesNotMatch(r.body, /id="found"/);
  assert.equal(lookupsOf(co.user), n0);
  assert.equal(alerts(r.body).some((a) => a.includes('Lucinda')), false);
});
