// The Applications tab: Applications Requiring Attention (in progress with the step reached and
// who started it; on hold with the reason; Finalised - Awaiting Ordering with the guide's
// columns and the ADD N / UNFINALISE N buttons), Applications Being Produced (status and
// reason), Completed Applications (card number and expiry; only within 3 months of
// completion). A company of its own; states moved with portalctl application.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, pageText, tableRows, freshCompany, createOperative, employ, startApplication, appPost,
  completeApplication, portalctl,
} from '../lib/portal.mjs';

let co;
const apps = {};

before(async () => {
  co = await freshCompany('Lister');
  // Group the head office so that "In Group" has a value.
  sql(`INSERT INTO company_groups (company_id, name) VALUES (${co.id}, 'Listing Group')`);
  sql(`UPDATE offices SET group_id = (SELECT id FROM company_groups WHERE company_id = ${co.id}) WHERE id = ${co.office}`);
  for (const [key, first] of [['progress', 'Ivy'], ['final', 'Fay'], ['hold', 'Hal'], ['made', 'Mo'], ['done', 'Dot']]) {
    const op = createOperative({ first, last: 'Lister' });
    employ(op.id, co.id, co.office);
    const id = await startApplication(co.client, op.id, 'craft:initial');
    apps[key] = { id, op, ref: sqlValue(`SELECT reference FROM applications WHERE id = ${id}`) };
    if (key === 'progress') {
      await appPost(co.client, `/applications/${id}/step1`, { business_phone: '01632 960111', business_email: 'a@test.example', delivery_office_id: co.office });
      continue;
    }
    await completeApplication(co.client, id);
    const f = await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' });
    assert.equal(f.status, 303);
  }
  portalctl('application', apps.hold.ref, 'received'); // finalised with a hold reason: straight on hold
  // Payments taken outside the portal, no hold: received -> (verifying ...).
  sql(`UPDATE applications SET hold_reason = '' WHERE id IN (${apps.made.id}, ${apps.done.id})`);
  portalctl('application', apps.made.ref, 'received');
  for (const s of ['received', 'verifying', 'verified', 'being_produced', 'dispatched']) portalctl('application', apps.done.ref, s);
});

const rowOf = (rows, ref) => rows.find((r) => r.some((c) => c === ref));

test('Applications In Progress: reference, "Last, First", type, step reached, started by and date', async () => {
  const r = await co.client.get('/applications/attention');
  assert.equal(r.status, 200);
  const rows = tableRows(r.body, 'in-progress-table');
  const row = rowOf(rows, apps.progress.ref);
  assert.ok(row, `not listed: ${JSON.stringify(rows)}`);
  const today = sqlValue("SELECT DATE_FORMAT(created_at, '%d/%m/%Y') FROM applications WHERE id = " + apps.progress.id);
  assert.deepEqual(row, [apps.progress.ref, 'Lister, Ivy', 'Craft - Initial', '2', 'Lister Tester', today]);
  assert.match(r.body, new RegExp(`href="/applications/${apps.progress.id}"`));
  assert.equal(rowOf(rows, apps.final.ref), undefined, 'a finalised one in progress');
});

test('Finalised - Awaiting Ordering: the guide\'s columns, a check box per row, ADD N and UNFINALISE N', async () => {
  const r = await co.client.get('/applications/attention');
  const text = pageText(r.body);
  for (const h of ['App. Ref.', 'Applicant', 'Employed By', 'In Group', 'H&S', 'Photo', 'Type', 'Applying For Grade', 'Applying For Occupation']) {
    assert.ok(text.includes(h), `column ${h}`);
  }
  const rows = tableRows(r.body, 'finalised-table');
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.deepEqual(rows[0], [`Select application ${apps.final.ref}, Lister, Fay`, apps.final.ref,
    'Lister, Fay On hold once paid: Awaiting the HS&E assessment pass (online, remote invigilation).', co.name, 'Listing Group', 'Online', 'OK', 'Craft - Initial',
    'Electrical Labourer', 'Electrical Labourer (2018)']);
  assert.match(r.body, new RegExp(`<input type="checkbox" id="pick-${apps.final.id}" name="id" value="${apps.final.id}">`));
  assert.match(r.body, /id="finalised-count">1</);
  assert.match(r.body, /id="add-to-purchase" formaction="\/orders\/add-applications">ADD 1 APPLICATIONS TO A PURCHASE</);
  assert.match(r.body, /id="unfinalise" formaction="\/applications\/unfinalise">UNFINALISE 1 APPLICATIONS</);
});

test('Applications On Hold: the reason finalising recorded, shown once the scheme received it', async () => {
  const r = await co.client.get('/applications/attention');
  const rows = tableRows(r.body, 'on-hold-table');
  const row = rowOf(rows, apps.hold.ref);
  assert.ok(row, JSON.stringify(rows));
  assert.deepEqual(row, [apps.hold.ref, 'Lister, Hal', 'Craft - Initial',
    'On hold Awaiting the HS&E assessment pass (online, remote invigilation).']);
});

test('Applications Being Produced: status and reason; not the in-progress or finalised ones', async () => {
  portalctl('application', apps.made.ref, 'on_hold', '--reason', 'Photo does not meet the guidance');
  let r = await co.client.get('/applications/produced');
  assert.equal(r.status, 200);
  let rows = tableRows(r.body, 'produced-table');
  const today = sqlValue("SELECT DATE_FORMAT(NOW(), '%d/%m/%Y')");
  assert.deepEqual(rowOf(rows, apps.made.ref), [apps.made.ref, 'Lister, Mo', 'Craft - Initial', 'On hold', 'Photo does not meet the guidance', today]);
  assert.equal(rowOf(rows, apps.progress.ref), undefined);
  assert.equal(rowOf(rows, apps.final.ref), undefined);
  assert.equal(rowOf(rows, apps.done.ref), undefined, 'a dispatched one is still being produced');
  const expect = { verifying: 'Verifying', verified: 'Verified', being_produced: 'Being produced' };
  for (const [s, label] of Object.entries(expect)) {
    portalctl('application', apps.made.ref, s);
    r = await co.client.get('/applications/produced');
    rows = tableRows(r.body, 'produced-table');
    assert.deepEqual(rowOf(rows, apps.made.ref).slice(3, 5), [label, ''], s);
  }
});

test('Completed Applications: card number and expiry; gone once completed more than 3 months ago', async () => {
  const [card, expires] = sql(`SELECT c.card_number, DATE_FORMAT(c.expires_on, '%d/%m/%Y') FROM applications a
                                JOIN cards c ON c.id = a.issued_card_id WHERE a.id = ${apps.done.id}`)[0];
  let r = await co.client.get('/applications/completed');
  assert.equal(r.status, 200);
  const rows = tableRows(r.body, 'completed-table');
  const today = sqlValue("SELECT DATE_FORMAT(NOW(), '%d/%m/%Y')");
  assert.deepEqual(rowOf(rows, apps.done.ref), [apps.done.ref, 'Lister, Dot', 'Craft - Initial', card, expires, today]);
  sql(`UPDATE applications SET completed_at = NOW(6) - INTERVAL 3 MONTH + INTERVAL 1 DAY WHERE id = ${apps.done.id}`);
  r = await co.client.get('/applications/completed');
  assert.ok(rowOf(tableRows(r.body, 'completed-table'), apps.done.ref), 'still listed inside 3 months');
  sql(`UPDATE applications SET completed_at = NOW(6) - INTERVAL 3 MONTH - INTERVAL 1 DAY WHERE id = ${apps.done.id}`);
  r = await co.client.get('/applications/completed');
  assert.equal(rowOf(tableRows(r.body, 'completed-table') || [], apps.done.ref), undefined, 'listed after 3 months');
  assert.match(pageText(r.body), /No applications completed in the last three months\./);
  assert.equal(sqlValue(`SELECT state FROM applications WHERE id = ${apps.done.id}`), 'dispatched', 'the data is kept');
  // Not on the other lists either.
  const att = await co.client.get('/applications/attention');
  assert.ok(!pageText(att.body).includes(apps.done.ref));
});

test('the lists of a company with no applications say so', async () => {
  const empty = await freshCompany('Nolist');
  const a = await empty.client.get('/applications/attention');
  assert.match(pageText(a.body), /No applications in progress/);
  assert.match(pageText(a.body), /No applications on hold/);
  assert.match(pageText(a.body), /No finalised applications are awaiting ordering/);
  assert.doesNotMatch(a.body, /id="unfinalise"/);
  assert.match(pageText((await empty.client.get('/applications/produced')).body), /No applications are being produced/);
});
