// The audit rows of Administer Users, My account and two-step sign-in, and the absence of every
// secret (passwords, one-time link tokens, the TOTP secret, codes and recovery codes) from the
// audit log and the workers' log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { env, sql, freshCompany, signedIn } from '../lib/portal.mjs';
import { post, addNewUser, setPassword, mailedLink, mailsTo, strongPassword, enrol, signInTwoStep, totp } from '../lib/users.mjs';

test('every action is audited, and no secret is in the audit log or the log', async () => {
  const co = await freshCompany('Audited');
  const secrets = [];
  const u = await addNewUser(co.client, { bundle: 'full_employee_access' });
  secrets.push(new URL(u.link).searchParams.get('token'));
  const pw1 = strongPassword();
  secrets.push(pw1);
  assert.equal((await setPassword(u.link, pw1)).status, 303);
  assert.equal((await post(co.client, `/admin/users/${u.id}`, { level: 'company', bundle: ['full_employee_access', 'full_applications_access'] })).status, 303);
  const client = await signedIn({ email: u.email, password: pw1 });
  const pw2 = strongPassword();
  secrets.push(pw2);
  assert.equal((await post(client, '/account/password', { current: pw1, password: pw2, confirm: pw2 })).status, 303);
  const { secret, codes, step } = await enrol(client);
  secrets.push(secret, ...codes, ...codes.map((c) => c.replace('-', '')));
  const who = { email: u.email, password: pw2 };
  const code = totp(secret, step + 1);
  assert.equal((await signInTwoStep(who, { code })).last.status, 303);
  const viaRecovery = await signInTwoStep(who, { recovery: codes[0] });
  assert.equal(viaRecovery.last.status, 303);
  assert.equal((await post(viaRecovery.client, '/account/2fa/disable', { password: pw2 })).status, 303);
  const before = mailsTo(u.email).length;
  assert.equal((await post(co.client, `/admin/users/${u.id}/reset`, {})).status, 200);
  secrets.push(new URL(await mailedLink(u.email, before)).searchParams.get('token'));
  assert.equal((await post(co.client, `/admin/users/${u.id}/remove`, {})).status, 303);

  const rows = sql(`SELECT action, object_id, detail, user_id FROM audit_log WHERE company_id = ${co.id} ORDER BY id`);
  const actions = new Set(rows.map((r) => r[0]));
  for (const a of ['user_added', 'password_set_via_link', 'user_permissions_changed', 'password_changed', '2fa_enabled',
    'login_password_ok', 'login', 'recovery_code_used', '2fa_disabled', 'password_reset', 'user_removed']) {
    assert.ok(actions.has(a), `no ${a} row`);
  }
  const changed = rows.find((r) => r[0] === 'user_permissions_changed');
  assert.equal(changed[1], String(u.id));
  assert.match(changed[2], /Full Employee Access, Full Applications Access/);
  assert.equal(rows.find((r) => r[0] === 'password_set_via_link')[3], String(u.id));

  const audit = sql('SELECT CONCAT_WS(\'|\', action, object_kind, object_id, detail) FROM audit_log').map((r) => r[0]).join('\n');
  await new Promise((r) => setTimeout(r, 1500));	// nginx flushes its access log each second
  const logDir = process.env.PORTAL_LOG_DIR || path.join(env.state, 'log');
  // The workers' log, and nginx's access log (the link's token is in a query string).
  const log = ['portald.log', 'nginx-access.log'].map((f) => readFileSync(path.join(logDir, f), 'utf8')).join('\n');
  for (const s of [...secrets, code]) {
    assert.ok(!audit.includes(s), `the audit log holds a secret (${s.length} characters)`);
  }
  for (const s of secrets) {
    assert.ok(!log.includes(s), `the log holds a secret (${s.length} characters)`);
    assert.ok(!log.includes(s.toLowerCase()) || s.toLowerCase() === s.toUpperCase(), 'the log holds a secret');
  }
});
