// Administer Users -> Edit: level and permissions (bundles as one box, granted = union), never
// more than the editor holds, never oneself, never the company's last user administrator;
// users outside the editor's company or level answer 404.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql, sqlValue, q, textById, pageText, freshCompany, addUser, signedIn, OTHER } from '../lib/portal.mjs';
import { post, BIT } from '../lib/users.mjs';

const bit = (b) => 2 ** b;
let co, groupId, inOffice, outOffice;
before(async () => {
  co = await freshCompany('Editor');
  sql(`INSERT INTO company_groups (company_id, name) VALUES (${co.id}, 'North')`);
  groupId = sqlValue(`SELECT id FROM company_groups WHERE company_id = ${co.id} AND name = 'North'`);
  sql(`INSERT INTO offices (company_id, group_id, name) VALUES (${co.id}, ${groupId}, 'North Depot'),
       (${co.id}, NULL, 'South Depot')`);
  inOffice = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = 'North Depot'`);
  outOffice = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = 'South Depot'`);
});

const perms = (user) => sqlValue(`SELECT permissions FROM memberships WHERE user_id = ${user} AND company_id = ${co.id}`);
// Moves a user (made at company level by addUser) to a level with SQL.
function place(user, level, id) {
  const g = level === 'group' ? id : 'NULL';
  const o = level === 'office' ? id : 'NULL';
  sql(`UPDATE memberships SET level = '${level}', group_id = ${g}, office_id = ${o} WHERE user_id = ${user}`);
}

test('the edit page shows each bundle as one box with its permissions beneath; saving grants the union', async () => {
  const u = await addUser(co.id, { label: 'Clerk', permissions: 1 });
  const page = await co.client.get(`/admin/users/${u.user}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /id="user-form"/);
  assert.match(page.body, /name="bundle" value="full_employee_access"/);
  assert.match(page.body, /name="perm" value="0" checked/);
  const r = await post(co.client, `/admin/users/${u.user}`, { level: `office:${inOffice}`,
    bundle: ['full_purchasing_access'], perm: ['0', '12'] });
  assert.equal(r.status, 303);
  assert.equal(perms(u.user), String(3840 + 1 + 4096));
  assert.equal(sqlValue(`SELECT CONCAT(level, ':', office_id) FROM memberships WHERE user_id = ${u.user}`), `office:${inOffice}`);
  const row = sql(`SELECT action, detail FROM audit_log WHERE object_id = '${u.user}' AND action = 'user_permissions_changed'`);
  assert.equal(row.length, 1);
  assert.match(row[0][1], /Full Purchasing Access, Can View Employees, Can Use Funds/);
});

test('without script the boxes beneath a bundle keep their ticks: a changed bundle box wins, else its boxes decide', async () => {
  // Full Applications Access is bits 4 and 5; the page shows its box and both beneath ticked.
  const u = await addUser(co.id, { label: 'Applier', permissions: bit(4) + bit(5) + bit(0) });
  const page = await co.client.get(`/admin/users/${u.user}`);
  assert.match(page.body, /name="bundle" value="full_applications_access" checked/);
  assert.match(textById(page.body, 'permissions-hint'), /leave the bundle ticked and untick those/);
  // The bundle left ticked, one of its permissions unticked: that one is taken away.
  let r = await post(co.client, `/admin/users/${u.user}`, { level: 'company',
    bundle: ['full_applications_access'], perm: ['0', '4'] });
  assert.equal(r.status, 303);
  assert.equal(perms(u.user), String(bit(0) + bit(4)));
  // The bundle ticked again (its boxes as the page now shows them): all of it.
  r = await post(co.client, `/admin/users/${u.user}`, { level: 'company',
    bundle: ['full_applications_access'], perm: ['0', '4'] });
  assert.equal(perms(u.user), String(bit(0) + bit(4) + bit(5)));
  // The bundle unticked, its boxes still ticked beneath it: none of it.
  r = await post(co.client, `/admin/users/${u.user}`, { level: 'company', perm: ['0', '4', '5'] });
  assert.equal(r.status, 303);
  assert.equal(perms(u.user), String(bit(0)));
});

test('granting a permission the editor does not hold is refused with a message and changes nothing', async () => {
  const editor = await addUser(co.id, { label: 'Limited', permissions: bit(BIT.changePermissions) + bit(BIT.viewEmployees) + bit(BIT.addUsers) });
  const u = await addUser(co.id, { label: 'Target', permissions: bit(BIT.viewEmployees) });
  const r = await post(editor.client, `/admin/users/${u.user}`, { level: 'company', bundle: 'full_employee_access' });
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'form-error'), /only grant permissions that you hold yourself.*Can Add Employees/);
  assert.equal(perms(u.user), '1');
  const add = await post(editor.client, '/admin/users/add', { mode: 'new', email: `x-${Date.now()}@test.example`,
    first_name: 'A', last_name: 'B', level: 'company', perm: String(BIT.removeUsers) });
  assert.match(textById(add.body, 'form-error'), /Can Remove Users/);
  // What the editor does not hold stays as it was when they save.
  sql(`UPDATE memberships SET permissions = ${1 + bit(BIT.editEmployer)} WHERE user_id = ${u.user}`);
  const keep = await post(editor.client, `/admin/users/${u.user}`, { level: 'company', perm: ['0', String(BIT.addUsers)] });
  assert.equal(keep.status, 303);
  assert.equal(perms(u.user), String(1 + bit(BIT.editEmployer) + bit(BIT.addUsers)));
});

test('nobody changes their own level or permissions', async () => {
  const before = perms(co.user);
  const r = await post(co.client, `/admin/users/${co.user}`, { level: `office:${inOffice}`, perm: '0' });
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'form-error'), /cannot change your own permissions or level/);
  assert.equal(perms(co.user), before);
  const rm = await post(co.client, `/admin/users/${co.user}/remove`, {});
  assert.match(textById(rm.body, 'form-error'), /cannot remove yourself/);
  assert.ok(!/id="user-form"/.test((await co.client.get(`/admin/users/${co.user}`)).body));
});

test('the last active company-level user who can change permissions cannot be removed or demoted', async () => {
  const c2 = await freshCompany('LastAdmin');
  const remover = await addUser(c2.id, { label: 'Remover', permissions: bit(BIT.removeUsers) });
  const r = await post(remover.client, `/admin/users/${c2.user}/remove`, {});
  assert.equal(r.status, 200);
  assert.match(textById(r.body, 'form-error'), /last active company-level user who can change user permissions/);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${c2.user}`), 'active');
  // With a second administrator the first can be demoted, and then the second is the last one.
  const second = await addUser(c2.id, { label: 'Second', permissions: bit(BIT.changePermissions) + bit(BIT.removeUsers) });
  const demote = await post(second.client, `/admin/users/${c2.user}`, { level: 'company', perm: String(BIT.removeUsers) });
  assert.equal(demote.status, 303);
  const last = await post(c2.client, `/admin/users/${second.user}/remove`, {});
  assert.equal(last.status, 200);
  assert.match(textById(last.body, 'form-error'), /last active company-level/);
  // Two removals at once of two administrators: one of them stays.
  const third = await addUser(c2.id, { label: 'Third', permissions: bit(BIT.changePermissions) });
  const both = await Promise.all([post(remover.client, `/admin/users/${second.user}/remove`, {}),
    post(remover.client, `/admin/users/${third.user}/remove`, {})]);
  assert.deepEqual(both.map((x) => x.status).sort(), [200, 303]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM memberships WHERE company_id = ${c2.id} AND status = 'active'
    AND level = 'company' AND permissions & ${bit(BIT.changePermissions)}`), '1');
});

test('another company\'s users and users outside the editor\'s level answer 404', async () => {
  const other = await signedIn(OTHER);
  const u = await addUser(co.id, { label: 'Far', permissions: 1 });
  place(u.user, 'office', outOffice);
  const near = await addUser(co.id, { label: 'Near', permissions: 1 });
  place(near.user, 'office', inOffice);
  for (const [method, path] of [['GET', ''], ['POST', ''], ['POST', '/remove'], ['POST', '/reset']]) {
    const r = method === 'GET' ? await other.get(`/admin/users/${u.user}${path}`)
      : await post(other, `/admin/users/${u.user}${path}`, { level: 'company' });
    assert.equal(r.status, 404, `${method} ${path} for another company`);
  }
  const groupAdmin = await addUser(co.id, { label: 'GroupAdmin', permissions: 8388607 });
  place(groupAdmin.user, 'group', groupId);
  const g = await signedIn({ email: groupAdmin.email, password: groupAdmin.password });
  assert.equal((await g.get(`/admin/users/${u.user}`)).status, 404, 'an office outside the group');
  assert.equal((await post(g, `/admin/users/${u.user}/remove`, {})).status, 404);
  assert.equal((await g.get(`/admin/users/${co.user}`)).status, 404, 'a company-level user');
  assert.equal((await g.get(`/admin/users/${near.user}`)).status, 200, 'an office of the group');
  const list = pageText((await g.get('/admin/users')).body);
  assert.ok(list.includes(near.email) && !list.includes(u.email) && !list.includes(co.email));
  const company = await post(g, `/admin/users/${near.user}`, { level: 'company', perm: '0' });
  assert.match(textById(company.body, 'form-error'), /level within your own/);
  const officeOut = await post(g, `/admin/users/${near.user}`, { level: `office:${outOffice}`, perm: '0' });
  assert.match(textById(officeOut.body, 'form-error'), /level within your own/);
  assert.equal(sqlValue(`SELECT office_id FROM memberships WHERE user_id = ${near.user}`), inOffice);
  const plain = await addUser(co.id, { label: 'Plain', permissions: 1 });
  assert.equal((await plain.client.get('/admin/users')).status, 403, 'no user-admin permission');
  assert.ok(q);
});
