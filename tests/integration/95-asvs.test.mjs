// OWASP ASVS 4.0.3 level 2: the points no other test file covers, each test named by its
// requirement id. README ("ASVS 4.0.3 level 2: where each requirement is tested") maps every
// applicable id to its test, here or elsewhere.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import {
  Client, freshCompany, signedIn, sqlValue, pageText, textById, alerts, LOGIN_ERROR, rawRequest, hostHeader,
  csrfFrom,
} from '../lib/portal.mjs';
import { post } from '../lib/users.mjs';
import { formPost } from '../lib/orders.mjs';
import { createContract } from '../lib/contracts.mjs';

let co;
before(async () => { co = await freshCompany('Asvs'); });

// A random password of n printable ASCII characters (strong for zxcvbn).
function longPassword(n) {
  const set = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.!';
  return [...randomBytes(n)].map((b) => set[b % set.length]).join('');
}

const send = (client, p, body) => client.request('POST', p, { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

test('V2.1.1, V2.1.2: a 128-character password works whole; 129 are refused; no 72-byte truncation', async () => {
  const c = await signedIn({ email: co.email, password: co.password });
  const pw = longPassword(128);
  const long = await post(c, '/account/password', { current: co.password, password: `${pw}x`, confirm: `${pw}x` });
  assert.equal(long.status, 200);
  assert.match(textById(long.body, 'password-error'), /128 characters/);
  const ok = await post(c, '/account/password', { current: co.password, password: pw, confirm: pw });
  assert.equal(ok.status, 303, pageText(ok.body).slice(0, 300));
  // The whole 128 characters count: not the first 72 (bcrypt's limit), nor 127 of them.
  for (const wrong of [pw.slice(0, 72), pw.slice(0, 127), `${pw.slice(0, 127)}${pw[127] === 'a' ? 'b' : 'a'}`]) {
    const r = await new Client().signIn(co.email, wrong);
    assert.equal(r.status, 200, `${wrong.length} characters signed in`);
    assert.ok(alerts(r.body).includes(LOGIN_ERROR));
  }
  const r = await new Client().signIn(co.email, pw);
  assert.equal(r.status, 303);
  assert.match(r.location, /\/dashboard$/);
  // A 129-character password at the sign-in form is the same failure, not an error page.
  const r129 = await new Client().signIn(co.email, `${pw}x`);
  assert.equal(r129.status, 200);
  co.password = pw;
  co.client = await signedIn({ email: co.email, password: pw }); // the change ended the other sessions
});

test('V3.2.1: a session id planted before sign-in is not the session after it', async () => {
  const planted = randomBytes(32).toString('hex');
  const c = new Client();
  c.jar.set('portal_sid', planted);
  const r = await c.signIn(co.email, co.password);
  assert.equal(r.status, 303);
  const sid = r.cookies.find((x) => x.name === 'portal_sid');
  assert.ok(sid && /^[0-9a-f]{64}$/.test(sid.value), 'a new 256-bit session id is set');
  assert.notEqual(sid.value, planted);
  const fixed = new Client();
  fixed.jar.set('portal_sid', planted);
  assert.equal((await fixed.get('/dashboard')).status, 303, 'the planted id is not a session');
});

test('V3.4.1-V3.4.3: the session cookie is HttpOnly, SameSite=Lax, Path=/, no Domain (Secure and __Host- behind https: README)', async () => {
  const r = await new Client().signIn(co.email, co.password);
  const sid = r.cookies.find((x) => x.name === 'portal_sid');
  assert.ok(sid.attrs.httponly);
  assert.equal(String(sid.attrs.samesite).toLowerCase(), 'lax');
  assert.equal(sid.attrs.path, '/');
  assert.equal(sid.attrs.domain, undefined);
});

test('V5.1.1: a repeated parameter: the first value counts, everywhere (the CSRF check too)', async () => {
  const csrf = await co.client.csrf('/account');
  let r = await send(co.client, '/account/details', `_csrf=${csrf}&title=Mr&first_name=Alice&first_name=Bob&last_name=Smith&phone=`);
  assert.equal(r.status, 303);
  assert.equal(sqlValue(`SELECT first_name FROM users WHERE id = ${co.user}`), 'Alice');
  r = await send(co.client, '/account/details', `_csrf=wrong&_csrf=${csrf}&title=Mr&first_name=Carol&last_name=Smith&phone=`);
  assert.equal(r.status, 403, 'a wrong first _csrf with a right second one');
  assert.equal(sqlValue(`SELECT first_name FROM users WHERE id = ${co.user}`), 'Alice');
});

test('V5.1.2: mass assignment: fields the form does not have (company, email, status, permissions, id) are ignored', async () => {
  const other = await freshCompany('AsvsOther');
  const before = sqlValue(`SELECT CONCAT_WS('|', email, status) FROM users WHERE id = ${co.user}`);
  const perms = sqlValue(`SELECT permissions FROM memberships WHERE user_id = ${co.user}`);
  const csrf = await co.client.csrf('/account');
  const r = await send(co.client, '/account/details', `_csrf=${csrf}&title=Mr&first_name=Eve&last_name=Smith&phone=` +
    `&company_id=${other.id}&email=x%40evil.example&status=disabled&id=${other.user}&user_id=${other.user}&permissions=0&level=company`);
  assert.equal(r.status, 303);
  assert.equal(sqlValue(`SELECT first_name FROM users WHERE id = ${co.user}`), 'Eve');
  assert.equal(sqlValue(`SELECT CONCAT_WS('|', email, status) FROM users WHERE id = ${co.user}`), before);
  assert.equal(sqlValue(`SELECT permissions FROM memberships WHERE user_id = ${co.user}`), perms);
  assert.equal(sqlValue(`SELECT first_name FROM users WHERE id = ${other.user}`), 'AsvsOther');
  // A contract created with another company's id in the form is this company's.
  const { id } = await createContract(co.client, { company_id: other.id, company: other.id, client_company_id: other.id });
  assert.ok(id, 'the contract was created');
  assert.equal(sqlValue(`SELECT company_id FROM contracts WHERE id = ${id}`), String(co.id));
});

test('V5.1.5: no open redirect: next/return parameters and //host paths never send the browser elsewhere', async () => {
  const probes = ['/login?next=https://evil.example/', '/login?return_to=//evil.example', '/?next=https://evil.example',
    '/dashboard?next=https://evil.example', '//evil.example/', '/%2f%2fevil.example', '/logout?next=https://evil.example'];
  for (const c of [new Client(), await signedIn({ email: co.email, password: co.password })]) {
    for (const p of probes) {
      const r = await c.get(p);
      if (r.location) assert.match(r.location, /^(\/(?!\/)|http:\/\/127\.0\.0\.1:\d+\/)/, `${p} -> ${r.location}`);
    }
  }
  // Signing in with a next field still lands on the dashboard.
  const c = new Client();
  const page = await c.get('/login?next=https://evil.example/');
  const r = await formPost(c, '/login', { _csrf: csrfFrom(page.body), email: co.email, password: co.password, next: 'https://evil.example/' });
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/dashboard$|\/dashboard$/);
  assert.doesNotMatch(r.location, /evil/);
});

const INTERNAL = /mysql|mariadb|\bsql\b|select |errno|\.c:\d+|segmentation|stack trace|fcgi|clearsilver|nginx\/\d/i;

test('V7.4.1: error pages are generic: 400, 403, 404, 405, 413 show no internal detail', async () => {
  const c = await signedIn({ email: co.email, password: co.password });
  const answers = [
    [400, await send(c, '/account/details', `_csrf=${await c.csrf('/account')}&first_name=%zz`)],
    [403, await send(c, '/account/details', '_csrf=nope&first_name=x')],
    [404, await c.get('/no/such/page')],
    [404, await c.get('/employees/999999999')],
    [405, await c.request('DELETE', '/dashboard')],
  ];
  for (const [want, r] of answers) {
    assert.equal(r.status, want);
    assert.ok(!INTERNAL.test(pageText(r.body)), `${want}: ${pageText(r.body).match(INTERNAL)?.[0]}`);
  }
  const big = await rawRequest(`POST /login HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Length: 20000000\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n`, { stopAfterHead: true });
  assert.equal(big.status, 413);
  assert.ok(!/nginx\/\d/.test(big.raw), 'the server version shows');
});

test('V8.2.1: signed-in pages are not cached (Cache-Control: no-store)', async () => {
  for (const p of ['/dashboard', '/account', '/employees/current']) {
    const r = await co.client.get(p);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('cache-control') || '', /no-store/, p);
  }
});

test('V3.3.1: after sign-out the old session cookie is refused by every page', async () => {
  const c = await signedIn({ email: co.email, password: co.password });
  const sid = c.jar.get('portal_sid');
  const r = await post(c, '/logout', {});
  assert.equal(r.status, 303);
  const old = new Client();
  old.jar.set('portal_sid', sid);
  for (const p of ['/dashboard', '/account', '/employees/current', '/orders/attention']) {
    assert.equal((await old.get(p)).status, 303, p);
  }
});
