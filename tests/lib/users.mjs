// Helpers for the Administer Users, My account and two-step sign-in tests (62-69 and
// tests/browser/users.mjs): the mail folder the stack's mail command writes, one-time links,
// TOTP codes computed the way the portal does (RFC 6238: HMAC-SHA1, 30 s, 6 digits), and
// forms posted with the session's CSRF token.
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { env, Client, csrfFrom, sqlValue, q, uniqueTag, waitFor } from './portal.mjs';

// Every permission (the super user's mask) and the bits the tests name.
export const ALL = 8388607;
export const BIT = {
  viewEmployees: 0, addUsers: 13, removeUsers: 14, changePermissions: 15, resetPasswords: 16,
  editEmployer: 18,
};
export const FULL_EMPLOYEE = 15;

// A password zxcvbn finds strong enough, different each call.
export function strongPassword() {
  return `Tangerine-Volcano-${uniqueTag()}-Quartz`;
}

// POST a form with the session's CSRF token (taken once from the dashboard); arrays repeat.
export async function post(client, path_, fields = {}) {
  if (!client.userCsrf) {
    // Half-way through sign-in the dashboard sends to the page that is open (code, enrolment).
    const d = await client.get('/dashboard');
    client.userCsrf = csrfFrom(d.body) || await client.csrf(new URL(d.location, env.url).pathname);
  }
  const form = new URLSearchParams({ _csrf: client.userCsrf });
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) form.append(k, String(x));
  }
  return client.request('POST', path_, {
    body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
}

// The mails written to the stack's mail folder for one address, oldest first.
export function mailsTo(email) {
  const dir = path.join(env.state, 'mail');
  let names = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return names.map((n) => readFileSync(path.join(dir, n), 'utf8'))
    .filter((m) => new RegExp(`^To: ${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\r?$`, 'm').test(m));
}

// The newest one-time link mailed to email (waits for it).
export async function mailedLink(email, after = 0) {
  return waitFor(() => {
    const list = mailsTo(email);
    if (list.length <= after) return null;
    const m = list[list.length - 1].match(/https?:\/\/\S+\/set-password\?token=[0-9a-f]{64}/);
    return m ? m[0] : null;
  }, 5000, `a mail to ${email}`);
}

// The path and query of a link (the client has the base URL).
export const pathOf = (link) => { const u = new URL(link); return u.pathname + u.search; };

// Sets a password through a link: {status, location, body} of the POST.
export async function setPassword(link, password, confirm = password) {
  const c = new Client();
  const page = await c.get(pathOf(link));
  const token = new URL(link).searchParams.get('token');
  // A used or expired link shows no form: take the pre-session token of the sign-in page.
  const csrf = csrfFrom(page.body) || csrfFrom((await c.get('/login')).body);
  return c.post('/set-password', { _csrf: csrf, token, password, confirm });
}

// Adds a new user through ADD USER; returns {id, email, link, response}.
export async function addNewUser(admin, { level = 'company', bundle = [], perm = [], first = 'New',
  last = 'Person', email = `new-${uniqueTag()}@test.example` } = {}) {
  const before = mailsTo(email).length;
  const r = await post(admin, '/admin/users/add', { mode: 'new', email, title: 'Ms', first_name: first,
    last_name: last, phone: '01632 960123', level, bundle, perm });
  if (r.status !== 200 || !/id="one-time-link"/.test(r.body)) {
    throw new Error(`add ${email}: status ${r.status}; ${r.body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 400)}`);
  }
  const id = sqlValue(`SELECT id FROM users WHERE email = ${q(email)}`);
  return { id, email, link: await mailedLink(email, before), response: r };
}

// ---- TOTP -----------------------------------------------------------------------------------
export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of s.toUpperCase().replace(/[^A-Z2-7]/g, '')) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

// The 6-digit code of a base32 secret for a time step (default: now).
export function totp(secret, step = Math.floor(Date.now() / 1000 / 30)) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const off = mac[19] & 15;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1000000).padStart(6, '0');
}
export const stepNow = () => Math.floor(Date.now() / 1000 / 30);

// Enrols a signed-in client: returns {secret, codes (recovery), step}.
export async function enrol(client) {
  const page = await client.get('/account/2fa');
  const m = page.body.match(/id="totp-secret">([A-Z2-7]+)</);
  if (!m) throw new Error(`no secret on /account/2fa (status ${page.status})`);
  const step = stepNow();
  const r = await post(client, '/account/2fa', { code: totp(m[1], step) });
  const codes = [...r.body.matchAll(/<li><code>([a-z2-7]{5}-[a-z2-7]{5})<\/code><\/li>/g)].map((x) => x[1]);
  if (codes.length !== 10) throw new Error(`enrolment: status ${r.status}, ${codes.length} recovery codes`);
  return { secret: m[1], codes, step };
}

// Signs in with password then code (or recovery code); returns the client and last answer.
export async function signInTwoStep(who, { code, recovery } = {}) {
  const c = new Client();
  const r = await c.signIn(who.email, who.password);
  if (r.status !== 303 || !/\/login\/code$/.test(r.location || '')) {
    throw new Error(`password step: ${r.status} ${r.location}`);
  }
  const page = await c.get('/login/code');
  const fields = { _csrf: csrfFrom(page.body) };
  if (code) fields.code = code;
  if (recovery) fields.recovery = recovery;
  const last = await c.post('/login/code', fields);
  return { client: c, last };
}

// The person signs in and accepts (or declines) the invitation of companyId that an
// administrator's "select an existing user" made; returns their client, signed in.
export async function answerInvitation(who, companyId, accept = true) {
  const c = new Client();
  const r = await c.signIn(who.email, who.password);
  if (r.status !== 303) throw new Error(`sign-in of ${who.email}: ${r.status}`);
  const page = await c.get('/company');
  const a = await c.post(accept ? '/company/accept' : '/company/decline', { _csrf: csrfFrom(page.body), company: companyId });
  if (a.status !== 303) throw new Error(`answering the invitation of ${companyId}: ${a.status}`);
  return c;
}
