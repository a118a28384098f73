// Every route of every loaded module (listed by `portalctl routes` from the same module files)
// that requires a permission: a company-level user holding every other permission gets 403, and
// one holding only that permission gets past the check (anything but 403). Ids in paths are ones
// that exist nowhere, so the handlers change nothing.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { portalctl, freshCompany, addUser } from '../lib/portal.mjs';
import { post, ALL } from '../lib/users.mjs';

const NO_SUCH_ID = '999999999';
let routes, co;
before(async () => {
  routes = portalctl('routes').trim().split('\n').map((l) => {
    const [method, path, perm, id, module] = l.split('\t');
    return { method, path, perm, id, module };
  });
  co = await freshCompany('Routes');
});

async function call(client, r) {
  const path = r.path.replaceAll('{id}', NO_SUCH_ID);
  return r.method === 'GET' ? client.get(path) : post(client, path, {});
}

test('portalctl routes lists every module\'s routes with method, path, permission and {id}', () => {
  assert.ok(routes.length > 50);
  for (const r of routes) {
    assert.match(r.method, /^(GET|POST)$/);
    assert.match(r.path, /^\//);
    assert.match(r.perm, /^(\d+|signed-in|public)$/);
    assert.equal(r.id, r.path.includes('{id}') ? 'id' : '-');
  }
  for (const m of ['dashboard', 'employees', 'applications', 'admin']) {
    assert.ok(routes.some((r) => r.module === m), `no route of ${m}`);
  }
  assert.ok(routes.some((r) => r.path === '/admin/users/{id}/remove' && r.perm === '14'));
});

test('each permission: 403 without it (holding all the others), past the check with it alone', async () => {
  const guarded = routes.filter((r) => /^\d+$/.test(r.perm));
  const bits = [...new Set(guarded.map((r) => Number(r.perm)))].sort((a, b) => a - b);
  const failures = [];
  for (const bit of bits) {
    const without = await addUser(co.id, { label: `Without${bit}`, permissions: ALL - 2 ** bit });
    const only = await addUser(co.id, { label: `Only${bit}`, permissions: 2 ** bit });
    for (const r of guarded.filter((x) => Number(x.perm) === bit)) {
      const no = await call(without.client, r);
      if (no.status !== 403) failures.push(`${r.method} ${r.path} without permission ${bit}: ${no.status}`);
      const yes = await call(only.client, r);
      if (yes.status === 403) failures.push(`${r.method} ${r.path} with only permission ${bit}: 403`);
    }
  }
  assert.deepEqual(failures, []);
});
