// The front door: health, redirects, the 404 page, nginx's Server header and the security
// headers every worker response carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, DEMO } from '../lib/portal.mjs';

// The security headers of a worker response (any status).
function assertSecurityHeaders(r, what) {
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy is missing`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP without frame-ancestors 'none': ${csp}`);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k.toLowerCase(), v.join(' ')]; }));
  const scriptSrc = directives['script-src'] ?? directives['default-src'];
  assert.ok(scriptSrc !== undefined, `${what}: CSP sets neither script-src nor default-src: ${csp}`);
  assert.ok(!/'unsafe-inline'|'unsafe-eval'/.test(scriptSrc), `${what}: script-src allows inline script: ${csp}`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.ok(r.headers.get('referrer-policy'), `${what}: Referrer-Policy is missing`);
}

test('GET /health answers 200 "ok"', async () => {
  const r = await new Client().get('/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.trim(), 'ok');
});

test('nginx hides its version: Server is exactly "nginx"', async () => {
  const r = await new Client().get('/health');
  assert.equal(r.headers.get('server'), 'nginx');
  const s = await new Client().get('/static/portal.css');
  assert.equal(s.headers.get('server'), 'nginx');
});

test('GET / not signed in redirects (303) to /login', async () => {
  const r = await new Client().get('/');
  assert.equal(r.status, 303);
  assert.match(r.location || '', /\/login$/);
});

test('GET /dashboard not signed in redirects (303) to /login', async () => {
  const r = await new Client().get('/dashboard');
  assert.equal(r.status, 303);
  assert.match(r.location || '', /\/login$/);
});

test('an unknown path answers a 404 HTML page', async () => {
  const r = await new Client().get('/no/such/page-here');
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
  assert.match(r.body, /<html/i);
  assert.match(r.body, /404/);
  assertSecurityHeaders(r, '404 page');
});

test('security headers on the login page, the health route and the dashboard', async () => {
  const anon = new Client();
  assertSecurityHeaders(await anon.get('/login'), 'GET /login');
  assertSecurityHeaders(await anon.get('/health'), 'GET /health');
  assertSecurityHeaders(await anon.get('/'), 'GET / (redirect)');
  const c = await signedIn(DEMO);
  const d = await c.get('/dashboard');
  assert.equal(d.status, 200);
  assertSecurityHeaders(d, 'GET /dashboard');
  assert.match(d.headers.get('cache-control') || '', /no-store/, 'dashboard Cache-Control');
});

test('GET / signed in redirects to /dashboard', async () => {
  const c = await signedIn(DEMO);
  const r = await c.get('/');
  assert.equal(r.status, 303);
  assert.match(r.location || '', /\/dashboard$/);
});

test('static files are served by nginx with nosniff', async () => {
  const r = await new Client().get('/static/portal.css');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') || '', /^text\/css/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

test('an unsupported method on a known route answers 405 with Allow', async () => {
  const r = await new Client().request('DELETE', '/login');
  assert.equal(r.status, 405);
  assert.ok(r.headers.get('allow'), 'Allow header missing');
});
