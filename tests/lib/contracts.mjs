// Helpers for the contracts tests (ECS Check): the create form, invitations and their
// answers, contract workers, and operatives holding cards of every state, made with SQL.
import {
  sql, sqlValue, q, createOperative, employ, freshCardNumber, isoDate, dateFromToday, hiddenValue,
  tableRows,
} from './portal.mjs';
import { formPost, pageCsrf } from './orders.mjs';

// The create form's fields for a contract that runs from today for a year.
export function contractFields(overrides = {}) {
  return {
    name: `Site ${Math.random().toString(36).slice(2, 8)}`,
    site_address: '1 Test Street\nTesttown TT1 1TT',
    client_reference: 'REF-1',
    starts_on: isoDate(dateFromToday()),
    ends_on: isoDate(dateFromToday({ years: 1 })),
    min_days: '30',
    ...overrides,
  };
}

// GET /contracts/new then POST it; returns {r, id (from the redirect), token, csrf}.
export async function createContract(client, overrides = {}, { token } = {}) {
  const form = await client.get('/contracts/new');
  const csrf = hiddenValue(form.body, '_csrf');
  const t = token ?? hiddenValue(form.body, 'token');
  const r = await formPost(client, '/contracts/new', { _csrf: csrf, token: t, ...contractFields(overrides) });
  const m = (r.location || '').match(/^\/contracts\/(\d+)$/);
  return { r, id: m ? m[1] : null, token: t, csrf };
}

// POSTs to /contracts/ID/ACTION with the page's CSRF token.
export async function contractPost(client, id, action, fields = {}) {
  const csrf = await pageCsrf(client);
  return formPost(client, `/contracts/${id}/${action}`, { _csrf: csrf, ...fields });
}

export const invite = (client, id, company) => contractPost(client, id, 'invite', { company });
export const addWorker = (client, id, employee) => contractPost(client, id, 'workers', { employee });
export const removeWorker = (client, id, workerId) => contractPost(client, id, `workers/${workerId}/remove`);

// A contract made by co and accepted by sub (both freshCompany results): returns its id.
export async function sharedContract(co, sub, overrides = {}) {
  const { id } = await createContract(co.client, overrides);
  await invite(co.client, id, sub.number);
  await contractPost(sub.client, id, 'accept');
  return id;
}

export function contractState(id) {
  return sqlValue(`SELECT state FROM contracts WHERE id = ${id}`);
}

export function partyState(id, companyId) {
  return sqlValue(`SELECT state FROM contract_parties WHERE contract_id = ${id} AND company_id = ${companyId}`);
}

export function liveWorkers(id) {
  return sql(`SELECT operative_id, company_id FROM contract_workers WHERE contract_id = ${id}
              AND removed_at IS NULL ORDER BY id`);
}

export function workerId(id, operativeId) {
  return sqlValue(`SELECT id FROM contract_workers WHERE contract_id = ${id} AND operative_id = ${operativeId}
                   AND removed_at IS NULL`);
}

export function auditCount(action, id) {
  return Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = ${q(action)} AND object_id = ${q(id)}`));
}

// An operative employed by company co (at office) holding one card:
// card = {days (expiry relative to today), type ('craft'...), occupation (code), status}, or null.
export function employee(co, { card = { days: 400 }, office = co.office, first = 'Con', last = 'Worker' } = {}) {
  const op = createOperative({ first, last });
  if (card) {
    const expires = isoDate(dateFromToday({ days: card.days }));
    sql(`INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on, expires_on, status)
         SELECT ${q(freshCardNumber())}, ${op.id}, t.id, oc.id, ${q(expires)} - INTERVAL 3 YEAR, ${q(expires)},
                ${q(card.status || (card.days < 0 ? 'expired' : 'valid'))}
           FROM card_types t JOIN occupations oc ON oc.code = ${q(card.occupation || 'installation_electrician')}
          WHERE t.code = ${q(card.type || 'craft')}`);
  }
  employ(op.id, co.id, office);
  return op;
}

// The workers table of a contract page: {name: [cells]} keyed by the worker's "Last, First".
export function workerRows(html) {
  return Object.fromEntries((tableRows(html, 'workers') || []).filter((r) => r.length > 2).map((r) => [r[0], r]));
}

export function cardTypeId(code) {
  return sqlValue(`SELECT id FROM card_types WHERE code = ${q(code)}`);
}
