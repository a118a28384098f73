// Step 2 - Qualifications & Documents: the HS&E status (a pass within 2 years, an exemption,
// or none, and then how it will be sat: online or at a test centre), CHECK DETAILS against the
// awarding bodies' registers (certificates imported here with portalctl import-feed from a
// temporary feed for operatives of this file) and its mismatch messages, and an uploaded
// document: stored in MariaDB with its hash, listed as "Kept for manual review" (the OCR path
// is not built), served back only to the owning company as an attachment with nosniff.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sql, sqlValue, q, pageText, textById, tableRows, freshCompany, createOperative, employ, freshHse,
  startApplication, appPost, uploadDocument, pdfDocument, pngImage, portalctl, uniqueTag, signedIn, OTHER,
} from '../lib/portal.mjs';

const dir = mkdtempSync(join(tmpdir(), 'app-feed-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const tag = uniqueTag().toUpperCase();
const num = (i) => `EAL-${tag}-${i}`;

let co;
let ann; // holds certificates 1 (verified), 2 (revoked)
let bob; // holds certificate 3

function employed(opts) {
  const op = createOperative(opts);
  employ(op.id, co.id, co.office);
  return op;
}

before(async () => {
  co = await freshCompany('Quals');
  ann = employed({ first: 'Ann', last: `Qualey${tag.toLowerCase()}`, dob: '1986-03-04' });
  bob = employed({ first: 'Bob', last: `Certson${tag.toLowerCase()}`, dob: '1979-11-30' });
  const cert = (i, p, code, awarded, title, extra = '') => `  <certificate number="${num(i)}" qualification="${code}" awarded="${awarded}"${extra}>
    <candidate first="${p.first}" last="${p.last}" born="${p.dob}"/>
    <title>${title}</title>
  </certificate>`;
  const file = join(dir, 'eal.xml');
  writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<certificates body="eal" generated="2026-01-15">
${cert(1, ann, 'BS7671-2018', '2019-04-01', 'Level 3 Award in the Requirements for Electrical Installations BS 7671:2018')}
${cert(2, ann, 'IT-L3', '2020-05-06', 'Level 3 Award in Inspection and Testing of Electrical Installations', ' revoked="true"')}
${cert(3, bob, 'NVQ3-IESE', '2005-07-08', 'Level 3 NVQ Diploma in Installing Electrotechnical Systems and Equipment')}
</certificates>
`);
  const out = portalctl('import-feed', file);
  assert.match(out, /added 3/, out);
});

async function app(op, choice = 'craft:initial') {
  return startApplication(co.client, op.id, choice);
}

async function check(appId, fields) {
  return appPost(co.client, `/applications/${appId}/check`, fields);
}

const evidence = (appId) => sqlValue(`SELECT COUNT(*) FROM application_evidence WHERE application_id = ${appId}`);

test('HS&E: a pass within 2 years shows "Passed on <date> (<number>)" and no assessment choice', async () => {
  const hse = freshHse();
  const p = employed({ first: 'Pat', last: 'Passer', hse });
  const id = await app(p);
  const r = await co.client.get(`/applications/${id}/step2`);
  assert.equal(r.status, 200);
  const passed = sqlValue(`SELECT DATE_FORMAT(hse_passed_on, '%d/%m/%Y') FROM operatives WHERE id = ${p.id}`);
  assert.equal(textById(r.body, 'hse-status'), `Passed on ${passed} (${hse})`);
  assert.doesNotMatch(r.body, /id="hse-form"/);
  for (const h of ['UPLOAD DOCUMENT AND ATTEMPT AUTOMATIC DETECTION', 'ENTER THE CERTIFICATE/DOCUMENT DETAILS MANUALLY',
    'CHECK DETAILS', 'NEXT STEP >']) assert.ok(pageText(r.body).includes(h), h);
  assert.equal(sqlValue(`SELECT step FROM applications WHERE id = ${id}`), '2', 'step 2 reached');
});

test('HS&E: a pass older than 2 years counts as none; an exemption shows "Exempt: <kind>, valid until <date>"', async () => {
  const old = employed({ first: 'Olga', last: 'Oldpass', hse: freshHse() });
  sql(`UPDATE operatives SET hse_passed_on = CURDATE() - INTERVAL 3 YEAR WHERE id = ${old.id}`);
  const id1 = await app(old);
  const r1 = await co.client.get(`/applications/${id1}/step2`);
  assert.equal(textById(r1.body, 'hse-status'), 'No valid HS&E assessment or exemption');
  const ex = employed({ first: 'Ezra', last: 'Exempt' });
  sql(`INSERT INTO exemptions (operative_id, kind, certificate_number, awarded_on, expires_on)
       VALUES (${ex.id}, 'ccnsg', 'CC-1', CURDATE() - INTERVAL 1 YEAR, CURDATE() + INTERVAL 1 YEAR)`);
  const id2 = await app(ex);
  const r2 = await co.client.get(`/applications/${id2}/step2`);
  const until = sqlValue('SELECT DATE_FORMAT(CURDATE() + INTERVAL 1 YEAR, \'%d/%m/%Y\')');
  assert.equal(textById(r2.body, 'hse-status'), `Exempt: CCNSG Safety Passport, valid until ${until}`);
  assert.doesNotMatch(r2.body, /id="hse-form"/);
  // An exemption does not count for a card type that allows none (JIB apprentice).
  const id3 = await app(ex, 'jib_apprentice:initial');
  const r3 = await co.client.get(`/applications/${id3}/step2`);
  assert.equal(textById(r3.body, 'hse-status'), 'No valid HS&E assessment or exemption');
});

test('HS&E: with none, choosing online or a test centre is saved; anything else is refused', async () => {
  const p = employed({ first: 'Nora', last: 'Nonepass' });
  const id = await app(p);
  const r = await co.client.get(`/applications/${id}/step2`);
  assert.equal(textById(r.body, 'hse-status'), 'No valid HS&E assessment or exemption');
  assert.match(r.body, /id="hse-form"/);
  const on = await appPost(co.client, `/applications/${id}/hse`, { hse_route: 'online' });
  assert.equal(on.status, 303);
  assert.equal(on.location, `/applications/${id}/step2`);
  assert.equal(sqlValue(`SELECT hse_route FROM applications WHERE id = ${id}`), 'online');
  const page = await co.client.get(on.location);
  assert.match(pageText(page.body), /sat online with remote invigilation/);
  assert.match(page.body, /id="hse_route-online" name="hse_route" value="online" checked/);
  const tc = await appPost(co.client, `/applications/${id}/hse`, { hse_route: 'test_centre' });
  assert.equal(tc.status, 303);
  assert.equal(sqlValue(`SELECT hse_route FROM applications WHERE id = ${id}`), 'test_centre');
  const bad = await appPost(co.client, `/applications/${id}/hse`, { hse_route: 'passed' });
  assert.equal(bad.status, 200);
  assert.equal(textById(bad.body, 'hse_route-error'), 'Error: Please choose how the assessment will be sat.');
  assert.equal(sqlValue(`SELECT hse_route FROM applications WHERE id = ${id}`), 'test_centre');
});

test('CHECK DETAILS verifies a certificate of the applicant held in the register', async () => {
  const id = await app(ann);
  const r = await check(id, { awarding_body: 'eal', certificate_number: num(1), awarded_on: '01/04/2019' });
  assert.equal(r.status, 303, textById(r.body, 'form-error') || '');
  assert.equal(r.location, `/applications/${id}/step2`);
  const page = await co.client.get(r.location);
  assert.match(pageText(page.body), /The qualification has been automatically verified with the awarding body\./);
  const rows = tableRows(page.body, 'evidence-table');
  assert.deepEqual(rows[0].slice(0, 4), ['EAL', num(1),
    'Level 3 Award in the Requirements for Electrical Installations BS 7671:2018', 'Verified']);
  assert.equal(sqlValue(`SELECT status FROM application_evidence WHERE application_id = ${id}`), 'verified');
  // The same again: said, not added twice.
  const again = await check(id, { awarding_body: 'eal', certificate_number: num(1), awarded_on: '01/04/2019' });
  assert.equal(again.status, 303);
  const p2 = await co.client.get(again.location);
  assert.match(pageText(p2.body), /already on the application/);
  assert.equal(evidence(id), '1');
  // The sample feeds: Sam Carter's NET AM2 is in the register the demo imported.
  assert.equal(sqlValue("SELECT COUNT(*) FROM certificates WHERE certificate_number = 'AM2-0203-20011'"), '1');
});

const NO_MATCH = "These details do not match the awarding body's record. Please check the awarding body, " +
  'the certificate number and the date of award, or upload the certificate for manual review.';

test('CHECK DETAILS mismatches all get one answer, each reason audited: unknown number, someone else\'s certificate, wrong date, withdrawn', async () => {
  const id = await app(bob);
  const cases = [
    [{ awarding_body: 'eal', certificate_number: `${num(1)}-NOPE`, awarded_on: '01/04/2019' }, 'no such certificate'],
    [{ awarding_body: 'city_guilds', certificate_number: num(3), awarded_on: '08/07/2005' }, 'no such certificate'],
    [{ awarding_body: 'eal', certificate_number: num(1), awarded_on: '01/04/2019' }, "another person's certificate"],
    [{ awarding_body: 'lcl', certificate_number: 'LCL/500007', awarded_on: '01/01/2020' }, "another person's certificate"],
    [{ awarding_body: 'eal', certificate_number: num(3), awarded_on: '2005-07-09' }, 'a different date of award'],
  ];
  for (const [fields, reason] of cases) {
    const before = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'qualification_check_failed'
       AND object_id = '${id}' AND detail LIKE ${q(`%: ${reason}`)}`));
    const r = await check(id, fields);
    assert.equal(r.status, 200, `${JSON.stringify(fields)}: status ${r.status}`);
    assert.equal(textById(r.body, 'form-error'), NO_MATCH, JSON.stringify(fields));
    assert.match(r.body, new RegExp(`id="certificate_number" name="certificate_number" value="${fields.certificate_number.replace(/[/]/g, '\\/')}"`),
      'the number typed is kept');
    assert.equal(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'qualification_check_failed'
       AND object_id = '${id}' AND detail LIKE ${q(`%: ${reason}`)}`)), before + 1, `not audited as ${reason}`);
  }
  const annApp = await app(ann, 'managerial:initial');
  const revoked = await check(annApp, { awarding_body: 'eal', certificate_number: num(2), awarded_on: '01/04/2019' });
  assert.equal(revoked.status, 200);
  assert.equal(textById(revoked.body, 'form-error'), NO_MATCH);
  const blank = await check(id, { awarding_body: '', certificate_number: '', awarded_on: '' });
  assert.equal(blank.status, 200);
  assert.ok(textById(blank.body, 'awarding_body-error'), 'no error for the awarding body');
  assert.ok(textById(blank.body, 'certificate_number-error'), 'no error for the number');
  assert.ok(textById(blank.body, 'awarded_on-error'), 'the date of award is not required');
  const badDate = await check(id, { awarding_body: 'eal', certificate_number: num(3), awarded_on: '31/02/2005' });
  assert.equal(textById(badDate.body, 'awarded_on-error'), 'Error: Please enter a real date as dd/mm/yyyy.');
  assert.equal(evidence(id), '0', 'a mismatch added evidence');
  assert.equal(evidence(annApp), '0');
  const ok = await check(id, { awarding_body: 'eal', certificate_number: num(3), awarded_on: '2005-07-08' });
  assert.equal(ok.status, 303, 'the right details verify');
});

test('a certificate is refused for someone sharing the holder\'s last name and birthday, and once used by another person', async () => {
  const impostor = employed({ first: 'Notann', last: ann.last, dob: ann.dob });
  const other = await app(impostor);
  const r = await check(other, { awarding_body: 'eal', certificate_number: num(1), awarded_on: '01/04/2019' });
  assert.equal(textById(r.body, 'form-error'), NO_MATCH, 'the first name is not compared');
  assert.equal(evidence(other), '0');
  // Bob's certificate, already on Bob's application, cannot serve a second "Bob" record.
  const twin = employed({ first: bob.first, last: bob.last, dob: bob.dob });
  const twinApp = await app(twin);
  const t = await check(twinApp, { awarding_body: 'eal', certificate_number: num(3), awarded_on: '2005-07-08' });
  assert.equal(textById(t.body, 'form-error'), NO_MATCH, 'one certificate used for two people');
  assert.equal(evidence(twinApp), '0');
});

test('failed checks are limited per user and hour', async () => {
  const u = await freshCompany('Checker');
  const p = createOperative({ first: 'Lim', last: 'Ited', dob: '1981-01-01' });
  employ(p.id, u.id, u.office, '2020-01-01');
  const id = await startApplication(u.client, p.id, 'craft:initial');
  const csrf = await u.client.csrf('/dashboard');
  for (let i = 0; i < 20; i++) {
    const r = await u.client.post(`/applications/${id}/check`, { _csrf: csrf, awarding_body: 'eal',
      certificate_number: `NOPE-${i}`, awarded_on: '01/01/2020' });
    assert.equal(textById(r.body, 'form-error'), NO_MATCH, `check ${i}`);
  }
  const r = await u.client.post(`/applications/${id}/check`, { _csrf: csrf, awarding_body: 'eal',
    certificate_number: 'NOPE-21', awarded_on: '01/01/2020' });
  assert.match(textById(r.body, 'form-error') || '', /Too many details that did not match/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'qualification_check_failed'
     AND object_id = '${id}' AND detail LIKE '%NOPE-21%'`), '0', 'a check beyond the limit was performed');
});

test('an uploaded PDF is stored with its hash, kept for manual review, and served to the owner only', async () => {
  const p = employed({ first: 'Doug', last: 'Documented' });
  const id = await app(p);
  const pdf = pdfDocument(`Certificate for Doug Documented ${tag}`);
  const r = await uploadDocument(co.client, id, pdf);
  assert.equal(r.status, 303, pageText(r.body).slice(0, 300));
  const page = await co.client.get(`/applications/${id}/step2`);
  assert.match(pageText(page.body), /kept for the scheme's manual review/);
  const rows = tableRows(page.body, 'evidence-table');
  assert.deepEqual(rows[0].slice(0, 4), ['Uploaded document', '', 'Qualification certificate', 'Kept for manual review']);
  const [docId, kind, media, size, sameHash, company, state] = sql(`SELECT d.id, d.kind, d.media_type, d.size_bytes,
      d.sha256 = SHA2(d.bytes, 256) AND d.bytes = FROM_BASE64(${q(pdf.toString('base64'))}), d.company_id, d.review_state
      FROM application_evidence v JOIN documents d ON d.id = v.document_id WHERE v.application_id = ${id}`)[0];
  assert.deepEqual([kind, media, size, sameHash, company, state],
    ['qualification', 'application/pdf', String(pdf.length), '1', String(co.id), 'manual_review']);
  assert.match(page.body, new RegExp(`href="/applications/documents/${docId}"`));
  const got = await fetch(`${co.client.base}/applications/documents/${docId}`, { headers: { Cookie: co.client.cookieHeader() } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.match(got.headers.get('content-disposition') || '', /^attachment;.*\.pdf"?$/);
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(pdf), 'the bytes served are the upload');
  const other = await signedIn(OTHER);
  assert.equal((await other.get(`/applications/documents/${docId}`)).status, 404, 'other@ gets the document');
  const co2 = await freshCompany('Nodocs');
  assert.equal((await co2.client.get(`/applications/documents/${docId}`)).status, 404);
  // An exemption certificate as a PNG.
  const ex = await uploadDocument(co.client, id, pngImage(300, 200), { purpose: 'exemption', filename: 'ex.png', type: 'image/png' });
  assert.equal(ex.status, 303);
  const rows2 = tableRows((await co.client.get(`/applications/${id}/step2`)).body, 'evidence-table');
  assert.equal(rows2[1][2], 'HS&E exemption certificate');
});

test('a document that is not a PDF, JPEG or PNG, or with no purpose, is refused and not stored', async () => {
  const p = employed({ first: 'Rita', last: 'Refused' });
  const id = await app(p);
  const html = await uploadDocument(co.client, id, Buffer.from('<html><body>%PDF-1.4</body></html>'),
    { filename: 'cert.pdf', type: 'application/pdf' });
  assert.equal(html.status, 200);
  assert.equal(textById(html.body, 'document-error'), 'Error: The document must be a PDF, JPEG or PNG file.');
  const none = await uploadDocument(co.client, id, pdfDocument(), { purpose: 'photo' });
  assert.equal(none.status, 200);
  assert.match(textById(none.body, 'document-error') || '', /Please say what the document is\./);
  assert.equal(evidence(id), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM documents WHERE operative_id = ${p.id}`), '0');
});

test('NEXT STEP > leads to step 3', async () => {
  const p = employed({ first: 'Ned', last: 'Nextstep' });
  const id = await app(p);
  const r = await co.client.get(`/applications/${id}/step2`);
  assert.match(r.body, new RegExp(`id="next-step" href="/applications/${id}/step3"`));
  assert.equal((await co.client.get(`/applications/${id}/step3`)).status, 200);
  assert.equal(sqlValue(`SELECT step FROM applications WHERE id = ${id}`), '3');
});
