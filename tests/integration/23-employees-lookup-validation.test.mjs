// Employees -> Add New Employee: the lookup form's validation, before any lookup. Each error
// is shown next to its field, the form keeps what was typed, and no lookup is performed
// (nothing recorded, nothing counted against the hourly limit). Company of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sqlValue, pageText, textById, freshCompany, lookup, badCardNumber, dmy, dateFromToday,
} from '../lib/portal.mjs';

let co;
const GOOD = { ni: 'AB 12 34 56 C', dob: '31/03/1985', last_name: 'Jones' };

before(async () => {
  co = await freshCompany('Validator');
});

const recorded = () => Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${co.user}`));

// The value attribute of the input id="ID".
function inputValue(html, id) {
  const m = html.match(new RegExp(`<input\\b[^>]*\\bid="${id}"[^>]*>`));
  if (!m) return null;
  const v = m[0].match(/\bvalue="([^"]*)"/);
  return v ? v[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'") : null;
}

function sameValue(field, shown, typed) {
  if (shown === typed) return true;
  if (shown === null) return false;
  if (field === 'ni' || field === 'hse_number') return shown === typed.replace(/\s+/g, '').toUpperCase();
  if (field === 'dob') {
    const m = typed.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
    return !!m && shown === `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  }
  return false;
}

async function expectFieldError(form, field, pattern) {
  const n0 = recorded();
  const r = await lookup(co.client, form);
  assert.equal(r.status, 200);
  assert.match(r.body, /id="lookup-form"/, 'not the lookup form again');
  const err = textById(r.body, `${field}-error`);
  assert.ok(err, `no error next to ${field} for ${JSON.stringify(form)}`);
  assert.match(err, pattern);
  assert.match(r.body, new RegExp(`<input\\b[^>]*id="${field}"[^>]*aria-invalid="true"`), `${field} not marked invalid`);
  // Every field shows exactly what was typed.
  for (const [k, v] of Object.entries(form)) {
    assert.equal(inputValue(r.body, k), v, `the ${k} typed (${v}) is not kept`);
  }
  // Only that field is in error.
  for (const other of ['ni', 'dob', 'last_name', 'card_number', 'hse_number'].filter((f) => f !== field)) {
    assert.equal(textById(r.body, `${other}-error`), null, `an error on ${other} too`);
  }
  assert.doesNotMatch(r.body, /id="(found|not-found)"/, 'a lookup was performed');
  assert.equal(recorded(), n0, 'a lookup was recorded');
  return r;
}

test('valid fields keep their typed form beside a field in error', async () => {
  await expectFieldError({ ...GOOD, ni: 'ab 12 34 56 c', dob: '3/3/1985', card_number: '1234' },
    'card_number', /8 digits/);
});

test('a bad NI number: error next to it, value kept', async () => {
  for (const ni of ['AB123456', 'AB12345EC', 'AB123456E', 'AB1234567C', '12AB3456C']) {
    await expectFieldError({ ...GOOD, ni }, 'ni', /National Insurance number like AB 12 34 56 C/);
  }
  // The right shape with letters HMRC never gives (the familiar QQ 12 34 56 C among them): said so.
  for (const ni of ['QQ123456C', 'BG123456A', 'AO123456A', 'DA123456A']) {
    await expectFieldError({ ...GOOD, ni }, 'ni', /HMRC never gives numbers beginning with those two letters/);
  }
});

test('a date of birth giving an age of 14 (or 101, or not a date)', async () => {
  const age14 = dmy(dateFromToday({ years: -15, days: 1 }));
  await expectFieldError({ ...GOOD, dob: age14 }, 'dob', /15 to 100 years old/);
  await expectFieldError({ ...GOOD, dob: dmy(dateFromToday({ years: -101, days: -1 })) }, 'dob', /15 to 100 years old/);
  await expectFieldError({ ...GOOD, dob: '30/02/1990' }, 'dob', /real date/);
  await expectFieldError({ ...GOOD, dob: dmy(dateFromToday({ days: 2 })) }, 'dob', /future/);
});

test('age 15 exactly is accepted (the lookup is performed)', async () => {
  const n0 = recorded();
  const r = await lookup(co.client, { ...GOOD, dob: dmy(dateFromToday({ years: -15 })) });
  assert.match(r.body, /id="not-found"/);
  assert.equal(recorded(), n0 + 1);
});

test('a card number with a wrong check digit, or not 8 digits', async () => {
  await expectFieldError({ ...GOOD, last_name: '', card_number: badCardNumber() }, 'card_number', /not a valid ECS card number/);
  await expectFieldError({ ...GOOD, last_name: '', card_number: '1234567' }, 'card_number', /8 digits/);
  await expectFieldError({ ...GOOD, last_name: '', card_number: '1802030X' }, 'card_number', /ECS card number/);
});

test('a malformed H & S assessment number', async () => {
  for (const hse of ['HSE1234567', 'HSX12345678', 'HSE1234567A', '12345678']) {
    await expectFieldError({ ...GOOD, last_name: '', hse_number: hse }, 'hse_number', /HSE followed by 8 digits/);
  }
});

test('none of last name, card number, H & S number: a message for the form, nothing looked up', async () => {
  const n0 = recorded();
  const form = { ni: GOOD.ni, dob: GOOD.dob, last_name: '', card_number: '', hse_number: '' };
  const r = await lookup(co.client, form);
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'form-error'), 'Please give at least one of Last Name, ECS Card Number or H & S Assessment Number.');
  assert.ok(sameValue('ni', inputValue(r.body, 'ni'), GOOD.ni), 'the NI number typed is lost');
  assert.ok(sameValue('dob', inputValue(r.body, 'dob'), GOOD.dob), 'the date of birth typed is lost');
  assert.doesNotMatch(r.body, /id="(found|not-found)"/);
  // The fields left out altogether: the same.
  const r2 = await lookup(co.client, { ni: GOOD.ni, dob: GOOD.dob });
  assert.ok(textById(r2.body, 'form-error'), 'no message when the fields are absent');
  assert.equal(recorded(), n0, 'a lookup was recorded');
});

// Found by the review: a last name of spaces, or of a lone mark or odd space that the
// collation reads as empty, let the NI number and date of birth alone find a person.
test('a last name of spaces, marks or odd spaces alone is no name: an error, nothing looked up', async () => {
  for (const last of [' ', '   ', '\u0301', '\u00a0', '\u3000', '\ufe0f', ' \u0301 ']) {
    await expectFieldError({ ...GOOD, last_name: last }, 'last_name', /Please (fill in this field|use letters)/);
  }
});

test('a name is up to 100 letters, not bytes: 100 accented letters pass, 101 do not', async () => {
  const n0 = recorded();
  const r = await lookup(co.client, { ...GOOD, last_name: '\u00e9'.repeat(100) });
  assert.match(r.body, /id="(found|not-found)"/, '100 letters é refused');
  assert.equal(recorded(), n0 + 1);
  await expectFieldError({ ...GOOD, last_name: '\u00e9'.repeat(101) }, 'last_name', /100 letters/);
  await expectFieldError({ ...GOOD, last_name: 'a'.repeat(101) }, 'last_name', /100 letters/);
});

test('NI number and date of birth missing: both errors at once, nothing looked up', async () => {
  const n0 = recorded();
  const r = await lookup(co.client, { ni: '', dob: '', last_name: 'Jones' });
  assert.equal(r.status, 200);
  assert.ok(textById(r.body, 'ni-error'), 'no error next to the NI number');
  assert.ok(textById(r.body, 'dob-error'), 'no error next to the date of birth');
  assert.equal(inputValue(r.body, 'last_name'), 'Jones');
  assert.equal(recorded(), n0);
});

test('what was typed is echoed escaped, never as markup', async () => {
  const evil = '"><script>alert(1)</script>';
  const r = await lookup(co.client, { ...GOOD, ni: evil });
  assert.equal(r.status, 200);
  assert.ok(!r.body.includes('<script>alert(1)</script>'), 'the input is echoed unescaped');
  assert.equal(inputValue(r.body, 'ni'), evil);
  assert.ok(!pageText(r.body).includes('Internal'), 'an internal error');
});

