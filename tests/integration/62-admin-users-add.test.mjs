// Administer Users -> ADD USER: a new user and the one-time link to set a password (single use,
// expiring), an existing portal account added by exact email, the list and its badges.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql, sqlValue, q, textById, pageText, freshCompany, signedIn, Client, uniqueTag, LOGIN_ERROR } from '../lib/portal.mjs';
import { post, addNewUser, setPassword, mailsTo, pathOf, strongPassword, answerInvitation, FULL_EMPLOYEE } from '../lib/users.mjs';

let co;
before(async () => { co = await freshCompany('Adder'); });

test('the list shows the company\'s users with level, bundles, last sign-in, status and Edit', async () => {
  const r = await co.client.get('/admin/users');
  assert.equal(r.status, 200);
  assert.match(r.body, /id="users-table"/);
  assert.match(r.body, /id="add-user"/);
  const text = pageText(r.body);
  assert.ok(text.includes(co.email));
  assert.ok(text.includes('Full Employee Access') && text.includes('Full User Admin Access'));
  assert.match(r.body, new RegExp(`href="/admin/users/${co.user}"`));
});

test('a new user: the link is mailed and shown, works once, then the user signs in', async () => {
  const u = await addNewUser(co.client, { bundle: 'full_employee_access' });
  assert.ok(u.response.body.includes(u.link), 'the link is shown to the administrator');
  assert.equal(sqlValue(`SELECT permissions FROM memberships WHERE user_id = ${u.id}`), String(FULL_EMPLOYEE));
  assert.equal(sqlValue(`SELECT password_hash IS NULL FROM users WHERE id = ${u.id}`), '1');
  const token = new URL(u.link).searchParams.get('token');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM password_links WHERE user_id = ${u.id}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM password_links WHERE token_hash = UNHEX(${q(token)})`), '0',
    'the token itself is stored');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM password_links WHERE token_hash = UNHEX(SHA2(UNHEX(${q(token)}), 256))
    AND expires_at BETWEEN NOW(6) + INTERVAL 23 HOUR AND NOW(6) + INTERVAL 25 HOUR`), '1');
  const form = await new Client().get(pathOf(u.link));
  assert.match(form.body, /id="set-password-form"/);
  const pw = strongPassword();
  const weak = await setPassword(u.link, 'password1234');
  assert.equal(weak.status, 200);
  assert.match(textById(weak.body, 'form-error'), /too easy to guess/);
  const short = await setPassword(u.link, 'Short-1');
  assert.match(textById(short.body, 'form-error'), /at least 12 characters/);
  const mismatch = await setPassword(u.link, pw, `${pw}x`);
  assert.match(textById(mismatch.body, 'form-error'), /not the same/);
  const ok = await setPassword(u.link, pw);
  assert.equal(ok.status, 303);
  assert.match(ok.location, /\/login$/);
  await signedIn({ email: u.email, password: pw });
  const again = await setPassword(u.link, strongPassword());
  assert.equal(again.status, 200);
  assert.ok(textById(again.body, 'link-invalid'), 'a used link works again');
  const bad = await new Client().get('/set-password?token=zz');
  assert.ok(textById(bad.body, 'link-invalid'));
});

test('an expired link is refused and the password stays unset', async () => {
  const u = await addNewUser(co.client, { bundle: 'full_employee_access' });
  sql(`UPDATE password_links SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE user_id = ${u.id}`);
  const r = await setPassword(u.link, strongPassword());
  assert.equal(r.status, 200);
  assert.ok(textById(r.body, 'link-invalid'));
  assert.equal(sqlValue(`SELECT password_hash IS NULL FROM users WHERE id = ${u.id}`), '1');
});

test('an existing portal account is added by exact email; a new one with that email is refused', async () => {
  const other = await freshCompany('Elsewhere');
  const before = mailsTo(other.email).length;
  const missing = await post(co.client, '/admin/users/add', { mode: 'existing', email: `nobody-${uniqueTag()}@test.example`,
    level: 'company' });
  assert.equal(missing.status, 200);
  assert.match(textById(missing.body, 'form-error'), /No portal account has this email address/);
  const dup = await post(co.client, '/admin/users/add', { mode: 'new', email: other.email, first_name: 'A', last_name: 'B',
    level: 'company' });
  assert.match(textById(dup.body, 'form-error'), /already a portal account/);
  const r = await post(co.client, '/admin/users/add', { mode: 'existing', email: other.email, level: `office:${co.office}`,
    perm: '0' });
  assert.equal(r.status, 303);
  // An invitation: nothing is given until the person accepts it.
  assert.equal(sqlValue(`SELECT CONCAT(level, ':', office_id, ':', permissions, ':', status) FROM memberships
    WHERE user_id = ${other.user} AND company_id = ${co.id}`), `office:${co.office}:1:invited`);
  assert.match(textById((await co.client.get(r.location)).body, 'invited') || '', /when they accept the invitation/);
  assert.equal(mailsTo(other.email).length, before, 'an existing account gets no link');
  const early = await post(co.client, '/admin/users/add', { mode: 'existing', email: other.email, level: 'company' });
  assert.match(textById(early.body, 'form-error'), /already been invited/);
  // They sign in with their own password to their own company, and are asked.
  const asked = await new Client().signIn(other.email, other.password);
  assert.match(asked.location, /\/company$/);
  await answerInvitation({ email: other.email, password: other.password }, co.id);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${other.user} AND company_id = ${co.id}`), 'active');
  const twice = await post(co.client, '/admin/users/add', { mode: 'existing', email: other.email, level: 'company' });
  assert.match(textById(twice.body, 'form-error'), /already a user of your company/);
});

test('bad input: a clear message, nothing added', async () => {
  const email = `bad-${uniqueTag()}@test.example`;
  const cases = [
    [{ mode: 'new', email, first_name: 'A', last_name: 'B', level: 'galaxy:1' }, /Please correct/],
    [{ mode: 'new', email, first_name: '', last_name: 'B', level: 'company' }, /Please correct/],
    [{ mode: 'new', email: 'not an email', first_name: 'A', last_name: 'B', level: 'company' }, /Please correct/],
    [{ mode: 'new', email, first_name: 'A\r\nBcc: x@y.z', last_name: 'B', level: 'company' }, /Please correct/],
    [{ mode: 'new', email, first_name: 'A', last_name: 'B', level: 'company', bundle: 'root' }, /Please correct/],
    [{ mode: 'new', email, first_name: 'A', last_name: 'B', level: 'company', perm: '63' }, /Please correct/],
    [{ mode: 'maybe', email, first_name: 'A', last_name: 'B', level: 'company' }, /Please correct/],
  ];
  for (const [form, msg] of cases) {
    const r = await post(co.client, '/admin/users/add', form);
    assert.equal(r.status, 200, JSON.stringify(form));
    assert.match(textById(r.body, 'form-error'), msg, JSON.stringify(form));
  }
  const foreignOffice = sqlValue(`SELECT MIN(id) FROM offices WHERE company_id <> ${co.id}`);
  const r = await post(co.client, '/admin/users/add', { mode: 'new', email, first_name: 'A', last_name: 'B',
    level: `office:${foreignOffice}` });
  assert.match(textById(r.body, 'form-error'), /level within your own/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE email = ${q(email)}`), '0');
  assert.ok(LOGIN_ERROR);
});
