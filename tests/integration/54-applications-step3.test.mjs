// Step 3 - Occupations & Grading: only the occupations of the card type, a grade where the card
// type has grades (craft: JIB grades; none for managerial), CHANGE of card type, additional
// occupations, and what the occupation requires with which requirements are met.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, applicationFixture, startApplication, createOperative, employ,
  appPost, freshHse, freshCardNumber, isoDate, dateFromToday, completeApplication,
} from '../lib/portal.mjs';

let co;
let appId;
const id = (table, code) => sqlValue(`SELECT id FROM ${table} WHERE code = ${q(code)}`);

before(async () => {
  ({ co, appId } = await applicationFixture({ label: 'Grading', operative: { first: 'Gary', last: 'Grading' } }));
});

function options(html, name) {
  const m = html.match(new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`));
  if (!m) return null;
  return [...m[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].filter((o) => o[1]).map((o) => ({ id: o[1], text: o[2].trim() }));
}

function requirements(html) {
  const m = html.match(/id="requirements"[\s\S]*?<\/section>/);
  return [...(m ? m[0] : '').matchAll(/<li class="requirement"><span[^>]*>(Met|Not met)<\/span>\s*([^<]*)<\/li>/g)]
    .map((x) => [x[2].replace(/&amp;/g, '&').trim(), x[1]]);
}

test('a craft application offers only craft occupations (with their discipline) and the JIB grades', async () => {
  const r = await co.client.get(`/applications/${appId}/step3`);
  assert.equal(r.status, 200);
  const occ = options(r.body, 'occupation_id');
  const craft = sql(`SELECT o.id FROM occupation_card_types x JOIN occupations o ON o.id = x.occupation_id
                      JOIN card_types t ON t.id = x.card_type_id WHERE t.code = 'craft' AND o.active`).map((x) => x[0]);
  assert.deepEqual(occ.map((o) => o.id).sort(), craft.sort());
  assert.ok(occ.some((o) => o.text === 'Electrical Labourer (2018) (Core - Electrical)'), occ.map((o) => o.text).join(' / '));
  const managerialOnly = sqlValue(`SELECT o.id FROM occupation_card_types x JOIN occupations o ON o.id = x.occupation_id
      JOIN card_types t ON t.id = x.card_type_id WHERE t.code = 'managerial'
       AND o.id NOT IN (SELECT occupation_id FROM occupation_card_types y JOIN card_types u ON u.id = y.card_type_id WHERE u.code = 'craft') LIMIT 1`);
  assert.ok(!occ.some((o) => o.id === managerialOnly), 'a managerial occupation offered');
  const grades = options(r.body, 'grade_id').map((g) => g.text);
  assert.deepEqual(grades, ['Electrical Labourer', 'Trainee Electrician', 'Improver', 'Electrician', 'Approved Electrician', 'Technician Electrician']);
  assert.match(r.body, /name="change" value="card_type"/, 'CHANGE');
  assert.match(textById(r.body, 'how-to-video'), /watch the video on how to start your employees' ECS Card Applications/);
  assert.match(pageText(r.body), /Choose a main occupation to see what it requires/);
});

test('the main occupation and, for craft, the grade are required; an occupation of another card type is refused', async () => {
  const craft = id('card_types', 'craft');
  const none = await appPost(co.client, `/applications/${appId}/step3`, { card_type: craft });
  assert.equal(none.status, 200);
  assert.equal(textById(none.body, 'occupation_id-error'), 'Error: Please choose the main occupation.');
  const noGrade = await appPost(co.client, `/applications/${appId}/step3`, { card_type: craft, occupation_id: id('occupations', 'electrical_labourer') });
  assert.equal(noGrade.status, 200);
  assert.equal(textById(noGrade.body, 'grade_id-error'), 'Error: Please choose the grade.');
  const apprenticeGrade = await appPost(co.client, `/applications/${appId}/step3`, {
    card_type: craft, occupation_id: id('occupations', 'electrical_labourer'), grade_id: id('grades', 'apprentice_stage_1') });
  assert.equal(textById(apprenticeGrade.body, 'grade_id-error'), 'Error: Please choose a grade from the list.');
  const foreign = sqlValue(`SELECT o.id FROM occupations o WHERE o.id NOT IN (SELECT occupation_id FROM occupation_card_types
      WHERE card_type_id = ${craft}) LIMIT 1`);
  const wrong = await appPost(co.client, `/applications/${appId}/step3`, { card_type: craft, occupation_id: foreign, grade_id: id('grades', 'electrician') });
  assert.equal(wrong.status, 200);
  assert.equal(textById(wrong.body, 'occupation_id-error'), 'Error: Please choose an occupation of this card type.');
  assert.deepEqual(sql(`SELECT occupation_id, grade_id FROM applications WHERE id = ${appId}`)[0], [null, null], 'saved anyway');
});

test('choosing Electrical Labourer (2018) with a grade and an additional occupation saves and goes to step 4', async () => {
  const craft = id('card_types', 'craft');
  const add = id('occupations', 'fess_labourer');
  const r = await appPost(co.client, `/applications/${appId}/step3`, {
    card_type: craft, occupation_id: id('occupations', 'electrical_labourer'), grade_id: id('grades', 'electrical_labourer'),
    additional: [add],
  });
  assert.equal(r.status, 303, textById(r.body, 'form-error') || '');
  assert.equal(r.location, `/applications/${appId}/step4`);
  assert.deepEqual(sql(`SELECT occupation_id, grade_id, step FROM applications WHERE id = ${appId}`)[0],
    [id('occupations', 'electrical_labourer'), id('grades', 'electrical_labourer'), '4']);
  assert.equal(sqlValue(`SELECT occupation_id FROM application_additional_occupations WHERE application_id = ${appId}`), add);
  const page = await co.client.get(`/applications/${appId}/step3`);
  assert.match(page.body, new RegExp(`<option value="${id('occupations', 'electrical_labourer')}" selected>`));
  assert.match(page.body, new RegExp(`id="additional-${add}" name="additional" value="${add}" checked`));
  const rq = requirements(page.body);
  assert.ok(rq.length > 0, 'no requirements shown');
  assert.deepEqual(rq.find((x) => x[0].startsWith('Proof of employment')), ['Proof of employment by an electrotechnical employer', 'Met']);
  assert.ok(rq.some((x) => x[1] === 'Not met'), `an unmet requirement: ${JSON.stringify(rq)}`);
});

test('requirements: an HS&E pass meets the labourer; a gold card occupation lists its unmet qualifications', async () => {
  const op = createOperative({ first: 'Hal', last: 'Hsepass', hse: freshHse() });
  employ(op.id, co.id, co.office);
  const app = await startApplication(co.client, op.id, 'craft:initial');
  const craft = id('card_types', 'craft');
  const lab = await appPost(co.client, `/applications/${app}/step3`, {
    card_type: craft, occupation_id: id('occupations', 'electrical_labourer'), change: 'occupation' });
  assert.equal(lab.status, 200, 'CHANGE shows the page again');
  assert.deepEqual(requirements(lab.body).map((x) => x[1]), ['Met', 'Met'], JSON.stringify(requirements(lab.body)));
  const gold = await appPost(co.client, `/applications/${app}/step3`, {
    card_type: craft, occupation_id: id('occupations', 'installation_electrician'), change: 'occupation' });
  const rq = requirements(gold.body);
  assert.deepEqual(rq.find((x) => x[0].startsWith('HS&E')), ['HS&E assessment pass or recognised exemption', 'Met']);
  assert.deepEqual(rq.find((x) => x[0].startsWith('AM2')), ['AM2 or AM2S assessment', 'Not met']);
  assert.equal(sqlValue(`SELECT occupation_id FROM applications WHERE id = ${app}`), null, 'CHANGE saved the occupation');
});

test('CHANGE of card type to managerial shows its occupations and no grade', async () => {
  const managerial = id('card_types', 'managerial');
  const r = await appPost(co.client, `/applications/${appId}/step3`, { card_type: managerial, change: 'card_type' });
  assert.equal(r.status, 200);
  const occ = options(r.body, 'occupation_id').map((o) => o.id);
  const expected = sql(`SELECT occupation_id FROM occupation_card_types WHERE card_type_id = ${managerial}`).map((x) => x[0]);
  assert.deepEqual(occ.sort(), expected.sort());
  assert.equal(options(r.body, 'grade_id'), null, 'a grade select for managerial');
  const craftId = id('card_types', 'craft');
  assert.equal(sqlValue(`SELECT card_type_id FROM applications WHERE id = ${appId}`), craftId, 'CHANGE saved the card type');
});

test('CHANGE to a card type this kind of application does not apply to says so and keeps the type', async () => {
  // A replacement of a craft card: managerial is not a replacement of anything this person holds.
  const op = createOperative({ first: 'Rhys', last: 'Replace',
    card: { number: freshCardNumber(), expires: isoDate(dateFromToday({ years: 1 })) } });
  employ(op.id, co.id, co.office);
  const rep = await startApplication(co.client, op.id, 'craft:replacement');
  const managerial = id('card_types', 'managerial');
  const r = await appPost(co.client, `/applications/${rep}/step3`, { card_type: managerial, change: 'card_type' });
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'card_type-error').replace(/^Error: /, ''),
    'This kind of application does not apply to that card type for this person.');
  assert.match(r.body, new RegExp(`<option value="${id('card_types', 'craft')}"[^>]*selected`));
  assert.equal(sqlValue(`SELECT card_type_id FROM applications WHERE id = ${rep}`), id('card_types', 'craft'));
});

test('the grade\'s own requirements: a Technician Electrician grade needs inspection and testing, whatever the occupation', async () => {
  const op = createOperative({ first: 'Tina', last: 'Technician', hse: freshHse() });
  employ(op.id, co.id, co.office);
  const app = await startApplication(co.client, op.id, 'craft:initial');
  const craft = id('card_types', 'craft');
  const lab = { card_type: craft, occupation_id: id('occupations', 'electrical_labourer') };
  // A labourer graded Electrical Labourer: the labourer's two, both met.
  const plain = await appPost(co.client, `/applications/${app}/step3`, { ...lab, grade_id: id('grades', 'electrical_labourer') });
  assert.equal(plain.status, 303);
  assert.deepEqual(requirements((await co.client.get(`/applications/${app}/step3`)).body).map((x) => x[1]), ['Met', 'Met']);
  // Graded Technician Electrician: the grade's four are listed too, not met, and finalising holds on them.
  const tech = await appPost(co.client, `/applications/${app}/step3`, { ...lab, grade_id: id('grades', 'technician_electrician') });
  assert.equal(tech.status, 303);
  const rq = requirements((await co.client.get(`/applications/${app}/step3`)).body);
  assert.deepEqual(rq.find((x) => x[0].startsWith('Inspection')), ['Inspection and testing qualification', 'Not met']);
  assert.equal(rq.length, 6, JSON.stringify(rq));
  // Finalised so graded, it waits on hold for them once paid.
  await completeApplication(co.client, app, { hseRoute: null, grade: 'technician_electrician' });
  const fin = await appPost(co.client, `/applications/${app}/finalise`, { declaration: 'yes' });
  assert.equal(fin.status, 303, pageText(fin.body).slice(-300));
  assert.match(sqlValue(`SELECT hold_reason FROM applications WHERE id = ${app}`), /^Requirement not met: .* is not yet shown\.$/);
});
