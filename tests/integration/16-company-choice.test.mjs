// A person who works for several companies (added as an existing user) chooses which one they
// act for: after sign-in, and from My account. Choosing gives a new session (new cookie and
// CSRF token; the old one ends) for a company they are an active user of, and nothing else.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Client, freshCompany, addUser, sql, sqlValue, textById, csrfFrom } from '../lib/portal.mjs';
import { answerInvitation } from '../lib/users.mjs';

let a, b, u;
before(async () => {
  a = await freshCompany('ChoiceA');
  b = await freshCompany('ChoiceB');
  u = await addUser(a.id, { label: 'Both', permissions: 8388607 });
  const csrf = await b.client.csrf('/admin/users/add');
  const r = await b.client.post('/admin/users/add', { _csrf: csrf, mode: 'existing', email: u.email, level: 'company', perm: '0' });
  assert.equal(r.status, 303);
  await answerInvitation(u, b.id);
});

test('an invitation gives nothing until accepted; declined, it is gone', async () => {
  const c2 = await freshCompany('ChoiceInv');
  const v = await addUser(a.id, { label: 'Invitee', permissions: 1 });
  const add = await c2.client.post('/admin/users/add', { _csrf: await c2.client.csrf('/admin/users/add'), mode: 'existing',
    email: v.email, level: 'company', perm: '13' });
  assert.equal(add.status, 303);
  // Signed in, they are asked; until they accept, the inviting company cannot be chosen.
  const c = new Client();
  assert.match((await c.signIn(v.email, v.password)).location, /\/company$/);
  const page = await c.get('/company');
  assert.match(textById(page.body, 'invitations-title') || '', /Invitations/);
  assert.match(page.body, new RegExp(`id="accept-${c2.id}"`));
  assert.doesNotMatch(page.body, new RegExp(`id="company-${c2.id}"`));
  const early = await c.post('/company', { _csrf: csrfFrom(page.body), company: c2.id });
  assert.match(textById(early.body, 'form-error'), /not a user of that company/);
  assert.match(textById((await c.get('/account')).body, 'invitations-waiting') || '', /1 invitation from another company/);
  // Declined: gone, audited in the inviting company, nothing given.
  const no = await c.post('/company/decline', { _csrf: csrfFrom(page.body), company: c2.id });
  assert.equal(no.status, 303);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${v.user} AND company_id = ${c2.id}`), 'removed');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_declined' AND company_id = ${c2.id}`), '1');
  assert.doesNotMatch((await c.get('/company')).body, new RegExp(`accept-${c2.id}`));
  assert.match((await new Client().signIn(v.email, v.password)).location, /\/dashboard$/);
  // Answering an invitation that is not there changes nothing.
  const again = await c.post('/company/accept', { _csrf: csrfFrom(page.body), company: c2.id });
  assert.match(textById(again.body, 'form-error'), /no such invitation/);
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${v.user} AND company_id = ${c2.id}`), 'removed');
});

const companyOf = (html) => textById(html, 'my-account') && /class="account-company">([^<]*)</.exec(html)[1];

test('a user of one company lands on the dashboard; of two, on the choice of them', async () => {
  const one = await new Client().signIn(a.email, a.password);
  assert.equal(one.status, 303);
  assert.match(one.location, /\/dashboard$/);
  const c = new Client();
  const r = await c.signIn(u.email, u.password);
  assert.equal(r.status, 303);
  assert.match(r.location, /\/company$/);
  const page = await c.get('/company');
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`id="company-${a.id}"[\\s\\S]*?Acting for now`));
  assert.match(page.body, new RegExp(`id="company-${b.id}"[\\s\\S]*?ACT FOR THIS COMPANY`));
  assert.equal((page.body.match(/<form id="company-/g) || []).length, 2);
  // Until they choose, they act for the first company that added them.
  assert.equal(companyOf((await c.get('/dashboard')).body), a.name);
});

test('choosing a company: a new session for it, the old cookie ended, audited there', async () => {
  const c = new Client();
  await c.signIn(u.email, u.password);
  const oldCookie = c.cookieHeader();
  const csrf = csrfFrom((await c.get('/company')).body);
  const r = await c.post('/company', { _csrf: csrf, company: b.id });
  assert.equal(r.status, 303);
  assert.match(r.location, /\/dashboard$/);
  assert.notEqual(c.cookieHeader(), oldCookie, 'the session id did not change');
  const dash = await c.get('/dashboard');
  assert.equal(companyOf(dash.body), b.name);
  assert.notEqual(csrfFrom(dash.body), csrf, 'the CSRF token carried over');
  // B gave them one permission (bit 0), not A's user administration.
  assert.equal((await c.get('/admin/users')).status, 403);
  const old = await c.get('/dashboard', { headers: { Cookie: oldCookie } });
  assert.equal(old.status, 303, 'the old session still works');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'company_chosen' AND company_id = ${b.id}
    AND user_id = ${u.user}`), '1');
  // And back to A, where they hold every permission.
  const back = await c.post('/company', { _csrf: csrfFrom(dash.body), company: a.id });
  assert.equal(back.status, 303);
  assert.equal((await c.get('/admin/users')).status, 200);
});

test('a company they are not an active user of is refused and changes nothing', async () => {
  const c = new Client();
  await c.signIn(u.email, u.password);
  const csrf = csrfFrom((await c.get('/company')).body);
  const cookie = c.cookieHeader();
  const stranger = await freshCompany('ChoiceC');
  for (const company of [stranger.id, '0', 'x', '99999999999']) {
    const r = await c.post('/company', { _csrf: csrf, company });
    assert.equal(r.status, 200, `company ${company}`);
    assert.match(textById(r.body, 'form-error'), /not a user of that company/);
    assert.equal(c.cookieHeader(), cookie);
  }
  assert.equal(companyOf((await c.get('/dashboard')).body), a.name);
  assert.equal((await c.post('/company', { company: b.id })).status, 403, 'no CSRF token');
  assert.equal(c.cookieHeader(), cookie);
  // Removed from B: B is no longer offered nor taken.
  sql(`UPDATE memberships SET status = 'removed' WHERE user_id = ${u.user} AND company_id = ${b.id}`);
  try {
    assert.doesNotMatch((await c.get('/company')).body, new RegExp(`id="company-${b.id}"`));
    const r = await c.post('/company', { _csrf: csrf, company: b.id });
    assert.match(textById(r.body, 'form-error'), /not a user of that company/);
    assert.match((await new Client().signIn(u.email, u.password)).location, /\/dashboard$/);
  } finally {
    sql(`UPDATE memberships SET status = 'active' WHERE user_id = ${u.user} AND company_id = ${b.id}`);
  }
});

test('My account offers the choice only to a user of several companies', async () => {
  const c = new Client();
  await c.signIn(u.email, u.password);
  const mine = await c.get('/account');
  assert.match(textById(mine.body, 'choose-company') || '', /Choose another company/);
  assert.match(mine.body, /You work for 2 companies/);
  assert.equal(textById((await a.client.get('/account')).body, 'choose-company'), null);
});
