/*
 * account.c: My account, for every signed-in user: contact details, a new
 * password (the current one first; on success the user's other sessions end)
 * and the state of two-step sign-in.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "password.h"

static const char *const sql_me =
    "SELECT u.title, u.first_name, u.last_name, u.phone, u.email,"
    " u.totp_secret IS NOT NULL AS totp,"
    " (SELECT COUNT(*) FROM recovery_codes rc WHERE rc.user_id = u.id AND rc.used_at IS NULL)"
    "  AS recovery_left, c.require_2fa,"
    " (SELECT COUNT(*) FROM memberships m JOIN companies mc ON mc.id = m.company_id"
    "   WHERE m.user_id = u.id AND m.status = 'active' AND mc.status = 'active') AS companies,"
    " (SELECT COUNT(*) FROM memberships m JOIN companies mc ON mc.id = m.company_id"
    "   WHERE m.user_id = u.id AND m.status = 'invited' AND mc.status = 'active') AS invitations"
    " FROM users u JOIN companies c ON c.id = ? WHERE u.id = ?";
static const char *const sql_details =
    "UPDATE users SET title = ?, first_name = ?, last_name = ?, phone = ? WHERE id = ?";
static const char *const sql_hash =
    "SELECT password_hash, email, first_name, last_name FROM users WHERE id = ?";
static const char *const sql_set_password =
    "UPDATE users SET password_hash = ? WHERE id = ?";
static const char *const sql_other_sessions =
    "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?";

enum { D_TITLE, D_FIRST, D_LAST, D_PHONE };
const struct field account_details_fields[] = {
	[D_TITLE] = { "title", v_title, 0 },
	[D_FIRST] = { "first_name", v_name, F_REQUIRED },
	[D_LAST] = { "last_name", v_name, F_REQUIRED },
	[D_PHONE] = { "phone", v_phone, 0 },
	{ NULL, NULL, 0 }
};

enum { P_CURRENT, P_PASSWORD, P_CONFIRM };
const struct field account_password_fields[] = {
	[P_CURRENT] = { "current", v_password, 0 },
	[P_PASSWORD] = { "password", v_password, 0 },
	[P_CONFIRM] = { "confirm", v_password, 0 },
	{ NULL, NULL, 0 }
};

/* My account, with a message for one of its forms (FORM.error) when given. */
static int
account_page(struct req *r, const char *form, const char *error)
{
	int rc, found;

	req_set(r, "Page.title", "My account");
	r->template = "admin/account.cs";
	titles_to_hdf(r);
	if ((rc = db_row_hdf(r->db, r->hdf, "Me", &found, sql_me, "uu", r->sess->company_id,
	    r->sess->user_id)) != 0)
		return rc;
	if (error) {
		if (strcmp(form, "Details") == 0)
			req_form_to_hdf(r);
		req_set(r, req_printf(r, "%s.error", form), error);
	}
	return found ? HTTP_OK : HTTP_NOT_FOUND;
}

int
account_view(struct req *r)
{
	return account_page(r, NULL, NULL);
}

int
account_details(struct req *r)
{
	const struct fieldval *f = r->fields;
	int rc;

	if (r->invalid)
		return account_page(r, "Details", "Please correct the details below.");
	if ((rc = db_exec(r->db, sql_details, "ssssu", f[D_TITLE].val, f[D_FIRST].val,
	    f[D_LAST].val, f[D_PHONE].val, r->sess->user_id)) != 0 ||
	    (rc = req_audit(r, "contact_details_changed", "user",
	    req_printf(r, "%llu", r->sess->user_id), "")) != 0)
		return rc;
	req_flash(r, "Your contact details have been saved.");
	return req_redirect(r, "/account");
}

int
account_password(struct req *r)
{
	const struct fieldval *f = r->fields;
	char fresh[PASSWORD_HASH_MAX];
	const char *words[4], *why;
	struct dbres *res;
	int rc;

	if ((rc = db_query(r->db, &res, sql_hash, "u", r->sess->user_id)) != 0)
		return rc;
	if (!db_next(res))
		return HTTP_NOT_FOUND;
	if (!password_verify(db_str(res, 0), f[P_CURRENT].val)) {
		(void)req_audit(r, "password_change_failed", "user",
		    req_printf(r, "%llu", r->sess->user_id), "current password wrong");
		if (req_password_failed(r))
			return req_redirect(r, "/login");
		return account_page(r, "Password", "Your current password is not correct.");
	}
	words[0] = db_str(res, 1);
	words[1] = db_str(res, 2);
	words[2] = db_str(res, 3);
	words[3] = NULL;
	if ((why = password_refusal(r, f[P_PASSWORD].val, f[P_CONFIRM].val, words)) != NULL)
		return account_page(r, "Password", why);
	if (password_hash(f[P_PASSWORD].val, fresh) != 0)
		return HTTP_SERVER_ERROR;
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	/* The other sessions end: someone else may know the old password. */
	if ((rc = db_exec(r->db, sql_set_password, "su", fresh, r->sess->user_id)) != 0 ||
	    (rc = db_exec(r->db, sql_other_sessions, "ub", r->sess->user_id, r->sess->id_hash,
	    sizeof(r->sess->id_hash))) != 0 ||
	    (rc = req_audit(r, "password_changed", "user", req_printf(r, "%llu", r->sess->user_id),
	    "other sessions ended")) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "Your password has been changed. Your other sessions have been signed out.");
	return req_redirect(r, "/account");
}
