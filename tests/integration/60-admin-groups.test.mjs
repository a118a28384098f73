// Administration -> Administer Groups: groups and offices, who may change them, the delete guard.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, q, pageText, textById, freshCompany, addUser, createOperative, employ, signedIn, OTHER, EASTERN,
} from '../lib/portal.mjs';

const CREATE_GROUPS = 1 << 17;
const EDIT_EMPLOYER = 1 << 18;
let co;
before(async () => { co = await freshCompany('Structure'); });

const post = async (client, path, form) => client.post(path, { _csrf: await client.csrf('/dashboard'), ...form });

test('the structure page lists groups and offices, escaped', async () => {
  const r = await co.client.get('/admin/groups');
  assert.equal(r.status, 200);
  assert.match(r.body, /id="structure"/);
  assert.ok(pageText(r.body).includes(co.officeName));
  assert.match(r.body, /id="new-group-form"/);
  assert.match(r.body, /id="new-office-form"/);
  // A group's buttons name it to a screen reader: one DELETE THE GROUP per group is not enough.
  const gname = `Named ${Date.now()}`;
  assert.equal((await post(co.client, '/admin/groups/new', { name: gname })).status, 303);
  const page = (await co.client.get('/admin/groups')).body;
  for (const b of ['RENAME<span class="visually-hidden"> the group ', 'DELETE THE GROUP<span class="visually-hidden"> ']) {
    assert.ok(page.includes(`${b}${gname}</span>`), b);
  }
});

test('create, rename and delete an empty group; names unique per company', async () => {
  const name = `Northern <b>${Date.now()}</b>`;
  const r = await post(co.client, '/admin/groups/new', { name });
  assert.equal(r.status, 303);
  const id = sqlValue(`SELECT id FROM company_groups WHERE company_id = ${co.id} AND name = ${q(name)}`);
  assert.ok(id);
  const page = await co.client.get('/admin/groups');
  assert.ok(!page.body.includes('<b>'), 'the name is not escaped');
  const dup = await post(co.client, '/admin/groups/new', { name });
  assert.equal(dup.status, 200);
  assert.match(textById(dup.body, 'form-error'), /already a group of that name/);
  // One limit, as the field says (maxlength 100), however long the name sent.
  for (const n of [101, 250]) {
    const long = await post(co.client, '/admin/groups/new', { name: 'G'.repeat(n) });
    assert.match(pageText(long.body), /Please keep this to 100 characters or fewer/, `${n} characters`);
  }
  assert.equal((await post(co.client, `/admin/groups/${id}/rename`, { name: `${name} renamed` })).status, 303);
  assert.equal(sqlValue(`SELECT name FROM company_groups WHERE id = ${id}`), `${name} renamed`);
  assert.equal((await post(co.client, `/admin/groups/${id}/delete`, {})).status, 303);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM company_groups WHERE id = ${id}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'group_created' AND object_id = '${id}'`), '1');
});

test('an office with employees, now or before, cannot be deleted, only closed; an empty one can', async () => {
  const g = await post(co.client, '/admin/groups/new', { name: `Busy ${Date.now()}` });
  assert.equal(g.status, 303);
  const groupId = sqlValue(`SELECT MAX(id) FROM company_groups WHERE company_id = ${co.id}`);
  const o = await post(co.client, '/admin/offices/new', { name: `Depot ${Date.now()}`, group_id: groupId });
  assert.equal(o.status, 303);
  const officeId = o.location.match(/\/admin\/offices\/(\d+)$/)[1];
  const p = createOperative({ first: 'Kept', last: 'Busy' });
  employ(p.id, co.id, officeId);
  const del = await post(co.client, `/admin/offices/${officeId}/delete`, {});
  assert.equal(del.status, 200);
  assert.match(textById(del.body, 'form-error'), /cannot be deleted\. You can close it instead/);
  const gdel = await post(co.client, `/admin/groups/${groupId}/delete`, {});
  assert.match(textById(gdel.body, 'form-error'), /cannot be deleted/);
  assert.equal((await post(co.client, `/admin/offices/${officeId}/close`, {})).status, 303);
  assert.equal(sqlValue(`SELECT status FROM offices WHERE id = ${officeId}`), 'closed');
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE office_id = ${officeId}`);
  const after = await post(co.client, `/admin/offices/${officeId}/delete`, {});
  assert.equal(after.status, 200, 'an office with employment history was deleted');
  assert.match(textById(after.body, 'form-error'), /now or in the past/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM offices WHERE id = ${officeId}`), '1');
  const empty = await post(co.client, '/admin/offices/new', { name: `Empty ${Date.now()}`, group_id: '0' });
  const emptyId = empty.location.match(/(\d+)$/)[1];
  assert.equal((await post(co.client, `/admin/offices/${emptyId}/delete`, {})).status, 303);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM offices WHERE id = ${emptyId}`), '0');
});

test('the company\'s only open office can be neither deleted nor closed', async () => {
  const lone = await freshCompany('LoneOffice');
  const only = lone.office;
  assert.equal(sqlValue(`SELECT COUNT(*) FROM offices WHERE company_id = ${lone.id} AND status = 'open'`), '1');
  for (const action of ['delete', 'close']) {
    const r = await post(lone.client, `/admin/offices/${only}/${action}`, {});
    assert.equal(r.status, 200, action);
    assert.match(textById(r.body, 'form-error'), /only open office/);
  }
  assert.equal(sqlValue(`SELECT status FROM offices WHERE id = ${only}`), 'open');
  // With a second open office, the first may be closed (and opened again).
  const second = await post(lone.client, '/admin/offices/new', { name: 'Second Office', group_id: '0' });
  assert.equal(second.status, 303);
  assert.equal((await post(lone.client, `/admin/offices/${only}/close`, {})).status, 303);
  assert.equal(sqlValue(`SELECT status FROM offices WHERE id = ${only}`), 'closed');
  assert.equal((await post(lone.client, `/admin/offices/${only}/close`, {})).status, 303);
  assert.equal(sqlValue(`SELECT status FROM offices WHERE id = ${only}`), 'open');
});

test('editing an office: details saved, moved between groups, bad input refused and kept', async () => {
  const o = await post(co.client, '/admin/offices/new', { name: `Branch ${Date.now()}`, group_id: '0' });
  const id = o.location.match(/(\d+)$/)[1];
  const bad = await post(co.client, `/admin/offices/${id}`, { name: 'Branch X', email: 'not an email',
    postcode: 'NR1 3QQ', group_id: '0' });
  assert.equal(bad.status, 200);
  assert.ok(textById(bad.body, 'email-error'));
  assert.match(bad.body, /value="not an email"/);
  const g = sqlValue(`SELECT MIN(id) FROM company_groups WHERE company_id = ${co.id}`) ||
    ((await post(co.client, '/admin/groups/new', { name: 'Moved' })) && sqlValue(
      `SELECT MIN(id) FROM company_groups WHERE company_id = ${co.id}`));
  const ok = await post(co.client, `/admin/offices/${id}`, { name: 'Branch Y', email: 'branch@test.example',
    postcode: 'NR1 3QQ', town: 'Norwich', phone: '01632 960000', contact_name: 'Mr Accounts',
    delivery_contact: 'Ms Cards', group_id: g });
  assert.equal(ok.status, 303);
  assert.deepEqual(sql(`SELECT name, group_id, town, contact_name, delivery_contact FROM offices WHERE id = ${id}`)[0],
    ['Branch Y', g, 'Norwich', 'Mr Accounts', 'Ms Cards']);
  // The delivery address's postcode is a postcode, as an employee's is.
  const pc = await post(co.client, `/admin/offices/${id}`, { name: 'Branch Y', postcode: 'NOT A PC', group_id: g });
  assert.equal(pc.status, 200);
  assert.match(textById(pc.body, 'postcode-error') || '', /postcode like NR1 3QQ/);
  assert.match(pc.body, /<input\b[^>]*id="postcode"[^>]*aria-invalid="true" aria-describedby="postcode-error"/);
  assert.doesNotMatch(pc.body, /id="town"[^>]*aria-invalid/, 'a field without an error marked invalid');
  assert.equal(sqlValue(`SELECT postcode FROM offices WHERE id = ${id}`), 'NR1 3QQ');
  // Spaced any way, it is kept as "OUTWARD INWARD" (the column holds 10).
  const spaced = await post(co.client, `/admin/offices/${id}`, { name: 'Branch Y', postcode: 'n r 1      3 q q', group_id: g });
  assert.equal(spaced.status, 303);
  assert.equal(sqlValue(`SELECT postcode FROM offices WHERE id = ${id}`), 'NR1 3QQ');
  const otherGroup = sqlValue(`SELECT MIN(id) FROM company_groups WHERE company_id <> ${co.id}`);
  const cross = await post(co.client, `/admin/offices/${id}`, { name: 'Branch Y', group_id: otherGroup });
  assert.equal(cross.status, 200, 'moved into another company\'s group');
  assert.equal(sqlValue(`SELECT group_id FROM offices WHERE id = ${id}`), g);
});

test('permissions, levels and other companies', async () => {
  const clerk = await addUser(co.id, { label: 'Clerk', permissions: 1 });
  assert.equal((await clerk.client.get('/admin/groups')).status, 200, 'anyone signed in may look');
  assert.equal((await post(clerk.client, '/admin/groups/new', { name: 'Nope' })).status, 403);
  assert.equal((await post(clerk.client, '/admin/offices/new', { name: 'Nope' })).status, 403);
  const grouper = await addUser(co.id, { label: 'Grouper', permissions: CREATE_GROUPS });
  assert.equal((await post(grouper.client, '/admin/offices/new', { name: 'Nope' })).status, 403);
  const editor = await addUser(co.id, { label: 'Editor', permissions: EDIT_EMPLOYER });
  assert.equal((await post(editor.client, '/admin/groups/new', { name: 'Nope' })).status, 403);
  const o = await signedIn(OTHER);
  assert.equal((await o.get(`/admin/offices/${co.office}`)).status, 404);
  assert.equal((await post(o, `/admin/offices/${co.office}`, { name: 'Stolen' })).status, 404);
  assert.equal((await post(o, `/admin/offices/${co.office}/delete`, {})).status, 404);
  const eastern = await signedIn(EASTERN);
  const head = sqlValue("SELECT id FROM offices WHERE name = 'ECS Check Company 2 Head Office'");
  assert.equal((await eastern.get(`/admin/offices/${head}`)).status, 404, 'a group user sees another group');
  assert.ok(!pageText((await eastern.get('/admin/groups')).body).includes('ECS Check Company 2 Head Office'));
});
