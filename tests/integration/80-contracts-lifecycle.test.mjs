// Contracts (ECS Check): Create New Contract with its checks, the one-time form token, the
// three lists, starting, closing, completion at the end date without a job, and a completed
// contract refusing every change.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { freshCompany, sql, sqlValue, pageText, alerts, isoDate, dateFromToday } from '../lib/portal.mjs';
import {
  createContract, contractPost, contractState, invite, addWorker, removeWorker, employee, workerId,
  liveWorkers, auditCount, cardTypeId,
} from '../lib/contracts.mjs';

const text = (r) => pageText(r.body);
const listed = (r, id) => r.body.includes(`id="contract-${id}"`);

test('Create New Contract: the form, then a contract being set up with its requirements', async () => {
  const co = await freshCompany('ConNew');
  const form = await co.client.get('/contracts/new');
  assert.equal(form.status, 200);
  for (const label of ['Contract name', 'Site address', 'Client reference', 'Start date', 'End date',
    'Minimum days of card validity left', 'Card types accepted on site', 'Occupations accepted on site']) {
    assert.ok(text(form).includes(label), `no ${label}`);
  }
  const occ = sqlValue("SELECT id FROM occupations WHERE code = 'electrical_site_manager'");
  const { r, id } = await createContract(co.client, { name: 'Riverside Tower', card_type: cardTypeId('craft'), occupation: occ });
  assert.equal(r.status, 303, alerts(r.body).join(' | '));
  assert.ok(id);
  assert.equal(contractState(id), 'being_set_up');
  assert.deepEqual(sql(`SELECT IFNULL(card_type_id, ''), IFNULL(occupation_id, '') FROM contract_requirements
                        WHERE contract_id = ${id} ORDER BY id`), [[cardTypeId('craft'), ''], ['', occ]]);
  assert.deepEqual(sql(`SELECT role, state FROM contract_parties WHERE contract_id = ${id}`), [['client', 'accepted']]);
  const page = await co.client.get(`/contracts/${id}`);
  assert.equal(page.status, 200);
  assert.match(text(page), /Riverside Tower/);
  assert.match(page.body, /id="contract-state">Being Set Up</);
  assert.match(text(page), /Card type: Craft or Related Disciplines; Occupation: Electrical Site Manager/);
  assert.match(text(page), /No workers on this contract yet/);
  assert.ok(listed(await co.client.get('/contracts/setup'), id));
  assert.ok(!listed(await co.client.get('/contracts/progress'), id));
  assert.equal(auditCount('contract_created', id), 1);
});

test('bad input answers the form with messages and makes nothing', async () => {
  const co = await freshCompany('ConBad');
  const count = () => sqlValue(`SELECT COUNT(*) FROM contracts WHERE company_id = ${co.id}`);
  const cases = [
    [{ name: '' }, /Please fill in this field/],
    [{ ends_on: '31/02/2027' }, /real date/],
    [{ starts_on: isoDate(dateFromToday({ days: 10 })), ends_on: isoDate(dateFromToday({ days: 5 })) }, /end date must not be before the start date/],
    [{ starts_on: isoDate(dateFromToday({ days: -30 })), ends_on: isoDate(dateFromToday({ days: -1 })) }, /end date has passed/],
    [{ min_days: '-3' }, /whole number of days/],
    [{ min_days: '99999' }, /whole number of days/],
    [{ card_type: '99' }, /choose card types and occupations from the lists/],
    [{ occupation: 'x' }, /correct the fields/],
    [{ name: 'x'.repeat(151) }, /150 characters/],
  ];
  for (const [fields, message] of cases) {
    const { r } = await createContract(co.client, fields);
    assert.equal(r.status, 200, JSON.stringify(fields));
    assert.match(text(r), message, JSON.stringify(fields));
  }
  const expired = await createContract(co.client, {}, { token: 'not-a-token' });
  assert.equal(expired.r.status, 200);
  assert.match(text(expired.r), /This form has expired/);
  assert.equal(count(), '0');
});

test('the same form sent twice makes one contract', async () => {
  const co = await freshCompany('ConTwice');
  const first = await createContract(co.client, { name: 'Twice' });
  const again = await createContract(co.client, { name: 'Twice' }, { token: first.token });
  assert.equal(again.r.status, 303);
  assert.equal(again.id, first.id);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM contracts WHERE company_id = ${co.id}`), '1');
});

test('start, then close: the lists follow the state and each step is audited', async () => {
  const co = await freshCompany('ConLife');
  const { id } = await createContract(co.client);
  const started = await contractPost(co.client, id, 'start');
  assert.equal(started.status, 303);
  assert.equal(contractState(id), 'in_progress');
  assert.ok(listed(await co.client.get('/contracts/progress'), id));
  assert.ok(!listed(await co.client.get('/contracts/setup'), id));
  const again = await contractPost(co.client, id, 'start');
  assert.equal(again.status, 303);
  assert.match(text(await co.client.get(again.location)), /Only a contract being set up can be started/);
  // Closing cannot be undone: without the ticked box, a message and nothing changed.
  const page = await co.client.get(`/contracts/${id}`);
  assert.match(page.body, /<input type="checkbox" name="confirm" value="yes" id="close-confirm" required>/);
  const unticked = await contractPost(co.client, id, 'close');
  assert.equal(unticked.status, 303);
  assert.match(text(await co.client.get(unticked.location)), /Nothing has changed: to close the contract, tick the box/);
  assert.equal(contractState(id), 'in_progress');
  assert.equal(auditCount('contract_closed', id), 0);
  const closed = await contractPost(co.client, id, 'close', { confirm: 'yes' });
  assert.equal(closed.status, 303);
  assert.equal(contractState(id), 'completed');
  assert.ok(listed(await co.client.get('/contracts/completed'), id));
  assert.ok(!listed(await co.client.get('/contracts/progress'), id));
  assert.equal(auditCount('contract_started', id), 1);
  assert.equal(auditCount('contract_closed', id), 1);
});

test('a contract past its end date is completed without anyone closing it', async () => {
  const co = await freshCompany('ConEnd');
  const { id } = await createContract(co.client);
  await contractPost(co.client, id, 'start');
  sql(`UPDATE contracts SET starts_on = CURDATE() - INTERVAL 10 DAY, ends_on = CURDATE() - INTERVAL 1 DAY WHERE id = ${id}`);
  assert.equal(contractState(id), 'in_progress', 'stored state unchanged');
  assert.ok(listed(await co.client.get('/contracts/completed'), id));
  assert.ok(!listed(await co.client.get('/contracts/progress'), id));
  const page = await co.client.get(`/contracts/${id}`);
  assert.match(page.body, /id="contract-state">Completed</);
  assert.doesNotMatch(page.body, /id="worker-form"|id="close"|id="start"/);
  const op = employee(co);
  const r = await addWorker(co.client, id, op.ni);
  assert.equal(r.status, 303);
  assert.match(text(await co.client.get(r.location)), /completed: it can no longer be changed/);
  assert.equal(liveWorkers(id).length, 0);
});

test('a completed contract refuses every change and changes nothing', async () => {
  const co = await freshCompany('ConRO');
  const sub = await freshCompany('ConROSub');
  const late = await freshCompany('ConROLate');
  const { id } = await createContract(co.client);
  await invite(co.client, id, sub.number);
  await contractPost(sub.client, id, 'accept');
  await invite(co.client, id, late.number);
  const op = employee(co);
  await addWorker(co.client, id, op.ni);
  const wid = workerId(id, op.id);
  await contractPost(co.client, id, 'close', { confirm: 'yes' });
  const before = sql(`SELECT * FROM contract_workers WHERE contract_id = ${id}`);
  const parties = sql(`SELECT company_id, state FROM contract_parties WHERE contract_id = ${id} ORDER BY company_id`);
  const other = employee(co, { last: 'Later' });
  const attempts = [
    [co.client, 'start'], [co.client, 'close'], [co.client, 'invite', { company: 'Any Company Ltd' }],
    [co.client, 'workers', { employee: other.ni }], [co.client, `workers/${wid}/remove`],
    [sub.client, 'workers', { employee: employee(sub).ni }],
  ];
  for (const [client, action, fields] of attempts) {
    const r = await contractPost(client, id, action, fields);
    assert.equal(r.status, 303, action);
    assert.equal(r.location, `/contracts/${id}`, action);
  }
  for (const action of ['accept', 'decline']) {
    const r = await contractPost(late.client, id, action);
    assert.equal(r.status, 303, action);
    assert.equal(r.location, '/contracts/setup');
    assert.match(text(await late.client.get(r.location)), /completed: it can no longer be changed/);
  }
  assert.equal(contractState(id), 'completed');
  assert.deepEqual(sql(`SELECT * FROM contract_workers WHERE contract_id = ${id}`), before);
  assert.deepEqual(sql(`SELECT company_id, state FROM contract_parties WHERE contract_id = ${id} ORDER BY company_id`), parties);
  const page = await co.client.get(`/contracts/${id}`);
  assert.doesNotMatch(page.body, /id="invite-form"|id="worker-form"|id="remove-/);
  assert.match(page.body, /id="export"/, 'a completed contract still exports');
});
