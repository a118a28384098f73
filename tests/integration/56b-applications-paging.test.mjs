// Keyset paging of the Applications tab (pages of 50): Requiring Attention's three lists page
// on their own (?ip= ?oh= ?fin=), each keeping the others' place; Being Produced and Completed
// page with ?after=. A company of its own with applications made with SQL: 120 in progress (60
// of them started at the same instant, across a page boundary), 55 finalised, 3 on hold, 61
// being produced (12 of them on hold too), 52 completed recently and 3 completed too long ago. Walking the pages gives
// every application once, in the list's order, with the list's total.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql, sqlValue, freshCompany, createOperatives, freshNi, hrefById, tableRows } from '../lib/portal.mjs';

let co;
let other;

// The reference column's values of a table (the second cell when there is a check box).
function refsIn(html, tableId) {
  return tableRows(html, tableId).map((cells) => cells.find((c) => /^\d{7}$/.test(c))).filter(Boolean);
}

async function walk(client, first, tableId, nextId, maxPages = 20) {
  const refs = [];
  const pages = [];
  let path = first;
  for (let i = 0; i < maxPages && path; i++) {
    const r = await client.get(path);
    assert.equal(r.status, 200, path);
    pages.push({ path, body: r.body });
    refs.push(...refsIn(r.body, tableId));
    path = hrefById(r.body, nextId);
  }
  assert.equal(path, null, `${tableId}: more than ${maxPages} pages`);
  return { refs, pages };
}

const expected = (where, order) => sql(`SELECT reference FROM applications WHERE company_id = ${co.id} AND ${where}
  ORDER BY ${order}`).map((r) => r[0]);

before(async () => {
  co = await freshCompany('Paging');
  other = await freshCompany('PagingOther');
  const used = new Set();
  const people = [];
  for (let i = 0; i < 60; i++) {
    let ni;
    do ni = freshNi(); while (used.has(ni));
    used.add(ni);
    people.push({ ni, first: `P${i}`, last: 'Pager', dob: '1980-01-01' });
  }
  const ops = createOperatives(people);
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on)
       SELECT id, ${co.id}, ${co.office}, '2022-02-02' FROM operatives WHERE id IN (${ops.join(',')})`);
  // Free references: a block of 300 no application uses.
  let base;
  do base = 9000000 + Math.floor(Math.random() * 900) * 1000;
  while (sqlValue(`SELECT COUNT(*) FROM applications WHERE reference BETWEEN '${base}' AND '${base + 999}'`) !== '0');
  const rows = [];
  const add = (state, created, extra = {}) => {
    const n = rows.length;
    rows.push(`SELECT '${base + n}' AS ref, ${ops[n % ops.length]} AS op, '${state}' AS state, ${created} AS created,
      ${extra.finalised ?? 'NULL'} AS finalised, ${extra.updated ?? created} AS updated, ${extra.completed ?? 'NULL'} AS completed`);
  };
  const at = (minutes) => `NOW(6) - INTERVAL ${minutes} MINUTE`;
  for (let i = 0; i < 120; i++) add('in_progress', i < 60 ? at(30) : at(100 + i)); // 60 at one instant
  for (let i = 0; i < 55; i++) add('finalised', at(500), { finalised: i % 2 ? at(200) : at(300 + i) });
  for (let i = 0; i < 3; i++) add('on_hold', at(600), { updated: at(10 + i) });
  const produced = ['received', 'verifying', 'on_hold', 'verified', 'being_produced'];
  for (let i = 0; i < 61; i++) add(produced[i % 5], at(700), { updated: at(i < 30 ? 50 : 60 + i) });
  for (let i = 0; i < 52; i++) add('dispatched', at(800), { completed: `NOW(6) - INTERVAL ${i % 20} DAY` });
  for (let i = 0; i < 3; i++) add('dispatched', at(900), { completed: 'NOW(6) - INTERVAL 4 MONTH' });
  sql(`INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id, kind, state, step,
         hold_reason, created_at, updated_at, finalised_at, completed_at)
       SELECT x.ref, ${co.id}, ${co.office}, x.op, t.id, 'initial', x.state, 4,
         IF(x.state = 'on_hold', 'Paging hold', ''), x.created, x.updated, x.finalised, x.completed
         FROM (${rows.join(' UNION ALL ')}) x JOIN card_types t ON t.code = 'craft'`);
});

test('Applications In Progress: pages of 50, every one once, newest first (ties by id), total shown', async () => {
  const { refs, pages } = await walk(co.client, '/applications/attention', 'in-progress-table', 'in-progress-next');
  const want = expected("state = 'in_progress'", 'created_at DESC, id DESC');
  assert.equal(want.length, 120);
  assert.equal(pages.length, 3);
  assert.equal(new Set(refs).size, refs.length, 'an application on two pages');
  assert.deepEqual(refs, want);
  assert.match(pages[0].body, /id="in-progress-pager">Showing 50 of 120\./);
  assert.match(pages[2].body, /id="in-progress-pager">Showing 20 of 120\./);
  assert.ok(hrefById(pages[2].body, 'in-progress-first'), 'a later page links back to the first');
  assert.equal(hrefById(pages[0].body, 'in-progress-first'), null);
});

test('Finalised - Awaiting Ordering: oldest first, pages of 50; the heading and buttons count all 55', async () => {
  const { refs, pages } = await walk(co.client, '/applications/attention', 'finalised-table', 'finalised-next');
  assert.deepEqual(refs, expected("state = 'finalised'", 'finalised_at, id'));
  assert.equal(pages.length, 2);
  for (const p of pages) {
    assert.match(p.body, /id="finalised-count">55</);
    assert.match(p.body, />ADD 55 APPLICATIONS TO A PURCHASE</);
  }
  assert.equal(tableRows(pages[1].body, 'finalised-table').length, 5);
});

test('paging one list keeps the others where they were', async () => {
  const first = await co.client.get('/applications/attention');
  const fin2 = hrefById(first.body, 'finalised-next');
  const r = await co.client.get(fin2);
  const finalisedPage2 = refsIn(r.body, 'finalised-table');
  assert.equal(finalisedPage2.length, 5);
  const ip2 = hrefById(r.body, 'in-progress-next');
  assert.match(ip2, /[?&]fin=\d+/);
  const r2 = await co.client.get(ip2);
  assert.deepEqual(refsIn(r2.body, 'finalised-table'), finalisedPage2, 'the finalised list went back to page 1');
  assert.deepEqual(refsIn(r2.body, 'in-progress-table'),
    expected("state = 'in_progress'", 'created_at DESC, id DESC').slice(50, 100));
  // On hold: 15 (3 and 12 of those being produced), one page, no pager at all.
  assert.deepEqual(refsIn(r2.body, 'on-hold-table'), expected("state = 'on_hold'", 'updated_at DESC, id DESC'));
  assert.equal(refsIn(r2.body, 'on-hold-table').length, 15);
  assert.doesNotMatch(r2.body, /id="on-hold-pager"/);
});

test('Being Produced and Completed: pages of 50 with ?after=, every one once; older completions left out', async () => {
  const produced = await walk(co.client, '/applications/produced', 'produced-table', 'apps-next');
  assert.deepEqual(produced.refs, expected(
    "state IN ('received', 'verifying', 'on_hold', 'verified', 'being_produced')", 'updated_at DESC, id DESC'));
  assert.equal(produced.refs.length, 64); // with the 3 on hold
  assert.match(produced.pages[0].body, /id="apps-pager">Showing 50 of 64\./);
  const completed = await walk(co.client, '/applications/completed', 'completed-table', 'apps-next');
  assert.deepEqual(completed.refs, expected(
    "state = 'dispatched' AND completed_at >= NOW(6) - INTERVAL 3 MONTH", 'completed_at DESC, id DESC'));
  assert.equal(completed.refs.length, 52);
});

test('a cursor is only a position: another company\'s application as cursor shows none of theirs, and a bad one is ignored', async () => {
  const theirs = sqlValue(`SELECT id FROM applications WHERE company_id = ${co.id} AND state = 'in_progress' LIMIT 1`);
  const r = await other.client.get(`/applications/attention?ip=${theirs}&fin=${theirs}`);
  assert.equal(r.status, 200);
  const mine = new Set(sql(`SELECT reference FROM applications WHERE company_id = ${co.id}`).map((x) => x[0]));
  for (const t of ['in-progress-table', 'on-hold-table', 'finalised-table']) {
    assert.ok(refsIn(r.body, t).every((ref) => !mine.has(ref)), `${t} showed another company's application`);
  }
  const bad = await co.client.get('/applications/attention?ip=abc&oh=-1&fin=1e9');
  assert.equal(bad.status, 200);
  assert.equal(refsIn(bad.body, 'in-progress-table').length, 50);
});
