/*
 * auth.c: the host's own pages: sign-in, sign-out, the root and the health
 * check. Built in rather than a plugin: a portal without them is no portal.
 */
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "log.h"
#include "password.h"

#define LOGIN_FAILED	"The email address or password is not correct."

static const char *const sql_user =
    "SELECT u.id, u.password_hash, u.status,"
    " u.locked_until IS NOT NULL AND u.locked_until > NOW(6),"
    " (SELECT m.company_id FROM memberships m JOIN companies c ON c.id = m.company_id"
    "  WHERE m.user_id = u.id AND m.status = 'active' AND c.status = 'active'"
    "  ORDER BY m.id LIMIT 1)"
    " FROM users u WHERE u.email = ?";

/* Ten failures within 15 minutes lock the account for 15 minutes. MariaDB
 * assigns left to right, so each line sees the lines before it. */
/* Counts the attempt before the slow check, so parallel guesses count too;
 * changes nothing while the account is locked. */
static const char *const sql_attempt =
    "UPDATE users SET"
    " failed_logins = IF(failed_window_start IS NULL"
    "   OR failed_window_start < NOW(6) - INTERVAL 15 MINUTE, 1, failed_logins + 1),"
    " failed_window_start = IF(failed_logins = 1, NOW(6), failed_window_start),"
    " locked_until = IF(failed_logins >= 10, NOW(6) + INTERVAL 15 MINUTE, locked_until)"
    " WHERE id = ? AND (locked_until IS NULL OR locked_until <= NOW(6))";
static const char *const sql_succeeded =
    "UPDATE users SET failed_logins = 0, failed_window_start = NULL,"
    " locked_until = NULL, last_login_at = NOW(6) WHERE id = ?";
static const char *const sql_rehash =
    "UPDATE users SET password_hash = ? WHERE id = ?";

enum { LOGIN_EMAIL, LOGIN_PASSWORD };

static const struct field login_fields[] = {
	[LOGIN_EMAIL] = { "email", v_email, F_REQUIRED },
	[LOGIN_PASSWORD] = { "password", v_password, F_REQUIRED },
	{ NULL, NULL, 0 }
};

static int
health(struct req *r)
{
	return req_body(r, "text/plain; charset=utf-8", "ok", 2);
}

static int
root(struct req *r)
{
	return req_redirect(r, r->sess ? "/dashboard" : "/login");
}

static int
login_form(struct req *r)
{
	if (r->sess)
		return req_redirect(r, "/dashboard");
	req_set(r, "Page.title", "Sign in");
	req_set(r, "Login.csrf", session_pre_token(r));
	return HTTP_OK;
}

/* Shows the form again with one message; nothing says which part was wrong. */
static int
login_refused(struct req *r, const char *message)
{
	req_set(r, "Page.title", "Sign in");
	req_set(r, "Login.csrf", session_pre_token(r));
	/* Echo what was typed only when it is an email address. */
	if (r->fields[LOGIN_EMAIL].err == NULL)
		req_set(r, "Form.email.value", r->fields[LOGIN_EMAIL].val);
	req_set(r, "Form.error", message);
	return HTTP_OK;
}

static int
login(struct req *r)
{
	const char *email = r->fields[LOGIN_EMAIL].val;
	const char *pw = r->fields[LOGIN_PASSWORD].val;
	unsigned long long user_id, company_id;
	struct dbres *res;
	const char *hash;
	char idbuf[24];
	int rc;

	if (r->invalid)
		return login_refused(r, "Please enter your email address and password.");
	rc = db_query(r->db, &res, sql_user, "s", email);
	if (rc != 0)
		return rc;
	if (!db_next(res)) {
		password_dummy_verify(pw);
		(void)audit_write(r->db, 0, 0, r->ip, "login_failed", "user", "",
		    req_printf(r, "unknown email %s", email));
		return login_refused(r, LOGIN_FAILED);
	}
	user_id = (unsigned long long)db_int(res, 0);
	hash = db_str(res, 1);
	company_id = (unsigned long long)db_int(res, 4);
	snprintf(idbuf, sizeof(idbuf), "%llu", user_id);
	if ((rc = db_exec(r->db, sql_attempt, "u", user_id)) != 0)
		return rc;
	if (db_affected(r->db) == 0) {
		password_dummy_verify(pw);	/* locked: answer as slowly */
		(void)audit_write(r->db, company_id, user_id, r->ip,
		    "login_locked", "user", idbuf, "account locked after failed sign-ins");
		return login_refused(r, LOGIN_FAILED);
	}
	if (!password_verify(hash, pw)) {
		(void)audit_write(r->db, company_id, user_id, r->ip,
		    "login_failed", "user", idbuf, "wrong password");
		return login_refused(r, LOGIN_FAILED);
	}
	if (strcmp(db_str(res, 2), "active") != 0 || company_id == 0) {
		(void)audit_write(r->db, company_id, user_id, r->ip,
		    "login_failed", "user", idbuf, "account not active");
		return login_refused(r, LOGIN_FAILED);
	}
	if ((rc = db_exec(r->db, sql_succeeded, "u", user_id)) != 0)
		return rc;
	if (password_needs_rehash(hash)) {
		char fresh[PASSWORD_HASH_MAX];

		if (password_hash(pw, fresh) == 0)
			(void)db_exec(r->db, sql_rehash, "su", fresh, user_id);
	}
	/* A session already in this browser ends: one person, one session. */
	if (r->sess && (rc = session_forget(r)) != 0)
		return rc;
	if ((rc = session_create(r, user_id, company_id)) != 0)
		return rc;
	(void)audit_write(r->db, company_id, user_id, r->ip, "login", "user", idbuf, "");
	return req_redirect(r, "/dashboard");
}

static int
logout(struct req *r)
{
	int rc;

	(void)req_audit(r, "logout", "user",
	    req_printf(r, "%llu", r->sess->user_id), "");
	if ((rc = session_destroy(r)) != 0)
		return rc;
	req_flash(r, "You have signed out.");
	return req_redirect(r, "/login");
}

static const struct route auth_routes[] = {
	/* method path      permission       fields        handler     template          tab  flags */
	{ M_GET,  "",        ROUTE_PUBLIC,    NULL,         root,       NULL,             NULL, R_SESSION_OPTIONAL },
	{ M_GET,  "health",  ROUTE_PUBLIC,    NULL,         health,     NULL,             NULL, 0 },
	{ M_GET,  "login",   ROUTE_PUBLIC,    NULL,         login_form, "auth/login.cs",  NULL, R_SESSION_OPTIONAL },
	{ M_POST, "login",   ROUTE_PUBLIC,    login_fields, login,      "auth/login.cs",  NULL, R_PRESESSION_CSRF | R_SESSION_OPTIONAL },
	{ M_POST, "logout",  ROUTE_SIGNED_IN, NULL,         logout,     NULL,             NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module auth_module = {
	.name = "auth",
	.prefix = "",
	.routes = auth_routes,
	.init = NULL,
	.fini = NULL,
};
