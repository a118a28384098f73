// CSRF on a signed-in form (sign out) and logging out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, DEMO } from '../lib/portal.mjs';

test('POST /logout without _csrf: 403 and the session still works', async () => {
  const c = await signedIn(DEMO);
  const r = await c.post('/logout', {});
  assert.equal(r.status, 403);
  const d = await c.get('/dashboard');
  assert.equal(d.status, 200, 'the session ended after a refused sign-out');
});

test('POST /logout with a wrong _csrf: 403 and the session still works', async () => {
  const c = await signedIn(DEMO);
  const r = await c.post('/logout', { _csrf: 'f'.repeat(64) });
  assert.equal(r.status, 403);
  assert.equal((await c.get('/dashboard')).status, 200);
});

test('the CSRF token of another session is refused', async () => {
  const a = await signedIn(DEMO);
  const b = await signedIn(DEMO);
  const r = await b.post('/logout', { _csrf: await a.csrf() });
  assert.equal(r.status, 403);
  assert.equal((await b.get('/dashboard')).status, 200);
});

test('POST /logout with _csrf: 303 to /login, and the old cookie no longer works', async () => {
  const c = await signedIn(DEMO);
  const oldSid = c.jar.get('portal_sid');
  assert.ok(oldSid);
  const r = await c.post('/logout', { _csrf: await c.csrf() });
  assert.equal(r.status, 303);
  assert.match(r.location || '', /\/login$/);
  // Replay the old cookie on purpose, whatever the response did to the jar.
  const replay = new Client();
  replay.jar.set('portal_sid', oldSid);
  const d = await replay.get('/dashboard');
  assert.equal(d.status, 303);
  assert.match(d.location || '', /\/login$/);
});
