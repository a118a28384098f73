// Ten failed sign-ins lock an account for 15 minutes; the audit log records sign-ins and
// failures, never a password. Uses its own user so the demo users stay usable.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, alerts, sql, sqlValue, q, portalctl, LOGIN_ERROR } from '../lib/portal.mjs';

const USER = { email: 'lock@test.example', password: 'lock-test-password-1' };
const WRONG = (i) => `wrong-lock-password-${i}`;
let uid;

before(() => {
  if (!sqlValue(`SELECT id FROM users WHERE email = ${q(USER.email)}`)) {
    portalctl('create-company', '--name', 'Lock Test Ltd', '--number', 'LOCK0001',
      '--email', USER.email, '--first', 'Lock', '--last', 'Test', '--password', USER.password);
  }
  uid = sqlValue(`SELECT id FROM users WHERE email = ${q(USER.email)}`);
  assert.ok(uid, 'portalctl create-company made no user');
  sql(`UPDATE users SET failed_logins = 0, failed_window_start = NULL, locked_until = NULL WHERE id = ${uid}`);
});

async function attempt(password) {
  return new Client().signIn(USER.email, password);
}

test('the new user can sign in', async () => {
  const r = await attempt(USER.password);
  assert.equal(r.status, 303, `status ${r.status}: ${alerts(r.body).join(' | ')}`);
});

test('10 wrong passwords lock the account: the right one is then refused with the same message', async () => {
  let first;
  for (let i = 1; i <= 10; i++) {
    const r = await attempt(WRONG(i));
    assert.equal(r.status, 200, `attempt ${i}: status ${r.status}`);
    first ??= alerts(r.body);
    assert.deepEqual(alerts(r.body), first, `attempt ${i} shows another message`);
  }
  assert.ok(first.join(' ').includes(LOGIN_ERROR), `message: ${first.join(' | ')}`);
  const locked = await attempt(USER.password);
  assert.equal(locked.status, 200, 'the right password worked on a locked account');
  assert.deepEqual(alerts(locked.body), first, 'a locked account shows a different message');
  assert.ok(!locked.cookies.some((k) => k.name === 'portal_sid' && k.value));
});

test('15 minutes later (moved in the database) the right password works again', async () => {
  const until = sqlValue(`SELECT locked_until > NOW(6) FROM users WHERE id = ${uid}`);
  assert.equal(until, '1', 'users.locked_until is not in the future after 10 failures');
  sql(`UPDATE users SET locked_until = NOW(6) - INTERVAL 1 SECOND WHERE id = ${uid}`);
  const r = await attempt(USER.password);
  assert.equal(r.status, 303, `status ${r.status}: ${alerts(r.body).join(' | ')}`);
  assert.match(r.location || '', /\/dashboard$/);
});

test('the audit log has the failures and the sign-ins, and never a password', async () => {
  const failed = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${uid} AND action = 'login_failed'`));
  const ok = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${uid} AND action = 'login'`));
  assert.ok(failed >= 10, `${failed} login_failed rows`);
  assert.ok(ok >= 2, `${ok} login rows`);
  const needles = [USER.password, 'wrong-lock-password'];
  for (const n of needles) {
    const hits = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE CONCAT_WS(' ', action, object_kind, object_id, detail, ip) LIKE ${q(`%${n}%`)}`);
    assert.equal(hits, '0', `the audit log contains "${n}"`);
  }
});

test('a failure for an unknown email is audited too, without the password', async () => {
  const before = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'`));
  await new Client().signIn('unknown-person@test.example', 'secret-unknown-pw-77');
  const after = Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'`));
  assert.equal(after, before + 1);
  const hits = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE CONCAT_WS(' ', detail, object_id) LIKE '%secret-unknown-pw-77%'`);
  assert.equal(hits, '0');
});
