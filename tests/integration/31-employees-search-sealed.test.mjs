// The search of Current Employees never puts what was typed in a URL (an NI number in nginx's
// logs, the browser's history, a Referer): the search box POSTs (with _csrf) and the answer is a
// 303 to /employees/current?s=SEALED&sort=..., the search sealed for the session (req_seal,
// fcgi/sealed.c). The token opens only in that session: another user's, a new sign-in's, an
// altered one show "Your search has expired: please search again." and the whole list.
// A company of its own with SQL fixtures; at the end, nginx's and portald's logs are searched
// for the NI number searched.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  Client, env, sql, sleep, freshCompany, addUser, createOperative, createOperatives, employ, freshNi,
  listedIds, hrefById, textById, pageText, parseCsv, walkCurrent, searchPath, alerts,
} from '../lib/portal.mjs';

const EXPIRED = 'Your search has expired: please search again.';
const PAGED = 60;
let co;
let target;
let paged;

before(async () => {
  co = await freshCompany('Sealer');
  target = createOperative({ first: 'Nina', last: 'Sealedsearch' });
  employ(target.id, co.id, co.office);
  for (const [first, last] of [['Olly', 'Other'], ['Pam', 'Person']]) {
    employ(createOperative({ first, last }).id, co.id, co.office);
  }
  const rows = [];
  for (let i = 0; i < PAGED; i++) rows.push({ ni: freshNi(), first: `P${String(i).padStart(2, '0')}`, last: 'Pagedsealed' });
  paged = createOperatives(rows).map(String);
  sql(`INSERT INTO employments (operative_id, company_id, office_id, started_on)
       SELECT id, ${co.id}, ${co.office}, '2022-02-02' FROM operatives WHERE id IN (${paged.join(',')})`);
});

const csrfOf = (client) => client.csrf('/employees/current');
// What a URL must never hold of an NI number: as typed, lower case, its digits, spaced.
const niForms = (ni) => [ni, ni.toLowerCase(), ni.slice(2, 8), encodeURIComponent(`${ni.slice(0, 2)} ${ni.slice(2)}`)];
const unfiltered = async (client) => listedIds((await client.get('/employees/current')).body);
const searchBox = (html) => (html.match(/<input\b[^>]*\bid="q"[^>]*>/) || [''])[0].match(/\bvalue="([^"]*)"/)?.[1];

let sealedNi; // the Location of the NI search, used by the later tests

test('a search by NI number: 303 to ?s=SEALED, no NI number in the Location; the page lists exactly that employee', async () => {
  const r = await co.client.post('/employees/current', { _csrf: await csrfOf(co.client), q: target.ni, sort: 'name' });
  assert.equal(r.status, 303, alerts(r.body).join(' | '));
  assert.match(r.location, /^\/employees\/current\?s=[A-Za-z0-9_-]{40,}&sort=name$/);
  for (const f of niForms(target.ni)) assert.ok(!r.location.includes(f), `the Location holds ${f}: ${r.location}`);
  sealedNi = r.location;
  const page = await co.client.get(sealedNi);
  assert.equal(page.status, 200);
  assert.deepEqual(listedIds(page.body), [String(target.id)]);
  assert.equal(textById(page.body, 'search-expired'), null);
  assert.equal(searchBox(page.body), target.ni, 'the search box does not show the search');
  // No link or form of the page carries the NI number (nor, as a Referer, would the page's URL).
  for (const m of page.body.matchAll(/\b(?:href|action)="([^"]*)"/g)) {
    for (const f of niForms(target.ni)) assert.ok(!m[1].includes(f), `a link holds the NI number: ${m[1]}`);
  }
  // The same search again is sealed afresh (a random nonce), and opens the same.
  const again = await searchPath(co.client, target.ni);
  assert.notEqual(again, sealedNi);
  assert.deepEqual(listedIds((await co.client.get(again)).body), [String(target.id)]);
});

test('the token in another session (another user of the company, or a new sign-in): expired, the whole list, 200', async () => {
  const all = await unfiltered(co.client);
  assert.ok(all.length > 1);
  const other = await addUser(co.id, { label: 'Sealother' });
  const again = new Client();
  await again.signInOk({ email: co.email, password: co.password });
  for (const [who, client] of [['another user', other.client], ['the same user, signed in again', again]]) {
    const r = await client.get(sealedNi);
    assert.equal(r.status, 200, who);
    assert.equal(textById(r.body, 'search-expired'), EXPIRED, who);
    assert.deepEqual(listedIds(r.body), all, `${who}: the list is filtered`);
    assert.ok(!pageText(r.body).includes(target.ni), `${who}: the page shows the NI number`);
    assert.equal(searchBox(r.body), '', `${who}: the search box is filled`);
    assert.equal(hrefById(r.body, 'export-csv'), '/employees/current/export?sort=name', `${who}: the export link`);
  }
  // The export of that token: never the whole list in its place, but the message on the list.
  const exportHref = `/employees/current/export?sort=name&s=${new URL(sealedNi, 'http://x').searchParams.get('s')}`;
  assert.equal(parseCsv((await co.client.get(exportHref)).body).length, 2, 'the export of the search');
  const ex = await other.client.get(exportHref);
  assert.equal(ex.status, 303);
  assert.equal(ex.location, '/employees/current');
  const shown = await other.client.get(ex.location);
  assert.match(pageText(shown.body), /Your search has expired: please search again\./);
});

test('an altered, truncated or made-up token: expired, the whole list, never an error', async () => {
  const all = await unfiltered(co.client);
  const s = new URL(sealedNi, 'http://x').searchParams.get('s');
  const flip = (i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const bad of [flip(0), flip(30), flip(s.length - 1), s.slice(0, -1), s.slice(0, 40), `${s}A`,
    'garbage', '!!!', '%00', 'x'.repeat(5000), `${s.slice(0, 10)}+${s.slice(11)}`]) {
    const r = await co.client.get(`/employees/current?s=${encodeURIComponent(bad)}&sort=name`);
    assert.equal(r.status, 200, `s=${bad.slice(0, 40)}`);
    assert.equal(textById(r.body, 'search-expired'), EXPIRED, `s=${bad.slice(0, 40)}`);
    assert.deepEqual(listedIds(r.body), all, `s=${bad.slice(0, 40)}: filtered`);
  }
  const none = await co.client.get('/employees/current?s=&sort=name');
  assert.equal(textById(none.body, 'search-expired'), null, 'an empty s is no search, not an expired one');
});

test('a plain GET ?q= is not read: the whole list, and what was sent is not echoed', async () => {
  const all = await unfiltered(co.client);
  const r = await co.client.get(`/employees/current?q=${target.ni}`);
  assert.equal(r.status, 200);
  assert.deepEqual(listedIds(r.body), all);
  assert.ok(!r.body.includes(target.ni), 'the q sent is on the page');
});

test('an empty search redirects to the list without s; a bad one shows its message on the whole list', async () => {
  const csrf = await csrfOf(co.client);
  const empty = await co.client.post('/employees/current', { _csrf: csrf, q: '', sort: 'name' });
  assert.equal(empty.status, 303);
  assert.equal(empty.location, '/employees/current');
  const blank = await co.client.post('/employees/current', { _csrf: csrf, q: '   ', sort: 'expiry' });
  assert.equal(blank.location, '/employees/current?sort=expiry');
  const long = await co.client.post('/employees/current', { _csrf: csrf, q: 'x'.repeat(201), sort: 'name' });
  assert.equal(long.status, 200);
  assert.equal(long.location, null);
  assert.equal(textById(long.body, 'q-error'), 'Error: Please keep this to 200 characters or fewer.');
  assert.deepEqual(listedIds(long.body), await unfiltered(co.client));
});

test('the search POST without a CSRF token, or with a wrong one, is refused like every POST', async () => {
  for (const form of [{ q: target.ni, sort: 'name' }, { _csrf: 'f'.repeat(64), q: target.ni, sort: 'name' }]) {
    const r = await co.client.post('/employees/current', form);
    assert.equal(r.status, 403);
    assert.equal(r.location, null);
    assert.match(pageText(r.body), /This form has expired or did not come from this site/);
  }
  const anon = await new Client().post('/employees/current', { q: target.ni });
  assert.equal(anon.status, 403);
});

test('a name search pages with Next page, every page keeping the sealed search; its export has every row', async () => {
  const walk = await walkCurrent(co.client, { q: 'pagedseal' });
  assert.equal(walk.pages, 2);
  assert.deepEqual([...walk.ids].sort(), [...paged].sort());
  const s = new URL(walk.first, 'http://x').searchParams.get('s');
  const next = new URL(hrefById(walk.bodies[0], 'next-page'), 'http://x').searchParams;
  assert.equal(next.get('s'), s);
  assert.equal(next.get('q'), null);
  assert.equal(textById(walk.bodies[1], 'search-expired'), null);
  assert.equal(searchBox(walk.bodies[1]), 'pagedseal', 'the second page lost the search');
  const csv = parseCsv((await co.client.get(hrefById(walk.bodies[1], 'export-csv'))).body);
  assert.equal(csv.length - 1, PAGED);
  assert.ok(csv.slice(1).every((row) => row[0].startsWith('Pagedsealed, ')));
  // Sorted by expiry, the same search.
  const byExpiry = await walkCurrent(co.client, { q: 'pagedseal', sort: 'expiry' });
  assert.match(byExpiry.first, /&sort=expiry$/);
  assert.deepEqual([...byExpiry.ids].sort(), [...paged].sort());
});

test('nginx\'s access and error logs and portald\'s log hold no trace of the NI number searched', async () => {
  await sleep(1500); // nginx flushes its access log every second
  const dir = process.env.PORTAL_LOG_DIR || path.join(env.state, 'log');
  const access = readFileSync(path.join(dir, 'nginx-access.log'), 'latin1');
  assert.match(access, /"POST \/employees\/current HTTP/, 'the searches are not in the access log at all');
  for (const file of ['nginx-access.log', 'nginx-error.log', 'portald.log']) {
    const p = path.join(dir, file);
    if (!existsSync(p)) continue;
    const text = readFileSync(p, 'latin1');
    for (const f of [target.ni, target.ni.toLowerCase(), encodeURIComponent(`${target.ni.slice(0, 2)} ${target.ni.slice(2)}`)]) {
      assert.ok(!text.includes(f), `${file} holds ${f}`);
    }
  }
});
