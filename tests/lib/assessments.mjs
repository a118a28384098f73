// Helpers for the ECS Assessments tests: credits seeded as the scheme's staff would, the
// booking form, the sign-in link and its token (signed with the stack's assessment key), and
// results files imported with portalctl.
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { env, sql, sqlValue, q, hiddenValue, createOperative, employ, isoDate, dateFromToday } from './portal.mjs';
import { formPost, pageCsrf } from './orders.mjs';

export function credits(companyId) {
  return Number(sqlValue(`SELECT IFNULL((SELECT credits FROM assessment_credit_balances
                           WHERE company_id = ${companyId}), 0)`));
}

// Gives a company n credits with a ledger row, as an adjustment by the scheme.
export function seedCredits(companyId, n) {
  sql(`INSERT INTO assessment_credit_balances (company_id, credits) VALUES (${companyId}, ${n})
       ON DUPLICATE KEY UPDATE credits = credits + ${n};
       INSERT INTO assessment_credit_ledger (company_id, amount, balance_after, kind, idempotency_key, note)
       SELECT ${companyId}, ${n}, credits, 'adjustment', ${q(`test:${companyId}:${Date.now()}:${Math.random()}`)}, 'test'
         FROM assessment_credit_balances WHERE company_id = ${companyId}`);
}

// A current employee of the company (an operative made with SQL). Returns the operative.
export function employee(co, { office = co.office, first = 'Assess', last = 'Candidate' } = {}) {
  const op = createOperative({ first, last });
  employ(op.id, co.id, office);
  return op;
}

export const day = (days) => isoDate(dateFromToday({ days }));

// The booking form's token, then POST /assessments/book. Returns the answer and the new id.
export async function book(client, { operative, from = day(1), to = day(14), token } = {}) {
  const page = await client.get('/assessments/book');
  const csrf = await pageCsrf(client, '/assessments/book');
  const r = await formPost(client, '/assessments/book', {
    _csrf: csrf, token: token ?? hiddenValue(page.body, 'token'), operative, from, to,
  });
  const m = (r.location || '').match(/\/assessments\/bookings\/(\d+)/);
  return { r, id: m ? m[1] : null, token: token ?? hiddenValue(page.body, 'token') };
}

export function bookingRow(id) {
  const [code, state, sat, score] = sql(`SELECT code, state, IFNULL(sat_on, ''), IFNULL(score, '')
                                         FROM assessment_bookings WHERE id = ${id}`)[0];
  return { code, state, sat, score };
}

// POST /assessments/signin: the 303 to the assessment service.
export async function signin(client) {
  const csrf = await pageCsrf(client, '/assessments');
  return formPost(client, '/assessments/signin', { _csrf: csrf });
}

export function assessmentKey() {
  return readFileSync(path.join(env.state, 'assessment.key'), 'utf8').trim();
}

// A sign-in query string signed as the portal signs it (fields in the portal's order).
export function signedQuery(fields, key = assessmentKey()) {
  const qs = new URLSearchParams(fields).toString();
  return `${qs}&sig=${createHmac('sha256', key).update(qs).digest('hex')}`;
}

// Writes a results file and runs portalctl import-results on it: {code, out}.
export function importResults(xml, name = 'results.xml') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'results-'));
  const file = path.join(dir, name);
  writeFileSync(file, xml);
  try {
    return { code: 0, file, out: execFileSync(env.portalctl, ['-c', env.config, 'import-results', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    return { code: e.status, file, out: `${e.stdout}${e.stderr}` };
  }
}

export function resultsXml(rows, generated = day(0)) {
  const lines = rows.map((r) => `  <result booking="${r.booking}" status="${r.status}" sat="${r.sat}"` +
    `${r.score !== undefined ? ` score="${r.score}"` : ''}${r.hse ? ` hse-number="${r.hse}"` : ''}/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<results generated="${generated}">\n${lines.join('\n')}\n</results>\n`;
}
