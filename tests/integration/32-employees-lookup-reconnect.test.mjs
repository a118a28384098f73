// A worker's connection closed by the server while idle (a restart, a kill, an idle timeout):
// a lookup whose CALL is the first statement of its request (the session kept by the worker)
// reconnects and is made once. fcgi/db.c sends a write again only when it cannot have run
// (refused before it was sent, as here), never when its answer was lost. The connections are
// killed behind the workers' backs, with no flush of their kept sessions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { env, sqlValue, freshCompany, createOperative, lookup } from '../lib/portal.mjs';

function killIdleConnections() {
  const argv = env.mysqlCmd.trim().split(/\s+/);
  const run = (q) => execFileSync(argv[0], [...argv.slice(1), '--batch', '--skip-column-names'],
    { input: q, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  const ids = run("SELECT id FROM information_schema.processlist WHERE command = 'Sleep' AND db = DATABASE() AND id <> CONNECTION_ID()")
    .split('\n').filter(Boolean);
  for (const id of ids) {
    try { run(`KILL CONNECTION ${id}`); } catch { /* gone meanwhile */ }
  }
  return ids.length;
}

test('connections closed while idle: the next lookups, on every worker, are each made once', async () => {
  const co = await freshCompany('Reconnect');
  const p = createOperative({ first: 'Re', last: 'Connected', dob: '1981-01-01' });
  const form = { ni: p.ni, dob: p.dobDmy, last_name: p.last };
  const rows = () => Number(sqlValue(`SELECT COUNT(*) FROM employee_lookups WHERE user_id = ${co.user}`));
  // Every worker: the session kept, the CALL prepared.
  await Promise.all(Array.from({ length: 4 * env.workers }, () => lookup(co.client, form)));
  const before = rows();
  assert.ok(killIdleConnections() >= 1, 'no idle connection of the workers to close');
  const rs = await Promise.all(Array.from({ length: 2 * env.workers }, () => lookup(co.client, form)));
  assert.deepEqual(rs.map((r) => r.status), Array(2 * env.workers).fill(200));
  for (const r of rs) assert.match(r.body, /id="found"/);
  assert.equal(rows(), before + 2 * env.workers, 'a lookup was lost or made twice');
});
