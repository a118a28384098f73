// Results from the online assessment service (portalctl import-results FILE, the format of
// fcgi/assessment-results.rng): each result moves its booking (sat, passed, failed with the day
// and score), a pass records the operative's HS&E assessment in the register and releases the
// applications on hold awaiting it. One transaction a result: bad results are reported with
// their line and the rest applied; a malformed file changes nothing; importing again changes
// nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { env, freshCompany, sql, sqlValue, q, freshHse, pageText, textById, freshApplicationReference } from '../lib/portal.mjs';
import { credits, seedCredits, employee, book, bookingRow, day, importResults, resultsXml } from '../lib/assessments.mjs';

const HOLD = 'Awaiting the HS&E assessment pass (online, remote invigilation).';

// A booking of a new employee, from today (so it can be sat today).
async function booked(co, opts = {}) {
  const op = employee(co, opts);
  const { id } = await book(co.client, { operative: op.id, from: day(0), to: day(20) });
  assert.ok(id, 'booked');
  return { op, id, code: bookingRow(id).code };
}


// An application of the operative finalised with the HS&E hold reason (step 4 with the online route).
function heldApplication(co, op, state = 'finalised') {
  const ref = freshApplicationReference();
  sql(`INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id, kind, state, step,
         hse_route, hold_reason, finalised_at)
       VALUES (${q(ref)}, ${co.id}, ${co.office}, ${op.id}, 1, 'initial', ${q(state)}, 4, 'online', ${q(HOLD)}, NOW(6))`);
  return ref;
}

const appRow = (ref) => sql(`SELECT state, hold_reason, IFNULL(hse_route, '') FROM applications WHERE reference = ${q(ref)}`)[0];

test('a good file: passed, failed and sat move their bookings; a pass records the HS&E assessment', async () => {
  const co = await freshCompany('Results');
  seedCredits(co.id, 3);
  const p = await booked(co, { first: 'Pat' });
  const f = await booked(co, { first: 'Fay' });
  const s = await booked(co, { first: 'Sam' });
  const hse = freshHse();
  const xml = resultsXml([
    { booking: p.code, status: 'passed', sat: day(0), score: 46, hse },
    { booking: f.code, status: 'failed', sat: day(0), score: 30 },
    { booking: s.code, status: 'sat', sat: day(0) },
  ]);
  const r = importResults(xml);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /applied 3, unchanged 0, rejected 0/);
  assert.deepEqual(bookingRow(p.id), { code: p.code, state: 'passed', sat: day(0), score: '46' });
  assert.deepEqual(bookingRow(f.id), { code: f.code, state: 'failed', sat: day(0), score: '30' });
  assert.deepEqual(bookingRow(s.id), { code: s.code, state: 'sat', sat: day(0), score: '' });
  assert.deepEqual(sql(`SELECT hse_number, hse_passed_on FROM operatives WHERE id = ${p.op.id}`), [[hse, day(0)]]);
  assert.deepEqual(sql(`SELECT IFNULL(hse_number, ''), IFNULL(hse_passed_on, '') FROM operatives WHERE id = ${f.op.id}`), [['', '']]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_result_imported'
                         AND object_id IN ('${p.id}', '${f.id}', '${s.id}')`), '3');
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_results_imported'
                             AND detail LIKE ${q(`${r.file}%`)}`)) === 1);
  // The employee's page shows the pass; the tab shows the results.
  const emp = await co.client.get(`/employees/${p.op.id}`);
  assert.match(pageText(emp.body), new RegExp(hse));
  const tab = pageText((await co.client.get('/assessments')).body);
  assert.match(tab, new RegExp(`${p.code} .* Passed`));
  // Imported again: nothing changes.
  const again = importResults(xml);
  assert.match(again.out, /applied 0, unchanged 3, rejected 0/);
  // The sat booking's result follows in a later file.
  const later = importResults(resultsXml([{ booking: s.code, status: 'failed', sat: day(0), score: 12 }]));
  assert.match(later.out, /applied 1/);
  assert.equal(bookingRow(s.id).state, 'failed');
  assert.equal(credits(co.id), 0);
});

test('bad results are reported with their line; the others are applied', async () => {
  const co = await freshCompany('ResultsBad');
  seedCredits(co.id, 5);
  const good = await booked(co);
  const early = await booked(co);
  const low = await booked(co);
  const done = await booked(co);
  const exp = await booked(co);
  sql(`UPDATE assessment_bookings SET state = 'failed', sat_on = CURDATE(), score = 20 WHERE id = ${done.id}`);
  sql(`UPDATE assessment_bookings SET state = 'expired' WHERE id = ${exp.id}`);
  const taken = employee(co);
  const takenHse = freshHse();
  sql(`UPDATE operatives SET hse_number = ${q(takenHse)}, hse_passed_on = CURDATE() WHERE id = ${taken.id}`);
  const r = importResults(resultsXml([
    { booking: 'ZZZZZZZZ', status: 'sat', sat: day(0) },                                  // line 3
    { booking: early.code, status: 'sat', sat: day(-3) },                                 // line 4
    { booking: low.code, status: 'passed', sat: day(0), score: 40, hse: freshHse() },     // line 5
    { booking: done.code, status: 'passed', sat: day(0), score: 45, hse: freshHse() },    // line 6
    { booking: exp.code, status: 'sat', sat: day(0) },                                    // line 7
    { booking: good.code, status: 'passed', sat: day(0), score: 50, hse: takenHse },      // line 8
    { booking: good.code, status: 'sat', sat: day(1) },                                   // line 9
    { booking: early.code, status: 'sat', sat: day(0) },                                  // line 10 (the repeat)
  ]), 'bad.xml');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /bad\.xml:3: booking ZZZZZZZZ: no booking has the code ZZZZZZZZ/);
  assert.match(r.out, new RegExp(`bad\\.xml:4: booking ${early.code}: the day sat is outside the booking's window`));
  assert.match(r.out, new RegExp(`bad\\.xml:5: booking ${low.code}: a pass with a score below the pass mark`));
  assert.match(r.out, new RegExp(`bad\\.xml:6: booking ${done.code}: the booking already has a result`));
  assert.match(r.out, new RegExp(`bad\\.xml:7: booking ${exp.code}: the booking expired unused`));
  assert.match(r.out, new RegExp(`bad\\.xml:8: booking ${good.code}: HS&E number ${takenHse} is another operative's`));
  assert.match(r.out, new RegExp(`bad\\.xml:9: booking ${good.code}: the day sat is in the future`));
  assert.match(r.out, new RegExp(`bad\\.xml:10: booking ${early.code}: booking ${early.code} is already on line 4`));
  assert.match(r.out, /applied 0, unchanged 0, rejected 8/);
  for (const b of [good, early, low]) assert.equal(bookingRow(b.id).state, 'booked');
  assert.equal(bookingRow(done.id).state, 'failed');
});

test('a malformed file, a DOCTYPE or a file not of the schema changes nothing', async () => {
  const co = await freshCompany('ResultsMal');
  seedCredits(co.id, 1);
  const b = await booked(co);
  const good = `<result booking="${b.code}" status="sat" sat="${day(0)}"/>`;
  const files = [
    [`<results generated="${day(0)}">\n${good}\n<result booking="`, /not well-formed|results\.xml:\d+:/],
    [`<?xml version="1.0"?>\n<!DOCTYPE results [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>\n<results generated="${day(0)}">${good}&x;</results>`, /results\.xml:2: a DOCTYPE is not allowed/],
    [`<results generated="${day(0)}">\n${good}\n<result booking="${b.code}" status="won" sat="${day(0)}"/>\n</results>`, /results\.xml:3:/],
    [`<results generated="${day(0)}">\n${good}\n<extra/>\n</results>`, /results\.xml:3:/],
  ];
  for (const [xml, why] of files) {
    const r = importResults(xml);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, why);
    assert.match(r.out, /nothing imported/);
  }
  assert.equal(bookingRow(b.id).state, 'booked');
  const missing = importResults('', 'empty.xml');
  assert.equal(missing.code, 1);
  let code = 0;
  try {
    execFileSync(env.portalctl, ['-c', env.config, 'import-results', '/nonexistent/results.xml'], { stdio: 'ignore' });
  } catch (e) { code = e.status; }
  assert.equal(code, 1);
});

test('a pass releases the operative\'s applications on hold awaiting the HS&E assessment', async () => {
  const co = await freshCompany('ResultsHold');
  seedCredits(co.id, 1);
  const b = await booked(co, { first: 'Holly' });
  // Paid and received: lifecycle.c puts it on hold with the reason finalising recorded.
  const held = heldApplication(co, b.op, 'ordered');
  execFileSync(env.portalctl, ['-c', env.config, 'application', held, 'received'], { encoding: 'utf8' });
  assert.deepEqual(appRow(held), ['on_hold', HOLD, 'online']);
  // Not yet paid: it loses the reason, so it will not be held.
  const waiting = heldApplication(co, b.op, 'finalised');
  // On hold for another reason: stays.
  const other = heldApplication(co, b.op, 'ordered');
  sql(`UPDATE applications SET state = 'on_hold', hold_reason = 'Photo rejected' WHERE reference = ${q(other)}`);
  const list = pageText((await co.client.get('/applications/attention')).body);
  assert.match(list, new RegExp(`${held} .*Awaiting the HS&E assessment pass`));
  const r = importResults(resultsXml([{ booking: b.code, status: 'passed', sat: day(0), score: 44, hse: freshHse() }]));
  assert.match(r.out, /2 applications released/);
  assert.deepEqual(appRow(held), ['received', '', 'passed']);
  assert.deepEqual(appRow(waiting), ['finalised', '', 'passed']);
  assert.deepEqual(appRow(other), ['on_hold', 'Photo rejected', 'online']);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'application_released'
                         AND company_id = ${co.id}`), '2');
  // The released one carries on through the scheme's processing.
  const out = execFileSync(env.portalctl, ['-c', env.config, 'application', held, 'verifying'], { encoding: 'utf8' });
  assert.match(out, /is now verifying/);
  // Once received, the one that was waiting is not held.
  execFileSync(env.portalctl, ['-c', env.config, 'application', waiting, 'received'], { encoding: 'utf8' });
  assert.equal(appRow(waiting)[0], 'received');
});

test('a fail releases nothing and records nothing in the register', async () => {
  const co = await freshCompany('ResultsFail');
  seedCredits(co.id, 1);
  const b = await booked(co);
  const held = heldApplication(co, b.op, 'ordered');
  execFileSync(env.portalctl, ['-c', env.config, 'application', held, 'received'], { encoding: 'utf8' });
  importResults(resultsXml([{ booking: b.code, status: 'failed', sat: day(0), score: 42 }]));
  assert.equal(appRow(held)[0], 'on_hold');
  assert.equal(sqlValue(`SELECT hse_number IS NULL FROM operatives WHERE id = ${b.op.id}`), '1');
  const page = await co.client.get(`/assessments/bookings/${b.id}`);
  assert.equal(textById(page.body, 'booking-state'), 'Failed');
});
