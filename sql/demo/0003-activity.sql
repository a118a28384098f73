-- Demo data 3/3: employments, applications, orders, payments, funds, audit.
--
-- ===========================================================================
-- EXPECTED COUNTS (tests assert these; all dates are relative to the load day)
-- ===========================================================================
-- Definitions (scope = the offices a user may see: all of the company's for a
-- company-level user, the group's offices for a group-level user, the one
-- office for an office-level user):
--   employees        current employments (ended_on IS NULL) in scope, with or
--                    without a card
--   expiring         those employees whose current card (latest expires_on,
--                    status 'valid' or 'expired') expires before
--                    CURDATE() + 90 days, already expired ones included
--   apps_attention   applications in scope, state in (in_progress, finalised, on_hold)
--   apps_produced    state in (received, verifying, verified, being_produced)
--   apps_completed   state = dispatched AND completed_at >= UTC_TIMESTAMP() - 3 months
--   orders_attention state in (open, closed_unpaid, awaiting_payment, awaiting_bacs);
--                    a group-level user sees orders raised at the group or at one
--                    of its offices, an office-level user those raised at the office
--   funds            company_funds.balance_pence (whole company)
--
-- ECS Check Company 2 (ECS00002)
--                     company   Head Office   Eastern
--                     (demo@)   office        group (eastern@) / office (viewer@)
--   employees            40         25           15
--   expiring              5          3            2
--   apps_attention        6          3            3
--   apps_produced         3          2            1
--   apps_completed        2          1            1   (+1 dispatched 150 days ago, not shown)
--   orders_attention      3          -            2 for eastern@ (group); 1 for an
--                                                 office-level user of Eastern (viewer@
--                                                 lacks Can View Purchases anyway)
--   funds           50000 pence = "£500.00" (one ledger row: +50000 advance payment)
--   leavers (ended_on set): 3 (2 Head Office, 1 Eastern)
--   orders: 1 open (cards, empty, raised at office Eastern), 1 closed_unpaid
--           (5 assessment credits, company level), 1 awaiting_bacs (2 advance
--           credits, group Eastern, BACS ref ECS0944491), 2 paid (advance payment
--           2 credits; cards order with 5 applications, company level)
--
-- Northern Sparks Ltd (NSL00001), other@ (company level)
--   employees 12, expiring 2, apps_attention 2 (1 in_progress, 1 finalised),
--   apps_produced 0, apps_completed 0, orders_attention 0,
--   funds 12345 pence = "£123.45" (one ledger row: +12345 adjustment)
--
-- Applications of ECS Check Company 2 (reference: operative n, office, state):
--   2866990 n1  HO in_progress step 2   Craft - Initial
--   2866991 n2  HO in_progress step 1   Non-JIB Registered Apprentice - Initial
--   2866992 n26 E  in_progress step 3   Craft - Initial
--   2866993 n3  HO finalised            Craft - Renewal
--   2866994 n27 E  finalised            Craft - Renewal
--   2866995 n29 E  on_hold (HS&E)       Craft - Upgrade
--   2866996 n6  HO being_produced       Craft - Upgrade
--   2866997 n7  HO received             Craft - Replacement
--   2866998 n30 E  being_produced       Managerial - Upgrade
--   2866999 n8  HO dispatched 20 days ago   Craft - Initial
--   2867000 n31 E  dispatched 50 days ago   Craft - Initial
--   2867001 n32 E  dispatched 150 days ago  Craft - Renewal (no order line: paid
--                  before the order history shown here)
-- Operative n is the generated one whose NI number's digits are 300000 + n
-- (see 0002-register.sql). Expiring: n3 (+30 days), n4 (+60), n5 (-20, expired)
-- at Head Office; n27 (+45), n28 (+75) at Eastern. n1, n2, n26 have no card.
-- ===========================================================================

CREATE TEMPORARY TABLE demo_act_ops (
  n             INT UNSIGNED NOT NULL PRIMARY KEY,
  operative_id  INT UNSIGNED NOT NULL
);
INSERT INTO demo_act_ops (n, operative_id)
SELECT CAST(SUBSTRING(o.ni_number, 3, 6) AS UNSIGNED) - 300000, o.id
  FROM operatives o
 WHERE SUBSTRING(o.ni_number, 3, 6) BETWEEN '300001' AND '300060'
   AND LEFT(o.ni_number, 2) IN ('AB','CE','EH','GT','HP','JR','KL','LX',
                                'MA','PE','RW','SN','TH','WL','YZ','ZA');

-- ---------------------------------------------------------------------------
-- Employments: n 1..25 Head Office, 26..40 Eastern (current); 41, 42 (Head
-- Office) and 43 (Eastern) left; 44..55 at Northern Sparks Leeds.
INSERT INTO employments (operative_id, company_id, office_id, started_on, ended_on,
                         declared_by_user_id, ended_by_user_id, created_at)
SELECT x.operative_id, c.id, o.id, x.started_on, x.ended_on, u.id,
       IF(x.ended_on IS NULL, NULL, u.id), CAST(x.started_on AS DATETIME(6))
  FROM (SELECT r.n, r.operative_id,
               IF(r.n <= 43, 'ECS00002', 'NSL00001') AS company_number,
               CASE WHEN r.n <= 25 OR r.n IN (41, 42) THEN 'ECS Check Company 2 Head Office'
                    WHEN r.n <= 43 THEN 'ECS Check Office 2 - EASTERN'
                    ELSE 'Northern Sparks Leeds' END AS office_name,
               IF(r.n <= 43, 'demo@ecs-portal.test', 'other@ecs-portal.test') AS declared_by,
               CASE WHEN r.n IN (1, 2, 26) THEN CURDATE() - INTERVAL (5 + r.n % 7) DAY
                    WHEN r.n BETWEEN 41 AND 43 THEN CURDATE() - INTERVAL (1100 + r.n) DAY
                    ELSE CURDATE() - INTERVAL (200 + (r.n * 47) % 2000) DAY END AS started_on,
               IF(r.n BETWEEN 41 AND 43, CURDATE() - INTERVAL ((r.n - 40) * 40) DAY, NULL) AS ended_on
          FROM demo_act_ops r
         WHERE r.n <= 55) AS x
  JOIN companies c ON c.company_number = x.company_number
  JOIN offices o ON o.company_id = c.id AND o.name = x.office_name
  JOIN users u ON u.email = x.declared_by;

-- ---------------------------------------------------------------------------
-- Applications
INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id, kind, state, step,
                          occupation_id, grade_id, business_phone, business_email, delivery_office_id,
                          hse_route, hold_reason, created_by, finalised_by, finalised_at,
                          created_at, updated_at, completed_at)
SELECT x.ref, c.id, o.id, r.operative_id, t.id, x.kind, x.state, x.step,
       oc.id, gr.id, o.phone, o.email, o.id,
       x.route, x.hold, u.id,
       IF(x.fin_days IS NULL, NULL, u.id),
       IF(x.fin_days IS NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL x.fin_days DAY),
       UTC_TIMESTAMP(6) - INTERVAL x.created_days DAY,
       UTC_TIMESTAMP(6) - INTERVAL x.updated_days DAY,
       IF(x.done_days IS NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL x.done_days DAY)
  FROM (          SELECT '2866990' AS ref,  1 AS n, 'ECS00002' AS co, 'ECS Check Company 2 Head Office' AS office,
                         'craft' AS ct, 'initial' AS kind, 'in_progress' AS state, 2 AS step,
                         'installation_electrician' AS occ, 'electrician' AS grade, NULL AS route, '' AS hold,
                         3 AS created_days, 1 AS updated_days, NULL AS fin_days, NULL AS done_days
        UNION ALL SELECT '2866991',  2, 'ECS00002', 'ECS Check Company 2 Head Office',
                         'non_jib_apprentice', 'initial', 'in_progress', 1,
                         'apprentice_electrician', 'apprentice_stage_1', NULL, '', 1, 1, NULL, NULL
        UNION ALL SELECT '2866992', 26, 'ECS00002', 'ECS Check Office 2 - EASTERN',
                         'craft', 'initial', 'in_progress', 3,
                         'electrical_labourer', 'electrical_labourer', 'test_centre', '', 6, 2, NULL, NULL
        UNION ALL SELECT '2866993',  3, 'ECS00002', 'ECS Check Company 2 Head Office',
                         'craft', 'renewal', 'finalised', 4,
                         'installation_electrician', 'electrician', 'passed', '', 9, 7, 7, NULL
        UNION ALL SELECT '2866994', 27, 'ECS00002', 'ECS Check Office 2 - EASTERN',
                         'craft', 'renewal', 'finalised', 4,
                         'maintenance_electrician', 'approved_electrician', 'passed', '', 12, 10, 10, NULL
        UNION ALL SELECT '2866995', 29, 'ECS00002', 'ECS Check Office 2 - EASTERN',
                         'craft', 'upgrade', 'on_hold', 4,
                         'installation_electrician', 'electrician', 'online',
                         'Awaiting the HS&E assessment pass (online, remote invigilation).',
                         40, 15, 36, NULL
        UNION ALL SELECT '2866996',  6, 'ECS00002', 'ECS Check Company 2 Head Office',
                         'craft', 'upgrade', 'being_produced', 4,
                         'installation_electrician', 'approved_electrician', 'passed', '', 100, 3, 95, NULL
        UNION ALL SELECT '2866997',  7, 'ECS00002', 'ECS Check Company 2 Head Office',
                         'craft', 'replacement', 'received', 4,
                         'installation_electrician', 'approved_electrician', 'passed', '', 96, 4, 95, NULL
        UNION ALL SELECT '2866998', 30, 'ECS00002', 'ECS Check Office 2 - EASTERN',
                         'managerial', 'upgrade', 'being_produced', 4,
                         'electrical_site_manager', NULL, 'passed', '', 98, 5, 95, NULL
        UNION ALL SELECT '2866999',  8, 'ECS00002', 'ECS Check Company 2 Head Office',
                         'craft', 'initial', 'dispatched', 4,
                         'installation_electrician', 'electrician', 'passed', '', 99, 20, 95, 20
        UNION ALL SELECT '2867000', 31, 'ECS00002', 'ECS Check Office 2 - EASTERN',
                         'craft', 'initial', 'dispatched', 4,
                         'installation_electrician', 'electrician', 'passed', '', 97, 50, 95, 50
        UNION ALL SELECT '2867001', 32, 'ECS00002', 'ECS Check Office 2 - EASTERN',
                         'craft', 'renewal', 'dispatched', 4,
                         'maintenance_electrician', 'approved_electrician', 'passed', '', 190, 150, 185, 150
        UNION ALL SELECT '2867002', 44, 'NSL00001', 'Northern Sparks Leeds',
                         'craft', 'renewal', 'in_progress', 2,
                         'installation_electrician', 'electrician', 'passed', '', 4, 4, NULL, NULL
        UNION ALL SELECT '2867003', 46, 'NSL00001', 'Northern Sparks Leeds',
                         'craft', 'upgrade', 'finalised', 4,
                         'installation_electrician', 'technician_electrician', 'passed', '', 8, 6, 6, NULL
       ) AS x
  JOIN demo_act_ops r ON r.n = x.n
  JOIN companies c ON c.company_number = x.co
  JOIN offices o ON o.company_id = c.id AND o.name = x.office
  JOIN card_types t ON t.code = x.ct
  JOIN occupations oc ON oc.code = x.occ
  LEFT JOIN grades gr ON gr.code = x.grade
  JOIN users u ON u.email = IF(x.co = 'ECS00002', 'demo@ecs-portal.test', 'other@ecs-portal.test');

-- A dispatched application names the card it produced (each of those
-- operatives holds exactly that one card).
UPDATE applications a
  JOIN cards c ON c.operative_id = a.operative_id
   SET a.issued_card_id = c.id, a.updated_at = a.updated_at
 WHERE a.state = 'dispatched';

-- ---------------------------------------------------------------------------
-- Orders of ECS Check Company 2
INSERT INTO orders (company_id, reference, raised_level, group_id, office_id, billing_office_id,
                    delivery_office_id, accounts_contact, delivery_attention, kind, state,
                    bacs_reference, created_by, created_at, updated_at, closed_at, paid_at)
SELECT c.id, x.ref, x.lvl, g.id, o.id, b.id, b.id, x.accounts, x.attention, x.kind, x.state,
       x.bacs, u.id,
       UTC_TIMESTAMP(6) - INTERVAL x.created_days DAY,
       UTC_TIMESTAMP(6) - INTERVAL LEAST(x.created_days, COALESCE(x.closed_days, x.created_days),
                                         COALESCE(x.paid_days, x.created_days)) DAY,
       IF(x.closed_days IS NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL x.closed_days DAY),
       IF(x.paid_days IS NULL, NULL, UTC_TIMESTAMP(6) - INTERVAL x.paid_days DAY)
  FROM (          SELECT 'PO-EAST-0043' AS ref, 'office' AS lvl, NULL AS grp,
                         'ECS Check Office 2 - EASTERN' AS office,
                         'ECS Check Office 2 - EASTERN' AS billing,
                         'Erin Blackwood' AS accounts, 'Erin Blackwood' AS attention,
                         'cards' AS kind, 'open' AS state, NULL AS bacs,
                         2 AS created_days, NULL AS closed_days, NULL AS paid_days
        UNION ALL SELECT 'PO 7781 HS&E credits', 'company', NULL, NULL,
                         'ECS Check Company 2 Head Office', 'Accounts Payable', 'Nobit Sherman',
                         'assessment_credits', 'closed_unpaid', NULL, 8, 6, NULL
        UNION ALL SELECT 'EAST-ADV-02', 'group', 'Eastern', NULL,
                         'ECS Check Office 2 - EASTERN', 'Erin Blackwood', 'Erin Blackwood',
                         'advance_payment', 'awaiting_bacs', 'ECS0944491', 4, 4, NULL
        UNION ALL SELECT 'ADV-0001', 'company', NULL, NULL,
                         'ECS Check Company 2 Head Office', 'Accounts Payable', 'Nobit Sherman',
                         'advance_payment', 'paid', NULL, 200, 200, 200
        UNION ALL SELECT 'PO-10452', 'company', NULL, NULL,
                         'ECS Check Company 2 Head Office', 'Accounts Payable', 'Nobit Sherman',
                         'cards', 'paid', NULL, 95, 95, 94
       ) AS x
  JOIN companies c ON c.company_number = 'ECS00002'
  LEFT JOIN company_groups g ON g.company_id = c.id AND g.name = x.grp
  LEFT JOIN offices o ON o.company_id = c.id AND o.name = x.office
  JOIN offices b ON b.company_id = c.id AND b.name = x.billing
  JOIN users u ON u.email = 'demo@ecs-portal.test';

-- Lines at the price in force (PO-EAST-0043 is an empty order, made in advance).
INSERT INTO order_lines (order_id, product_id, quantity, unit_net_pence, unit_vat_pence, application_id, created_at)
SELECT o.id, p.id, x.qty, pr.net_pence, pr.vat_pence, NULL, o.created_at
  FROM (          SELECT 'PO 7781 HS&E credits' AS ref, 'assessment_credit' AS product, 5 AS qty
        UNION ALL SELECT 'EAST-ADV-02', 'advance_payment', 2
        UNION ALL SELECT 'ADV-0001', 'advance_payment', 2) AS x
  JOIN companies c ON c.company_number = 'ECS00002'
  JOIN orders o ON o.company_id = c.id AND o.reference = x.ref
  JOIN products p ON p.code = x.product
  JOIN prices pr ON pr.product_id = p.id
   AND pr.effective_from = (SELECT MAX(p2.effective_from) FROM prices p2
                             WHERE p2.product_id = p.id AND p2.effective_from <= CURDATE());

INSERT INTO order_lines (order_id, product_id, quantity, unit_net_pence, unit_vat_pence, application_id, created_at)
SELECT o.id, p.id, 1, pr.net_pence, pr.vat_pence, a.id, o.created_at
  FROM applications a
  JOIN companies c ON c.id = a.company_id AND c.company_number = 'ECS00002'
  JOIN orders o ON o.company_id = c.id AND o.reference = 'PO-10452'
  JOIN products p ON p.code = IF(a.kind = 'replacement', 'card_replacement', 'card_application')
  JOIN prices pr ON pr.product_id = p.id
   AND pr.effective_from = (SELECT MAX(p2.effective_from) FROM prices p2
                             WHERE p2.product_id = p.id AND p2.effective_from <= CURDATE())
 WHERE a.reference IN ('2866996', '2866997', '2866998', '2866999', '2867000');

-- Payments: the two paid orders by card through the gateway (ADV-0001 50000,
-- PO-10452 25200); the BACS order waits for the transfer to be allocated.
INSERT INTO payments (order_id, method, state, gateway_txn_id, amount_pence, currency, created_by,
                      created_at, completed_at)
SELECT o.id, x.method, x.state, x.txn,
       SUM(l.quantity * (l.unit_net_pence + l.unit_vat_pence)), 'GBP', o.created_by,
       COALESCE(o.paid_at, o.created_at), o.paid_at
  FROM (          SELECT 'ADV-0001' AS ref, 'card' AS method, 'succeeded' AS state, 'demo-gw-0000001' AS txn
        UNION ALL SELECT 'PO-10452', 'card', 'succeeded', 'demo-gw-0000002'
        UNION ALL SELECT 'EAST-ADV-02', 'bacs', 'pending', NULL) AS x
  JOIN companies c ON c.company_number = 'ECS00002'
  JOIN orders o ON o.company_id = c.id AND o.reference = x.ref
  JOIN order_lines l ON l.order_id = o.id
 GROUP BY o.id, x.method, x.state, x.txn, o.created_by, o.created_at, o.paid_at;

-- ---------------------------------------------------------------------------
-- Funds: the ledger (each company's first movement: its balance after is its amount),
-- then each balance as the sum of its ledger.
INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, order_id, idempotency_key, note, created_by, created_at)
SELECT c.id, 50000, 50000, 'advance_payment', o.id, 'demo:ECS00002:order:ADV-0001:credit',
       'Advance payment: 2 credits', o.created_by, o.paid_at
  FROM companies c
  JOIN orders o ON o.company_id = c.id AND o.reference = 'ADV-0001'
 WHERE c.company_number = 'ECS00002';

INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, order_id, idempotency_key, note, created_by, created_at)
SELECT c.id, 12345, 12345, 'adjustment', NULL, 'demo:NSL00001:opening-balance',
       'Balance carried over from the previous account', NULL, UTC_TIMESTAMP(6) - INTERVAL 300 DAY
  FROM companies c
 WHERE c.company_number = 'NSL00001';

INSERT INTO company_funds (company_id, balance_pence, updated_at)
SELECT company_id, SUM(amount_pence), MAX(created_at)
  FROM funds_ledger
 GROUP BY company_id;

-- ---------------------------------------------------------------------------
-- A little history for the audit pages.
INSERT INTO audit_log (at, company_id, user_id, ip, action, object_kind, object_id, detail)
SELECT UTC_TIMESTAMP(6) - INTERVAL x.mins MINUTE, c.id, u.id, '192.0.2.10',
       x.action, x.kind, x.obj, x.detail
  FROM (          SELECT 'demo@ecs-portal.test' AS email, 'ECS00002' AS co, 288000 AS mins,
                         'order.pay' AS action, 'order' AS kind, 'ADV-0001' AS obj,
                         'Paid by card: 500.00 GBP' AS detail
        UNION ALL SELECT 'demo@ecs-portal.test', 'ECS00002', 136800, 'order.pay', 'order', 'PO-10452',
                         'Paid by card: 252.00 GBP'
        UNION ALL SELECT 'demo@ecs-portal.test', 'ECS00002', 14400, 'application.finalise', 'application',
                         '2866994', 'Finalised'
        UNION ALL SELECT 'demo@ecs-portal.test', 'ECS00002', 10080, 'employee.add', 'operative', '',
                         'Added to ECS Check Company 2 Head Office'
        UNION ALL SELECT 'demo@ecs-portal.test', 'ECS00002', 5760, 'order.bacs', 'order', 'EAST-ADV-02',
                         'BACS reference ECS0944491 issued'
        UNION ALL SELECT 'eastern@ecs-portal.test', 'ECS00002', 1440, 'login', 'user', '', ''
        UNION ALL SELECT 'other@ecs-portal.test', 'NSL00001', 2880, 'login', 'user', '', '') AS x
  JOIN companies c ON c.company_number = x.co
  JOIN users u ON u.email = x.email;

DROP TEMPORARY TABLE demo_act_ops;
