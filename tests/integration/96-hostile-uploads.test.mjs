// Hostile uploads (issue 8): a file one byte over each limit (and one at the limit), polyglots
// (GIF/JS, PNG/HTML, PDF/HTML), an SVG with a script, an HTML file named .jpg, a path-traversal
// file name, and a disk that fills mid-upload. Each is refused, or stored inert (re-encoded, or
// served as an attachment with nosniff), and nothing is half-written: the documents, batches and
// files are counted before and after.
//
// Where upload bytes go: nginx buffers a body larger than client_body_buffer_size (16 KB) in a
// file under client_body_temp_path ($PORTAL_STATE/nginx/client_body), then hands it to a worker,
// which reads it into memory (no temporary file of its own), checks it and stores it in MariaDB
// (documents.bytes). The full-disk test mounts a 1 MB tmpfs there (root only, as ./stack runs).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  env, sql, sqlValue, textById, pageText, applicationFixture, uploadPhoto, uploadDocument, pngImage,
  pdfDocument, appCsrf, rawRequest, hostHeader,
} from '../lib/portal.mjs';

const MAX = 5242880;          // <uploads max-bytes>
const BODY_MAX = 12582912;    // <uploads max-body-bytes> and nginx's client_max_body_size 12m

let co;
let op;
let appId;

before(async () => {
  ({ co, op, appId } = await applicationFixture({ label: 'Upl', operative: { first: 'Ulla', last: 'Uploader' } }));
});

const docCount = () => Number(sqlValue(`SELECT COUNT(*) FROM documents WHERE operative_id = ${op.id}`));
const photoId = () => sqlValue(`SELECT photo_document_id FROM applications WHERE id = ${appId}`);

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

// A PNG of 300x400 with a tEXt chunk of HTML before IEND (a PNG/HTML polyglot).
function pngHtml() {
  const png = pngImage(300, 400, { seed: 3 });
  const iend = png.length - 12;
  const html = Buffer.from('comment\0<html><body><script>alert(document.domain)</script></body></html>', 'latin1');
  return Buffer.concat([png.subarray(0, iend), chunk('tEXt', html), png.subarray(iend)]);
}

// data padded with trailing bytes to exactly n bytes.
const padTo = (data, n) => Buffer.concat([data, Buffer.alloc(n - data.length, 0x20)]);

async function refusedPhoto(data, opts, pattern) {
  const n = docCount();
  const before0 = photoId();
  const r = await uploadPhoto(co.client, appId, data, opts);
  assert.equal(r.status, 200, `status ${r.status}`);
  assert.match(textById(r.body, 'photo-error') || '', pattern);
  assert.equal(docCount(), n, 'a refused photo was stored');
  assert.equal(photoId(), before0, 'the application changed');
}

async function refusedDocument(data, opts, pattern) {
  const n = docCount();
  const r = await uploadDocument(co.client, appId, data, opts);
  assert.equal(r.status, 200, `status ${r.status}`);
  assert.match(textById(r.body, 'document-error') || '', pattern);
  assert.equal(docCount(), n, 'a refused document was stored');
}

test('a photo of exactly 5 MB is taken; one byte more is refused with nothing stored', async () => {
  const n = docCount();
  const at = await uploadPhoto(co.client, appId, padTo(pngImage(300, 400), MAX));
  assert.equal(at.status, 303, pageText(at.body).slice(0, 200));
  assert.equal(docCount(), n + 1);
  await refusedPhoto(padTo(pngImage(300, 400), MAX + 1), {}, /larger than 5 MB/);
});

test('a document of exactly 5 MB is taken; one byte more is refused with nothing stored', async () => {
  const n = docCount();
  const at = await uploadDocument(co.client, appId, padTo(pdfDocument('Certificate at the limit'), MAX));
  assert.equal(at.status, 303, pageText(at.body).slice(0, 200));
  assert.equal(docCount(), n + 1);
  await refusedDocument(padTo(pdfDocument('Certificate over the limit'), MAX + 1), {}, /larger than 5 MB/);
});

test('a CSV file one byte over 5 MB is refused and no batch is kept', async () => {
  const batches = () => sqlValue(`SELECT COUNT(*) FROM employee_batches WHERE company_id = ${co.id}`);
  const n = batches();
  const head = 'ni_number,date_of_birth,last_name,card_number,hse_number,office,started_on\n';
  const csv = Buffer.concat([Buffer.from(head), Buffer.alloc(MAX + 1 - head.length, 0x0a)]);
  const fd = new FormData();
  fd.append('_csrf', await co.client.csrf('/employees/bulk'));
  fd.append('csv', new Blob([csv], { type: 'text/csv' }), 'employees.csv');
  const r = await co.client.request('POST', '/employees/bulk', { body: fd });
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'form-error') || '', /5 MB/);
  assert.equal(batches(), n);
});

// A multipart body of exactly `total` bytes: one photo part padded to fit.
function exactBody(total, csrf) {
  const b = 'ExactBoundary7Q';
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
    `--${b}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${b}--\r\n`);
  const data = padTo(pngImage(300, 400), total - head.length - tail.length);
  return { body: Buffer.concat([head, data, tail]), type: `multipart/form-data; boundary=${b}` };
}

async function postRaw(p, { body, type }) {
  const head = `POST ${p} HTTP/1.1\r\nHost: ${hostHeader()}\r\nCookie: ${co.client.cookieHeader()}\r\n` +
    `Content-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return rawRequest([Buffer.from(head), body], { timeoutMs: 30000 });
}

test('a request body of exactly 12 MB reaches the portal; one byte more is 413 from nginx', async () => {
  const csrf = await appCsrf(co.client);
  const n = docCount();
  const at = await postRaw(`/applications/${appId}/photo`, exactBody(BODY_MAX, csrf));
  assert.equal(at.status, 200, 'the portal answered (the file itself is over 5 MB)');
  assert.match(at.body.toString(), /larger than 5 MB/);
  const over = await postRaw(`/applications/${appId}/photo`, exactBody(BODY_MAX + 1, csrf));
  assert.equal(over.status, 413);
  assert.equal(docCount(), n);
});

test('a GIF/JavaScript polyglot and an SVG with a script are refused as photos and as documents', async () => {
  const gifjs = Buffer.from('GIF89a/*\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00' +
    ',\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;*/=1;alert(document.domain);//', 'latin1');
  const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="300" height="400">' +
    '<script>alert(document.domain)</script><rect width="300" height="400"/></svg>');
  await refusedPhoto(gifjs, { filename: 'photo.gif', type: 'image/gif' }, /must be a JPEG or PNG/);
  await refusedPhoto(svg, { filename: 'photo.svg', type: 'image/svg+xml' }, /must be a JPEG or PNG/);
  await refusedPhoto(svg, { filename: 'photo.png', type: 'image/png' }, /must be a JPEG or PNG/);
  await refusedDocument(gifjs, { filename: 'cert.gif', type: 'image/gif' }, /must be a PDF, JPEG or PNG/);
  await refusedDocument(svg, { filename: 'cert.svg', type: 'image/svg+xml' }, /must be a PDF, JPEG or PNG/);
});

test('an HTML file named .jpg is refused as a document; as a CSV it adds nothing', async () => {
  const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n');
  await refusedDocument(html, { filename: 'cert.jpg', type: 'image/jpeg' }, /must be a PDF, JPEG or PNG/);
  const employed = () => sqlValue(`SELECT COUNT(*) FROM employments WHERE company_id = ${co.id}`);
  const n = employed();
  const fd = new FormData();
  fd.append('_csrf', await co.client.csrf('/employees/bulk'));
  fd.append('csv', new Blob([html], { type: 'image/jpeg' }), 'employees.jpg');
  const r = await co.client.request('POST', '/employees/bulk', { body: fd });
  assert.equal(r.status, 200);
  assert.ok(!r.body.includes('<script>alert(1)'), 'the file is echoed unescaped');
  assert.ok(textById(r.body, 'form-error'), 'no message for a file that is not a CSV of employees');
  assert.equal(employed(), n);
});

test('a PNG/HTML polyglot photo is stored re-encoded: none of the HTML is kept', async () => {
  const r = await uploadPhoto(co.client, appId, pngHtml(), { filename: 'x.html', type: 'text/html' });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 200));
  const [media, head, html] = sql(`SELECT media_type, HEX(LEFT(bytes, 3)),
      LOCATE('<script', bytes) + LOCATE('<html', bytes) + LOCATE('<script', IFNULL(thumb, ''))
      FROM documents WHERE id = ${photoId()}`)[0];
  assert.deepEqual([media, head, html], ['image/jpeg', 'FFD8FF', '0']);
});

test('a PDF/HTML polyglot document is kept as sent but served only as a PDF attachment with nosniff', async () => {
  const pdf = Buffer.concat([pdfDocument('Certificate polyglot'),
    Buffer.from('<html><body><script>alert(document.domain)</script></body></html>\n')]);
  const r = await uploadDocument(co.client, appId, pdf, { filename: 'cert.html', type: 'text/html' });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 200));
  const id = sqlValue(`SELECT MAX(id) FROM documents WHERE operative_id = ${op.id} AND kind = 'qualification'`);
  const got = await co.client.get(`/applications/documents/${id}`);
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'application/pdf');
  assert.match(got.headers.get('content-disposition') || '', /^attachment;/);
  assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
  const csp = got.headers.get('content-security-policy') || '';
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
});

test('a path-traversal file name is never used: nothing is written outside MariaDB', async () => {
  const name = `../../../../../../tmp/proof-traversal-${process.pid}.png`;
  const n = docCount();
  const r = await uploadPhoto(co.client, appId, pngImage(310, 410), { filename: name, type: 'image/png' });
  assert.equal(r.status, 303);
  assert.equal(docCount(), n + 1);
  assert.equal(existsSync(`/tmp/proof-traversal-${process.pid}.png`), false);
  const doc = await uploadDocument(co.client, appId, pdfDocument('Traversal'), { filename: `../../${name}` });
  assert.equal(doc.status, 303);
  const id = sqlValue(`SELECT MAX(id) FROM documents WHERE operative_id = ${op.id} AND kind = 'qualification'`);
  const got = await co.client.get(`/applications/documents/${id}`);
  assert.doesNotMatch(got.headers.get('content-disposition') || '', /\.\.|\/|traversal/);
  const photo = await co.client.get(`/applications/${appId}/photo`);
  assert.equal(photo.headers.get('content-disposition'), 'attachment; filename="photo.jpg"');
});

// Unmounts dir; nginx may keep the (already unlinked) body file open for a moment after its
// answer, so a busy mount is tried again for 10 s, then detached (umount -l): never left mounted.
async function unmount(dir) {
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  execFileSync('umount', ['-l', dir]);
  assert.fail(`${dir} stayed busy for 10 s after the upload`);
}

test("a disk that fills mid-upload (nginx's client body files on a 1 MB tmpfs): refused, nothing half-written", async () => {
  assert.equal(process.getuid(), 0, 'mounting a tmpfs needs root (./stack runs as root)');
  const dir = path.join(env.state, 'nginx', 'client_body');
  mkdirSync(dir, { recursive: true });
  const photo = padTo(pngImage(320, 420, { seed: 5 }), 3 * 1024 * 1024);
  const n = docCount();
  const before0 = photoId();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]);
  let r;
  try {
    r = await uploadPhoto(co.client, appId, photo);
    assert.equal(readdirSync(dir).length, 0, 'nginx left a partial body file behind');
  } finally {
    await unmount(dir);
  }
  assert.ok(r.status >= 500 && r.status <= 507, `a full disk answered ${r.status}`);
  assert.equal(docCount(), n, 'a document was stored from a partial body');
  assert.equal(photoId(), before0, 'the application changed');
  const nginxLog = execFileSync('tail', ['-n', '50', path.join(env.state, 'log', 'nginx-error.log')]).toString();
  assert.match(nginxLog, /No space left on device/);
  // The same upload with room to spare is taken: the tmpfs was what refused it.
  const again = await uploadPhoto(co.client, appId, photo);
  assert.equal(again.status, 303, pageText(again.body).slice(0, 200));
  assert.equal(docCount(), n + 1);
  assert.equal(sqlValue(`SELECT size_bytes > 0 AND SHA2(bytes, 256) = sha256 FROM documents WHERE id = ${photoId()}`), '1');
});
