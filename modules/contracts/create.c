/*
 * create.c: Create New Contract, and the client's two steps of its life:
 * starting it (being set up -> in progress) and closing it (-> completed).
 * The form carries a one-time token kept (hashed) with the contract, so a
 * form sent twice makes one contract and the second sending lands on it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "contracts.h"

#define MAX_MIN_DAYS	3650	/* ten years: no card lasts longer */
#define MAX_TICKED	200	/* more card types or occupations than exist */

static const char *const sql_card_types =
    "SELECT id, name FROM card_types ORDER BY sort, id";
static const char *const sql_occupations =
    "SELECT o.id AS id, o.name AS name, d.name AS discipline"
    " FROM occupations o JOIN disciplines d ON d.id = o.discipline_id WHERE o.active = 1 ORDER BY d.sort, o.sort, o.id";
static const char *const sql_card_type_ok =
    "SELECT 1 FROM card_types WHERE id = ?";
static const char *const sql_occupation_ok =
    "SELECT 1 FROM occupations WHERE id = ? AND active = 1";
static const char *const sql_insert =
    "INSERT INTO contracts (company_id, name, site_address, client_reference, starts_on,"
    " ends_on, min_days_valid, form_token, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_by_token =
    "SELECT id FROM contracts WHERE form_token = ? AND company_id = ?";
static const char *const sql_client_party =
    "INSERT INTO contract_parties (contract_id, company_id, role, state, invited_by, answered_by,"
    " answered_at) VALUES (?, ?, 'client', 'accepted', ?, ?, NOW(6))";
static const char *const sql_require_type =
    "INSERT IGNORE INTO contract_requirements (contract_id, card_type_id) VALUES (?, ?)";
static const char *const sql_require_occupation =
    "INSERT IGNORE INTO contract_requirements (contract_id, occupation_id) VALUES (?, ?)";
static const char *const sql_start =
    "UPDATE contracts SET state = 'in_progress', started_at = NOW(6) WHERE id = ?";
static const char *const sql_close =
    "UPDATE contracts SET state = 'completed', closed_at = NOW(6) WHERE id = ?";

/* err, or message when what the validator accepted is longer than max characters. */
static const char *
limit(const char *err, const char *out, size_t max, const char *message)
{
	return err == NULL && utf8_chars(out) > max ? message : err;
}

static const char *
v_name(const char *in, char *out, size_t cap, long long *num)
{
	return limit(v_text(in, out, cap, num), out, 150, "Please keep the name to 150 characters.");
}

static const char *
v_site(const char *in, char *out, size_t cap, long long *num)
{
	return limit(v_longtext(in, out, cap, num), out, 500,
	    "Please keep the address to 500 characters.");
}

static const char *
v_reference(const char *in, char *out, size_t cap, long long *num)
{
	return limit(v_text(in, out, cap, num), out, 60,
	    "Please keep the reference to 60 characters.");
}

static const char *
v_days(const char *in, char *out, size_t cap, long long *num)
{
	const char *msg = "Please enter a whole number of days from 0 to 3650.";
	size_t i;

	snprintf(out, cap, "%s", in);
	for (i = 0; in[i]; i++)
		if (in[i] < '0' || in[i] > '9' || i >= 4)
			return msg;
	*num = 0;
	for (i = 0; in[i]; i++)
		*num = *num * 10 + (in[i] - '0');
	return i > 0 && *num <= MAX_MIN_DAYS ? NULL : msg;
}

static const char *
v_token(const char *in, char *out, size_t cap, long long *num)
{
	unsigned char hash[32];

	(void)num;
	snprintf(out, cap, "%s", in);
	return token_hash(in, hash) == 0 ? NULL : "This form has expired: please fill it in again.";
}

enum { C_TOKEN, C_NAME, C_SITE, C_REFERENCE, C_STARTS, C_ENDS, C_DAYS, C_TYPE, C_OCCUPATION };
const struct field create_fields[] = {
	[C_TOKEN] = { "token", v_token, F_REQUIRED },
	[C_NAME] = { "name", v_name, F_REQUIRED },
	[C_SITE] = { "site_address", v_site, F_REQUIRED },
	[C_REFERENCE] = { "client_reference", v_reference, 0 },
	[C_STARTS] = { "starts_on", v_date, F_REQUIRED },
	[C_ENDS] = { "ends_on", v_date, F_REQUIRED },
	[C_DAYS] = { "min_days", v_days, F_REQUIRED },
	[C_TYPE] = { "card_type", v_id, F_MULTI },
	[C_OCCUPATION] = { "occupation", v_id, F_MULTI },
	{ NULL, NULL, 0 }
};

/* Today in UTC (the database's time zone) as yyyymmdd. */
static long long
today_ymd(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return (long long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* Whether id is among the posted values of field f. */
static int
ticked(const struct fieldval *f, const char *id)
{
	for (; f; f = f->next)
		if (id && f->present && !f->err && strcmp(f->val, id) == 0)
			return 1;
	return 0;
}

/* Ticks PREFIX.N.flag for the rows of PREFIX (n of them) whose id was posted in f. */
static void
tick(struct req *r, const char *prefix, size_t n, const struct fieldval *f, const char *flag)
{
	size_t i;

	for (i = 0; f && i < n; i++)
		if (ticked(f, hdf_get_valuef(r->hdf, "%s.%zu.id", prefix, i)))
			req_set(r, req_printf(r, "%s.%zu.%s", prefix, i, flag), "1");
}

/* CardTypes.N and Occupations.N for the form, with what was ticked. */
static int
choices_hdf(struct req *r)
{
	size_t types, occupations;
	int rc;

	if ((rc = db_rows_hdf(r->db, r->hdf, "CardTypes", &types, sql_card_types, "")) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Occupations", &occupations, sql_occupations,
	    "")) != 0)
		return rc;
	if (r->nfields) {
		tick(r, "CardTypes", types, &r->fields[C_TYPE], "checked");
		tick(r, "Occupations", occupations, &r->fields[C_OCCUPATION], "selected");
	}
	return 0;
}

static void
form_token(struct req *r)
{
	const char *hex;
	unsigned char hash[32];

	req_token(r, &hex, hash);
	req_set(r, "Form.token", hex);
}

int
contracts_new(struct req *r)
{
	int rc;

	if (!contract_company_level(r))
		return HTTP_FORBIDDEN;
	req_set(r, "Page.title", "Create New Contract");
	req_set(r, "Form.min_days.value", "28");
	form_token(r);
	return (rc = choices_hdf(r)) != 0 ? rc : HTTP_OK;
}

/* The form again with its errors (and a fresh token: nothing was made). */
static int
form_again(struct req *r, const char *error)
{
	int rc;

	req_set(r, "Page.title", "Create New Contract");
	req_form_to_hdf(r);
	req_set(r, "Form.error", error);
	form_token(r);
	if ((rc = choices_hdf(r)) != 0)
		return rc;
	return HTTP_OK;
}

/* Whether every ticked id exists (sql answers a row for a good one); more
 * values than the lists hold are refused before asking. */
static int
ids_exist(struct req *r, const struct fieldval *f, const char *sql, int *ok)
{
	struct dbres *res;
	size_t n = 0;
	int rc;

	*ok = 1;
	for (; f && *ok; f = f->next) {
		if (!f->present)
			continue;
		if (f->err || ++n > MAX_TICKED) {
			*ok = 0;
			break;
		}
		if ((rc = db_query(r->db, &res, sql, "u", (unsigned long long)f->num)) != 0)
			return rc;
		*ok = db_next(res);
		db_free(res);
	}
	return 0;
}

/* The token's hash as 64 hex digits (the column), from a checked token. */
static const char *
token_key(struct req *r, const char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char hash[32];
	char *out = req_alloc(r, 65);
	size_t i;

	(void)token_hash(hex, hash);
	for (i = 0; i < sizeof(hash); i++) {
		out[2 * i] = digits[hash[i] >> 4];
		out[2 * i + 1] = digits[hash[i] & 15];
	}
	out[64] = '\0';
	return out;
}

/* Inserts the requirements of the ticked values of f with sql. */
static int
insert_requirements(struct req *r, unsigned long long id, const struct fieldval *f,
    const char *sql)
{
	int rc;

	for (; f; f = f->next)
		if (f->present && (rc = db_exec(r->db, sql, "uu", id, (unsigned long long)f->num)) != 0)
			return rc;
	return 0;
}

int
contracts_create(struct req *r)
{
	const struct session *s = r->sess;
	const struct fieldval *f = r->fields;
	const char *key;
	unsigned long long id = 0;
	struct dbres *res;
	int ok, rc;

	if (!contract_company_level(r))
		return HTTP_FORBIDDEN;
	if (f[C_TOKEN].err)
		return form_again(r, f[C_TOKEN].err);
	if (r->invalid)
		return form_again(r, "Please correct the fields marked below.");
	if (f[C_ENDS].num < f[C_STARTS].num)
		return form_again(r, "The end date must not be before the start date.");
	if (f[C_ENDS].num < today_ymd())
		return form_again(r, "The end date has passed: a contract must end today or later.");
	if ((rc = ids_exist(r, &f[C_TYPE], sql_card_type_ok, &ok)) != 0)
		return rc;
	if (ok && (rc = ids_exist(r, &f[C_OCCUPATION], sql_occupation_ok, &ok)) != 0)
		return rc;
	if (!ok)
		return form_again(r, "Please choose card types and occupations from the lists.");
	key = token_key(r, f[C_TOKEN].val);
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	rc = db_exec(r->db, sql_insert, "usssssisu", s->company_id, f[C_NAME].val, f[C_SITE].val,
	    f[C_REFERENCE].val, f[C_STARTS].val, f[C_ENDS].val, f[C_DAYS].num, key, s->user_id);
	if (rc == HTTP_CONFLICT) {
		/* The same form again: land on the contract it made. */
		db_rollback(r->db);
		if ((rc = db_query(r->db, &res, sql_by_token, "su", key, s->company_id)) != 0)
			return rc;
		if (db_next(res))
			id = (unsigned long long)db_int(res, 0);
		db_free(res);
		if (id == 0)
			return form_again(r, "This form has expired: please fill it in again.");
		return req_redirect(r, req_printf(r, "/contracts/%llu", id));
	}
	if (rc == 0) {
		id = db_last_id(r->db);
		rc = db_exec(r->db, sql_client_party, "uuuu", id, s->company_id, s->user_id,
		    s->user_id);
	}
	if (rc == 0)
		rc = insert_requirements(r, id, &f[C_TYPE], sql_require_type);
	if (rc == 0)
		rc = insert_requirements(r, id, &f[C_OCCUPATION], sql_require_occupation);
	if (rc == 0)
		rc = req_audit(r, "contract_created", "contract", req_printf(r, "%llu", id),
		    f[C_NAME].val);
	if (rc == 0)
		rc = db_commit(r->db);
	if (rc != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The contract is being set up: invite your subcontractors and add your "
	    "workers, then start it.");
	return req_redirect(r, req_printf(r, "/contracts/%llu", id));
}

/* A client's change of state: from the state `from` with sql, audited; with
 * unconfirmed, only when the form's confirmation box was ticked. */
static int
change_state(struct req *r, const char *const *from, const char *sql, const char *action,
    const char *refused, const char *unconfirmed, const char *done)
{
	struct contract c;
	size_t i;
	int rc;

	if ((rc = contract_begin_client(r, &c)) != 0)
		return rc;
	for (i = 0; from[i]; i++)
		if (strcmp(c.state, from[i]) == 0)
			break;
	if (from[i] == NULL) {
		db_rollback(r->db);
		return contract_redirect(r, &c, refused);
	}
	if (unconfirmed && (!r->fields[0].present || r->fields[0].err)) {
		db_rollback(r->db);
		return contract_redirect(r, &c, unconfirmed);
	}
	if ((rc = db_exec(r->db, sql, "u", c.id)) == 0 &&
	    (rc = req_audit(r, action, "contract", req_printf(r, "%llu", c.id), c.name)) == 0)
		rc = db_commit(r->db);
	if (rc != 0) {
		db_rollback(r->db);
		return rc;
	}
	return contract_redirect(r, &c, done);
}

int
contracts_start(struct req *r)
{
	static const char *const from[] = { "being_set_up", NULL };

	return change_state(r, from, sql_start, "contract_started",
	    "Only a contract being set up can be started.", NULL, "The contract is in progress.");
}

/* Closing cannot be undone: the form asks for a ticked box first. */
const struct field close_fields[] = {
	{ "confirm", v_yes, 0 },
	{ NULL, NULL, 0 }
};

int
contracts_close(struct req *r)
{
	static const char *const from[] = { "being_set_up", "in_progress", NULL };

	return change_state(r, from, sql_close, "contract_closed",
	    "This contract is already completed.",
	    "Nothing has changed: to close the contract, tick the box that confirms it, "
	    "as a completed contract cannot be changed or reopened.", "The contract is completed.");
}
