/*
 * parties.c: the client invites subcontractors, found by their exact company
 * name or company number (never a list or a prefix search of the portal's
 * companies); the invited company's company-level users accept or decline.
 * Each change holds the contract's and the party's row locks, so an
 * invitation answered twice at once is answered once.
 */
#include <stdio.h>
#include <string.h>

#include "contracts.h"

static const char *const sql_company =
    "SELECT id, name FROM companies WHERE (company_number = ? OR name = ?)"
    " AND status = 'active' ORDER BY id LIMIT 2";
static const char *const sql_party =
    "SELECT state FROM contract_parties WHERE contract_id = ? AND company_id = ? FOR UPDATE";
static const char *const sql_invite =
    "INSERT INTO contract_parties (contract_id, company_id, role, state, invited_by)"
    " VALUES (?, ?, 'subcontractor', 'invited', ?)";
static const char *const sql_reinvite =
    "UPDATE contract_parties SET state = 'invited', invited_by = ?, invited_at = NOW(6),"
    " answered_by = NULL, answered_at = NULL"
    " WHERE contract_id = ? AND company_id = ? AND state = 'declined'";
static const char *const sql_answer =
    "UPDATE contract_parties SET state = ?, answered_by = ?, answered_at = NOW(6)"
    " WHERE contract_id = ? AND company_id = ? AND state = 'invited'";

enum { I_COMPANY };
const struct field invite_fields[] = {
	[I_COMPANY] = { "company", v_text, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* The one active company with that number or name: 0 and *id, or a message. */
static int
find_company(struct req *r, const char *what, unsigned long long *id, const char **name,
    const char **message)
{
	struct dbres *res;
	int rc;

	*id = 0;
	*message = NULL;
	if ((rc = db_query(r->db, &res, sql_company, "ss", what, what)) != 0)
		return rc;
	if (db_rows(res) > 1)
		*message = "More than one company has that name: please give its company number.";
	else if (db_next(res)) {
		*id = (unsigned long long)db_int(res, 0);
		*name = req_strdup(r, db_str(res, 1));
	} else
		*message = "No company on the portal has that exact name or company number.";
	db_free(res);
	return 0;
}

int
contracts_invite(struct req *r)
{
	const struct fieldval *f = &r->fields[I_COMPANY];
	const char *message, *name = "", *state = NULL;
	unsigned long long company;
	struct contract c;
	struct dbres *res;
	int rc;

	if ((rc = contract_begin_client(r, &c)) != 0)
		return rc;
	if (f->err)
		return contract_refuse(r, &c, "company", f->err);
	if ((rc = find_company(r, f->val, &company, &name, &message)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (message)
		return contract_refuse(r, &c, "company", message);
	if (company == r->sess->company_id)
		return contract_refuse(r, &c, "company",
		    "Your own company is the client of this contract.");
	if ((rc = db_query(r->db, &res, sql_party, "uu", c.id, company)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (db_next(res))
		state = req_strdup(r, db_str(res, 0));
	db_free(res);
	if (state && strcmp(state, "declined") != 0)
		return contract_refuse(r, &c, "company", strcmp(state, "invited") == 0 ?
		    "That company has already been invited." :
		    "That company is already on this contract.");
	rc = state ? db_exec(r->db, sql_reinvite, "uuu", r->sess->user_id, c.id, company) :
	    db_exec(r->db, sql_invite, "uuu", c.id, company, r->sess->user_id);
	if (rc == HTTP_CONFLICT)
		return contract_refuse(r, &c, "company", "That company has already been invited.");
	if (rc == 0)
		rc = req_audit(r, "contract_invitation_sent", "contract",
		    req_printf(r, "%llu", c.id), req_printf(r, "%llu %s", company, name));
	if (rc == 0)
		rc = db_commit(r->db);
	if (rc != 0) {
		db_rollback(r->db);
		return rc;
	}
	return contract_redirect(r, &c, req_printf(r, "%s has been invited as a subcontractor.",
	    name));
}

/* The invited company's answer: state accepted or declined. */
static int
answer(struct req *r, const char *state, const char *action)
{
	struct contract c;
	int rc;

	if (!contract_company_level(r))
		return HTTP_FORBIDDEN;
	if ((rc = contract_begin(r, "invited", &c)) == HTTP_NOT_FOUND &&
	    strcmp(state, "accepted") == 0) {
		int found;

		/* A second click of ACCEPT: the contract, saying so, not a missing page. */
		if ((rc = contract_load(r, "accepted", 0, &c, &found)) != 0)
			return rc;
		if (found)
			return contract_redirect(r, &c, "You have already accepted this invitation.");
		return HTTP_NOT_FOUND;
	}
	if (rc != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_answer, "suuu", state, r->sess->user_id, c.id,
	    r->sess->company_id)) == 0 &&
	    (rc = req_audit(r, action, "contract", req_printf(r, "%llu", c.id), c.name)) == 0)
		rc = db_commit(r->db);
	if (rc != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (strcmp(state, "accepted") == 0)
		return contract_redirect(r, &c, "You are a subcontractor on this contract: add "
		    "the employees who work on it.");
	req_flash(r, req_printf(r, "You declined the invitation to %s.", c.name));
	return req_redirect(r, "/contracts/setup");
}

int
contracts_accept(struct req *r)
{
	return answer(r, "accepted", "contract_invitation_accepted");
}

int
contracts_decline(struct req *r)
{
	return answer(r, "declined", "contract_invitation_declined");
}
