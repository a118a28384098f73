/*
 * contracts.c: the Contracts module's routes and what its handlers share:
 * loading a contract as the signed-in company sees it (through its party
 * row), the transaction that locks a contract for a change and refuses any
 * change to a completed one, and the states' labels.
 */
#include <stdio.h>
#include <string.h>

#include "contracts.h"

static const char *const sql_load =
    "SELECT c.id, c.company_id, c.name, " CONTRACT_STATE ", c.min_days_valid"
    CONTRACT_FROM " WHERE c.id = ?";
static const char *const sql_load_lock =
    "SELECT c.id, c.company_id, c.name, " CONTRACT_STATE ", c.min_days_valid"
    CONTRACT_FROM " WHERE c.id = ? FOR UPDATE";

const char *const contract_states[][2] = {
	{ "being_set_up", "Being Set Up" },
	{ "in_progress", "In Progress" },
	{ "completed", "Completed" },
	{ NULL, NULL }
};

const char *
contract_label(const char *const table[][2], const char *key)
{
	size_t i;

	for (i = 0; table[i][0]; i++)
		if (strcmp(table[i][0], key) == 0)
			return table[i][1];
	return key;
}

int
contract_load(struct req *r, const char *party_state, int lock, struct contract *c, int *found)
{
	struct dbres *res;
	int rc;

	memset(c, 0, sizeof(*c));
	*found = 0;
	rc = db_query(r->db, &res, lock ? sql_load_lock : sql_load, "usu", r->sess->company_id,
	    party_state, r->ids[0]);
	if (rc != 0)
		return rc;
	if (db_next(res)) {
		*found = 1;
		c->id = (unsigned long long)db_int(res, 0);
		c->client_id = (unsigned long long)db_int(res, 1);
		c->name = req_strdup(r, db_str(res, 2));
		c->state = req_strdup(r, db_str(res, 3));
		c->min_days = db_int(res, 4);
		c->is_client = c->client_id == r->sess->company_id;
	}
	db_free(res);
	return 0;
}

int
contract_begin(struct req *r, const char *party_state, struct contract *c)
{
	int found, rc;

	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = contract_load(r, party_state, 1, c, &found)) != 0 || !found) {
		db_rollback(r->db);
		return rc ? rc : HTTP_NOT_FOUND;
	}
	if (strcmp(c->state, "completed") == 0) {
		db_rollback(r->db);
		req_flash(r, "This contract is completed: it can no longer be changed.");
		/* An invited company cannot see the contract's page: back to its list. */
		return req_redirect(r, strcmp(party_state, "accepted") == 0 ?
		    req_printf(r, "/contracts/%llu", c->id) : "/contracts/setup");
	}
	return 0;
}

int
contract_company_level(const struct req *r)
{
	return r->sess->scope_group == 0 && r->sess->scope_office == 0;
}

int
contract_begin_client(struct req *r, struct contract *c)
{
	int rc;

	if (!contract_company_level(r))
		return HTTP_FORBIDDEN;
	if ((rc = contract_begin(r, "accepted", c)) != 0)
		return rc;
	if (!c->is_client) {
		db_rollback(r->db);
		return HTTP_FORBIDDEN;
	}
	return 0;
}

int
contract_refuse(struct req *r, const struct contract *c, const char *field, const char *message)
{
	db_rollback(r->db);
	req_form_to_hdf(r);
	req_set(r, req_printf(r, "Form.%s.error", field), message);
	return contract_page(r, c);
}

int
contract_redirect(struct req *r, const struct contract *c, const char *flash)
{
	if (flash)
		req_flash(r, flash);
	return req_redirect(r, req_printf(r, "/contracts/%llu", c->id));
}

static const struct route routes[] = {
	/* method  path                        permission               fields          handler                  template                  tab */
	{ M_GET,  "setup",                    PERM_VIEW_CONTRACTS,     list_fields,    contracts_setup,         "contracts/list.cs",      "contracts", R_PAGE_CACHE | R_PAGE_CACHE_HOST },
	{ M_GET,  "progress",                 PERM_VIEW_CONTRACTS,     list_fields,    contracts_progress,      "contracts/list.cs",      "contracts", R_PAGE_CACHE | R_PAGE_CACHE_HOST },
	{ M_GET,  "completed",                PERM_VIEW_CONTRACTS,     list_fields,    contracts_completed,     "contracts/list.cs",      "contracts", R_PAGE_CACHE | R_PAGE_CACHE_HOST },
	{ M_GET,  "new",                      PERM_CREATE_CONTRACTS,   NULL,           contracts_new,           "contracts/new.cs",       "contracts", 0 },
	{ M_POST, "new",                      PERM_CREATE_CONTRACTS,   create_fields,  contracts_create,        "contracts/new.cs",       "contracts", 0 },
	{ M_GET,  "{id}",                     PERM_VIEW_CONTRACTS,     view_fields,    contracts_view,          "contracts/contract.cs",  "contracts", R_PAGE_CACHE | R_PAGE_CACHE_HOST },
	{ M_GET,  "{id}/export",              PERM_VIEW_CONTRACTS,     NULL,           contracts_export,        NULL,                     "contracts", 0 },
	{ M_POST, "{id}/start",               PERM_CREATE_CONTRACTS,   NULL,           contracts_start,         "contracts/contract.cs",  "contracts", 0 },
	{ M_POST, "{id}/close",               PERM_CREATE_CONTRACTS,   close_fields,          contracts_close,         "contracts/contract.cs",  "contracts", 0 },
	{ M_POST, "{id}/invite",              PERM_ADD_SUBCONTRACTORS, invite_fields,  contracts_invite,        "contracts/contract.cs",  "contracts", 0 },
	{ M_POST, "{id}/accept",              PERM_ADD_SUBCONTRACTORS, NULL,           contracts_accept,        "contracts/list.cs",      "contracts", 0 },
	{ M_POST, "{id}/decline",             PERM_ADD_SUBCONTRACTORS, NULL,           contracts_decline,       "contracts/list.cs",      "contracts", 0 },
	{ M_POST, "{id}/workers",             PERM_CONTRACT_WORKERS,   worker_fields,  contracts_worker_add,    "contracts/contract.cs",  "contracts", 0 },
	{ M_POST, "{id}/workers/{id}/remove", PERM_CONTRACT_WORKERS,   NULL,           contracts_worker_remove, "contracts/contract.cs",  "contracts", 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,		/* as named in the configuration */
	.prefix = "contracts",	/* /contracts/... */
	.routes = routes,
	.init = NULL,		/* nothing kept per worker */
	.fini = NULL,
};
