/*
 * lists.c: the Applications tab: Requiring Attention (in progress, on hold,
 * finalised and awaiting ordering), Being Produced, Completed (visible for
 * three months after dispatch). Scoped to the user's level.
 */
#include <stdio.h>

#include "applications.h"

#define FROM_SCOPED \
	" FROM applications a JOIN offices f ON f.id = a.office_id" \
	" JOIN operatives o ON o.id = a.operative_id" \
	" JOIN card_types t ON t.id = a.card_type_id" \
	" JOIN application_kinds k ON k.code = a.kind" \
	" WHERE" APP_SCOPE

/*
 * Requiring Attention's three lists (in progress, on hold, finalised), each of
 * at most 500, in one round trip (db_sections_hdf): list 0 InProgress, 1 OnHold,
 * 2 Finalised; each branch fills its own columns and leaves the others NULL.
 */
#define ATTENTION_LIMIT "500"
static const char *const sql_attention =
    "SELECT * FROM ("
    "(SELECT 0 AS list, ROW_NUMBER() OVER (ORDER BY a.created_at DESC, a.id DESC) AS seq,"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type, a.step,"
    " IFNULL((SELECT CONCAT(u.first_name, ' ', u.last_name) FROM users u"
    "   WHERE u.id = a.created_by), '') AS started_by,"
    " DATE_FORMAT(a.created_at, '%d/%m/%Y') AS started,"
    " NULL AS reason, NULL AS employed_by, NULL AS `group`, NULL AS hse, NULL AS photo,"
    " NULL AS grade, NULL AS occupation, NULL AS note"
    FROM_SCOPED " AND a.state = 'in_progress'"
    " ORDER BY a.created_at DESC, a.id DESC LIMIT " ATTENTION_LIMIT ")"
    " UNION ALL "
    "(SELECT 1, ROW_NUMBER() OVER (ORDER BY a.updated_at DESC, a.id DESC),"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name),"
    " CONCAT(t.short_name, ' - ', k.name), NULL, NULL, NULL, a.hold_reason,"
    " NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    FROM_SCOPED " AND a.state = 'on_hold'"
    " ORDER BY a.updated_at DESC, a.id DESC LIMIT " ATTENTION_LIMIT ")"
    " UNION ALL "
    "(SELECT 2, ROW_NUMBER() OVER (ORDER BY a.finalised_at, a.id),"
    " a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name),"
    " CONCAT(t.short_name, ' - ', k.name), NULL, NULL, NULL, NULL, c.name,"
    " IFNULL(g.name, ''),"
    " CASE WHEN a.hse_route IN ('passed', 'exemption') THEN 'OK'"
    "  WHEN a.hse_route = 'online' THEN 'Online' WHEN a.hse_route = 'test_centre'"
    "  THEN 'Test centre' ELSE 'None' END,"
    " IF(a.photo_document_id IS NULL, 'None', 'OK'),"
    " IFNULL(gr.name, ''), IFNULL(oc.name, ''), a.hold_reason"
    " FROM applications a JOIN offices f ON f.id = a.office_id"
    " JOIN companies c ON c.id = a.company_id"
    " LEFT JOIN company_groups g ON g.id = f.group_id"
    " JOIN operatives o ON o.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id"
    " JOIN application_kinds k ON k.code = a.kind"
    " LEFT JOIN grades gr ON gr.id = a.grade_id"
    " LEFT JOIN occupations oc ON oc.id = a.occupation_id"
    " WHERE" APP_SCOPE " AND a.state = 'finalised'"
    " ORDER BY a.finalised_at, a.id LIMIT " ATTENTION_LIMIT ")"
    ") l ORDER BY l.list, l.seq";
static const char *const sql_produced =
    "SELECT a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type,"
    " ELT(FIELD(a.state, 'received', 'verifying', 'on_hold', 'verified', 'being_produced'),"
    "  'Received', 'Verifying', 'On hold', 'Verified', 'Being produced') AS status,"
    " IF(a.state = 'on_hold', a.hold_reason, '') AS reason,"
    " DATE_FORMAT(a.updated_at, '%d/%m/%Y') AS updated"
    FROM_SCOPED " AND a.state IN ('received', 'verifying', 'on_hold', 'verified', 'being_produced')"
    " ORDER BY a.updated_at DESC LIMIT 500";
static const char *const sql_completed =
    "SELECT a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type, IFNULL(cd.card_number, '') AS card_number,"
    " IFNULL(DATE_FORMAT(cd.expires_on, '%d/%m/%Y'), '') AS expires,"
    " DATE_FORMAT(a.completed_at, '%d/%m/%Y') AS completed"
    " FROM applications a JOIN offices f ON f.id = a.office_id"
    " JOIN operatives o ON o.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id"
    " JOIN application_kinds k ON k.code = a.kind"
    " LEFT JOIN cards cd ON cd.id = a.issued_card_id"
    " WHERE" APP_SCOPE " AND a.state = 'dispatched'"
    " AND a.completed_at >= NOW(6) - INTERVAL 3 MONTH ORDER BY a.completed_at DESC LIMIT 500";

#define SCOPE_ARGS(s) (s)->company_id, (s)->scope_group, (s)->scope_group, \
	(s)->scope_office, (s)->scope_office

int
applications_attention(struct req *r)
{
	static const char *const lists[] = { "InProgress", "OnHold", "Finalised" };
	const struct session *s = r->sess;
	size_t counts[3];
	int rc;

	req_set(r, "Page.title", "Applications Requiring Attention");
	if ((rc = db_sections_hdf(r->db, r->hdf, lists, 3, counts, sql_attention,
	    "uuuuu" "uuuuu" "uuuuu", SCOPE_ARGS(s), SCOPE_ARGS(s), SCOPE_ARGS(s))) != 0)
		return rc;
	/* Not under Finalised: a template iterating the rows must not meet it. */
	req_setf(r, "Counts.finalised", "%zu", counts[2]);
	return HTTP_OK;
}

int
applications_produced(struct req *r)
{
	int rc = db_rows_hdf(r->db, r->hdf, "Apps", NULL, sql_produced, "uuuuu",
	    SCOPE_ARGS(r->sess));

	req_set(r, "Page.title", "Applications Being Produced");
	return rc ? rc : HTTP_OK;
}

int
applications_completed(struct req *r)
{
	int rc = db_rows_hdf(r->db, r->hdf, "Apps", NULL, sql_completed, "uuuuu",
	    SCOPE_ARGS(r->sess));

	req_set(r, "Page.title", "Completed Applications");
	return rc ? rc : HTTP_OK;
}
