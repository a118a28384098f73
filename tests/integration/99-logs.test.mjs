// ASVS V7.1.1, V7.1.2 (and V8.3.x for logs): after the whole integration suite, no password,
// session id or full NI number is in any of the stack's logs (portald, nginx access and
// error, portalctl, MariaDB). The tests register every password they sign in with, every
// session cookie they are given and every NI number they make (tests/lib/portal.mjs,
// rememberSecret, in $PORTAL_STATE/test-secrets.txt); besides, every NI-shaped token in the
// logs is checked against every operative on the register. Runs last (99-).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

import { env, sql, sleep, signedIn, DEMO, rememberSecret, freshNi } from '../lib/portal.mjs';

let logs = []; // [{file, text}]
let secrets = []; // [{kind, value}]

function logFiles() {
  const dir = path.join(env.state, 'log');
  return readdirSync(dir).filter((f) => /\.(log|out)$/.test(f) && !/^(make|configure|autogen|make-check|make-distcheck|mariadb-install)/.test(f))
    .map((f) => path.join(dir, f));
}

// The places a value may appear in: as is, form-encoded, percent-encoded.
function spellings(v) {
  return [...new Set([v, encodeURIComponent(v), new URLSearchParams({ x: v }).toString().slice(2)])];
}

before(async () => {
  // One more sign-in and NI of this file's own, so the check is never vacuous.
  const c = await signedIn(DEMO);
  assert.equal((await c.get('/dashboard')).status, 200);
  rememberSecret('ni', freshNi());
  await sleep(1500); // nginx flushes its access log every second
  logs = logFiles().map((file) => ({ file, text: readFileSync(file, 'latin1') }));
  const reg = path.join(env.state, 'test-secrets.txt');
  secrets = existsSync(reg) ? readFileSync(reg, 'utf8').split('\n').filter(Boolean)
    .map((l) => { const i = l.indexOf('\t'); return { kind: l.slice(0, i), value: l.slice(i + 1) }; }) : [];
});

test('the logs exist and the suite registered its secrets', () => {
  const names = logs.map((l) => path.basename(l.file));
  for (const n of ['portald.log', 'nginx-access.log', 'portalctl.log']) assert.ok(names.includes(n), `no ${n}: ${names}`);
  assert.ok(logs.find((l) => l.file.endsWith('portald.log')).text.length > 1000, 'portald.log is nearly empty');
  for (const kind of ['password', 'session', 'ni']) {
    assert.ok(secrets.some((s) => s.kind === kind), `no ${kind} registered`);
  }
});

for (const kind of ['password', 'session', 'ni']) {
  test(`V7.1.1/V7.1.2: no ${kind} the tests used appears in any log`, () => {
    const found = [];
    for (const s of secrets.filter((x) => x.kind === kind)) {
      for (const sp of spellings(s.value)) {
        for (const l of logs) {
          const i = l.text.indexOf(sp);
          if (i >= 0) { found.push(`${path.basename(l.file)}: ${l.text.slice(Math.max(0, i - 80), i + sp.length + 20).replace(/\s+/g, ' ')}`); break; }
        }
      }
    }
    assert.deepEqual(found.slice(0, 10), [], `${found.length} found`);
  });
}

test('V7.1.1: no NI number of anyone on the register appears in any log', () => {
  const known = new Set(sql('SELECT ni_number FROM operatives').map((r) => r[0].toUpperCase()));
  assert.ok(known.size > 100);
  const found = [];
  const re = /(?<![A-Z0-9])([A-Z]{2})(?:\s|%20|\+)?(\d{2})(?:\s|%20|\+)?(\d{2})(?:\s|%20|\+)?(\d{2})(?:\s|%20|\+)?([A-D])(?![A-Z0-9])/gi;
  for (const l of logs) {
    for (const m of l.text.matchAll(re)) {
      const ni = (m[1] + m[2] + m[3] + m[4] + m[5]).toUpperCase();
      if (known.has(ni)) found.push(`${path.basename(l.file)}: ${l.text.slice(Math.max(0, m.index - 80), m.index + 30).replace(/\s+/g, ' ')}`);
    }
  }
  assert.deepEqual(found.slice(0, 10), [], `${found.length} found`);
});
