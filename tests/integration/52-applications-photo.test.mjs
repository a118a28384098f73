// The photo of step 1: JPEG or PNG by content (not by name or declared type), at most 5 MB
// (nginx allows 12 MB bodies, the portal 5 MB per file), at least 300x400 pixels, portrait;
// re-encoded as JPEG (the stored bytes are not the upload's) with a thumbnail; a photo already
// held can be reused; served back only to the owning company, as an attachment with nosniff.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, pageText, textById, applicationFixture, startApplication, uploadPhoto, pngImage,
  appPost, signedIn, OTHER,
} from '../lib/portal.mjs';

let co;
let op;
let appId;

before(async () => {
  ({ co, op, appId } = await applicationFixture({ label: 'Photo', operative: { first: 'Pia', last: 'Photogenic' } }));
});

const photoId = (id = appId) => sqlValue(`SELECT photo_document_id FROM applications WHERE id = ${id}`);
const photoCount = () => sqlValue(`SELECT COUNT(*) FROM documents WHERE operative_id = ${op.id} AND kind = 'photo'`);

async function refused(data, opts, message) {
  const n = photoCount();
  const r = await uploadPhoto(co.client, appId, data, opts);
  assert.equal(r.status, 200, `status ${r.status}`);
  assert.equal(textById(r.body, 'photo-error'), `Error: ${message}`);
  assert.match(r.body, /id="step1-form"/, 'step 1 is shown again');
  assert.equal(photoCount(), n, 'a refused photo was stored');
}

test('a 300x400 PNG is accepted, re-encoded as JPEG with its size and hash, and shown as the thumbnail', async () => {
  const png = pngImage(300, 400);
  const r = await uploadPhoto(co.client, appId, png);
  assert.equal(r.status, 303, pageText(r.body).slice(0, 300));
  assert.equal(r.location, `/applications/${appId}/step1`);
  const [media, w, h, size, sha, ok, company, thumb] = sql(`SELECT media_type, width, height, size_bytes, sha256,
      SHA2(bytes, 256) = sha256 AND LENGTH(bytes) = size_bytes AND HEX(LEFT(bytes, 3)) = 'FFD8FF', company_id,
      thumb IS NOT NULL FROM documents WHERE id = ${photoId()}`)[0];
  assert.equal(media, 'image/jpeg');
  assert.deepEqual([w, h], ['300', '400']);
  assert.notEqual(Number(size), png.length);
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.equal(ok, '1', 'stored bytes are a JPEG matching sha256 and size_bytes');
  assert.equal(company, String(co.id));
  assert.equal(thumb, '1');
  const page = await co.client.get(r.location);
  assert.match(pageText(page.body), /The photo has been added\./);
  assert.match(page.body, new RegExp(`id="photo-thumb" src="/applications/${appId}/photo"`));
});

test('a 400x500 portrait PNG is accepted, and replaces the photo', async () => {
  const before0 = photoId();
  const r = await uploadPhoto(co.client, appId, pngImage(400, 500, { seed: 9 }));
  assert.equal(r.status, 303);
  assert.notEqual(photoId(), before0);
  assert.deepEqual(sql(`SELECT width, height FROM documents WHERE id = ${photoId()}`)[0], ['400', '500']);
});

test('a PNG sent as "notes.txt" with type text/plain is accepted: the content counts', async () => {
  const r = await uploadPhoto(co.client, appId, pngImage(320, 420), { filename: 'notes.txt', type: 'text/plain' });
  assert.equal(r.status, 303, pageText(r.body).slice(0, 300));
  assert.deepEqual(sql(`SELECT media_type, width FROM documents WHERE id = ${photoId()}`)[0], ['image/jpeg', '320']);
});

test('an HTML file named photo.jpg (type image/jpeg) is refused', async () => {
  const html = Buffer.from('<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>\n');
  await refused(html, { filename: 'photo.jpg', type: 'image/jpeg' }, 'The photo must be a JPEG or PNG image.');
});

test('a 299x400 image is too small; a 500x400 image is landscape', async () => {
  await refused(pngImage(299, 400), {}, 'The photo is too small: it must be at least 300 by 400 pixels.');
  await refused(pngImage(300, 399), {}, 'The photo is too small: it must be at least 300 by 400 pixels.');
  await refused(pngImage(500, 400), {}, 'The photo must be portrait (taller than it is wide).');
  await refused(pngImage(500, 500), {}, 'The photo must be portrait (taller than it is wide).');
});

test('a truncated PNG is refused; an empty upload asks for a photo', async () => {
  const png = pngImage(300, 400);
  const n = photoCount();
  const r = await uploadPhoto(co.client, appId, png.subarray(0, png.length - 40));
  assert.equal(r.status, 200);
  assert.ok(textById(r.body, 'photo-error'), 'no photo error');
  await refused(Buffer.alloc(0), {}, 'Please choose a photo to upload.');
  assert.equal(photoCount(), n);
});

test('6 MB of bytes is refused as too large with a message next to the photo; nothing stored', async () => {
  const n = photoCount();
  const big = Buffer.concat([pngImage(300, 400), Buffer.alloc(6 * 1024 * 1024 - 5000, 7)]);
  const r = await uploadPhoto(co.client, appId, big);
  assert.equal(r.status, 200);
  assert.match(pageText(r.body), /The photo is larger than 5 MB\./);
  assert.equal(photoCount(), n);
});

test('the photo is served to the owning company only: attachment, image/jpeg, nosniff; others 404', async () => {
  const r = await co.client.get(`/applications/${appId}/photo`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'image/jpeg');
  assert.match(r.headers.get('content-disposition') || '', /^attachment\b/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  const bytes = Buffer.from(await (await fetch(`${co.client.base}/applications/${appId}/photo`, {
    headers: { Cookie: co.client.cookieHeader() } })).arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'a JPEG');
  const other = await signedIn(OTHER);
  const x = await other.get(`/applications/${appId}/photo`);
  assert.equal(x.status, 404);
  assert.ok(!x.headers.get('content-type')?.startsWith('image/'));
  const anon = await fetch(`${co.client.base}/applications/${appId}/photo`, { redirect: 'manual' });
  assert.ok([302, 303].includes(anon.status), `signed out: ${anon.status}`);
});

test('a second application of the same person can reuse the photo held, without uploading again', async () => {
  const held = photoId();
  const second = await startApplication(co.client, op.id, 'managerial:initial');
  const page = await co.client.get(`/applications/${second}/step1`);
  assert.match(page.body, /id="reuse-form"/, 'no USE THE PHOTO ALREADY HELD form');
  assert.match(page.body, /id="photo-none"/);
  const n = photoCount();
  const r = await appPost(co.client, `/applications/${second}/photo/reuse`);
  assert.equal(r.status, 303);
  assert.equal(r.location, `/applications/${second}/step1`);
  assert.equal(photoId(second), held, 'the latest photo held is used');
  assert.equal(photoCount(), n, 'no copy stored');
  const again = await co.client.get(`/applications/${second}/step1`);
  assert.doesNotMatch(again.body, /id="reuse-form"/, 'still offered once used');
  assert.match(again.body, /id="photo-thumb"/);
  assert.equal((await co.client.get(`/applications/${second}/photo`)).status, 200);
});

test("reuse with no photo held says so; another company's photo of the same person is never offered", async () => {
  const { co: co2, appId: app2 } = await applicationFixture({ label: 'Nophoto' });
  const r = await appPost(co2.client, `/applications/${app2}/photo/reuse`);
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'photo-error'), 'Error: There is no earlier photo of this person to use.');
  // The same operative employed by a second company: the first company's photo is not theirs.
  const co3 = (await applicationFixture({ label: 'Samep' })).co;
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on) VALUES (${op.id}, ${co3.id}, ${co3.office}, '2021-01-01')`);
  const app3 = await startApplication(co3.client, op.id, 'craft:initial');
  const page = await co3.client.get(`/applications/${app3}/step1`);
  assert.doesNotMatch(page.body, /id="reuse-form"/, "another company's photo offered");
  const x = await appPost(co3.client, `/applications/${app3}/photo/reuse`);
  assert.equal(x.status, 200);
  assert.equal(photoId(app3), null);
});
