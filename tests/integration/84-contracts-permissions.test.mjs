// Contracts: each route's permission (403 without it, nothing changed) and another
// company's contract ids answering 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { freshCompany, addUser, sql } from '../lib/portal.mjs';
import {
  createContract, sharedContract, contractPost, addWorker, employee, workerId, liveWorkers,
} from '../lib/contracts.mjs';

const ALL = 8388607;
const without = (bit) => ALL & ~(2 ** bit);
const snapshot = (id) => JSON.stringify([
  sql(`SELECT state FROM contracts WHERE id = ${id}`),
  sql(`SELECT company_id, state FROM contract_parties WHERE contract_id = ${id} ORDER BY company_id`),
  sql(`SELECT id, removed_at FROM contract_workers WHERE contract_id = ${id} ORDER BY id`),
]);

test('Can View Contract Details: the lists, a contract\'s page and its export', async () => {
  const co = await freshCompany('PermView');
  const { id } = await createContract(co.client);
  const u = await addUser(co.id, { label: 'NoView', permissions: without(22) });
  for (const p of ['/contracts/setup', '/contracts/progress', '/contracts/completed', `/contracts/${id}`, `/contracts/${id}/export`]) {
    assert.equal((await u.client.get(p)).status, 403, p);
  }
  const ok = await addUser(co.id, { label: 'OnlyView', permissions: 2 ** 22 });
  assert.equal((await ok.client.get(`/contracts/${id}`)).status, 200);
  assert.equal((await ok.client.get(`/contracts/${id}/export`)).status, 200);
});

test('Can Create Contracts as Client: the form, creating, starting and closing', async () => {
  const co = await freshCompany('PermCreate');
  const { id } = await createContract(co.client);
  const u = await addUser(co.id, { label: 'NoCreate', permissions: without(19) });
  const before = snapshot(id);
  assert.equal((await u.client.get('/contracts/new')).status, 403);
  const made = await createContract(u.client);
  assert.equal(made.r.status, 403);
  for (const action of ['start', 'close']) assert.equal((await contractPost(u.client, id, action)).status, 403, action);
  assert.equal(snapshot(id), before);
  const page = await u.client.get(`/contracts/${id}`);
  assert.doesNotMatch(page.body, /id="start"|id="close"/);
  assert.doesNotMatch((await u.client.get('/contracts/setup')).body, /id="new-contract"/);
});

test('Can Add Subcontractors: inviting, accepting and declining', async () => {
  const co = await freshCompany('PermSubs');
  const sub = await freshCompany('PermSubsSub');
  const { id } = await createContract(co.client);
  const u = await addUser(co.id, { label: 'NoInvite', permissions: without(20) });
  assert.equal((await contractPost(u.client, id, 'invite', { company: sub.number })).status, 403);
  assert.doesNotMatch((await u.client.get(`/contracts/${id}`)).body, /id="invite-form"/);
  await contractPost(co.client, id, 'invite', { company: sub.number });
  const before = snapshot(id);
  const s = await addUser(sub.id, { label: 'NoAnswer', permissions: without(20) });
  for (const action of ['accept', 'decline']) assert.equal((await contractPost(s.client, id, action)).status, 403, action);
  assert.doesNotMatch((await s.client.get('/contracts/setup')).body, new RegExp(`id="accept-${id}"`));
  assert.equal(snapshot(id), before);
});

test('Can Add/Remove Contract Workers: adding and removing', async () => {
  const co = await freshCompany('PermWork');
  const { id } = await createContract(co.client);
  const op = employee(co);
  await addWorker(co.client, id, op.ni);
  const wid = workerId(id, op.id);
  const u = await addUser(co.id, { label: 'NoWorkers', permissions: without(21) });
  const before = snapshot(id);
  assert.equal((await addWorker(u.client, id, employee(co, { last: 'Other' }).ni)).status, 403);
  assert.equal((await contractPost(u.client, id, `workers/${wid}/remove`)).status, 403);
  assert.equal(snapshot(id), before);
  assert.doesNotMatch((await u.client.get(`/contracts/${id}`)).body, /id="worker-form"|id="remove-/);
  // Adding without Can View Contract Details works and lands on the dashboard with the message.
  const w = await addUser(co.id, { label: 'OnlyWorkers', permissions: 2 ** 21 });
  const refused = await addWorker(w.client, id, 'AB123456C');
  assert.equal(refused.status, 303);
  assert.equal(refused.location, '/dashboard');
  assert.equal(liveWorkers(id).length, 1);
});

test('another company\'s contract answers 404 to every route, and changes nothing', async () => {
  const co = await freshCompany('IsoClient');
  const sub = await freshCompany('IsoSub');
  const stranger = await freshCompany('IsoStranger');
  const id = await sharedContract(co, sub);
  const op = employee(co);
  await addWorker(co.client, id, op.ni);
  const wid = workerId(id, op.id);
  const before = snapshot(id);
  for (const p of [`/contracts/${id}`, `/contracts/${id}/export`]) {
    assert.equal((await stranger.client.get(p)).status, 404, p);
  }
  for (const [action, fields] of [['start'], ['close'], ['invite', { company: stranger.number }],
    ['workers', { employee: employee(stranger).ni }], [`workers/${wid}/remove`], ['accept'], ['decline']]) {
    assert.equal((await contractPost(stranger.client, id, action, fields)).status, 404, action);
  }
  // A worker id of another contract, through a contract of one's own.
  const own = await createContract(stranger.client);
  assert.equal((await contractPost(stranger.client, own.id, `workers/${wid}/remove`)).status, 404);
  assert.equal((await stranger.client.get('/contracts/99999999')).status, 404);
  assert.equal(snapshot(id), before);
  assert.doesNotMatch((await stranger.client.get('/contracts/setup')).body, new RegExp(`id="contract-${id}"`));
});
