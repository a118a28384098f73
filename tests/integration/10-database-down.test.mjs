// MariaDB stopped: 503 pages with an incident reference, workers keep running; started again:
// the same session works within 2 s. Last, as it stops the database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, workerPids, waitFor, stackCommand, textById, pageText, env, DEMO, flushSessions } from '../lib/portal.mjs';

let client;
let pids;
let dbStopped = false;

before(async () => {
  client = await signedIn(DEMO);
  assert.equal((await client.get('/dashboard')).status, 200);
  pids = await waitFor(() => { const p = workerPids(); return p.length === env.workers && p; }, 5000, 'workers');
});

after(() => {
  // Leave the database running for whatever comes next, even after a failure.
  if (dbStopped) stackCommand(env.dbStart);
});

const INTERNAL = /mysql|mariadb|\bsql\b|select |errno|can't connect|socket|\.c:\d+|segmentation|stack trace|server has gone away/i;

test('with MariaDB stopped: /dashboard answers a 503 page with an incident reference', async () => {
  stackCommand(env.dbStop);
  dbStopped = true;
  // A worker keeps a session's row up to cache-ms and would show the dashboard from it
  // without MariaDB; here every view must ask MariaDB.
  flushSessions();
  const r = await client.get('/dashboard');
  assert.equal(r.status, 503);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
  const incident = textById(r.body, 'incident');
  assert.ok(incident && incident.length >= 6, `no incident reference (id="incident"): ${incident}`);
  const text = pageText(r.body);
  assert.ok(!INTERNAL.test(text), `internal detail on the page: ${text.match(INTERNAL)?.[0]}`);
});

test('with MariaDB stopped: every worker answers 503, /health is 200, and no worker exits', async () => {
  for (let round = 0; round < 3; round++) {
    const rs = await Promise.all(Array.from({ length: 8 }, () => client.get('/dashboard')));
    for (const r of rs) assert.equal(r.status, 503);
  }
  const h = await new Client().get('/health');
  assert.equal(h.status, 200);
  assert.equal(h.body.trim(), 'ok');
  assert.deepEqual(workerPids(), pids, 'worker PIDs changed while the database was down');
});

test('with MariaDB stopped: signing in answers 503, not a crash', async () => {
  const c = new Client();
  const page = await c.get('/login');
  assert.ok([200, 503].includes(page.status), `GET /login: ${page.status}`);
  if (page.status === 200) {
    const r = await c.signIn(DEMO.email, DEMO.password);
    assert.equal(r.status, 503, `POST /login: ${r.status}`);
  }
  assert.deepEqual(workerPids(), pids);
});

test('MariaDB started again: within 2 s the same session reaches the dashboard on every worker', async () => {
  stackCommand(env.dbStart);
  dbStopped = false;
  const t0 = Date.now();
  await waitFor(async () => (await client.get('/dashboard')).status === 200, 2000, '/dashboard 200 after the restart', 100);
  const took = Date.now() - t0;
  for (let round = 0; round < 3; round++) {
    const rs = await Promise.all(Array.from({ length: 8 }, () => client.get('/dashboard')));
    assert.deepEqual(rs.map((r) => r.status), Array(8).fill(200));
  }
  const r = await client.get('/dashboard');
  assert.ok(pageText(r.body).includes('ECS Check Company 2'));
  assert.deepEqual(workerPids(), pids, 'worker PIDs changed');
  assert.ok(took <= 2000, `took ${took} ms`);
});
