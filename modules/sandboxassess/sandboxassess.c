/*
 * sandboxassess.c: a stand-in for the online assessment service (ECS
 * Assessments) for the demo and the tests, loaded only when the
 * configuration says <demo>true</demo>. It accepts the portal's sign-in
 * link (modules/assessments/account.c says the token's format): it checks
 * the signature with the key of <assessment-service secret>, refuses an
 * expired token, and refuses a token used before. That single-use state is
 * the service's own, as a real service keeps it: the nonces of the tokens it
 * accepted, each until its token has expired (sandbox_assessment_signins).
 * Then it shows who arrived: the company, its account's username and the
 * portal user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "portal.h"

#define MODULE		"sandboxassess"
#define MAX_AHEAD	300	/* a token valid further ahead is not the portal's */

static const char *const sql_used =
    "INSERT INTO sandbox_assessment_signins (nonce, expires_at, company_id, username, user_id,"
    " user_name) VALUES (?, ?, ?, ?, ?, ?)";
static const char *const sql_purge =
    "DELETE FROM sandbox_assessment_signins WHERE expires_at < ?";

static const char *key;

static int
standin_init(void)
{
	if (!portal_is_demo()) {
		log_error("sandboxassess: refusing to load: the configuration is not a demo");
		return -1;
	}
	key = portal_assessment_service() ? portal_assessment_service()->secret : NULL;
	if (key == NULL) {
		log_error("sandboxassess: needs <assessment-service> in the configuration");
		return -1;
	}
	return 0;
}

enum { S_V, S_ACCOUNT, S_COMPANY, S_COMPANY_NAME, S_USER, S_NAME, S_EXP, S_NONCE, S_SIG };
static const struct field sso_fields[] = {
	[S_V] = { "v", NULL, F_REQUIRED },
	[S_ACCOUNT] = { "account", v_text, F_REQUIRED },
	[S_COMPANY] = { "company", v_id, F_REQUIRED },
	[S_COMPANY_NAME] = { "company_name", v_text, F_REQUIRED },
	[S_USER] = { "user", v_id, F_REQUIRED },
	[S_NAME] = { "name", v_text, 0 },
	[S_EXP] = { "exp", v_id, F_REQUIRED },
	[S_NONCE] = { "nonce", NULL, F_REQUIRED },
	[S_SIG] = { "sig", NULL, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* Why the token is refused, or NULL: signed over everything before
 * "&sig=", the signature last, current, and every field well-formed. */
static const char *
check_token(struct req *r, long long now)
{
	const char *q = req_env(r, "QUERY_STRING"), *sig = q ? strstr(q, "&sig=") : NULL;
	long long exp = r->fields[S_EXP].num;

	if (sig == NULL || strlen(sig + 5) != 64 || !hmac_hex_ok(key, q, (size_t)(sig - q), sig + 5))
		return "This sign-in link is not signed by the ECS Employer Portal.";
	if (r->invalid || strcmp(r->fields[S_V].val, "1") != 0 ||
	    strlen(r->fields[S_NONCE].val) != 32)
		return "This sign-in link is incomplete.";
	if (exp < now)
		return "This sign-in link has expired. Please follow the link in the portal again.";
	if (exp > now + MAX_AHEAD)
		return "This sign-in link is not valid.";
	return NULL;
}

static int
standin_sso(struct req *r)
{
	long long now = (long long)time(NULL);
	const char *why = check_token(r, now);
	int rc;

	req_set(r, "Page.title", "ECS Online Assessments (stand-in)");
	if (why) {
		req_set(r, "Arrival.error", why);
		return HTTP_OK;
	}
	if ((rc = db_exec(r->db, sql_purge, "i", now - 60)) != 0)
		return rc;
	rc = db_exec(r->db, sql_used, "si" "usus", r->fields[S_NONCE].val, r->fields[S_EXP].num,
	    (unsigned long long)r->fields[S_COMPANY].num, r->fields[S_ACCOUNT].val,
	    (unsigned long long)r->fields[S_USER].num, r->fields[S_NAME].val);
	if (rc == HTTP_CONFLICT) {
		req_set(r, "Arrival.error", "This sign-in link has already been used. Please follow"
		    " the link in the portal again.");
		return HTTP_OK;
	}
	if (rc != 0)
		return rc;
	req_set(r, "Arrival.account", r->fields[S_ACCOUNT].val);
	req_set(r, "Arrival.company", r->fields[S_COMPANY_NAME].val);
	req_set(r, "Arrival.company_id", r->fields[S_COMPANY].val);
	req_set(r, "Arrival.user", r->fields[S_NAME].val);
	req_set(r, "Arrival.user_id", r->fields[S_USER].val);
	return HTTP_OK;
}

static const struct route routes[] = {
	/* A link followed from the portal: public, the token is the credential. */
	{ M_GET, "sso", ROUTE_PUBLIC, sso_fields, standin_sso, "sandboxassess/arrived.cs", NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,
	.prefix = "sandbox-assessments",
	.routes = routes,
	.init = standin_init,
	.fini = NULL,
};
