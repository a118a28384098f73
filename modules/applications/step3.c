/*
 * step3.c: Step 3 - Occupations & Grading. The card type, the main
 * occupation of that card type, a grade where the occupation has grades,
 * additional occupations; beside them what the occupation requires and
 * which requirements the verified evidence meets.
 */
#include <stdio.h>
#include <string.h>

#include "applications.h"

#define MAX_KINDS	32

static const char *const sql_types =
    "SELECT id, name FROM card_types ORDER BY sort";
static const char *const sql_occupations =
    "SELECT o.id, o.name, d.name AS discipline FROM occupation_card_types oct"
    " JOIN occupations o ON o.id = oct.occupation_id"
    " JOIN disciplines d ON d.id = o.discipline_id"
    " WHERE oct.card_type_id = ? AND o.active ORDER BY d.sort, o.sort, o.name";
static const char *const sql_occupation_ok =
    "SELECT 1 FROM occupation_card_types oct JOIN occupations o ON o.id = oct.occupation_id"
    " WHERE oct.card_type_id = ? AND oct.occupation_id = ? AND o.active";
/* JIB grades for craft cards, apprentice stages for apprentice cards. */
static const char *const sql_grades =
    "SELECT g.id, g.name FROM grades g JOIN card_types t ON t.id = ?"
    " WHERE (t.code = 'craft' AND g.kind = 'jib')"
    " OR (t.code IN ('jib_apprentice', 'non_jib_apprentice') AND g.kind = 'apprentice')"
    " ORDER BY g.sort";
static const char *const sql_additional =
    "SELECT occupation_id FROM application_additional_occupations WHERE application_id = ?";
static const char *const sql_registered =
    "SELECT DATE_FORMAT(o.ecs_registered_on, '%d/%m/%Y') AS date FROM applications a"
    " JOIN operatives o ON o.id = a.operative_id WHERE a.id = ? AND o.ecs_registered_on IS NOT NULL";
/* The occupation's options (any one suffices), then as option 0 what the grade needs
 * besides (every one): migration 0024. */
static const char *const sql_requirements =
    "SELECT r.option_no, r.qualification_kind, k.name, k.sort FROM occupation_requirements r"
    " JOIN qualification_kinds k ON k.code = r.qualification_kind"
    " WHERE r.occupation_id = ? AND r.card_type_id = ?"
    " UNION ALL SELECT 0, g.qualification_kind, k.name, k.sort FROM grade_requirements g"
    " JOIN qualification_kinds k ON k.code = g.qualification_kind WHERE g.grade_id = ?"
    " ORDER BY 1, 4";
/* The kinds of qualification the verified evidence gives. */
static const char *const sql_evidence_kinds =
    "SELECT DISTINCT q.qualification_kind FROM application_evidence v"
    " JOIN certificates c ON c.id = v.certificate_id"
    " JOIN qualifications q ON q.id = c.qualification_id"
    " WHERE v.application_id = ? AND v.status = 'verified'";
static const char *const sql_save =
    "UPDATE applications SET card_type_id = ?, occupation_id = ?, grade_id = NULLIF(?, 0),"
    " qs_requested = ? WHERE id = ? AND state = 'in_progress'";
/*
 * Endorsements: set by a user who holds the permission and ticks the box,
 * cleared by one who holds it and does not; anyone changing the grade (or
 * dropping the request) clears what no longer applies.
 */
static const char *const sql_endorse =
    "UPDATE applications SET"
    " grading_endorsed_by = CASE WHEN ? = 1 THEN ? WHEN ? = 1 OR ? = 1 THEN NULL"
    "   ELSE grading_endorsed_by END,"
    " grading_endorsed_at = IF(grading_endorsed_by IS NULL, NULL,"
    "   IF(? = 1, NOW(6), grading_endorsed_at)),"
    " qs_endorsed_by = CASE WHEN ? = 1 AND qs_requested = 1 THEN ?"
    "   WHEN ? = 1 OR qs_requested = 0 THEN NULL ELSE qs_endorsed_by END,"
    " qs_endorsed_at = IF(qs_endorsed_by IS NULL, NULL, IF(? = 1, NOW(6), qs_endorsed_at))"
    " WHERE id = ?";
static const char *const sql_endorsements =
    "SELECT a.qs_requested, a.grading_endorsed_by IS NOT NULL, a.qs_endorsed_by IS NOT NULL,"
    " a.grade_id IS NOT NULL AND EXISTS (SELECT 1 FROM cards c WHERE c.operative_id = a.operative_id"
    "   AND c.card_type_id = a.card_type_id AND c.status = 'valid' AND c.expires_on >= CURDATE()"
    "   AND NOT (c.grade_id <=> a.grade_id))"
    " FROM applications a WHERE a.id = ?";
static const char *const sql_clear_additional =
    "DELETE FROM application_additional_occupations WHERE application_id = ?";
static const char *const sql_add_additional =
    "INSERT IGNORE INTO application_additional_occupations (application_id, occupation_id)"
    " VALUES (?, ?)";
static const char *const sql_grade_ok =
    "SELECT 1 FROM grades g JOIN card_types t ON t.id = ? WHERE g.id = ?"
    " AND ((t.code = 'craft' AND g.kind = 'jib')"
    " OR (t.code IN ('jib_apprentice', 'non_jib_apprentice') AND g.kind = 'apprentice'))";
/* For another card type: what the person holds of it, and anything open of it. */
static const char *const sql_type_for =
    "SELECT t.renewable,"
    " (SELECT MAX(c.expires_on) FROM cards c WHERE c.operative_id = a.operative_id"
    "   AND c.card_type_id = t.id AND c.status IN ('valid', 'expired')) IS NOT NULL,"
    " IFNULL((SELECT MAX(c.expires_on) FROM cards c WHERE c.operative_id = a.operative_id"
    "   AND c.card_type_id = t.id AND c.status IN ('valid', 'expired'))"
    "   > CURDATE() + INTERVAL 3 MONTH, 0),"
    " EXISTS (SELECT 1 FROM applications x WHERE x.operative_id = a.operative_id"
    "   AND x.company_id = a.company_id AND x.card_type_id = t.id AND x.id <> a.id"
    "   AND x.state NOT IN ('dispatched', 'cancelled'))"
    " FROM card_types t JOIN applications a ON a.id = ? WHERE t.id = ?";

/* CHANGE (card_type or occupation) shows the page again for the new choice. */
static const char *
v_change(const char *in, char *out, size_t cap, long long *num)
{
	(void)num;
	snprintf(out, cap, "%s", in);
	return strcmp(in, "card_type") == 0 || strcmp(in, "occupation") == 0 ? NULL :
	    "Please use the buttons of the page.";
}

enum { O_TYPE, O_OCCUPATION, O_GRADE, O_ADDITIONAL, O_CHANGE, O_QS, O_END_GRADING, O_END_QS };
const struct field step3_fields[] = {
	[O_TYPE] = { "card_type", v_id, F_REQUIRED },
	[O_OCCUPATION] = { "occupation_id", v_id, 0 },
	[O_GRADE] = { "grade_id", v_id, 0 },
	[O_ADDITIONAL] = { "additional", v_id, F_MULTI },
	[O_CHANGE] = { "change", v_change, 0 },
	[O_QS] = { "qs", v_yes, 0 },
	[O_END_GRADING] = { "endorse_grading", v_yes, 0 },
	[O_END_QS] = { "endorse_qs", v_yes, 0 },
	{ NULL, NULL, 0 }
};

int
applications_requirements(struct req *r, const struct app *a, const char **unmet)
{
	const char *have[MAX_KINDS];
	size_t nhave = 0, i, n = 0;
	struct dbres *req, *ev;
	long long option = -1, best = -1, best_met = -1, met = 0, total = 0;
	int valid, rc;

	*unmet = NULL;
	if (a->occupation == 0)
		return 0;
	if ((rc = app_hse_valid(r, a, &valid)) != 0 ||
	    (rc = db_query(r->db, &ev, sql_evidence_kinds, "u", a->id)) != 0 ||
	    (rc = db_query(r->db, &req, sql_requirements, "uuu", a->occupation, a->card_type,
	    a->grade)) != 0)
		return rc;
	/* The employer applying through the portal is the proof of employment. */
	have[nhave++] = "employer_proof";
	if (valid)
		have[nhave++] = "hse";
	while (db_next(ev) && nhave < MAX_KINDS)
		have[nhave++] = db_str(ev, 0);
	/* The option (any one suffices) with the most requirements met. */
	while (db_next(req)) {
		int held = 0;

		if (db_int(req, 0) == 0)
			continue;	/* the grade's */
		if (db_int(req, 0) != option) {
			if (option >= 0 && (met * 1000 - total > best_met)) {
				best = option;
				best_met = met * 1000 - total;
			}
			option = db_int(req, 0);
			met = total = 0;
		}
		for (i = 0; i < nhave; i++)
			held |= strcmp(have[i], db_str(req, 1)) == 0;
		met += held;
		total++;
	}
	if (option >= 0 && met * 1000 - total > best_met)
		best = option;
	db_rewind(req);
	while (db_next(req)) {
		int held = 0;

		if (db_int(req, 0) != best)
			continue;
		for (i = 0; i < nhave; i++)
			held |= strcmp(have[i], db_str(req, 1)) == 0;
		req_set(r, req_printf(r, "Requirements.%zu.name", n), db_str(req, 2));
		req_set(r, req_printf(r, "Requirements.%zu.kind", n), db_str(req, 1));
		req_set(r, req_printf(r, "Requirements.%zu.met", n), held ? "1" : "0");
		n++;
		if (!held && *unmet == NULL)
			*unmet = req_printf(r, "%s is not yet shown", db_str(req, 2));
	}
	/* The grade's, but for those the occupation's option already listed. */
	db_rewind(req);
	while (db_next(req)) {
		int held = 0, listed = 0;

		if (db_int(req, 0) != 0)
			continue;
		for (i = 0; i < n; i++)
			listed |= strcmp(hdf_get_value(r->hdf, req_printf(r, "Requirements.%zu.kind", i),
			    ""), db_str(req, 1)) == 0;
		if (listed)
			continue;
		for (i = 0; i < nhave; i++)
			held |= strcmp(have[i], db_str(req, 1)) == 0;
		req_set(r, req_printf(r, "Requirements.%zu.name", n), db_str(req, 2));
		req_set(r, req_printf(r, "Requirements.%zu.kind", n), db_str(req, 1));
		req_set(r, req_printf(r, "Requirements.%zu.met", n), held ? "1" : "0");
		n++;
		if (!held && *unmet == NULL)
			*unmet = req_printf(r, "%s is not yet shown", db_str(req, 2));
	}
	return 0;
}

/* The page for card type `type`, the main occupation and grade selected. */
static int
show(struct req *r, struct app *a, unsigned long long type, unsigned long long occupation,
    unsigned long long grade)
{
	const char *unmet;
	struct dbres *res;
	int rc;

	if ((rc = db_rows_hdf(r->db, r->hdf, "CardTypes", NULL, sql_types, "")) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Occupations", NULL, sql_occupations, "u", type)) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Grades", NULL, sql_grades, "u", type)) != 0 ||
	    (rc = db_row_hdf(r->db, r->hdf, "Registered", NULL, sql_registered, "u", a->id)) != 0)
		return rc;
	req_setf(r, "App.card_type_id", "%llu", type);
	req_setf(r, "App.occupation_id", "%llu", occupation);
	req_setf(r, "App.grade_id", "%llu", grade);
	/* Additional occupations: the others of this card type, ticked when chosen. */
	if ((rc = db_query(r->db, &res, sql_occupations, "u", type)) != 0)
		return rc;
	{
		struct dbres *chosen;
		size_t n = 0;

		if ((rc = db_query(r->db, &chosen, sql_additional, "u", a->id)) != 0)
			return rc;
		while (db_next(res)) {
			unsigned long long id = (unsigned long long)db_int(res, 0);
			int checked = 0;

			if (id == occupation)
				continue;
			db_rewind(chosen);
			while (db_next(chosen))
				checked |= (unsigned long long)db_int(chosen, 0) == id;
			req_set(r, req_printf(r, "Additional.%zu.id", n), db_str(res, 0));
			req_set(r, req_printf(r, "Additional.%zu.name", n), db_str(res, 1));
			if (checked)
				req_set(r, req_printf(r, "Additional.%zu.checked", n), "1");
			n++;
		}
	}
	a->occupation = occupation;
	a->card_type = type;
	if ((rc = applications_endorsements(r, a, NULL)) != 0)
		return rc;
	a->grade = grade;	/* the requirements of the grade chosen on the page */
	return applications_requirements(r, a, &unmet) ? HTTP_UNAVAILABLE : HTTP_OK;
}

int
applications_endorsements(struct req *r, const struct app *a, const char **missing)
{
	struct dbres *res;
	int rc;

	if (missing)
		*missing = NULL;
	if ((rc = db_query(r->db, &res, sql_endorsements, "u", a->id)) != 0)
		return rc;
	if (!db_next(res))
		return HTTP_SERVER_ERROR;
	if (db_int(res, 0))
		req_set(r, "Endorse.qs_requested", "1");
	if (db_int(res, 1))
		req_set(r, "Endorse.grading", "1");
	if (db_int(res, 2))
		req_set(r, "Endorse.qs", "1");
	if (db_int(res, 3))
		req_set(r, "Endorse.grading_needed", "1");
	if (req_can(r, PERM_ENDORSE_GRADING))
		req_set(r, "Endorse.can_grading", "1");
	if (req_can(r, PERM_ENDORSE_QS))
		req_set(r, "Endorse.can_qs", "1");
	if (missing && db_int(res, 3) && !db_int(res, 1))
		*missing = "An endorsement of the change in grading, by a user who may give it (step 3).";
	else if (missing && db_int(res, 0) && !db_int(res, 2))
		*missing = "An endorsement of the qualified supervisor status, by a user who may give it (step 3).";
	return 0;
}

int
applications_step3(struct req *r)
{
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 3)) != 0)
		return rc;
	if ((rc = app_reached(r, &a, 3)) != 0)
		return rc;
	return show(r, &a, a.card_type, a.occupation, a.grade);
}

/* 1 when sql with (a, b) gives a row. */
static int
exists(struct req *r, const char *sql, unsigned long long x, unsigned long long y, int two,
    int *yes)
{
	struct dbres *res;
	int rc = two ? db_query(r->db, &res, sql, "uu", x, y) : db_query(r->db, &res, sql, "u", x);

	*yes = rc == 0 && db_next(res);
	return rc;
}

int
applications_step3_save(struct req *r)
{
	struct fieldval *f = r->fields;
	const struct fieldval *v;
	unsigned long long type, occupation, grade;
	struct dbres *res;
	struct app a;
	int rc, ok, has_grades;

	if ((rc = app_edit_page(r, &a, 3)) != 0)
		return rc;
	type = f[O_TYPE].err ? a.card_type : (unsigned long long)f[O_TYPE].num;
	occupation = f[O_OCCUPATION].err ? 0 : (unsigned long long)f[O_OCCUPATION].num;
	grade = f[O_GRADE].present && !f[O_GRADE].err ? (unsigned long long)f[O_GRADE].num : 0;
	/* Another card type only where this kind of application applies to it. */
	if ((rc = db_query(r->db, &res, sql_type_for, "uu", a.id, type)) != 0)
		return rc;
	if (!db_next(res)) {
		f[O_TYPE].err = "Please choose a card type from the list.";
		r->invalid++;
		type = a.card_type;
	} else if (type != a.card_type && (db_int(res, 3) || !kind_offered(a.kind,
	    (int)db_int(res, 1), (int)db_int(res, 2), (int)db_int(res, 0)))) {
		f[O_TYPE].err = db_int(res, 3) ? "An application for that card is already open." :
		    "This kind of application does not apply to that card type for this person.";
		r->invalid++;
		type = a.card_type;
	}
	if (f[O_CHANGE].present && !f[O_CHANGE].err) {
		/* Nothing saved: the lists of the card type (or occupation) chosen, or
		 * why that card type cannot be chosen. */
		if (f[O_TYPE].err)
			req_set(r, "Form.card_type.error", f[O_TYPE].err);
		if (occupation && (rc = exists(r, sql_occupation_ok, type, occupation, 1, &ok)) != 0)
			return rc;
		return show(r, &a, type, occupation && ok ? occupation : 0, 0);
	}
	if (occupation == 0 && !f[O_OCCUPATION].err) {
		f[O_OCCUPATION].err = "Please choose the main occupation.";
		r->invalid++;
	}
	if (occupation && (rc = exists(r, sql_occupation_ok, type, occupation, 1, &ok)) != 0)
		return rc;
	if (occupation && !ok) {
		f[O_OCCUPATION].err = "Please choose an occupation of this card type.";
		r->invalid++;
	}
	if ((rc = db_query(r->db, &res, sql_grades, "u", type)) != 0)
		return rc;
	has_grades = db_rows(res) > 0;
	if (has_grades && grade == 0 && !f[O_GRADE].err) {
		f[O_GRADE].err = "Please choose the grade.";
		r->invalid++;
	} else if (grade && (rc = exists(r, sql_grade_ok, type, grade, 1, &ok)) == 0 && !ok) {
		f[O_GRADE].err = "Please choose a grade from the list.";
		r->invalid++;
	}
	for (v = &f[O_ADDITIONAL]; v && !r->invalid; v = v->next)
		if (v->present && (v->err || (rc = exists(r, sql_occupation_ok, type,
		    (unsigned long long)v->num, 1, &ok)) != 0 || !ok)) {
			f[O_ADDITIONAL].err = "Please choose additional occupations from the list.";
			r->invalid++;
		}
	if (rc != 0)
		return rc;
	if (r->invalid) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", "Please correct the choices below.");
		return show(r, &a, type, occupation, grade);
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	{
		long long can_g = req_can(r, PERM_ENDORSE_GRADING), can_q = req_can(r, PERM_ENDORSE_QS);
		long long end_g = can_g && f[O_END_GRADING].present && !f[O_END_GRADING].err;
		long long end_q = can_q && f[O_END_QS].present && !f[O_END_QS].err;
		long long regraded = grade != a.grade;

		if ((rc = db_exec(r->db, sql_save, "uuuiu", type, occupation, grade,
		    (long long)(f[O_QS].present && !f[O_QS].err), a.id)) != 0 ||
		    (rc = db_exec(r->db, sql_endorse, "iuiiiiuiiu",
		    end_g, r->sess->user_id, can_g, regraded, end_g,
		    end_q, r->sess->user_id, can_q, end_q, a.id)) != 0 ||
		    (rc = db_exec(r->db, sql_clear_additional, "u", a.id)) != 0)
			goto fail;
		if ((end_g && (rc = req_audit(r, "grading_endorsed", "application",
		    req_printf(r, "%llu", a.id), "")) != 0) ||
		    (end_q && (rc = req_audit(r, "qs_endorsed", "application",
		    req_printf(r, "%llu", a.id), "")) != 0))
			goto fail;
	}
	for (v = &f[O_ADDITIONAL]; v; v = v->next)
		if (v->present && (unsigned long long)v->num != occupation &&
		    (rc = db_exec(r->db, sql_add_additional, "uu", a.id,
		    (unsigned long long)v->num)) != 0)
			goto fail;
	if ((rc = app_reached(r, &a, 4)) != 0 || (rc = db_commit(r->db)) != 0)
		goto fail;
	return req_redirect(r, req_printf(r, "/applications/%llu/step4", a.id));
fail:
	db_rollback(r->db);
	return rc;
}
