/*
 * employee.c: an employee's page; changing their contact details; leaving.
 * The operative must be (or have been) employed by the user's company within
 * the user's level; anyone else's id answers 404.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "employees.h"

static const char *const sql_person =
    "SELECT o.id, o.title, o.first_name, o.last_name, o.ni_number AS ni,"
    " DATE_FORMAT(o.date_of_birth, '%d/%m/%Y') AS dob,"
    " ELT(FIELD(o.gender, 'male', 'female', 'other', 'not_stated'),"
    "  'Male', 'Female', 'Other', 'Not stated') AS gender,"
    " e.address_line1, e.address_line2, e.town, e.postcode,"
    " e.business_phone, e.business_email,"
    " CASE WHEN o.hse_passed_on >= CURDATE() - INTERVAL 2 YEAR THEN 'Passed'"
    "  WHEN EXISTS (SELECT 1 FROM exemptions x WHERE x.operative_id = o.id"
    "   AND x.expires_on >= CURDATE()) THEN 'Exempt' ELSE 'None' END AS hse,"
    " o.hse_number, DATE_FORMAT(o.hse_passed_on, '%d/%m/%Y') AS hse_passed,"
    " DATE_FORMAT(o.ecs_registered_on, '%d/%m/%Y') AS ecs_registered,"
    " e.ended_on IS NULL AS current"
    " FROM operatives o JOIN employments e ON e.operative_id = o.id"
    " JOIN offices f ON f.id = e.office_id"
    " WHERE o.id = ? AND" SCOPE
    " ORDER BY e.ended_on IS NULL DESC, e.started_on DESC LIMIT 1";
/*
 * The person's cards, their applications here and their employments here in
 * one round trip (db_sections_hdf): list 0 Cards, 1 Applications, 2 History.
 * Run only once sql_person has found the person within the user's level.
 */
static const char *const sql_lists =
    "SELECT * FROM ("
    " SELECT 0 AS list, ROW_NUMBER() OVER (ORDER BY c.expires_on DESC, c.id) AS seq,"
    "  c.card_number AS number, t.name AS type, oc.name AS occupation,"
    "  g.name AS grade, DATE_FORMAT(c.issued_on, '%d/%m/%Y') AS issued,"
    "  DATE_FORMAT(c.expires_on, '%d/%m/%Y') AS expires,"
    "  IF(c.status = 'valid' AND c.expires_on < CURDATE(), 'expired', c.status) AS status,"
    "  NULL AS reference, NULL AS state, NULL AS office, NULL AS started, NULL AS ended"
    "  FROM cards c JOIN card_types t ON t.id = c.card_type_id"
    "  JOIN occupations oc ON oc.id = c.occupation_id"
    "  LEFT JOIN grades g ON g.id = c.grade_id"
    "  WHERE c.operative_id = ?"
    " UNION ALL"
    " SELECT 1, ROW_NUMBER() OVER (ORDER BY a.created_at DESC, a.id DESC),"
    "  NULL, CONCAT(t.short_name, ' - ', k.name), NULL, NULL, NULL, NULL, NULL,"
    "  a.reference, REPLACE(a.state, '_', ' '), NULL, NULL, NULL"
    "  FROM applications a JOIN card_types t ON t.id = a.card_type_id"
    "  JOIN application_kinds k ON k.code = a.kind"
    "  WHERE a.operative_id = ? AND a.company_id = ?"
    " UNION ALL"
    " SELECT 2, ROW_NUMBER() OVER (ORDER BY e.started_on DESC, e.id DESC),"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  f.name, DATE_FORMAT(e.started_on, '%d/%m/%Y'), DATE_FORMAT(e.ended_on, '%d/%m/%Y')"
    "  FROM employments e JOIN offices f ON f.id = e.office_id"
    "  WHERE e.operative_id = ? AND e.company_id = ?"
    ") l WHERE l.list <> 1 OR l.seq <= 50 ORDER BY l.list, l.seq";
static const char *const sql_current =
    "SELECT e.id, e.started_on FROM employments e JOIN offices f ON f.id = e.office_id"
    " WHERE e.operative_id = ? AND" SCOPE " AND e.ended_on IS NULL";
/*
 * The employer's contact details of this employment (0007). A field the
 * form did not send at all (NULL) keeps its value; one sent empty clears it.
 */
static const char *const sql_set_contact =
    "UPDATE employments SET"
    " address_line1 = IFNULL(?, address_line1), address_line2 = IFNULL(?, address_line2),"
    " town = IFNULL(?, town), postcode = IFNULL(?, postcode),"
    " business_phone = IFNULL(?, business_phone), business_email = IFNULL(?, business_email)"
    " WHERE id = ?";
static const char *const sql_leave =
    "UPDATE employments SET ended_on = ?, ended_by_user_id = ?"
    " WHERE id = ? AND ended_on IS NULL AND started_on <= ?";

static const char *
v_address(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_text(in, out, cap, num);

	if (err == NULL && strlen(out) > 100)
		return "Please keep this to 100 characters.";
	return err;
}

static const char *
v_leave_date(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_date(in, out, cap, num);
	time_t now = time(NULL);
	struct tm tm;

	if (err)
		return err;
	gmtime_r(&now, &tm);
	if (*num > (long long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday)
		return "The leaving date cannot be in the future.";
	return NULL;
}

enum { K_LINE1, K_LINE2, K_TOWN, K_POSTCODE, K_PHONE, K_EMAIL };
const struct field contact_fields[] = {
	[K_LINE1] = { "address_line1", v_address, 0 },
	[K_LINE2] = { "address_line2", v_address, 0 },
	[K_TOWN] = { "town", v_address, 0 },
	[K_POSTCODE] = { "postcode", v_postcode, 0 },
	[K_PHONE] = { "business_phone", v_phone, 0 },
	[K_EMAIL] = { "business_email", v_email, 0 },
	{ NULL, NULL, 0 }
};

const struct field leave_fields[] = {
	{ "ended_on", v_leave_date, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* Fills the page of operative id; *found 0 when it is not this user's to see. */
static int
load_page(struct req *r, unsigned long long id, int *found)
{
	static const char *const lists[] = { "Cards", "Applications", "History" };
	const struct session *s = r->sess;
	size_t counts[3];
	int rc;

	rc = db_row_hdf(r->db, r->hdf, "Employee", found, sql_person, "uuuuuu", id,
	    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office);
	if (rc != 0 || !*found)
		return rc;
	if ((rc = db_sections_hdf(r->db, r->hdf, lists, 3, counts, sql_lists, "uuuuu",
	    id, id, s->company_id, id, s->company_id)) != 0)
		return rc;
	req_set(r, "Page.title", req_printf(r, "%s %s",
	    hdf_get_value(r->hdf, "Employee.first_name", ""),
	    hdf_get_value(r->hdf, "Employee.last_name", "")));
	if (req_can(r, PERM_CHANGE_EMPLOYEE_DETAILS))
		req_set(r, "Can.change", "1");
	if (req_can(r, PERM_REMOVE_EMPLOYEES))
		req_set(r, "Can.remove", "1");
	return 0;
}

int
employees_view(struct req *r)
{
	int found, rc = load_page(r, r->ids[0], &found);

	if (rc != 0)
		return rc;
	return found ? HTTP_OK : HTTP_NOT_FOUND;
}

/* The current employment of operative id within the user's level. */
static int
current_employment(struct req *r, unsigned long long *employment, const char **started)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	*employment = 0;
	rc = db_query(r->db, &res, sql_current, "uuuuuu", r->ids[0], s->company_id,
	    s->scope_group, s->scope_group, s->scope_office, s->scope_office);
	if (rc == 0 && db_next(res)) {
		*employment = (unsigned long long)db_int(res, 0);
		if (started)
			*started = db_str(res, 1);
	}
	return rc;
}

/* The value to store, or NULL for a field the form did not send. */
static const char *
sent_value(const struct fieldval *f)
{
	return f->raw ? f->val : NULL;
}

int
employees_contact(struct req *r)
{
	const struct fieldval *f = r->fields;
	unsigned long long employment;
	const char *sent = "";
	size_t i;
	int rc, found;

	if ((rc = current_employment(r, &employment, NULL)) != 0)
		return rc;
	if (employment == 0)
		return HTTP_NOT_FOUND;
	if (r->invalid) {
		if ((rc = load_page(r, r->ids[0], &found)) != 0)
			return rc;
		req_form_to_hdf(r);
		req_set(r, "Form.error", "Please correct the contact details below.");
		return HTTP_OK;
	}
	/* The audit says which fields were sent, not their values. */
	for (i = 0; contact_fields[i].name; i++)
		if (f[i].raw)
			sent = req_printf(r, "%s%s%s", sent, sent[0] ? ", " : "",
			    contact_fields[i].name);
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_set_contact, "ssssssu", sent_value(&f[K_LINE1]),
	    sent_value(&f[K_LINE2]), sent_value(&f[K_TOWN]), sent_value(&f[K_POSTCODE]),
	    sent_value(&f[K_PHONE]), sent_value(&f[K_EMAIL]), employment)) != 0 ||
	    (rc = req_audit(r, "employee_contact_changed", "operative",
	    req_printf(r, "%llu", r->ids[0]), req_printf(r, "fields sent: %s", sent))) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The contact details have been saved.");
	return req_redirect(r, req_printf(r, "/employees/%llu", r->ids[0]));
}

int
employees_leave(struct req *r)
{
	const struct fieldval *f = r->fields;
	unsigned long long employment;
	const char *started = NULL;
	int rc, found;

	if ((rc = current_employment(r, &employment, &started)) != 0)
		return rc;
	if (employment == 0)
		return HTTP_NOT_FOUND;
	if (!r->invalid && started && strcmp(f[0].val, started) < 0) {
		r->fields[0].err = "The leaving date cannot be before the start date.";
		r->invalid++;
	}
	if (r->invalid) {
		if ((rc = load_page(r, r->ids[0], &found)) != 0)
			return rc;
		req_form_to_hdf(r);
		return HTTP_OK;
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_leave, "suus", f[0].val, r->sess->user_id, employment,
	    f[0].val)) != 0 ||
	    (rc = req_audit(r, "employee_left", "operative", req_printf(r, "%llu", r->ids[0]),
	    req_printf(r, "left on %s", f[0].val))) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The employment has ended; the history is kept.");
	return req_redirect(r, "/employees/current");
}
