// Sessions end after 30 minutes idle and 12 hours in all (times moved in the database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, sql, sqlValue, q, DEMO, OTHER } from '../lib/portal.mjs';

function userId(email) {
  const id = sqlValue(`SELECT id FROM users WHERE email = ${q(email)}`);
  assert.ok(id, `no user ${email}`);
  return id;
}

test('idle for 31 minutes: /dashboard redirects to /login', async () => {
  const c = await signedIn(OTHER);
  assert.equal((await c.get('/dashboard')).status, 200);
  sql(`UPDATE sessions SET last_seen_at = NOW(6) - INTERVAL 31 MINUTE WHERE user_id = ${userId(OTHER.email)}`);
  const r = await c.get('/dashboard');
  assert.equal(r.status, 303);
  assert.match(r.location || '', /\/login$/);
});

test('idle for 29 minutes: still signed in', async () => {
  const c = await signedIn(OTHER);
  sql(`UPDATE sessions SET last_seen_at = NOW(6) - INTERVAL 29 MINUTE WHERE user_id = ${userId(OTHER.email)}`);
  assert.equal((await c.get('/dashboard')).status, 200);
});

test('created more than 12 hours ago (though active): /dashboard redirects to /login', async () => {
  const c = await signedIn(DEMO);
  assert.equal((await c.get('/dashboard')).status, 200);
  sql(`UPDATE sessions SET created_at = NOW(6) - INTERVAL 12 HOUR - INTERVAL 1 MINUTE,
       last_seen_at = NOW(6) WHERE user_id = ${userId(DEMO.email)}`);
  const r = await c.get('/dashboard');
  assert.equal(r.status, 303);
  assert.match(r.location || '', /\/login$/);
});

test('only the hash of the session id is stored', async () => {
  const c = await signedIn(DEMO);
  const sid = c.jar.get('portal_sid');
  const n = sqlValue(`SELECT COUNT(*) FROM sessions WHERE HEX(id_hash) = HEX(${q(sid)}) OR id_hash = ${q(sid)}`);
  assert.equal(n, '0', 'the raw session id is in the sessions table');
});
