// Endorsements: a change in grading (a grade other than on the current card of the type) and
// qualified supervisor status need a user holding the matching permission before finalising.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sqlValue, q, textById, pageText, applicationFixture, completeApplication, addUser, appPost, freshCardNumber,
} from '../lib/portal.mjs';

const FILL_IN = 16 | 32; // Can View Card Applications, Can Fill In Applications
const ENDORSE_GRADING = 64;
const ENDORSE_QS = 128;

async function finalise(client, appId) {
  return appPost(client, `/applications/${appId}/finalise`, { declaration: 'yes' });
}

test('qualified supervisor status asked for by a user who cannot endorse it waits for one who can', async () => {
  const { co, appId } = await applicationFixture({ label: 'QS' });
  const clerk = await addUser(co.id, { label: 'Clerk', permissions: FILL_IN });
  await completeApplication(clerk.client, appId);
  const occ = sqlValue("SELECT id FROM occupations WHERE code = 'electrical_labourer'");
  const grade = sqlValue("SELECT id FROM grades WHERE code = 'electrical_labourer'");
  const r = await appPost(clerk.client, `/applications/${appId}/step3`, {
    card_type: '1', occupation_id: occ, grade_id: grade, qs: 'yes', endorse_qs: 'yes',
  });
  assert.equal(r.status, 303);
  assert.equal(sqlValue(`SELECT qs_requested FROM applications WHERE id = ${appId}`), '1');
  assert.equal(sqlValue(`SELECT qs_endorsed_by FROM applications WHERE id = ${appId}`), null,
    'endorsed by a user without the permission');
  const f = await finalise(clerk.client, appId);
  assert.equal(f.status, 200);
  assert.match(pageText(f.body), /endorsement of the qualified supervisor status/);
  assert.equal(sqlValue(`SELECT state FROM applications WHERE id = ${appId}`), 'in_progress');
  const boss = await addUser(co.id, { label: 'Boss', permissions: FILL_IN | ENDORSE_QS });
  const page = await boss.client.get(`/applications/${appId}/step3`);
  assert.match(page.body, /id="endorse_qs"/);
  assert.equal((await appPost(boss.client, `/applications/${appId}/step3`, {
    card_type: '1', occupation_id: occ, grade_id: grade, qs: 'yes', endorse_qs: 'yes',
  })).status, 303);
  assert.equal(sqlValue(`SELECT qs_endorsed_by FROM applications WHERE id = ${appId}`), boss.user);
  assert.equal((await finalise(clerk.client, appId)).status, 303);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'qs_endorsed' AND object_id = '${appId}'`), '1');
});

test('a change in grading needs an endorsement; changing the grade again clears it', async () => {
  const { co, op, appId } = await applicationFixture({
    label: 'Regrade', choice: 'craft:upgrade',
    operative: { card: { number: freshCardNumber(), expires: '2030-06-30' } },
  });
  // The current card carries the grade Electrician; the application asks for Approved Electrician.
  const electrician = sqlValue("SELECT id FROM grades WHERE code = 'electrician'");
  const approved = sqlValue("SELECT id FROM grades WHERE code = 'approved_electrician'");
  sqlValue(`UPDATE cards SET grade_id = ${electrician} WHERE operative_id = ${op.id}`);
  const clerk = await addUser(co.id, { label: 'Clerk', permissions: FILL_IN });
  await completeApplication(clerk.client, appId, { grade: 'approved_electrician' });
  const page = await clerk.client.get(`/applications/${appId}/step3`);
  assert.ok(textById(page.body, 'grading-endorsement-needed'), 'the need is not said');
  assert.match(pageText((await finalise(clerk.client, appId)).body), /endorsement of the change in grading/);
  const boss = await addUser(co.id, { label: 'Boss', permissions: FILL_IN | ENDORSE_GRADING });
  const occ = sqlValue(`SELECT occupation_id FROM applications WHERE id = ${appId}`);
  assert.equal((await appPost(boss.client, `/applications/${appId}/step3`, {
    card_type: '1', occupation_id: occ, grade_id: approved, endorse_grading: 'yes',
  })).status, 303);
  assert.equal(sqlValue(`SELECT grading_endorsed_by FROM applications WHERE id = ${appId}`), boss.user);
  // The clerk picks another grade: the endorsement no longer applies.
  const technician = sqlValue("SELECT id FROM grades WHERE code = 'technician_electrician'");
  assert.equal((await appPost(clerk.client, `/applications/${appId}/step3`, {
    card_type: '1', occupation_id: occ, grade_id: technician,
  })).status, 303);
  assert.equal(sqlValue(`SELECT grading_endorsed_by FROM applications WHERE id = ${appId}`), null);
  assert.equal(sqlValue(`SELECT state FROM applications WHERE id = ${appId}`), 'in_progress');
  void q;
});
