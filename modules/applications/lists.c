/*
 * lists.c: the Applications tab: Requiring Attention (in progress, on hold,
 * finalised and awaiting ordering), Being Produced, Completed (visible for
 * three months after dispatch). Scoped to the user's level.
 */
#include <stdio.h>
#include <stdlib.h>

#include "applications.h"

#define FROM_SCOPED \
	" FROM applications a JOIN offices f ON f.id = a.office_id" \
	" JOIN operatives o ON o.id = a.operative_id" \
	" JOIN card_types t ON t.id = a.card_type_id" \
	" JOIN application_kinds k ON k.code = a.kind" \
	" WHERE" APP_SCOPE

/*
 * Every list is a keyset page of PAGE_SIZE, so a page costs the same however
 * many applications the company has. A page's applications are chosen first
 * from the (company, state, time) index alone (PICK: no join, the scope written
 * as a subquery on offices), and only those are joined and described. The
 * cursor is the last application shown: its time is read back by id (and the
 * company, so another company's id only finds nothing). PICK binds company,
 * group, group, office, office, then cursor, cursor, company, cursor, cursor,
 * company, cursor. The index is named: in a prepared statement MariaDB
 * otherwise takes (company, state, office) and reads every row to sort them.
 */
#define PAGE_SIZE	50
#define PAGE_LIMIT	"51"	/* one more tells whether there is a next page */

#define SCOPE_NO_JOIN \
	" a.company_id = ? AND (? = 0 OR a.office_id IN (SELECT id FROM offices WHERE group_id = ?))" \
	" AND (? = 0 OR a.office_id = ?)"

/* Newest (DESC, "<") or oldest (ASC, ">") first by col, then id. */
#define AFTER(col, cmp) \
	" AND (? = 0 OR a." col " " cmp " (SELECT b." col " FROM applications b WHERE b.id = ? AND b.company_id = ?)" \
	"  OR (a." col " = (SELECT b." col " FROM applications b WHERE b.id = ? AND b.company_id = ?)" \
	"   AND a.id " cmp " ?))"
#define PICK(states, col, cmp, dir, index) \
	"(SELECT a.id, a." col " AS at FROM applications a FORCE INDEX (" index ")" \
	" WHERE" SCOPE_NO_JOIN \
	" AND a.state " states AFTER(col, cmp) \
	" ORDER BY a." col " " dir ", a.id " dir " LIMIT " PAGE_LIMIT ") p" \
	" JOIN applications a ON a.id = p.id"

#define DESCRIBE \
	" JOIN operatives o ON o.id = a.operative_id" \
	" JOIN card_types t ON t.id = a.card_type_id" \
	" JOIN application_kinds k ON k.code = a.kind"

/* How many a list holds, for its heading and "showing N of M". */
#define COUNT_OF(states) \
	"(SELECT COUNT(*) FROM applications a WHERE" SCOPE_NO_JOIN " AND a.state " states ")"

/*
 * Requiring Attention's three lists (in progress, on hold, finalised), each a
 * page of its own, and their totals in one round trip (db_sections_hdf): list 0
 * InProgress, 1 OnHold, 2 Finalised, 3 Totals (one row); each branch fills its
 * own columns and leaves the others NULL.
 */
static const char *const sql_attention =
    "SELECT * FROM ("
    "(SELECT 0 AS list, ROW_NUMBER() OVER (ORDER BY p.at DESC, a.id DESC) AS seq,"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type, a.step,"
    " IFNULL((SELECT CONCAT(u.first_name, ' ', u.last_name) FROM users u"
    "   WHERE u.id = a.created_by), '') AS started_by,"
    " DATE_FORMAT(a.created_at, '%d/%m/%Y') AS started,"
    " NULL AS reason, NULL AS employed_by, NULL AS `group`, NULL AS hse, NULL AS photo,"
    " NULL AS grade, NULL AS occupation, NULL AS note,"
    " NULL AS in_progress, NULL AS on_hold, NULL AS finalised"
    " FROM " PICK("= 'in_progress'", "created_at", "<", "DESC", "ix_applications_company_state_created") DESCRIBE ")"
    " UNION ALL "
    "(SELECT 1, ROW_NUMBER() OVER (ORDER BY p.at DESC, a.id DESC),"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name),"
    " CONCAT(t.short_name, ' - ', k.name), NULL, NULL, NULL, a.hold_reason,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM " PICK("= 'on_hold'", "updated_at", "<", "DESC", "ix_applications_company_state_updated") DESCRIBE ")"
    " UNION ALL "
    "(SELECT 2, ROW_NUMBER() OVER (ORDER BY p.at, a.id),"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name),"
    " CONCAT(t.short_name, ' - ', k.name), NULL, NULL, NULL, NULL, c.name,"
    " IFNULL(g.name, ''),"
    " CASE WHEN a.hse_route IN ('passed', 'exemption') THEN 'OK'"
    "  WHEN a.hse_route = 'online' THEN 'Online' WHEN a.hse_route = 'test_centre'"
    "  THEN 'Test centre' ELSE 'None' END,"
    " IF(a.photo_document_id IS NULL, 'None', 'OK'),"
    " IFNULL(gr.name, ''), IFNULL(oc.name, ''), a.hold_reason, NULL, NULL, NULL"
    " FROM " PICK("= 'finalised'", "finalised_at", ">", "ASC", "ix_applications_company_state_finalised") DESCRIBE
    " JOIN offices f ON f.id = a.office_id"
    " JOIN companies c ON c.id = a.company_id"
    " LEFT JOIN company_groups g ON g.id = f.group_id"
    " LEFT JOIN grades gr ON gr.id = a.grade_id"
    " LEFT JOIN occupations oc ON oc.id = a.occupation_id)"
    " UNION ALL "
    "(SELECT 3, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    " NULL, NULL, NULL," COUNT_OF("= 'in_progress'") "," COUNT_OF("= 'on_hold'") ","
    COUNT_OF("= 'finalised'") ")"
    ") l ORDER BY l.list, l.seq";

#define PRODUCED_STATES "IN ('received', 'verifying', 'on_hold', 'verified', 'being_produced')"
static const char *const sql_produced =
    "SELECT 0 AS list, ROW_NUMBER() OVER (ORDER BY p.at DESC, a.id DESC) AS seq,"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type,"
    " ELT(FIELD(a.state, 'received', 'verifying', 'on_hold', 'verified', 'being_produced'),"
    "  'Received', 'Verifying', 'On hold', 'Verified', 'Being produced') AS status,"
    " IF(a.state = 'on_hold', a.hold_reason, '') AS reason,"
    " DATE_FORMAT(a.updated_at, '%d/%m/%Y') AS updated, NULL AS total"
    " FROM " PICK(PRODUCED_STATES, "updated_at", "<", "DESC", "ix_applications_company_state_updated") DESCRIBE
    " UNION ALL SELECT 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    COUNT_OF(PRODUCED_STATES) " ORDER BY 1, 2";

/* Completed: visible for three months after dispatch. */
#define COMPLETED_STATES "= 'dispatched' AND a.completed_at >= NOW(6) - INTERVAL 3 MONTH"
static const char *const sql_completed =
    "SELECT 0 AS list, ROW_NUMBER() OVER (ORDER BY p.at DESC, a.id DESC) AS seq,"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type, IFNULL(cd.card_number, '') AS card_number,"
    " IFNULL(DATE_FORMAT(cd.expires_on, '%d/%m/%Y'), '') AS expires,"
    " DATE_FORMAT(a.completed_at, '%d/%m/%Y') AS completed, NULL AS total"
    " FROM " PICK(COMPLETED_STATES, "completed_at", "<", "DESC", "ix_applications_company_completed") DESCRIBE
    " LEFT JOIN cards cd ON cd.id = a.issued_card_id"
    " UNION ALL SELECT 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    COUNT_OF(COMPLETED_STATES) " ORDER BY 1, 2";

#define SCOPE_ARGS(s) (s)->company_id, (s)->scope_group, (s)->scope_group, \
	(s)->scope_office, (s)->scope_office
/* PICK's binds: the scope, then the cursor (c) with the company. */
#define PICK_ARGS(s, c) SCOPE_ARGS(s), (c), (c), (s)->company_id, (c), (s)->company_id, (c)
#define PICK_TYPES "uuuuu" "uuuuuu"

/* The cursors: the last application shown of each list (?ip=, ?oh=, ?fin=, ?after=). */
enum { C_IP, C_OH, C_FIN, C_AFTER };
const struct field list_fields[] = {
	[C_IP] = { "ip", v_id, 0 },
	[C_OH] = { "oh", v_id, 0 },
	[C_FIN] = { "fin", v_id, 0 },
	[C_AFTER] = { "after", v_id, 0 },
	{ NULL, NULL, 0 }
};

static unsigned long long
cursor(const struct req *r, int which)
{
	const struct fieldval *f = &r->fields[which];

	return f->present && !f->err ? (unsigned long long)f->num : 0;
}

/*
 * The pager of a list fetched with one row too many (layout/pager.cs): trims it
 * back to PAGE_SIZE and sets Page.NAME.shown/total, .next (path with the last
 * id shown put in for %llu) when more follow, and .first on a later page.
 */
static void
pager(struct req *r, const char *name, size_t fetched, const char *total,
    unsigned long long cursor, const char *first, const char *next_fmt)
{
	const char *p = req_printf(r, "Page.%s", name);
	size_t shown;
	unsigned long long last = req_page_trim(r, name, fetched, PAGE_SIZE, &shown);

	if (last)
		req_set(r, req_printf(r, "%s.next", p), req_printf(r, next_fmt, last));
	req_setf(r, req_printf(r, "%s.shown", p), "%zu", shown);
	req_set(r, req_printf(r, "%s.total", p),
	    hdf_get_value(r->hdf, req_printf(r, "Totals.%s", total), "0"));
	if (cursor)
		req_set(r, req_printf(r, "%s.first", p), first);
}

int
applications_attention(struct req *r)
{
	static const char *const lists[] = { "InProgress", "OnHold", "Finalised", "Totals." };
	const struct session *s = r->sess;
	unsigned long long ip = cursor(r, C_IP), oh = cursor(r, C_OH), fin = cursor(r, C_FIN);
	size_t counts[4];
	int rc;

	req_set(r, "Page.title", "Applications Requiring Attention");
	if ((rc = db_sections_hdf(r->db, r->hdf, lists, 4, counts, sql_attention,
	    PICK_TYPES PICK_TYPES PICK_TYPES "uuuuu" "uuuuu" "uuuuu",
	    PICK_ARGS(s, ip), PICK_ARGS(s, oh), PICK_ARGS(s, fin),
	    SCOPE_ARGS(s), SCOPE_ARGS(s), SCOPE_ARGS(s))) != 0)
		return rc;
	/* The links of one list keep the other two where they are. */
	pager(r, "InProgress", counts[0], "in_progress", ip,
	    req_printf(r, "/applications/attention?oh=%llu&fin=%llu#in-progress", oh, fin),
	    req_printf(r, "/applications/attention?ip=%%llu&oh=%llu&fin=%llu#in-progress", oh, fin));
	pager(r, "OnHold", counts[1], "on_hold", oh,
	    req_printf(r, "/applications/attention?ip=%llu&fin=%llu#on-hold", ip, fin),
	    req_printf(r, "/applications/attention?ip=%llu&oh=%%llu&fin=%llu#on-hold", ip, fin));
	pager(r, "Finalised", counts[2], "finalised", fin,
	    req_printf(r, "/applications/attention?ip=%llu&oh=%llu#finalised", ip, oh),
	    req_printf(r, "/applications/attention?ip=%llu&oh=%llu&fin=%%llu#finalised", ip, oh));
	/* Not under Finalised: a template iterating the rows must not meet it. */
	req_set(r, "Counts.finalised", hdf_get_value(r->hdf, "Totals.finalised", "0"));
	return HTTP_OK;
}

/* Being Produced and Completed: one list (Apps) and its total. */
static int
single_list(struct req *r, const char *sql, const char *path, const char *title)
{
	static const char *const lists[] = { "Apps", "Totals." };
	const struct session *s = r->sess;
	unsigned long long after = cursor(r, C_AFTER);
	size_t counts[2];
	int rc;

	req_set(r, "Page.title", title);
	if ((rc = db_sections_hdf(r->db, r->hdf, lists, 2, counts, sql, PICK_TYPES "uuuuu",
	    PICK_ARGS(s, after), SCOPE_ARGS(s))) != 0)
		return rc;
	pager(r, "Apps", counts[0], "total", after, path, req_printf(r, "%s?after=%%llu", path));
	return HTTP_OK;
}

int
applications_produced(struct req *r)
{
	return single_list(r, sql_produced, "/applications/produced", "Applications Being Produced");
}

int
applications_completed(struct req *r)
{
	return single_list(r, sql_completed, "/applications/completed", "Completed Applications");
}
