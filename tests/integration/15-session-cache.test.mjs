// The session cache (fcgi/sesscache.h): a worker keeps a session's row for cache-ms (1000 in
// the stack), so a repeated view reads no session; a sign-out, a removed user or any change
// made through the portal is seen by the very next request on every worker; SQL by hand
// is seen within cache-ms, or at once after `portalctl flush-sessions`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { env, Client, signedIn, DEMO, sleep, freshCompany, addUser, flushSessions, portalctl, q } from '../lib/portal.mjs';
import { post } from '../lib/users.mjs';

const logFile = path.join(process.env.PORTAL_LOG_DIR || path.join(env.state, 'log'), 'portald.log');
const VIEWS = 4 * env.workers;	// enough that every worker serves some twice

// The round trips (less prepares) of each logged GET of pathName after offset, any status;
// with byWorker, [pid, trips] pairs.
function tripsSince(offset, pathName, byWorker = false) {
  const text = readFileSync(logFile, 'utf8').slice(offset);
  const out = [];
  for (const line of text.split('\n')) {
    const m = line.match(/\[(\d+)\] \S+ \S+ GET (\S+) (\d{3}) [\d.]+ms sql=(\d+) prep=(\d+)/);
    if (m && m[2] === pathName) {
      const trips = Number(m[4]) - Number(m[5]);
      out.push(byWorker ? [m[1], trips] : trips);
    }
  }
  return out;
}

// The stack's cache-ms, from the workers' configuration.
const cacheMs = Number((readFileSync(env.config, 'utf8').match(/cache-ms="(\d+)"/) || [])[1]);

// Views until every worker has kept the session: some views make a round trip fewer (no
// session statement) than the first view on each worker.
async function warm(client, p = '/dashboard') {
  await client.get(p);	// a new company's dashboard first stores its counts (a write)
  flushSessions();	// so each worker's first view below reads it, and keeps it
  const offset = statSync(logFile).size;
  for (let i = 0; i < VIEWS; i++) assert.equal((await client.get(p)).status, 200, `${p} while warming`);
  await sleep(100);
  const trips = tripsSince(offset, p);
  assert.equal(trips.length, VIEWS);
  assert.ok(Math.min(...trips) === Math.max(...trips) - 1 &&
    trips.filter((t) => t === Math.min(...trips)).length >= VIEWS - env.workers,
    `the session kept by the workers (round trips: ${trips})`);
  return trips;
}

// After a change that must end what the workers kept: every view, on whatever worker, is
// answered as the change says, and each worker's first view read the session from MariaDB,
// not from a row it kept. The whole sequence runs within cache-ms, so each worker's row was
// still alive when the change came.
async function seenEverywhere(client, p, t0, expect) {
  const offset = statSync(logFile).size;
  for (let i = 0; i < VIEWS; i++) expect(await client.get(p), i);
  const elapsed = Date.now() - t0;
  assert.ok(elapsed < cacheMs, `warming to the last check took ${elapsed} ms, not within cache-ms ${cacheMs}`);
  await sleep(100);
  const views = tripsSince(offset, p, true);
  assert.equal(views.length, VIEWS);
  const seen = new Set();
  for (const [pid, trips] of views) {
    if (!seen.has(pid)) assert.ok(trips >= 1, `worker ${pid} used a row kept from before the change`);
    seen.add(pid);
  }
}

// A page needing a permission (Can Add Employees) that is rendered on every view and
// writes nothing (a list page may be shown again from the worker's kept pages, test 17),
// so each view's round trips tell whether the session was kept.
const PERM_PAGE = '/employees/add';

const toLogin = (r, i) => {
  assert.equal(r.status, 303, `view ${i} after the change: ${r.status}`);
  assert.match(r.location || '', /\/login$/);
};

// SQL by hand that does not tell the workers (the tests' sql() does).
function sqlBehindTheCache(query) {
  const argv = env.mysqlCmd.trim().split(/\s+/);
  execFileSync(argv[0], [...argv.slice(1), '--batch'], { input: query, stdio: ['pipe', 'pipe', 'pipe'] });
}

test('the stack keeps sessions: cache-ms is set', () => {
  assert.ok(cacheMs >= 500, `cache-ms in ${env.config}: ${cacheMs}`);
});

test('a repeated view reads no session: the dashboard, its counts kept with it, makes no statement', async () => {
  const c = await signedIn(DEMO);
  const trips = await warm(c);
  assert.ok(trips.every((t) => t === 0 || t === 1), `round trips: ${trips}`);
  // Each worker reads the session once; every other view comes from what it kept.
  assert.ok(trips.filter((t) => t === 1).length <= env.workers, `round trips: ${trips}`);
  assert.ok(trips.filter((t) => t === 0).length >= VIEWS - env.workers, `round trips: ${trips}`);
});

test('signing out ends the session on every worker at once', async () => {
  const c = await signedIn(DEMO);
  const t0 = Date.now();
  await warm(c);
  const cookie = c.cookieHeader();	// as it was before signing out
  const out = await c.post('/logout', { _csrf: await c.csrf() });
  assert.equal(out.status, 303);
  const replay = { get: (p) => c.get(p, { headers: { Cookie: cookie } }) };
  await seenEverywhere(replay, '/dashboard', t0, toLogin);
});

test('a user removed by an administrator is signed out on every worker at once', async () => {
  const co = await freshCompany('Cache');
  const u = await addUser(co.id, { label: 'Kept' });
  const t0 = Date.now();
  await warm(u.client, PERM_PAGE);
  const r = await post(co.client, `/admin/users/${u.user}/remove`, {});
  assert.equal(r.status, 303, `remove: ${r.status}`);
  await seenEverywhere(u.client, PERM_PAGE, t0, toLogin);
});

test('a permission taken away by an administrator is gone on every worker at once', async () => {
  const co = await freshCompany('Cache');
  const u = await addUser(co.id, { label: 'Viewer' });
  const t0 = Date.now();
  await warm(u.client, PERM_PAGE);
  const r = await post(co.client, `/admin/users/${u.user}`, { level: 'company', perm: ['0'] });
  assert.equal(r.status, 303, `edit: ${r.status}`);
  await seenEverywhere(u.client, PERM_PAGE, t0, (v, i) =>
    assert.equal(v.status, 403, `view ${i} without Can Add Employees: ${v.status}`));
});

test('portalctl reset-password ends the user\'s sessions on every worker at once', async () => {
  const co = await freshCompany('Cache');
  const t0 = Date.now();
  await warm(co.client);
  portalctl('reset-password', '--email', co.email, '--password', `${co.password}-new`);
  await seenEverywhere(co.client, '/dashboard', t0, toLogin);
});

test('another user signing in, or failing to, ends nobody\'s kept session', async () => {
  const c = await signedIn(DEMO);
  const co = await freshCompany('Cache');
  const t0 = Date.now();
  const offset0 = statSync(logFile).size;
  await warm(c);
  const warmed = new Set(tripsSince(offset0, '/dashboard', true).map(([pid]) => pid));
  const wrong = new Client();
  assert.equal((await wrong.signIn(co.email, 'not-the-password')).status, 200, 'a failed sign-in');
  await signedIn({ email: co.email, password: co.password });
  const offset = statSync(logFile).size;
  for (let i = 0; i < VIEWS; i++) assert.equal((await c.get('/dashboard')).status, 200);
  assert.ok(Date.now() - t0 < cacheMs, 'within cache-ms');
  await sleep(100);
  for (const [pid, trips] of tripsSince(offset, '/dashboard', true)) {
    if (warmed.has(pid)) assert.equal(trips, 0, `worker ${pid} read the session again after the sign-ins`);
  }
});

test('SQL by hand is seen within cache-ms, and at once after portalctl flush-sessions', async () => {
  const co = await freshCompany('Cache');
  const shows = async (name) => (await co.client.get('/dashboard')).body.includes(name);
  await warm(co.client);
  const renamed = `${co.name} Renamed`;
  sqlBehindTheCache(`UPDATE companies SET name = ${q(renamed)} WHERE id = ${co.id}`);
  const t0 = Date.now();
  await sleep(cacheMs + 100);
  for (let i = 0; i < VIEWS; i++) assert.ok(await shows(renamed), `view ${i}, ${Date.now() - t0} ms after the change`);
  const again = `${co.name} Again`;
  const t1 = Date.now();
  await warm(co.client);
  sqlBehindTheCache(`UPDATE companies SET name = ${q(again)} WHERE id = ${co.id}`);
  portalctl('flush-sessions');
  await seenEverywhere({ get: (p) => co.client.get(p) }, '/dashboard', t1, (v, i) =>
    assert.ok(v.body.includes(again), `view ${i} straight after flush-sessions`));
});
