// nginx rate-limits POST /employees/lookup per client address (10/s, burst 40): hammered, it
// answers 429 before the portal sees the request (no lookup recorded), while other URLs still
// answer. Last of the employees files: it empties the per-address bucket, so it waits for the
// bucket to refill before it ends (the browser test looks people up afterwards).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { sqlValue, freshCompany, createOperative, lookup, sleep } from '../lib/portal.mjs';

after(async () => {
  await sleep(5000);
});

test('hammering /employees/lookup gets 429 from nginx; refused requests record no lookup', async () => {
  const co = await freshCompany('Hammer');
  const p = createOperative({ first: 'Ham', last: 'Mered', dob: '1979-09-09' });
  const csrf = await co.client.csrf('/employees/add');
  const rows0 = Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${co.user}`));
  const N = 120;
  const results = await Promise.all(Array.from({ length: N }, () => co.client.post('/employees/lookup', {
    _csrf: csrf, ni: p.ni, dob: p.dobDmy, last_name: p.last,
  })));
  const statuses = results.map((r) => r.status);
  const limited = results.filter((r) => r.status === 429);
  const served = results.filter((r) => r.status === 200);
  assert.ok(limited.length > 0, `no 429 among ${N} simultaneous lookups: ${[...new Set(statuses)].join(',')}`);
  assert.ok(served.length >= 1, 'every lookup was refused');
  assert.equal(limited.length + served.length, N, `other statuses: ${[...new Set(statuses)].join(',')}`);
  assert.ok(served.length <= 55, `${served.length} lookups got through a burst of 40`);
  for (const r of served) assert.match(r.body, /id="found"/);
  const rows = Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${co.user}`)) - rows0;
  assert.equal(rows, served.length, 'lookups recorded for requests nginx refused (or not for ones served)');
  // Other URLs are not limited meanwhile.
  const add = await co.client.get('/employees/add');
  assert.equal(add.status, 200);
  // The bucket refills: after a pause a lookup works again.
  await sleep(1500);
  const again = await lookup(co.client, { ni: p.ni, dob: p.dobDmy, last_name: p.last }, { retry429: false });
  assert.equal(again.status, 200, 'still refused after the pause');
});

// The portal takes /employees/lookup/ and /employees/lookup%2F for the same route; nginx's
// limit covers them too (it matches the decoded path by prefix).
test('the same through /employees/lookup/ and /employees/lookup%2F: limited alike', async () => {
  await sleep(5000);	// the bucket refilled after the test above
  const co = await freshCompany('Hammerslash');
  const p = createOperative({ first: 'Ham', last: 'Slashed', dob: '1979-09-10' });
  const csrf = await co.client.csrf('/employees/add');
  const N = 120;
  const results = await Promise.all(Array.from({ length: N }, (_, i) => co.client.post(
    i % 2 ? '/employees/lookup/' : '/employees/lookup%2F', { _csrf: csrf, ni: p.ni, dob: p.dobDmy, last_name: p.last })));
  const statuses = results.map((r) => r.status);
  const limited = results.filter((r) => r.status === 429).length;
  const served = results.filter((r) => r.status === 200);
  assert.ok(limited > 0, `no 429 among ${N}: ${[...new Set(statuses)].join(',')}`);
  assert.equal(limited + served.length, N, `other statuses: ${[...new Set(statuses)].join(',')}`);
  assert.ok(served.length <= 55, `${served.length} lookups got through a burst of 40`);
  for (const r of served) assert.match(r.body, /id="found"/);
});
