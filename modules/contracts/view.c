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
#include <string.h>

#include "contracts.h"

#define PAGE_SIZE	50
#define EXPORT_MAX	100000

/* Whether card `k` is of a kind the worker's contract asks for (any, when it
 * names none). */
#define RIGHT_KIND(k) \
	"(NOT EXISTS (SELECT 1 FROM contract_requirements q WHERE q.contract_id = w.contract_id)" \
	" OR EXISTS (SELECT 1 FROM contract_requirements q WHERE q.contract_id = w.contract_id" \
	"  AND (q.card_type_id = " k ".card_type_id OR q.occupation_id = " k ".occupation_id)))"

/* The card that counts for worker `w`: of the right kind first, then the latest expiry;
 * cancelled and lost cards never count. */
#define CARD_JOIN \
	" LEFT JOIN cards k ON k.id = (SELECT k2.id FROM cards k2" \
	"  WHERE k2.operative_id = w.operative_id AND k2.status IN ('valid', 'expired')" \
	"  ORDER BY " RIGHT_KIND("k2") " DESC, k2.expires_on DESC, k2.id DESC LIMIT 1)"

/* The verdict on that card today; bind the contract's minimum days of validity. */
#define VERDICT \
	"CASE WHEN k.id IS NULL THEN 'none' WHEN NOT " RIGHT_KIND("k") " THEN 'wrong_type'" \
	" WHEN k.status = 'expired' OR k.expires_on < CURDATE() THEN 'expired'" \
	" WHEN k.expires_on < CURDATE() + INTERVAL ? DAY THEN 'expiring' ELSE 'valid' END"

/* The live workers `w` of contract ? the user may see (WORKER_SCOPE). */
#define LIVE_WHERE \
	" WHERE w.contract_id = ? AND w.live_key = 1" WORKER_SCOPE

/* Bind: min days, contract, WORKER_SCOPE_ARGS, after, limit. */
static const char *const sql_workers =
    "SELECT w.id, CONCAT(o.last_name, ', ', o.first_name), co.name, IFNULL(k.card_number, ''),"
    " IFNULL(t.name, ''), IFNULL(oc.name, ''), IFNULL(DATE_FORMAT(k.expires_on, '%d/%m/%Y'), ''),"
    " CASE WHEN o.hse_passed_on >= CURDATE() - INTERVAL 2 YEAR THEN 'Passed'"
    "  WHEN EXISTS (SELECT 1 FROM exemptions x WHERE x.operative_id = o.id"
    "   AND x.expires_on >= CURDATE()) THEN 'Exempt' ELSE 'None' END,"
    " " VERDICT ", w.company_id"
    " FROM (SELECT w.id, w.contract_id, w.company_id, w.operative_id FROM contract_workers w"
    LIVE_WHERE
    "  AND w.id > ? ORDER BY w.id LIMIT ?) w"
    " JOIN operatives o ON o.id = w.operative_id JOIN companies co ON co.id = w.company_id"
    CARD_JOIN
    " LEFT JOIN card_types t ON t.id = k.card_type_id"
    " LEFT JOIN occupations oc ON oc.id = k.occupation_id"
    " ORDER BY w.id";
enum { W_ID, W_NAME, W_COMPANY, W_CARD, W_TYPE, W_OCCUPATION, W_EXPIRES, W_HSE, W_VERDICT,
	W_COMPANY_ID };

/*
 * Everything about the contract besides the workers' page, in one round trip
 * (db_sections_hdf): list 0 its details (Contract.), 1 the compliance totals over
 * every worker the user may see (Compliance.), 2 Requirements, 3 Subcontractors
 * (for the client only). Bind: contract; min days, contract, WORKER_SCOPE_ARGS;
 * contract; contract, is_client.
 */
static const char *const sql_details =
    "SELECT * FROM ("
    " SELECT 0 AS list, 0 AS seq, c.site_address AS site, c.client_reference AS reference,"
    "  DATE_FORMAT(c.starts_on, '%d/%m/%Y') AS starts, DATE_FORMAT(c.ends_on, '%d/%m/%Y') AS ends,"
    "  c.min_days_valid AS min_days, cl.name AS client, cl.company_number AS client_number,"
    "  NULL AS total, NULL AS valid, NULL AS expiring, NULL AS expired, NULL AS wrong_type,"
    "  NULL AS none, NULL AS name, NULL AS kind, NULL AS number, NULL AS state, NULL AS answered"
    "  FROM contracts c JOIN companies cl ON cl.id = c.company_id WHERE c.id = ?"
    " UNION ALL"
    " SELECT 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  COUNT(*), IFNULL(SUM(v = 'valid'), 0), IFNULL(SUM(v = 'expiring'), 0),"
    "  IFNULL(SUM(v = 'expired'), 0), IFNULL(SUM(v = 'wrong_type'), 0),"
    "  IFNULL(SUM(v = 'none'), 0), NULL, NULL, NULL, NULL, NULL"
    "  FROM (SELECT " VERDICT " AS v FROM contract_workers w" CARD_JOIN LIVE_WHERE ") x"
    " UNION ALL"
    " SELECT 2, ROW_NUMBER() OVER (ORDER BY t.id IS NULL, t.sort, o.sort, q.id),"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  IFNULL(t.name, o.name), IF(t.id IS NULL, 'occupation', 'card_type'), NULL, NULL, NULL"
    "  FROM contract_requirements q LEFT JOIN card_types t ON t.id = q.card_type_id"
    "  LEFT JOIN occupations o ON o.id = q.occupation_id WHERE q.contract_id = ?"
    " UNION ALL"
    " SELECT 3, ROW_NUMBER() OVER (ORDER BY co.name, co.id),"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  co.name, NULL, co.company_number, p.state,"
    "  IFNULL(DATE_FORMAT(p.answered_at, '%d/%m/%Y'), '')"
    "  FROM contract_parties p JOIN companies co ON co.id = p.company_id"
    "  WHERE p.contract_id = ? AND p.role = 'subcontractor' AND ? = 1"
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
	return db_query(r->db, res, sql_workers, "iu" "uuuuuuuuu" "ui", c->min_days, c->id,
	    WORKER_SCOPE_ARGS(r->sess, c->is_client), after, limit);
}

/* Contract.*, Compliance.*, Requirements.N and Subcontractors.N. */
static int
details_hdf(struct req *r, const struct contract *c)
{
	static const char *const lists[] = { "Contract.", "Compliance.", "Requirements",
	    "Subcontractors" };
	size_t counts[4];
	long long total, valid;
	int rc;

	if ((rc = db_sections_hdf(r->db, r->hdf, lists, 4, counts, sql_details,
	    "u" "iu" "uuuuuuuuu" "u" "uu", c->id, c->min_days, c->id,
	    WORKER_SCOPE_ARGS(r->sess, c->is_client), c->id, c->id,
	    (unsigned long long)c->is_client)) != 0)
		return rc;
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
	struct dbres *res;
	size_t n = 0;
	int rc;

	/* Someone who may add workers but not view contracts sees the message only. */
	if (!req_can(r, PERM_VIEW_CONTRACTS)) {
		req_flash(r, hdf_get_value(r->hdf, "Form.employee.error",
		    hdf_get_value(r->hdf, "Form.company.error", "Nothing was changed.")));
		return req_redirect(r, "/dashboard");
	}
	if ((rc = details_hdf(r, c)) != 0)
		return rc;
	can_hdf(r, c);
	mine_removable = hdf_get_int_value(r->hdf, "Can.workers", 0);
	if ((rc = workers_query(r, c, &res, from, PAGE_SIZE + 1)) != 0)
		return rc;
	while (db_next(res) && n < PAGE_SIZE) {
		const char *p = req_printf(r, "Workers.%zu", n++);
		static const char *const names[] = { "id", "name", "company", "card_number",
		    "card_type", "occupation", "expires", "hse", "verdict" };
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			req_set(r, req_printf(r, "%s.%s", p, names[i]), db_str(res, (unsigned)i));
		req_set(r, req_printf(r, "%s.verdict_label", p),
		    contract_label(verdicts, db_str(res, W_VERDICT)));
		if (mine_removable &&
		    (unsigned long long)db_int(res, W_COMPANY_ID) == r->sess->company_id)
			req_set(r, req_printf(r, "%s.can_remove", p), "1");
		if (n == PAGE_SIZE && db_rows(res) > PAGE_SIZE)
			req_set(r, "List.next", db_str(res, W_ID));
	}
	db_free(res);
	req_setf(r, "List.count", "%zu", n);
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
