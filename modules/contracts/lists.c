/*
 * lists.c: the Contracts tab's three lists, each the contracts where the
 * company is the client or an accepted subcontractor, newest first, 50 a
 * page with keyset paging on the contract id (ix_contract_parties_company).
 * Contracts Being Set Up also shows the invitations waiting for an answer.
 */
#include <stdio.h>
#include <string.h>

#include "contracts.h"

#define PAGE_SIZE	50
#define INVITATIONS_MAX	100

/* Contracts where the company's party row is in `party`: bind company, before,
 * before, limit. */
#define CONTRACT_PAGE(party, state) \
    "SELECT c.id, c.name, c.client_reference, c.site_address, DATE_FORMAT(c.starts_on, '%d/%m/%Y')," \
    " DATE_FORMAT(c.ends_on, '%d/%m/%Y'), cl.name, p.role" \
    " FROM contract_parties p JOIN contracts c ON c.id = p.contract_id" \
    " JOIN companies cl ON cl.id = c.company_id" \
    " WHERE p.company_id = ? AND p.state = '" party "' AND " state \
    " AND (? = 0 OR p.contract_id < ?) ORDER BY p.contract_id DESC LIMIT ?"

static const char *const sql_setup =
    CONTRACT_PAGE("accepted", "c.state = 'being_set_up' AND c.ends_on >= CURDATE()");
static const char *const sql_progress =
    CONTRACT_PAGE("accepted", "c.state = 'in_progress' AND c.ends_on >= CURDATE()");
static const char *const sql_completed =
    CONTRACT_PAGE("accepted", "(c.state = 'completed' OR c.ends_on < CURDATE())");

/* Invitations still open. */
static const char *const sql_invitations =
    CONTRACT_PAGE("invited", "c.state <> 'completed' AND c.ends_on >= CURDATE()");

const struct field list_fields[] = {
	{ "before", v_id, 0 },
	{ NULL, NULL, 0 }
};

static void
row_hdf(struct req *r, const char *p, struct dbres *res)
{
	static const char *const names[] = { "id", "name", "reference", "site", "starts",
	    "ends", "client", "role" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		req_set(r, req_printf(r, "%s.%s", p, names[i]), db_str(res, (unsigned)i));
}

static int
list(struct req *r, const char *sql, const char *kind, const char *title, const char *lead)
{
	const struct fieldval *b = req_field(r, "before");
	unsigned long long before = b && b->present && !b->err ? (unsigned long long)b->num : 0;
	struct dbres *res;
	size_t n = 0;
	int rc;

	req_set(r, "Page.title", title);
	req_set(r, "List.kind", kind);
	req_set(r, "List.lead", lead);
	if ((rc = db_query(r->db, &res, sql, "uuui", r->sess->company_id, before, before,
	    (long long)PAGE_SIZE + 1)) != 0)
		return rc;
	while (db_next(res) && n < PAGE_SIZE) {
		row_hdf(r, req_printf(r, "Contracts.%zu", n++), res);
		if (n == PAGE_SIZE && db_rows(res) > PAGE_SIZE)
			req_set(r, "List.next", db_str(res, 0));
	}
	db_free(res);
	if (req_can(r, PERM_CREATE_CONTRACTS) && contract_company_level(r))
		req_set(r, "Can.create", "1");
	return HTTP_OK;
}

int
contracts_setup(struct req *r)
{
	struct dbres *res;
	size_t n = 0;
	int rc;

	if ((rc = list(r, sql_setup, "setup", "Contracts Being Set Up",
	    "These are contracts set up for ECS Check in your account.")) != HTTP_OK)
		return rc;
	if ((rc = db_query(r->db, &res, sql_invitations, "uuui", r->sess->company_id, 0ULL, 0ULL,
	    (long long)INVITATIONS_MAX)) != 0)
		return rc;
	while (db_next(res))
		row_hdf(r, req_printf(r, "Invitations.%zu", n++), res);
	db_free(res);
	if (req_can(r, PERM_ADD_SUBCONTRACTORS) && contract_company_level(r))
		req_set(r, "Can.answer", "1");
	return HTTP_OK;
}

int
contracts_progress(struct req *r)
{
	return list(r, sql_progress, "progress", "Contracts in Progress",
	    "Any contract application in progress will show under here.");
}

int
contracts_completed(struct req *r)
{
	return list(r, sql_completed, "completed", "Contracts Completed",
	    "Any processed contracts will show here.");
}
