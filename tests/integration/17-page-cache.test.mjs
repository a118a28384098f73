// The page cache (fcgi/pagecache.h): a worker shows a session a list page it made for it
// again, with no statement, for up to page-cache-ms (1000 in the stack); any change to the
// company's data through the portal or portalctl, a global change (sign-out, permissions) or,
// for a contract's pages, any change on the host is seen by the very next view on every
// worker; a kept page is only ever shown to the session it was made for, after the session
// and the route's permission are checked again; a one-time message is never lost to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  env, Client, freshCompany, addUser, sleep, sql, sqlValue, csrfFrom, pageText, createOperative, employ, portalctl,
  lookup,
} from '../lib/portal.mjs';
import { post } from '../lib/users.mjs';
import { sharedContract, addWorker, employee, workerRows } from '../lib/contracts.mjs';

const logFile = path.join(process.env.PORTAL_LOG_DIR || path.join(env.state, 'log'), 'portald.log');
const VIEWS = 4 * env.workers;	// enough that every worker serves some twice
const pageCacheMs = Number((readFileSync(env.config, 'utf8').match(/page-cache-ms="(\d+)"/) || [])[1]);

// Each logged GET of pathName after offset: {pid, trips (less prepares), kept}.
function viewsSince(offset, pathName) {
  const out = [];
  for (const line of readFileSync(logFile, 'utf8').slice(offset).split('\n')) {
    const m = line.match(/\[(\d+)\] \S+ \S+ GET (\S+) (\d{3}) [\d.]+ms sql=(\d+) prep=(\d+)( page=kept)?$/);
    if (m && m[2] === pathName) out.push({ pid: m[1], trips: Number(m[4]) - Number(m[5]), kept: !!m[6] });
  }
  return out;
}

async function views(client, p, n = VIEWS) {
  const offset = statSync(logFile).size;
  const bodies = [];
  for (let i = 0; i < n; i++) {
    const r = await client.get(p);
    assert.equal(r.status, 200, `${p}: view ${i}`);
    bodies.push(r.body);
  }
  await sleep(100);
  return { bodies, logged: viewsSince(offset, p.split('?')[0]) };
}

// Views until every worker keeps the page: all but each worker's first are kept, with no statement.
async function warm(client, p) {
  await client.get(p);	// shows, and so ends, any one-time message left by what came before
  const { bodies, logged } = await views(client, p);
  assert.equal(logged.length, VIEWS);
  const kept = logged.filter((v) => v.kept);
  assert.ok(kept.length >= VIEWS - env.workers, `kept views: ${kept.length} of ${VIEWS} (${JSON.stringify(logged)})`);
  // Nothing but the session's statement, when its kept row (cache-ms) ended before the page.
  assert.ok(kept.every((v) => v.trips <= 1), 'a kept page asked MariaDB more than the session');
  assert.ok(kept.filter((v) => v.trips === 0).length >= VIEWS / 2, 'no view without a statement at all');
  assert.ok(bodies.every((b) => b === bodies[0]), 'a kept page differs from the page as rendered');
  return bodies[0];
}

// After a change: no worker shows the page it kept before; every view says what check() wants.
async function seenEverywhere(client, p, t0, check) {
  const { bodies, logged } = await views(client, p);
  assert.ok(Date.now() - t0 < pageCacheMs, `the sequence took ${Date.now() - t0} ms, not within page-cache-ms`);
  bodies.forEach((b, i) => check(b, i));
  const seen = new Set();
  for (const v of logged) {
    if (!seen.has(v.pid)) assert.ok(!v.kept && v.trips >= 1, `worker ${v.pid} showed the page kept from before the change`);
    seen.add(v.pid);
  }
}

function sqlBehindTheCache(query) {
  const argv = env.mysqlCmd.trim().split(/\s+/);
  execFileSync(argv[0], [...argv.slice(1), '--batch'], { input: query, stdio: ['pipe', 'pipe', 'pipe'] });
}

// A company with one employee (its own operative), signed in.
async function companyWithEmployee(label) {
  const co = await freshCompany(label);
  const op = createOperative({ first: 'Kept', last: `Page${label}` });
  employ(op.id, co.id, co.office);
  return { co, op };
}

test('the stack keeps pages: page-cache-ms is set', () => {
  assert.ok(pageCacheMs >= 500, `page-cache-ms in ${env.config}: ${pageCacheMs}`);
});

test('a repeated view of a list is the page as rendered, with no statement; another query is another page', async () => {
  const { co } = await companyWithEmployee('Pages');
  const first = await warm(co.client, '/employees/current');
  assert.ok(pageText(first).includes('PagePages, Kept'), 'the employee is listed');
  const { logged } = await views(co.client, '/employees/current?sort=expiry', 1);
  assert.equal(logged.length, 1);
  assert.ok(!logged[0].kept, 'another sort order was answered with the page kept for the first');
  await warm(co.client, '/employees/current?sort=expiry');
  await warm(co.client, '/orders/history');
  await warm(co.client, '/applications/attention');
});

test('a change by another user of the company is seen by the next view on every worker', async () => {
  const { co, op } = await companyWithEmployee('Change');
  const other = await addUser(co.id, { label: 'Colleague' });
  const t0 = Date.now();
  const before = await warm(co.client, `/employees/${op.id}`);
  assert.ok(!before.includes('01632 960123'));
  const page = await other.client.get(`/employees/${op.id}`);
  const r = await other.client.post(`/employees/${op.id}/contact`, {
    _csrf: csrfFrom(page.body), address_line1: '1 Kept Street', address_line2: '', town: 'Norwich',
    postcode: 'NR1 3QQ', business_phone: '01632 960123', business_email: '',
  });
  assert.equal(r.status, 303, `contact: ${r.status}`);
  await seenEverywhere(co.client, `/employees/${op.id}`, t0, (b, i) =>
    assert.ok(b.includes('01632 960123'), `view ${i} shows the old contact details`));
});

test('another company\'s change ends none of this company\'s kept pages', async () => {
  const { co } = await companyWithEmployee('Mine');
  const { co: them, op: theirs } = await companyWithEmployee('Theirs');
  await warm(co.client, '/employees/current');
  const page = await them.client.get(`/employees/${theirs.id}`);
  const r = await them.client.post(`/employees/${theirs.id}/contact`, {
    _csrf: csrfFrom(page.body), address_line1: '2 Other Road', address_line2: '', town: 'Leeds',
    postcode: 'LS1 4AP', business_phone: '', business_email: '',
  });
  assert.equal(r.status, 303);
  const { logged } = await views(co.client, '/employees/current');
  assert.ok(logged.every((v) => v.kept), `views after another company's change: ${JSON.stringify(logged)}`);
});

// A lookup adds only its own rows (and an audit row), which no kept page shows.
test('a colleague\'s lookup ends none of the company\'s kept pages', async () => {
  const { co } = await companyWithEmployee('Looked');
  const mate = await addUser(co.id, { label: 'Lookermate' });
  await warm(co.client, '/employees/current');
  const r = await lookup(mate.client, { ni: 'AB123456C', dob: '01/01/1980', last_name: 'Anyone' });
  assert.match(r.body, /id="(found|not-found)"/);
  const { logged } = await views(co.client, '/employees/current');
  assert.ok(logged.every((v) => v.kept), `views after a lookup: ${JSON.stringify(logged)}`);
});

test('a one-time message is shown, not lost to a kept page', async () => {
  const { co } = await companyWithEmployee('Flash');
  await warm(co.client, '/employees/current');
  // A search that no longer opens: a message and back to the list, with nothing written.
  const r = await co.client.get('/employees/current/export?s=bogus');
  assert.equal(r.status, 303, `export of a stale search: ${r.status}`);
  assert.match(r.location || '', /\/employees\/current/);
  // A HEAD first (a link checker, a prefetch): it must not use the message up.
  const head = await co.client.request('HEAD', '/employees/current');
  assert.equal(head.status, 200);
  assert.ok(!head.cookies.some((c) => c.name === 'portal_flash'), 'a HEAD cleared the message');
  const { bodies, logged } = await views(co.client, '/employees/current', 2);
  assert.ok(pageText(bodies[0]).includes('Your search has expired'), 'the message was not shown');
  assert.ok(!logged[0].kept, 'the view with the message was a kept page');
  assert.ok(!pageText(bodies[1]).includes('Your search has expired'), 'the message shown twice');
});

test('a user moved to one office sees only its employees at once, on every worker', async () => {
  const { co } = await companyWithEmployee('Scope');
  sql(`INSERT INTO offices (company_id, name) VALUES (${co.id}, 'Far Office')`);
  const far = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = 'Far Office'`);
  const u = await addUser(co.id, { label: 'Mover' });
  const t0 = Date.now();
  assert.ok(pageText(await warm(u.client, '/employees/current')).includes('PageScope, Kept'));
  const r = await post(co.client, `/admin/users/${u.user}`, { level: `office:${far}`, perm: ['0'] });
  assert.equal(r.status, 303, `edit: ${r.status}`);
  assert.equal(sqlValue(`SELECT office_id FROM memberships WHERE user_id = ${u.user}`), far);
  await seenEverywhere(u.client, '/employees/current', t0, (b, i) =>
    assert.ok(!pageText(b).includes('PageScope, Kept'), `view ${i} lists an employee of another office`));
});

test('a kept page is never shown to another session, even the same user\'s', async () => {
  const { co } = await companyWithEmployee('Own');
  const mine = await warm(co.client, '/employees/current');
  const second = new Client();
  await second.signInOk({ email: co.email, password: co.password });
  const { bodies, logged } = await views(second, '/employees/current', 1);
  assert.equal(logged.length, 1);
  assert.ok(!logged[0].kept, 'the first view of a second session was a page kept for the first');
  assert.notEqual(csrfFrom(bodies[0]), csrfFrom(mine), 'the second session got the first\'s form token');
});

test('signing out, or losing the permission, ends every kept page at once', async () => {
  const { co } = await companyWithEmployee('Gone');
  const u = await addUser(co.id, { label: 'Lister' });
  let t0 = Date.now();
  await warm(u.client, '/employees/current');
  const r = await post(co.client, `/admin/users/${u.user}`, { level: 'company', perm: ['1'] });
  assert.equal(r.status, 303, `edit: ${r.status}`);
  const offset = statSync(logFile).size;
  for (let i = 0; i < VIEWS; i++) {
    assert.equal((await u.client.get('/employees/current')).status, 403, `view ${i} without Can View Employees`);
  }
  assert.ok(Date.now() - t0 < pageCacheMs, 'within page-cache-ms');
  await sleep(100);
  assert.ok(viewsSince(offset, '/employees/current').every((v) => !v.kept));

  t0 = Date.now();
  await warm(co.client, '/employees/current');
  const cookie = co.client.cookieHeader();
  const out = await co.client.post('/logout', { _csrf: await co.client.csrf() });
  assert.equal(out.status, 303);
  for (let i = 0; i < VIEWS; i++) {
    const v = await co.client.get('/employees/current', { headers: { Cookie: cookie } });
    assert.equal(v.status, 303, `view ${i} after signing out`);
    assert.match(v.location || '', /\/login$/);
  }
  assert.ok(Date.now() - t0 < pageCacheMs, 'within page-cache-ms');
});

test('a contract\'s page shows the other party\'s change at once', async () => {
  const co = await freshCompany('Client');
  const sub = await freshCompany('Sub');
  const id = await sharedContract(co, sub);
  const op = employee(sub, { last: 'Subbie' });
  const t0 = Date.now();
  const before = await warm(co.client, `/contracts/${id}`);
  assert.ok(!('Subbie, Con' in workerRows(before)));
  assert.equal((await addWorker(sub.client, id, op.ni)).status, 303);
  await seenEverywhere(co.client, `/contracts/${id}`, t0, (b, i) =>
    assert.ok('Subbie, Con' in workerRows(b), `view ${i} does not list the subcontractor's worker`));
});

test('portalctl\'s changes are seen at once; SQL by hand within page-cache-ms', async () => {
  const { co, op } = await companyWithEmployee('Ctl');
  let t0 = Date.now();
  await warm(co.client, '/employees/current');
  portalctl('flush-sessions');
  await seenEverywhere(co.client, '/employees/current', t0, () => {});

  await warm(co.client, '/employees/current');
  sqlBehindTheCache(`UPDATE operatives SET last_name = 'Renamedbyhand' WHERE id = ${op.id}`);
  t0 = Date.now();
  await sleep(pageCacheMs + 100);
  const { bodies } = await views(co.client, '/employees/current');
  bodies.forEach((b, i) => assert.ok(pageText(b).includes('Renamedbyhand, Kept'),
    `view ${i}, ${Date.now() - t0} ms after the change`));
});
