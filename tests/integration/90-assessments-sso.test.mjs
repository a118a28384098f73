// ECS Assessments (guide 1.9): the company's account on the online assessment service with its
// generated username, the password shown once and kept only as an Argon2id hash, and the
// sign-in link: HMAC-SHA256 signed, good for 60 seconds, single use. The demo's stand-in service
// (module sandboxassess) checks the token; forged, altered, expired and replayed ones are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { freshCompany, sql, sqlValue, pageText, textById, q } from '../lib/portal.mjs';
import { formPost, pageCsrf } from '../lib/orders.mjs';
import { signin, assessmentKey, signedQuery } from '../lib/assessments.mjs';

const text = (r) => pageText(r.body);

// Follows a sign-in URL on the stand-in; returns the page.
async function follow(client, url) {
  const u = new URL(url);
  return client.get(u.pathname + u.search);
}

function tokenFields(url) {
  return Object.fromEntries(new URL(url).searchParams);
}

test('the tab shows the account with a generated username, the same each time, one per company', async () => {
  const a = await freshCompany('AssessAcct');
  const b = await freshCompany('AssessAcct');
  const r = await a.client.get('/assessments');
  assert.equal(r.status, 200);
  const name = textById(r.body, 'account-username');
  assert.match(name, /^ecs\d{7}$/);
  assert.equal(textById((await a.client.get('/assessments')).body, 'account-username'), name);
  assert.equal(sqlValue(`SELECT username FROM assessment_accounts WHERE company_id = ${a.id}`), name);
  const other = textById((await b.client.get('/assessments')).body, 'account-username');
  assert.notEqual(other, name);
  assert.match(text(r), /Not generated yet/);
  assert.match(r.body, /id="signin"/);
  // The guide's pointer to the ECS Online Assessments Company Guide.
  assert.match(textById(r.body, 'company-guide'), /ECS Online Assessments Company Guide/);
  assert.match(r.body, /href="https:\/\/www\.ecscard\.org\.uk\/content\/Employers"/);
});

test('the sign-in link: a 303 to the configured service with a token signed over the query, valid 60 s', async () => {
  const co = await freshCompany('AssessSso');
  const r = await signin(co.client);
  assert.equal(r.status, 303);
  const url = new URL(r.location);
  assert.equal(url.pathname, '/sandbox-assessments/sso');
  const f = tokenFields(r.location);
  assert.equal(f.v, '1');
  assert.equal(f.company, String(co.id));
  assert.equal(f.user, String(co.user));
  assert.equal(f.company_name, co.name);
  assert.match(f.account, /^ecs\d{7}$/);
  assert.match(f.nonce, /^[0-9a-f]{32}$/);
  const now = Math.floor(Date.now() / 1000);
  assert.ok(Number(f.exp) > now && Number(f.exp) <= now + 61, `exp ${f.exp} vs now ${now}`);
  // sig is last, over everything before it, under the key of <assessment-service secret>.
  const raw = url.search.slice(1);
  const at = raw.indexOf('&sig=');
  assert.equal(raw.slice(at + 5), f.sig);
  assert.equal(createHmac('sha256', assessmentKey()).update(raw.slice(0, at)).digest('hex'), f.sig);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE company_id = ${co.id}
                         AND action = 'assessment_signin_issued'`), '1');
  // The CSP lets the form's answer go there.
  const page = await co.client.get('/assessments');
  assert.match(page.headers.get('content-security-policy'), /form-action 'self'.*http:\/\/127\.0\.0\.1:\d+/);
});

test('following the link signs in at the stand-in once; a replay is refused', async () => {
  const co = await freshCompany('AssessArrive');
  const r = await signin(co.client);
  const first = await follow(co.client, r.location);
  assert.equal(first.status, 200);
  assert.match(first.body, /id="arrival"/);
  assert.equal(textById(first.body, 'arrival-account'), tokenFields(r.location).account);
  assert.match(text(first), new RegExp(`${co.name} \\(portal company ${co.id}\\)`));
  assert.match(text(first), /Portal user Assess/);
  const again = await follow(co.client, r.location);
  assert.match(textById(again.body, 'arrival-error'), /already been used/);
  // A new link works again.
  const next = await follow(co.client, (await signin(co.client)).location);
  assert.match(next.body, /id="arrival"/);
});

test('forged, altered, extended and expired tokens are refused, and none is recorded as used', async () => {
  const co = await freshCompany('AssessForge');
  const r = await signin(co.client);
  const f = tokenFields(r.location);
  const { sig, ...fields } = f;
  const base = '/sandbox-assessments/sso?';
  const refused = async (qs, why) => {
    const page = await co.client.get(base + qs);
    assert.equal(page.status, 200);
    assert.match(textById(page.body, 'arrival-error') || '', why, qs);
  };
  // Signed with another key.
  await refused(signedQuery(fields, 'x'.repeat(64)), /not signed/);
  // A field altered after signing.
  await refused(new URL(r.location).search.slice(1).replace(`company=${co.id}`, 'company=1'), /not signed/);
  // Something appended after the signature.
  await refused(`${new URL(r.location).search.slice(1)}&company=1`, /not signed/);
  // No signature at all.
  await refused(new URLSearchParams(fields).toString(), /not signed/);
  // Correctly signed but expired, or valid for too long.
  const now = Math.floor(Date.now() / 1000);
  await refused(signedQuery({ ...fields, exp: String(now - 5), nonce: 'a'.repeat(32) }), /expired/);
  await refused(signedQuery({ ...fields, exp: String(now + 3600), nonce: 'b'.repeat(32) }), /not valid/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sandbox_assessment_signins WHERE company_id = ${co.id}`), '0');
  // The genuine one still works once.
  assert.match((await follow(co.client, r.location)).body, /id="arrival"/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sandbox_assessment_signins WHERE nonce = ${q(f.nonce)}`), '1');
});

test('an expired genuine link is refused by the stand-in', async () => {
  const co = await freshCompany('AssessLate');
  const f = tokenFields((await signin(co.client)).location);
  const { sig, ...fields } = f;
  // The same fields as the portal signed, exp moved into the past and signed with the shared key.
  const page = await co.client.get(`/sandbox-assessments/sso?${signedQuery({ ...fields, exp: String(Number(f.exp) - 120) })}`);
  assert.match(textById(page.body, 'arrival-error'), /expired/);
});

test('the password: generated on request, shown once, only its Argon2id hash kept; a new one replaces it', async () => {
  const co = await freshCompany('AssessPw');
  const csrf = await pageCsrf(co.client, '/assessments');
  const r = await formPost(co.client, '/assessments/password', { _csrf: csrf });
  assert.equal(r.status, 200);
  const pw = textById(r.body, 'new-password');
  assert.match(pw, /^[A-Za-z2-9]{20}$/);
  const hash = sqlValue(`SELECT password_hash FROM assessment_accounts WHERE company_id = ${co.id}`);
  assert.match(hash, /^\$argon2id\$/);
  assert.ok(!hash.includes(pw));
  const later = await co.client.get('/assessments');
  assert.ok(!later.body.includes(pw), 'not shown again');
  assert.match(text(later), /Generated \d\d\/\d\d\/\d{4} \d\d:\d\d \(shown only once\)/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE company_id = ${co.id}
                         AND action = 'assessment_password_generated'`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE ${q(`%${pw}%`)}`), '0');
  const r2 = await formPost(co.client, '/assessments/password', { _csrf: csrf });
  const pw2 = textById(r2.body, 'new-password');
  assert.notEqual(pw2, pw);
  assert.notEqual(sqlValue(`SELECT password_hash FROM assessment_accounts WHERE company_id = ${co.id}`), hash);
  // Without the CSRF token nothing happens.
  assert.equal((await formPost(co.client, '/assessments/password', {})).status, 403);
});
