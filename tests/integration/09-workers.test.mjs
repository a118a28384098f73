// The worker pool: a killed worker is replaced within a second; SIGHUP replaces every
// worker while requests keep succeeding.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, workerPids, supervisorPid, isAlive, waitFor, sleep, env, DEMO } from '../lib/portal.mjs';

before(async () => {
  await waitFor(() => workerPids().length === env.workers, 5000, `${env.workers} workers`);
});

test(`the supervisor has ${env.workers} workers`, () => {
  assert.ok(isAlive(supervisorPid()), 'the supervisor is not running');
  assert.equal(workerPids().length, env.workers);
});

test('a worker killed with SIGKILL is replaced within 1 s and the next request succeeds', async () => {
  const before = workerPids();
  const victim = before[0];
  process.kill(victim, 'SIGKILL');
  const t0 = Date.now();
  const now = await waitFor(() => {
    const p = workerPids();
    return p.length === env.workers && !p.includes(victim) && p;
  }, 1000, 'a replacement worker');
  const elapsed = Date.now() - t0;
  const added = now.filter((p) => !before.includes(p));
  assert.equal(added.length, 1, `new workers: ${added}`);
  const r = await new Client().get('/health');
  assert.equal(r.status, 200);
  const c = await signedIn(DEMO);
  assert.equal((await c.get('/dashboard')).status, 200);
  assert.ok(elapsed <= 1000, `replaced after ${elapsed} ms`);
});

test('two workers killed at once are both replaced', async () => {
  const before = workerPids();
  process.kill(before[0], 'SIGKILL');
  process.kill(before[1], 'SIGKILL');
  await waitFor(() => {
    const p = workerPids();
    return p.length === env.workers && !p.includes(before[0]) && !p.includes(before[1]);
  }, 2000, 'two replacement workers');
  assert.equal((await new Client().get('/health')).status, 200);
});

test('SIGHUP replaces every worker while requests keep succeeding', async () => {
  const c = await signedIn(DEMO);
  const before = workerPids();
  const failures = [];
  let requests = 0;
  let stop = false;
  const loop = async (path, client) => {
    while (!stop) {
      try {
        const r = await client.get(path);
        requests++;
        if (r.status !== 200) failures.push(`${path}: ${r.status}`);
      } catch (e) {
        failures.push(`${path}: ${e.message}`);
      }
    }
  };
  const loops = [loop('/health', new Client()), loop('/dashboard', c), loop('/login', new Client()), loop('/dashboard', c)];
  await sleep(300);
  process.kill(supervisorPid(), 'SIGHUP');
  let replaced;
  try {
    replaced = await waitFor(() => {
      const p = workerPids();
      return p.length === env.workers && p.every((x) => !before.includes(x)) && p;
    }, 15000, 'every worker replaced after SIGHUP');
    await sleep(500);
  } finally {
    stop = true;
    await Promise.all(loops);
  }
  assert.ok(isAlive(supervisorPid()), 'the supervisor exited on SIGHUP');
  assert.equal(replaced.length, env.workers);
  assert.ok(requests > 20, `only ${requests} requests during the reload`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${requests} requests failed during the reload`);
  for (const p of before) assert.ok(!isAlive(p), `old worker ${p} still running`);
});
