// Retention (ASVS V8.3.8): completed applications leave the lists after three months, and
// `portalctl purge-documents --older-than DAYS` deletes the photos and documents of
// applications completed more than DAYS ago, unless a newer or unfinished application (or an
// exemption) still uses them, with an audit row per company. Dates are moved back with SQL.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import {
  portalctlStatus, freshCompany, createOperative, employ, sql, sqlValue, q, pageText, freshApplicationReference,
  fakeLookups, lookup, textById,
} from '../lib/portal.mjs';

const purge = (...args) => portalctlStatus('purge-documents', ...args);

let co;
const docs = {};
const apps = {};

function doc(op, kind) {
  const tag = Math.random().toString(36).slice(2);
  sql(`INSERT INTO documents (company_id, operative_id, kind, media_type, size_bytes, sha256, bytes)
       VALUES (${co.id}, ${op.id}, ${q(kind)}, 'image/jpeg', 4, SHA2(${q(tag)}, 256), ${q(tag)})`);
  return sqlValue(`SELECT id FROM documents WHERE sha256 = SHA2(${q(tag)}, 256)`);
}

function app(op, { state, completedDaysAgo = null, photo = null }) {
  const ref = freshApplicationReference();
  sql(`INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id, kind, state, step,
         finalised_at, completed_at, photo_document_id)
       VALUES (${q(ref)}, ${co.id}, ${co.office}, ${op.id}, 1, 'initial', ${q(state)}, 4, NOW(6) - INTERVAL 1 YEAR,
         ${completedDaysAgo === null ? 'NULL' : `NOW(6) - INTERVAL ${completedDaysAgo} DAY`}, ${photo ?? 'NULL'})`);
  return sqlValue(`SELECT id FROM applications WHERE reference = ${q(ref)}`);
}

before(async () => {
  co = await freshCompany('Retain');
  const [a, b, c] = ['Old', 'Shared', 'Recent'].map((last) => {
    const op = createOperative({ first: 'Retention', last });
    employ(op.id, co.id, co.office);
    return op;
  });
  docs.oldPhoto = doc(a, 'photo');
  docs.oldCert = doc(a, 'qualification');
  docs.exemption = doc(a, 'exemption');
  docs.sharedPhoto = doc(b, 'photo');
  docs.recentPhoto = doc(c, 'photo');
  apps.old = app(a, { state: 'dispatched', completedDaysAgo: 200, photo: docs.oldPhoto });
  sql(`INSERT INTO application_evidence (application_id, document_id, status) VALUES (${apps.old}, ${docs.oldCert}, 'manual_review')`);
  sql(`INSERT INTO exemptions (operative_id, kind, awarded_on, expires_on, document_id)
       SELECT ${a.id}, code, CURDATE() - INTERVAL 1 YEAR, CURDATE() + INTERVAL 1 YEAR, ${docs.exemption} FROM exemption_kinds LIMIT 1`);
  sql(`INSERT INTO application_evidence (application_id, document_id, status) VALUES (${apps.old}, ${docs.exemption}, 'manual_review')`);
  // A certificate read from an uploaded file: verified, the file beside it.
  docs.readCert = doc(a, 'qualification');
  const number = `RET${Math.random().toString(36).slice(2, 12)}`;
  sql(`INSERT INTO certificates (awarding_body_id, certificate_number, qualification_code, qualification_title,
         first_name, last_name, date_of_birth, awarded_on, source_feed)
       SELECT MIN(id), ${q(number)}, 'X1', 'Test qualification', 'Retention', 'Old', '1980-01-01', '2010-01-01', 'test'
       FROM awarding_bodies`);
  sql(`INSERT INTO application_evidence (application_id, certificate_id, document_id, status)
       SELECT ${apps.old}, id, ${docs.readCert}, 'verified' FROM certificates WHERE certificate_number = ${q(number)}`);
  apps.sharedOld = app(b, { state: 'dispatched', completedDaysAgo: 200, photo: docs.sharedPhoto });
  apps.sharedLive = app(b, { state: 'received', photo: docs.sharedPhoto });
  apps.recent = app(c, { state: 'dispatched', completedDaysAgo: 10, photo: docs.recentPhoto });
});

test('V8.3.8: an application completed more than three months ago leaves the Completed list; a recent one stays', async () => {
  const r = await co.client.get('/applications/completed');
  assert.equal(r.status, 200);
  const ref = (id) => sqlValue(`SELECT reference FROM applications WHERE id = ${id}`);
  assert.ok(pageText(r.body).includes(ref(apps.recent)), 'the recent one is listed');
  assert.ok(!pageText(r.body).includes(ref(apps.old)), 'the old one is listed');
});

test('purge-documents refuses a missing or bad period and changes nothing', () => {
  for (const args of [[], ['--older-than'], ['--older-than', 'ninety'], ['--older-than', '0'], ['--older-than', '90x']]) {
    const r = purge(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
  }
  assert.equal(sqlValue(`SELECT COUNT(*) FROM documents WHERE company_id = ${co.id}`), '6');
});

test('V8.3.8: purge-documents --older-than 90 deletes only the documents no recent or live application or exemption uses, with an audit row', () => {
  const r = purge('--older-than', '90');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^\d+ documents? purged/);
  const left = sql(`SELECT id FROM documents WHERE company_id = ${co.id} ORDER BY id`).map((x) => x[0]);
  assert.deepEqual(left, [docs.exemption, docs.sharedPhoto, docs.recentPhoto].sort((x, y) => x - y));
  assert.equal(sqlValue(`SELECT photo_document_id FROM applications WHERE id = ${apps.old}`), null);
  // The file alone goes with its row; the verified certificate stays, without its file.
  assert.deepEqual(sql(`SELECT document_id, certificate_id IS NOT NULL, status FROM application_evidence
                        WHERE application_id = ${apps.old} ORDER BY id`), [[docs.exemption, '0', 'manual_review'], [null, '1', 'verified']]);
  assert.equal(sqlValue(`SELECT photo_document_id FROM applications WHERE id = ${apps.sharedOld}`), docs.sharedPhoto);
  assert.equal(sqlValue(`SELECT photo_document_id FROM applications WHERE id = ${apps.recent}`), docs.recentPhoto);
  assert.deepEqual(sql(`SELECT action, object_kind, object_id, detail FROM audit_log
                        WHERE company_id = ${co.id} AND action = 'documents_purged'`),
  [['documents_purged', 'company', String(co.id), '3 documents of applications completed more than 90 days ago']]);
});

test('purge-documents again: nothing more to purge, no new audit row; a shorter period takes the recent one', () => {
  const again = purge('--older-than', '90');
  assert.equal(again.code, 0);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM documents WHERE company_id = ${co.id}`), '3');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE company_id = ${co.id} AND action = 'documents_purged'`), '1');
  const shorter = purge('--older-than', '5');
  assert.equal(shorter.code, 0);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM documents WHERE id = ${docs.recentPhoto}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM documents WHERE id = ${docs.sharedPhoto}`), '1', 'a live application still uses it');
});

// The lookups hold NI numbers and dates of birth, of people found or not: `portalctl
// purge-lookups` (daily) deletes those made more than a day ago, single and bulk, with one
// audit row, and leaves the hourly limits as exact as before (they only look at the hour).
test('purge-lookups deletes the lookups older than a day, keeps the day\'s, and the hourly limit still holds', async () => {
  const lc = await freshCompany('Purgelook');
  const count = (where) => Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE company_id = ${lc.id} ${where}`));
  fakeLookups(lc.id, lc.user, 5, { minutesAgo: 25 * 60 });
  fakeLookups(lc.id, lc.user, 3, { kind: 'bulk', minutesAgo: 25 * 60 });
  fakeLookups(lc.id, lc.user, 2, { minutesAgo: 23 * 60 });	// within the day: kept
  fakeLookups(lc.id, lc.user, 59, { minutesAgo: 10 });
  fakeLookups(lc.id, lc.user, 2, { kind: 'bulk', minutesAgo: 10 });
  const form = { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' };
  assert.match((await lookup(lc.client, form)).body, /id="(found|not-found)"/, 'the 60th lookup in the hour');
  const audits0 = Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'lookups_purged'"));
  const r = portalctlStatus('purge-lookups');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /\d+ lookups? made more than a day ago purged/);
  assert.equal(count("AND created_at < NOW(6) - INTERVAL 1 DAY"), 0, 'a lookup older than a day is left');
  assert.equal(count("AND kind = 'single'"), 62);
  assert.equal(count("AND created_at < NOW(6) - INTERVAL 22 HOUR"), 2, 'the lookups of 23 hours ago went too');
  assert.equal(count("AND kind = 'bulk'"), 2);
  assert.equal(Number(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action = 'lookups_purged'")), audits0 + 1);
  const refused = await lookup(lc.client, form);
  assert.match(textById(refused.body, 'form-error') || '', /reached the limit of 60 lookups an hour/);
  assert.equal(count("AND kind = 'single'"), 62, 'the 61st lookup was recorded');
  assert.equal(portalctlStatus('purge-lookups', '--older-than', '3').code, 2, 'purge-lookups takes no period');
});
