// The session cache (fcgi/sesscache.h): a worker keeps a session's row for cache-ms (1000 in
// the stack), so a repeated view reads no session; a sign-out, a removed user or any change
// made through the portal is seen by the very next request on every worker; SQL by hand
// is seen within cache-ms, or at once after `portalctl flush-sessions`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { env, signedIn, DEMO, sleep, freshCompany, addUser, flushSessions, portalctl, q } from '../lib/portal.mjs';
import { post } from '../lib/users.mjs';

const logFile = path.join(process.env.PORTAL_LOG_DIR || path.join(env.state, 'log'), 'portald.log');
const VIEWS = 4 * env.workers;	// enough that every worker serves some twice

// The round trips (less prepares) of each logged GET of pathName after offset, any status.
function tripsSince(offset, pathName) {
  const text = readFileSync(logFile, 'utf8').slice(offset);
  const out = [];
  for (const line of text.split('\n')) {
    const m = line.match(/ GET (\S+) (\d{3}) [\d.]+ms sql=(\d+) prep=(\d+)/);
    if (m && m[1] === pathName) out.push(Number(m[3]) - Number(m[4]));
  }
  return out;
}

// Views until every worker has kept the session (a view that read none proves one has).
async function warm(client, p = '/dashboard') {
  const offset = statSync(logFile).size;
  for (let i = 0; i < VIEWS; i++) assert.equal((await client.get(p)).status, 200, `${p} while warming`);
  await sleep(150);
  return tripsSince(offset, p);
}

// SQL by hand that does not tell the workers (the tests' sql() does).
function sqlBehindTheCache(query) {
  const argv = env.mysqlCmd.trim().split(/\s+/);
  execFileSync(argv[0], [...argv.slice(1), '--batch'], { input: query, stdio: ['pipe', 'pipe', 'pipe'] });
}

test('a repeated view reads no session: the dashboard, its counts kept with it, makes no statement', async () => {
  const c = await signedIn(DEMO);
  await c.get('/dashboard');	// stores the counts if an earlier test changed them
  flushSessions();
  const trips = await warm(c);
  assert.equal(trips.length, VIEWS);
  assert.ok(trips.every((t) => t === 0 || t === 1), `round trips: ${trips}`);
  // Each worker reads the session once; every other view comes from what it kept.
  assert.ok(trips.filter((t) => t === 1).length <= env.workers, `round trips: ${trips}`);
  assert.ok(trips.filter((t) => t === 0).length >= VIEWS - env.workers, `round trips: ${trips}`);
});

test('signing out ends the session on every worker at once', async () => {
  const c = await signedIn(DEMO);
  const trips = await warm(c);
  assert.ok(trips.includes(0), `the session was kept by a worker (round trips: ${trips})`);
  const cookie = c.cookieHeader();	// as it was before signing out
  const out = await c.post('/logout', { _csrf: await c.csrf() });
  assert.equal(out.status, 303);
  for (let i = 0; i < VIEWS; i++) {
    const r = await c.get('/dashboard', { headers: { Cookie: cookie } });
    assert.equal(r.status, 303, `view ${i} after sign-out: ${r.status}`);
    assert.match(r.location || '', /\/login$/);
  }
});

test('a user removed by an administrator is signed out on every worker at once', async () => {
  const co = await freshCompany('Cache');
  const u = await addUser(co.id, { label: 'Kept' });
  const trips = await warm(u.client, '/employees/current');
  assert.ok(trips.length === VIEWS, `views: ${trips}`);
  const r = await post(co.client, `/admin/users/${u.user}/remove`, {});
  assert.equal(r.status, 303, `remove: ${r.status}`);
  for (let i = 0; i < VIEWS; i++) {
    const v = await u.client.get('/employees/current');
    assert.equal(v.status, 303, `view ${i} after removal: ${v.status}`);
    assert.match(v.location || '', /\/login$/);
  }
});

test('SQL by hand is seen within cache-ms, and at once after portalctl flush-sessions', async () => {
  const co = await freshCompany('Cache');
  const shows = async (name) => (await co.client.get('/dashboard')).body.includes(name);
  await warm(co.client);
  const renamed = `${co.name} Renamed`;
  sqlBehindTheCache(`UPDATE companies SET name = ${q(renamed)} WHERE id = ${co.id}`);
  const t0 = Date.now();
  // Within cache-ms (1 s) and a little: then every worker shows the new name.
  await sleep(1100);
  for (let i = 0; i < VIEWS; i++) assert.ok(await shows(renamed), `view ${i}, ${Date.now() - t0} ms after the change`);
  const again = `${co.name} Again`;
  sqlBehindTheCache(`UPDATE companies SET name = ${q(again)} WHERE id = ${co.id}`);
  portalctl('flush-sessions');
  for (let i = 0; i < VIEWS; i++) assert.ok(await shows(again), `view ${i} straight after flush-sessions`);
});
