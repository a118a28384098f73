// UPLOAD DOCUMENT AND ATTEMPT AUTOMATIC DETECTION: a certificate image (rendered here by
// Debian's chromium) or a PDF is read (Tesseract; the PDF's text layer), its awarding body,
// number, name and date found and checked against the body's register.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sqlValue, pageText, tableRows, freshCompany, createOperative, employ, startApplication, uploadDocument,
  portalctl, pdfDocument, env,
} from '../lib/portal.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ocr-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const digits = String(Date.now() % 10000000).padStart(7, '0');
const NUMBER = `CG${digits}`;
let co;
let holder;

before(async () => {
  co = await freshCompany('Reader');
  // A plain surname: random letters in a name are what OCR misreads (the certificate number
  // keeps the register row this run's own).
  const surnames = ['Hughes', 'Morgan', 'Parker', 'Turner', 'Walker', 'Foster', 'Barnes', 'Porter'];
  holder = createOperative({ first: 'Ocrina', last: surnames[Math.floor(Math.random() * surnames.length)],
    dob: '1984-04-04' });
  employ(holder.id, co.id, co.office);
  const feed = join(dir, 'cg.xml');
  writeFileSync(feed, `<?xml version="1.0" encoding="UTF-8"?>
<certificates body="city_guilds" generated="2026-01-01">
  <certificate number="${NUMBER}" qualification="2365-03" awarded="2012-07-06">
    <candidate first="${holder.first}" last="${holder.last}" born="1984-04-04"/>
    <title>Level 3 Diploma in Electrical Installations (Buildings and Structures)</title>
  </certificate>
</certificates>
`);
  assert.match(portalctl('import-feed', feed), /added 1/);
});

// A certificate page as a PNG, the way a phone photo of a certificate would arrive.
function certificatePng(lines) {
  const html = join(dir, `c-${Math.random().toString(36).slice(2)}.html`);
  const png = `${html}.png`;
  writeFileSync(html, `<!doctype html><html><body style="margin:60px;font:34px DejaVu Sans,sans-serif;
    background:#fff;color:#000">${lines.map((l) => `<p>${l}</p>`).join('')}</body></html>`);
  execFileSync('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${mkdtempSync(join(dir, 'u-'))}`, `--screenshot=${png}`, '--window-size=1200,850',
    `file://${html}`], { stdio: 'ignore', timeout: 60000 });
  return readFileSync(png);
}

const certificatePdf = (lines) => pdfDocument(lines);

const lines = (number, name, date) => ['City &amp; Guilds', 'This is to certify that', name,
  'has been awarded the Level 3 Diploma in Electrical Installations', `Certificate number ${number}`,
  `Date of award ${date}`];
const evidenceRows = async (id) => tableRows((await co.client.get(`/applications/${id}/step2`)).body, 'evidence-table');

test('a certificate image of the applicant is read and verified with the awarding body', async () => {
  const id = await startApplication(co.client, holder.id, 'craft:initial');
  const png = certificatePng(lines(NUMBER, `${holder.first} ${holder.last}`, '06/07/2012'));
  const r = await uploadDocument(co.client, id, png, { filename: 'certificate.png', type: 'image/png' });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 200));
  const page = await co.client.get(r.location);
  assert.match(pageText(page.body), /read and automatically verified/);
  const rows = await evidenceRows(id);
  assert.ok(rows.some((row) => row[0] === 'City & Guilds' && row[1] === NUMBER && row[3] === 'Verified'),
    JSON.stringify(rows));
  assert.equal(sqlValue(`SELECT status FROM application_evidence WHERE application_id = ${id}
     AND certificate_id IS NOT NULL`), 'verified');
  // The uploaded file stays with the verified certificate ("Successfully read images will
  // appear on screen"): its row links to it, and it is the image uploaded.
  const html = (await co.client.get(`/applications/${id}/step2`)).body;
  const link = html.match(/<a href="(\/applications\/documents\/\d+)">View document<\/a>/);
  assert.ok(link, 'no View document link beside the verified certificate');
  const file = await fetch(env.url + link[1], { headers: { Cookie: co.client.cookieHeader() } });
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
  // The same certificate uploaded again: still one row, and no second copy of the file kept.
  const files = () => sqlValue(`SELECT COUNT(*) FROM documents WHERE operative_id = ${holder.id} AND kind = 'qualification'`);
  const before = files();
  assert.equal((await uploadDocument(co.client, id, png, { filename: 'again.png', type: 'image/png' })).status, 303);
  assert.equal(files(), before);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM application_evidence WHERE application_id = ${id}`), '1');
});

test('a certificate that does not match the register is kept for manual review, with a reason logged', async () => {
  const other = createOperative({ first: 'Nomatch', last: 'Person', dob: '1990-01-01' });
  employ(other.id, co.id, co.office);
  const id = await startApplication(co.client, other.id, 'craft:initial');
  const pdf = certificatePdf(['City & Guilds', 'This is to certify that', 'Nomatch Person',
    `Certificate number ${NUMBER}`, 'Date of award 06/07/2012']);
  const r = await uploadDocument(co.client, id, pdf);
  assert.equal(r.status, 303);
  const page = await co.client.get(r.location);
  assert.match(pageText(page.body), /do not match the awarding body's record; it has been kept/);
  const rows = await evidenceRows(id);
  assert.equal(rows.length, 1);
  assert.equal(rows[0][3], 'Kept for manual review');
  assert.match(sqlValue(`SELECT detail FROM audit_log WHERE action = 'qualification_check_failed'
     AND object_id = '${id}' ORDER BY id DESC LIMIT 1`), /uploaded certificate: another person's certificate/);
});

test('a PDF certificate of the applicant is read from its text layer and verified', async () => {
  const id = await startApplication(co.client, holder.id, 'managerial:initial');
  const pdf = certificatePdf(['City & Guilds', 'This is to certify that', `${holder.first} ${holder.last}`,
    `Certificate number ${NUMBER}`, 'Date of award 06/07/2012']);
  const r = await uploadDocument(co.client, id, pdf);
  const page = await co.client.get(r.location);
  assert.match(pageText(page.body), /read and automatically verified/);
});

test('an unreadable image is kept for manual review and says so', async () => {
  const other = createOperative({ first: 'Blank', last: 'Page', dob: '1991-01-01' });
  employ(other.id, co.id, co.office);
  const id = await startApplication(co.client, other.id, 'craft:initial');
  const png = certificatePng(['&nbsp;']);
  const r = await uploadDocument(co.client, id, png, { filename: 'blank.png', type: 'image/png' });
  const page = await co.client.get(r.location);
  assert.match(pageText(page.body), /could not be read automatically/);
  assert.equal((await evidenceRows(id))[0][3], 'Kept for manual review');
});
