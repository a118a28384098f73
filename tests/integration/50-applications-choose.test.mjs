// Applications -> Choose Application Types (guide 1.3): POST /applications/start with the ids
// ticked in Current Employees, POST /applications/create. The choices offered per person
// (initial without a card; renewal only within 3 months of expiry or after it, for renewable
// card types; replacement and upgrade while more than 3 months remain), a second application
// for the same card type refused with a link to the open one, another company's or an
// unemployed operative answered 404, operative and choice pairing up. A company of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, freshCompany, createOperative, employ, freshCardNumber,
  isoDate, dateFromToday, startChoices, chooseRows, createApplications, startApplication, signedIn,
  OTHER,
} from '../lib/portal.mjs';

let co;

before(async () => {
  co = await freshCompany('Chooser');
});

function employed(opts = {}) {
  const op = createOperative(opts);
  employ(op.id, co.id, co.office);
  return op;
}

function values(row) {
  return row.choices.map((c) => c.value);
}

async function rowsFor(ids, client = co.client) {
  const r = await startChoices(client, ids);
  assert.equal(r.status, 200, pageText(r.body).slice(0, 300));
  const rows = chooseRows(r.body);
  assert.ok(rows, 'no id="choose-table"');
  return { r, rows };
}

test('a person without a card is offered every card type as Initial, and no renewal or replacement', async () => {
  const op = employed({ first: 'Nocard', last: 'Chooser' });
  const { r, rows } = await rowsFor([op.id]);
  assert.equal(rows.length, 1);
  const row = rows[0];
  assert.equal(row.name, 'Chooser, Nocard');
  assert.equal(row.operative, String(op.id));
  assert.equal(row.error, null);
  assert.ok(values(row).includes('craft:initial'), values(row).join(' '));
  assert.ok(row.choices.some((c) => c.label === 'Craft or Related Disciplines - Initial'));
  assert.ok(row.choices.some((c) => c.label === 'Managerial - Initial'));
  assert.ok(row.choices.some((c) => c.label === 'Non-JIB Registered Apprentice - Initial'));
  assert.ok(values(row).every((v) => v.endsWith(':initial')), `only initial choices: ${values(row).join(' ')}`);
  const text = pageText(r.body);
  assert.ok(text.includes(`*****${op.ni.slice(-4)}`), 'the masked NI number');
  assert.ok(!text.includes(op.ni), 'the full NI number is shown');
  assert.match(text, /CONFIRM & CONTINUE/);
});

test('a craft card expiring within 3 months, or expired, is offered a renewal (not initial, not replacement)', async () => {
  const soon = employed({ first: 'Soon', last: 'Renewer', card: {
    number: freshCardNumber(), expires: isoDate(dateFromToday({ days: 40 })) } });
  const gone = employed({ first: 'Gone', last: 'Renewer', card: {
    number: freshCardNumber(), expires: isoDate(dateFromToday({ days: -40 })), status: 'expired' } });
  const { rows } = await rowsFor([soon.id, gone.id]);
  assert.equal(rows.length, 2, 'a row per employee, in the order ticked');
  for (const [row, op] of [[rows[0], soon], [rows[1], gone]]) {
    assert.equal(row.operative, String(op.id));
    const craft = values(row).filter((v) => v.startsWith('craft:'));
    assert.deepEqual(craft, ['craft:renewal'], `${op.first}: ${values(row).join(' ')}`);
    assert.ok(row.choices.some((c) => c.label === 'Craft or Related Disciplines - Renewal'));
    assert.ok(values(row).includes('managerial:initial'), 'other card types stay initial');
  }
});

test('a craft card with more than 3 months left is offered replacement and upgrade, not renewal', async () => {
  const op = employed({ first: 'Plenty', last: 'Lefton', card: {
    number: freshCardNumber(), expires: isoDate(dateFromToday({ years: 2 })) } });
  const { rows } = await rowsFor([op.id]);
  const craft = values(rows[0]).filter((v) => v.startsWith('craft:'));
  assert.deepEqual(craft.sort(), ['craft:replacement', 'craft:upgrade']);
  assert.ok(rows[0].choices.some((c) => c.label === 'Craft or Related Disciplines - Replacement'));
});

test('a card type that is not renewable offers no renewal near expiry', async () => {
  const op = employed({ first: 'Appy', last: 'Prentice' });
  sql(`INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, grade_id, issued_on, expires_on, status)
       SELECT ${q(freshCardNumber())}, ${op.id}, t.id, oc.id, NULL, CURDATE() - INTERVAL 3 YEAR,
              CURDATE() + INTERVAL 30 DAY, 'valid'
         FROM card_types t JOIN occupations oc ON oc.code = 'apprentice_electrician' WHERE t.code = 'jib_apprentice'`);
  const { rows } = await rowsFor([op.id]);
  const appr = values(rows[0]).filter((v) => v.startsWith('jib_apprentice:'));
  assert.ok(!appr.includes('jib_apprentice:renewal'), `renewal offered: ${appr.join(' ')}`);
});

test('CONFIRM & CONTINUE creates one application per row (7-digit references) and goes to the first step 1', async () => {
  const a = employed({ first: 'Alpha', last: 'Creator' });
  const b = employed({ first: 'Beta', last: 'Creator' });
  const r = await createApplications(co.client, [[a.id, 'craft:initial'], [b.id, 'managerial:initial']]);
  assert.equal(r.status, 303, pageText(r.body).slice(0, 300));
  const rows = sql(`SELECT a.id, a.reference, a.state, t.code, a.kind, a.office_id, a.created_by, a.step
                      FROM applications a JOIN card_types t ON t.id = a.card_type_id
                     WHERE a.operative_id IN (${a.id}, ${b.id}) ORDER BY a.id`);
  assert.equal(rows.length, 2);
  assert.equal(r.location, `/applications/${rows[0][0]}/step1`);
  for (const row of rows) {
    assert.match(row[1], /^\d{7}$/, 'a 7-digit reference');
    assert.equal(row[2], 'in_progress');
    assert.equal(row[5], String(co.office));
    assert.equal(row[6], String(co.user), 'created_by');
    assert.equal(row[7], '1');
  }
  assert.deepEqual(rows.map((x) => `${x[3]}:${x[4]}`), ['craft:initial', 'managerial:initial']);
  const page = await co.client.get(r.location);
  assert.equal(page.status, 200);
  assert.ok(pageText(page.body).includes(rows[0][1]), 'step 1 shows the reference');
  assert.ok(pageText(page.body).includes('Craft or Related Disciplines - Initial'));
  const resume = await co.client.get(`/applications/${rows[1][0]}`);
  assert.equal(resume.status, 303);
  assert.equal(resume.location, `/applications/${rows[1][0]}/step1`);
});

test('a second application for the same card type is refused with a link to the open one; nothing is created', async () => {
  const op = employed({ first: 'Twice', last: 'Applier' });
  const first = await startApplication(co.client, op.id, 'craft:initial');
  const { rows } = await rowsFor([op.id]);
  assert.ok(!values(rows[0]).some((v) => v.startsWith('craft:')), 'craft still offered while one is open');
  const other = employed({ first: 'Fine', last: 'Applier' });
  const r = await createApplications(co.client, [[other.id, 'craft:initial'], [op.id, 'craft:initial']]);
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'form-error'), 'Some rows need your attention: nothing has been started.');
  const back = chooseRows(r.body);
  assert.equal(back[1].error, 'An application for this card is already in progress.');
  assert.equal(back[1].existingUrl, `/applications/${first}`);
  assert.equal(back[0].error, null);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM applications WHERE operative_id IN (${op.id}, ${other.id})`), '1',
    'no application created when a row is refused');
  // A finalised application still blocks; a cancelled one no longer does.
  sql(`UPDATE applications SET state = 'finalised' WHERE id = ${first}`);
  assert.equal((await createApplications(co.client, [[op.id, 'craft:initial']])).status, 200);
  sql(`UPDATE applications SET state = 'cancelled' WHERE id = ${first}`);
  const again = await createApplications(co.client, [[op.id, 'craft:initial']]);
  assert.equal(again.status, 303, 'a cancelled application does not block a new one');
});

test('a choice that is not offered to the person is refused', async () => {
  const op = employed({ first: 'Not', last: 'Offered' });
  const r = await createApplications(co.client, [[op.id, 'craft:renewal']]);
  assert.equal(r.status, 200);
  assert.equal(chooseRows(r.body)[0].error, 'Please choose one of the card types offered.');
  const r2 = await createApplications(co.client, [[op.id, 'nonsense:initial']]);
  assert.equal(r2.status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM applications WHERE operative_id = ${op.id}`), '0');
});

test('rows and choices must pair up: a missing or extra choice is a 400', async () => {
  const a = employed({ first: 'Pair', last: 'Less' });
  const b = employed({ first: 'Pair', last: 'More' });
  const csrf = await co.client.csrf('/dashboard');
  const post = (pairs) => co.client.request('POST', '/applications/create', {
    body: pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') + `&_csrf=${csrf}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal((await post([['operative', a.id], ['operative', b.id], ['choice', 'craft:initial']])).status, 400);
  assert.equal((await post([['operative', a.id], ['choice', 'craft:initial'], ['choice', 'managerial:initial']])).status, 400);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM applications WHERE operative_id IN (${a.id}, ${b.id})`), '0');
});

test("another company's employee, an operative never employed and a former employee answer 404", async () => {
  const mine = employed({ first: 'Mine', last: 'Only' });
  const stranger = createOperative({ first: 'Stranger', last: 'Danger' });
  const former = employed({ first: 'Former', last: 'Hand' });
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE operative_id = ${former.id}`);
  assert.equal((await startChoices(co.client, [mine.id, stranger.id])).status, 404);
  assert.equal((await startChoices(co.client, [former.id])).status, 404);
  assert.equal((await createApplications(co.client, [[stranger.id, 'craft:initial']])).status, 404);
  const other = await signedIn(OTHER);
  assert.equal((await startChoices(other, [mine.id])).status, 404, 'other@ starts for my employee');
  assert.equal((await createApplications(other, [[mine.id, 'craft:initial']])).status, 404);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM applications WHERE operative_id IN (${mine.id}, ${stranger.id}, ${former.id})`), '0');
});

test('starting with nobody ticked says so', async () => {
  const csrf = await co.client.csrf('/dashboard');
  const r = await co.client.post('/applications/start', { _csrf: csrf });
  assert.ok([200, 400].includes(r.status), `status ${r.status}`);
  if (r.status === 200) assert.match(pageText(r.body), /tick at least one employee/i);
});
