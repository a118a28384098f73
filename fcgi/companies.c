/*
 * companies.c: a person who works for several companies chooses which one
 * they act for (DESIGN: "after sign-in they choose which company they act
 * for"). Choosing gives a new session for that company: a new cookie and CSRF
 * token, and the old session ended, so nothing of one company's session
 * carries into the other's.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "host.h"

/* More than any real person has; the page lists them all within it. */
#define COMPANIES_MAX	"200"

/* The user's companies and their invitations (status 'invited': an existing account
 * another company added, which gives nothing until the person accepts). */
static const char *const sql_companies =
    "SELECT c.id, c.name, m.level, IFNULL(g.name, ''), IFNULL(o.name, ''), m.status"
    " FROM memberships m JOIN companies c ON c.id = m.company_id"
    " LEFT JOIN company_groups g ON g.id = m.group_id"
    " LEFT JOIN offices o ON o.id = m.office_id"
    " WHERE m.user_id = ? AND m.status IN ('active', 'invited') AND c.status = 'active'"
    " ORDER BY m.status, c.name, c.id LIMIT " COMPANIES_MAX;
static const char *const sql_count =
    "SELECT SUM(m.status = 'active'), SUM(m.status = 'invited')"
    " FROM memberships m JOIN companies c ON c.id = m.company_id"
    " WHERE m.user_id = ? AND m.status IN ('active', 'invited') AND c.status = 'active'";
static const char *const sql_answer =
    "UPDATE memberships m JOIN companies c ON c.id = m.company_id"
    " SET m.status = IF(? = 1, 'active', 'removed'), m.removed_at = IF(? = 1, NULL, NOW(6))"
    " WHERE m.user_id = ? AND m.company_id = ? AND m.status = 'invited' AND c.status = 'active'";
static const char *const sql_member =
    "SELECT 1 FROM memberships m JOIN companies c ON c.id = m.company_id"
    " WHERE m.user_id = ? AND m.company_id = ? AND m.status = 'active' AND c.status = 'active'";

enum { C_COMPANY };
const struct field company_choice_fields[] = {
	[C_COMPANY] = { "company", v_id, F_REQUIRED },
	{ NULL, NULL, 0 }
};

int
company_choice_form(struct req *r)
{
	struct dbres *res;
	size_t n = 0, m = 0;
	int rc;

	req_set(r, "Page.title", "Your companies");
	if ((rc = db_query(r->db, &res, sql_companies, "u", r->sess->user_id)) != 0)
		return rc;
	while (db_next(res)) {
		unsigned long long id = (unsigned long long)db_int(res, 0);
		int invited = strcmp(db_str(res, 5), "invited") == 0;
		const char *p = req_printf(r, "%s.%zu", invited ? "Invitations" : "Companies",
		    invited ? m : n);

		req_setf(r, req_printf(r, "%s.id", p), "%llu", id);
		req_set(r, req_printf(r, "%s.name", p), db_str(res, 1));
		req_set(r, req_printf(r, "%s.level", p),
		    session_level_label(r, db_str(res, 2), db_str(res, 3), db_str(res, 4)));
		if (id == r->sess->company_id)
			req_set(r, req_printf(r, "%s.current", p), "1");
		if (invited)
			m++;
		else
			n++;
	}
	return HTTP_OK;
}

/* Accepting or declining an invitation: POST /company/accept or /company/decline. */
static int
answer(struct req *r, int accept)
{
	unsigned long long user_id = r->sess->user_id, company_id;
	const struct fieldval *f = &r->fields[C_COMPANY];

	company_id = r->invalid ? 0 : (unsigned long long)f->num;
	if (company_id != 0) {
		int rc = db_exec(r->db, sql_answer, "iiuu", (long long)accept, (long long)accept,
		    user_id, company_id);

		if (rc != 0)
			return rc;
	}
	if (company_id == 0 || db_affected(r->db) != 1) {
		req_set(r, "Form.error", "There is no such invitation (any more).");
		r->template = "auth/company.cs";
		return company_choice_form(r);
	}
	(void)audit_write(r->db, company_id, user_id, r->ip,
	    accept ? "invitation_accepted" : "invitation_declined", "user",
	    req_printf(r, "%llu", user_id), "");
	req_flash(r, accept ? "You are now a user of that company too: choose it below to act "
	    "for it." : "The invitation has been declined.");
	return req_redirect(r, "/company");
}

int
company_accept(struct req *r)
{
	return answer(r, 1);
}

int
company_decline(struct req *r)
{
	return answer(r, 0);
}

int
company_choice(struct req *r)
{
	unsigned long long user_id = r->sess->user_id, company_id;
	const struct fieldval *f = &r->fields[C_COMPANY];
	struct dbres *res;
	int rc;

	company_id = r->invalid ? 0 : (unsigned long long)f->num;
	if (company_id != 0 &&
	    (rc = db_query(r->db, &res, sql_member, "uu", user_id, company_id)) != 0)
		return rc;
	if (company_id == 0 || !db_next(res)) {
		/* Removed meanwhile, or never theirs: the list again, saying so. */
		req_set(r, "Form.error", "You are not a user of that company (any more). "
		    "Please choose one of these.");
		r->template = "auth/company.cs";
		return company_choice_form(r);
	}
	if (company_id == r->sess->company_id)
		return req_redirect(r, "/dashboard");
	if ((rc = session_forget(r)) != 0 ||
	    (rc = session_create(r, user_id, company_id, STAGE_FULL)) != 0)
		return rc;
	(void)audit_write(r->db, company_id, user_id, r->ip, "company_chosen", "user",
	    req_printf(r, "%llu", user_id), "");
	return req_redirect(r, "/dashboard");
}

int
company_landing(struct req *r, unsigned long long user_id, const char **path)
{
	struct dbres *res;
	int rc;

	*path = "/dashboard";
	if ((rc = db_query(r->db, &res, sql_count, "u", user_id)) != 0)
		return rc;
	if (db_next(res) && (db_int(res, 0) > 1 || db_int(res, 1) > 0))
		*path = "/company";
	return 0;
}
