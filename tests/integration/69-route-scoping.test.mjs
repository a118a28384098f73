// Every route that takes an object id, for a real object of each kind: a user of another company
// gets 404, and so does a user of the same company scoped to another office. Route families
// (the path up to its {id}) are matched to objects below; a family without one fails the test,
// so a new route with an id cannot be left out.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, portalctl, freshCompany, addUser, signedIn, createOperative, employ, startApplication, uploadPhoto,
  pngImage,
} from '../lib/portal.mjs';
import { post, ALL } from '../lib/users.mjs';
import { finalisedApps, createOrder } from '../lib/orders.mjs';
import { createContract } from '../lib/contracts.mjs';
import { seedCredits, employee as candidate, book } from '../lib/assessments.mjs';

let routes, co, objects, outsider, officeUser;
before(async () => {
  routes = portalctl('routes').trim().split('\n').map((l) => {
    const [method, path, perm, id] = l.split('\t');
    return { method, path, perm, id };
  }).filter((r) => r.id === 'id');
  co = await freshCompany('Scoped');
  // Office X (in group G) holds the objects; office Y, outside G, has a user with every permission.
  sql(`INSERT INTO company_groups (company_id, name) VALUES (${co.id}, 'Scope Group')`);
  const group = sqlValue(`SELECT id FROM company_groups WHERE company_id = ${co.id}`);
  sql(`UPDATE offices SET group_id = ${group} WHERE id = ${co.office}`);
  sql(`INSERT INTO offices (company_id, name) VALUES (${co.id}, 'Elsewhere Office')`);
  const officeY = sqlValue(`SELECT id FROM offices WHERE company_id = ${co.id} AND name = 'Elsewhere Office'`);
  const op = createOperative({ first: 'Scoped', last: 'Worker' });
  employ(op.id, co.id, co.office);
  const app = await startApplication(co.client, op.id);
  const photo = await uploadPhoto(co.client, app, pngImage(300, 400));
  assert.equal(photo.status, 303);
  const doc = sqlValue(`SELECT photo_document_id FROM applications WHERE id = ${app}`);
  const member = await addUser(co.id, { label: 'InOfficeX', permissions: 1 });
  sql(`UPDATE memberships SET level = 'office', office_id = ${co.office} WHERE user_id = ${member.user}`);
  // An order raised at office X, holding one of its applications.
  const order = (await createOrder(co.client, co, finalisedApps(co, 1), { then: 'later' })).orderId;
  assert.ok(order, 'no order for the test');
  // A contract of the company (the client) and an assessment booking of office X.
  const contract = (await createContract(co.client)).id;
  assert.ok(contract, 'no contract for the test');
  seedCredits(co.id, 1);
  const booking = (await book(co.client, { operative: candidate(co).id })).id;
  assert.ok(booking, 'no booking for the test');
  objects = {
    '/orders/': order,
    '/contracts/': contract,
    '/assessments/bookings/': booking,
    '/employees/': op.id,
    '/applications/documents/': doc,
    '/applications/': app,
    '/admin/groups/': group,
    '/admin/offices/': co.office,
    '/admin/users/': member.user,
  };
  const other = await freshCompany('Outsider');
  outsider = other.client;
  const u = await addUser(co.id, { label: 'OfficeY', permissions: ALL });
  sql(`UPDATE memberships SET level = 'office', office_id = ${officeY} WHERE user_id = ${u.user}`);
  officeUser = await signedIn({ email: u.email, password: u.password });
});

// The object for a route: the family with the longest matching prefix.
function objectFor(path) {
  const prefix = path.slice(0, path.indexOf('{id}'));
  const family = Object.keys(objects).filter((p) => prefix === p).sort((a, b) => b.length - a.length)[0];
  return family ? objects[family] : null;
}

test('every route with an id has an object to try', () => {
  const missing = routes.filter((r) => objectFor(r.path) === null).map((r) => r.path);
  assert.deepEqual(missing, [], 'route families without an object in this test');
  assert.ok(routes.length >= 25);
});

test('another company\'s user and a user of another office get 404 for every route with an id', async () => {
  const failures = [];
  for (const r of routes) {
    const path = r.path.replace('{id}', String(objectFor(r.path)));
    // A contract is the whole company's, not an office's: its pages are open to every level
    // of the company (showing only the workers of the user's offices), so only another
    // company must get 404 (the contracts tests check the levels).
    const whoTries = r.path.startsWith('/contracts/') ? [['another company', outsider]]
      : [['another company', outsider], ['another office', officeUser]];
    for (const [who, client] of whoTries) {
      const res = r.method === 'GET' ? await client.get(path) : await post(client, path, {});
      if (res.status !== 404) failures.push(`${r.method} ${path} as ${who}: ${res.status}`);
    }
  }
  assert.deepEqual(failures, []);
  // Nothing was changed on the way.
  assert.equal(sqlValue(`SELECT status FROM memberships WHERE user_id = ${objects['/admin/users/']}`), 'active');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM offices WHERE id = ${objects['/admin/offices/']}`), '1');
  assert.equal(sqlValue(`SELECT state FROM orders WHERE id = ${objects['/orders/']}`), 'closed_unpaid');
});
