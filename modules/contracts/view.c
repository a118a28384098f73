/*
 * view.c: a contract's page and its CSV export. Compliance is computed from
 * the register at the moment of viewing: each worker's card that counts (of
 * a kind the contract asks for first, then the latest expiry) against today
 * and the contract's minimum days of validity. One query gives a page of 50
 * workers with their verdicts (keyset paging on the worker row's id), one
 * more the contract's details, totals, requirements and subcontractors,
 * whatever the number of workers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contracts.h"

#define PAGE_SIZE	50
#define EXPORT_MAX	100000

/* Whether card `k` is of a kind contract ? asks for (any, when it names none). */
#define RIGHT_KIND \
	"(NOT EXISTS (SELECT 1 FROM contract_requirements q WHERE q.contract_id = ?)" \
	" OR EXISTS (SELECT 1 FROM contract_requirements q WHERE q.contract_id = ?" \
	"  AND (q.card_type_id = k.card_type_id OR q.occupation_id = k.occupation_id)))"

/*
 * The workers `w` (a subquery) each with their cards ranked: the card that
 * counts is n = 1, of the right kind first, then the latest expiry; cancelled
 * and lost cards never count; a worker without a card has one row, kid NULL.
 * Each card's kind is judged once, in one pass over the workers' cards (a
 * correlated "best card" subquery per worker cost 50 us a worker). Binds the
 * workers' subquery, then contract, contract.
 */
#define RANKED_CARDS(workers) \
	"SELECT w.*, k.id AS kid, k.card_number, k.card_type_id, k.occupation_id, k.status," \
	" k.expires_on, k.rk, ROW_NUMBER() OVER (PARTITION BY w.id" \
	"  ORDER BY k.rk DESC, k.expires_on DESC, k.id DESC) AS n" \
	" FROM (" workers ") w" \
	" LEFT JOIN (SELECT k.id, k.operative_id, k.card_number, k.card_type_id, k.occupation_id," \
	"  k.status, k.expires_on, " RIGHT_KIND " AS rk FROM cards k" \
	"  WHERE k.status IN ('valid', 'expired')) k ON k.operative_id = w.operative_id"

/* The verdict on ranked card row `b` today; binds the contract's minimum days of validity. */
#define VERDICT \
	"CASE WHEN b.kid IS NULL THEN 'none' WHEN NOT b.rk THEN 'wrong_type'" \
	" WHEN b.status = 'expired' OR b.expires_on < CURDATE() THEN 'expired'" \
	" WHEN b.expires_on < CURDATE() + INTERVAL ? DAY THEN 'expiring' ELSE 'valid' END"

/* The live workers `w` of contract ? the user may see (WORKER_SCOPE). */
#define LIVE_WORKERS \
	"SELECT w.id, w.contract_id, w.company_id, w.operative_id FROM contract_workers w" \
	" WHERE w.contract_id = ? AND w.live_key = 1" WORKER_SCOPE

/* A page of workers with their verdicts, from WORKERS_PAGE below: the name, then the rest. */
#define WORKER_NAME " CONCAT(o.last_name, ', ', o.first_name)"
#define WORKER_REST \
    " co.name, IFNULL(b.card_number, '')," \
    " IFNULL(t.name, ''), IFNULL(oc.name, ''), IFNULL(DATE_FORMAT(b.expires_on, '%d/%m/%Y'), '')," \
    " CASE WHEN o.hse_passed_on >= CURDATE() - INTERVAL 2 YEAR THEN 'Passed'" \
    "  WHEN EXISTS (SELECT 1 FROM exemptions x WHERE x.operative_id = o.id" \
    "   AND x.expires_on >= CURDATE()) THEN 'Exempt' ELSE 'None' END," \
    " " VERDICT ", b.company_id"
/* Bind: contract, WORKER_SCOPE_ARGS, after, limit; contract, contract. */
#define WORKERS_PAGE \
    " FROM (" RANKED_CARDS(LIVE_WORKERS " AND w.id > ? ORDER BY w.id LIMIT ?") ") b" \
    " JOIN operatives o ON o.id = b.operative_id JOIN companies co ON co.id = b.company_id" \
    " LEFT JOIN card_types t ON t.id = b.card_type_id" \
    " LEFT JOIN occupations oc ON oc.id = b.occupation_id" \
    " WHERE b.n = 1"

/* The CSV's rows. Bind: min days; WORKERS_PAGE. */
static const char *const sql_workers =
    "SELECT b.id," WORKER_NAME "," WORKER_REST WORKERS_PAGE " ORDER BY b.id";

#define NULL9 " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
enum { W_ID, W_NAME, W_COMPANY, W_CARD, W_TYPE, W_OCCUPATION, W_EXPIRES, W_HSE, W_VERDICT,
	W_COMPANY_ID };

/*
 * Everything on the contract's page in one round trip (db_sections_hdf): list 0
 * its details (Contract.), 1 the compliance totals over every worker the user
 * may see (Compliance.), 2 Requirements, 3 Subcontractors (for the client only),
 * 4 a page of Workers (one more than shown: there is a next page). Bind:
 * contract; min days, contract, WORKER_SCOPE_ARGS, contract, contract; contract;
 * contract, is_client; min days, WORKERS_PAGE.
 */
static const char *const sql_details =
    "SELECT * FROM ("
    " SELECT 0 AS list, 0 AS seq, c.site_address AS site, c.client_reference AS reference,"
    "  DATE_FORMAT(c.starts_on, '%d/%m/%Y') AS starts, DATE_FORMAT(c.ends_on, '%d/%m/%Y') AS ends,"
    "  c.min_days_valid AS min_days, cl.name AS client, cl.company_number AS client_number,"
    "  NULL AS total, NULL AS valid, NULL AS expiring, NULL AS expired, NULL AS wrong_type,"
    "  NULL AS none, NULL AS name, NULL AS kind, NULL AS number, NULL AS state, NULL AS answered,"
    "  NULL AS id, NULL AS company, NULL AS card_number, NULL AS card_type, NULL AS occupation,"
    "  NULL AS expires, NULL AS hse, NULL AS verdict, NULL AS company_id"
    "  FROM contracts c JOIN companies cl ON cl.id = c.company_id WHERE c.id = ?"
    " UNION ALL"
    " SELECT 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  COUNT(*), IFNULL(SUM(v = 'valid'), 0), IFNULL(SUM(v = 'expiring'), 0),"
    "  IFNULL(SUM(v = 'expired'), 0), IFNULL(SUM(v = 'wrong_type'), 0),"
    "  IFNULL(SUM(v = 'none'), 0), NULL, NULL, NULL, NULL, NULL," NULL9
    "  FROM (SELECT " VERDICT " AS v FROM (" RANKED_CARDS(LIVE_WORKERS) ") b WHERE b.n = 1) x"
    " UNION ALL"
    " SELECT 2, ROW_NUMBER() OVER (ORDER BY t.id IS NULL, t.sort, o.sort, q.id),"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  IFNULL(t.name, o.name), IF(t.id IS NULL, 'occupation', 'card_type'), NULL, NULL, NULL," NULL9
    "  FROM contract_requirements q LEFT JOIN card_types t ON t.id = q.card_type_id"
    "  LEFT JOIN occupations o ON o.id = q.occupation_id WHERE q.contract_id = ?"
    " UNION ALL"
    " SELECT 3, ROW_NUMBER() OVER (ORDER BY co.name, co.id),"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  co.name, NULL, co.company_number, p.state,"
    "  IFNULL(DATE_FORMAT(p.answered_at, '%d/%m/%Y'), '')," NULL9
    "  FROM contract_parties p JOIN companies co ON co.id = p.company_id"
    "  WHERE p.contract_id = ? AND p.role = 'subcontractor' AND ? = 1"
    " UNION ALL"
    " SELECT 4, ROW_NUMBER() OVER (ORDER BY b.id), NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  NULL, NULL, NULL, NULL, NULL, NULL,"
    WORKER_NAME ", NULL, NULL, NULL, NULL, b.id," WORKER_REST WORKERS_PAGE
    ") l ORDER BY l.list, l.seq";

static const char *const verdicts[][2] = {
	{ "valid", "Valid" },
	{ "expiring", "Expiring" },
	{ "expired", "Expired" },
	{ "wrong_type", "Wrong card type" },
	{ "none", "No card" },
	{ NULL, NULL }
};

const struct field view_fields[] = {
	{ "after", v_id, 0 },
	{ NULL, NULL, 0 }
};

static int
workers_query(struct req *r, const struct contract *c, struct dbres **res,
    unsigned long long after, long long limit)
{
	return db_query(r->db, res, sql_workers, "iu" "uuuuuuuuu" "ui" "uu", c->min_days, c->id,
	    WORKER_SCOPE_ARGS(r->sess, c->is_client), after, limit, c->id, c->id);
}

/* Contract.*, Compliance.*, Requirements.N, Subcontractors.N and the page of
 * Workers.N after worker `after` (*nworkers of them, at most PAGE_SIZE + 1). */
static int
details_hdf(struct req *r, const struct contract *c, unsigned long long after,
    size_t *nworkers)
{
	static const char *const lists[] = { "Contract.", "Compliance.", "Requirements",
	    "Subcontractors", "Workers" };
	size_t counts[5];
	long long total, valid;
	int rc;

	if ((rc = db_sections_hdf(r->db, r->hdf, lists, 5, counts, sql_details,
	    "u" "iu" "uuuuuuuuu" "uu" "u" "uu" "i" "u" "uuuuuuuuu" "ui" "uu",
	    c->id, c->min_days, c->id, WORKER_SCOPE_ARGS(r->sess, c->is_client), c->id, c->id,
	    c->id, c->id, (unsigned long long)c->is_client,
	    c->min_days, c->id, WORKER_SCOPE_ARGS(r->sess, c->is_client), after,
	    (long long)PAGE_SIZE + 1, c->id, c->id)) != 0)
		return rc;
	*nworkers = counts[4];
	req_setf(r, "Contract.id", "%llu", c->id);
	req_set(r, "Contract.name", c->name);
	req_set(r, "Contract.state", c->state);
	req_set(r, "Contract.state_label", contract_label(contract_states, c->state));
	req_set(r, "Contract.role", c->is_client ? "client" : "subcontractor");
	req_set(r, "Page.title", c->name);
	total = hdf_get_int_value(r->hdf, "Compliance.total", 0);
	valid = hdf_get_int_value(r->hdf, "Compliance.valid", 0);
	/* Rounded down: 100% only when every worker is valid. */
	if (total > 0)
		req_setf(r, "Compliance.percent", "%lld", valid * 100 / total);
	return 0;
}

/* Can.* for the buttons; the handlers check again. */
static void
can_hdf(struct req *r, const struct contract *c)
{
	int open = strcmp(c->state, "completed") != 0;
	int boss = c->is_client && contract_company_level(r);

	if (boss && open && req_can(r, PERM_CREATE_CONTRACTS)) {
		req_set(r, "Can.close", "1");
		if (strcmp(c->state, "being_set_up") == 0)
			req_set(r, "Can.start", "1");
	}
	if (boss && open && req_can(r, PERM_ADD_SUBCONTRACTORS))
		req_set(r, "Can.invite", "1");
	if (open && req_can(r, PERM_CONTRACT_WORKERS))
		req_set(r, "Can.workers", "1");
}

int
contract_page(struct req *r, const struct contract *c)
{
	const struct fieldval *after = req_field(r, "after");
	unsigned long long from = after && after->present && !after->err ?
	    (unsigned long long)after->num : 0;
	int mine_removable;
	size_t n, fetched, shown;
	unsigned long long last;
	int rc;

	/* Someone who may add workers but not view contracts sees the message only. */
	if (!req_can(r, PERM_VIEW_CONTRACTS)) {
		req_flash(r, hdf_get_value(r->hdf, "Form.employee.error",
		    hdf_get_value(r->hdf, "Form.company.error", "Nothing was changed.")));
		return req_redirect(r, "/dashboard");
	}
	if ((rc = details_hdf(r, c, from, &fetched)) != 0)
		return rc;
	can_hdf(r, c);
	mine_removable = hdf_get_int_value(r->hdf, "Can.workers", 0);
	if ((last = req_page_trim(r, "Workers", fetched, PAGE_SIZE, &shown)) != 0)
		req_setf(r, "List.next", "%llu", last);
	for (n = 0; n < shown; n++) {
		const char *p = req_printf(r, "Workers.%zu", n);

		req_set(r, req_printf(r, "%s.verdict_label", p), contract_label(verdicts,
		    hdf_get_value(r->hdf, req_printf(r, "%s.verdict", p), "")));
		if (mine_removable && strtoull(hdf_get_value(r->hdf,
		    req_printf(r, "%s.company_id", p), "0"), NULL, 10) == r->sess->company_id)
			req_set(r, req_printf(r, "%s.can_remove", p), "1");
	}
	req_setf(r, "List.count", "%zu", shown);
	return HTTP_OK;
}

int
contracts_view(struct req *r)
{
	struct contract c;
	int found, rc;

	if ((rc = contract_load(r, "accepted", 0, &c, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	return contract_page(r, &c);
}

int
contracts_export(struct req *r)
{
	static const char *const head[] = { "Worker", "Company", "ECS Card Number", "Card Type",
	    "Occupation", "Card Expiry", "HS&E", "Compliance" };
	struct contract c;
	struct dbres *res;
	STRING out;
	char *body;
	size_t len;
	int found, rc;

	if ((rc = contract_load(r, "accepted", 0, &c, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	if ((rc = workers_query(r, &c, &res, 0, EXPORT_MAX)) != 0)
		return rc;
	string_init(&out);
	csv_line(&out, head, 8);
	while (db_next(res)) {
		const char *cells[8];
		unsigned i;

		for (i = 0; i < 8; i++)
			cells[i] = db_str(res, W_NAME + i);
		cells[7] = contract_label(verdicts, db_str(res, W_VERDICT));
		csv_line(&out, cells, 8);
	}
	len = (size_t)out.len;
	body = req_alloc(r, len + 1);
	memcpy(body, out.buf ? out.buf : "", len);
	string_clear(&out);
	(void)req_audit(r, "contract_exported", "contract", req_printf(r, "%llu", c.id),
	    req_printf(r, "%zu rows", db_rows(res)));
	db_free(res);
	req_header(r, "Content-Disposition",
	    req_printf(r, "attachment; filename=\"contract-%llu-workers.csv\"", c.id));
	return req_body(r, "text/csv; charset=utf-8", body, len);
}
