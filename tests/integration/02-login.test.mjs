// Signing in: the form, the session cookie, the same message for every failure, CSRF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, csrfFrom, alerts, DEMO, OTHER, LOGIN_ERROR } from '../lib/portal.mjs';

test('GET /login sets a cookie and has a hidden _csrf input', async () => {
  const c = new Client();
  const r = await c.get('/login');
  assert.equal(r.status, 200);
  assert.ok(r.cookies.length > 0, 'GET /login set no cookie');
  assert.match(r.body, /<input[^>]*type="hidden"[^>]*name="_csrf"[^>]*value="[^"]+"/);
  assert.ok(csrfFrom(r.body));
  assert.match(r.body, /name="email"/);
  assert.match(r.body, /name="password"/);
});

test('the right email and password: 303 to /dashboard and an HttpOnly, SameSite=Lax session cookie', async () => {
  const c = new Client();
  const r = await c.signIn(DEMO.email, DEMO.password);
  assert.equal(r.status, 303, `status ${r.status}: ${alerts(r.body).join(' | ')}`);
  assert.match(r.location || '', /\/dashboard$/);
  const sid = r.cookies.find((k) => k.name === 'portal_sid');
  assert.ok(sid, `no portal_sid cookie in ${JSON.stringify(r.cookies.map((k) => k.raw))}`);
  assert.ok(sid.value.length >= 32, 'session id too short');
  assert.equal(sid.attrs.httponly, true, `HttpOnly missing: ${sid.raw}`);
  assert.match(String(sid.attrs.samesite), /^lax$/i, `SameSite=Lax missing: ${sid.raw}`);
  assert.equal(sid.attrs.path, '/', `Path=/ missing: ${sid.raw}`);
  assert.equal(sid.attrs.secure, undefined, `Secure over http: ${sid.raw}`);
  const d = await c.get('/dashboard');
  assert.equal(d.status, 200);
});

test('a new session id at every sign-in', async () => {
  const a = new Client();
  const b = new Client();
  await a.signInOk(DEMO);
  await b.signInOk(DEMO);
  assert.notEqual(a.jar.get('portal_sid'), b.jar.get('portal_sid'));
});

test('wrong password and unknown email give the same message (200)', async () => {
  const c1 = new Client();
  const wrong = await c1.signIn(DEMO.email, 'not-the-password');
  assert.equal(wrong.status, 200);
  const c2 = new Client();
  const unknown = await c2.signIn('nobody-at-all@ecs-portal.test', 'whatever-password');
  assert.equal(unknown.status, 200);
  const a1 = alerts(wrong.body);
  const a2 = alerts(unknown.body);
  assert.ok(a1.length > 0, 'no role="alert" on the wrong-password page');
  assert.deepEqual(a1, a2, 'the two failures do not show the same alert');
  assert.ok(a1.join(' ').includes(LOGIN_ERROR), `alert text: ${a1.join(' | ')}`);
  assert.ok(!wrong.cookies.some((k) => k.name === 'portal_sid' && k.value), 'a session cookie after a failure');
  // The email is kept, the password is not echoed.
  assert.ok(!wrong.body.includes('not-the-password'), 'the password is echoed back');
});

test('POST /login without _csrf is refused with 403', async () => {
  const c = new Client();
  await c.get('/login');
  const r = await c.post('/login', { email: DEMO.email, password: DEMO.password });
  assert.equal(r.status, 403);
  assert.ok(!r.cookies.some((k) => k.name === 'portal_sid' && k.value), 'signed in without a token');
});

test('POST /login with a wrong _csrf is refused with 403', async () => {
  const c = new Client();
  await c.get('/login');
  const r = await c.post('/login', { _csrf: 'A'.repeat(64), email: DEMO.email, password: DEMO.password });
  assert.equal(r.status, 403);
});

test('POST /login with the token of another visitor is refused with 403', async () => {
  const a = new Client();
  const token = csrfFrom((await a.get('/login')).body);
  const b = new Client();
  await b.get('/login');
  const r = await b.post('/login', { _csrf: token, email: DEMO.email, password: DEMO.password });
  assert.equal(r.status, 403);
});

test('signing in again ends the session already in the browser', async () => {
  const c = new Client();
  await c.signInOk(OTHER);
  const old = c.jar.get('portal_sid');
  // A sign-in form loaded before, submitted with the earlier session's cookie along.
  const d = new Client();
  const page = await d.get('/login');
  d.jar.set('portal_sid', old);
  const r = await d.post('/login', { _csrf: csrfFrom(page.body), email: DEMO.email, password: DEMO.password });
  assert.equal(r.status, 303);
  assert.notEqual(d.jar.get('portal_sid'), old);
  const stale = await c.get('/dashboard');
  assert.equal(stale.status, 303, 'the earlier session still works');
});

test('a malformed email is not echoed back into the page', async () => {
  const c = new Client();
  const page = await c.get('/login');
  const huge = '<'.repeat(5000) + 'x';
  const r = await c.post('/login', { _csrf: csrfFrom(page.body), email: huge, password: 'whatever' });
  assert.equal(r.status, 200);
  assert.ok(r.body.length < 20000, `page of ${r.body.length} bytes`);
  assert.ok(!r.body.includes('&lt;&lt;&lt;&lt;'), 'the typed text came back');
});
