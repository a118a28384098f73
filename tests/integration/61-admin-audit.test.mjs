// The company's audit log: for users who may change permissions; the company's own rows only;
// filters; paging; no secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, sqlValue, tableRows, freshCompany, addUser, signedIn, DEMO, OTHER, VIEWER } from '../lib/portal.mjs';

test('the log shows the company\'s sign-ins, newest first, and filters by action and user', async () => {
  const co = await freshCompany('Audited');
  const helper = await addUser(co.id, { label: 'Helper', permissions: 1 });
  const r = await co.client.get('/admin/audit');
  assert.equal(r.status, 200);
  const rows = tableRows(r.body, 'audit-table');
  assert.ok(rows.length >= 2, 'the sign-ins of the company are not listed');
  assert.ok(rows.every((row) => !/@ecs-portal\.test/.test(row.join(' '))), 'another company\'s rows shown');
  const logins = tableRows((await co.client.get('/admin/audit?action=login')).body, 'audit-table');
  assert.ok(logins.length >= 2 && logins.every((row) => row[3] === 'Login'), JSON.stringify(logins));
  // Codes read as words, in the table and in the filter (which still sends the code).
  assert.match(r.body, /<option value="login"[^>]*>Login<\/option>/);
  assert.ok(rows.every((row) => !row[3].includes('_') && /^[A-Z]/.test(row[3])), JSON.stringify(rows.map((row) => row[3])));
  const mine = tableRows((await co.client.get(`/admin/audit?user=${helper.user}`)).body, 'audit-table');
  assert.ok(mine.length >= 1 && mine.every((row) => row[1].includes(helper.email)));
  const bad = await co.client.get('/admin/audit?from=31/02/2026');
  assert.equal(bad.status, 200);
  assert.match(bad.body, /id="from-error"/);
});

test('paging through a long log: no row twice, none missing', async () => {
  const d = await signedIn(DEMO);
  const total = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE company_id =
    (SELECT id FROM companies WHERE company_number = 'ECS00002')`));
  let visited = 0;
  let pages = 0;
  let path = '/admin/audit';
  while (path && pages < 200) {
    const page = await d.get(path);
    const rows = tableRows(page.body, 'audit-table').filter((row) => row.length === 6);
    assert.ok(rows.length <= 50, `${rows.length} rows on a page`);
    visited += rows.length;
    pages++;
    const m = page.body.match(/id="next-page" href="([^"]+)"/);
    path = m ? m[1].replace(/&amp;/g, '&') : null;
  }
  assert.equal(visited, total, `walked ${pages} pages`);
});

test('only users who may change permissions see it', async () => {
  const v = await signedIn(VIEWER);
  assert.equal((await v.get('/admin/audit')).status, 403);
  const o = await signedIn(OTHER);
  const rows = tableRows((await o.get('/admin/audit')).body, 'audit-table');
  assert.ok(rows.every((row) => !row.join(' ').includes('demo@ecs-portal.test')), 'company 1 rows shown to company 2');
});

test('the whole company\'s log is for company-level users: a group or office user with the permission is refused and not shown it', async () => {
  const co = await freshCompany('AuditLevel');
  const u = await addUser(co.id, { label: 'OfficeAdmin', permissions: 2 ** 15 + 2 ** 13 });
  sql(`UPDATE memberships SET level = 'office', office_id = ${co.office} WHERE user_id = ${u.user}`);
  assert.equal((await u.client.get('/admin/audit')).status, 403);
  assert.doesNotMatch((await u.client.get('/dashboard')).body, /href="\/admin\/audit"/);
  // At company level, the same permissions open it and the toolbar shows it.
  sql(`UPDATE memberships SET level = 'company', office_id = NULL WHERE user_id = ${u.user}`);
  assert.equal((await u.client.get('/admin/audit')).status, 200);
  assert.match((await u.client.get('/dashboard')).body, /href="\/admin\/audit"/);
});
