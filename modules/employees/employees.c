/*
 * employees.c: the employees module's route table and what its pages share.
 */
#include <stdio.h>
#include <string.h>

#include "employees.h"

static const char *const sql_offices =
    "SELECT f.id, f.name" OFFICES_IN_SCOPE " ORDER BY f.name";
static const char *const sql_office_allowed =
    "SELECT 1 FROM offices f"
    " WHERE f.id = ? AND f.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)";

/* The register's record the details name (sql/migrations/0026, register_match). */
static const char *const sql_match =
    "SELECT IFNULL(register_match(?, ?, ?, ?, ?), 0)";

int
employees_offices_hdf(struct req *r)
{
	const struct session *s = r->sess;

	return db_rows_hdf(r->db, r->hdf, "Offices", NULL, sql_offices, "uuuuu",
	    s->company_id, s->scope_group, s->scope_group, s->scope_office,
	    s->scope_office);
}

int
employees_office_allowed(struct req *r, unsigned long long office_id, int *ok)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	*ok = 0;
	rc = db_query(r->db, &res, sql_office_allowed, "uuuuuu", office_id,
	    s->company_id, s->scope_group, s->scope_group, s->scope_office,
	    s->scope_office);
	if (rc == 0)
		*ok = db_next(res);
	return rc;
}

const char *
employees_mask_ni(struct req *r, const char *ni)
{
	size_t n = ni ? strlen(ni) : 0;

	return n >= 4 ? req_printf(r, "*****%s", ni + n - 4) : "";
}

int
employees_match(struct req *r, const char *ni, const char *dob,
    const char *last_name, const char *card, const char *hse,
    unsigned long long *operative)
{
	struct dbres *res;
	int rc;

	*operative = 0;
	rc = db_query(r->db, &res, sql_match, "sssss", ni, dob, last_name, card, hse);
	if (rc == 0 && db_next(res))
		*operative = (unsigned long long)db_int(res, 0);
	return rc;
}

static const struct route employees_routes[] = {
	/* method path              permission                    fields               handler                 template                     tab          flags */
	{ M_GET,  "current",         PERM_VIEW_EMPLOYEES,          list_fields,         employees_current,      "employees/current.cs",      "employees", R_PAGE_CACHE },
	{ M_POST, "current",         PERM_VIEW_EMPLOYEES,          search_fields,       employees_search,       "employees/current.cs",      "employees", 0 },
	{ M_GET,  "current/export",  PERM_VIEW_EMPLOYEES,          list_fields,         employees_export,       NULL,                        "employees", 0 },
	{ M_GET,  "expiring",        PERM_VIEW_EMPLOYEES,          list_fields,         employees_expiring,     "employees/expiring.cs",     "employees", R_PAGE_CACHE },
	{ M_GET,  "add",             PERM_ADD_EMPLOYEES,           NULL,                employees_add_form,     "employees/add.cs",          "employees", 0 },
	{ M_POST, "lookup",          PERM_ADD_EMPLOYEES,           lookup_fields,       employees_lookup,       "employees/add.cs",          "employees", 0 },
	{ M_POST, "confirm",         PERM_ADD_EMPLOYEES,           confirm_fields,      employees_confirm,      "employees/found.cs",        "employees", 0 },
	{ M_POST, "create",          PERM_ADD_EMPLOYEES,           create_fields,       employees_create,       "employees/notfound.cs",     "employees", 0 },
	{ M_GET,  "bulk",            PERM_ADD_EMPLOYEES,           NULL,                employees_bulk_form,    "employees/bulk.cs",         "employees", 0 },
	{ M_POST, "bulk",            PERM_ADD_EMPLOYEES,           NULL,                employees_bulk_upload,  "employees/bulk-review.cs",  "employees", 0 },
	{ M_POST, "bulk/confirm",    PERM_ADD_EMPLOYEES,           bulk_confirm_fields, employees_bulk_confirm, "employees/bulk-review.cs",  "employees", 0 },
	{ M_GET,  "{id}",            PERM_VIEW_EMPLOYEES,          NULL,                employees_view,         "employees/view.cs",         "employees", R_PAGE_CACHE },
	{ M_POST, "{id}/contact",    PERM_CHANGE_EMPLOYEE_DETAILS, contact_fields,      employees_contact,      "employees/view.cs",         "employees", 0 },
	{ M_POST, "{id}/leave",      PERM_REMOVE_EMPLOYEES,        leave_fields,        employees_leave,        "employees/view.cs",         "employees", 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,			/* as named in the configuration */
	.prefix = "employees",		/* /employees/... */
	.routes = employees_routes,
	.init = NULL,			/* nothing per worker */
	.fini = NULL,
};
