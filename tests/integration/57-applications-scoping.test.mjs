// Scoping of the applications module between companies and levels: other@ (company 2) gets 404
// on every application URL of company 1; eastern@ (group Eastern, may view applications but not
// fill them in) sees only the Eastern office's applications; viewer@ (office level, view only)
// likewise and cannot fill in. Operatives of this file, employed by the demo company.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, tableRows, createOperative, employ, startApplication, appPost, signedIn,
  uploadPhoto, uploadDocument, pdfDocument, pngImage, completeApplication, DEMO, OTHER, EASTERN, VIEWER,
} from '../lib/portal.mjs';

let demo;
let head;   // application at the Head Office
let east;   // application at the Eastern office
let docId;

before(async () => {
  demo = await signedIn(DEMO);
  const company = sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
  const office = (name) => sqlValue(`SELECT id FROM offices WHERE company_id = ${company} AND name = ${q(name)}`);
  const mk = async (first, officeName) => {
    const op = createOperative({ first, last: 'Scopewell' });
    employ(op.id, company, office(officeName));
    const id = await startApplication(demo, op.id, 'craft:initial');
    return { id, op, ref: sqlValue(`SELECT reference FROM applications WHERE id = ${id}`) };
  };
  head = await mk('Headley', 'ECS Check Company 2 Head Office');
  east = await mk('Easton', 'ECS Check Office 2 - EASTERN');
  assert.equal((await uploadPhoto(demo, head.id, pngImage(300, 400))).status, 303);
  assert.equal((await uploadDocument(demo, head.id, pdfDocument('scoped'))).status, 303);
  docId = sqlValue(`SELECT document_id FROM application_evidence WHERE application_id = ${head.id}`);
  assert.equal((await uploadPhoto(demo, east.id, pngImage(300, 400))).status, 303);
});

test('other@ gets 404 on every application URL of company 1, and changes nothing', async () => {
  const other = await signedIn(OTHER);
  const before0 = sql(`SELECT * FROM applications WHERE id = ${head.id}`);
  for (const p of ['', '/step1', '/step2', '/step3', '/step4', '/photo']) {
    assert.equal((await other.get(`/applications/${head.id}${p}`)).status, 404, `GET ${p}`);
  }
  assert.equal((await other.get(`/applications/documents/${docId}`)).status, 404, 'GET document');
  const posts = [
    ['/step1', { business_phone: '01632 960000', business_email: 'x@test.example', delivery_office_id: 1 }],
    ['/hse', { hse_route: 'online' }],
    ['/check', { awarding_body: 'lcl', certificate_number: 'LCL/500007' }],
    ['/step3', { card_type: 1, occupation_id: 1, grade_id: 1 }],
    ['/finalise', { declaration: 'yes' }],
    ['/photo/reuse', {}],
  ];
  for (const [p, fields] of posts) {
    assert.equal((await appPost(other, `/applications/${head.id}${p}`, fields)).status, 404, `POST ${p}`);
  }
  assert.equal((await uploadPhoto(other, head.id, pngImage(300, 400))).status, 404, 'POST photo');
  assert.equal((await uploadDocument(other, head.id, pdfDocument())).status, 404, 'POST document');
  assert.deepEqual(sql(`SELECT * FROM applications WHERE id = ${head.id}`), before0);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM application_evidence WHERE application_id = ${head.id}`), '1');
  const list = await other.get('/applications/attention');
  assert.equal(list.status, 200);
  assert.ok(!pageText(list.body).includes(head.ref), "company 1's application in other@'s list");
});

test('eastern@ (group Eastern) sees only the Eastern office application in the lists and by URL', async () => {
  const eastern = await signedIn(EASTERN);
  const r = await eastern.get('/applications/attention');
  assert.equal(r.status, 200);
  const text = pageText(r.body);
  assert.ok(text.includes(east.ref), 'the Eastern application is not listed');
  assert.ok(!text.includes(head.ref), 'the Head Office application is listed');
  assert.equal((await eastern.get(`/applications/${head.id}`)).status, 404);
  assert.equal((await eastern.get(`/applications/${head.id}/step4`)).status, 404);
  assert.equal((await eastern.get(`/applications/${head.id}/photo`)).status, 404);
  assert.equal((await eastern.get(`/applications/documents/${docId}`)).status, 404);
  const mine = await eastern.get(`/applications/${east.id}`);
  assert.equal(mine.status, 303);
  assert.equal((await eastern.get(`/applications/${east.id}/step4`)).status, 200);
  assert.equal((await eastern.get(`/applications/${east.id}/photo`)).status, 200);
  // May view, may not fill in.
  assert.equal((await eastern.get(`/applications/${east.id}/step1`)).status, 403);
  assert.equal((await appPost(eastern, `/applications/${east.id}/hse`, { hse_route: 'online' })).status, 403);
  assert.equal((await appPost(eastern, '/applications/start', { id: east.op.id })).status, 403);
});

test('viewer@ (office Eastern, view only) sees the Eastern one only and cannot fill in or unfinalise', async () => {
  const viewer = await signedIn(VIEWER);
  const r = await viewer.get('/applications/attention');
  assert.equal(r.status, 200);
  assert.ok(pageText(r.body).includes(east.ref));
  assert.ok(!pageText(r.body).includes(head.ref));
  assert.equal((await viewer.get(`/applications/${head.id}/step4`)).status, 404);
  assert.equal((await viewer.get(`/applications/${east.id}/step2`)).status, 403);
  assert.equal((await appPost(viewer, '/applications/unfinalise', { id: east.id })).status, 403);
});

test("demo@ (company level) sees both, and a finalised Eastern application is in eastern@'s finalised list", async () => {
  const r = await demo.get('/applications/attention');
  assert.ok(pageText(r.body).includes(head.ref) && pageText(r.body).includes(east.ref));
  await completeApplication(demo, east.id);
  assert.equal((await appPost(demo, `/applications/${east.id}/finalise`, { declaration: 'yes' })).status, 303);
  const eastern = await signedIn(EASTERN);
  const rows = tableRows((await eastern.get('/applications/attention')).body, 'finalised-table');
  const row = rows.find((x) => x.includes(east.ref));
  assert.ok(row, JSON.stringify(rows));
  assert.equal(row[3], 'ECS Check Company 2');
  assert.equal(row[4], 'Eastern');
  assert.ok(!rows.some((x) => x.includes(head.ref)));
  // Leave it out of the demo's own lists for the browser test: cancel both.
  sql(`UPDATE applications SET state = 'cancelled' WHERE id IN (${head.id}, ${east.id})`);
});
