/*
 * links.c: one-time links to set a password, for new users and after a reset.
 * The link carries 256 random bits; only their SHA-256 is stored. A link works
 * once, for 24 hours, and a newer link for the same user ends the older ones.
 * /set-password is public: the link is all the person has.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "password.h"

static const char *const sql_end_links =
    "UPDATE password_links SET expires_at = LEAST(expires_at, NOW(6))"
    " WHERE user_id = ? AND used_at IS NULL";
static const char *const sql_new_link =
    "INSERT INTO password_links (token_hash, user_id, company_id, created_by, purpose, expires_at)"
    " VALUES (?, ?, ?, ?, ?, NOW(6) + INTERVAL 24 HOUR)";
/* A link a company issued sets the password of a user of that company alone: one who has
 * since become a user of another company too (whose admins could not reset it: users_edit.c)
 * needs a link no more. Read with the user's row locked, as adding an existing user locks it. */
#define LINK_OPEN \
    " FROM password_links l JOIN users u ON u.id = l.user_id" \
    " WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > NOW(6)" \
    " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = l.user_id" \
    "   AND m.company_id <> l.company_id AND m.status = 'active')"
static const char *const sql_link =
    "SELECT l.user_id, l.company_id, u.email, u.first_name, u.last_name, l.purpose" LINK_OPEN;
static const char *const sql_link_lock =
    "SELECT l.user_id, l.company_id, u.email, u.first_name, u.last_name, l.purpose" LINK_OPEN
    " FOR UPDATE";
static const char *const sql_use_link =
    "UPDATE password_links SET used_at = NOW(6) WHERE token_hash = ?";
/* A new password also lifts a lockout: the link proved who it is. */
static const char *const sql_set_password =
    "UPDATE users SET password_hash = ?, failed_logins = 0, failed_window_start = NULL,"
    " locked_until = NULL WHERE id = ?";
static const char *const sql_end_sessions =
    "DELETE FROM sessions WHERE user_id = ?";

#define LINK_INVALID "This link has expired or has already been used. Please ask your " \
	"company's administrator for a new one."

int
link_issue(struct req *r, unsigned long long user_id, const char *purpose)
{
	unsigned char hash[32];
	const char *hex;
	int rc;

	req_token(r, &hex, hash);
	if ((rc = db_exec(r->db, sql_end_links, "u", user_id)) != 0 ||
	    (rc = db_exec(r->db, sql_new_link, "buuus", hash, sizeof(hash), user_id,
	    r->sess->company_id, r->sess->user_id, purpose)) != 0)
		return rc;
	req_set(r, "Link.url", req_printf(r, "%s/set-password?token=%s", portal_base_url(), hex));
	return 0;
}

void
link_mail(struct req *r, const char *email)
{
	const char *body = req_printf(r,
	    "Hello,\n\n"
	    "%s of %s has given you access to the ECS Employer Portal.\n"
	    "To set your password, open this link within 24 hours (it works once):\n\n"
	    "%s\n\n"
	    "Then sign in at %s/login with this email address.\n\n"
	    "If you did not expect this message, you can ignore it.\n",
	    r->sess->user_name, r->sess->company_name,
	    hdf_get_value(r->hdf, "Link.url", ""), portal_base_url());

	if (mail_send(r, email, "Set your ECS Employer Portal password", body) == 0)
		req_set(r, "Link.mailed", "1");
}

enum { S_TOKEN, S_PASSWORD, S_CONFIRM };
const struct field set_password_get_fields[] = {
	[S_TOKEN] = { "token", v_text, 0 },
	{ NULL, NULL, 0 }
};
const struct field set_password_fields[] = {
	[S_TOKEN] = { "token", v_text, 0 },
	[S_PASSWORD] = { "password", v_password, 0 },
	[S_CONFIRM] = { "confirm", v_password, 0 },
	{ NULL, NULL, 0 }
};

/* The form for a valid link, or the page saying it is not. */
static void
form_page(struct req *r, int valid, const char *error)
{
	req_set(r, "Page.title", "Set your password");
	req_set(r, "Login.csrf", req_pre_token(r));
	if (!valid) {
		req_set(r, "Link.invalid", LINK_INVALID);
		return;
	}
	req_set(r, "Link.token", r->fields[S_TOKEN].val);
	if (error)
		req_set(r, "Form.error", error);
}

int
set_password_form(struct req *r)
{
	unsigned char hash[32];
	struct dbres *res;
	int rc, valid = 0;

	if (token_hash(r->fields[S_TOKEN].val, hash) == 0) {
		if ((rc = db_query(r->db, &res, sql_link, "b", hash, sizeof(hash))) != 0)
			return rc;
		valid = db_next(res);
	}
	form_page(r, valid, NULL);
	return HTTP_OK;
}

int
set_password(struct req *r)
{
	unsigned char hash[32];
	char fresh[PASSWORD_HASH_MAX];
	const char *words[5], *why;
	unsigned long long user_id, company_id;
	struct dbres *res;
	int rc;

	if (token_hash(r->fields[S_TOKEN].val, hash) != 0) {
		form_page(r, 0, NULL);
		return HTTP_OK;
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_query(r->db, &res, sql_link_lock, "b", hash, sizeof(hash))) != 0)
		goto fail;
	if (!db_next(res)) {
		db_rollback(r->db);
		form_page(r, 0, NULL);
		return HTTP_OK;
	}
	user_id = (unsigned long long)db_int(res, 0);
	company_id = (unsigned long long)db_int(res, 1);
	words[0] = db_str(res, 2);
	words[1] = db_str(res, 3);
	words[2] = db_str(res, 4);
	words[3] = NULL;
	if ((why = password_refusal(r, r->fields[S_PASSWORD].val, r->fields[S_CONFIRM].val,
	    words)) != NULL) {
		db_rollback(r->db);
		form_page(r, 1, why);
		return HTTP_OK;
	}
	if (password_hash(r->fields[S_PASSWORD].val, fresh) != 0) {
		rc = HTTP_SERVER_ERROR;
		goto fail;
	}
	if ((rc = db_exec(r->db, sql_set_password, "su", fresh, user_id)) != 0 ||
	    (rc = db_exec(r->db, sql_use_link, "b", hash, sizeof(hash))) != 0 ||
	    (rc = db_exec(r->db, sql_end_sessions, "u", user_id)) != 0 ||
	    (rc = req_audit_for(r, company_id, user_id, "password_set_via_link", "user",
	    req_printf(r, "%llu", user_id), "")) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, "Your password has been set. You can now sign in.");
	return req_redirect(r, "/login");
fail:
	db_rollback(r->db);
	return rc;
}
