/*
 * users_add.c: ADD USER. Either an existing portal account, found by its exact
 * email address (a person may work for several companies), or a new one with
 * title, names, email, phone; then a level and permissions, all within the
 * adding user's own. A new account gets a one-time link to set its password.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"

/* The account, its membership here, and how many other companies it is an active user of. */
static const char *const sql_user_by_email =
    "SELECT u.id, m.status, (SELECT COUNT(*) FROM memberships o WHERE o.user_id = u.id"
    "   AND o.company_id <> ? AND o.status = 'active')"
    " FROM users u LEFT JOIN memberships m ON m.user_id = u.id AND m.company_id = ?"
    " WHERE u.email = ? FOR UPDATE";
static const char *const sql_new_user =
    "INSERT INTO users (email, title, first_name, last_name, phone) VALUES (?, ?, ?, ?, ?)";
/* A new account, or one that is no company's user now, is a member at once; one that is
 * another company's user is invited (migration 0025) and becomes a member when the person
 * accepts (fcgi/companies.c): no company makes someone else's user its own unasked. */
static const char *const sql_new_member =
    "INSERT INTO memberships (user_id, company_id, level, group_id, office_id, permissions, status)"
    " VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, IF(? = 1, 'active', 'invited'))";
/* A removed user comes back (or is invited back) with the level and permissions given now. */
static const char *const sql_readd_member =
    "UPDATE memberships SET status = IF(? = 1, 'active', 'invited'), removed_at = NULL, level = ?,"
    " group_id = NULLIF(?, 0), office_id = NULLIF(?, 0), permissions = ?"
    " WHERE user_id = ? AND company_id = ?";

static const char *
v_mode(const char *in, char *out, size_t cap, long long *num)
{
	*num = strcmp(in, "new") == 0;
	if (!*num && strcmp(in, "existing") != 0)
		return "Please choose to select an existing user or create a new one.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

enum { A_MODE, A_EMAIL, A_TITLE, A_FIRST, A_LAST, A_PHONE, A_LEVEL, A_BUNDLE, A_PERM };
const struct field users_add_fields[] = {
	[A_MODE] = { "mode", v_mode, F_REQUIRED },
	[A_EMAIL] = { "email", v_email, F_REQUIRED },
	[A_TITLE] = { "title", v_title, 0 },
	[A_FIRST] = { "first_name", v_name, 0 },
	[A_LAST] = { "last_name", v_name, 0 },
	[A_PHONE] = { "phone", v_phone, 0 },
	[A_LEVEL] = { "level", v_level, F_REQUIRED },
	[A_BUNDLE] = { "bundle", v_bundle, F_MULTI },
	[A_PERM] = { "perm", v_bit, F_MULTI },
	{ NULL, NULL, 0 }
};

/* The form, again with what was typed and a message when given. */
static int
add_page(struct req *r, uint64_t ticked, const char *error)
{
	int rc;

	req_set(r, "Page.title", "Add user");
	r->template = "admin/user-add.cs";
	titles_to_hdf(r);
	perms_to_hdf(r, ticked);
	if (error) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", error);
	}
	if ((rc = levels_to_hdf(r)) != 0)
		return rc;
	return HTTP_OK;
}

int
users_add_form(struct req *r)
{
	return add_page(r, 0, NULL);
}

const char *
grant_refusal(struct req *r, uint64_t more)
{
	if (more == 0)
		return NULL;
	return req_printf(r, "You can only grant permissions that you hold yourself; you do not "
	    "hold: %s.", perms_text(r, more));
}

/* Adds the membership (*at_once 0: an invitation); 0, a status, or *error set. */
static int
add_member(struct req *r, unsigned long long *user_id, const struct level *lv, uint64_t mask,
    int *at_once, const char **error)
{
	const struct fieldval *f = r->fields;
	unsigned long long c = r->sess->company_id;
	struct dbres *res;
	int rc, isnew = (int)f[A_MODE].num;

	if ((rc = db_query(r->db, &res, sql_user_by_email, "uus", c, c, f[A_EMAIL].val)) != 0)
		return rc;
	*at_once = 1;
	if (!db_next(res)) {
		if (!isnew) {
			*error = "No portal account has this email address. To add this person, "
			    "choose to create a new user.";
			return 0;
		}
		if ((rc = db_exec(r->db, sql_new_user, "sssss", f[A_EMAIL].val, f[A_TITLE].val,
		    f[A_FIRST].val, f[A_LAST].val, f[A_PHONE].val)) != 0)
			return rc;
		*user_id = db_last_id(r->db);
	} else if (isnew) {
		*error = "There is already a portal account with this email address: choose to "
		    "select an existing user instead.";
		return 0;
	} else {
		*user_id = (unsigned long long)db_int(res, 0);
		if (db_str(res, 1) && strcmp(db_str(res, 1), "active") == 0) {
			*error = "This person is already a user of your company.";
			return 0;
		}
		if (db_str(res, 1) && strcmp(db_str(res, 1), "invited") == 0) {
			*error = "This person has already been invited: they become a user of your "
			    "company when they accept at their next sign-in.";
			return 0;
		}
		*at_once = db_int(res, 2) == 0;
		if (db_str(res, 1))
			return db_exec(r->db, sql_readd_member, "isuuuuu", (long long)*at_once,
			    lv->kind, lv->group_id, lv->office_id, (unsigned long long)mask,
			    *user_id, c);
	}
	return db_exec(r->db, sql_new_member, "uusuuui", *user_id, c, lv->kind, lv->group_id,
	    lv->office_id, (unsigned long long)mask, (long long)*at_once);
}

int
users_add(struct req *r)
{
	const struct fieldval *f = r->fields;
	uint64_t mask = perms_from_form(&f[A_BUNDLE], &f[A_PERM], 0);
	unsigned long long user_id = 0;
	const char *error = NULL;
	struct level lv;
	int rc, ok = 0, at_once = 1, isnew = (int)f[A_MODE].num;

	if (!r->invalid && isnew && (!f[A_FIRST].present || !f[A_LAST].present)) {
		if (!f[A_FIRST].present)
			r->fields[A_FIRST].err = "Please fill in this field.";
		if (!f[A_LAST].present)
			r->fields[A_LAST].err = "Please fill in this field.";
		r->invalid++;
	}
	if (r->invalid)
		return add_page(r, mask, "Please correct the details below.");
	if ((rc = level_allowed(r, f[A_LEVEL].val, &lv, &ok)) != 0)
		return rc;
	if (!ok)
		return add_page(r, mask, "Please choose a level within your own.");
	if ((error = grant_refusal(r, mask & ~r->sess->perms)) != NULL)
		return add_page(r, mask, error);
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = add_member(r, &user_id, &lv, mask, &at_once, &error)) != 0 || error) {
		db_rollback(r->db);
		return rc ? rc : add_page(r, mask, error);
	}
	if ((rc = req_audit(r, "user_added", "user", req_printf(r, "%llu", user_id),
	    req_printf(r, "%s account; level %s; permissions: %s", isnew ? "new" : at_once ? "existing" :
	    "existing, invited",
	    f[A_LEVEL].val, perms_text(r, mask)))) != 0 ||
	    (isnew && (rc = link_issue(r, user_id, "new")) != 0) ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (!isnew) {
		req_flash(r, at_once ? "The user has been added." : "An invitation has been sent: "
		    "this person, a user of another company, becomes a user of yours when they "
		    "accept it at their next sign-in.");
		return req_redirect(r, req_printf(r, "/admin/users/%llu", user_id));
	}
	link_mail(r, f[A_EMAIL].val);
	req_set(r, "Page.title", "User added");
	req_set(r, "Added.email", f[A_EMAIL].val);
	req_setf(r, "Added.id", "%llu", user_id);
	r->template = "admin/user-added.cs";
	return HTTP_OK;
}
