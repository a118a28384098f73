// Contracts: the client invites subcontractors by exact company name or number (never a
// search), the invited company's administrators accept or decline, answered once.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { freshCompany, sql, sqlValue, pageText, q } from '../lib/portal.mjs';
import { createContract, contractPost, invite, partyState, auditCount } from '../lib/contracts.mjs';

const text = (r) => pageText(r.body);

test('invited by company number: the invitation waits on the invited company\'s Contracts Being Set Up', async () => {
  const co = await freshCompany('InvClient');
  const sub = await freshCompany('InvSub');
  const { id } = await createContract(co.client, { name: 'Invite by number' });
  const r = await invite(co.client, id, sub.number);
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${id}`);
  assert.equal(partyState(id, sub.id), 'invited');
  const page = await co.client.get(r.location);
  assert.match(text(page), new RegExp(`${sub.name} has been invited as a subcontractor`));
  assert.match(text(page), /Waiting for an answer/);
  const setup = await sub.client.get('/contracts/setup');
  assert.match(setup.body, new RegExp(`id="invitation-${id}"`));
  assert.match(text(setup), new RegExp(`${co.name} invites your company to work on Invite by number`));
  assert.match(setup.body, new RegExp(`id="accept-${id}"`));
  assert.doesNotMatch(setup.body, new RegExp(`id="contract-${id}"`), 'not yet one of its contracts');
  assert.equal((await sub.client.get(`/contracts/${id}`)).status, 404, 'the page waits for acceptance');
  assert.equal(auditCount('contract_invitation_sent', id), 1);
});

test('accepting: the contract becomes the subcontractor\'s; a second answer finds nothing', async () => {
  const co = await freshCompany('AccClient');
  const sub = await freshCompany('AccSub');
  const { id } = await createContract(co.client);
  await invite(co.client, id, sub.name);
  assert.equal(partyState(id, sub.id), 'invited', 'found by exact name');
  const r = await contractPost(sub.client, id, 'accept');
  assert.equal(r.status, 303);
  assert.equal(r.location, `/contracts/${id}`);
  assert.equal(partyState(id, sub.id), 'accepted');
  const page = await sub.client.get(`/contracts/${id}`);
  assert.equal(page.status, 200);
  assert.match(text(page), new RegExp(`Your company is a subcontractor of ${co.name}`));
  assert.match((await sub.client.get('/contracts/setup')).body, new RegExp(`id="contract-${id}"`));
  // ACCEPT clicked twice: the contract, saying so; a DECLINE after accepting finds nothing.
  const twice = await contractPost(sub.client, id, 'accept');
  assert.equal(twice.status, 303, 'accept again');
  assert.match(text(await sub.client.get(twice.location)), /You have already accepted this invitation/);
  assert.equal((await contractPost(sub.client, id, 'decline')).status, 404, 'decline after accepting');
  assert.equal(partyState(id, sub.id), 'accepted');
  assert.match(text(await co.client.get(`/contracts/${id}`)), /Accepted \d\d\/\d\d\/\d{4}/);
  assert.equal(auditCount('contract_invitation_accepted', id), 1);
  const again = await invite(co.client, id, sub.number);
  assert.equal(again.status, 200);
  assert.match(text(again), /That company is already on this contract/);
});

test('two acceptances at once are one', async () => {
  const co = await freshCompany('RaceClient');
  const sub = await freshCompany('RaceSub');
  const { id } = await createContract(co.client);
  await invite(co.client, id, sub.number);
  const csrf = (await sub.client.get('/contracts/setup')).body.match(/name="_csrf" value="([^"]+)"/)[1];
  const post = () => sub.client.post(`/contracts/${id}/accept`, { _csrf: csrf });
  const answers = await Promise.all([post(), post(), post()]);
  // Each lands on the contract (the later ones told it was already accepted); one acceptance.
  assert.deepEqual(answers.map((a) => a.status), [303, 303, 303]);
  assert.equal(auditCount('contract_invitation_accepted', id), 1);
  assert.equal(partyState(id, sub.id), 'accepted');
});

test('declining: the contract stays out of the company\'s lists; the client may invite again', async () => {
  const co = await freshCompany('DecClient');
  const sub = await freshCompany('DecSub');
  const { id } = await createContract(co.client);
  await invite(co.client, id, sub.number);
  const r = await contractPost(sub.client, id, 'decline');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/contracts/setup');
  assert.equal(partyState(id, sub.id), 'declined');
  const setup = await sub.client.get('/contracts/setup');
  assert.match(text(setup), /You declined the invitation/);
  assert.doesNotMatch(setup.body, new RegExp(`id="(invitation|contract)-${id}"`));
  assert.equal((await sub.client.get(`/contracts/${id}`)).status, 404);
  assert.equal((await contractPost(sub.client, id, 'accept')).status, 404, 'a declined invitation cannot be accepted');
  assert.match(text(await co.client.get(`/contracts/${id}`)), /Declined/);
  assert.equal(auditCount('contract_invitation_declined', id), 1);
  await invite(co.client, id, sub.number);
  assert.equal(partyState(id, sub.id), 'invited', 'invited again');
});

test('only an exact name or number finds a company: no prefix, no list, not itself, not twice', async () => {
  const co = await freshCompany('FindClient');
  const sub = await freshCompany('FindSub');
  const { id } = await createContract(co.client);
  const parties = () => sqlValue(`SELECT COUNT(*) FROM contract_parties WHERE contract_id = ${id}`);
  const cases = [
    [sub.name.slice(0, -2), /No company on the portal has that exact name or company number/],
    [sub.number.slice(0, -1), /No company on the portal/],
    ['%', /No company on the portal/],
    ['', /Please fill in this field/],
    [co.number, /Your own company is the client/],
  ];
  for (const [company, message] of cases) {
    const r = await invite(co.client, id, company);
    assert.equal(r.status, 200, company);
    assert.match(text(r), message, company);
    assert.match(r.body, /id="company-error"/);
  }
  assert.equal(parties(), '1');
  await invite(co.client, id, sub.number);
  const twice = await invite(co.client, id, sub.number);
  assert.match(text(twice), /already been invited/);
  assert.equal(parties(), '2');
});

test('two companies with the same name: the number is asked for', async () => {
  const co = await freshCompany('SameClient');
  const a = await freshCompany('SameA');
  const name = `Same Name ${a.number}`;
  sql(`UPDATE companies SET name = ${q(name)} WHERE id = ${a.id}`);
  const b = await freshCompany('SameB');
  sql(`UPDATE companies SET name = ${q(name)} WHERE id = ${b.id}`);
  const { id } = await createContract(co.client);
  const r = await invite(co.client, id, name);
  assert.match(text(r), /More than one company has that name: please give its company number/);
  await invite(co.client, id, b.number);
  assert.equal(partyState(id, b.id), 'invited');
  assert.equal(partyState(id, a.id), null);
});

test('a company not invited cannot answer, and a subcontractor cannot invite', async () => {
  const co = await freshCompany('NoAnsClient');
  const sub = await freshCompany('NoAnsSub');
  const stranger = await freshCompany('NoAnsStranger');
  const { id } = await createContract(co.client);
  await invite(co.client, id, sub.number);
  assert.equal((await contractPost(stranger.client, id, 'accept')).status, 404);
  assert.equal(partyState(id, stranger.id), null);
  await contractPost(sub.client, id, 'accept');
  const r = await invite(sub.client, id, stranger.number);
  assert.equal(r.status, 403);
  assert.equal(partyState(id, stranger.id), null);
  assert.equal((await contractPost(sub.client, id, 'start')).status, 403);
  assert.equal((await contractPost(sub.client, id, 'close')).status, 403);
});
