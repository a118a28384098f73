// The router checks a route's permission before its handler; sections not built yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, pageText, DEMO, VIEWER } from '../lib/portal.mjs';

test('a user without Can View Purchases gets 403 on /dashboard/funds', async () => {
  const c = await signedIn(VIEWER);
  const r = await c.get('/dashboard/funds');
  assert.equal(r.status, 403);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
  assert.ok(!pageText(r.body).includes('£500.00'), 'the 403 page shows the balance');
});

test('a user with Can View Purchases gets /dashboard/funds', async () => {
  const c = await signedIn(DEMO);
  const r = await c.get('/dashboard/funds');
  assert.equal(r.status, 200);
  assert.ok(pageText(r.body).includes('£500.00'), 'the funds page does not show the balance');
});

test('the viewer still reaches the dashboard', async () => {
  const c = await signedIn(VIEWER);
  assert.equal((await c.get('/dashboard')).status, 200);
});

test('every toolbar link answers (200 page or a redirect), never 404 or 5xx', async () => {
  const c = await signedIn(DEMO);
  const home = await c.get('/dashboard');
  const nav = home.body.match(/<nav\b[\s\S]*?<\/nav>/i);
  assert.ok(nav, 'no <nav> toolbar on the dashboard');
  const links = [...new Set([...nav[0].matchAll(/href="([^"#]+)"/g)].map((m) => m[1]))]
    .filter((h) => h.startsWith('/'));
  assert.ok(links.length >= 17, `only ${links.length} toolbar links`);
  for (const href of links) {
    const r = await c.get(href.replace(/&amp;/g, '&'));
    assert.ok([200, 303].includes(r.status), `${href}: ${r.status}`);
  }
});
