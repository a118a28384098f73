// Keyset paging of Current Employees (by name and by expiry) and With Cards Expiring Soon,
// pages of 50: a company of its own with 130 employees made with SQL, with 60 equal names and
// equal expiry dates straddling page boundaries, and 65 employees without a card. Walking the pages
// gives every employee once, in the order of the indexed sort.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, q, freshCompany, createOperatives, freshNi, cardCheckDigit, walkCurrent, listedIds, hrefById, signedIn,
  tableRows, searchCurrent,
} from '../lib/portal.mjs';

const N = 130;
let co;

before(async () => {
  co = await freshCompany('Pager');
  const rows = [];
  const used = new Set();
  for (let i = 0; i < N; i++) {
    let ni;
    do ni = freshNi(); while (used.has(ni));
    used.add(ni);
    let last;
    let first;
    if (i < 50) { last = 'Alpha'; first = `F${String(i % 10).padStart(2, '0')}`; } // 5 people per name
    else if (i < 110) { last = 'Bravo'; first = 'Tie'; } // 60 equal names, across the 2nd page boundary
    else { last = ["O'Charlie", 'delta', 'Echo|Bar', 'Zulu'][i % 4]; first = `G${String(i).padStart(3, '0')}`; }
    rows.push({ ni, first, last, dob: '1981-01-01' });
  }
  const ids = createOperatives(rows);
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on)
       SELECT id, ${co.id}, ${co.office}, '2022-02-02' FROM operatives WHERE id IN (${ids.join(',')})`);
  // Cards for every other one, on five expiry dates (four of them within 90 days).
  const offsets = [-10, 5, 5, 30, 200];
  const cards = [];
  const taken = new Set(sql("SELECT card_number FROM cards WHERE card_number LIKE '8%'").map((r) => r[0]));
  let k = 8000000 + Math.floor(Math.random() * 900000);
  for (let i = 1; i < N; i += 2) {
    let num;
    do {
      k++;
      const c = cardCheckDigit(String(k));
      num = c === null ? null : `${k}${c}`;
    } while (num === null || taken.has(num));
    cards.push(`(${q(num)}, ${ids[i]}, ${offsets[(i >> 1) % 5]})`);
  }
  sql(`INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on, expires_on, status)
       SELECT x.num, x.op, t.id, oc.id, CURDATE() - INTERVAL 1000 DAY, CURDATE() + INTERVAL x.off DAY,
              IF(x.off < 0, 'expired', 'valid')
         FROM (${cards.map((c) => { const [num, op, off] = c.slice(1, -1).split(', '); return `SELECT ${num} AS num, ${op} AS op, ${off} AS off`; }).join(' UNION ALL ')}) x
         JOIN card_types t ON t.code = 'craft' JOIN occupations oc ON oc.code = 'installation_electrician'`);
});

function expected(order, where = '') {
  return sql(`SELECT operative_id FROM employments WHERE company_id = ${co.id} AND ended_on IS NULL ${where}
               ORDER BY ${order}`).map((r) => r[0]);
}

function assertWalk(walk, want, what) {
  assert.equal(new Set(walk.ids).size, walk.ids.length, `${what}: an employee on two pages`);
  const missing = want.filter((id) => !walk.ids.includes(id));
  assert.deepEqual(missing, [], `${what}: employees missing`);
  assert.deepEqual(walk.ids, want, `${what}: the order is wrong`);
}

test('by name: 3 pages (50, 50, 30), every employee once, in sort_name then id order', async () => {
  const walk = await walkCurrent(co.client, { sort: 'name' });
  assert.equal(walk.pages, 3);
  assert.deepEqual(walk.bodies.map((b) => listedIds(b).length), [50, 50, 30]);
  assertWalk(walk, expected('sort_name, operative_id'), 'by name');
  // The rows show "Last, First" in that order too.
  const names = walk.bodies.flatMap((b) => tableRows(b, 'employees-table').map((r) => r[1]));
  assert.equal(names[0], 'Alpha, F00');
  assert.equal(names.filter((n) => n === 'Bravo, Tie').length, 60);
  assert.ok(names.some((n) => n.startsWith("O'Charlie, G")), 'apostrophes lost');
  assert.ok(names.some((n) => n.startsWith('Echo|Bar, ')), 'a name with | is missing');
});

test('by expiry: no card first (65 of them, across the page boundary), then soonest, every employee once', async () => {
  const walk = await walkCurrent(co.client, { sort: 'expiry' });
  assert.equal(walk.pages, 3);
  assertWalk(walk, expected('card_expires_on IS NOT NULL, card_expires_on, operative_id'), 'by expiry');
  const first = tableRows(walk.bodies[0], 'employees-table');
  assert.ok(first.every((r) => r[6] === ''), 'page 1 should hold only employees without a card');
});

test('a search with more than a page of results pages too, keeping the search', async () => {
  const walk = await walkCurrent(co.client, { q: 'bravo', sort: 'name' });
  assert.equal(walk.pages, 2);
  assertWalk(walk, expected('sort_name, operative_id', "AND sort_name = 'Bravo, Tie'"), 'search "bravo" by name');
  // The next page carries the same sealed search on, and never the search itself.
  const sealed = new URL(walk.first, 'http://x').searchParams.get('s');
  assert.match(sealed || '', /^[A-Za-z0-9_-]{40,}$/);
  const next = new URL(hrefById(walk.bodies[0], 'next-page'), 'http://x').searchParams;
  assert.equal(next.get('s'), sealed);
  assert.deepEqual([...next.keys()].sort(), ['after', 's', 'sort'], 'the search itself (q) in the link');
  // The cursor (the last name shown) is sealed too: no name in a URL.
  assert.match(next.get('after') || '', /^[A-Za-z0-9_-]{40,}$/);
  assert.doesNotMatch(walk.bodies[0].match(/id="next-page"[^>]*/)[0], /Bravo|Tie|%7C|\|/i);
  const byExpiry = await walkCurrent(co.client, { q: 'Bravo, T', sort: 'expiry' });
  assert.equal(byExpiry.pages, 2);
  assertWalk(byExpiry, expected('card_expires_on IS NOT NULL, card_expires_on, operative_id', "AND sort_name = 'Bravo, Tie'"),
    'search "Bravo, T" by expiry');
});

test('exactly 50 results: one page and no next-page link', async () => {
  const r = await searchCurrent(co.client, 'Alpha');
  assert.equal(listedIds(r.body).length, 50);
  assert.equal(hrefById(r.body, 'next-page'), null, 'a next-page link to an empty page');
});

test('With Cards Expiring Soon pages by expiry (52 within 90 days), every one once', async () => {
  const ids = [];
  let path = '/employees/expiring';
  let pages = 0;
  while (path) {
    const r = await co.client.get(path);
    assert.equal(r.status, 200);
    const t = r.body.match(/<table\b[^>]*id="expiring-table"[\s\S]*?<\/table>/)[0];
    ids.push(...[...t.matchAll(/href="\/employees\/(\d+)"/g)].map((m) => m[1]));
    path = hrefById(r.body, 'next-page');
    pages++;
    assert.ok(pages < 10);
  }
  assert.equal(pages, 2);
  const want = expected('card_expires_on, operative_id', 'AND card_expires_on < CURDATE() + INTERVAL 90 DAY');
  assert.equal(want.length, 52);
  assert.equal(new Set(ids).size, ids.length, 'an employee on two pages');
  assert.deepEqual(ids, want);
});

test('a cursor from another session, altered, or of another list opens the first page, saying so', async () => {
  const first = await co.client.get('/employees/current?sort=name');
  assert.equal(hrefById(first.body, 'cursor-expired'), null);
  assert.doesNotMatch(first.body, /id="cursor-expired"/);
  const after = new URL(hrefById(first.body, 'next-page'), 'http://x').searchParams.get('after');
  const second = await co.client.get(`/employees/current?sort=name&after=${after}`);
  assert.notDeepEqual(listedIds(second.body), listedIds(first.body), 'the link opens the next page');
  assert.doesNotMatch(second.body, /id="cursor-expired"/);
  const firstPage = (r, what) => {
    assert.equal(r.status, 200, what);
    assert.match(r.body, /id="cursor-expired"[^>]*>That page(?:'|&#39;)s link has expired/, `${what}: the notice`);
  };
  const other = await signedIn({ email: co.email, password: co.password });
  const r = await other.get(`/employees/current?sort=name&after=${after}`);
  firstPage(r, 'another session\'s cursor');
  assert.deepEqual(listedIds(r.body), listedIds(first.body), 'another session\'s cursor: the first page');
  const flipped = after.slice(0, 20) + (after[20] === 'A' ? 'B' : 'A') + after.slice(21);
  const t = await co.client.get(`/employees/current?sort=name&after=${flipped}`);
  firstPage(t, 'an altered cursor');
  assert.deepEqual(listedIds(t.body), listedIds(first.body), 'an altered cursor: the first page');
  // A cursor is for its own list and order only.
  const byExpiry = await co.client.get('/employees/current?sort=expiry');
  firstPage(await co.client.get(`/employees/current?sort=expiry&after=${after}`), 'a name cursor by expiry');
  assert.deepEqual(listedIds((await co.client.get(`/employees/current?sort=expiry&after=${after}`)).body),
    listedIds(byExpiry.body));
  firstPage(await co.client.get(`/employees/expiring?after=${after}`), 'a Current Employees cursor on Expiring');
});

test('a made-up cursor gives a page, never an error', async () => {
  for (const after of ['garbage', '|', '|0', 'Zzz|', 'Alpha, F00|abc', `${'x'.repeat(300)}|1`, '9999-99-99|1', '|18446744073709551615']) {
    for (const sort of ['name', 'expiry']) {
      const r = await co.client.get(`/employees/current?sort=${sort}&after=${encodeURIComponent(after)}`);
      assert.ok(r.status === 200 || r.status === 400, `after=${after} sort=${sort}: status ${r.status}`);
    }
    const e = await co.client.get(`/employees/expiring?after=${encodeURIComponent(after)}`);
    assert.ok(e.status === 200 || e.status === 400, `expiring after=${after}: status ${e.status}`);
  }
});
