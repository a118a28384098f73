/*
 * audit.c: Administration -> the company's audit log, for company-level users who
 * may change user permissions: who did what, when (UTC), from which address, to
 * which object; filtered by user, action and dates; newest first, 50 a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

#define PAGE_SIZE	50

/* An action's or object kind's code as words: "employee_lookup_refused" reads
 * "Employee lookup refused". The filter still sends the code. */
#define LABEL(col) "CONCAT(UPPER(LEFT(" col ", 1)), REPLACE(SUBSTRING(" col ", 2), '_', ' '))"

static const char *const sql_log =
    "SELECT l.id, DATE_FORMAT(l.at, '%d/%m/%Y %H:%i:%s') AS at,"
    " IFNULL(CONCAT(u.first_name, ' ', u.last_name), '') AS user, IFNULL(u.email, '') AS email,"
    " l.ip, " LABEL("l.action") ", " LABEL("l.object_kind") " AS kind, l.object_id AS object,"
    " l.detail"
    " FROM audit_log l LEFT JOIN users u ON u.id = l.user_id"
    " WHERE l.company_id = ? AND (? = 0 OR l.user_id = ?) AND (? = '' OR l.action = ?)"
    " AND (? = '' OR l.at >= ?) AND (? = '' OR l.at < ? + INTERVAL 1 DAY)"
    " AND (? = 0 OR l.id < ?)"
    " ORDER BY l.id DESC LIMIT 51";
static const char *const sql_users =
    "SELECT u.id, CONCAT(u.first_name, ' ', u.last_name, ' (', u.email, ')') AS name"
    " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.company_id = ?"
    " ORDER BY u.last_name, u.first_name";
static const char *const sql_actions =
    "SELECT action, " LABEL("action") " AS label FROM audit_log WHERE company_id = ?"
    " AND at > NOW(6) - INTERVAL 1 YEAR GROUP BY action ORDER BY action";

static const char *
v_action(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	(void)num;
	if (strlen(in) > 64)
		return "Please choose an action from the list.";
	for (i = 0; in[i]; i++)
		if (!((in[i] >= 'a' && in[i] <= 'z') || in[i] == '_'))
			return "Please choose an action from the list.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

enum { A_USER, A_ACTION, A_FROM, A_TO, A_AFTER };
const struct field audit_fields[] = {
	[A_USER] = { "user", v_id, 0 },
	[A_ACTION] = { "action", v_action, 0 },
	[A_FROM] = { "from", v_date, 0 },
	[A_TO] = { "to", v_date, 0 },
	[A_AFTER] = { "after", v_id, 0 },
	{ NULL, NULL, 0 }
};

int
admin_audit(struct req *r)
{
	const struct fieldval *f = r->fields;
	unsigned long long user = f[A_USER].err ? 0 : (unsigned long long)f[A_USER].num;
	unsigned long long after = f[A_AFTER].err ? 0 : (unsigned long long)f[A_AFTER].num;
	const char *action = f[A_ACTION].err ? "" : f[A_ACTION].val;
	const char *from = f[A_FROM].err ? "" : f[A_FROM].val;
	const char *to = f[A_TO].err ? "" : f[A_TO].val;
	unsigned long long c = r->sess->company_id;
	struct dbres *res;
	size_t n = 0;
	int rc;

	/* The whole company's record: for company-level users only (the toolbar shows it to
	 * no one else), as group and office users see only their part of the company. */
	if (r->sess->scope_group || r->sess->scope_office)
		return HTTP_FORBIDDEN;
	req_set(r, "Page.title", "Audit log");
	req_form_to_hdf(r);
	if ((rc = db_query(r->db, &res, sql_log, "u" "uu" "ss" "ss" "ss" "uu", c, user, user,
	    action, action, from, from, to, to, after, after)) != 0)
		return rc;
	while (db_next(res) && n < PAGE_SIZE) {
		const char *p = req_printf(r, "Log.%zu", n++);
		static const char *const cols[] = { "id", "at", "user", "email", "ip", "action",
		    "kind", "object", "detail" };
		unsigned i;

		for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			req_set(r, req_printf(r, "%s.%s", p, cols[i]), db_str(res, i));
		if (n == PAGE_SIZE && db_rows(res) > PAGE_SIZE)
			req_set(r, "List.next", req_printf(r,
			    "/admin/audit?user=%llu&action=%s&from=%s&to=%s&after=%s", user,
			    req_url_escape(r, action), req_url_escape(r, from), req_url_escape(r, to),
			    db_str(res, 0)));
	}
	if ((rc = db_rows_hdf(r->db, r->hdf, "Users", NULL, sql_users, "u", c)) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Actions", NULL, sql_actions, "u", c)) != 0)
		return rc;
	return HTTP_OK;
}
