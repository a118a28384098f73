/*
 * auth.c: the host's own pages: sign-in, sign-out, the root and the health
 * check. Built in rather than a plugin: a portal without them is no portal.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "host.h"
#include "log.h"
#include "password.h"
#include "totp.h"

#define LOGIN_FAILED	"The email address or password is not correct."

static const char *const sql_user =
    "SELECT u.id, u.password_hash, u.status,"
    " u.locked_until IS NOT NULL AND u.locked_until > NOW(6),"
    " (SELECT m.company_id FROM memberships m JOIN companies c ON c.id = m.company_id"
    "  WHERE m.user_id = u.id AND m.status = 'active' AND c.status = 'active'"
    "  ORDER BY m.id LIMIT 1),"
    " u.totp_secret IS NOT NULL"
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
static const char *const sql_totp =
    "SELECT totp_secret, IFNULL(totp_last_step, -1), UNIX_TIMESTAMP() FROM users WHERE id = ?";
/* A secret stored before the data-key was set, sealed now it has been used. */
static const char *const sql_totp_reseal =
    "UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?";
/* Conditional, so two requests with one code cannot both pass. */
static const char *const sql_totp_step =
    "UPDATE users SET totp_last_step = ? WHERE id = ?"
    " AND (totp_last_step IS NULL OR totp_last_step < ?)";
static const char *const sql_recovery_use =
    "UPDATE recovery_codes SET used_at = NOW(6)"
    " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL";
static const char *const sql_locked =
    "SELECT locked_until IS NOT NULL AND locked_until > NOW(6) FROM users WHERE id = ?";

/* A wrong password given while signed in (changing it, turning two-step sign-in off):
 * counted with the sign-in failures, so a session cannot guess without limit; at the
 * lockout the session ends. 1 when it did (the caller redirects to /login). */
int
req_password_failed(struct req *r)
{
	struct dbres *res;
	int locked;

	db_writes_ignore_next(r->db);
	(void)db_exec(r->db, sql_attempt, "u", r->sess->user_id);
	if (db_query(r->db, &res, sql_locked, "u", r->sess->user_id) != 0)
		return 0;
	locked = db_next(res) && db_int(res, 0);
	if (locked) {
		(void)audit_write(r->db, r->sess->company_id, r->sess->user_id, r->ip,
		    "login_locked", "user", req_printf(r, "%llu", r->sess->user_id),
		    "account locked after wrong passwords while signed in");
		(void)session_destroy(r);
		req_flash(r, LOGIN_FAILED);
	}
	return locked;
}

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
	const char *hash, *landing;
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
	/* The sign-in counters are in no session's row (sesscache.h): these
	 * writes end nothing a worker keeps. */
	db_writes_ignore_next(r->db);
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
	/* With two-step sign-in the failures are forgiven only after the code. */
	db_writes_ignore_next(r->db);
	if (!db_int(res, 5) && (rc = db_exec(r->db, sql_succeeded, "u", user_id)) != 0)
		return rc;
	if (password_needs_rehash(hash)) {
		char fresh[PASSWORD_HASH_MAX];

		db_writes_ignore_next(r->db);
		if (password_hash(pw, fresh) == 0)
			(void)db_exec(r->db, sql_rehash, "su", fresh, user_id);
	}
	/* A session already in this browser ends: one person, one session. */
	if (r->sess && (rc = session_forget(r)) != 0)
		return rc;
	if (db_int(res, 5)) {
		/* A session without permissions that opens only the code page. */
		if ((rc = session_create(r, user_id, company_id, STAGE_CODE)) != 0)
			return rc;
		(void)audit_write(r->db, company_id, user_id, r->ip, "login_password_ok", "user",
		    idbuf, "second step awaited");
		return req_redirect(r, "/login/code");
	}
	if ((rc = session_create(r, user_id, company_id, STAGE_FULL)) != 0 ||
	    (rc = company_landing(r, user_id, &landing)) != 0)
		return rc;
	(void)audit_write(r->db, company_id, user_id, r->ip, "login", "user", idbuf, "");
	return req_redirect(r, landing);
}

enum { CODE_CODE, CODE_RECOVERY };

static const struct field code_fields[] = {
	[CODE_CODE] = { "code", v_text, 0 },
	[CODE_RECOVERY] = { "recovery", v_text, 0 },
	{ NULL, NULL, 0 }
};

static int
code_form(struct req *r)
{
	if (r->sess->stage != STAGE_CODE)
		return req_redirect(r, "/dashboard");
	req_set(r, "Page.title", "Two-step sign-in");
	return HTTP_OK;
}

/* A recovery code as typed ("abcd-efgh-...") hashed without its dashes and spaces. */
static void
recovery_hash(const char *typed, unsigned char hash[32])
{
	char norm[64];
	size_t n = 0;

	for (; *typed && n + 1 < sizeof(norm); typed++)
		if (*typed != '-' && *typed != ' ')
			norm[n++] = (char)(*typed >= 'A' && *typed <= 'Z' ? *typed + 32 : *typed);
	norm[n] = '\0';
	crypto_hash_sha256(hash, (const unsigned char *)norm, n);
}

/* The second step: a code of the authenticator app, or one of the recovery codes. */
static int
code_check(struct req *r)
{
	unsigned long long user_id = r->sess->user_id, company_id = r->sess->company_id;
	const char *code = r->fields[CODE_CODE].val, *recovery = r->fields[CODE_RECOVERY].val;
	const char *how = "totp", *landing;
	char idbuf[24];
	struct dbres *res;
	long long step;
	int rc;

	if (r->sess->stage != STAGE_CODE)
		return req_redirect(r, "/dashboard");
	snprintf(idbuf, sizeof(idbuf), "%llu", user_id);
	req_set(r, "Page.title", "Two-step sign-in");
	if ((rc = db_query(r->db, &res, sql_totp, "u", user_id)) != 0)
		return rc;
	if (!db_next(res))
		return HTTP_FORBIDDEN;
	if (recovery[0] != '\0') {
		unsigned char hash[32];

		how = "recovery";
		recovery_hash(recovery, hash);
		if ((rc = db_exec(r->db, sql_recovery_use, "ub", user_id, hash, sizeof(hash))) != 0)
			return rc;
		step = db_affected(r->db) == 1 ? 0 : -1;
	} else {
		const char *context = req_printf(r, TOTP_STORED_CONTEXT, user_id);
		const char *secret = req_open_stored(r, context, db_str(res, 0));

		if (secret == NULL)	/* the data-key changed: only a recovery code helps */
			log_error("2fa: user %s's TOTP secret does not open with the data-key", idbuf);
		step = secret ? totp_check(secret, code, db_int(res, 2), db_int(res, 1)) : -1;
		if (step >= 0) {
			db_writes_ignore_next(r->db);
			if ((rc = db_exec(r->db, sql_totp_step, "iui", step, user_id, step)) != 0)
				return rc;
			if (db_affected(r->db) != 1)
				step = -1;	/* the same code, used at the same moment */
		}
		if (step >= 0 && secret == db_str(res, 0)) {
			const char *sealed = req_seal_stored(r, context, secret);

			if (sealed != secret && sealed != NULL &&
			    (rc = db_exec(r->db, sql_totp_reseal, "sus", sealed, user_id, secret)) != 0)
				return rc;
		}
	}
	if (step < 0) {
		db_writes_ignore_next(r->db);
		(void)db_exec(r->db, sql_attempt, "u", user_id);
		(void)audit_write(r->db, company_id, user_id, r->ip, "login_code_failed", "user",
		    idbuf, how);
		if ((rc = db_query(r->db, &res, sql_locked, "u", user_id)) != 0)
			return rc;
		if (db_next(res) && db_int(res, 0)) {
			if ((rc = session_destroy(r)) != 0)
				return rc;
			req_flash(r, LOGIN_FAILED);
			return req_redirect(r, "/login");
		}
		req_set(r, "Form.error", "That code is not correct. Please try again.");
		return HTTP_OK;
	}
	db_writes_ignore_next(r->db);
	if ((rc = db_exec(r->db, sql_succeeded, "u", user_id)) != 0 ||
	    (rc = session_forget(r)) != 0 ||
	    (rc = session_create(r, user_id, company_id, STAGE_FULL)) != 0 ||
	    (rc = company_landing(r, user_id, &landing)) != 0)
		return rc;
	if (strcmp(how, "recovery") == 0)
		(void)audit_write(r->db, company_id, user_id, r->ip, "recovery_code_used", "user",
		    idbuf, "");
	(void)audit_write(r->db, company_id, user_id, r->ip, "login", "user", idbuf,
	    "with two-step sign-in");
	return req_redirect(r, landing);
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
	{ M_POST, "logout",  ROUTE_SIGNED_IN, NULL,         logout,     NULL,             NULL, R_STAGE_CODE | R_STAGE_ENROL },
	{ M_GET,  "login/code", ROUTE_SIGNED_IN, NULL,      code_form,  "auth/code.cs",   NULL, R_STAGE_CODE },
	{ M_POST, "login/code", ROUTE_SIGNED_IN, code_fields, code_check, "auth/code.cs", NULL, R_STAGE_CODE },
	{ M_GET,  "company", ROUTE_SIGNED_IN, NULL, company_choice_form, "auth/company.cs", NULL, R_STAGE_ENROL },
	{ M_POST, "company", ROUTE_SIGNED_IN, company_choice_fields, company_choice, NULL, NULL, R_STAGE_ENROL },
	{ M_POST, "company/accept", ROUTE_SIGNED_IN, company_choice_fields, company_accept, NULL, NULL, R_STAGE_ENROL },
	{ M_POST, "company/decline", ROUTE_SIGNED_IN, company_choice_fields, company_decline, NULL, NULL, R_STAGE_ENROL },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module auth_module = {
	.abi = PORTAL_ABI,
	.name = "auth",
	.prefix = "",
	.routes = auth_routes,
	.init = NULL,
	.fini = NULL,
};
