/*
 * generate.c: `portalctl generate --seed N [--register 200000|1000000]` fills a
 * freshly migrated database with a scheme-sized data set for benchmarks,
 * the same rows for the same seed (dates are relative to the day it runs):
 *
 *   3,000 companies, each with groups, offices and a super user; most employ
 *   10-50 people, five employ 2,000-5,000 (the first, GEN000000, 5,000: the
 *   benchmark's "largest company"); a register of R operatives with cards of
 *   every type and a spread of expiry dates; 80,000 applications in every
 *   state; 30,000 card orders (the first 30,000 applications, in the states an
 *   order gives them) with their lines and payments; funds advanced and spent
 *   with a ledger whose running balance ends at each company's balance; 500
 *   contracts with their parties, requirements and workers.
 *
 * All in SQL, INSERT ... SELECT over a numbers table, so it takes minutes even
 * at 1,000,000 operatives. "Random" is CRC32 of the seed, a tag and the row
 * number: reproducible and spread enough. The values given on the command
 * line are bound once (a prepared SET of session variables); every statement
 * below is a constant. The register is inserted in slices of 100,000 rows,
 * each its own transaction. The rows go in through the normal triggers
 * (employments' sort name and card expiry, the dashboard's generations).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "generate.h"
#include "portal.h"

#define SLICE		50000	/* rows a statement, well inside the 30 s read timeout */
#define SMALL_SLICE	20000
#define COMPANIES	3000
#define APPLICATIONS	80000

/* h(tag, n): a reproducible 32-bit number for row n. */
#define H(tag, n)	"CRC32(CONCAT(@g_seed, '" tag "', " n "))"

static const char *const sql_params =
    "SET @g_seed = ?, @g_register = ?, @g_companies = ?, @g_lo = 0, @g_hi = 0";
static const char *const sql_slice =
    "SET @g_lo = ?, @g_hi = ?";

static const char *const setup[] = {
	"DROP TABLE IF EXISTS gen_numbers, gen_companies, gen_offices, gen_employees, gen_occupations",
	"CREATE TABLE gen_numbers (n INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB",
	"INSERT INTO gen_numbers VALUES (0)",
	NULL
};

/* Doubled until it holds the register (run while it is short). */
static const char *const sql_double =
    "INSERT INTO gen_numbers SELECT n + (SELECT COUNT(*) FROM gen_numbers) FROM gen_numbers";
static const char *const sql_numbers_count = "SELECT COUNT(*) FROM gen_numbers";

static const char *const companies[] = {
	"CREATE TABLE gen_occupations (k INT UNSIGNED NOT NULL PRIMARY KEY,"
	" id SMALLINT UNSIGNED NOT NULL) ENGINE=InnoDB",
	"INSERT INTO gen_occupations SELECT ROW_NUMBER() OVER (ORDER BY id) - 1, id"
	" FROM occupations WHERE active = 1",
	/* k, employees, the first operative (a prefix sum), groups, offices. */
	"CREATE TABLE gen_companies (k INT UNSIGNED NOT NULL PRIMARY KEY,"
	" size INT UNSIGNED NOT NULL, first INT UNSIGNED NOT NULL DEFAULT 0,"
	" ngroups INT UNSIGNED NOT NULL, noffices INT UNSIGNED NOT NULL,"
	" id INT UNSIGNED NULL, user_id INT UNSIGNED NULL) ENGINE=InnoDB",
	"INSERT INTO gen_companies (k, size, ngroups, noffices)"
	" SELECT n, CASE WHEN n = 0 THEN 5000 WHEN n < 5 THEN 2000 + " H("size", "n") " % 3001"
	"  ELSE 10 + " H("size", "n") " % 41 END,"
	" IF(n < 5, 4, 1 + " H("groups", "n") " % 3),"
	" IF(n < 5, 12, 1 + " H("offices", "n") " % 4)"
	" FROM gen_numbers WHERE n < @g_companies",
	"UPDATE gen_companies g JOIN (SELECT k, SUM(size) OVER (ORDER BY k) - size AS first"
	" FROM gen_companies) p ON p.k = g.k SET g.first = p.first",
	"INSERT INTO companies (name, company_number, address_line1, town, postcode, email)"
	" SELECT CONCAT(ELT(1 + " H("cn", "k") " % 8, 'Northgate', 'Riverside', 'Ashford',"
	"  'Kingsbridge', 'Millbrook', 'Westfield', 'Oakley', 'Harbour'), ' ',"
	"  ELT(1 + " H("ct", "k") " % 6, 'Electrical', 'Building Services', 'Contractors',"
	"  'Installations', 'Engineering', 'Power'), ' ', k, ' Ltd'),"
	" CONCAT('GEN', LPAD(k, 6, '0')), CONCAT(k, ' Station Road'), 'Leeds', 'LS1 4AB',"
	" CONCAT('accounts', k, '@generated.ecs-portal.test')"
	" FROM gen_companies ORDER BY k",
	"UPDATE gen_companies g JOIN companies c ON c.company_number = CONCAT('GEN', LPAD(g.k, 6, '0'))"
	" SET g.id = c.id",
	"INSERT INTO company_groups (company_id, name)"
	" SELECT g.id, ELT(1 + s.n, 'Northern', 'Southern', 'Eastern', 'Western')"
	" FROM gen_companies g JOIN gen_numbers s ON s.n < g.ngroups",
	/* Office j of a company belongs to group j mod groups. */
	"CREATE TABLE gen_offices (k INT UNSIGNED NOT NULL, j INT UNSIGNED NOT NULL,"
	" id INT UNSIGNED NULL, PRIMARY KEY (k, j)) ENGINE=InnoDB",
	"INSERT INTO gen_offices (k, j) SELECT g.k, s.n FROM gen_companies g"
	" JOIN gen_numbers s ON s.n < g.noffices",
	"INSERT INTO offices (company_id, group_id, name, address_line1, town, postcode)"
	" SELECT g.id, cg.id, IF(o.j = 0, 'Head Office', CONCAT('Office ', o.j + 1)),"
	" CONCAT(o.j + 1, ' High Street'), 'York', 'YO1 7HH'"
	" FROM gen_offices o JOIN gen_companies g ON g.k = o.k"
	" JOIN company_groups cg ON cg.company_id = g.id"
	"  AND cg.name = ELT(1 + o.j % g.ngroups, 'Northern', 'Southern', 'Eastern', 'Western')"
	" ORDER BY o.k, o.j",
	"UPDATE gen_offices o JOIN gen_companies g ON g.k = o.k JOIN offices f ON f.company_id = g.id"
	" AND f.name = IF(o.j = 0, 'Head Office', CONCAT('Office ', o.j + 1)) SET o.id = f.id",
	/* A super user per company (no password: `portalctl reset-password` gives one). */
	"INSERT INTO users (email, first_name, last_name)"
	" SELECT CONCAT('gen', k, '@generated.ecs-portal.test'),"
	" ELT(1 + " H("uf", "k") " % 6, 'Alex', 'Sam', 'Jordan', 'Chris', 'Pat', 'Robin'),"
	" ELT(1 + " H("ul", "k") " % 6, 'Morgan', 'Reid', 'Shaw', 'Hughes', 'Price', 'Lloyd')"
	" FROM gen_companies ORDER BY k",
	"UPDATE gen_companies g JOIN users u ON u.email = CONCAT('gen', g.k, '@generated.ecs-portal.test')"
	" SET g.user_id = u.id",
	"INSERT INTO memberships (user_id, company_id, level, permissions)"
	" SELECT user_id, id, 'company', 8388607 FROM gen_companies",
	NULL
};

/* The register, one slice [@g_lo, @g_hi) at a time. */
static const char *const register_slice[] = {
	"INSERT INTO operatives (ni_number, date_of_birth, first_name, last_name, gender,"
	" hse_number, hse_passed_on, ecs_registered_on)"
	" SELECT CONCAT('GA', LPAD(n, 6, '0'), 'A'),"
	" DATE '1958-01-01' + INTERVAL " H("dob", "n") " % 15000 DAY,"
	" ELT(1 + " H("fn", "n") " % 12, 'James', 'Oliver', 'Harry', 'Jack', 'George', 'Noah',"
	"  'Amelia', 'Olivia', 'Isla', 'Emily', 'Ava', 'Mia'),"
	" ELT(1 + " H("ln", "n") " % 24, 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams',"
	"  'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker',"
	"  'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan',"
	"  'Lewis', 'Hill'),"
	" ELT(1 + " H("g", "n") " % 4, 'male', 'female', 'other', 'not_stated'),"
	" IF(" H("hse", "n") " % 3 = 0, CONCAT('HSE', LPAD(50000000 + n, 8, '0')), NULL),"
	" IF(" H("hse", "n") " % 3 = 0, CURDATE() - INTERVAL " H("hsed", "n") " % 1000 DAY, NULL),"
	" CURDATE() - INTERVAL 1 + " H("reg", "n") " % 5000 DAY"
	" FROM gen_numbers WHERE n >= @g_lo AND n < @g_hi",
	/* One card each (9 in 10), a second for one in five: every type, expiries from
	 * 400 days ago to 3 years ahead; past ones expired, a few cancelled or lost.
	 * Numbers 6000000 + n (7000000 + n for the second) with their check digit;
	 * those whose check digit would be 10 get none. */
	"INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, issued_on,"
	" expires_on, status)"
	" SELECT CONCAT(x.base, x.chk), o.id, 1 + " H("ct", "x.n2") " % 7, occ.id,"
	" x.expires - INTERVAL 3 YEAR, x.expires,"
	" CASE WHEN " H("cs", "x.n2") " % 50 = 0 THEN 'cancelled' WHEN " H("cs", "x.n2") " % 50 = 1"
	"  THEN 'lost' WHEN x.expires < CURDATE() THEN 'expired' ELSE 'valid' END"
	" FROM (SELECT s.n, s.n * 2 + k.n AS n2,"
	"        CAST(6000000 + k.n * 1000000 + s.n AS CHAR) AS base,"
	"        CURDATE() + INTERVAL CAST(" H("ce", "s.n * 2 + k.n") " % 1500 AS SIGNED) - 400 DAY AS expires,"
	"        (11 - (8 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 1, 1)"
	"             + 7 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 2, 1)"
	"             + 6 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 3, 1)"
	"             + 5 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 4, 1)"
	"             + 4 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 5, 1)"
	"             + 3 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 6, 1)"
	"             + 2 * SUBSTRING(6000000 + k.n * 1000000 + s.n, 7, 1)) % 11) % 11 AS chk"
	"      FROM gen_numbers s JOIN gen_numbers k ON k.n < 2"
	"      WHERE s.n >= @g_lo AND s.n < @g_hi AND s.n < 1000000"
	"      AND (k.n = 0 AND " H("has", "s.n") " % 10 <> 0"
	"        OR k.n = 1 AND " H("has", "s.n") " % 5 = 1)) x"
	" JOIN operatives o ON o.ni_number = CONCAT('GA', LPAD(x.n, 6, '0'), 'A')"
	" JOIN gen_occupations occ ON occ.k = " H("oc", "x.n2") " % (SELECT COUNT(*) FROM gen_occupations)"
	" WHERE x.chk < 10",
	NULL
};

static const char *const employees[] = {
	/* Operative first + i works for company k, at one of its offices. */
	"CREATE TABLE gen_employees (idx INT UNSIGNED NOT NULL PRIMARY KEY, k INT UNSIGNED NOT NULL,"
	" n INT UNSIGNED NOT NULL, j INT UNSIGNED NOT NULL) ENGINE=InnoDB",
	"INSERT INTO gen_employees SELECT g.first + s.n, g.k, g.first + s.n,"
	" " H("off", "g.first + s.n") " % g.noffices"
	" FROM gen_companies g JOIN gen_numbers s ON s.n < g.size WHERE g.first + s.n < @g_register",
	"SET @g_employees = (SELECT COUNT(*) FROM gen_employees)",
	NULL
};

/* The employments (through their triggers), slice [@g_lo, @g_hi) of gen_employees. */
static const char *const employments_slice[] = {
	"INSERT INTO employments (operative_id, company_id, office_id, started_on, declared_by_user_id)"
	" SELECT o.id, g.id, f.id, CURDATE() - INTERVAL " H("st", "e.n") " % 3000 DAY, g.user_id"
	" FROM gen_employees e JOIN gen_companies g ON g.k = e.k"
	" JOIN gen_offices f ON f.k = e.k AND f.j = e.j"
	" JOIN operatives o ON o.ni_number = CONCAT('GA', LPAD(e.n, 6, '0'), 'A')"
	" WHERE e.idx >= @g_lo AND e.idx < @g_hi ORDER BY e.idx",
	NULL
};

/*
 * Applications i < 30,000 are on order i (its states are those an order gives);
 * the others are being filled in, finalised or cancelled.
 */
static const char *const applications_slice[] = {
	"INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id,"
	" kind, state, step, occupation_id, business_phone, business_email, delivery_office_id,"
	" hse_route, hold_reason, created_by, finalised_by, finalised_at, created_at, completed_at)"
	" SELECT LPAD(8000000 + a.n, 7, '0'), g.id, f.id, o.id, 1 + " H("at", "a.n") " % 7,"
	" ELT(1 + " H("ak", "a.n") " % 4, 'initial', 'renewal', 'replacement', 'upgrade'),"
	" a.state, IF(a.state = 'in_progress', 1 + " H("as", "a.n") " % 4, 4),"
	" (SELECT id FROM gen_occupations WHERE k = " H("ao", "a.n") " % (SELECT COUNT(*) FROM gen_occupations)),"
	" '0113 496 0000', 'site@generated.ecs-portal.test', f.id,"
	" IF(a.state = 'in_progress', NULL, 'passed'),"
	" IF(a.state = 'on_hold', 'The photograph does not meet the guidelines.', ''),"
	" g.user_id, IF(a.state IN ('in_progress', 'cancelled'), NULL, g.user_id),"
	" IF(a.state IN ('in_progress', 'cancelled'), NULL, a.created + INTERVAL 1 DAY),"
	" a.created, IF(a.state = 'dispatched', a.created + INTERVAL 20 DAY, NULL)"
	" FROM (SELECT n, " H("ae", "n") " % @g_employees AS idx,"
	"        NOW(6) - INTERVAL 30 + " H("ac", "n") " % 150 DAY - INTERVAL n % 86400 SECOND AS created,"
	"        IF(n < 30000, ELT(1 + " H("ast", "n") " % 7, 'ordered', 'received', 'verifying',"
	"          'on_hold', 'verified', 'being_produced', 'dispatched'),"
	"          ELT(1 + " H("ast", "n") " % 3, 'in_progress', 'finalised', 'cancelled')) AS state"
	"      FROM gen_numbers WHERE n >= @g_lo AND n < @g_hi) a"
	" JOIN gen_employees e ON e.idx = a.idx JOIN gen_companies g ON g.k = e.k"
	" JOIN gen_offices f ON f.k = e.k AND f.j = e.j"
	" JOIN operatives o ON o.ni_number = CONCAT('GA', LPAD(e.n, 6, '0'), 'A')"
	" ORDER BY a.n",
	NULL
};

/* An ordered application's order is unpaid; a later state's was paid. */
static const char *const orders[] = {
	"SET @g_net = (SELECT net_pence FROM prices WHERE product_id = 1 AND effective_from <= CURDATE()"
	" ORDER BY effective_from DESC LIMIT 1),"
	" @g_vat = (SELECT vat_pence FROM prices WHERE product_id = 1 AND effective_from <= CURDATE()"
	" ORDER BY effective_from DESC LIMIT 1)",
	"INSERT INTO orders (company_id, reference, raised_level, billing_office_id, delivery_office_id,"
	" accounts_contact, kind, state, bacs_reference, created_by, created_at, closed_at, paid_at)"
	" SELECT company_id, CONCAT('PO-', 8000000 + n), 'company', office_id, office_id,"
	" 'Accounts', 'cards', ostate, IF(ostate = 'awaiting_bacs', CONCAT('ECS', 8000000 + n), NULL),"
	" created_by, finalised_at, IF(ostate = 'open', NULL, finalised_at + INTERVAL 1 HOUR),"
	" IF(ostate = 'paid', finalised_at + INTERVAL 2 HOUR, NULL)"
	" FROM (SELECT company_id, office_id, created_by, finalised_at,"
	"        CAST(reference AS UNSIGNED) - 8000000 AS n,"
	"        IF(state = 'ordered', ELT(1 + " H("os", "id") " % 4, 'open', 'closed_unpaid',"
	"          'awaiting_payment', 'awaiting_bacs'), 'paid') AS ostate"
	"      FROM applications WHERE reference BETWEEN '8000000' AND '8029999') a"
	" ORDER BY n",
	"INSERT INTO order_lines (order_id, product_id, quantity, unit_net_pence, unit_vat_pence,"
	" application_id, live_application_id, created_at)"
	" SELECT r.id, 1, 1, @g_net, @g_vat, a.id, a.id, r.created_at"
	" FROM orders r JOIN applications a ON a.reference = LPAD(CAST(SUBSTRING(r.reference, 4)"
	"  AS UNSIGNED), 7, '0') AND a.company_id = r.company_id"
	" WHERE r.reference BETWEEN 'PO-8000000' AND 'PO-8029999'",
	/* Paid orders: by card, by BACS, or from funds (one in three). */
	"INSERT INTO payments (order_id, method, state, gateway_txn_id, amount_pence, created_by,"
	" created_at, completed_at)"
	" SELECT r.id, ELT(1 + " H("pm", "r.id") " % 3, 'card', 'bacs', 'funds'), 'succeeded',"
	" IF(" H("pm", "r.id") " % 3 = 0, CONCAT('gen-', r.reference), NULL), @g_net + @g_vat,"
	" r.created_by, r.closed_at, r.paid_at"
	" FROM orders r WHERE r.reference BETWEEN 'PO-8000000' AND 'PO-8029999' AND r.state = 'paid'",
	"INSERT INTO payments (order_id, method, state, gateway_txn_id, amount_pence, created_by, created_at)"
	" SELECT r.id, 'card', 'pending', CONCAT('gen-', r.reference), @g_net + @g_vat, r.created_by,"
	" r.closed_at FROM orders r WHERE r.reference BETWEEN 'PO-8000000' AND 'PO-8029999'"
	" AND r.state = 'awaiting_payment'",
	/* Funds: each company that paid from funds first advanced what it spent and
	 * a little more (a paid advance order of its own), then spent it; the ledger's
	 * running balance ends at company_funds.balance_pence. */
	"CREATE TABLE gen_funds (company_id INT UNSIGNED NOT NULL PRIMARY KEY,"
	" spent BIGINT NOT NULL, advance BIGINT NOT NULL, first_at DATETIME(6) NOT NULL,"
	" user_id INT UNSIGNED NULL, order_id INT UNSIGNED NULL) ENGINE=InnoDB",
	"INSERT INTO gen_funds (company_id, spent, advance, first_at, user_id)"
	" SELECT r.company_id, SUM(p.amount_pence),"
	" 25000 * (CEIL(SUM(p.amount_pence) / 25000) + " H("adv", "r.company_id") " % 5),"
	" MIN(r.created_at) - INTERVAL 1 DAY, MIN(r.created_by)"
	" FROM payments p JOIN orders r ON r.id = p.order_id"
	" WHERE p.method = 'funds' AND r.reference BETWEEN 'PO-8000000' AND 'PO-8029999'"
	" GROUP BY r.company_id",
	"INSERT INTO orders (company_id, reference, raised_level, accounts_contact, kind, state,"
	" created_by, created_at, closed_at, paid_at)"
	" SELECT company_id, CONCAT('ADV-', company_id), 'company', 'Accounts', 'advance_payment',"
	" 'paid', user_id, first_at, first_at, first_at FROM gen_funds",
	"UPDATE gen_funds f JOIN orders r ON r.reference = CONCAT('ADV-', f.company_id)"
	" AND r.company_id = f.company_id SET f.order_id = r.id",
	"INSERT INTO order_lines (order_id, product_id, quantity, unit_net_pence, unit_vat_pence, created_at)"
	" SELECT order_id, 3, advance DIV 25000, 25000, 0, first_at FROM gen_funds WHERE advance > 0",
	"INSERT INTO payments (order_id, method, state, gateway_txn_id, amount_pence, created_by,"
	" created_at, completed_at)"
	" SELECT order_id, 'card', 'succeeded', CONCAT('gen-adv-', company_id), advance, user_id,"
	" first_at, first_at FROM gen_funds",
	"INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, order_id,"
	" idempotency_key, created_by, created_at)"
	" SELECT company_id, advance, advance, 'advance_payment', order_id,"
	" CONCAT('order:', order_id, ':advance'), user_id, first_at FROM gen_funds",
	"INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, order_id,"
	" idempotency_key, created_by, created_at)"
	" SELECT r.company_id, -p.amount_pence, f.advance - SUM(p.amount_pence)"
	"  OVER (PARTITION BY r.company_id ORDER BY p.completed_at, p.id),"
	" 'purchase', r.id, CONCAT('order:', r.id, ':pay'), r.created_by, p.completed_at"
	" FROM payments p JOIN orders r ON r.id = p.order_id JOIN gen_funds f ON f.company_id = r.company_id"
	" WHERE p.method = 'funds' AND r.reference BETWEEN 'PO-8000000' AND 'PO-8029999'",
	"INSERT INTO company_funds (company_id, balance_pence)"
	" SELECT company_id, advance - spent FROM gen_funds",
	NULL
};

/*
 * Contracts: 500, of the first 500 companies as clients (the largest company has
 * ten); each has a card type required, the next company as an accepted
 * subcontractor, and up to 20 of the client's employees as workers (200 on the
 * largest company's contracts).
 */
static const char *const contracts[] = {
	"INSERT INTO contracts (company_id, name, site_address, client_reference, starts_on,"
	" ends_on, min_days_valid, state, created_by, created_at, started_at)"
	" SELECT g.id, CONCAT('Site ', s.n), CONCAT(s.n, ' Quay Street, Manchester'),"
	" CONCAT('GEN-C', s.n), CURDATE() - INTERVAL 60 DAY, CURDATE() + INTERVAL 300 DAY,"
	" 30, IF(s.n % 5 = 0, 'being_set_up', 'in_progress'), g.user_id, NOW(6),"
	" IF(s.n % 5 = 0, NULL, NOW(6))"
	" FROM gen_numbers s JOIN gen_companies g ON g.k = IF(s.n < 10, 0, s.n - 9)"
	" WHERE s.n < 500 ORDER BY s.n",
	"INSERT INTO contract_requirements (contract_id, card_type_id)"
	" SELECT c.id, 1 + " H("cr", "c.id") " % 7 FROM contracts c WHERE c.client_reference LIKE 'GEN-C%'",
	"INSERT INTO contract_parties (contract_id, company_id, role, state, invited_by, answered_by,"
	" answered_at)"
	" SELECT c.id, c.company_id, 'client', 'accepted', c.created_by, c.created_by, c.created_at"
	" FROM contracts c WHERE c.client_reference LIKE 'GEN-C%'",
	"INSERT INTO contract_parties (contract_id, company_id, role, state, invited_by, answered_by,"
	" answered_at)"
	" SELECT c.id, g2.id, 'subcontractor', 'accepted', c.created_by, g2.user_id, c.created_at"
	" FROM contracts c JOIN gen_companies g ON g.id = c.company_id"
	" JOIN gen_companies g2 ON g2.k = g.k + 1 + CAST(SUBSTRING(c.client_reference, 6) AS UNSIGNED) % 3"
	" WHERE c.client_reference LIKE 'GEN-C%'",
	"INSERT INTO contract_workers (contract_id, company_id, office_id, operative_id, added_by, added_at)"
	" SELECT c.id, g.id, f.id, o.id, g.user_id, c.created_at"
	" FROM contracts c JOIN gen_companies g ON g.id = c.company_id"
	" JOIN gen_numbers s ON s.n < LEAST(g.size, IF(g.k = 0, 200, 20))"
	" JOIN gen_employees e ON e.idx = g.first + (s.n + CAST(SUBSTRING(c.client_reference, 6)"
	"  AS UNSIGNED)) % g.size"
	" JOIN gen_offices f ON f.k = e.k AND f.j = e.j"
	" JOIN operatives o ON o.ni_number = CONCAT('GA', LPAD(e.n, 6, '0'), 'A')"
	" WHERE c.client_reference LIKE 'GEN-C%'",
	NULL
};

static const char *const cleanup[] = {
	"DROP TABLE IF EXISTS gen_numbers, gen_companies, gen_offices, gen_employees,"
	" gen_occupations, gen_funds",
	NULL
};

static const char *const sql_employees = "SELECT COUNT(*) FROM gen_employees";
static const char *const sql_already =
    "SELECT COUNT(*) FROM companies WHERE company_number = 'GEN000000'";

static int
run_all(struct db *db, const char *what, const char *const *stmts)
{
	size_t i;

	if (db_begin(db) != 0)
		return -1;
	for (i = 0; stmts[i]; i++)
		if (db_exec(db, stmts[i], "") != 0) {
			fprintf(stderr, "portalctl: generate: %s, statement %zu failed\n", what, i + 1);
			db_rollback(db);
			return -1;
		}
	if (db_commit(db) != 0)
		return -1;
	fprintf(stderr, "generate: %s done\n", what);
	return 0;
}

static long long count(struct db *, const char *);

/* Runs stmts for each slice [lo, lo + step) of [0, n), each slice its own transaction. */
static int
sliced(struct db *db, const char *what, const char *const *stmts, long long n, long long step)
{
	long long lo;

	if (n < 0)
		return -1;
	for (lo = 0; lo < n; lo += step)
		if (db_exec(db, sql_slice, "ii", lo, lo + step < n ? lo + step : n) != 0 ||
		    run_all(db, what, stmts) != 0)
			return -1;
	return 0;
}

static long long
count(struct db *db, const char *sql)
{
	struct dbres *res;

	if (db_query(db, &res, sql, "") != 0 || !db_next(res))
		return -1;
	return db_int(res, 0);
}

int
generate_command(struct db *db, int argc, char **argv)
{
	long long seed = -1, reg = 200000;
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--seed") == 0)
			seed = strtoll(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--register") == 0)
			reg = strtoll(argv[i + 1], NULL, 10);
		else
			break;
	}
	if (seed < 0 || i < argc || reg < 1000 || reg > 1000000) {
		fprintf(stderr, "usage: portalctl generate --seed N [--register 200000|1000000]\n");
		return 2;
	}
	if (count(db, sql_already) != 0) {
		fprintf(stderr, "portalctl: generate: this database already holds a generated set\n");
		return 1;
	}
	if (db_exec(db, sql_params, "iii", seed, reg, (long long)COMPANIES) != 0 ||
	    run_all(db, "numbers", setup) != 0)
		return 1;
	while (count(db, sql_numbers_count) < reg)
		if (db_exec(db, sql_double, "") != 0)
			return 1;
	if (run_all(db, "companies, groups, offices, users", companies) != 0)
		return 1;
	if (sliced(db, "register", register_slice, reg, SLICE) != 0)
		return 1;
	if (run_all(db, "employees", employees) != 0 ||
	    sliced(db, "employments", employments_slice, count(db, sql_employees), SMALL_SLICE) ||
	    sliced(db, "applications", applications_slice, APPLICATIONS, SMALL_SLICE) ||
	    run_all(db, "orders, payments, funds", orders) != 0 ||
	    run_all(db, "contracts", contracts) != 0 ||
	    run_all(db, "clean-up", cleanup) != 0)
		return 1;
	printf("generated: seed %lld, %lld operatives, %d companies\n", seed, reg, COMPANIES);
	return 0;
}
