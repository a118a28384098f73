// Contracts: each company adds and removes its own current employees as contract workers,
// never another company's; the client sees every company's workers, a subcontractor only its
// own; a group or office level user only the workers of their offices.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { Client, freshCompany, addUser, sql, sqlValue, pageText, q } from '../lib/portal.mjs';
import {
  createContract, sharedContract, contractPost, addWorker, removeWorker, employee, workerId, liveWorkers,
  auditCount, workerRows,
} from '../lib/contracts.mjs';

const text = (r) => pageText(r.body);

test('the client and its subcontractor each add their own employees, by NI number or card number', async () => {
  const co = await freshCompany('WrkClient');
  const sub = await freshCompany('WrkSub');
  const id = await sharedContract(co, sub);
  const mine = employee(co, { last: 'Clientman' });
  const theirs = employee(sub, { last: 'Subman' });
  const cardHolder = employee(sub, { last: 'Cardman' });
  const card = sqlValue(`SELECT card_number FROM cards WHERE operative_id = ${cardHolder.id}`);
  const a = await addWorker(co.client, id, mine.ni);
  assert.equal(a.status, 303);
  assert.match(text(await co.client.get(a.location)), /Clientman, Con is working on this contract/);
  assert.equal((await addWorker(sub.client, id, theirs.ni.toLowerCase())).status, 303);
  assert.equal((await addWorker(sub.client, id, card)).status, 303);
  assert.deepEqual(liveWorkers(id), [[mine.id, co.id], [theirs.id, sub.id], [cardHolder.id, sub.id]]);
  assert.equal(sqlValue(`SELECT office_id FROM contract_workers WHERE contract_id = ${id} AND operative_id = ${mine.id}`), co.office);
  assert.equal(auditCount('contract_worker_added', id), 3);
  // The client sees all three with their companies; the subcontractor its own two.
  const clientView = workerRows((await co.client.get(`/contracts/${id}`)).body);
  assert.deepEqual(Object.keys(clientView).sort(), ['Cardman, Con', 'Clientman, Con', 'Subman, Con']);
  assert.equal(clientView['Subman, Con'][1], sub.name);
  const subPage = await sub.client.get(`/contracts/${id}`);
  assert.deepEqual(Object.keys(workerRows(subPage.body)).sort(), ['Cardman, Con', 'Subman, Con']);
  assert.doesNotMatch(subPage.body, /Clientman/);
  assert.doesNotMatch(subPage.body, /id="subcontractors"/, 'a subcontractor does not see the other parties');
});

test('another company\'s employee, a former employee, or nobody: refused with a message, nothing changed', async () => {
  const co = await freshCompany('RefClient');
  const sub = await freshCompany('RefSub');
  const id = await sharedContract(co, sub);
  const theirs = employee(sub, { last: 'Notyours' });
  const gone = employee(co, { last: 'Leaver' });
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE operative_id = ${gone.id}`);
  const card = sqlValue(`SELECT card_number FROM cards WHERE operative_id = ${theirs.id}`);
  for (const value of [theirs.ni, card, gone.ni, 'AB123456C']) {
    const r = await addWorker(co.client, id, value);
    assert.equal(r.status, 200, value);
    assert.match(text(r), /None of your current employees has that NI number or ECS card number/, value);
    assert.match(r.body, /id="employee-error"/);
  }
  for (const value of ['hello', '12345678', '']) {
    const r = await addWorker(co.client, id, value);
    assert.equal(r.status, 200, value);
    assert.match(r.body, /id="employee-error"/, value);
  }
  // Eight digits failing the check digit are told so, not asked for "8 digits".
  const wrong = await addWorker(co.client, id, '1234 5678');
  assert.match(text(wrong), /not a valid ECS card number: please check the digits/);
  assert.doesNotMatch(text(wrong), /8-digit ECS card number/);
  assert.equal(liveWorkers(id).length, 0);
  assert.equal(auditCount('contract_worker_added', id), 0);
});

test('the same worker twice, even at once, is on the contract once', async () => {
  const co = await freshCompany('DupClient');
  const { id } = await createContract(co.client);
  const op = employee(co, { last: 'Twice' });
  const csrf = (await co.client.get(`/contracts/${id}`)).body.match(/name="_csrf" value="([^"]+)"/)[1];
  const post = () => co.client.post(`/contracts/${id}/workers`, { _csrf: csrf, employee: op.ni });
  const answers = await Promise.all([post(), post(), post()]);
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 303]);
  assert.ok(answers.filter((a) => a.status === 200).every((a) => /already working on this contract/.test(text(a))));
  assert.equal(liveWorkers(id).length, 1);
});

test('removing: only a company\'s own workers; removed workers can be added again', async () => {
  const co = await freshCompany('RemClient');
  const sub = await freshCompany('RemSub');
  const id = await sharedContract(co, sub);
  const mine = employee(co, { last: 'Mine' });
  const theirs = employee(sub, { last: 'Theirs' });
  await addWorker(co.client, id, mine.ni);
  await addWorker(sub.client, id, theirs.ni);
  const w1 = workerId(id, mine.id);
  const w2 = workerId(id, theirs.id);
  const page = await co.client.get(`/contracts/${id}`);
  assert.match(page.body, new RegExp(`id="remove-${w1}"`));
  // Each row's button names its worker to a screen reader (the text shown stays REMOVE).
  assert.match(page.body, new RegExp(`id="remove-${w1}">REMOVE<span class="visually-hidden"> [^<]*Mine[^<]* from this contract</span>`));
  assert.doesNotMatch(page.body, new RegExp(`id="remove-${w2}"`), 'no button for the subcontractor\'s worker');
  assert.equal((await removeWorker(co.client, id, w2)).status, 404, 'the client cannot remove a subcontractor\'s worker');
  assert.equal((await removeWorker(sub.client, id, w1)).status, 404);
  assert.equal(liveWorkers(id).length, 2);
  const r = await removeWorker(co.client, id, w1);
  assert.equal(r.status, 303);
  assert.deepEqual(liveWorkers(id), [[theirs.id, sub.id]]);
  // A second click of REMOVE: back to the contract, saying so (not a missing page).
  const again = await removeWorker(co.client, id, w1);
  assert.equal(again.status, 303, 'already removed');
  assert.match(pageText((await co.client.get(again.location)).body), /had already been removed from this contract/);
  assert.equal(auditCount('contract_worker_removed', id), 1);
  assert.equal((await addWorker(co.client, id, mine.ni)).status, 303, 'back on the contract');
  assert.equal(liveWorkers(id).length, 2);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM contract_workers WHERE contract_id = ${id}`), '3', 'history kept');
});

test('a group level user sees, adds and removes only the workers of their offices, and no contract-wide action', async () => {
  const co = await freshCompany('LvlClient');
  sql(`INSERT INTO company_groups (company_id, name) VALUES (${co.id}, 'North')`);
  const group = sqlValue(`SELECT id FROM company_groups WHERE company_id = ${co.id} AND name = 'North'`);
  sql(`INSERT INTO offices (company_id, group_id, name) VALUES (${co.id}, ${group}, ${q(`North Office ${co.id}`)})`);
  const north = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND group_id = ${group}`);
  const { id } = await createContract(co.client);
  const head = employee(co, { last: 'Headoffice' });
  const northern = employee(co, { last: 'Northerner', office: north });
  await addWorker(co.client, id, head.ni);
  const u = await addUser(co.id, { label: 'GroupUser' });
  sql(`UPDATE memberships SET level = 'group', group_id = ${group} WHERE user_id = ${u.user}`);
  const c = new Client();
  await c.signInOk({ email: u.email, password: u.password });
  for (const op of [head, employee(co, { last: 'Headtwo' })]) {
    const refused = await addWorker(c, id, op.ni);
    assert.equal(refused.status, 200, 'a head office employee is not at their offices');
    assert.match(text(refused), /None of your current employees/);
  }
  assert.equal((await addWorker(c, id, northern.ni)).status, 303);
  const rows = workerRows((await c.get(`/contracts/${id}`)).body);
  assert.deepEqual(Object.keys(rows), ['Northerner, Con']);
  assert.equal((await removeWorker(c, id, workerId(id, head.id))).status, 404);
  for (const action of ['start', 'close', 'invite']) {
    assert.equal((await contractPost(c, id, action, { company: 'x' })).status, 403, action);
  }
  assert.equal((await c.get('/contracts/new')).status, 403);
  assert.deepEqual(liveWorkers(id).map((w) => w[0]).sort(), [head.id, northern.id].sort());
  // The company-level client still sees both.
  assert.equal(Object.keys(workerRows((await co.client.get(`/contracts/${id}`)).body)).length, 2);
});
