// Findings of the security review: duplicate open applications, card types step 3 may choose,
// view-only users changing nothing with a GET.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  sql, sqlValue, freshCompany, createOperative, employ, createApplications, startApplication, appPost,
  signedIn, EASTERN, freshCardNumber,
} from '../lib/portal.mjs';

let co;
before(async () => { co = await freshCompany('Review'); });

const open = (op) => sqlValue(`SELECT COUNT(*) FROM applications WHERE operative_id = ${op}
   AND state NOT IN ('dispatched', 'cancelled')`);

test('the same employee twice in one request starts nothing', async () => {
  const p = createOperative({ first: 'Twice', last: 'Asked' });
  employ(p.id, co.id, co.office);
  const r = await createApplications(co.client, [[p.id, 'managerial:initial'], [p.id, 'managerial:initial']]);
  assert.equal(r.status, 400);
  assert.equal(open(p.id), '0');
});

test('parallel starts for one employee and card type open one application', async () => {
  const p = createOperative({ first: 'Racing', last: 'Starter' });
  employ(p.id, co.id, co.office);
  const rs = await Promise.all(Array.from({ length: 6 },
    () => createApplications(co.client, [[p.id, 'trainee:initial']])));
  assert.equal(rs.filter((r) => r.status === 303).length, 1, rs.map((r) => r.status).join(','));
  assert.equal(open(p.id), '1');
});

test('step 3 cannot move an application to a card type its kind does not apply to', async () => {
  // A valid craft card with years left: "initial" applies to managerial, not to craft.
  const p = createOperative({ first: 'Gold', last: 'Holder',
    card: { number: freshCardNumber(), expires: '2030-01-01' } });
  employ(p.id, co.id, co.office);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM cards WHERE operative_id = ${p.id} AND card_type_id = 1`), '1');
  const id = await startApplication(co.client, p.id, 'managerial:initial');
  const r = await appPost(co.client, `/applications/${id}/step3`, { card_type: '1', occupation_id: '1', grade_id: '1' });
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT card_type_id FROM applications WHERE id = ${id}`), '2', 'the card type changed');
});

test('a view-only user opening the summary changes nothing', async () => {
  const d = await signedIn(EASTERN);
  const [id, step] = sql(`SELECT a.id, a.step FROM applications a JOIN offices f ON f.id = a.office_id
     JOIN company_groups g ON g.id = f.group_id
    WHERE g.name = 'Eastern' AND a.state = 'in_progress' ORDER BY a.id LIMIT 1`)[0] || [];
  assert.ok(id, 'no Eastern application in progress in the demo data');
  const r = await d.get(`/applications/${id}/step4`);
  assert.equal(r.status, 200);
  assert.equal(sqlValue(`SELECT step FROM applications WHERE id = ${id}`), step);
  const go = await d.get(`/applications/${id}`);
  assert.match(go.location || '', /\/step4$/);
});
