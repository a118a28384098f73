// Current Employees, With Cards Expiring Soon and the CSV export: scoping by company, group and
// office (demo company: eastern@ is group "Eastern", viewer@ is the Eastern office), masked NI
// numbers, search by name prefix / NI number / card number, sort by expiry, the export's content
// and headers. The search/sort/export checks use a company of their own with SQL fixtures.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, sql, sqlValue, q, pageText, signedIn, DEMO, EASTERN, VIEWER, freshCompany, createOperative, employ,
  freshCardNumber, freshNi, isoDate, dateFromToday, listedIds, walkCurrent, tableRows, parseCsv, hrefById,
  searchCurrent,
} from '../lib/portal.mjs';

const COMPANY1 = () => sqlValue("SELECT id FROM companies WHERE company_number = 'ECS00002'");
const HEAD_OFFICE = () => sqlValue("SELECT id FROM offices WHERE name = 'ECS Check Company 2 Head Office'");
const EASTERN_OFFICE = () => sqlValue("SELECT id FROM offices WHERE name = 'ECS Check Office 2 - EASTERN'");

function currentIds(companyId, officeId = null) {
  return sql(`SELECT DISTINCT operative_id FROM employments WHERE company_id = ${companyId} AND ended_on IS NULL
               ${officeId ? `AND office_id = ${officeId}` : ''}`).map((r) => r[0]).sort();
}

function expiringIds(companyId, officeId = null) {
  return sql(`SELECT DISTINCT e.operative_id FROM employments e WHERE e.company_id = ${companyId} AND e.ended_on IS NULL
               AND e.card_expires_on < CURDATE() + INTERVAL 90 DAY ${officeId ? `AND e.office_id = ${officeId}` : ''}`)
    .map((r) => r[0]).sort();
}

function expiringPageIds(html) {
  const t = html.match(/<table\b[^>]*id="expiring-table"[\s\S]*?<\/table>/);
  assert.ok(t, 'no expiring table');
  return [...t[0].matchAll(/href="\/employees\/(\d+)"/g)].map((m) => m[1]);
}

// ---- scoping in the demo company ----------------------------------------------------------

test('the company-level user sees every current employee of the company, no one else', async () => {
  const c = await signedIn(DEMO);
  const { ids } = await walkCurrent(c);
  assert.deepEqual([...ids].sort(), currentIds(COMPANY1()));
  assert.ok(ids.length >= 40, `only ${ids.length} employees`);
});

for (const [who, user] of [['eastern@ (group Eastern)', EASTERN], ['viewer@ (Eastern office)', VIEWER]]) {
  test(`${who} sees only the Eastern office's employees in current, expiring and the export`, async () => {
    const c = await signedIn(user);
    const company = COMPANY1();
    const eastern = EASTERN_OFFICE();
    const { ids, bodies } = await walkCurrent(c);
    assert.deepEqual([...ids].sort(), currentIds(company, eastern), 'Current Employees');
    assert.ok(ids.length >= 15, `only ${ids.length} employees`);
    for (const b of bodies) {
      const rows = tableRows(b, 'employees-table');
      for (const row of rows) assert.equal(row[3], 'ECS Check Office 2 - EASTERN', `a row of another office: ${row.join(' | ')}`);
    }
    const exp = await c.get('/employees/expiring');
    assert.equal(exp.status, 200);
    const expIds = expiringPageIds(exp.body);
    assert.deepEqual([...expIds].sort(), expiringIds(company, eastern), 'With Cards Expiring Soon');
    assert.ok(expIds.length >= 2, 'the Eastern office has cards expiring soon in the demo data');
    const csv = await c.get('/employees/current/export');
    assert.equal(csv.status, 200);
    const lines = parseCsv(csv.body);
    assert.equal(lines.length - 1, ids.length, 'the export has another number of rows');
    for (const row of lines.slice(1)) assert.equal(row[2], 'ECS Check Office 2 - EASTERN');
  });

  test(`${who} gets 404 on an employee of the Head Office, 200 on one of Eastern`, async () => {
    const c = await signedIn(user);
    const head = sqlValue(`SELECT operative_id FROM employments WHERE office_id = ${HEAD_OFFICE()} AND ended_on IS NULL
                            AND operative_id NOT IN (SELECT operative_id FROM employments WHERE office_id = ${EASTERN_OFFICE()})
                            ORDER BY operative_id LIMIT 1`);
    const r = await c.get(`/employees/${head}`);
    assert.equal(r.status, 404);
    const name = sqlValue(`SELECT last_name FROM operatives WHERE id = ${head}`);
    const ni = sqlValue(`SELECT ni_number FROM operatives WHERE id = ${head}`);
    assert.ok(!pageText(r.body).includes(ni), 'the 404 page shows the NI number');
    assert.ok(!r.body.includes(`>${name}<`), 'the 404 page shows the name');
    const east = sqlValue(`SELECT operative_id FROM employments WHERE office_id = ${EASTERN_OFFICE()} AND ended_on IS NULL
                            ORDER BY operative_id LIMIT 1`);
    assert.equal((await c.get(`/employees/${east}`)).status, 200);
  });
}

test('the demo company sees the Head Office and Eastern expiring cards, soonest first, with days left', async () => {
  const c = await signedIn(DEMO);
  const r = await c.get('/employees/expiring');
  const ids = expiringPageIds(r.body);
  assert.deepEqual([...ids].sort(), expiringIds(COMPANY1()));
  const order = sql(`SELECT e.operative_id FROM employments e WHERE e.company_id = ${COMPANY1()} AND e.ended_on IS NULL
      AND e.card_expires_on < CURDATE() + INTERVAL 90 DAY ORDER BY e.card_expires_on, e.operative_id`).map((x) => x[0]);
  assert.deepEqual(ids, order, 'not soonest first');
  const rows = tableRows(r.body, 'expiring-table');
  assert.ok(rows.some((row) => /^Expired \d+ days? ago$/.test(row[6])), 'no expired card shown');
  assert.ok(rows.some((row) => /^\d+ days? left$/.test(row[6])), 'no "days left"');
  for (const row of rows) assert.match(row[1], /^\*{5}[0-9]{3}[A-D]$/, `NI not masked: ${row[1]}`);
});

test('NI numbers are masked (last 4) in the lists and whole on the employee page', async () => {
  const c = await signedIn(DEMO);
  const { ids, bodies } = await walkCurrent(c);
  const nis = new Map(sql(`SELECT id, ni_number FROM operatives WHERE id IN (${ids.join(',')})`));
  for (const b of bodies) {
    const text = pageText(b);
    for (const ni of nis.values()) assert.ok(!text.includes(ni), `the list shows ${ni} whole`);
    for (const row of tableRows(b, 'employees-table')) assert.match(row[2], /^\*{5}[0-9]{3}[A-D]$/, `NI cell "${row[2]}"`);
  }
  const first = ids[0];
  const rows = tableRows(bodies[0], 'employees-table');
  assert.equal(rows[0][2], `*****${nis.get(first).slice(-4)}`);
  const page = await c.get(`/employees/${first}`);
  assert.ok(pageText(page.body).includes(nis.get(first)), 'the employee page does not show the whole NI number');
  const csv = await c.get('/employees/current/export');
  for (const ni of nis.values()) assert.ok(!csv.body.includes(ni), `the export shows ${ni} whole`);
});

// ---- search, sort and export in a company of its own -------------------------------------

let co;
const people = {};

before(async () => {
  co = await freshCompany('Lister');
  const mk = (key, first, last, cardDays, extra = {}) => {
    const card = cardDays === null ? null
      : { number: freshCardNumber(), expires: isoDate(dateFromToday({ days: cardDays })) };
    people[key] = createOperative({ first, last, card, ...extra });
    employ(people[key].id, co.id, co.office);
  };
  mk('anna', 'Anna', 'Searchley', 400);
  mk('bob', 'Bob', 'Searchley', 30);
  mk('carl', 'Carl', 'Searcy', null);
  mk('dan', 'Dan', 'Other', 200);
  mk('eve', 'Eve', '=HYPERLINK("http://evil.example")', 600);
  mk('pct', 'Per', '100% Sure', 10);
  mk('plus', 'Pat', '+44 Plus', -5);
  // Someone who left is in no list.
  mk('gone', 'Gone', 'Searchley', 100);
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE operative_id = ${people.gone.id}`);
});

const idOf = (k) => String(people[k].id);

test('search by name prefix ("Last, First"), case-insensitive; leavers excluded', async () => {
  const r = await searchCurrent(co.client, 'searchl');
  assert.equal(r.status, 200);
  assert.deepEqual(listedIds(r.body), [idOf('anna'), idOf('bob')]);
  const r2 = await searchCurrent(co.client, 'Searchley, B');
  assert.deepEqual(listedIds(r2.body), [idOf('bob')]);
  const r3 = await searchCurrent(co.client, 'Sear');
  assert.deepEqual(listedIds(r3.body), [idOf('anna'), idOf('bob'), idOf('carl')]);
  const none = await searchCurrent(co.client, 'Anna');
  assert.deepEqual(listedIds(none.body), [], 'a first name matched as a prefix of "Last, First"');
  assert.match(pageText(none.body), /No employees match your search/);
});

test('a name typed "First Last" finds "Last, First" too; a surname of two words still matches as typed', async () => {
  assert.deepEqual(listedIds((await searchCurrent(co.client, 'bob searchley')).body), [idOf('bob')]);
  assert.deepEqual(listedIds((await searchCurrent(co.client, 'Anna Searchl')).body), [idOf('anna')]);
  assert.deepEqual(listedIds((await searchCurrent(co.client, '100% Sure')).body), [idOf('pct')]);
  assert.deepEqual(listedIds((await searchCurrent(co.client, 'Per 100%')).body), [idOf('pct')]);
  assert.deepEqual(listedIds((await searchCurrent(co.client, 'P% 100%')).body), [], 'a wildcard in the first name');
  assert.deepEqual(listedIds((await searchCurrent(co.client, 'Gone Searchley')).body), [], 'a leaver');
});

test('LIKE wildcards in the search are taken literally', async () => {
  const pct = await searchCurrent(co.client, '100%');
  assert.deepEqual(listedIds(pct.body), [idOf('pct')]);
  const wild = await searchCurrent(co.client, '%');
  assert.deepEqual(listedIds(wild.body), [], '"%" matched everyone');
  const under = await searchCurrent(co.client, '_');
  assert.deepEqual(listedIds(under.body), [], '"_" matched everyone');
});

test('search by NI number (spaces, lower case) and by card number', async () => {
  const ni = people.carl.ni;
  const spaced = `${ni.slice(0, 2)} ${ni.slice(2, 4)} ${ni.slice(4, 6)} ${ni.slice(6, 8)} ${ni[8]}`.toLowerCase();
  const r = await searchCurrent(co.client, spaced);
  assert.deepEqual(listedIds(r.body), [idOf('carl')]);
  const c = await searchCurrent(co.client, people.dan.card.number);
  assert.deepEqual(listedIds(c.body), [idOf('dan')]);
  const stranger = await searchCurrent(co.client, freshNi());
  assert.deepEqual(listedIds(stranger.body), []);
  // Someone of another company, searched by NI number or card: not shown.
  const sam = await searchCurrent(co.client, 'JK102030C');
  assert.deepEqual(listedIds(sam.body), []);
  const samCard = await searchCurrent(co.client, '18020305');
  assert.deepEqual(listedIds(samCard.body), []);
});

test('sort by name, and by card expiry (no card first, then soonest)', async () => {
  const byName = await co.client.get('/employees/current?sort=name');
  const names = tableRows(byName.body, 'employees-table').map((r) => r[1]);
  const expectedNames = sql(`SELECT sort_name FROM employments WHERE company_id = ${co.id} AND ended_on IS NULL
                              ORDER BY sort_name, operative_id`).map((r) => r[0]);
  assert.deepEqual(names, expectedNames);
  const byExpiry = await co.client.get('/employees/current?sort=expiry');
  assert.equal(byExpiry.status, 200);
  assert.deepEqual(listedIds(byExpiry.body),
    [idOf('carl'), idOf('plus'), idOf('pct'), idOf('bob'), idOf('dan'), idOf('anna'), idOf('eve')]);
  assert.match(byExpiry.body, /<option value="expiry" selected>/);
  const rows = tableRows(byExpiry.body, 'employees-table');
  assert.equal(rows[0][6], '', 'an employee without a card shows an expiry');
  assert.match(rows[1][6], /^\d{2}\/\d{2}\/\d{4}$/);
  const bad = await co.client.get('/employees/current?sort=salary');
  assert.notEqual(bad.status, 500);
});

test('the list shows cards, H&S status and apps in progress per employee', async () => {
  const r = await searchCurrent(co.client, people.anna.ni);
  const [row] = tableRows(r.body, 'employees-table');
  assert.equal(row[1], 'Searchley, Anna');
  assert.equal(row[3], co.officeName);
  assert.equal(row[4], '0');
  assert.equal(row[5], people.anna.card.number);
  assert.equal(row[7], 'None');
  // An expired card is not listed among the cards.
  const p = await searchCurrent(co.client, people.plus.ni);
  assert.equal(tableRows(p.body, 'employees-table')[0][5], '');
});

test('CSV export: attachment, text/csv, header row, the rows of the list with NI masked', async () => {
  const list = await co.client.get('/employees/current?sort=name');
  const exportUrl = hrefById(list.body, 'export-csv');
  assert.ok(exportUrl, 'no Export CSV link');
  const r = await co.client.get(exportUrl);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') || '', /^text\/csv/);
  assert.match(r.headers.get('content-disposition') || '', /^attachment;\s*filename="?[^"]+\.csv"?/);
  const rows = parseCsv(r.body);
  assert.deepEqual(rows[0], ['Employee Name', 'NI Number', 'Office', 'Apps In Progress', 'Card No./s', 'Card Expiry', 'H&S status']);
  const listed = tableRows(list.body, 'employees-table');
  assert.equal(rows.length - 1, listed.length);
  const names = rows.slice(1).map((x) => x[0].replace(/^'/, ''));
  assert.deepEqual(names, listed.map((x) => x[1]), 'the export is not the list, in its order');
  const anna = rows.find((x) => x[0] === 'Searchley, Anna');
  assert.deepEqual(anna, ['Searchley, Anna', `*****${people.anna.ni.slice(-4)}`, co.officeName, '0',
    people.anna.card.number, people.anna.card.expires.split('-').reverse().join('/'), 'None']);
  assert.ok(r.body.includes('"Searchley, Anna"'), 'a cell with a comma is not quoted');
  const audit = sqlValue(`SELECT detail FROM audit_log WHERE user_id = ${co.user} AND action = 'employees_exported' ORDER BY id DESC LIMIT 1`);
  assert.equal(audit, `${listed.length} rows`);
});

test('CSV export: cells that a spreadsheet would run as formulas are defused', async () => {
  const r = await co.client.get('/employees/current/export?sort=name');
  const rows = parseCsv(r.body);
  for (const row of rows) {
    for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `a formula cell: ${cell}`);
  }
  const eve = rows.find((x) => x[0].includes('HYPERLINK'));
  assert.ok(eve, 'the =HYPERLINK row is missing');
  assert.equal(eve[0], `'=HYPERLINK("http://evil.example"), Eve`);
  const plus = rows.find((x) => x[0].includes('+44'));
  assert.equal(plus[0], "'+44 Plus, Pat");
  // Raw text: the cell is quoted, so the apostrophe is inside the quotes.
  assert.ok(r.body.includes(`"'=HYPERLINK(""http://evil.example""), Eve"`), 'the formula cell is not quoted and escaped');
});

test('CSV export applies the search (sealed, s=) and sort', async () => {
  const list = await searchCurrent(co.client, 'Searchley', { sort: 'expiry' });
  const href = hrefById(list.body, 'export-csv');
  assert.match(href, /^\/employees\/current\/export\?/);
  assert.match(href, /[?&]s=[A-Za-z0-9_-]{40,}(&|$)/);
  assert.match(href, /sort=expiry/);
  assert.doesNotMatch(href, /Searchley|q=/i, 'the search in the export link');
  const r = await co.client.get(href);
  const rows = parseCsv(r.body).slice(1).map((x) => x[0]);
  assert.deepEqual(rows, ['Searchley, Bob', 'Searchley, Anna']);
  // A plain ?q= is no longer read: the whole list.
  const plain = parseCsv((await co.client.get('/employees/current/export?sort=expiry&q=Searchley')).body);
  assert.equal(plain.length - 1, listedIds((await co.client.get('/employees/current')).body).length);
});

test('the lists need Can View Employees; another company never sees these employees', async () => {
  const other = await freshCompany('Outsider');
  const { ids } = await walkCurrent(other.client);
  assert.deepEqual(ids, []);
  const csv = parseCsv((await other.client.get('/employees/current/export')).body);
  assert.equal(csv.length, 1, 'the export of an empty company has rows');
  const anon = await new Client().get('/employees/current');
  assert.equal(anon.status, 303, 'not signed in: no redirect to the login page');
  const noView = sqlValue(`SELECT id FROM users WHERE email = ${q(other.email)}`);
  sql(`UPDATE memberships SET permissions = permissions & ~1 WHERE user_id = ${noView}`);
  const fresh = await signedIn({ email: other.email, password: other.password });
  for (const path of ['/employees/current', '/employees/current/export', '/employees/expiring']) {
    assert.equal((await fresh.get(path)).status, 403, path);
  }
});
