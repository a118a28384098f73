// Remove a user (their sessions for the company end at once, their history stays) and reset a
// user's password (a new one-time link; the old password and their sessions end).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sqlValue, textById, freshCompany, addUser, signedIn, Client, LOGIN_ERROR, alerts } from '../lib/portal.mjs';
import { post, mailedLink, mailsTo, setPassword, strongPassword, addNewUser, pathOf, BIT } from '../lib/users.mjs';

let co;
before(async () => { co = await freshCompany('Remover'); });

test('removing a user ends their sessions at once and keeps their past actions', async () => {
  const u = await addUser(co.id, { label: 'Leaver', permissions: 1 });
  assert.equal((await u.client.get('/employees/current')).status, 200);
  await post(u.client, '/account/details', { title: 'Mr', first_name: 'Leaver', last_name: 'Second' });
  const history = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${u.user}`);
  const r = await post(co.client, `/admin/users/${u.user}/remove`, {});
  assert.equal(r.status, 303);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${u.user}`), 'removed');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.user}`), '0');
  const after = await u.client.get('/employees/current');
  assert.equal(after.status, 303, 'the old cookie still works');
  assert.match(after.location, /\/login$/);
  assert.equal(sqlValue(`SELECT COUNT(*) >= ${history} FROM audit_log WHERE user_id = ${u.user}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'user_removed' AND object_id = '${u.user}'`), '1');
  const again = await new Client().signIn(u.email, u.password);
  assert.equal(again.status, 200);
  assert.ok(alerts(again.body).includes(LOGIN_ERROR));
  const list = await co.client.get('/admin/users');
  assert.match(list.body, new RegExp(`data-user="${u.user}"[\\s\\S]*?Removed`));
  // Added again as an existing account, with new permissions.
  const back = await post(co.client, '/admin/users/add', { mode: 'existing', email: u.email, level: 'company', perm: '0' });
  assert.equal(back.status, 303);
  await signedIn({ email: u.email, password: u.password });
});

test('resetting a password: a new link, the old password and sessions end, the link works once', async () => {
  const u = await addUser(co.id, { label: 'Forgetful', permissions: 1 });
  const first = mailsTo(u.email).length;
  const r = await post(co.client, `/admin/users/${u.user}/reset`, {});
  assert.equal(r.status, 200);
  const link = await mailedLink(u.email, first);
  assert.equal(textById(r.body, 'one-time-link'), link);
  assert.equal((await u.client.get('/dashboard')).status, 303, 'the session survived the reset');
  const old = await new Client().signIn(u.email, u.password);
  assert.ok(alerts(old.body).includes(LOGIN_ERROR), 'the old password still works');
  // A second reset ends the first link.
  const r2 = await post(co.client, `/admin/users/${u.user}/reset`, {});
  const link2 = await mailedLink(u.email, first + 1);
  assert.notEqual(link2, link);
  assert.ok(textById((await setPassword(link, strongPassword())).body, 'link-invalid'), 'the older link works');
  const pw = strongPassword();
  assert.equal((await setPassword(link2, pw)).status, 303);
  assert.ok(textById((await setPassword(link2, strongPassword())).body, 'link-invalid'));
  await signedIn({ email: u.email, password: pw });
  assert.equal(r2.status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset' AND object_id = '${u.user}'
    AND user_id = ${co.user}`), '2');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'password_set_via_link' AND user_id = ${u.user}
    AND company_id = ${co.id}`), '1');
});

test('a user who also works for another company: neither company may reset their password', async () => {
  // The attack this stops: another company adds the account as an existing user, resets
  // its password, takes the link and signs in as them, into the first company.
  const u = await addUser(co.id, { label: 'Shared', permissions: 1 });
  const other = await freshCompany('Taker');
  const added = await post(other.client, '/admin/users/add', { mode: 'existing', email: u.email, level: 'company', perm: '0' });
  assert.equal(added.status, 303);
  const before = mailsTo(u.email).length;
  for (const admin of [other, co]) {
    const page = await admin.client.get(`/admin/users/${u.user}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /id="reset-form"/);
    assert.match(textById(page.body, 'shared-user'), /also works for another company/);
    const r = await post(admin.client, `/admin/users/${u.user}/reset`, {});
    assert.equal(r.status, 200);
    assert.match(textById(r.body, 'form-error'), /cannot be reset here/);
    assert.doesNotMatch(r.body, /id="one-time-link"/);
  }
  assert.equal(mailsTo(u.email).length, before, 'a link was mailed');
  assert.equal(sqlValue(`SELECT password_hash IS NOT NULL FROM users WHERE id = ${u.user}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM password_links WHERE user_id = ${u.user}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'password_reset' AND object_id = '${u.user}'
    AND user_id IN (${co.user}, ${other.user})`), '0', 'an administrator reset it');
  assert.equal((await u.client.get('/dashboard')).status, 200, 'their session ended');
  await signedIn({ email: u.email, password: u.password });
  // Once the other company removes them, their own company may reset it again.
  assert.equal((await post(other.client, `/admin/users/${u.user}/remove`, {})).status, 303);
  const r = await post(co.client, `/admin/users/${u.user}/reset`, {});
  assert.equal(r.status, 200);
  assert.equal(textById(r.body, 'one-time-link'), await mailedLink(u.email, before));
});

test('a link issued while the user belonged to one company does not work once another company adds them', async () => {
  // The same takeover by a link kept from before: a new user's, and a reset's.
  const keeper = await freshCompany('Keeper');
  const fresh = await addNewUser(keeper.client, { first: 'Kept', last: 'Link' });
  const held = await addUser(keeper.id, { label: 'Held', permissions: 1 });
  const mailed = mailsTo(held.email).length;
  assert.equal((await post(keeper.client, `/admin/users/${held.user}/reset`, {})).status, 200);
  const resetLink = await mailedLink(held.email, mailed);
  for (const email of [fresh.email, held.email]) {
    assert.equal((await post(co.client, '/admin/users/add', { mode: 'existing', email, level: 'company', perm: '0' })).status, 303);
  }
  for (const [link, user] of [[fresh.link, fresh.id], [resetLink, held.user]]) {
    assert.ok(textById((await new Client().get(pathOf(link))).body, 'link-invalid'), 'the link still offers a form');
    const r = await setPassword(link, strongPassword());
    assert.equal(r.status, 200);
    assert.ok(textById(r.body, 'link-invalid'), 'the link set a password');
    assert.equal(sqlValue(`SELECT password_hash IS NULL FROM users WHERE id = ${user}`), '1');
  }
});

test('each action needs its permission', async () => {
  const u = await addUser(co.id, { label: 'Victim', permissions: 1 });
  const resetter = await addUser(co.id, { label: 'Resetter', permissions: 2 ** BIT.resetPasswords });
  assert.equal((await post(resetter.client, `/admin/users/${u.user}/remove`, {})).status, 403);
  assert.equal((await post(resetter.client, `/admin/users/${u.user}`, { level: 'company' })).status, 403);
  assert.equal((await resetter.client.get('/admin/users/add')).status, 403);
  const page = await resetter.client.get(`/admin/users/${u.user}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /id="reset-form"/);
  assert.ok(!/id="remove-form"|id="user-form"/.test(page.body));
});
