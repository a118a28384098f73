// The dashboard's counts computed straight from the database, following the definitions
// written in sql/migrations (0002 scheme_settings, 0003 cards, 0004 applications and orders):
//   employees        current employments (ended_on IS NULL), distinct operatives
//   expiring         of those, the ones whose current card (latest expires_on among
//                    status valid/expired) expires before today + expiring_soon_days (or has expired)
//   apps_attention   applications in_progress, finalised, on_hold
//   apps_produced    applications received, verifying, verified, being_produced
//   apps_completed   applications dispatched with completed_at within completed_visible_months
//   orders_attention orders open, closed_unpaid, awaiting_payment, awaiting_bacs
//   funds            company_funds.balance_pence as "£1,234.56"
// A group-level user sees the offices of its group, an office-level user its office; orders
// are scoped by where they were raised (group: that group's and its offices'; office: that office's).

import { sql, q } from './portal.mjs';

export const COUNT_IDS = ['count-employees', 'count-expiring', 'count-apps-attention', 'count-apps-produced',
  'count-apps-completed', 'count-orders-attention', 'count-funds'];

export function formatPounds(pence) {
  const n = BigInt(pence);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const p = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}£${pounds}.${p}`;
}

// The membership of a user: {company, level, group, office}.
export function membershipOf(email) {
  const rows = sql(`SELECT m.company_id, m.level, m.group_id, m.office_id
      FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE u.email = ${q(email)} AND m.status = 'active' ORDER BY m.id LIMIT 1`);
  if (!rows.length) throw new Error(`no active membership for ${email}`);
  const [company, level, group, office] = rows[0];
  return { company, level, group, office };
}

// A SQL condition on the column `col` (an office id) for the user's scope.
function officeScope(m, col) {
  if (m.level === 'group') return `${col} IN (SELECT id FROM offices WHERE company_id = ${m.company} AND group_id = ${m.group})`;
  if (m.level === 'office') return `${col} = ${m.office}`;
  return '1 = 1';
}

function orderScope(m) {
  if (m.level === 'group') {
    return `((o.raised_level = 'group' AND o.group_id = ${m.group}) OR ` +
      `(o.raised_level = 'office' AND ${officeScope(m, 'o.office_id')}))`;
  }
  if (m.level === 'office') return `(o.raised_level = 'office' AND o.office_id = ${m.office})`;
  return '1 = 1';
}

export function expectedCounts(email) {
  const m = membershipOf(email);
  const C = m.company;
  const row = sql(`
    SELECT
      (SELECT COUNT(DISTINCT e.operative_id) FROM employments e
        WHERE e.company_id = ${C} AND e.ended_on IS NULL AND ${officeScope(m, 'e.office_id')}),
      (SELECT COUNT(*) FROM (
         SELECT e.operative_id, MAX(c.expires_on) AS expires_on
           FROM employments e JOIN cards c ON c.operative_id = e.operative_id
                                          AND c.status IN ('valid', 'expired')
          WHERE e.company_id = ${C} AND e.ended_on IS NULL AND ${officeScope(m, 'e.office_id')}
          GROUP BY e.operative_id) cur
        WHERE cur.expires_on < UTC_DATE() + INTERVAL (SELECT CAST(value AS UNSIGNED)
              FROM scheme_settings WHERE name = 'expiring_soon_days') DAY),
      (SELECT COUNT(*) FROM applications a WHERE a.company_id = ${C} AND ${officeScope(m, 'a.office_id')}
          AND a.state IN ('in_progress', 'finalised', 'on_hold')),
      (SELECT COUNT(*) FROM applications a WHERE a.company_id = ${C} AND ${officeScope(m, 'a.office_id')}
          AND a.state IN ('received', 'verifying', 'verified', 'being_produced')),
      (SELECT COUNT(*) FROM applications a WHERE a.company_id = ${C} AND ${officeScope(m, 'a.office_id')}
          AND a.state = 'dispatched' AND a.completed_at >= UTC_TIMESTAMP(6) - INTERVAL (SELECT CAST(value AS UNSIGNED)
              FROM scheme_settings WHERE name = 'completed_visible_months') MONTH),
      (SELECT COUNT(*) FROM orders o WHERE o.company_id = ${C} AND ${orderScope(m)}
          AND o.state IN ('open', 'closed_unpaid', 'awaiting_payment', 'awaiting_bacs')),
      (SELECT COALESCE((SELECT balance_pence FROM company_funds WHERE company_id = ${C}), 0))`)[0];
  const out = {};
  COUNT_IDS.forEach((id, i) => { out[id] = i === 6 ? formatPounds(row[i]) : String(Number(row[i])); });
  return out;
}
