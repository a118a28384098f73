/*
 * admin.c: Administration -> Administer Groups: the company's groups and the
 * offices in them (the module also serves Administer Users, the company's
 * details, My account and /set-password: see the route table). Creating and renaming groups needs Can Create Company
 * Groups; adding, editing and moving offices Can Edit Employer Details. A
 * group or office that anything names, now or in the past (employees, users,
 * offices, orders, applications), cannot be deleted, only closed. Users see the structure of their own level.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"

/* Anything that names it, now or in the past: history is never deleted. */
#define IN_USE_GROUP \
	" (EXISTS (SELECT 1 FROM offices f WHERE f.group_id = g.id)" \
	"  OR EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id)" \
	"  OR EXISTS (SELECT 1 FROM orders r WHERE r.group_id = g.id))"
#define IN_USE_OFFICE \
	" (EXISTS (SELECT 1 FROM employments e WHERE e.office_id = f.id)" \
	"  OR EXISTS (SELECT 1 FROM memberships m WHERE m.office_id = f.id)" \
	"  OR EXISTS (SELECT 1 FROM orders r WHERE r.office_id = f.id OR r.billing_office_id = f.id" \
	"   OR r.delivery_office_id = f.id)" \
	"  OR EXISTS (SELECT 1 FROM applications a WHERE a.office_id = f.id" \
	"   OR a.delivery_office_id = f.id))"

static const char *const sql_groups =
    "SELECT g.id, g.name, g.status FROM company_groups g"
    " WHERE g.company_id = ? AND (? = 0 OR g.id = ?)"
    " AND (? = 0 OR g.id = (SELECT group_id FROM offices WHERE id = ?)) ORDER BY g.name";
static const char *const sql_offices =
    "SELECT f.id, f.name, f.status, IFNULL(f.group_id, 0) AS group_id, f.town, f.postcode,"
    " f.phone, f.email FROM offices f"
    " WHERE f.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)"
    " ORDER BY f.name";
static const char *const sql_ungrouped =
    "SELECT f.id, f.name, f.status FROM offices f"
    " WHERE f.company_id = ? AND f.group_id IS NULL AND ? = 0 AND (? = 0 OR f.id = ?)"
    " ORDER BY f.name";
static const char *const sql_office =
    "SELECT f.id, f.name, f.status, IFNULL(f.group_id, 0) AS group_id, f.address_line1,"
    " f.address_line2, f.town, f.postcode, f.phone, f.email, f.contact_name, f.delivery_contact"
    " FROM offices f WHERE f.id = ? AND f.company_id = ? AND (? = 0 OR f.group_id = ?)"
    " AND (? = 0 OR f.id = ?)";
static const char *const sql_group_ok =
    "SELECT 1 FROM company_groups WHERE id = ? AND company_id = ? AND status = 'open'";
static const char *const sql_new_group =
    "INSERT INTO company_groups (company_id, name) VALUES (?, ?)";
static const char *const sql_rename_group =
    "UPDATE company_groups SET name = ? WHERE id = ? AND company_id = ?";
static const char *const sql_group_in_use =
    "SELECT" IN_USE_GROUP " FROM company_groups g WHERE g.id = ? AND g.company_id = ?";
static const char *const sql_delete_group =
    "DELETE FROM company_groups WHERE id = ? AND company_id = ?";
static const char *const sql_close_group =
    "UPDATE company_groups SET status = IF(status = 'open', 'closed', 'open')"
    " WHERE id = ? AND company_id = ?";
static const char *const sql_new_office =
    "INSERT INTO offices (company_id, group_id, name) VALUES (?, NULLIF(?, 0), ?)";
static const char *const sql_save_office =
    "UPDATE offices SET name = ?, group_id = NULLIF(?, 0), address_line1 = ?, address_line2 = ?,"
    " town = ?, postcode = ?, phone = ?, email = ?, contact_name = ?, delivery_contact = ?"
    " WHERE id = ? AND company_id = ?";
static const char *const sql_office_in_use =
    "SELECT" IN_USE_OFFICE " FROM offices f WHERE f.id = ? AND f.company_id = ?";
static const char *const sql_delete_office =
    "DELETE FROM offices WHERE id = ? AND company_id = ?";
static const char *const sql_close_office =
    "UPDATE offices SET status = IF(status = 'open', 'closed', 'open')"
    " WHERE id = ? AND company_id = ?";
/* Whether the office is the company's only open one: orders bill and deliver to open
 * offices, and users and employees belong to them, so one must stay. */
static const char *const sql_last_open_office =
    "SELECT f.status = 'open' AND NOT EXISTS (SELECT 1 FROM offices o"
    "  WHERE o.company_id = f.company_id AND o.id <> f.id AND o.status = 'open')"
    " FROM offices f WHERE f.id = ? AND f.company_id = ?";
#define LAST_OFFICE "This is the company's only open office: a company needs one (orders " \
	"are billed and delivered to it). Add another office first."

const char *
v_name(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_text(in, out, cap, num);

	/* The field's own limit before v_text's (200): out holds the trimmed text whenever
	 * it was clean (and the router's empty string otherwise). */
	if (utf8_chars(out) > 100)
		return "Please keep this to 100 characters or fewer.";
	return err;
}

static const char *
v_group(const char *in, char *out, size_t cap, long long *num)
{
	if (strcmp(in, "0") == 0) {
		snprintf(out, cap, "0");
		*num = 0;
		return NULL;
	}
	return v_id(in, out, cap, num);
}

static const struct field name_fields[] = {
	{ "name", v_name, F_REQUIRED },
	{ NULL, NULL, 0 }
};

static const struct field new_office_fields[] = {
	{ "name", v_name, F_REQUIRED },
	{ "group_id", v_group, 0 },
	{ NULL, NULL, 0 }
};

enum { O_NAME, O_GROUP, O_LINE1, O_LINE2, O_TOWN, O_POSTCODE, O_PHONE, O_EMAIL, O_CONTACT,
	O_DELIVERY };
static const struct field office_fields[] = {
	[O_NAME] = { "name", v_name, F_REQUIRED },
	[O_GROUP] = { "group_id", v_group, 0 },
	[O_LINE1] = { "address_line1", v_name, 0 },
	[O_LINE2] = { "address_line2", v_name, 0 },
	[O_TOWN] = { "town", v_name, 0 },
	[O_POSTCODE] = { "postcode", v_postcode, 0 },
	[O_PHONE] = { "phone", v_phone, 0 },
	[O_EMAIL] = { "email", v_email, 0 },
	[O_CONTACT] = { "contact_name", v_name, 0 },
	[O_DELIVERY] = { "delivery_contact", v_name, 0 },
	{ NULL, NULL, 0 }
};

#define SCOPE_ARGS(s) (s)->company_id, (s)->scope_group, (s)->scope_group, \
	(s)->scope_office, (s)->scope_office

/* The structure page, with a message for the whole page when given. */
static int
structure(struct req *r, const char *error)
{
	const struct session *s = r->sess;
	int rc;

	req_set(r, "Page.title", "Administer Groups");
	r->template = "admin/groups.cs";
	if (error)
		req_set(r, "Form.error", error);
	if ((rc = db_rows_hdf(r->db, r->hdf, "Groups", NULL, sql_groups, "uuuuu",
	    SCOPE_ARGS(s))) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Offices", NULL, sql_offices, "uuuuu",
	    SCOPE_ARGS(s))) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Ungrouped", NULL, sql_ungrouped, "uuuu",
	    s->company_id, s->scope_group, s->scope_office, s->scope_office)) != 0)
		return rc;
	/* Changing the structure is for company-level users. */
	if (req_can(r, PERM_CREATE_GROUPS) && s->scope_group == 0 && s->scope_office == 0)
		req_set(r, "Can.groups", "1");
	if (req_can(r, PERM_EDIT_EMPLOYER) && s->scope_group == 0 && s->scope_office == 0)
		req_set(r, "Can.offices", "1");
	return HTTP_OK;
}

static int
company_level(const struct req *r)
{
	return r->sess->scope_group == 0 && r->sess->scope_office == 0;
}

static int
groups(struct req *r)
{
	return structure(r, NULL);
}

static int
group_new(struct req *r)
{
	int rc;

	if (!company_level(r))
		return HTTP_FORBIDDEN;
	if (r->invalid)
		return structure(r, r->fields[0].err);
	rc = db_exec(r->db, sql_new_group, "us", r->sess->company_id, r->fields[0].val);
	if (rc == HTTP_CONFLICT)
		return structure(r, "There is already a group of that name.");
	if (rc != 0 || (rc = req_audit(r, "group_created", "group",
	    req_printf(r, "%llu", db_last_id(r->db)), r->fields[0].val)) != 0)
		return rc;
	req_flash(r, "The group has been created.");
	return req_redirect(r, "/admin/groups");
}

/* Whether id is a group of the user's company; 404 otherwise. */
static int
own_group(struct req *r, int *found)
{
	struct dbres *res;
	int rc = db_query(r->db, &res, sql_group_in_use, "uu", r->ids[0], r->sess->company_id);

	*found = rc == 0 && db_next(res);
	return rc;
}

static int
group_rename(struct req *r)
{
	int rc, found;

	if (!company_level(r))
		return HTTP_NOT_FOUND;	/* groups are changed at company level only */
	if ((rc = own_group(r, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	if (r->invalid)
		return structure(r, r->fields[0].err);
	rc = db_exec(r->db, sql_rename_group, "suu", r->fields[0].val, r->ids[0],
	    r->sess->company_id);
	if (rc == HTTP_CONFLICT)
		return structure(r, "There is already a group of that name.");
	if (rc != 0 || (rc = req_audit(r, "group_renamed", "group",
	    req_printf(r, "%llu", r->ids[0]), r->fields[0].val)) != 0)
		return rc;
	req_flash(r, "The group has been renamed.");
	return req_redirect(r, "/admin/groups");
}

/*
 * The group or office r->ids[0] of the company (in_use tells whether anything
 * names it): 0 with *used set, HTTP_NOT_FOUND, or another status.
 */
static int
unit_of_company(struct req *r, const char *in_use, int *used)
{
	struct dbres *res;
	int rc;

	/* Below company level no group or office is theirs to change: as if it did not exist. */
	if (!company_level(r))
		return HTTP_NOT_FOUND;
	if ((rc = db_query(r->db, &res, in_use, "uu", r->ids[0], r->sess->company_id)) != 0)
		return rc;
	if (!db_next(res))
		return HTTP_NOT_FOUND;
	*used = (int)db_int(res, 0);
	return 0;
}

/* Deletes an unused group or office, or says it can only be closed. */
static int
remove_unit(struct req *r, const char *in_use, const char *delete, const char *what)
{
	int rc, used;

	if ((rc = unit_of_company(r, in_use, &used)) != 0)
		return rc;
	if (used)
		return structure(r, req_printf(r, "This %s has employees, users, offices, orders or "
		    "applications, now or in the past: it cannot be deleted. You can close it "
		    "instead.", what));
	if ((rc = db_exec(r->db, delete, "uu", r->ids[0], r->sess->company_id)) != 0 ||
	    (rc = req_audit(r, req_printf(r, "%s_deleted", what), what,
	    req_printf(r, "%llu", r->ids[0]), "")) != 0)
		return rc;
	req_flash(r, req_printf(r, "The %s has been deleted.", what));
	return req_redirect(r, "/admin/groups");
}

static int
group_delete(struct req *r)
{
	return remove_unit(r, sql_group_in_use, sql_delete_group, "group");
}

/* Closes an open group or office, or opens a closed one. */
static int
toggle_unit(struct req *r, const char *in_use, const char *toggle, const char *what)
{
	int rc, used;

	if ((rc = unit_of_company(r, in_use, &used)) != 0)
		return rc;
	if ((rc = db_exec(r->db, toggle, "uu", r->ids[0], r->sess->company_id)) != 0 ||
	    (rc = req_audit(r, req_printf(r, "%s_closed_or_opened", what), what,
	    req_printf(r, "%llu", r->ids[0]), "")) != 0)
		return rc;
	return req_redirect(r, "/admin/groups");
}

static int
group_close(struct req *r)
{
	return toggle_unit(r, sql_group_in_use, sql_close_group, "group");
}

/* Deletes or closes an office (change: remove_unit or toggle_unit), but never the
 * company's only open one. */
static int
office_change(struct req *r, int (*change)(struct req *, const char *, const char *,
    const char *), const char *sql)
{
	struct dbres *res;
	int rc;

	if (company_level(r)) {
		if ((rc = db_query(r->db, &res, sql_last_open_office, "uu", r->ids[0],
		    r->sess->company_id)) != 0)
			return rc;
		if (db_next(res) && db_int(res, 0))
			return structure(r, LAST_OFFICE);
	}
	return change(r, sql_office_in_use, sql, "office");
}

static int
office_delete(struct req *r)
{
	return office_change(r, remove_unit, sql_delete_office);
}

static int
office_close(struct req *r)
{
	return office_change(r, toggle_unit, sql_close_office);
}

/* A group id from a form: 0 (no group) or an open group of the company. */
static int
group_allowed(struct req *r, const struct fieldval *f, int *ok)
{
	struct dbres *res;
	int rc;

	*ok = 1;
	if (!f->present || f->num == 0)
		return 0;
	rc = db_query(r->db, &res, sql_group_ok, "uu", (unsigned long long)f->num,
	    r->sess->company_id);
	*ok = rc == 0 && db_next(res);
	return rc;
}

static int
office_new(struct req *r)
{
	unsigned long long id;
	int rc, ok;

	if (!company_level(r))
		return HTTP_FORBIDDEN;
	if (!r->invalid && (rc = group_allowed(r, &r->fields[1], &ok)) != 0)
		return rc;
	if (r->invalid || !ok)
		return structure(r, r->invalid ? "Please give the office a name." :
		    "Please choose one of the company's open groups.");
	rc = db_exec(r->db, sql_new_office, "uus", r->sess->company_id,
	    (unsigned long long)r->fields[1].num, r->fields[0].val);
	if (rc == HTTP_CONFLICT)
		return structure(r, "There is already an office of that name.");
	if (rc != 0)
		return rc;
	id = db_last_id(r->db);
	if ((rc = req_audit(r, "office_created", "office", req_printf(r, "%llu", id),
	    r->fields[0].val)) != 0)
		return rc;
	req_flash(r, "The office has been added: fill in its address and contacts.");
	return req_redirect(r, req_printf(r, "/admin/offices/%llu", id));
}

static int
office_page(struct req *r, int *found)
{
	const struct session *s = r->sess;
	int rc;

	req_set(r, "Page.title", "Office details");
	if ((rc = db_row_hdf(r->db, r->hdf, "Office", found, sql_office, "uuuuuu", r->ids[0],
	    SCOPE_ARGS(s))) != 0 || !*found)
		return rc;
	if (req_can(r, PERM_EDIT_EMPLOYER) && company_level(r))
		req_set(r, "Can.offices", "1");
	return db_rows_hdf(r->db, r->hdf, "Groups", NULL, sql_groups, "uuuuu", SCOPE_ARGS(s));
}

static int
office_view(struct req *r)
{
	int found, rc = office_page(r, &found);

	if (rc != 0)
		return rc;
	return found ? HTTP_OK : HTTP_NOT_FOUND;
}

static int
office_save(struct req *r)
{
	const struct fieldval *f = r->fields;
	int rc, found, ok = 1;

	if ((rc = office_page(r, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	if (!company_level(r))
		return HTTP_FORBIDDEN;
	if (!r->invalid && (rc = group_allowed(r, &f[O_GROUP], &ok)) != 0)
		return rc;
	if (!ok) {
		r->fields[O_GROUP].err = "Please choose one of the company's open groups.";
		r->invalid++;
	}
	if (r->invalid) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", "Please correct the details below.");
		return HTTP_OK;
	}
	rc = db_exec(r->db, sql_save_office, "su" "ssssssss" "uu", f[O_NAME].val,
	    (unsigned long long)f[O_GROUP].num, f[O_LINE1].val, f[O_LINE2].val, f[O_TOWN].val,
	    f[O_POSTCODE].val, f[O_PHONE].val, f[O_EMAIL].val, f[O_CONTACT].val,
	    f[O_DELIVERY].val, r->ids[0], r->sess->company_id);
	if (rc == HTTP_CONFLICT) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", "There is already an office of that name.");
		return HTTP_OK;
	}
	if (rc != 0 || (rc = req_audit(r, "office_changed", "office",
	    req_printf(r, "%llu", r->ids[0]), "")) != 0)
		return rc;
	req_flash(r, "The office has been saved.");
	return req_redirect(r, "/admin/groups");
}

static const struct route admin_routes[] = {
	/* method path                       permission               fields                   handler            template             tab      flags */
	{ M_GET,  "admin/groups",              ROUTE_SIGNED_IN,         NULL,                    groups,            "admin/groups.cs",   "admin", 0 },
	{ M_POST, "admin/groups/new",          PERM_CREATE_GROUPS,      name_fields,             group_new,         "admin/groups.cs",   "admin", 0 },
	{ M_POST, "admin/groups/{id}/rename",  PERM_CREATE_GROUPS,      name_fields,             group_rename,      "admin/groups.cs",   "admin", 0 },
	{ M_POST, "admin/groups/{id}/delete",  PERM_CREATE_GROUPS,      NULL,                    group_delete,      "admin/groups.cs",   "admin", 0 },
	{ M_POST, "admin/groups/{id}/close",   PERM_CREATE_GROUPS,      NULL,                    group_close,       "admin/groups.cs",   "admin", 0 },
	{ M_POST, "admin/offices/new",         PERM_EDIT_EMPLOYER,      new_office_fields,       office_new,        "admin/groups.cs",   "admin", 0 },
	{ M_GET,  "admin/offices/{id}",        ROUTE_SIGNED_IN,         NULL,                    office_view,       "admin/office.cs",   "admin", 0 },
	{ M_POST, "admin/offices/{id}",        PERM_EDIT_EMPLOYER,      office_fields,           office_save,       "admin/office.cs",   "admin", 0 },
	{ M_POST, "admin/offices/{id}/delete", PERM_EDIT_EMPLOYER,      NULL,                    office_delete,     "admin/groups.cs",   "admin", 0 },
	{ M_POST, "admin/offices/{id}/close",  PERM_EDIT_EMPLOYER,      NULL,                    office_close,      "admin/groups.cs",   "admin", 0 },
	{ M_GET,  "admin/audit",               PERM_CHANGE_PERMISSIONS, audit_fields,            admin_audit,       "admin/audit.cs",    "admin", 0 },
	/* Administer Users: the list and a user's page for any of the four user-admin permissions */
	{ M_GET,  "admin/users",               ROUTE_SIGNED_IN,         users_list_fields,       users_list,        "admin/users.cs",    "admin", 0 },
	{ M_GET,  "admin/users/add",           PERM_ADD_USERS,          NULL,                    users_add_form,    "admin/user-add.cs", "admin", 0 },
	{ M_POST, "admin/users/add",           PERM_ADD_USERS,          users_add_fields,        users_add,         "admin/user-add.cs", "admin", 0 },
	{ M_GET,  "admin/users/{id}",          ROUTE_SIGNED_IN,         NULL,                    user_view,         "admin/user.cs",     "admin", 0 },
	{ M_POST, "admin/users/{id}",          PERM_CHANGE_PERMISSIONS, user_fields,             user_save,         "admin/user.cs",     "admin", 0 },
	{ M_POST, "admin/users/{id}/remove",   PERM_REMOVE_USERS,       NULL,                    user_remove,       "admin/user.cs",     "admin", 0 },
	{ M_POST, "admin/users/{id}/reset",    PERM_RESET_PASSWORDS,    NULL,                    user_reset,        "admin/user.cs",     "admin", 0 },
	{ M_GET,  "admin/company",             PERM_EDIT_EMPLOYER,      NULL,                    company_view,      "admin/company.cs",  "admin", 0 },
	{ M_POST, "admin/company",             PERM_EDIT_EMPLOYER,      company_fields,          company_save,      "admin/company.cs",  "admin", 0 },
	/* My account: every signed-in user; enrolment also before it is complete */
	{ M_GET,  "account",                   ROUTE_SIGNED_IN,         NULL,                    account_view,      "admin/account.cs",  NULL,    0 },
	{ M_POST, "account/details",           ROUTE_SIGNED_IN,         account_details_fields,  account_details,   "admin/account.cs",  NULL,    0 },
	{ M_POST, "account/password",          ROUTE_SIGNED_IN,         account_password_fields, account_password,  "admin/account.cs",  NULL,    0 },
	{ M_GET,  "account/2fa",               ROUTE_SIGNED_IN,         NULL,                    twofactor_view,    "admin/twofactor.cs", NULL,   R_STAGE_ENROL },
	{ M_GET,  "account/2fa/qr.png",        ROUTE_SIGNED_IN,         NULL,                    twofactor_qr,      NULL,                NULL,    R_STAGE_ENROL },
	{ M_POST, "account/2fa",               ROUTE_SIGNED_IN,         twofactor_fields,        twofactor_confirm, "admin/twofactor.cs", NULL,   R_STAGE_ENROL },
	{ M_POST, "account/2fa/disable",       ROUTE_SIGNED_IN,         twofactor_disable_fields, twofactor_disable, "admin/account.cs", NULL,    0 },
	/* The one-time link of a new user or a reset: public, the link is the proof */
	{ M_GET,  "set-password",              ROUTE_PUBLIC,            set_password_get_fields, set_password_form, "admin/set-password.cs", NULL, 0 },
	{ M_POST, "set-password",              ROUTE_PUBLIC,            set_password_fields,     set_password,      "admin/set-password.cs", NULL, R_PRESESSION_CSRF },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = "admin",		/* as named in the configuration */
	.prefix = "",			/* /admin/..., /account, /set-password */
	.routes = admin_routes,
	.init = NULL,			/* nothing per worker */
	.fini = NULL,
};
