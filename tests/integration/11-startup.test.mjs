// portald's start-up checks, worker recycling and the SIGTERM drain, on a second
// supervisor of its own (its own socket, the stack's database), spoken to over FastCGI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, waitFor, signedIn, DEMO } from '../lib/portal.mjs';

const portald = () => {
  const p = process.env.PORTALD;
  if (!p) throw new Error('PORTALD is not set: run the tests through ./stack test');
  return p;
};
const dir = mkdtempSync(join(tmpdir(), 'portald-'));

// The stack's configuration with some of its text replaced.
function configWith(name, edit) {
  const file = join(dir, name);
  writeFileSync(file, edit(readFileSync(env.config, 'utf8')));
  return file;
}

test('portald -t accepts the stack configuration', () => {
  const r = spawnSync(portald(), ['-c', env.config, '-t'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('a module that cannot be loaded stops start-up with its name', () => {
  const file = configWith('nosuch.xml', (x) => x.replace('<module name="dashboard"/>',
    '<module name="dashboard"/><module name="nosuchmodule"/>'));
  const r = spawnSync(portald(), ['-c', file], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /module nosuchmodule cannot be loaded/);
});

test('a module built against an older portal.h (a stale .so after an upgrade) stops start-up', () => {
  // The descriptor as modules had it before it began with its interface version (PORTAL_ABI).
  const src = join(dir, 'stalemod.c');
  writeFileSync(src, 'struct old { const char *name, *prefix; const void *routes; void *init, *fini; };\n' +
    'const struct old portal_module = { "stalemod", "stale", 0, 0, 0 };\n');
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-o', join(dir, 'stalemod.so'), src], { encoding: 'utf8' });
  assert.equal(cc.status, 0, cc.stderr);
  const file = configWith('stale.xml', (x) => x.replace(/<modules dir="[^"]*">[\s\S]*?<\/modules>/,
    `<modules dir="${dir}"><module name="stalemod"/></modules>`));
  const r = spawnSync(portald(), ['-c', file, '-t'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /module stalemod \(.*stalemod\.so\) was built for another version of the portal/);
  // portalctl routes opens the same files the same way (fcgi/modopen.c): it reads no stale table.
  const ctl = spawnSync(env.portalctl, ['-c', file, 'routes'], { encoding: 'utf8', timeout: 10000 });
  assert.equal(ctl.status, 1);
  assert.equal(ctl.stdout, '');
  assert.match(ctl.stderr, /portalctl: module stalemod \(.*stalemod\.so\) was built for another version/);
});

test('a bad configuration stops start-up naming the file and line', () => {
  const file = configWith('bad.xml', (x) => x.replace(/<workers count="\d+"/, '<workers count="lots"'));
  const r = spawnSync(portald(), ['-c', file], { encoding: 'utf8', timeout: 10000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.xml:\d+: .*'lots'/);
});

function fcgiGet(sock, path, cookie = '') {
  const r = spawnSync('cgi-fcgi', ['-bind', '-connect', sock], {
    encoding: 'utf8', timeout: 10000,
    env: { ...process.env, REQUEST_METHOD: 'GET', DOCUMENT_URI: path, REQUEST_URI: path, QUERY_STRING: '',
      HTTP_COOKIE: cookie },
  });
  return r.stdout || '';
}

test('a toolbar section whose module the configuration does not load answers "not available yet"', async () => {
  // A supervisor of its own without the contracts module; the session is the stack's (same database).
  const sock = join(dir, 'partial.sock');
  const file = configWith('partial.xml', (x) => x
    .replace(/<listen>[^<]*<\/listen>/, `<listen>${sock}</listen>`)
    .replace(/<workers [^>]*\/>/, '<workers count="1" max-requests="100" shutdown-seconds="5"/>')
    .replace(/\s*<module name="contracts"\s*\/>/, ''));
  assert.doesNotMatch(readFileSync(file, 'utf8'), /name="contracts"/);
  const c = await signedIn(DEMO);
  const child = spawn(portald(), ['-c', file], { stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    await waitFor(() => existsSync(sock), 5000, 'the socket');
    const page = fcgiGet(sock, '/contracts/setup', c.cookieHeader());
    assert.match(page, /^Status: 200/);
    assert.match(page, /not available yet/);
    assert.match(page, /<nav\b/, 'no toolbar on the page');
    // Without a session: to the sign-in page, as every section.
    assert.match(fcgiGet(sock, '/contracts/setup'), /^Status: 303[\s\S]*Location: \/login/);
    // A loaded module's section is served as usual.
    assert.match(fcgiGet(sock, '/orders/attention', c.cookieHeader()), /^Status: 200[\s\S]*Orders Requiring Attention/);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

test('a worker is recycled after max-requests and SIGTERM drains the pool', async () => {
  const sock = join(dir, 'recycle.sock');
  const file = configWith('recycle.xml', (x) => x
    .replace(/<listen>[^<]*<\/listen>/, `<listen>${sock}</listen>`)
    .replace(/<workers [^>]*\/>/, '<workers count="1" max-requests="3" shutdown-seconds="5"/>'));
  const log = [];
  const child = spawn(portald(), ['-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => log.push(d.toString()));
  try {
    await waitFor(() => existsSync(sock), 5000, 'the socket');
    for (let i = 0; i < 7; i++)
      assert.match(fcgiGet(sock, '/health'), /Status: 200[\s\S]*\r\n\r\nok$/);
    const lines = await waitFor(() => {
      const l = log.join('').split('\n').filter((x) => / GET \/health 200 /.test(x));
      return l.length === 7 && l;
    }, 5000, 'seven request lines in the log');
    const pids = new Set(lines.map((l) => l.match(/\[(\d+)\]/)[1]));
    // 7 requests at 3 per worker: three workers served them.
    assert.equal(pids.size, 3, `served by ${[...pids].join(', ')}`);
    assert.match(log.join(''), /recycled after 3 requests/);
  } finally {
    const exited = new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, sig })));
    child.kill('SIGTERM');
    const { code } = await exited;
    assert.equal(code, 0, 'the supervisor exits cleanly on SIGTERM');
    assert.ok(!existsSync(sock), 'the socket is removed');
    assert.match(log.join(''), /stopping: draining/);
  }
});
