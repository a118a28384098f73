/*
 * start.c: Choose Application Types (guide 1.3). The employees ticked in
 * Current Employees, each with the card types and kinds that apply to them:
 * a renewal only inside the renewal window, a replacement only while more
 * than three months remain. Confirming creates one application per row.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "applications.h"

#define MAX_ROWS	100

static const char *const sql_person =
    "SELECT o.id, CONCAT(o.last_name, ', ', o.first_name),"
    " CONCAT('*****', RIGHT(o.ni_number, 4)),"
    " CASE WHEN o.hse_passed_on >= CURDATE() - INTERVAL 2 YEAR THEN 'Passed'"
    "  WHEN EXISTS (SELECT 1 FROM exemptions x WHERE x.operative_id = o.id"
    "   AND x.expires_on >= CURDATE()) THEN 'Exempt' ELSE 'None' END,"
    " IF(EXISTS (SELECT 1 FROM documents d WHERE d.operative_id = o.id"
    "   AND d.company_id = e.company_id AND d.kind = 'photo'), 'OK', 'None'),"
    " e.office_id, e.business_phone, e.business_email"
    " FROM employments e JOIN offices f ON f.id = e.office_id"
    " JOIN operatives o ON o.id = e.operative_id"
    " WHERE e.operative_id = ? AND e.ended_on IS NULL"
    " AND e.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR e.office_id = ?)";
/* Per card type: the newest card's expiry, whether more than 3 months remain,
 * and any application of that type not yet completed. */
static const char *const sql_types =
    "SELECT t.id, t.code, t.name, t.renewable,"
    " (SELECT MAX(c.expires_on) FROM cards c WHERE c.operative_id = ?"
    "   AND c.card_type_id = t.id AND c.status IN ('valid', 'expired')) AS newest,"
    " (SELECT MAX(c.expires_on) FROM cards c WHERE c.operative_id = ?"
    "   AND c.card_type_id = t.id AND c.status IN ('valid', 'expired'))"
    "   > CURDATE() + INTERVAL 3 MONTH AS plenty_left,"
    " (SELECT MIN(a.id) FROM applications a WHERE a.operative_id = ? AND a.company_id = ?"
    "   AND a.card_type_id = t.id AND a.state NOT IN ('dispatched', 'cancelled')) AS open_app"
    " FROM card_types t ORDER BY t.sort";
static const char *const sql_lock_company =
    "SELECT id FROM companies WHERE id = ? FOR UPDATE";
static const char *const sql_open =
    "SELECT id FROM applications WHERE operative_id = ? AND company_id = ?"
    " AND card_type_id = ? AND state NOT IN ('dispatched', 'cancelled')";
static const char *const sql_insert =
    "INSERT INTO applications (reference, company_id, office_id, operative_id, card_type_id,"
    " kind, business_phone, business_email, delivery_office_id, created_by, batch_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0))";
/* The first of a batch names the batch. */
static const char *const sql_first_of_batch =
    "UPDATE applications SET batch_id = id WHERE id = ?";

static const char *
v_choice(const char *in, char *out, size_t cap, long long *num)
{
	size_t i, n = strlen(in);

	(void)num;
	if (n == 0 || n > 60)
		return "Please choose a card type.";
	for (i = 0; i < n; i++)
		if (!((in[i] >= 'a' && in[i] <= 'z') || in[i] == '_' || in[i] == ':'))
			return "Please choose a card type.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

const struct field start_fields[] = {
	{ "id", v_id, F_REQUIRED | F_MULTI },
	{ NULL, NULL, 0 }
};

enum { C_OPERATIVE, C_CHOICE };
const struct field create_fields[] = {
	[C_OPERATIVE] = { "operative", v_id, F_REQUIRED | F_MULTI },
	[C_CHOICE] = { "choice", v_choice, F_REQUIRED | F_MULTI },
	{ NULL, NULL, 0 }
};

/* One employee's row: what they may apply for, and what they have open. */
struct row {
	unsigned long long operative, office, type_for_choice;
	const char *phone, *email;
	const char *choice;		/* chosen, when creating */
	const char *error;
	unsigned long long existing;	/* an open application in the way */
};

int
kind_offered(const char *kind, int has_card, int plenty_left, int renewable)
{
	if (strcmp(kind, "initial") == 0)
		return !has_card || (!plenty_left && !renewable);
	if (strcmp(kind, "replacement") == 0 || strcmp(kind, "upgrade") == 0)
		return has_card && plenty_left;
	if (strcmp(kind, "renewal") == 0)
		return has_card && !plenty_left && renewable;
	return 0;
}

/* The kinds a card type offers this person (see the file's comment). */
static void
add_choices(struct req *r, const char *prefix, size_t *m, struct dbres *t)
{
	static const char *const kinds[][2] = {
		{ "initial", "Initial" }, { "renewal", "Renewal" },
		{ "replacement", "Replacement" }, { "upgrade", "Upgrade" },
	};
	const char *code = db_str(t, 1), *name = db_str(t, 2);
	int k;

	for (k = 0; k < 4; k++) {
		if (!kind_offered(kinds[k][0], db_str(t, 4) != NULL, (int)db_int(t, 5),
		    (int)db_int(t, 3)))
			continue;
		req_set(r, req_printf(r, "%s.choices.%zu.value", prefix, *m),
		    req_printf(r, "%s:%s", code, kinds[k][0]));
		req_set(r, req_printf(r, "%s.choices.%zu.label", prefix, *m),
		    req_printf(r, "%s - %s", name, kinds[k][1]));
		(*m)++;
	}
}

/*
 * Fills Rows.N for each operative; with a chosen value checks it is offered
 * and nothing of that card type is open. *ok counts rows without error.
 */
static int
build_rows(struct req *r, struct row *rows, size_t n, int creating, size_t *ok)
{
	const struct session *s = r->sess;
	size_t i;
	int rc;

	*ok = 0;
	for (i = 0; i < n; i++) {
		const char *p = req_printf(r, "Rows.%zu", i);
		struct dbres *res, *types;
		size_t m = 0;
		int offered = 0;

		rc = db_query(r->db, &res, sql_person, "uuuuuu", rows[i].operative,
		    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office);
		if (rc != 0)
			return rc;
		if (!db_next(res))
			return HTTP_NOT_FOUND;	/* not a current employee the user may see */
		req_setf(r, req_printf(r, "%s.operative", p), "%llu", rows[i].operative);
		req_set(r, req_printf(r, "%s.name", p), db_str(res, 1));
		req_set(r, req_printf(r, "%s.ni_masked", p), db_str(res, 2));
		req_set(r, req_printf(r, "%s.hse", p), db_str(res, 3));
		req_set(r, req_printf(r, "%s.photo", p), db_str(res, 4));
		rows[i].office = (unsigned long long)db_int(res, 5);
		rows[i].phone = db_str(res, 6);
		rows[i].email = db_str(res, 7);
		rc = db_query(r->db, &types, sql_types, "uuuu", rows[i].operative,
		    rows[i].operative, rows[i].operative, s->company_id);
		if (rc != 0)
			return rc;
		while (db_next(types)) {
			size_t before = m;

			if (db_str(types, 6)) {
				/* Something of this card type is open: offer nothing of it. */
				if (creating && rows[i].choice &&
				    strncmp(rows[i].choice, db_str(types, 1), strlen(db_str(types, 1))) == 0 &&
				    rows[i].choice[strlen(db_str(types, 1))] == ':')
					rows[i].existing = (unsigned long long)db_int(types, 6);
				continue;
			}
			add_choices(r, p, &m, types);
			for (; before < m && creating && rows[i].choice; before++)
				if (strcmp(hdf_get_value(r->hdf, req_printf(r,
				    "%s.choices.%zu.value", p, before), ""), rows[i].choice) == 0) {
					offered = 1;
					rows[i].type_for_choice = (unsigned long long)db_int(types, 0);
				}
		}
		if (rows[i].existing) {
			rows[i].error = "An application for this card is already in progress.";
			req_setf(r, req_printf(r, "%s.existing_url", p), "/applications/%llu",
			    rows[i].existing);
		} else if (m == 0) {
			rows[i].error = "There is no card this employee can apply for now.";
		} else if (creating && !offered)
			rows[i].error = "Please choose one of the card types offered.";
		if (rows[i].choice)
			req_set(r, req_printf(r, "%s.selected", p), rows[i].choice);
		if (rows[i].error)
			req_set(r, req_printf(r, "%s.error", p), rows[i].error);
		else
			(*ok)++;
	}
	return 0;
}

int
applications_start(struct req *r)
{
	struct row rows[MAX_ROWS];
	const struct fieldval *v;
	size_t n = 0, ok;
	int rc;

	req_set(r, "Page.title", "Choose Application Types");
	memset(rows, 0, sizeof(rows));
	for (v = &r->fields[0]; v; v = v->next) {
		if (v->err || !v->present)
			continue;
		if (n == MAX_ROWS) {
			req_set(r, "Form.error", "Please start at most 100 applications at a time.");
			break;
		}
		rows[n++].operative = (unsigned long long)v->num;
	}
	if (n == 0) {
		req_set(r, "Form.error", "Please tick at least one employee in Current Employees.");
		return HTTP_OK;
	}
	if ((rc = build_rows(r, rows, n, 0, &ok)) != 0)
		return rc;
	return HTTP_OK;
}

/* A new 7-digit reference; the unique key catches the rare repeat. */
static const char *
new_reference(struct req *r)
{
	return req_printf(r, "%07u", 1000000 + randombytes_uniform(9000000));
}

int
applications_create(struct req *r)
{
	const struct session *s = r->sess;
	struct row rows[MAX_ROWS];
	const struct fieldval *o, *c;
	unsigned long long first = 0;
	size_t n = 0, ok, i, j;
	int rc, tries;
	struct dbres *res;

	req_set(r, "Page.title", "Choose Application Types");
	memset(rows, 0, sizeof(rows));
	for (o = &r->fields[C_OPERATIVE], c = &r->fields[C_CHOICE]; o && c;
	    o = o->next, c = c->next) {
		if (n == MAX_ROWS || o->err || c->err || !o->present)
			return HTTP_BAD_REQUEST;
		rows[n].operative = (unsigned long long)o->num;
		rows[n].choice = c->val;
		n++;
	}
	if (n == 0 || o || c)
		return HTTP_BAD_REQUEST;	/* rows and choices must pair up */
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (rows[i].operative == rows[j].operative)
				return HTTP_BAD_REQUEST;	/* the form has one row a person */
	if ((rc = build_rows(r, rows, n, 1, &ok)) != 0)
		return rc;
	if (ok != n) {
		req_set(r, "Form.error", "Some rows need your attention: nothing has been started.");
		return HTTP_OK;
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	/* Starts of one company queue here; then nothing open may have appeared. */
	if ((rc = db_query(r->db, &res, sql_lock_company, "u", s->company_id)) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if ((rc = db_query(r->db, &res, sql_open, "uuu", rows[i].operative, s->company_id,
		    rows[i].type_for_choice)) != 0)
			goto fail;
		if (db_next(res)) {
			db_rollback(r->db);
			req_set(r, "Form.error", "An application was started meanwhile: "
			    "nothing has been started.");
			return build_rows(r, rows, n, 1, &ok) ? HTTP_UNAVAILABLE : HTTP_OK;
		}
	}
	for (i = 0; i < n; i++) {
		const char *kind = strchr(rows[i].choice, ':') + 1;

		for (tries = 0; tries < 5; tries++) {
			rc = db_exec(r->db, sql_insert, "suuuusssuuu", new_reference(r), s->company_id,
			    rows[i].office, rows[i].operative, rows[i].type_for_choice, kind,
			    rows[i].phone, rows[i].email, rows[i].office, s->user_id, first);
			if (rc != HTTP_CONFLICT)
				break;
		}
		if (rc != 0)
			goto fail;
		if (first == 0) {
			first = db_last_id(r->db);
			if ((rc = db_exec(r->db, sql_first_of_batch, "u", first)) != 0)
				goto fail;
		}
		if ((rc = req_audit(r, "application_started", "application",
		    req_printf(r, "%llu", db_last_id(r->db)), rows[i].choice)) != 0)
			goto fail;
	}
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, n == 1 ? "The application has been started." :
	    req_printf(r, "%zu applications have been started; this is the first.", n));
	return req_redirect(r, req_printf(r, "/applications/%llu/step1", first));
fail:
	db_rollback(r->db);
	return rc;
}
