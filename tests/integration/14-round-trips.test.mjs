// The database round trips a page view makes, from the workers' log (sql=N, prep=M of them
// preparing a statement, which each worker does once): at most three for the dashboard and
// the list pages once prepared (the session, the page's data, at most one more), whatever
// the number of rows. Each view is measured with the session read from MariaDB (the
// worker's kept row flushed first, as any change does); with it kept, one fewer (test 15).
// Not a timing test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { env, signedIn, DEMO, sleep, freshCompany, flushSessions } from '../lib/portal.mjs';
import { createContract, addWorker, employee } from '../lib/contracts.mjs';

const logFile = path.join(process.env.PORTAL_LOG_DIR || path.join(env.state, 'log'), 'portald.log');

// The round trips (less the prepares) of each logged view of path after offset.
function tripsSince(offset, pathName) {
  const text = readFileSync(logFile, 'utf8').slice(offset);
  const out = [];
  for (const line of text.split('\n')) {
    const m = line.match(/ GET (\S+) 200 [\d.]+ms sql=(\d+) prep=(\d+)/);
    if (m && m[1] === pathName) out.push(Number(m[2]) - Number(m[3]));
  }
  return out;
}

test('each main page makes at most three round trips', async () => {
  const c = await signedIn(DEMO);
  const pages = ['/dashboard', '/employees/current', '/employees/expiring', '/applications/attention',
    '/applications/produced', '/applications/completed', '/orders/attention', '/orders/history'];
  await assertTrips(c, pages);
});

test('a contract\'s page (with its workers and compliance) and an employee\'s page: at most three', async () => {
  const co = await freshCompany('Trips');
  const { id } = await createContract(co.client);
  assert.ok(id, 'contract created');
  const people = [employee(co), employee(co, { card: null }), employee(co, { card: { days: 10 } })];
  for (const op of people) assert.equal((await addWorker(co.client, id, op.ni)).status, 303);
  await assertTrips(co.client, [`/contracts/${id}`, `/employees/${people[0].id}`]);
});

async function assertTrips(c, pages) {
  for (const p of pages) await c.get(p);	// counts recomputed after earlier tests' changes
  const offset = statSync(logFile).size;
  for (const p of pages) {
    flushSessions();
    const r = await c.get(p);
    assert.equal(r.status, 200, `${p}: ${r.status}`);
  }
  await sleep(200);
  for (const p of pages) {
    const trips = tripsSince(offset, p);
    assert.equal(trips.length, 1, `${p}: one log line with sql= (found ${trips.length})`);
    assert.ok(trips[0] >= 1 && trips[0] <= 3, `${p}: ${trips[0]} round trips`);
  }
}

// The dashboard's stored counts come in the session's own statement (session_read):
// once they are stored, a view is that one statement.
test('the dashboard, its counts stored, is one round trip', async () => {
  const c = await signedIn(DEMO);
  await c.get('/dashboard');	// stores the counts if an earlier test changed them
  const offset = statSync(logFile).size;
  flushSessions();
  const r = await c.get('/dashboard');
  assert.equal(r.status, 200);
  assert.match(r.body, /Dashboard/);
  await sleep(200);
  const trips = tripsSince(offset, '/dashboard');
  assert.deepEqual(trips, [1], `the dashboard's round trips: ${trips}`);
});
