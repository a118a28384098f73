// The dashboard: the user's company and the counts, each against the same count computed
// from the database; two companies never see each other; a group-level user sees its group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, textById, pageText, DEMO, OTHER, EASTERN, VIEWER } from '../lib/portal.mjs';
import { expectedCounts, COUNT_IDS } from '../lib/expected.mjs';

function countsOf(html) {
  const out = {};
  for (const id of COUNT_IDS) out[id] = textById(html, id);
  return out;
}

async function dashboardOf(who) {
  const c = await signedIn(who);
  const r = await c.get('/dashboard');
  assert.equal(r.status, 200, `${who.email}: /dashboard status ${r.status}`);
  return r;
}

test('demo user: company name and every count match the database', async () => {
  const r = await dashboardOf(DEMO);
  assert.ok(pageText(r.body).includes('ECS Check Company 2'), 'company name missing');
  const shown = countsOf(r.body);
  const expected = expectedCounts(DEMO.email);
  assert.deepEqual(shown, expected);
  assert.equal(shown['count-funds'], '£500.00');
  assert.ok(Number(shown['count-employees']) > 0, 'the demo company has no current employees');
});

test('each count links to its section', async () => {
  const r = await dashboardOf(DEMO);
  for (const id of COUNT_IDS) {
    const re = new RegExp(`<a\\b[^>]*href="([^"]+)"[^>]*>(?:(?!</a>)[\\s\\S])*id="${id}"`, 'i');
    const m = r.body.match(re);
    assert.ok(m, `${id} is not inside a link`);
    assert.match(m[1], /^\/[a-z]/, `${id} links to ${m[1]}`);
  }
});

test('the second company sees its own name and counts, never the demo company', async () => {
  const r = await dashboardOf(OTHER);
  const text = pageText(r.body);
  assert.ok(text.includes('Northern Sparks Ltd'), 'company name missing');
  assert.ok(!text.includes('ECS Check Company 2'), 'the demo company shows on another company\'s page');
  assert.deepEqual(countsOf(r.body), expectedCounts(OTHER.email));
});

test('the demo company never sees the second company', async () => {
  const r = await dashboardOf(DEMO);
  assert.ok(!pageText(r.body).includes('Northern Sparks Ltd'));
});

test('a group-level user (Eastern) counts only the employees of its group\'s offices', async () => {
  const r = await dashboardOf(EASTERN);
  const shown = countsOf(r.body);
  const expected = expectedCounts(EASTERN.email);
  assert.deepEqual(shown, expected);
  const whole = expectedCounts(DEMO.email);
  assert.ok(Number(expected['count-employees']) < Number(whole['count-employees']),
    'the Eastern group should have fewer employees than the whole company (demo data)');
  assert.ok(pageText(r.body).includes('Eastern'), 'the level (Group: Eastern) is not shown');
});

test('the dashboard is not cached and is HTML', async () => {
  const r = await dashboardOf(DEMO);
  assert.match(r.headers.get('cache-control') || '', /no-store/);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
});

test('the toolbar has the six tabs', async () => {
  const r = await dashboardOf(DEMO);
  const text = pageText(r.body);
  for (const tab of ['Employees', 'Applications', 'Contracts', 'Administration', 'ECS Assessments', 'Orders']) {
    assert.ok(text.includes(tab), `tab ${tab} missing`);
  }
});

test('the quick links are only those the user may follow', async () => {
  const all = await signedIn(DEMO);
  const page = (await all.get('/dashboard')).body;
  assert.match(page, /href="\/employees\/add"><span aria-hidden="true">\+ <\/span>Add New Employee/);
  assert.match(page, /class="btn btn-secondary" href="\/orders\/advance"/);
  const viewer = await signedIn(VIEWER);
  const v = (await viewer.get('/dashboard')).body;
  assert.doesNotMatch(v, /class="btn btn-secondary" href="\/orders\/advance"/);
  assert.doesNotMatch(v, /id="quick-links-title"/);
});
