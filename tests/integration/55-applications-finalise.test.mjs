// Step 4 - Finalise & Review (guide 1.4): the summary, FINALISE NOW with missing parts lists them
// and changes nothing, the declaration is required, finalising records the hold reason of an
// HS&E route (or an unmet requirement), a finalised application is no longer editable, and
// UNFINALISE puts it back in progress. A company of its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, pageText, textById, freshCompany, createOperative, employ, startApplication, appPost,
  completeApplication, freshHse, signedIn, OTHER,
} from '../lib/portal.mjs';

let co;

before(async () => {
  co = await freshCompany('Finale');
});

async function newApp(opts = {}, choice = 'craft:initial') {
  const op = createOperative(opts);
  employ(op.id, co.id, co.office);
  return { op, id: await startApplication(co.client, op.id, choice) };
}

const row = (id) => sql(`SELECT state, hold_reason, IFNULL(hse_route, ''), finalised_by IS NOT NULL, finalised_at IS NOT NULL
                           FROM applications WHERE id = ${id}`)[0];
const missing = (html) => [...(html.match(/id="missing"[\s\S]*?<\/div>/) || [''])[0].matchAll(/<li>([\s\S]*?)<\/li>/g)]
  .map((m) => m[1].replace(/&amp;/g, '&').trim());

test('FINALISE NOW with nothing filled in lists every missing part and changes nothing', async () => {
  const { id } = await newApp({ first: 'Empty', last: 'Handed' });
  const page = await co.client.get(`/applications/${id}/step4`);
  assert.equal(page.status, 200);
  assert.deepEqual(missing(page.body), [
    'A photo of the applicant (step 1).',
    'The business phone and email (step 1).',
    'The main occupation (step 3).',
    'A valid HS&E assessment or exemption, or how it will be sat (step 2).',
  ]);
  const r = await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' });
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'form-error'), 'The application cannot be finalised yet: please complete what is listed.');
  assert.equal(missing(r.body).length, 4);
  assert.deepEqual(row(id), ['in_progress', '', '', '0', '0']);
});

test('a missing grade is listed for a craft card', async () => {
  const { id } = await newApp({ first: 'Grade', last: 'Less' });
  await completeApplication(co.client, id);
  sql(`UPDATE applications SET grade_id = NULL WHERE id = ${id}`);
  const r = await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' });
  assert.equal(r.status, 200);
  assert.deepEqual(missing(r.body), ['The grade (step 3).']);
  assert.equal(row(id)[0], 'in_progress');
});

test('the summary shows what was entered, the declaration with the terms, and RECHECK <NAME>\'S APPLICATION', async () => {
  const { op, id } = await newApp({ first: 'Sue', last: 'Summary' });
  await completeApplication(co.client, id);
  const r = await co.client.get(`/applications/${id}/step4`);
  assert.equal(r.status, 200);
  const text = pageText(r.body);
  for (const s of ['Sue', 'Summary', op.ni, '01632 960999', 'site@test.example', 'Electrical Labourer (2018)',
    'Craft or Related Disciplines - Initial', 'No valid HS&E assessment or exemption']) assert.ok(text.includes(s), s);
  assert.equal(textById(r.body, 'recheck'), "← RECHECK SUE SUMMARY'S APPLICATION");
  assert.match(r.body, new RegExp(`id="recheck" href="/applications/${id}/step1"`));
  assert.match(textById(r.body, 'declaration'), /I have read and agree with the terms and conditions and that I understand there is no refund policy/);
  assert.match(r.body, /href="\/static\/terms\.html"/);
  assert.match(r.body, /id="summary-photo"/);
  assert.deepEqual(missing(r.body), []);
  assert.ok(text.includes('ECS Registered Electrician Scheme Not registered'), 'not registered');
  // Registered for the ECS Registered Electrician Scheme: step 4 says when, as step 3 does.
  sql(`UPDATE operatives SET ecs_registered_on = '2025-09-05' WHERE id = ${op.id}`);
  for (const step of ['step3', 'step4']) {
    const page = pageText((await co.client.get(`/applications/${id}/${step}`)).body);
    assert.ok(page.includes('You registered for the ECS Registered Electrician Scheme on 05/09/2025'), step);
  }
});

test('the declaration must be ticked', async () => {
  const { id } = await newApp({ first: 'Dec', last: 'Laration' });
  await completeApplication(co.client, id);
  const r = await appPost(co.client, `/applications/${id}/finalise`, {});
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'declaration-error'), /^Error: Please (tick the declaration|fill in this field)\.$/);
  const no = await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'no' });
  assert.equal(textById(no.body, 'declaration-error'), 'Error: Please tick the declaration.');
  assert.equal(row(id)[0], 'in_progress');
});

test('finalising with the HS&E to be sat online records the hold reason; test centre too', async () => {
  const { id } = await newApp({ first: 'Olly', last: 'Online' });
  await completeApplication(co.client, id, { hseRoute: 'online' });
  const r = await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 400));
  assert.equal(r.location, '/applications/attention');
  assert.deepEqual(row(id), ['finalised', 'Awaiting the HS&E assessment pass (online, remote invigilation).', 'online', '1', '1']);
  const list = await co.client.get(r.location);
  const ref = sqlValue(`SELECT reference FROM applications WHERE id = ${id}`);
  assert.ok(pageText(list.body).includes(`Application ${ref} has been finalised (once paid it will wait on hold: `
    + 'Awaiting the HS&E assessment pass (online, remote invigilation).).'), 'the hold is not said');
  const t = await newApp({ first: 'Tess', last: 'Centre' });
  await completeApplication(co.client, t.id, { hseRoute: 'test_centre' });
  assert.equal((await appPost(co.client, `/applications/${t.id}/finalise`, { declaration: 'yes' })).status, 303);
  assert.deepEqual(row(t.id).slice(0, 3), ['finalised', 'Awaiting the HS&E assessment pass (test centre).', 'test_centre']);
});

test('with a valid HS&E pass the route is "passed" and there is no hold; an unmet requirement is the hold reason', async () => {
  const { id } = await newApp({ first: 'Pam', last: 'Passed', hse: freshHse() });
  await completeApplication(co.client, id, { hseRoute: null });
  assert.equal((await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' })).status, 303);
  assert.deepEqual(row(id).slice(0, 3), ['finalised', '', 'passed']);
  const g = await newApp({ first: 'Gil', last: 'Goldless', hse: freshHse() });
  await completeApplication(co.client, g.id, { hseRoute: null, occupation: 'installation_electrician', grade: 'electrician' });
  const page = await co.client.get(`/applications/${g.id}/step4`);
  assert.deepEqual(missing(page.body), [], 'an unmet requirement does not stop finalising');
  assert.equal((await appPost(co.client, `/applications/${g.id}/finalise`, { declaration: 'yes' })).status, 303);
  assert.match(row(g.id)[1], /^Requirement not met: .+ is not yet shown\.$/);
});

test('a finalised application is not editable: steps lead to the summary, posts change nothing', async () => {
  const { id } = await newApp({ first: 'Fin', last: 'Ished' });
  await completeApplication(co.client, id);
  assert.equal((await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' })).status, 303);
  for (const s of ['step1', 'step2', 'step3']) {
    const r = await co.client.get(`/applications/${id}/${s}`);
    assert.equal(r.status, 303, s);
    assert.equal(r.location, `/applications/${id}/step4`);
  }
  assert.equal((await co.client.get(`/applications/${id}`)).location, `/applications/${id}/step4`);
  const s4 = await co.client.get(`/applications/${id}/step4`);
  assert.match(s4.body, /id="finalised"/);
  assert.doesNotMatch(s4.body, /id="finalise-form"/);
  const phone = sqlValue(`SELECT business_phone FROM applications WHERE id = ${id}`);
  const p = await appPost(co.client, `/applications/${id}/step1`, { business_phone: '01632 960777', business_email: 'x@test.example', delivery_office_id: co.office });
  assert.equal(p.status, 303);
  assert.equal(sqlValue(`SELECT business_phone FROM applications WHERE id = ${id}`), phone);
  const again = await appPost(co.client, `/applications/${id}/finalise`, { declaration: 'yes' });
  assert.equal(again.status, 303);
  assert.equal(again.location, `/applications/${id}/step4`);
});

test('UNFINALISE puts finalised applications back in progress (hold reason cleared); others are untouched', async () => {
  const a = await newApp({ first: 'Una', last: 'Final' });
  const b = await newApp({ first: 'Ben', last: 'Final' });
  for (const x of [a, b]) {
    await completeApplication(co.client, x.id);
    assert.equal((await appPost(co.client, `/applications/${x.id}/finalise`, { declaration: 'yes' })).status, 303);
  }
  const other = await signedIn(OTHER);
  const x = await appPost(other, '/applications/unfinalise', { id: [a.id] });
  assert.equal(x.status, 303);
  assert.equal(row(a.id)[0], 'finalised', "other@ unfinalised another company's application");
  const r = await appPost(co.client, '/applications/unfinalise', { id: [a.id, b.id] });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/applications/attention');
  assert.deepEqual(row(a.id), ['in_progress', '', 'online', '0', '0']);
  assert.equal(row(b.id)[0], 'in_progress');
  const list = await co.client.get('/applications/attention');
  assert.match(pageText(list.body), /2 applications are back in progress\./);
  assert.equal((await co.client.get(`/applications/${a.id}/step1`)).status, 200, 'editable again');
  // An in-progress one is not affected by unfinalise.
  const again = await appPost(co.client, '/applications/unfinalise', { id: [a.id] });
  assert.equal(again.status, 303);
  assert.match(pageText((await co.client.get('/applications/attention')).body), /Nothing was unfinalised: only finalised applications not yet on an order can be\./);
  // Nothing ticked: asked to tick them.
  assert.equal((await appPost(co.client, '/applications/unfinalise', {})).status, 303);
  assert.match(pageText((await co.client.get('/applications/attention')).body), /Please tick the applications to unfinalise\./);
});

test('finalising one of several candidates started together leads on to the next', async () => {
  const { freshCompany: fc, createOperative: mk, employ: emp, createApplications: ca, completeApplication: done,
    appPost: post, sqlValue: sv } = await import('../lib/portal.mjs');
  const c = await fc('Batch');
  const a = mk({ first: 'First', last: 'Inline' });
  const b = mk({ first: 'Second', last: 'Inline' });
  emp(a.id, c.id, c.office);
  emp(b.id, c.id, c.office);
  const r = await ca(c.client, [[a.id, 'craft:initial'], [b.id, 'craft:initial']]);
  assert.equal(r.status, 303);
  const first = r.location.match(/\/applications\/(\d+)\//)[1];
  const second = sv(`SELECT id FROM applications WHERE operative_id = ${b.id}`);
  await done(c.client, first);
  const f = await post(c.client, `/applications/${first}/finalise`, { declaration: 'yes' });
  assert.equal(f.status, 303);
  assert.equal(f.location, `/applications/${second}/step1`);
  await done(c.client, second);
  const g = await post(c.client, `/applications/${second}/finalise`, { declaration: 'yes' });
  assert.equal(g.location, '/applications/attention', 'the last one goes to the list');
});
