// The scheme's side: `portalctl application REF STATE [--reason]` moves a paid application
// received -> verifying -> on_hold (reason shown in the lists) -> verified -> being_produced
// -> dispatched; dispatching issues a card (valid check digit, expiry from the card type's
// validity) that then shows in Current Employees and on the employee's page. Refused moves
// exit non-zero and change nothing. A company of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  env, sql, sqlValue, pageText, tableRows, freshCompany, createOperative, employ, startApplication,
  appPost, completeApplication, cardCheckDigit, walkCurrent,
} from '../lib/portal.mjs';

let co;

before(async () => {
  co = await freshCompany('Cycle');
});

function ctl(...args) {
  return spawnSync(env.portalctl, ['-c', env.config, 'application', ...args], { encoding: 'utf8', timeout: 60000 });
}

async function finalised(first, opts = {}) {
  const op = createOperative({ first, last: 'Cycler' });
  employ(op.id, co.id, co.office);
  const id = await startApplication(co.client, op.id, opts.choice || 'craft:initial');
  await completeApplication(co.client, id, opts);
  assert.equal((await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' })).status, 303);
  return { op, id, ref: sqlValue(`SELECT reference FROM applications WHERE id = ${id}`) };
}

const state = (id) => sql(`SELECT state, hold_reason FROM applications WHERE id = ${id}`)[0];

test('received -> verifying -> on_hold (reason in the lists) -> verified -> being_produced -> dispatched issues a card', async () => {
  const a = await finalised('Cy');
  sql(`UPDATE applications SET hold_reason = '' WHERE id = ${a.id}`);
  let r = ctl(a.ref, 'received');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`application ${a.ref} is now received`));
  assert.deepEqual(state(a.id), ['received', '']);
  assert.equal(ctl(a.ref, 'verifying').status, 0);
  r = ctl(a.ref, 'on_hold', '--reason', 'Certificate unreadable: please send a clearer copy');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(state(a.id), ['on_hold', 'Certificate unreadable: please send a clearer copy']);
  const att = await co.client.get('/applications/attention');
  const hold = tableRows(att.body, 'on-hold-table').find((x) => x[0] === a.ref);
  assert.ok(hold && hold[3].includes('Certificate unreadable: please send a clearer copy'), 'the reason in Requiring Attention');
  const prod = await co.client.get('/applications/produced');
  const p = tableRows(prod.body, 'produced-table').find((x) => x[0] === a.ref);
  assert.deepEqual(p.slice(3, 5), ['On hold', 'Certificate unreadable: please send a clearer copy']);
  assert.equal(ctl(a.ref, 'verified').status, 0);
  assert.deepEqual(state(a.id), ['verified', ''], 'the hold reason is cleared');
  assert.equal(ctl(a.ref, 'being_produced').status, 0);
  r = ctl(a.ref, 'dispatched');
  assert.equal(r.status, 0, r.stderr);
  const m = r.stdout.match(/card (\d{8}) issued/);
  assert.ok(m, r.stdout);
  const number = m[1];
  assert.equal(cardCheckDigit(number.slice(0, 7)), Number(number[7]), 'the check digit');
  const [owner, type, occ, grade, issued, expires, status, appState, completed] = sql(`SELECT c.operative_id, t.code,
      oc.code, g.code, c.issued_on = CURDATE(), c.expires_on = CURDATE() + INTERVAL t.validity_months MONTH, c.status,
      a.state, a.completed_at IS NOT NULL
      FROM cards c JOIN card_types t ON t.id = c.card_type_id JOIN occupations oc ON oc.id = c.occupation_id
      LEFT JOIN grades g ON g.id = c.grade_id JOIN applications a ON a.issued_card_id = c.id
      WHERE c.card_number = '${number}'`)[0];
  assert.deepEqual([owner, type, occ, grade, issued, expires, status, appState, completed],
    [String(a.op.id), 'craft', 'electrical_labourer', 'electrical_labourer', '1', '1', 'valid', 'dispatched', '1']);
  assert.equal(sqlValue("SELECT validity_months FROM card_types WHERE code = 'craft'"), '36');
  const expiry = sqlValue(`SELECT DATE_FORMAT(expires_on, '%d/%m/%Y') FROM cards WHERE card_number = '${number}'`);
  // In Current Employees (card number and expiry) and on the employee's page.
  const { bodies } = await walkCurrent(co.client, { q: 'Cycler' });
  const rows = bodies.flatMap((b) => tableRows(b, 'employees-table'));
  const row = rows.find((x) => x.some((c) => c.includes('Cycler, Cy')));
  assert.ok(row, JSON.stringify(rows));
  assert.ok(row.includes(number), `card number not listed: ${row.join(' | ')}`);
  assert.ok(row.includes(expiry), `expiry not listed: ${row.join(' | ')}`);
  const view = await co.client.get(`/employees/${a.op.id}`);
  assert.ok(pageText(view.body).includes(number), 'the card on the employee page');
  const done = await co.client.get('/applications/completed');
  const c = tableRows(done.body, 'completed-table').find((x) => x[0] === a.ref);
  assert.deepEqual(c.slice(3, 5), [number, expiry]);
  // The new card now offers replacement/upgrade, not initial.
  const again = await appPost(co.client, '/applications/start', { id: a.op.id });
  assert.ok(pageText(again.body).includes('Craft or Related Disciplines - Replacement'));
  assert.ok(!pageText(again.body).includes('Craft or Related Disciplines - Initial'));
});

test('received with the hold reason of finalising goes straight on hold with that reason', async () => {
  const a = await finalised('Holly');
  const r = ctl(a.ref, 'received');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(state(a.id), ['on_hold', 'Awaiting the HS&E assessment pass (online, remote invigilation).']);
  assert.match(r.stdout, /is now on_hold: Awaiting the HS&E/);
  assert.equal(ctl(a.ref, 'verifying').status, 0, 'from on hold to verifying once the pass arrives');
});

test('refused moves exit non-zero and change nothing', async () => {
  const op = createOperative({ first: 'Ima', last: 'Cycler' });
  employ(op.id, co.id, co.office);
  const id = await startApplication(co.client, op.id, 'craft:initial');
  const ref = sqlValue(`SELECT reference FROM applications WHERE id = ${id}`);
  for (const s of ['dispatched', 'received', 'verified', 'being_produced', 'verifying']) {
    const r = ctl(ref, s);
    assert.notEqual(r.status, 0, `in_progress -> ${s} accepted`);
    assert.match(r.stderr, new RegExp(`application ${ref} is in_progress: it cannot become ${s}`));
  }
  assert.deepEqual(state(id), ['in_progress', '']);
  const f = await finalised('Fred');
  sql(`UPDATE applications SET hold_reason = '' WHERE id = ${f.id}`);
  for (const s of ['verifying', 'verified', 'being_produced', 'dispatched']) assert.notEqual(ctl(f.ref, s).status, 0, `finalised -> ${s}`);
  assert.equal(state(f.id)[0], 'finalised');
  assert.equal(ctl(f.ref, 'received').status, 0);
  assert.notEqual(ctl(f.ref, 'dispatched').status, 0, 'received -> dispatched');
  assert.notEqual(ctl(f.ref, 'being_produced').status, 0, 'received -> being_produced');
  const noReason = ctl(f.ref, 'on_hold');
  assert.equal(noReason.status, 2);
  assert.match(noReason.stderr, /on_hold needs --reason/);
  const unknown = ctl(f.ref, 'lost_in_post');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown state lost_in_post/);
  const nobody = ctl('0000000', 'received');
  assert.equal(nobody.status, 1);
  assert.match(nobody.stderr, /no application 0000000/);
  assert.equal(ctl().status, 2, 'usage');
  assert.deepEqual(state(f.id), ['received', '']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM cards WHERE operative_id IN (${op.id}, ${f.op.id})`), '0', 'a card issued');
});
