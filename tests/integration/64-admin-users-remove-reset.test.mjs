// Remove a user (their sessions for the company end at once, their history stays) and reset a
// user's password (a new one-time link; the old password and their sessions end).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sqlValue, textById, freshCompany, addUser, signedIn, Client, LOGIN_ERROR, alerts } from '../lib/portal.mjs';
import { post, mailedLink, mailsTo, setPassword, strongPassword, addNewUser, answerInvitation, BIT } from '../lib/users.mjs';

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
  // Only the person's mailbox has the link: the administrator's page does not show it.
  assert.equal(textById(r.body, 'one-time-link'), null);
  assert.match(textById(r.body, 'link-mailed'), new RegExp(`emailed to ${u.email.replace(/[.]/g, '\\.')}`));
  assert.doesNotMatch(r.body, /set-password\?token=/);
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
  // A password serves every company the person works for: one company resetting it would
  // end their access to the others (and, with the link, let that company act as them there).
  const u = await addUser(co.id, { label: 'Shared', permissions: 1 });
  const other = await freshCompany('Taker');
  const added = await post(other.client, '/admin/users/add', { mode: 'existing', email: u.email, level: 'company', perm: '0' });
  assert.equal(added.status, 303);
  await answerInvitation(u, other.id);
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
  assert.ok(await mailedLink(u.email, before), 'no link mailed');
});

test('no company can take an account over: another company\'s user is only invited, and a reset\'s link goes only to the person', async () => {
  // Someone removed everywhere (no company's user now) is added at once by a new company,
  // which may then reset their password: the link goes to their email, not to the page.
  const leaver = await addUser(co.id, { label: 'Leaver', permissions: 1 });
  assert.equal((await post(co.client, `/admin/users/${leaver.user}/remove`, {})).status, 303);
  const taker = await freshCompany('Grabber');
  assert.equal((await post(taker.client, '/admin/users/add', { mode: 'existing', email: leaver.email, level: 'company', perm: '0' })).status, 303);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${leaver.user} AND company_id = ${taker.id}`), 'active');
  const before = mailsTo(leaver.email).length;
  const r = await post(taker.client, `/admin/users/${leaver.user}/reset`, {});
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.body, /set-password\?token=/);
  assert.ok(await mailedLink(leaver.email, before), 'the person was not mailed the link');
  // Someone who is another company's user is only invited: until they accept, no reset.
  const held = await addUser(co.id, { label: 'Held', permissions: 1 });
  assert.equal((await post(taker.client, '/admin/users/add', { mode: 'existing', email: held.email, level: 'company', perm: '0' })).status, 303);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${held.user} AND company_id = ${taker.id}`), 'invited');
  const refused = await post(taker.client, `/admin/users/${held.user}/reset`, {});
  assert.match(textById(refused.body, 'form-error'), /not accepted your invitation yet/);
  assert.equal(sqlValue(`SELECT password_hash IS NOT NULL FROM users WHERE id = ${held.user}`), '1');
  // And the company whose new user another company invites keeps its link and its reset.
  const fresh = await addNewUser(co.client, { first: 'Kept', last: 'Link' });
  assert.equal((await post(taker.client, '/admin/users/add', { mode: 'existing', email: fresh.email, level: 'company', perm: '0' })).status, 303);
  const pw = strongPassword();
  assert.equal((await setPassword(fresh.link, pw)).status, 303);
  await signedIn({ email: fresh.email, password: pw });
  const m = mailsTo(fresh.email).length;
  assert.equal((await post(co.client, `/admin/users/${fresh.id}/reset`, {})).status, 200);
  assert.ok(await mailedLink(fresh.email, m), 'its own company could not reset the password');
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
