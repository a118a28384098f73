// The router checks a route's permission before its handler; sections not built yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, pageText, portalctl, freshCompany, addUser, DEMO, VIEWER } from '../lib/portal.mjs';

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
  // Its movements in words, as Financial History shows them, not the ledger's codes.
  assert.match(pageText(r.body), /Funds added \(advance payment\)/);
  assert.doesNotMatch(r.body, /advance_payment|>purchase</);
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

const toolbarLinks = (html) => {
  const nav = html.match(/<nav\b[\s\S]*?<\/nav>/i);
  return nav ? [...nav[0].matchAll(/<a href="([^"#]+)"/g)].map((m) => m[1]) : [];
};

test('the toolbar shows each user the sections their permissions open, and no empty tab', async () => {
  // Each GET route's permission, as the router holds it.
  const perm = new Map(portalctl('routes').trim().split('\n').map((l) => l.split('\t'))
    .filter(([m]) => m === 'GET').map(([, p, q]) => [p, q]));
  const everything = toolbarLinks((await (await signedIn(DEMO)).get('/dashboard')).body);
  assert.ok(everything.includes('/admin/company'), 'Employer Details is not in the toolbar');
  const co = await freshCompany('Toolbar');
  const userAdmin = [13, 14, 15, 16];
  for (const bits of [[4], [0, 8], [16], [18, 22]]) {
    const u = await addUser(co.id, { label: `Bits${bits.join('x')}`, permissions: bits.reduce((a, b) => a + 2 ** b, 0) });
    const page = (await u.client.get('/dashboard')).body;
    const shown = toolbarLinks(page);
    const opens = (url) => {
      const p = perm.get(url);
      if (url === '/admin/users') return bits.some((b) => userAdmin.includes(b));
      return p === 'signed-in' || bits.includes(Number(p));
    };
    assert.deepEqual(shown, everything.filter(opens), `bits ${bits}`);
    for (const url of everything) {
      const r = await u.client.get(url);
      if (shown.includes(url)) assert.ok([200, 303].includes(r.status), `bits ${bits}: ${url} shown but ${r.status}`);
      else assert.equal(r.status, 403, `bits ${bits}: ${url} hidden but ${r.status}`);
    }
    // A tab is there only with a section in it.
    const tabs = [...page.matchAll(/<summary[^>]*>([^<]*)<\/summary>\s*<ul class="toolbar-sections">\s*<li>/g)].length;
    assert.equal(tabs, (page.match(/<summary/g) || []).length, `bits ${bits}: an empty tab`);
  }
});
