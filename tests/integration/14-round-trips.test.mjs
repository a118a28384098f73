// The database round trips a page view makes, from the workers' log (sql=N, prep=M of them
// preparing a statement, which each worker does once): at most three for the dashboard and
// the list pages once prepared (the session, the page's data, at most one more), whatever
// the number of rows. Each view is measured with the session read from MariaDB (the
// worker's kept row flushed first, as any change does); with it kept, one fewer (test 15).
// The two POSTs the benchmark measures, the lookup and an application step, are held to the
// same three. Not a timing test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  env, signedIn, DEMO, sleep, freshCompany, flushSessions, createOperative, freshNi, lookup, fakeLookups,
  applicationFixture, appCsrf, textById,
} from '../lib/portal.mjs';
import { createContract, addWorker, employee } from '../lib/contracts.mjs';

const logFile = path.join(process.env.PORTAL_LOG_DIR || path.join(env.state, 'log'), 'portald.log');

// The round trips (less the prepares) of each logged request of path after offset.
function tripsSince(offset, pathName, { method = 'GET', status = 200 } = {}) {
  const text = readFileSync(logFile, 'utf8').slice(offset);
  const line = new RegExp(` ${method} (\\S+) ${status} [\\d.]+ms sql=(\\d+) prep=(\\d+)`);
  const out = [];
  for (const l of text.split('\n')) {
    const m = l.match(line);
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

// Each request with the session read from MariaDB (flushed first). The lookup is one CALL
// (sql/migrations/0026) and its page one statement; the step one UPDATE after the
// application's own row, also when the details are the same again.
test('the lookup POST (found, not found, refused) and a step POST: at most three round trips', async () => {
  const co = await freshCompany('Tripslookup');
  const p = createOperative({ first: 'Trip', last: 'Counter' });
  const foundForm = { ni: p.ni, dob: p.dobDmy, last_name: p.last };
  const newForm = { ni: freshNi(), dob: '01/01/1980', last_name: 'Nobody' };
  await lookup(co.client, foundForm);	// the statements prepared
  await lookup(co.client, newForm);
  let offset = statSync(logFile).size;
  flushSessions();
  const found = await lookup(co.client, foundForm);
  assert.match(found.body, /id="found"/);
  flushSessions();
  const notFound = await lookup(co.client, newForm);
  assert.match(notFound.body, /id="not-found"/);
  fakeLookups(co.id, co.user, 60);
  flushSessions();
  const refused = await lookup(co.client, foundForm);
  assert.match(textById(refused.body, 'form-error') || '', /reached the limit of 60 lookups an hour/);
  await sleep(200);
  const lookups = tripsSince(offset, '/employees/lookup', { method: 'POST' });
  assert.equal(lookups.length, 3, `three lookups logged (${lookups})`);
  for (const n of lookups) assert.ok(n >= 1 && n <= 3, `a lookup: ${n} round trips (${lookups})`);

  const { co: aco, appId } = await applicationFixture({ label: 'Tripsstep' });
  const step = `/applications/${appId}/step1`;
  const fields = { business_phone: '0113 496 0000', business_email: 'trips@example.test', delivery_office_id: aco.office };
  const csrf = await appCsrf(aco.client);
  await aco.client.post(step, { _csrf: csrf, ...fields });	// prepared
  offset = statSync(logFile).size;
  for (const phone of ['0113 496 0001', '0113 496 0001']) {	// changed, then the same again
    flushSessions();
    const r = await aco.client.post(step, { _csrf: csrf, ...fields, business_phone: phone });
    assert.equal(r.status, 303, `step 1 saved: ${r.status}`);
  }
  await sleep(200);
  const steps = tripsSince(offset, step, { method: 'POST', status: 303 });
  assert.equal(steps.length, 2, `two step POSTs logged (${steps})`);
  for (const n of steps) assert.ok(n >= 1 && n <= 3, `a step POST: ${n} round trips (${steps})`);
});
