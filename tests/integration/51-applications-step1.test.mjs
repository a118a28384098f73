// Step 1 - Applicant Details: key personal details shown and not editable (no such fields are
// accepted), Business Phone / Business Email validated, the delivery office only one of the
// user's offices; SAVE & NEXT STEP goes to step 2. A company of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, alerts, applicationFixture, appPost, signedIn, OTHER,
} from '../lib/portal.mjs';

let co;
let op;
let appId;

before(async () => {
  ({ co, op, appId } = await applicationFixture({
    label: 'Stepone', operative: { first: 'Stella', last: 'Stepone', dob: '1984-02-29', title: 'Ms' },
  }));
});

function saved() {
  return sql(`SELECT business_phone, business_email, delivery_office_id, step FROM applications WHERE id = ${appId}`)[0];
}

test('step 1 shows the key personal details as text, not as inputs, with the note and the four steps', async () => {
  const r = await co.client.get(`/applications/${appId}/step1`);
  assert.equal(r.status, 200);
  const text = pageText(r.body);
  for (const s of ['Ms', 'Stella', 'Stepone', op.ni, '29/02/1984']) assert.ok(text.includes(s), `shows ${s}`);
  assert.match(text, /Key personal details \(Name, DOB, and NI number\) are not editable/);
  for (const name of ['first_name', 'last_name', 'ni', 'ni_number', 'dob', 'date_of_birth', 'title']) {
    assert.doesNotMatch(r.body, new RegExp(`<(input|select)\\b[^>]*name="${name}"`), `an input ${name}`);
  }
  assert.match(r.body, /<input\b[^>]*name="business_phone"/);
  assert.match(r.body, /<input\b[^>]*name="business_email"/);
  assert.match(r.body, new RegExp(`name="delivery_office_id" value="${co.office}"[^>]*checked`), 'the office is the default');
  for (const s of ['Applicant Details', 'Qualifications & Documents', 'Occupations & Grading', 'Finalise & Review']) {
    assert.ok(text.includes(s), `step "${s}"`);
  }
  assert.match(r.body, /id="photo-guidance"[^>]*href="https?:\/\//, 'the photo guidance link');
  assert.match(r.body, /id="photo-form"[^>]*enctype="multipart\/form-data"/);
});

test('invalid phone and email are refused with their messages; nothing is saved', async () => {
  const before0 = saved();
  const r = await appPost(co.client, `/applications/${appId}/step1`, {
    business_phone: 'call me maybe', business_email: 'not-an-email', delivery_office_id: co.office,
  });
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'form-error'), 'Please correct the details below.');
  assert.match(textById(r.body, 'business_phone-error'), /phone number/);
  assert.equal(textById(r.body, 'business_email-error'), 'Error: Please enter an email address like name@example.co.uk.');
  assert.match(r.body, /id="business_phone" name="business_phone" value="call me maybe"/, 'the typed value is kept');
  const short = await appPost(co.client, `/applications/${appId}/step1`, {
    business_phone: '123', business_email: 'ok@test.example', delivery_office_id: co.office,
  });
  assert.equal(short.status, 200);
  assert.equal(textById(short.body, 'business_phone-error'), 'Error: Please enter a phone number of 6 to 15 digits.');
  const empty = await appPost(co.client, `/applications/${appId}/step1`, { delivery_office_id: co.office });
  assert.equal(empty.status, 200);
  assert.equal(textById(empty.body, 'business_phone-error'), 'Error: Please fill in this field.');
  assert.deepEqual(saved(), before0, 'nothing saved');
});

test("an office outside the user's level (another company's) is refused", async () => {
  const before0 = saved();
  const foreign = sqlValue("SELECT id FROM offices WHERE name = 'Northern Sparks Leeds'");
  const r = await appPost(co.client, `/applications/${appId}/step1`, {
    business_phone: '01632 960123', business_email: 'site@test.example', delivery_office_id: foreign,
  });
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'delivery_office_id-error'), 'Error: Please choose one of your offices.');
  assert.ok(!pageText(r.body).includes('Northern Sparks Leeds'), "another company's office is offered");
  assert.deepEqual(saved(), before0);
});

test('SAVE & NEXT STEP saves phone, email and office and goes to step 2; key details sent along are ignored', async () => {
  const second = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND id <> ${co.office} LIMIT 1`);
  let office = co.office;
  if (!second) {
    sql(`INSERT INTO offices (company_id, name, address_line1, town, postcode)
         VALUES (${co.id}, ${q(`Depot ${co.number}`)}, '1 Yard Lane', 'Yardley', 'YA1 1RD')`);
    office = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = ${q(`Depot ${co.number}`)}`);
  }
  const r = await appPost(co.client, `/applications/${appId}/step1`, {
    business_phone: '+44 (0)1632 960123', business_email: 'Stella.Site@Test.Example', delivery_office_id: office,
    first_name: 'Hacked', last_name: 'Hacker', ni: 'AB123456C', ni_number: 'AB123456C', dob: '01/01/2000',
    date_of_birth: '2000-01-01', title: 'Dr',
  });
  assert.equal(r.status, 303, alerts(r.body).join(' | '));
  assert.equal(r.location, `/applications/${appId}/step2`);
  const [phone, email, deliv, step] = saved();
  assert.match(phone, /1632 960123/);
  assert.match(email, /^stella\.site@test\.example$/i);
  assert.equal(deliv, String(office));
  assert.equal(step, '2', 'the step reached');
  assert.deepEqual(sql(`SELECT title, first_name, last_name, ni_number, date_of_birth FROM operatives WHERE id = ${op.id}`)[0],
    ['Ms', 'Stella', 'Stepone', op.ni, '1984-02-29'], 'key details changed');
  const page = await co.client.get(`/applications/${appId}/step1`);
  assert.match(page.body, new RegExp(`name="delivery_office_id" value="${office}"[^>]*checked`));
  const resume = await co.client.get(`/applications/${appId}`);
  assert.equal(resume.location, `/applications/${appId}/step2`, 'resumes at the step reached');
});

test("another company's user gets 404 for step 1 (GET and POST); the view-only user of this company cannot fill it in", async () => {
  const other = await signedIn(OTHER);
  assert.equal((await other.get(`/applications/${appId}/step1`)).status, 404);
  const r = await appPost(other, `/applications/${appId}/step1`, {
    business_phone: '01632 960000', business_email: 'x@test.example', delivery_office_id: co.office,
  });
  assert.equal(r.status, 404);
  assert.notEqual(saved()[0], '01632 960000');
});
