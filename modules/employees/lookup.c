/*
 * lookup.c: Employees -> Add New Employee (guide 1.2). A lookup in the
 * national register by NI number, date of birth and one more detail; then
 * either CONFIRM & CONTINUE for the person found, or the form for a new
 * operative. The lookup's single-use token carries what was matched (or
 * the NI number and date of birth) to the next step, so neither can be
 * changed on the way and no operative id is ever taken from a form.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "employees.h"

#define LOOKUP_LIFE_MINUTES	"30"

/*
 * The whole lookup in one round trip (sql/migrations/0026, employee_lookup):
 * under the company's and the user's lookup counters' locks, the hourly
 * limits, the match, the lookup recorded with its token and audited,
 * committed (its own transaction: never inside db_begin). It answers one row:
 * 'refused' or 'recorded', the lookup's id, the operative matched or 0.
 */
static const char *const sql_lookup =
    "CALL employee_lookup(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_token =
    "SELECT id, IFNULL(operative_id, 0), ni_number, DATE_FORMAT(date_of_birth, '%d/%m/%Y'),"
    " last_name, date_of_birth FROM employee_lookups"
    " WHERE token_hash = ? AND company_id = ? AND user_id = ? AND kind = 'single'"
    " AND used_at IS NULL AND created_at > NOW(6) - INTERVAL " LOOKUP_LIFE_MINUTES " MINUTE";
static const char *const sql_use_token =
    "UPDATE employee_lookups SET used_at = NOW(6) WHERE id = ? AND used_at IS NULL";
/*
 * The page of the person found, in one round trip (db_sections_hdf): list 0
 * Lookup.name/ni/already (a current employee here)/within (and within the
 * user's level), 1 their current cards (Lookup.cards), 2 the user's offices
 * (Offices). Bind: company, SCOPE, operative; operative; company, group,
 * group, office, office.
 */
static const char *const sql_found =
    "SELECT * FROM ("
    " SELECT 0 AS list, 0 AS seq,"
    "  CONCAT_WS(' ', NULLIF(o.title, ''), o.first_name, o.last_name) AS name, o.ni_number AS ni,"
    "  (SELECT COUNT(*) FROM employments e WHERE e.operative_id = o.id"
    "    AND e.company_id = ? AND e.ended_on IS NULL) AS already,"
    "  (SELECT COUNT(*) FROM employments e JOIN offices f ON f.id = e.office_id"
    "    WHERE e.operative_id = o.id AND" SCOPE " AND e.ended_on IS NULL) AS within,"
    "  NULL AS number, NULL AS type, NULL AS expires, NULL AS id"
    "  FROM operatives o WHERE o.id = ?"
    " UNION ALL"
    " SELECT 1, ROW_NUMBER() OVER (ORDER BY c.expires_on DESC, c.id), NULL, NULL, NULL, NULL,"
    "  c.card_number, t.name, DATE_FORMAT(c.expires_on, '%d/%m/%Y'), NULL"
    "  FROM cards c JOIN card_types t ON t.id = c.card_type_id"
    "  WHERE c.operative_id = ? AND c.status = 'valid' AND c.expires_on >= CURDATE()"
    " UNION ALL"
    " SELECT 2, ROW_NUMBER() OVER (ORDER BY f.name, f.id), f.name, NULL, NULL, NULL,"
    "  NULL, NULL, NULL, f.id"
    OFFICES_IN_SCOPE
    ") l ORDER BY l.list, l.seq";
/* When they last left this company, if they did: a new start must come after. */
static const char *const sql_last_left =
    "SELECT MAX(ended_on), DATE_FORMAT(MAX(ended_on), '%d/%m/%Y')"
    " FROM employments WHERE operative_id = ? AND company_id = ?";
static const char *const sql_audit_conflict =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)"
    " VALUES (?, ?, ?, 'operative_create_refused', 'lookup', ?, 'the NI number is on the register')";
static const char *const sql_employ =
    "INSERT INTO employments (operative_id, company_id, office_id, started_on,"
    " declared_by_user_id) VALUES (?, ?, ?, ?, ?)";
static const char *const sql_new_operative =
    "INSERT INTO operatives (ni_number, date_of_birth, title, first_name, last_name, gender)"
    " VALUES (?, ?, ?, ?, ?, ?)";

enum { L_NI, L_DOB, L_LAST, L_CARD, L_HSE };
const struct field lookup_fields[] = {
	[L_NI] = { "ni", v_ni_number, F_REQUIRED },
	[L_DOB] = { "dob", v_birth_date, F_REQUIRED },
	[L_LAST] = { "last_name", v_name, 0 },
	[L_CARD] = { "card_number", v_card_number, 0 },
	[L_HSE] = { "hse_number", v_hse_number, 0 },
	{ NULL, NULL, 0 }
};

/* A date of employment: not in the future, not before 1950. */
const char *
v_start_date(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_date(in, out, cap, num);
	time_t now = time(NULL);
	struct tm tm;

	if (err)
		return err;
	gmtime_r(&now, &tm);
	if (*num > (long long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday)
		return "The start date cannot be in the future.";
	if (*num < 19500101)
		return "Please check the start date.";
	return NULL;
}

const char *
v_name(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_text(in, out, cap, num);

	if (err)
		return err;
	/* Spaces alone: nothing given, though the field was sent. */
	if (out[0] == '\0')
		return "Please fill in this field.";
	if (utf8_chars(out) > 100)
		return "Please keep a name to 100 letters.";
	/* Marks or odd spaces alone would compare equal to an empty name. */
	if (strpbrk(out, "<>\"@;=0123456789") || !utf8_has_letter(out))
		return "Please use letters, spaces, hyphens and apostrophes only.";
	return NULL;
}

static const char *const genders[][2] = {
	{ "male", "Male" }, { "female", "Female" }, { "other", "Other" },
	{ "not_stated", "Prefer not to say" }, { NULL, NULL }
};

static const char *
v_gender(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	(void)num;
	for (i = 0; genders[i][0]; i++)
		if (strcmp(in, genders[i][0]) == 0) {
			snprintf(out, cap, "%s", in);
			return NULL;
		}
	return "Please choose from the list.";
}

enum { C_TOKEN, C_OFFICE, C_STARTED };
const struct field confirm_fields[] = {
	[C_TOKEN] = { "token", NULL, F_REQUIRED },
	[C_OFFICE] = { "office_id", v_id, F_REQUIRED },
	[C_STARTED] = { "started_on", v_start_date, F_REQUIRED },
	{ NULL, NULL, 0 }
};

enum { N_TOKEN, N_TITLE, N_FIRST, N_LAST, N_GENDER, N_OFFICE, N_STARTED, N_DECLARATION };
const struct field create_fields[] = {
	[N_TOKEN] = { "token", NULL, F_REQUIRED },
	[N_TITLE] = { "title", v_title, 0 },
	[N_FIRST] = { "first_name", v_name, F_REQUIRED },
	[N_LAST] = { "last_name", v_name, F_REQUIRED },
	[N_GENDER] = { "gender", v_gender, 0 },
	[N_OFFICE] = { "office_id", v_id, F_REQUIRED },
	[N_STARTED] = { "started_on", v_start_date, F_REQUIRED },
	[N_DECLARATION] = { "declaration", v_declaration, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* The lookup a token names, for this user and company, unused and recent. */
struct lookup {
	unsigned long long id, operative;
	const char *token, *ni, *dob, *last_name, *dob_iso;
};

static int
lookup_by_token(struct req *r, const char *token, struct lookup *l, int *found)
{
	unsigned char hash[32];
	struct dbres *res;
	int rc;

	*found = 0;
	if (token_hash(token, hash) < 0)
		return 0;
	rc = db_query(r->db, &res, sql_token, "buu", hash, sizeof(hash),
	    r->sess->company_id, r->sess->user_id);
	if (rc != 0 || !db_next(res))
		return rc;
	l->id = (unsigned long long)db_int(res, 0);
	l->operative = (unsigned long long)db_int(res, 1);
	l->ni = db_str(res, 2);
	l->dob = db_str(res, 3);
	l->last_name = db_str(res, 4);
	l->dob_iso = db_str(res, 5);
	l->token = token;
	*found = 1;
	return 0;
}

static int
lookup_expired(struct req *r)
{
	req_set(r, "Page.title", "Add New Employee");
	req_set(r, "Form.error", "This lookup has expired or was already used. "
	    "Please look the person up again.");
	r->template = "employees/add.cs";
	return HTTP_OK;
}

/* The person found: name, NI number and current cards only. */
static int
show_found(struct req *r, const struct lookup *l)
{
	static const char *const lists[] = { "Lookup.", "Lookup.cards", "Offices" };
	const struct session *s = r->sess;
	size_t counts[3];
	int rc;

	rc = db_sections_hdf(r->db, r->hdf, lists, 3, counts, sql_found, "uuuuuuu" "u" "uuuuu",
	    s->company_id, s->company_id, s->scope_group, s->scope_group, s->scope_office,
	    s->scope_office, l->operative, l->operative, s->company_id, s->scope_group,
	    s->scope_group, s->scope_office, s->scope_office);
	if (rc != 0)
		return rc;
	if (counts[0] != 1)
		return HTTP_SERVER_ERROR;
	req_set(r, "Page.title", "Add New Employee");
	req_set(r, "Lookup.token", l->token);
	/* Counts: the page wants Lookup.already only when they work here. */
	if (hdf_get_int_value(r->hdf, "Lookup.already", 0) == 0)
		hdf_remove_tree(r->hdf, "Lookup.already");
	else if (hdf_get_int_value(r->hdf, "Lookup.within", 0))
		req_setf(r, "Lookup.employee_url", "/employees/%llu", l->operative);
	hdf_remove_tree(r->hdf, "Lookup.within");
	r->template = "employees/found.cs";
	return HTTP_OK;
}

static void
declaration_hdf(struct req *r)
{
	size_t i;

	req_set(r, "Declaration.user", r->sess->user_name);
	req_set(r, "Declaration.company", r->sess->company_name);
	for (i = 0; validate_titles[i]; i++)
		req_set(r, req_printf(r, "Titles.%zu", i), validate_titles[i]);
	for (i = 0; genders[i][0]; i++) {
		req_set(r, req_printf(r, "Genders.%zu.value", i), genders[i][0]);
		req_set(r, req_printf(r, "Genders.%zu.label", i), genders[i][1]);
	}
}

/* The form for a new operative, NI number and date of birth carried over. */
static int
show_not_found(struct req *r, const struct lookup *l)
{
	req_set(r, "Page.title", "Add New Employee");
	req_set(r, "Lookup.token", l->token);
	req_set(r, "Lookup.ni", l->ni);
	req_set(r, "Lookup.dob", l->dob);
	declaration_hdf(r);
	r->template = "employees/notfound.cs";
	return employees_offices_hdf(r) ? HTTP_UNAVAILABLE : HTTP_OK;
}

/*
 * A start date must follow the date of birth and, for someone who worked
 * here before, the day they left. Marks the field; an HTTP status on error.
 */
static int
check_start(struct req *r, const struct lookup *l, struct fieldval *started)
{
	struct dbres *res;
	int rc;

	if (strcmp(started->val, l->dob_iso) <= 0) {
		started->err = "The start date must be after the date of birth.";
		r->invalid++;
		return 0;
	}
	if (l->operative == 0)
		return 0;
	rc = db_query(r->db, &res, sql_last_left, "uu", l->operative, r->sess->company_id);
	if (rc == 0 && db_next(res) && db_str(res, 0) &&
	    strcmp(started->val, db_str(res, 0)) < 0) {
		started->err = req_printf(r, "They left your company on %s: the new start date "
		    "must be on or after it.", db_str(res, 1));
		r->invalid++;
	}
	return rc;
}

int
employees_add_form(struct req *r)
{
	req_set(r, "Page.title", "Add New Employee");
	return HTTP_OK;
}

/* A configured limit as the procedure takes it (a negative one is 0: none allowed). */
static unsigned long long
limit_param(const char *name, long dflt)
{
	long v = portal_param_long(MODULE, name, dflt);

	return v > 0 ? (unsigned long long)v : 0;
}

int
employees_lookup(struct req *r)
{
	unsigned long long per_user = limit_param("lookups-per-user-hour", 60);
	unsigned long long per_company = limit_param("lookups-per-company-hour", 300);
	const struct fieldval *f = r->fields;
	unsigned char hash[32];
	struct dbres *res;
	struct lookup l;
	const char *token;
	int rc;

	req_set(r, "Page.title", "Add New Employee");
	if (r->invalid) {
		req_form_to_hdf(r);
		return HTTP_OK;
	}
	/* A field sent is never empty here: its validator refuses one blank once trimmed. */
	if (!f[L_LAST].present && !f[L_CARD].present && !f[L_HSE].present) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", "Please give at least one of Last Name, "
		    "ECS Card Number or H & S Assessment Number.");
		return HTTP_OK;
	}
	req_token(r, &token, hash);
	/* It adds lookup and audit rows only, which no kept session or page shows:
	 * the company's kept pages stay. */
	db_writes_ignore_next(r->db);
	rc = db_query(r->db, &res, sql_lookup, "uusbsssssuu", r->sess->company_id,
	    r->sess->user_id, r->ip, hash, sizeof(hash), f[L_NI].val, f[L_DOB].val,
	    f[L_LAST].val, f[L_CARD].val, f[L_HSE].val, per_user, per_company);
	if (rc != 0)
		return rc;
	if (!db_next(res) || db_str(res, 0) == NULL)
		return HTTP_SERVER_ERROR;
	if (strcmp(db_str(res, 0), "refused") == 0) {
		req_form_to_hdf(r);
		req_setf(r, "Form.error", "You have reached the limit of %llu lookups an hour "
		    "(%llu for your company). Please try again later, or add several "
		    "employees at once with a CSV file.", per_user, per_company);
		return HTTP_OK;
	}
	memset(&l, 0, sizeof(l));
	l.token = token;
	l.operative = (unsigned long long)db_int(res, 2);
	l.ni = f[L_NI].val;
	l.dob = req_printf(r, "%02lld/%02lld/%04lld", f[L_DOB].num % 100,
	    f[L_DOB].num / 100 % 100, f[L_DOB].num / 10000);
	if (l.operative)
		return show_found(r, &l);
	if (f[L_LAST].present)
		req_set(r, "Form.last_name.value", f[L_LAST].val);
	return show_not_found(r, &l);
}

/*
 * The office and start date of a confirm or create: the office must be one
 * of the user's, the date after birth and after any earlier leaving. Marks
 * the fields in error; returns an HTTP status only when the database fails.
 */
static int
check_placement(struct req *r, const struct lookup *l, struct fieldval *office,
    struct fieldval *started)
{
	int rc, allowed;

	if (r->invalid)
		return 0;
	if ((rc = employees_office_allowed(r, office->num, &allowed)) != 0)
		return rc;
	if (!allowed) {
		office->err = "Please choose one of your offices.";
		r->invalid++;
	}
	return check_start(r, l, started);
}

/* Starts the transaction that uses the lookup's token; *used 0 (and nothing
 * open) when someone used it first. */
static int
use_token(struct req *r, const struct lookup *l, int *used)
{
	int rc;

	*used = 0;
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_use_token, "u", l->id)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	*used = db_affected(r->db) == 1;
	if (!*used)
		db_rollback(r->db);
	return 0;
}

int
employees_confirm(struct req *r)
{
	const struct fieldval *f = r->fields;
	struct lookup l;
	int rc, found, used;

	rc = lookup_by_token(r, f[C_TOKEN].val, &l, &found);
	if (rc != 0)
		return rc;
	if (!found || l.operative == 0)
		return lookup_expired(r);
	if ((rc = check_placement(r, &l, &r->fields[C_OFFICE], &r->fields[C_STARTED])) != 0)
		return rc;
	if (r->invalid) {
		req_form_to_hdf(r);
		return show_found(r, &l);
	}
	if ((rc = use_token(r, &l, &used)) != 0)
		return rc;
	if (!used)
		return lookup_expired(r);
	rc = db_exec(r->db, sql_employ, "uuusu", l.operative, r->sess->company_id,
	    (unsigned long long)f[C_OFFICE].num, f[C_STARTED].val, r->sess->user_id);
	if (rc == HTTP_CONFLICT) {
		/* Already a current employee: say so and link to them. */
		db_rollback(r->db);
		return show_found(r, &l);
	}
	if (rc != 0)
		goto fail;
	if ((rc = req_audit(r, "employee_added", "operative",
	    req_printf(r, "%llu", l.operative), "found in the register")) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, "The employee has been added to your company.");
	return req_redirect(r, req_printf(r, "/employees/%llu", l.operative));
fail:
	db_rollback(r->db);
	return rc;
}

int
employees_create(struct req *r)
{
	const struct fieldval *f = r->fields;
	unsigned long long operative;
	struct lookup l;
	int rc, found, used;

	rc = lookup_by_token(r, f[N_TOKEN].val, &l, &found);
	if (rc != 0)
		return rc;
	if (!found || l.operative != 0)
		return lookup_expired(r);
	if ((rc = check_placement(r, &l, &r->fields[N_OFFICE], &r->fields[N_STARTED])) != 0)
		return rc;
	if (r->invalid) {
		req_form_to_hdf(r);
		return show_not_found(r, &l);
	}
	if ((rc = use_token(r, &l, &used)) != 0)
		return rc;
	if (!used)
		return lookup_expired(r);
	rc = db_exec(r->db, sql_new_operative, "ssssss", l.ni, l.dob_iso,
	    f[N_TITLE].val, f[N_FIRST].val, f[N_LAST].val,
	    f[N_GENDER].present ? f[N_GENDER].val : "not_stated");
	if (rc == HTTP_CONFLICT) {
		/*
		 * The NI number is on the register with other details. Saying so
		 * cannot be avoided; so each such answer costs a counted lookup
		 * (the token is used up, not rolled back) and is audited.
		 */
		db_rollback(r->db);
		if ((rc = db_begin(r->db)) != 0 ||
		    (rc = db_exec(r->db, sql_use_token, "u", l.id)) != 0 ||
		    (rc = db_exec(r->db, sql_audit_conflict, "uuss", r->sess->company_id,
		    r->sess->user_id, r->ip, req_printf(r, "%llu", l.id))) != 0 ||
		    (rc = db_commit(r->db)) != 0)
			goto fail;
		req_set(r, "Page.title", "Add New Employee");
		req_set(r, "Form.error", "This person could not be added with these details. "
		    "Please check the National Insurance number and date of birth and look "
		    "them up again, or contact the ECS helpdesk.");
		r->template = "employees/add.cs";
		return HTTP_OK;
	}
	if (rc != 0)
		goto fail;
	operative = db_last_id(r->db);
	if ((rc = db_exec(r->db, sql_employ, "uuusu", operative, r->sess->company_id,
	    (unsigned long long)f[N_OFFICE].num, f[N_STARTED].val, r->sess->user_id)) != 0)
		goto fail;
	if ((rc = req_audit(r, "operative_created", "operative",
	    req_printf(r, "%llu", operative), "declared by the employer")) != 0 ||
	    (rc = req_audit(r, "employee_added", "operative",
	    req_printf(r, "%llu", operative), "new to the register")) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, "The new operative has been added to the register and to your company.");
	return req_redirect(r, req_printf(r, "/employees/%llu", operative));
fail:
	db_rollback(r->db);
	return rc;
}
