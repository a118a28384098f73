// Contracts: compliance computed from the register when the page is viewed: a verdict for
// cards of every state (dates relative to today), the percentage, keyset paging, and the CSV
// export (audited, formula cells defused, a subcontractor's limited to its own workers).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { freshCompany, sql, sqlValue, pageText, parseCsv, q, freshCardNumber } from '../lib/portal.mjs';
import {
  createContract, sharedContract, addWorker, employee, workerId, auditCount, workerRows, cardTypeId,
} from '../lib/contracts.mjs';

const text = (r) => pageText(r.body);

// A contract asking for Craft cards with 30 days left, and one worker per verdict.
async function verdictFixture() {
  const co = await freshCompany('Comply');
  const { id } = await createContract(co.client, { card_type: cardTypeId('craft'), min_days: '30' });
  const people = {
    valid: employee(co, { last: 'Valid', card: { days: 400 } }),
    expiring: employee(co, { last: 'Expiring', card: { days: 10 } }),
    expired: employee(co, { last: 'Expired', card: { days: -1 } }),
    wrong: employee(co, { last: 'Wrong', card: { days: 400, type: 'managerial', occupation: 'site_manager' } }),
    none: employee(co, { last: 'Nocard', card: null }),
  };
  for (const op of Object.values(people)) assert.equal((await addWorker(co.client, id, op.ni)).status, 303);
  return { co, id, people };
}

test('each worker\'s verdict: valid, expiring within the threshold, expired, wrong card type, no card', async () => {
  const { co, id, people } = await verdictFixture();
  const page = await co.client.get(`/contracts/${id}`);
  assert.equal(page.status, 200);
  const rows = workerRows(page.body);
  const verdict = (last) => rows[`${last}, Con`][7];
  assert.equal(verdict('Valid'), 'Valid');
  assert.equal(verdict('Expiring'), 'Expiring');
  assert.equal(verdict('Expired'), 'Expired');
  assert.equal(verdict('Wrong'), 'Wrong card type');
  assert.equal(verdict('Nocard'), 'No card');
  assert.equal(rows['Valid, Con'][3], 'Craft or Related Disciplines');
  assert.equal(rows['Valid, Con'][4], 'Installation Electrician');
  assert.equal(rows['Wrong, Con'][3], 'Managerial');
  assert.equal(rows['Nocard, Con'][2], '');
  assert.equal(rows['Valid, Con'][6], 'None', 'HS&E status');
  assert.match(page.body, new RegExp(`id="verdict-${workerId(id, people.valid.id)}">Valid<`));
  assert.match(page.body, /id="compliance-percent">20%</);
  assert.match(text(page), /Valid 1, expiring 1, expired 1, wrong card type 1, no card 1/);
});

test('computed at the moment of viewing: a card that expired yesterday is expired today', async () => {
  const { co, id, people } = await verdictFixture();
  sql(`UPDATE cards SET expires_on = CURDATE() - INTERVAL 1 DAY WHERE operative_id = ${people.valid.id}`);
  sql(`UPDATE operatives SET hse_passed_on = CURDATE() - INTERVAL 30 DAY WHERE id = ${people.expiring.id}`);
  const rows = workerRows((await co.client.get(`/contracts/${id}`)).body);
  assert.equal(rows['Valid, Con'][7], 'Expired');
  assert.equal(rows['Expiring, Con'][6], 'Passed');
  assert.match((await co.client.get(`/contracts/${id}`)).body, /id="compliance-percent">0%</);
  // A new card of the right kind counts over a later one of the wrong kind.
  sql(`INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on, expires_on)
       SELECT ${q(freshCardNumber())}, ${people.wrong.id}, ${cardTypeId('craft')}, id, CURDATE(),
              CURDATE() + INTERVAL 200 DAY FROM occupations WHERE code = 'electrical_fitter'`);
  const again = workerRows((await co.client.get(`/contracts/${id}`)).body);
  assert.equal(again['Wrong, Con'][7], 'Valid');
  assert.equal(again['Wrong, Con'][4], 'Electrical Fitter');
});

test('an occupation requirement: a card for that occupation counts whatever its type', async () => {
  const co = await freshCompany('CompOcc');
  const occ = sqlValue("SELECT id FROM occupations WHERE code = 'site_manager'");
  const { id } = await createContract(co.client, { occupation: occ, min_days: '0' });
  const manager = employee(co, { last: 'Manager', card: { days: 5, type: 'managerial', occupation: 'site_manager' } });
  const sparky = employee(co, { last: 'Sparky', card: { days: 400 } });
  await addWorker(co.client, id, manager.ni);
  await addWorker(co.client, id, sparky.ni);
  const rows = workerRows((await co.client.get(`/contracts/${id}`)).body);
  assert.equal(rows['Manager, Con'][7], 'Valid', 'no minimum days: 5 days left is valid');
  assert.equal(rows['Sparky, Con'][7], 'Wrong card type');
});

test('a contract without requirements takes any card', async () => {
  const co = await freshCompany('CompAny');
  const { id } = await createContract(co.client, { min_days: '0' });
  const op = employee(co, { last: 'Anycard', card: { days: 100, type: 'trainee', occupation: 'trainee_electrician' } });
  await addWorker(co.client, id, op.ni);
  const page = await co.client.get(`/contracts/${id}`);
  assert.equal(workerRows(page.body)['Anycard, Con'][7], 'Valid');
  assert.match(page.body, /id="compliance-percent">100%</);
  assert.match(text(page), /Any ECS card/);
});

test('the CSV export: every worker with the verdict, formula cells defused, audited', async () => {
  const { co, id } = await verdictFixture();
  const evil = employee(co, { first: '=HYPERLINK("http://x")', last: '@SUM(A1)' });
  await addWorker(co.client, id, evil.ni);
  const r = await co.client.get(`/contracts/${id}/export`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  assert.match(r.headers.get('content-disposition'), new RegExp(`attachment; filename="contract-${id}-workers.csv"`));
  const rows = parseCsv(r.body);
  assert.deepEqual(rows[0], ['Worker', 'Company', 'ECS Card Number', 'Card Type', 'Occupation', 'Card Expiry', 'HS&E', 'Compliance']);
  assert.equal(rows.length, 7);
  const byName = Object.fromEntries(rows.slice(1).map((x) => [x[0], x]));
  assert.equal(byName['Valid, Con'][7], 'Valid');
  assert.equal(byName['Expired, Con'][7], 'Expired');
  assert.equal(byName['Nocard, Con'][7], 'No card');
  assert.equal(byName['Valid, Con'][1], co.name);
  assert.ok(rows.slice(1).every((x) => !/^[=+\-@]/.test(x[0])), 'a cell a spreadsheet would run');
  assert.ok(byName["'@SUM(A1), =HYPERLINK(\"http://x\")"], 'the formula cell kept with an apostrophe');
  assert.equal(auditCount('contract_exported', id), 1);
  assert.equal(sqlValue(`SELECT detail FROM audit_log WHERE action = 'contract_exported' AND object_id = ${q(id)}`), '6 rows');
});

test('a subcontractor\'s page and export show only its own workers and their compliance', async () => {
  const co = await freshCompany('LimClient');
  const sub = await freshCompany('LimSub');
  const id = await sharedContract(co, sub, { min_days: '0' });
  await addWorker(co.client, id, employee(co, { last: 'Clientside', card: null }).ni);
  await addWorker(sub.client, id, employee(sub, { last: 'Subside' }).ni);
  const page = await sub.client.get(`/contracts/${id}`);
  assert.deepEqual(Object.keys(workerRows(page.body)), ['Subside, Con']);
  assert.match(page.body, /id="compliance-percent">100%</);
  const csv = parseCsv((await sub.client.get(`/contracts/${id}/export`)).body);
  assert.deepEqual(csv.slice(1).map((x) => x[0]), ['Subside, Con']);
  const client = await co.client.get(`/contracts/${id}`);
  assert.match(client.body, /id="compliance-percent">50%</);
});

test('big contracts page by keyset: 50 workers a page, every worker once', async () => {
  const co = await freshCompany('CompPage');
  const { id } = await createContract(co.client);
  const ops = [];
  for (let i = 0; i < 53; i++) ops.push(employee(co, { last: `Page${String(i).padStart(2, '0')}`, card: null }));
  const values = ops.map((op) => `(${id}, ${co.id}, ${co.office}, ${op.id}, ${co.user})`).join(',');
  sql(`INSERT INTO contract_workers (contract_id, company_id, office_id, operative_id, added_by) VALUES ${values}`);
  const first = await co.client.get(`/contracts/${id}`);
  const firstRows = Object.keys(workerRows(first.body));
  assert.equal(firstRows.length, 50);
  const next = first.body.match(/href="([^"]+)" id="next-page"/);
  assert.ok(next, 'a next page link');
  const second = await co.client.get(next[1].replace(/&amp;/g, '&'));
  const secondRows = Object.keys(workerRows(second.body));
  assert.equal(secondRows.length, 3);
  assert.doesNotMatch(second.body, /id="next-page"/);
  assert.equal(new Set([...firstRows, ...secondRows]).size, 53);
  assert.match(first.body, /id="compliance-percent">0%</);
  assert.match(text(first), /of 53 workers/);
});
