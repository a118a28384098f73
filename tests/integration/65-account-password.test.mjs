// My account: contact details and changing one's password (current one first; 12 to 128
// characters; weak and common passwords refused with zxcvbn's reason; the other sessions end).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { sqlValue, textById, freshCompany, addUser, signedIn, Client, LOGIN_ERROR, alerts } from '../lib/portal.mjs';
import { post, strongPassword } from '../lib/users.mjs';

let co;
before(async () => { co = await freshCompany('Account'); });

test('My account is linked from the header and shows the forms', async () => {
  const d = await co.client.get('/dashboard');
  assert.match(d.body, /<a class="account-name" id="my-account" href="\/account">/);
  const r = await co.client.get('/account');
  assert.equal(r.status, 200);
  for (const id of ['details-form', 'password-form', 'twofactor']) assert.match(r.body, new RegExp(`id="${id}"`));
});

test('contact details are saved; bad ones refused with the form kept', async () => {
  const u = await addUser(co.id, { label: 'Details', permissions: 0 });
  const bad = await post(u.client, '/account/details', { title: 'Sir', first_name: '', last_name: 'X', phone: 'abc' });
  assert.equal(bad.status, 200);
  assert.ok(textById(bad.body, 'details-error'));
  assert.ok(textById(bad.body, 'first_name-error'));
  const ok = await post(u.client, '/account/details', { title: 'Dr', first_name: 'Ada', last_name: 'Lovelace', phone: '01632 960001' });
  assert.equal(ok.status, 303);
  assert.equal(sqlValue(`SELECT CONCAT_WS('|', title, first_name, last_name, phone) FROM users WHERE id = ${u.user}`),
    'Dr|Ada|Lovelace|01632 960001');
});

test('changing the password: wrong current, too short, too long, weak with the reason, then success', async () => {
  const u = await addUser(co.id, { label: 'Changer', permissions: 1 });
  const second = await signedIn({ email: u.email, password: u.password });
  const tryPw = (current, password, confirm = password) => post(u.client, '/account/password', { current, password, confirm });
  const wrong = await tryPw('not my password', strongPassword());
  assert.match(textById(wrong.body, 'password-error'), /current password is not correct/);
  const short = await tryPw(u.password, 'Abc-12345');
  assert.match(textById(short.body, 'password-error'), /at least 12 characters/);
  const long = await tryPw(u.password, 'x'.repeat(129));
  assert.match(textById(long.body, 'password-error'), /128 characters/);
  const common = await tryPw(u.password, 'password12345');
  assert.match(textById(common.body, 'password-error'), /too easy to guess: it is based on a common word or password/);
  const keyboard = await tryPw(u.password, 'qwertyuiopasdf');
  assert.match(textById(keyboard.body, 'password-error'), /too easy to guess/);
  const mine = await tryPw(u.password, `${u.email}1`);
  assert.match(textById(mine.body, 'password-error'), /too easy to guess/);
  const pw = strongPassword();
  const ok = await tryPw(u.password, pw);
  assert.equal(ok.status, 303);
  assert.equal((await u.client.get('/dashboard')).status, 200, 'the current session ended');
  assert.equal((await second.get('/dashboard')).status, 303, 'another session survived');
  assert.ok(alerts((await new Client().signIn(u.email, u.password)).body).includes(LOGIN_ERROR));
  await signedIn({ email: u.email, password: pw });
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${u.user} AND action = 'password_changed'`), '1');
});

test('wrong current passwords count as failed sign-ins: the tenth locks the account and ends the session', async () => {
  const u = await addUser(co.id, { label: 'Guesser', permissions: 1 });
  const tryPw = (current) => post(u.client, '/account/password', { current, password: strongPassword(), confirm: 'x' });
  for (let i = 1; i <= 9; i++) {
    const r = await tryPw(`guess number ${i}`);
    assert.equal(r.status, 200, `guess ${i}`);
    assert.match(textById(r.body, 'password-error'), /current password is not correct/);
  }
  assert.equal(sqlValue(`SELECT failed_logins FROM users WHERE id = ${u.user}`), '9');
  const last = await tryPw('guess number 10');
  assert.equal(last.status, 303);
  assert.match(last.location, /\/login$/);
  assert.equal((await u.client.get('/dashboard')).status, 303, 'the session survived the lockout');
  assert.equal(sqlValue(`SELECT locked_until > NOW(6) FROM users WHERE id = ${u.user}`), '1');
  // Locked: even the right password does not sign in for now.
  assert.ok(alerts((await new Client().signIn(u.email, u.password)).body).includes(LOGIN_ERROR));
});
