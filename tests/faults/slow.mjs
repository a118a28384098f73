// Slow clients (./stack faults; a short run in ./stack test): the p99 of a stream of normal
// requests (signed-in dashboards, 4 at a time, 10 ms apart) alone, then while slowhttptest holds thousands
// of connections open sending headers a byte at a time (slowloris) and then slow bodies
// (slow POST). Normal requests must keep their p99 (at most twice the baseline, or 50 ms more,
// whichever is larger) and fail none; with --check (./stack test) the bounds are looser (below).
//
//   node tests/faults/slow.mjs [--seconds 10] [--connections 3000] [--check]
import { spawn } from 'node:child_process';

import { env, signedIn, DEMO, sleep } from '../lib/portal.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const SECONDS = Number(opt('seconds', 10));
const CONNECTIONS = Number(opt('connections', 3000));
const CHECK = args.includes('--check');
const log = (...a) => console.error('[slow]', ...a);

function pct(sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN; }

async function stream(clients, ms) {
  const times = [];
  let errors = 0;
  const end = Date.now() + ms;
  await Promise.all(clients.map(async (c) => {
    while (Date.now() < end) {
      const t = process.hrtime.bigint();
      try {
        const r = await c.get('/dashboard');
        if (r.status !== 200) errors++;
      } catch { errors++; }
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      await sleep(10); // a steady stream (~300/s), not a saturating one: latency, not queueing
    }
  }));
  times.sort((a, b) => a - b);
  return { requests: times.length, errors, p50: +pct(times, 0.5).toFixed(2), p99: +pct(times, 0.99).toFixed(2) };
}

// slowhttptest in the background: -H slowloris (headers), -B slow POST bodies.
function attack(mode) {
  const argv = [mode, '-c', String(CONNECTIONS), '-r', '1000', '-i', '5', '-l', String(SECONDS + 20),
    '-s', '8192', '-t', mode === '-B' ? 'POST' : 'GET', '-u', `${env.url}/login`, '-x', '24', '-p', '5'];
  // Niced: a real attacker's sockets cost this machine's CPU nothing; here it shares the two
  // cores with the stack, and its aligned bursts of sends would be what the stream measures.
  const p = spawn('nice', ['-n', '19', 'slowhttptest', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  return { p, output: () => out, argv };
}

function connectedNow(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const m = [...plain.matchAll(/connected:\s+(\d+)/g)];
  return m.reduce((mx, x) => Math.max(mx, Number(x[1])), 0); // the most held at once
}

async function run() {
  const clients = await Promise.all([0, 1, 2, 3].map(() => signedIn(DEMO)));
  await stream(clients, 1000); // warm
  const results = {};
  for (const [mode, name] of [['-H', 'slowloris'], ['-B', 'slow POST']]) {
    // The baseline right before each attack: the machine is shared, its load changes.
    const base = await stream(clients, SECONDS * 1000);
    log(`baseline: ${JSON.stringify(base)}`);
    results[`${name} baseline`] = base;
    const a = attack(mode);
    await sleep(5000); // let it open its connections
    const during = await stream(clients, SECONDS * 1000);
    a.p.kill('SIGINT');
    await new Promise((r) => { a.p.on('exit', r); setTimeout(r, 3000); });
    const held = connectedNow(a.output()); // its report is written (buffered) as it stops
    log(`${name} (slowhttptest ${a.argv.join(' ')}): ${held} connections held; normal stream: ${JSON.stringify(during)}`);
    results[name] = { ...during, held, baseP99: base.p99 };
    await sleep(1000);
  }
  return results;
}

// The target: a p99 within twice the baseline, or 50 ms more (./stack faults reports it).
const allowed = (base) => Math.max(2 * base.p99, base.p99 + 50);
// ./stack test (--check) runs on two cores shared with other runs, where a p99 of a few
// hundred requests swings by 2-3 times on its own: it asserts what exhausting nginx did
// (every other request reset, or stalls of seconds): no error, the median kept, no p99 over
// three times the baseline or 150 ms more.
const allowedMedian = (base) => Math.max(2 * base.p50, base.p50 + 10);
const allowedLoose = (base) => Math.max(3 * base.p99, base.p99 + 150);

if (CHECK) {
  const { test } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;
  let res;
  test('slow clients: a baseline stream of dashboards', { timeout: (SECONDS * 3 + 60) * 1000 }, async () => {
    res = await run();
    console.log(JSON.stringify(res));
    assert.equal(res['slowloris baseline'].errors, 0);
    assert.equal(res['slow POST baseline'].errors, 0);
  });
  for (const name of ['slowloris', 'slow POST']) {
    test(`slow clients: during ${name} normal requests fail none and keep their median and p99 (loose bounds)`, () => {
      const r = res[name];
      assert.ok(r.held > 1024, `slowhttptest held only ${r.held} connections`);
      assert.equal(r.errors, 0);
      const base = res[`${name} baseline`];
      assert.ok(r.p50 <= allowedMedian(base), `p50 ${r.p50} ms against ${base.p50} ms alone`);
      assert.ok(r.p99 <= allowedLoose(base), `p99 ${r.p99} ms against ${base.p99} ms alone`);
    });
  }
} else {
  const res = await run();
  console.log(JSON.stringify(res, null, 2));
  const good = ['slowloris', 'slow POST'].every((n) => res[n].errors === 0 && res[n].p99 <= allowed(res[`${n} baseline`]));
  console.log(good ? 'slow clients: normal requests kept their p99' : 'slow clients: a target was missed');
  process.exit(good ? 0 : 1);
}
