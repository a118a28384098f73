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

static const char *const sql_in_progress =
    "SELECT a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type, a.step,"
    " IFNULL((SELECT CONCAT(u.first_name, ' ', u.last_name) FROM users u"
    "   WHERE u.id = a.created_by), '') AS started_by,"
    " DATE_FORMAT(a.created_at, '%d/%m/%Y') AS started"
    FROM_SCOPED " AND a.state = 'in_progress' ORDER BY a.created_at DESC LIMIT 500";
static const char *const sql_on_hold =
    "SELECT a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " CONCAT(t.short_name, ' - ', k.name) AS type, a.hold_reason AS reason"
    FROM_SCOPED " AND a.state = 'on_hold' ORDER BY a.updated_at DESC LIMIT 500";
static const char *const sql_finalised =
    "SELECT a.id, a.reference, CONCAT(o.last_name, ', ', o.first_name) AS name,"
    " c.name AS employed_by, IFNULL(g.name, '') AS `group`,"
    " CASE WHEN a.hse_route IN ('passed', 'exemption') THEN 'OK'"
    "  WHEN a.hse_route = 'online' THEN 'Online' WHEN a.hse_route = 'test_centre'"
    "  THEN 'Test centre' ELSE 'None' END AS hse,"
    " IF(a.photo_document_id IS NULL, 'None', 'OK') AS photo,"
    " CONCAT(t.short_name, ' - ', k.name) AS type,"
    " IFNULL(gr.name, '') AS grade, IFNULL(oc.name, '') AS occupation, a.hold_reason AS note"
    " FROM applications a JOIN offices f ON f.id = a.office_id"
    " JOIN companies c ON c.id = a.company_id"
    " LEFT JOIN company_groups g ON g.id = f.group_id"
    " JOIN operatives o ON o.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id"
    " JOIN application_kinds k ON k.code = a.kind"
    " LEFT JOIN grades gr ON gr.id = a.grade_id"
    " LEFT JOIN occupations oc ON oc.id = a.occupation_id"
    " WHERE" APP_SCOPE " AND a.state = 'finalised' ORDER BY a.finalised_at LIMIT 500";
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
	const struct session *s = r->sess;
	size_t finalised = 0;
	int rc;

	req_set(r, "Page.title", "Applications Requiring Attention");
	if ((rc = db_rows_hdf(r->db, r->hdf, "InProgress", NULL, sql_in_progress, "uuuuu",
	    SCOPE_ARGS(s))) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "OnHold", NULL, sql_on_hold, "uuuuu",
	    SCOPE_ARGS(s))) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Finalised", &finalised, sql_finalised, "uuuuu",
	    SCOPE_ARGS(s))) != 0)
		return rc;
	/* Not under Finalised: a template iterating the rows must not meet it. */
	req_setf(r, "Counts.finalised", "%zu", finalised);
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
