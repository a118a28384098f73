// The dashboard's stored counts (sql/migrations/0006) never outlive a change or a day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, textById, sql, sqlValue, DEMO } from '../lib/portal.mjs';

const count = async (c, id) => textById((await c.get('/dashboard')).body, id);

test('a change to what the dashboard counts shows at once', async () => {
  const c = await signedIn(DEMO);
  const before = Number(await count(c, 'count-employees'));
  assert.equal(await count(c, 'count-employees'), String(before), 'stable between views');
  const [id] = sql(`SELECT id FROM employments WHERE company_id = 1 AND ended_on IS NULL
                     ORDER BY id DESC LIMIT 1`)[0];
  sql(`UPDATE employments SET ended_on = CURDATE() WHERE id = ${id}`);
  try {
    assert.equal(await count(c, 'count-employees'), String(before - 1), 'a leaver still counted');
  } finally {
    sql(`UPDATE employments SET ended_on = NULL WHERE id = ${id}`);
  }
  assert.equal(await count(c, 'count-employees'), String(before), 'the return not counted');
});

test('a payment into the funds shows at once', async () => {
  const c = await signedIn(DEMO);
  const before = await count(c, 'count-funds');
  sql('UPDATE company_funds SET balance_pence = balance_pence + 1 WHERE company_id = 1');
  try {
    const pence = (t) => Math.round(Number(t.replace(/[£,]/g, '')) * 100);
    assert.equal(pence(await count(c, 'count-funds')), pence(before) + 1);
  } finally {
    sql('UPDATE company_funds SET balance_pence = balance_pence - 1 WHERE company_id = 1');
  }
  assert.equal(await count(c, 'count-funds'), before);
});

test('counts stored on an earlier day are counted again', async () => {
  const c = await signedIn(DEMO);
  await c.get('/dashboard');
  sql(`UPDATE dashboard_counts SET computed_on = CURDATE() - INTERVAL 1 DAY, employees = 999999
        WHERE company_id = 1 AND group_id = 0 AND office_id = 0`);
  const shown = await count(c, 'count-employees');
  assert.notEqual(shown, '999999', 'yesterday\'s counts were served');
  assert.equal(sqlValue(`SELECT computed_on = CURDATE() FROM dashboard_counts
        WHERE company_id = 1 AND group_id = 0 AND office_id = 0`), '1');
});

test('counts stored under an older generation are never served', async () => {
  const c = await signedIn(DEMO);
  await c.get('/dashboard');
  sql(`UPDATE dashboard_counts SET generation = generation - 1, employees = 888888
        WHERE company_id = 1 AND group_id = 0 AND office_id = 0`);
  assert.notEqual(await count(c, 'count-employees'), '888888');
});
