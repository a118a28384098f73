// Two-step sign-in: enrolment (secret, otpauth URI, QR code PNG, confirmation by a code computed
// here with node's crypto: HMAC-SHA1, 30 s, 6 digits), sign-in with a code (no permission
// before it, no replay), recovery codes (each once), failed codes toward the lockout, turning
// it off, and a company that requires it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql, sqlValue, textById, freshCompany, addUser, Client, csrfFrom, portalctlStatus } from '../lib/portal.mjs';
import { post, enrol, totp, stepNow, signInTwoStep, BIT } from '../lib/users.mjs';

let co;
before(async () => { co = await freshCompany('Totp'); });

test('enrolment: secret, URI and QR code; a wrong code changes nothing; the right one turns it on', async () => {
  const u = await addUser(co.id, { label: 'Enroller', permissions: 1 });
  const page = await u.client.get('/account/2fa');
  assert.equal(page.status, 200);
  const secret = page.body.match(/id="totp-secret">([A-Z2-7]{32})</)[1];
  assert.match(textById(page.body, 'totp-uri'), new RegExp(`^otpauth://totp/ECS%20Employer%20Portal:[^?]+\\?secret=${secret}&issuer=ECS%20Employer%20Portal&algorithm=SHA1&digits=6&period=30$`));
  // Stored sealed with the data-key (ASVS 2.9.1 / 6.4.1): a copy of the database alone does
  // not reveal the secret.
  const pending = sqlValue(`SELECT totp_pending FROM users WHERE id = ${u.user}`);
  assert.match(pending, /^k1\.[A-Za-z0-9_-]{90,}$/);
  assert.ok(!pending.includes(secret), 'the secret readable in the database');
  const again = await u.client.get('/account/2fa');
  assert.ok(again.body.includes(secret), 'a second visit made another secret');
  const png = await u.client.get('/account/2fa/qr.png');
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const wrong = await post(u.client, '/account/2fa', { code: totp(secret, stepNow() + 5) });
  assert.match(textById(wrong.body, 'form-error'), /not correct/);
  assert.equal(sqlValue(`SELECT totp_secret IS NULL FROM users WHERE id = ${u.user}`), '1');
  const ok = await post(u.client, '/account/2fa', { code: totp(secret) });
  assert.equal(ok.status, 200);
  const codes = [...ok.body.matchAll(/<li><code>([a-z2-7]{5}-[a-z2-7]{5})<\/code><\/li>/g)].map((x) => x[1]);
  assert.equal(codes.length, 10);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ${u.user} AND used_at IS NULL`), '10');
  assert.equal(sqlValue(`SELECT totp_secret FROM users WHERE id = ${u.user}`), pending, 'the pending secret, still sealed');
  assert.match(textById((await u.client.get('/account')).body, 'twofactor'), /On/);
});

test('a secret stored before the data-key (plain base32) still works; one sealed under another key does not open', async () => {
  const u = await addUser(co.id, { label: 'Legacy', permissions: 1 });
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  sql(`UPDATE users SET totp_secret = '${secret}', totp_last_step = NULL WHERE id = ${u.user}`);
  const who = { email: u.email, password: u.password };
  const { last } = await signInTwoStep(who, { code: totp(secret) });
  assert.equal(last.status, 303, 'a plain stored secret: signed in');
  assert.match(last.location, /\/dashboard$/);
  // Once used, it is stored sealed.
  const resealed = sqlValue(`SELECT totp_secret FROM users WHERE id = ${u.user}`);
  assert.match(resealed, /^k1\./, 'the plain secret sealed after use');
  assert.ok(!resealed.includes(secret));
  sql(`UPDATE users SET totp_last_step = NULL WHERE id = ${u.user}`);
  assert.equal((await signInTwoStep(who, { code: totp(secret) })).last.status, 303, 'the resealed secret opens');
  // Sealed with another key (as if the data-key had been changed): no code opens it.
  const other = 'k1.' + randomBytes(72).toString('base64url');
  sql(`UPDATE users SET totp_secret = '${other}', totp_last_step = NULL WHERE id = ${u.user}`);
  const refused = await signInTwoStep(who, { code: totp(secret) });
  assert.equal(refused.last.status, 200);
  assert.match(textById(refused.last.body, 'form-error'), /not correct/);
});

test('a sealed secret copied into another user\'s row does not open there', async () => {
  const a = await addUser(co.id, { label: 'SecretOwner', permissions: 1 });
  const { secret } = await enrol(a.client);
  const b = await addUser(co.id, { label: 'SecretCopier', permissions: 1 });
  sql(`UPDATE users SET totp_secret = (SELECT x.totp_secret FROM (SELECT totp_secret FROM users WHERE id = ${a.user}) x),
       totp_last_step = NULL WHERE id = ${b.user}`);
  const r = await signInTwoStep({ email: b.email, password: b.password }, { code: totp(secret, stepNow() + 1) });
  assert.equal(r.last.status, 200);
  assert.match(textById(r.last.body, 'form-error'), /not correct/);
});

test('a pending secret that no longer opens (the data-key changed) is replaced on the enrolment page', async () => {
  const u = await addUser(co.id, { label: 'Rekeyed', permissions: 1 });
  const stale = 'k1.' + randomBytes(72).toString('base64url');
  sql(`UPDATE users SET totp_pending = '${stale}' WHERE id = ${u.user}`);
  assert.equal((await u.client.get('/account/2fa/qr.png')).status, 404, 'the QR code of a secret that does not open');
  const page = await u.client.get('/account/2fa');
  assert.equal(page.status, 200);
  const secret = page.body.match(/id="totp-secret">([A-Z2-7]{32})</)[1];
  const pending = sqlValue(`SELECT totp_pending FROM users WHERE id = ${u.user}`);
  assert.notEqual(pending, stale);
  assert.match(pending, /^k1\./);
  const ok = await post(u.client, '/account/2fa', { code: totp(secret) });
  assert.equal(ok.status, 200);
  assert.match(textById((await u.client.get('/account')).body, 'twofactor'), /On/);
});

test('portalctl reset-2fa turns two-step sign-in off, removes the recovery codes and ends the sessions', async () => {
  const u = await addUser(co.id, { label: 'LostPhone', permissions: 1 });
  await enrol(u.client);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ${u.user}`), '10');
  const r = portalctlStatus('reset-2fa', '--email', u.email);
  assert.equal(r.code, 0, r.out);
  assert.equal(sqlValue(`SELECT totp_secret IS NULL AND totp_pending IS NULL FROM users WHERE id = ${u.user}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ${u.user}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id = ${u.user}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${u.user} AND action = '2fa_reset'`), '1');
  assert.equal((await u.client.get('/account')).status, 303, 'the old session still open');
  // Signs in with the password alone again.
  const c = new Client();
  const s = await c.signIn(u.email, u.password);
  assert.equal(s.status, 303);
  assert.match(s.location, /\/dashboard$/);
  const none = portalctlStatus('reset-2fa', '--email', 'nobody-at-all@test.example');
  assert.equal(none.code, 1);
  assert.match(none.out, /no user/);
});

test('sign-in asks for the code; nothing opens before it; a used code is not accepted again', async () => {
  const u = await addUser(co.id, { label: 'TwoStep', permissions: 1 });
  const { secret, step } = await enrol(u.client);
  const who = { email: u.email, password: u.password };
  const c = new Client();
  const r = await c.signIn(who.email, who.password);
  assert.equal(r.status, 303);
  assert.match(r.location, /\/login\/code$/);
  const blocked = await c.get('/employees/current');
  assert.equal(blocked.status, 303);
  assert.match(blocked.location, /\/login\/code$/);
  const page = await c.get('/login/code');
  assert.match(page.body, /id="code-form"/);
  assert.ok(!/toolbar-list/.test(page.body), 'the toolbar shows before the second step');
  assert.equal((await c.post('/employees/lookup', { _csrf: csrfFrom(page.body) })).status, 403);
  // The code used at enrolment is refused (same step); the next one passes.
  const replay = await c.post('/login/code', { _csrf: csrfFrom(page.body), code: totp(secret, step) });
  assert.equal(replay.status, 200);
  assert.match(textById(replay.body, 'form-error'), /not correct/);
  const ok = await c.post('/login/code', { _csrf: csrfFrom(page.body), code: totp(secret, step + 1) });
  assert.equal(ok.status, 303);
  assert.match(ok.location, /\/dashboard$/);
  assert.equal((await c.get('/employees/current')).status, 200);
  // The same code again, in another browser: refused.
  const other = await signInTwoStep(who, { code: totp(secret, step + 1) });
  assert.equal(other.last.status, 200);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${u.user} AND action = 'login'
    AND detail = 'with two-step sign-in'`), '1');
});

test('recovery codes: each signs in once', async () => {
  const u = await addUser(co.id, { label: 'Recover', permissions: 1 });
  const { codes } = await enrol(u.client);
  const who = { email: u.email, password: u.password };
  const first = await signInTwoStep(who, { recovery: codes[3].toUpperCase() });
  assert.equal(first.last.status, 303);
  const again = await signInTwoStep(who, { recovery: codes[3] });
  assert.equal(again.last.status, 200);
  assert.match(textById(again.last.body, 'form-error'), /not correct/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ${u.user} AND used_at IS NULL`), '9');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${u.user} AND action = 'recovery_code_used'`), '1');
});

test('failed codes count toward the lockout', async () => {
  const u = await addUser(co.id, { label: 'Guesser', permissions: 1 });
  const { secret } = await enrol(u.client);
  const who = { email: u.email, password: u.password };
  const { client, last } = await signInTwoStep(who, { code: '000000' });
  assert.equal(last.status, 200);
  const csrf = csrfFrom((await client.get('/login/code')).body);
  let r;
  for (let i = 0; i < 12; i++) {
    r = await client.post('/login/code', { _csrf: csrf, code: String(100000 + i) });
    if (r.status === 303) break;
  }
  assert.equal(r.status, 303);
  assert.match(r.location, /\/login$/);
  assert.equal(sqlValue(`SELECT locked_until > NOW(6) FROM users WHERE id = ${u.user}`), '1');
  const locked = await new Client().signIn(who.email, who.password);
  assert.equal(locked.status, 200, 'a locked account passed the password step');
  sql(`UPDATE users SET locked_until = NULL, failed_logins = 0, totp_last_step = NULL WHERE id = ${u.user}`);
  assert.equal((await signInTwoStep(who, { code: totp(secret) })).last.status, 303);
});

test('turning it off needs the password', async () => {
  const u = await addUser(co.id, { label: 'Offer', permissions: 1 });
  await enrol(u.client);
  await post(u.client, '/account/2fa/disable', { password: 'wrong' });
  assert.equal(sqlValue(`SELECT totp_secret IS NOT NULL FROM users WHERE id = ${u.user}`), '1');
  assert.equal((await post(u.client, '/account/2fa/disable', { password: u.password })).status, 303);
  assert.equal(sqlValue(`SELECT totp_secret IS NULL FROM users WHERE id = ${u.user}`), '1');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ${u.user}`), '0');
  await (new Client()).signInOk({ email: u.email, password: u.password });
});

test('a company that requires it sends users without it to enrolment, and nothing else opens', async () => {
  const c2 = await freshCompany('Required');
  const u = await addUser(c2.id, { label: 'Late', permissions: 1 });
  const editor = await addUser(c2.id, { label: 'Rules', permissions: 2 ** BIT.editEmployer });
  const page = await editor.client.get('/admin/company');
  assert.match(page.body, /id="require_2fa"/);
  const r = await post(editor.client, '/admin/company', { require_2fa: 'yes', town: 'Norwich', email: 'office@test.example' });
  assert.equal(r.status, 303);
  assert.equal(sqlValue(`SELECT require_2fa FROM companies WHERE id = ${c2.id}`), '1');
  // The signed-in user is sent to enrolment at once.
  const d = await u.client.get('/dashboard');
  assert.equal(d.status, 303);
  assert.match(d.location, /\/account\/2fa$/);
  assert.equal((await post(u.client, '/account/details', { first_name: 'A', last_name: 'B' })).status, 403);
  const fresh = await new Client();
  await fresh.signIn(u.email, u.password);
  assert.match((await fresh.get('/employees/current')).location, /\/account\/2fa$/);
  const enrolPage = await fresh.get('/account/2fa');
  assert.ok(textById(enrolPage.body, 'totp-required'));
  await enrol(fresh);
  assert.equal((await fresh.get('/employees/current')).status, 200);
  assert.equal((await post(fresh, '/account/2fa/disable', { password: u.password })).status, 303);
  assert.equal(sqlValue(`SELECT totp_secret IS NOT NULL FROM users WHERE id = ${u.user}`), '1', 'turned off although required');
  // The editor, too, must enrol before changing anything again.
  assert.equal((await post(editor.client, '/admin/company', {})).status, 403);
  await enrol(editor.client);
  const off = await post(editor.client, '/admin/company', {});
  assert.equal(off.status, 303);
  assert.equal(sqlValue(`SELECT require_2fa FROM companies WHERE id = ${c2.id}`), '0');
});
