// Malformed and oversized requests through nginx: the right 4xx, never a 5xx, never a dead worker.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, rawRequest, hostHeader, workerPids, waitFor, env } from '../lib/portal.mjs';

let pidsBefore;

before(async () => {
  pidsBefore = await waitFor(() => { const p = workerPids(); return p.length === env.workers && p; },
    5000, `${env.workers} workers`);
});

function post(path, contentType, body, extra = '') {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  return rawRequest(Buffer.concat([
    Buffer.from(`POST ${path} HTTP/1.1\r\nHost: ${hostHeader()}\r\nContent-Type: ${contentType}\r\n` +
      `Content-Length: ${b.length}\r\n${extra}Connection: close\r\n\r\n`, 'latin1'), b]));
}

test('a body over 12 MB is refused with 413', async () => {
  // nginx answers from the Content-Length alone; send the head and the start of the body.
  const r = await rawRequest(`POST /login HTTP/1.1\r\nHost: ${hostHeader()}\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${13 * 1024 * 1024}\r\n` +
    `Connection: close\r\n\r\n` + 'a=' + 'x'.repeat(65536), { stopAfterHead: true });
  assert.equal(r.status, 413);
});

test('a chunked body over 12 MB is refused with 413', async () => {
  const chunk = 'x'.repeat(1024 * 1024);
  const parts = [`POST /login HTTP/1.1\r\nHost: ${hostHeader()}\r\n` +
    'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n'];
  for (let i = 0; i < 13; i++) parts.push(`${(chunk.length).toString(16)}\r\n${chunk}\r\n`);
  parts.push('0\r\n\r\n');
  const r = await rawRequest(parts.map((p) => Buffer.from(p)), { stopAfterHead: true, timeoutMs: 20000 });
  assert.equal(r.status, 413);
});

test('a form body with a bad %-escape is refused with 400', async () => {
  const r = await new Client().request('POST', '/login', {
    body: 'a=%zz', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(r.status, 400);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
});

test('a truncated %-escape is refused with 400', async () => {
  const r = await post('/login', 'application/x-www-form-urlencoded', 'email=a%4');
  assert.equal(r.status, 400);
});

test('a 10 KB garbage Cookie header is not a server error', async () => {
  let junk = '';
  for (let i = 0; i < 10 * 1024; i++) junk += String.fromCharCode(33 + ((i * 7919) % 94));
  const r = await rawRequest(`GET /dashboard HTTP/1.1\r\nHost: ${hostHeader()}\r\nCookie: ${junk}\r\nConnection: close\r\n\r\n`);
  assert.ok(r.status < 500, `status ${r.status}`);
});

test('garbage cookies that reach the worker are not a server error', async () => {
  const shapes = [
    'portal_sid=' + '%'.repeat(3000),
    'portal_sid=' + 'A'.repeat(6000),
    ';;;;====;;;; portal_sid; =; ==x; ' + 'a=b;'.repeat(1000),
    'portal_sid="unterminated; x=\\"; ' + '\u00ff\u00fe'.repeat(500),
    'portal_sid=1; portal_sid=2; portal_sid=3',
  ];
  for (const cookie of shapes) {
    for (const path of ['/dashboard', '/login']) {
      const r = await rawRequest(Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader()}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, 'latin1'));
      assert.ok(r.status < 500, `${path} with cookie ${JSON.stringify(cookie.slice(0, 40))}: status ${r.status}`);
    }
  }
});

test('a multipart POST with a broken boundary is refused with 400', async () => {
  const body = '--WRONGBOUNDARY\r\nContent-Disposition: form-data; name="email"\r\n\r\nx@y.z\r\n--WRONGBOUNDARY--\r\n';
  const r = await post('/login', 'multipart/form-data; boundary=----RightBoundary123', body);
  assert.equal(r.status, 400);
});

test('a multipart POST without a boundary parameter is refused with 400', async () => {
  const r = await post('/login', 'multipart/form-data', '--x\r\n\r\n');
  assert.equal(r.status, 400);
});

test('a multipart POST cut off in the middle of a part is refused with 400', async () => {
  const body = '--B\r\nContent-Disposition: form-data; name="email"\r\n\r\nsomeone@example.com';
  const r = await post('/login', 'multipart/form-data; boundary=B', body);
  assert.equal(r.status, 400);
});

test('a request line with a bad %-escape in the query string is not a server error', async () => {
  const r = await rawRequest(`GET /login?x=%zz&y=%&z=%%41 HTTP/1.1\r\nHost: ${hostHeader()}\r\nConnection: close\r\n\r\n`);
  assert.ok(r.status < 500, `status ${r.status}`);
});

test('200 pseudo-random malformed bodies: never a 5xx', async () => {
  let seed = 12345;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const pieces = ['%', '%z', '%0', '=', '&', '&&', '==', '+', '_csrf', 'email', 'password', '\r\n', '--B', '--B--',
    'Content-Disposition: form-data; name="', 'filename="', '"', ';', '\u0000', '\u00ff', 'a'.repeat(300)];
  const types = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=B',
    'multipart/form-data; boundary="B"', 'multipart/form-data; boundary=', 'text/plain', 'application/json'];
  for (let i = 0; i < 200; i++) {
    let body = '';
    const n = 1 + rnd(40);
    for (let k = 0; k < n; k++) body += pieces[rnd(pieces.length)];
    const type = types[rnd(types.length)];
    const r = await post(i % 2 ? '/login' : '/logout', type, Buffer.from(body, 'latin1'));
    assert.ok(r.status < 500, `body ${i} (${type}) ${JSON.stringify(body.slice(0, 80))}: status ${r.status}`);
  }
});

// Last in this file: none of the requests above may have cost a worker.
test('no worker died: the worker PIDs are the same as before', async () => {
  await new Client().get('/health');
  assert.deepEqual(workerPids(), pidsBefore, 'the worker PIDs changed: a malformed request killed a worker');
});
