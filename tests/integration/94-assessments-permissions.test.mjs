// Who may do what on the ECS Assessments tab, and isolation: the tab needs Can View Card
// Applications; the sign-in link and booking need Can Fill In Applications; a new password
// also the company level (one account for the whole company); buying credits Can Create New
// Purchases (tested in 91). Another company's booking answers 404, and so does a booking of an
// office outside the user's level; a group user books only the group's employees.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { freshCompany, addUser, signedIn, sql, sqlValue, q, pageText, uniqueTag, portalctl, EASTERN, VIEWER, OTHER, DEMO } from '../lib/portal.mjs';
import { formPost, pageCsrf } from '../lib/orders.mjs';
import { seedCredits, employee, book, bookingRow, credits } from '../lib/assessments.mjs';

const VIEW_APPS = 1 << 4;
const FILL_IN = 1 << 5;

let co;        // a company with a group "North" holding one office
let north;     // that office
let group;     // its group's id
let groupUser; // a group-level user with every permission

before(async () => {
  co = await freshCompany('Perm');
  const tag = uniqueTag();
  sql(`INSERT INTO company_groups (company_id, name) VALUES (${co.id}, 'North')`);
  group = sqlValue(`SELECT id FROM company_groups WHERE company_id = ${co.id} AND name = 'North'`);
  sql(`INSERT INTO offices (company_id, group_id, name) VALUES (${co.id}, ${group}, ${q(`North office ${tag}`)})`);
  north = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND group_id = ${group}`);
  const email = `permgroup-${tag}@test.example`;
  sql(`INSERT INTO users (email, first_name, last_name, status) VALUES (${q(email)}, 'Group', 'User', 'active')`);
  const user = sqlValue(`SELECT id FROM users WHERE email = ${q(email)}`);
  sql(`INSERT INTO memberships (user_id, company_id, level, group_id, permissions, status)
       VALUES (${user}, ${co.id}, 'group', ${group}, 8388607, 'active')`);
  portalctl('reset-password', '--email', email, '--password', `pw-${tag}-group`);
  groupUser = await signedIn({ email, password: `pw-${tag}-group` });
  seedCredits(co.id, 10);
});

test('the tab needs Can View Card Applications; without it every route answers 403', async () => {
  const u = await addUser(co.id, { label: 'NoApps', permissions: 1 });
  assert.equal((await u.client.get('/assessments')).status, 403);
  assert.equal((await u.client.get('/assessments/book')).status, 403);
  const csrf = await pageCsrf(u.client);
  for (const p of ['/assessments/signin', '/assessments/password', '/assessments/book']) {
    assert.equal((await formPost(u.client, p, { _csrf: csrf })).status, 403, p);
  }
});

test('viewing only: the account and bookings, but no sign-in link, booking or password', async () => {
  const u = await addUser(co.id, { label: 'ViewApps', permissions: VIEW_APPS });
  const tab = await u.client.get('/assessments');
  assert.equal(tab.status, 200);
  assert.match(tab.body, /id="account-username"/);
  assert.doesNotMatch(tab.body, /id="signin"|id="book"|id="generate-password"/);
  const csrf = await pageCsrf(u.client, '/assessments');
  assert.equal((await formPost(u.client, '/assessments/signin', { _csrf: csrf })).status, 403);
  assert.equal((await formPost(u.client, '/assessments/password', { _csrf: csrf })).status, 403);
  assert.equal((await u.client.get('/assessments/book')).status, 403);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${u.user} AND action LIKE 'assessment%'`), '0');
});

test('Can Fill In Applications: the sign-in link and booking', async () => {
  const u = await addUser(co.id, { label: 'Filler', permissions: VIEW_APPS | FILL_IN });
  const tab = await u.client.get('/assessments');
  assert.match(tab.body, /id="signin"/);
  assert.match(tab.body, /id="book"/);
  assert.doesNotMatch(tab.body, /id="buy-credits"/);
  const csrf = await pageCsrf(u.client, '/assessments');
  assert.equal((await formPost(u.client, '/assessments/signin', { _csrf: csrf })).status, 303);
  const { r } = await book(u.client, { operative: employee(co).id });
  assert.equal(r.status, 303);
});

test('a group user: books only the group\'s employees, sees only their bookings, cannot replace the password', async () => {
  const mine = employee(co, { office: north, first: 'Northern' });
  const head = employee(co, { office: co.office, first: 'Headoffice' });
  const page = await groupUser.get('/assessments/book');
  assert.match(pageText(page.body), /Operative, Northern|Candidate, Northern/);
  assert.doesNotMatch(pageText(page.body), /Headoffice/);
  const refused = await book(groupUser, { operative: head.id });
  assert.equal(refused.r.status, 200);
  assert.match(refused.r.body, /one of your current employees/);
  const ok = await book(groupUser, { operative: mine.id });
  assert.equal(ok.r.status, 303);
  // The company-level user's booking of a head-office employee is not the group's.
  const theirs = await book(co.client, { operative: head.id });
  assert.equal((await groupUser.get(`/assessments/bookings/${theirs.id}`)).status, 404);
  assert.equal((await groupUser.get(`/assessments/bookings/${ok.id}`)).status, 200);
  assert.equal((await co.client.get(`/assessments/bookings/${ok.id}`)).status, 200);
  const tab = pageText((await groupUser.get('/assessments')).body);
  assert.match(tab, new RegExp(bookingRow(ok.id).code));
  assert.doesNotMatch(tab, new RegExp(bookingRow(theirs.id).code));
  assert.doesNotMatch((await groupUser.get('/assessments')).body, /id="generate-password"/);
  const csrf = await pageCsrf(groupUser, '/assessments');
  assert.equal((await formPost(groupUser, '/assessments/password', { _csrf: csrf })).status, 403);
});

test('another company\'s booking answers 404 and its account is never shown', async () => {
  const other = await freshCompany('PermOther');
  const b = await book(co.client, { operative: employee(co).id });
  assert.equal((await other.client.get(`/assessments/bookings/${b.id}`)).status, 404);
  assert.equal((await other.client.get('/assessments/bookings/999999999')).status, 404);
  const mine = sqlValue(`SELECT username FROM assessment_accounts WHERE company_id = ${co.id}`);
  const tab = await other.client.get('/assessments');
  assert.ok(!tab.body.includes(mine));
  assert.ok(!pageText(tab.body).includes(bookingRow(b.id).code));
  // Booking another company's employee is refused like any non-employee; nothing is charged.
  const before0 = credits(other.id);
  seedCredits(other.id, 1);
  const r = await book(other.client, { operative: sqlValue(`SELECT operative_id FROM assessment_bookings WHERE id = ${b.id}`) });
  assert.equal(r.r.status, 200);
  assert.equal(credits(other.id), before0 + 1);
});

test('the demo users: eastern@ and viewer@ may view the tab but not book; other@ sees its own company', async () => {
  for (const who of [EASTERN, VIEWER]) {
    const c = await signedIn(who);
    const tab = await c.get('/assessments');
    assert.equal(tab.status, 200, who.email);
    assert.doesNotMatch(tab.body, /id="signin"|id="book"/, who.email);
    assert.equal((await c.get('/assessments/book')).status, 403, who.email);
  }
  const demo = await signedIn(DEMO);
  const other = await signedIn(OTHER);
  const a = pageText((await demo.get('/assessments')).body).match(/Username (ecs\d{7})/)[1];
  const b = pageText((await other.get('/assessments')).body).match(/Username (ecs\d{7})/)[1];
  assert.notEqual(a, b);
});
