/*
 * step4.c: Step 4 - Finalise & Review (guide 1.4): the summary, the
 * declaration, FINALISE NOW; and unfinalising from the Applications tab.
 * Finalising checks completeness and lists what is missing instead. An
 * application waiting for an HS&E pass, or whose evidence does not yet meet
 * the occupation's requirements, is finalised with that hold reason: once
 * paid it goes on hold rather than to verification.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "applications.h"

static const char *const sql_summary =
    "SELECT o.title, o.first_name, o.last_name, o.ni_number AS ni,"
    " DATE_FORMAT(o.date_of_birth, '%d/%m/%Y') AS dob,"
    " a.business_phone, a.business_email, IFNULL(d.name, '') AS delivery_office,"
    " IFNULL(oc.name, '') AS occupation, IFNULL(g.name, '') AS grade,"
    " IFNULL(a.hse_route, '') AS hse_route, a.hold_reason,"
    " EXISTS (SELECT 1 FROM grades gg WHERE (t.code = 'craft' AND gg.kind = 'jib')"
    "   OR (t.code IN ('jib_apprentice', 'non_jib_apprentice') AND gg.kind = 'apprentice'))"
    "   AS needs_grade, DATE_FORMAT(o.ecs_registered_on, '%d/%m/%Y') AS registered_on"
    " FROM applications a JOIN operatives o ON o.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id"
    " LEFT JOIN offices d ON d.id = a.delivery_office_id"
    " LEFT JOIN occupations oc ON oc.id = a.occupation_id"
    " LEFT JOIN grades g ON g.id = a.grade_id WHERE a.id = ?";
static const char *const sql_additional =
    "SELECT oc.name FROM application_additional_occupations x"
    " JOIN occupations oc ON oc.id = x.occupation_id WHERE x.application_id = ? ORDER BY oc.name";
static const char *const sql_finalise =
    "UPDATE applications SET state = 'finalised', hold_reason = ?,"
    " hse_route = IF(? = '', hse_route, ?), finalised_by = ?, finalised_at = NOW(6)"
    " WHERE id = ? AND state = 'in_progress'";
/* The next candidate of those started together, still in progress:
 * finalising leads on to them in turn. */
static const char *const sql_next =
    "SELECT n.id FROM applications n JOIN applications a ON a.id = ?"
    " WHERE n.batch_id = a.batch_id AND n.company_id = a.company_id"
    " AND n.state = 'in_progress' AND n.id <> a.id ORDER BY n.id LIMIT 1";
static const char *const sql_unfinalise =
    "UPDATE applications a JOIN offices f ON f.id = a.office_id"
    " SET a.state = 'in_progress', a.finalised_by = NULL, a.finalised_at = NULL,"
    " a.hold_reason = '' WHERE a.id = ? AND a.state = 'finalised' AND" APP_SCOPE;

const struct field finalise_fields[] = {
	{ "declaration", v_declaration, F_REQUIRED },
	{ NULL, NULL, 0 }
};

const struct field unfinalise_fields[] = {
	{ "id", v_id, F_REQUIRED | F_MULTI },
	{ NULL, NULL, 0 }
};

/* Fills the summary; lists in Missing.N what stops finalising (*missing counts
 * them) and gives the hold reason finalising would record. */
static int
summary(struct req *r, const struct app *a, size_t *missing, const char **hold,
    const char **route)
{
	struct dbres *res;
	const char *unmet, *hse_route;
	char *label, *p;
	int valid, rc;

	*missing = 0;
	*hold = "";
	*route = "";
	if ((rc = db_query(r->db, &res, sql_summary, "u", a->id)) != 0)
		return rc;
	if (!db_next(res))
		return HTTP_SERVER_ERROR;
	req_set(r, "Applicant.title", db_str(res, 0));
	req_set(r, "Applicant.first_name", db_str(res, 1));
	req_set(r, "Applicant.last_name", db_str(res, 2));
	req_set(r, "Applicant.ni", db_str(res, 3));
	req_set(r, "Applicant.dob", db_str(res, 4));
	req_set(r, "Applicant.business_phone", db_str(res, 5));
	req_set(r, "Applicant.business_email", db_str(res, 6));
	req_set(r, "Applicant.delivery_office", db_str(res, 7));
	req_set(r, "Occupation.name", db_str(res, 8));
	req_set(r, "Grade.name", db_str(res, 9));
	req_set(r, "App.hold_reason", db_str(res, 11));
	if (db_str(res, 13))
		req_set(r, "Registered.date", db_str(res, 13));
	hse_route = db_str(res, 10);
	label = req_printf(r, "\xe2\x86\x90 RECHECK %s'S APPLICATION", a->name);
	for (p = label; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	req_set(r, "App.recheck_label", label);
	if (a->photo)
		req_setf(r, "Photo.url", "/applications/%llu/photo", a->id);

#define MISSING(text) req_set(r, req_printf(r, "Missing.%zu", (*missing)++), text)
	if (a->photo == 0)
		MISSING("A photo of the applicant (step 1).");
	if (db_str(res, 5)[0] == '\0' || db_str(res, 6)[0] == '\0')
		MISSING("The business phone and email (step 1).");
	if (a->occupation == 0)
		MISSING("The main occupation (step 3).");
	else if (db_int(res, 12) && db_str(res, 9)[0] == '\0')
		MISSING("The grade (step 3).");
	{
		const char *endorse;

		if ((rc = applications_endorsements(r, a, &endorse)) != 0)
			return rc;
		if (endorse)
			MISSING(endorse);
	}
	if ((rc = app_hse_valid(r, a, &valid)) != 0)
		return rc;
	if (valid)
		*route = valid == 2 ? "exemption" : "passed";
	else if (hse_route[0] == '\0' || strcmp(hse_route, "passed") == 0 ||
	    strcmp(hse_route, "exemption") == 0)
		MISSING("A valid HS&E assessment or exemption, or how it will be sat (step 2).");
	else
		*hold = strcmp(hse_route, "online") == 0 ?
		    "Awaiting the HS&E assessment pass (online, remote invigilation)." :
		    "Awaiting the HS&E assessment pass (test centre).";
#undef MISSING
	if ((rc = app_evidence_hdf(r, a)) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Additional", NULL, sql_additional, "u", a->id)) != 0 ||
	    (rc = applications_requirements(r, a, &unmet)) != 0)
		return rc;
	if ((*hold)[0] == '\0' && unmet)
		*hold = req_printf(r, "Requirement not met: %s.", unmet);
	return 0;
}

int
applications_step4(struct req *r)
{
	const char *hold, *route;
	size_t missing;
	struct app a;
	int rc;

	if ((rc = app_page(r, &a, 4)) != 0)
		return rc;
	if (a.editable && req_can(r, PERM_FILL_IN_APPLICATIONS) &&
	    (rc = app_reached(r, &a, 4)) != 0)
		return rc;
	if ((rc = summary(r, &a, &missing, &hold, &route)) != 0)
		return rc;
	if (!a.editable)
		hdf_remove_tree(r->hdf, "Missing");
	return HTTP_OK;
}

int
applications_finalise(struct req *r)
{
	const char *hold, *route;
	size_t missing;
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 4)) != 0)
		return rc;
	if ((rc = summary(r, &a, &missing, &hold, &route)) != 0)
		return rc;
	if (missing || r->invalid) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", missing ? "The application cannot be finalised yet: "
		    "please complete what is listed." : "Please tick the declaration.");
		return HTTP_OK;
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_finalise, "sssuu", hold, route, route, r->sess->user_id,
	    a.id)) != 0)
		goto fail;
	if (db_affected(r->db) != 1) {
		db_rollback(r->db);
		return req_redirect(r, req_printf(r, "/applications/%llu/step4", a.id));
	}
	if ((rc = req_audit(r, "application_finalised", "application",
	    req_printf(r, "%llu", a.id), hold)) != 0 || (rc = db_commit(r->db)) != 0)
		goto fail;
	{
		/* The hold it will wait on once paid, said here and on the Finalised list. */
		const char *held = hold[0] ? req_printf(r, " (once paid it will wait on hold: %s)",
		    hold) : "";
		struct dbres *next;

		if (db_query(r->db, &next, sql_next, "u", a.id) == 0 &&
		    db_next(next)) {
			req_flash(r, req_printf(r, "Application %s has been finalised%s; now the "
			    "next candidate.", a.reference, held));
			return req_redirect(r, req_printf(r, "/applications/%s/step1",
			    db_str(next, 0)));
		}
		req_flash(r, req_printf(r, "Application %s has been finalised%s.", a.reference,
		    held));
	}
	return req_redirect(r, "/applications/attention");
fail:
	db_rollback(r->db);
	return rc;
}

int
applications_unfinalise(struct req *r)
{
	const struct session *s = r->sess;
	const struct fieldval *v;
	unsigned long long done = 0, ticked = 0;
	int rc;

	if ((rc = db_begin(r->db)) != 0)
		return rc;
	for (v = &r->fields[0]; v; v = v->next) {
		if (!v->present || v->err)
			continue;
		ticked++;
		if ((rc = db_exec(r->db, sql_unfinalise, "uuuuuu", (unsigned long long)v->num,
		    s->company_id, s->scope_group, s->scope_group, s->scope_office,
		    s->scope_office)) != 0)
			goto fail;
		if (db_affected(r->db) == 1) {
			done++;
			if ((rc = req_audit(r, "application_unfinalised", "application",
			    req_printf(r, "%lld", v->num), "")) != 0)
				goto fail;
		}
	}
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	if (ticked == 0)
		req_flash(r, "Please tick the applications to unfinalise.");
	else if (done == 0)
		req_flash(r, "Nothing was unfinalised: only finalised applications not yet on an "
		    "order can be.");
	else
		req_flash(r, done == 1 ? "1 application is back in progress." :
		    req_printf(r, "%llu applications are back in progress.", done));
	return req_redirect(r, "/applications/attention");
fail:
	db_rollback(r->db);
	return rc;
}
