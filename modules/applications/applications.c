/*
 * applications.c: the applications module's route table, and loading the
 * application a page is about.
 */
#include <stdio.h>
#include <string.h>

#include "applications.h"

static const char *const sql_load =
    "SELECT a.id, a.operative_id, a.card_type_id, a.office_id,"
    " IFNULL(a.photo_document_id, 0), IFNULL(a.occupation_id, 0), IFNULL(a.grade_id, 0),"
    " a.reference, a.state, a.kind, CONCAT(o.first_name, ' ', o.last_name), a.step,"
    " CONCAT(t.name, ' - ', k.name)"
    " FROM applications a JOIN offices f ON f.id = a.office_id"
    " JOIN operatives o ON o.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id"
    " JOIN application_kinds k ON k.code = a.kind"
    " WHERE a.id = ? AND" APP_SCOPE;
static const char *const sql_reached =
    "UPDATE applications SET step = GREATEST(step, ?) WHERE id = ? AND state = 'in_progress'";

static const char *const step_titles[] = {
	"Applicant Details", "Qualifications & Documents", "Occupations & Grading",
	"Finalise & Review"
};

int
app_load(struct req *r, unsigned long long id, struct app *a, int *found)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	*found = 0;
	memset(a, 0, sizeof(*a));
	rc = db_query(r->db, &res, sql_load, "uuuuuu", id, s->company_id, s->scope_group,
	    s->scope_group, s->scope_office, s->scope_office);
	if (rc != 0 || !db_next(res))
		return rc;
	a->id = (unsigned long long)db_int(res, 0);
	a->operative = (unsigned long long)db_int(res, 1);
	a->card_type = (unsigned long long)db_int(res, 2);
	a->office = (unsigned long long)db_int(res, 3);
	a->photo = (unsigned long long)db_int(res, 4);
	a->occupation = (unsigned long long)db_int(res, 5);
	a->grade = (unsigned long long)db_int(res, 6);
	a->reference = db_str(res, 7);
	a->state = db_str(res, 8);
	a->kind = db_str(res, 9);
	a->name = db_str(res, 10);
	a->step = (int)db_int(res, 11);
	a->editable = strcmp(a->state, "in_progress") == 0;
	req_setf(r, "App.id", "%llu", a->id);
	req_set(r, "App.reference", a->reference);
	req_set(r, "App.name", a->name);
	req_set(r, "App.type", db_str(res, 12));
	req_set(r, "App.state", a->state);
	req_setf(r, "App.step", "%d", a->step);
	req_setf(r, "App.card_type_id", "%llu", a->card_type);
	*found = 1;
	return 0;
}

int
app_page(struct req *r, struct app *a, int step)
{
	int found, rc, i;

	if ((rc = app_load(r, r->ids[0], a, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	for (i = 0; i < 4; i++) {
		const char *p = req_printf(r, "Steps.%d", i);

		req_setf(r, req_printf(r, "%s.number", p), "%d", i + 1);
		req_set(r, req_printf(r, "%s.title", p), step_titles[i]);
		req_set(r, req_printf(r, "%s.url", p),
		    req_printf(r, "/applications/%llu/step%d", a->id, i + 1));
		if (i + 1 == step)
			req_set(r, req_printf(r, "%s.current", p), "1");
		if (i + 1 < a->step || !a->editable)
			req_set(r, req_printf(r, "%s.done", p), "1");
	}
	req_set(r, "Page.title", req_printf(r, "Step %d - %s", step, step_titles[step - 1]));
	return 0;
}

int
app_edit_page(struct req *r, struct app *a, int step)
{
	int rc = app_page(r, a, step);

	if (rc == 0 && !a->editable)
		return req_redirect(r, req_printf(r, "/applications/%llu/step4", a->id));
	return rc;
}

int
app_reached(struct req *r, const struct app *a, int step)
{
	return db_exec(r->db, sql_reached, "iu", (long long)step, a->id);
}

/* GET /applications/ID: the step it has reached, or the summary. */
static int
applications_resume(struct req *r)
{
	struct app a;
	int found, rc;

	if ((rc = app_load(r, r->ids[0], &a, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	/* Those who may only view go to the summary. */
	return req_redirect(r, req_printf(r, "/applications/%llu/step%d", a.id,
	    a.editable && req_can(r, PERM_FILL_IN_APPLICATIONS) ? a.step : 4));
}

static const struct route applications_routes[] = {
	/* method path              permission               fields             handler                    template                       tab             flags */
	{ M_POST, "start",           PERM_FILL_IN_APPLICATIONS, start_fields,     applications_start,        "applications/choose.cs",      "applications", 0 },
	{ M_POST, "create",          PERM_FILL_IN_APPLICATIONS, create_fields,    applications_create,       "applications/choose.cs",      "applications", 0 },
	{ M_GET,  "attention",       PERM_VIEW_APPLICATIONS,    list_fields,      applications_attention,    "applications/attention.cs",   "applications", R_PAGE_CACHE },
	{ M_GET,  "produced",        PERM_VIEW_APPLICATIONS,    list_fields,      applications_produced,     "applications/produced.cs",    "applications", R_PAGE_CACHE },
	{ M_GET,  "completed",       PERM_VIEW_APPLICATIONS,    list_fields,      applications_completed,    "applications/completed.cs",   "applications", R_PAGE_CACHE },
	{ M_POST, "unfinalise",      PERM_FILL_IN_APPLICATIONS, unfinalise_fields, applications_unfinalise,  "applications/attention.cs",   "applications", 0 },
	{ M_GET,  "documents/{id}",  PERM_VIEW_APPLICATIONS,    NULL,             applications_document_get, NULL,                          "applications", 0 },
	{ M_GET,  "{id}",            PERM_VIEW_APPLICATIONS,    NULL,             applications_resume,       NULL,                          "applications", 0 },
	{ M_GET,  "{id}/step1",      PERM_FILL_IN_APPLICATIONS, NULL,             applications_step1,        "applications/step1.cs",       "applications", 0 },
	{ M_POST, "{id}/step1",      PERM_FILL_IN_APPLICATIONS, step1_fields,     applications_step1_save,   "applications/step1.cs",       "applications", 0 },
	{ M_POST, "{id}/photo",      PERM_FILL_IN_APPLICATIONS, NULL,             applications_photo_upload, "applications/step1.cs",       "applications", 0 },
	{ M_POST, "{id}/photo/reuse", PERM_FILL_IN_APPLICATIONS, NULL,            applications_photo_reuse,  "applications/step1.cs",       "applications", 0 },
	{ M_GET,  "{id}/photo",      PERM_VIEW_APPLICATIONS,    NULL,             applications_photo,        NULL,                          "applications", 0 },
	{ M_GET,  "{id}/step2",      PERM_FILL_IN_APPLICATIONS, NULL,             applications_step2,        "applications/step2.cs",       "applications", 0 },
	{ M_POST, "{id}/hse",        PERM_FILL_IN_APPLICATIONS, hse_fields,       applications_hse,          "applications/step2.cs",       "applications", 0 },
	{ M_POST, "{id}/check",      PERM_FILL_IN_APPLICATIONS, check_fields,     applications_check,        "applications/step2.cs",       "applications", 0 },
	{ M_POST, "{id}/document",   PERM_FILL_IN_APPLICATIONS, document_fields,  applications_document,     "applications/step2.cs",       "applications", 0 },
	{ M_GET,  "{id}/step3",      PERM_FILL_IN_APPLICATIONS, NULL,             applications_step3,        "applications/step3.cs",       "applications", 0 },
	{ M_POST, "{id}/step3",      PERM_FILL_IN_APPLICATIONS, step3_fields,     applications_step3_save,   "applications/step3.cs",       "applications", 0 },
	{ M_GET,  "{id}/step4",      PERM_VIEW_APPLICATIONS,    NULL,             applications_step4,        "applications/step4.cs",       "applications", 0 },
	{ M_POST, "{id}/finalise",   PERM_FILL_IN_APPLICATIONS, finalise_fields,  applications_finalise,     "applications/step4.cs",       "applications", 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,			/* as named in the configuration */
	.prefix = "applications",	/* /applications/... */
	.routes = applications_routes,
	.init = NULL,			/* nothing per worker */
	.fini = NULL,
};
