/*
 * bulk.c: adding employees from a CSV file. Every row goes through the same
 * validation and matching as a single lookup, is audited the same way and
 * counts against the company's daily bulk allowance. Nothing is added until
 * the user confirms the list of matches.
 */
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "employees.h"

#define BATCH_LIFE_MINUTES	"60"

static const char *const sql_used_today =
    "SELECT COUNT(*) FROM employee_lookups WHERE company_id = ? AND kind = 'bulk'"
    " AND created_at > NOW(6) - INTERVAL 1 DAY";
static const char *const sql_batch =
    "INSERT INTO employee_batches (token_hash, company_id, user_id, rows_total)"
    " VALUES (?, ?, ?, ?)";
static const char *const sql_row =
    "INSERT INTO employee_lookups (token_hash, company_id, user_id, kind, operative_id,"
    " ni_number, date_of_birth, last_name, batch_id, batch_line, office_id, started_on)"
    " VALUES (?, ?, ?, 'bulk', NULLIF(?, 0), ?, ?, ?, ?, ?, NULLIF(?, 0), ?)";
/* Run for every row, matched or not, so a match takes no longer than a miss. */
static const char *const sql_person =
    "SELECT CONCAT(o.last_name, ', ', o.first_name), o.ni_number,"
    " EXISTS (SELECT 1 FROM employments e WHERE e.operative_id = o.id"
    "   AND e.company_id = ? AND e.ended_on IS NULL),"
    " o.date_of_birth,"
    " (SELECT MAX(e.ended_on) FROM employments e WHERE e.operative_id = o.id"
    "   AND e.company_id = ?)"
    " FROM operatives o WHERE o.id = ?";
/* Uploads of one company queue here, so none slips past the daily allowance. */
static const char *const sql_lock_company =
    "SELECT id FROM companies WHERE id = ? FOR UPDATE";
static const char *const sql_find_batch =
    "SELECT id FROM employee_batches WHERE token_hash = ? AND company_id = ? AND user_id = ?"
    " AND confirmed_at IS NULL AND created_at > NOW(6) - INTERVAL " BATCH_LIFE_MINUTES " MINUTE";
static const char *const sql_confirm_batch =
    "UPDATE employee_batches SET confirmed_at = NOW(6) WHERE id = ? AND confirmed_at IS NULL";
/* Accepted rows are those with an office; someone employed meanwhile is skipped. */
static const char *const sql_add_all =
    "INSERT INTO employments (operative_id, company_id, office_id, started_on,"
    " declared_by_user_id)"
    " SELECT l.operative_id, l.company_id, l.office_id, l.started_on, l.user_id"
    " FROM employee_lookups l WHERE l.batch_id = ? AND l.operative_id IS NOT NULL"
    " AND l.office_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employments e"
    "   WHERE e.operative_id = l.operative_id AND e.company_id = l.company_id"
    "   AND e.ended_on IS NULL)";
/* Run before sql_add_all, on the same rows. */
static const char *const sql_audit_all =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)"
    " SELECT l.company_id, l.user_id, ?, 'employee_added', 'operative', l.operative_id,"
    " CONCAT('bulk upload, line ', l.batch_line)"
    " FROM employee_lookups l WHERE l.batch_id = ? AND l.operative_id IS NOT NULL"
    " AND l.office_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employments e"
    "   WHERE e.operative_id = l.operative_id AND e.company_id = l.company_id"
    "   AND e.ended_on IS NULL)";
static const char *const sql_offices =
    "SELECT f.id, f.name" OFFICES_IN_SCOPE;

const struct field bulk_confirm_fields[] = {
	{ "token", NULL, F_REQUIRED },
	{ NULL, NULL, 0 }
};

enum col { COL_NI, COL_DOB, COL_LAST, COL_CARD, COL_HSE, COL_OFFICE, COL_STARTED, COL__MAX };
static const char *const col_names[COL__MAX] = {
	"ni_number", "date_of_birth", "last_name", "card_number", "hse_number",
	"office", "started_on"
};

/* The example names one of the user's own offices, so it can be copied as it is. */
static const char *const sql_example_office =
    "SELECT f.name" OFFICES_IN_SCOPE " ORDER BY f.name, f.id LIMIT 1";

int
employees_bulk_form(struct req *r)
{
	const struct session *s = r->sess;
	int rc;

	req_set(r, "Page.title", "Add employees from a file");
	req_setf(r, "Bulk.allowance", "%ld",
	    portal_param_long(MODULE, "bulk-rows-per-company-day", 2000));
	if ((rc = db_row_hdf(r->db, r->hdf, "Example", NULL, sql_example_office, "uuuuu",
	    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office)) != 0)
		return rc;
	return HTTP_OK;
}

static int
refuse(struct req *r, const char *message)
{
	employees_bulk_form(r);
	req_set(r, "Form.error", message);
	r->template = "employees/bulk.cs";
	return HTTP_OK;
}

/* One cell through a validator; the normalised value or NULL with *err. */
static const char *
check(struct req *r, validator_fn v, const char *in, const char **err)
{
	size_t cap = strlen(in) + 32;
	char *out = req_alloc(r, cap);
	long long num;

	*err = v(in, out, cap, &num);
	return *err ? NULL : out;
}

struct bulk {
	unsigned long long batch;
	size_t matched, rejected;
	struct dbres *offices;
	unsigned long long *seen;	/* operatives already in this file */
	size_t nseen;
};

static void
reject(struct req *r, struct bulk *b, size_t line, const char *reason)
{
	req_setf(r, req_printf(r, "Bulk.rejected.%zu.line", b->rejected), "%zu", line);
	req_set(r, req_printf(r, "Bulk.rejected.%zu.reason", b->rejected), reason);
	b->rejected++;
}

static unsigned long long
office_named(struct dbres *offices, const char *name, const char **label)
{
	db_rewind(offices);
	while (db_next(offices))
		if (strcasecmp(db_str(offices, 1), name) == 0) {
			*label = db_str(offices, 1);
			return (unsigned long long)db_int(offices, 0);
		}
	return 0;
}

/* Validates, matches and records one row of the file. */
static int
one_row(struct req *r, struct bulk *b, const struct csv_row *row, const int *idx)
{
	const char *cell[COL__MAX], *ni, *dob, *last = "", *card = "", *hse = "", *started;
	const char *err = NULL, *office_label = "";
	unsigned long long operative, office;
	unsigned char hash[32];
	const char *token;
	struct dbres *res;
	size_t i;
	int rc, employed;

	for (i = 0; i < COL__MAX; i++)
		cell[i] = idx[i] >= 0 && (size_t)idx[i] < row->ncells ? row->cells[idx[i]] : "";
	if ((ni = check(r, v_ni_number, cell[COL_NI], &err)) == NULL ||
	    (dob = check(r, v_birth_date, cell[COL_DOB], &err)) == NULL ||
	    (cell[COL_LAST][0] && (last = check(r, v_name, cell[COL_LAST], &err)) == NULL) ||
	    (cell[COL_CARD][0] && (card = check(r, v_card_number, cell[COL_CARD], &err)) == NULL) ||
	    (cell[COL_HSE][0] && (hse = check(r, v_hse_number, cell[COL_HSE], &err)) == NULL) ||
	    (started = check(r, v_start_date, cell[COL_STARTED], &err)) == NULL) {
		reject(r, b, row->line, err);
		return 0;
	}
	if (!last[0] && !card[0] && !hse[0]) {
		reject(r, b, row->line, "Give at least one of last_name, card_number or hse_number.");
		return 0;
	}
	office = office_named(b->offices, cell[COL_OFFICE], &office_label);
	if (office == 0) {
		reject(r, b, row->line, "The office is not one of your offices.");
		return 0;
	}
	if ((rc = employees_match(r, ni, dob, last, card, hse, &operative)) != 0)
		return rc;
	if ((rc = db_query(r->db, &res, sql_person, "uuu", r->sess->company_id,
	    r->sess->company_id, operative)) != 0)
		return rc;
	employed = 0;
	if (operative) {
		if (!db_next(res))
			return HTTP_SERVER_ERROR;
		employed = (int)db_int(res, 2);
		for (i = 0; i < b->nseen; i++)
			if (b->seen[i] == operative)
				employed = 2;
		if (!employed && strcmp(started, db_str(res, 3)) <= 0)
			employed = 3;
		if (!employed && db_str(res, 4) && strcmp(started, db_str(res, 4)) < 0)
			employed = 4;
	}
	req_token(r, &token, hash);
	rc = db_exec(r->db, sql_row, "buuusssuuus", hash, sizeof(hash), r->sess->company_id,
	    r->sess->user_id, operative, ni, dob, last, b->batch,
	    (unsigned long long)row->line,
	    operative && !employed ? office : 0ULL, started);
	if (rc == 0)
		rc = req_audit(r, "employee_lookup", "lookup",
		    req_printf(r, "%llu", db_last_id(r->db)),
		    operative ? "matched (bulk)" : "not matched (bulk)");
	if (rc != 0)
		return rc;
	if (operative == 0)
		reject(r, b, row->line, "No operative on the register matches these details.");
	else if (employed == 1)
		reject(r, b, row->line, "Already an employee of your company.");
	else if (employed == 2)
		reject(r, b, row->line, "The same person is on an earlier line.");
	else if (employed == 3)
		reject(r, b, row->line, "The start date must be after the date of birth.");
	else if (employed == 4)
		reject(r, b, row->line, "They left your company after this start date.");
	else {
		const char *p = req_printf(r, "Bulk.matched.%zu", b->matched);

		req_setf(r, req_printf(r, "%s.line", p), "%zu", row->line);
		req_set(r, req_printf(r, "%s.name", p), db_str(res, 0));
		req_set(r, req_printf(r, "%s.ni_masked", p), employees_mask_ni(r, db_str(res, 1)));
		req_set(r, req_printf(r, "%s.office", p), office_label);
		req_set(r, req_printf(r, "%s.started", p), req_printf(r, "%.2s/%.2s/%.4s",
		    started + 8, started + 5, started));
		b->seen[b->nseen++] = operative;
		b->matched++;
	}
	return 0;
}

int
employees_bulk_upload(struct req *r)
{
	long allowance = portal_param_long(MODULE, "bulk-rows-per-company-day", 2000);
	const struct session *s = r->sess;
	const struct upload *u;
	struct csv_row *rows;
	unsigned char hash[32];
	const char *err, *token;
	struct dbres *res;
	struct bulk b;
	int idx[COL__MAX], rc;
	long n, i, used;
	size_t c, k;

	for (u = r->uploads; u && strcmp(u->field, "csv") != 0; u = u->next)
		;
	if (u == NULL || u->len == 0)
		return refuse(r, "Please choose a CSV file to upload.");
	if (u->len > portal_upload_max())
		return refuse(r, req_printf(r, "The file is larger than %zu MB.",
		    portal_upload_max() / (1024 * 1024)));
	n = req_csv(r, u->data, u->len, (size_t)allowance + 1, &rows, &err);
	if (n < 0)
		return refuse(r, req_printf(r, "The file cannot be read: %s", err));
	if (n < 2)
		return refuse(r, "The file has no rows under its header line.");
	/* Columns by their names in the header line. */
	for (c = 0; c < COL__MAX; c++) {
		idx[c] = -1;
		for (k = 0; k < rows[0].ncells; k++)
			if (strcasecmp(rows[0].cells[k], col_names[c]) == 0)
				idx[c] = (int)k;
	}
	if (idx[COL_NI] < 0 || idx[COL_DOB] < 0 || idx[COL_OFFICE] < 0 || idx[COL_STARTED] < 0 ||
	    (idx[COL_LAST] < 0 && idx[COL_CARD] < 0 && idx[COL_HSE] < 0))
		return refuse(r, "The header line must name the columns ni_number, date_of_birth, "
		    "office, started_on and at least one of last_name, card_number, hse_number.");
	memset(&b, 0, sizeof(b));
	b.seen = req_alloc(r, (size_t)n * sizeof(*b.seen));
	if ((rc = db_query(r->db, &b.offices, sql_offices, "uuuuu", s->company_id,
	    s->scope_group, s->scope_group, s->scope_office, s->scope_office)) != 0)
		return rc;
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_query(r->db, &res, sql_lock_company, "u", s->company_id)) != 0 ||
	    (rc = db_query(r->db, &res, sql_used_today, "u", s->company_id)) != 0)
		goto fail;
	used = db_next(res) ? (long)db_int(res, 0) : 0;
	if (used + (n - 1) > allowance) {
		db_rollback(r->db);
		return refuse(r, req_printf(r, "This file has %ld rows, but your company can check "
		    "%ld more today (%ld a day).", n - 1, allowance > used ? allowance - used : 0,
		    allowance));
	}
	req_token(r, &token, hash);
	if ((rc = db_exec(r->db, sql_batch, "buuu", hash, sizeof(hash), s->company_id,
	    s->user_id, (unsigned long long)(n - 1))) != 0)
		goto fail;
	b.batch = db_last_id(r->db);
	for (i = 1; i < n; i++)
		if ((rc = one_row(r, &b, &rows[i], idx)) != 0)
			goto fail;
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	req_set(r, "Page.title", "Check the employees to add");
	req_set(r, "Bulk.token", token);
	req_setf(r, "Bulk.matched_count", "%zu", b.matched);
	req_setf(r, "Bulk.rejected_count", "%zu", b.rejected);
	return HTTP_OK;
fail:
	db_rollback(r->db);
	return rc;
}

int
employees_bulk_confirm(struct req *r)
{
	unsigned char hash[32];
	unsigned long long batch, added;
	struct dbres *res;
	int rc;

	if (token_hash(r->fields[0].val, hash) < 0)
		return refuse(r, "This upload has expired or was already confirmed.");
	rc = db_query(r->db, &res, sql_find_batch, "buu", hash, sizeof(hash),
	    r->sess->company_id, r->sess->user_id);
	if (rc != 0)
		return rc;
	if (!db_next(res))
		return refuse(r, "This upload has expired or was already confirmed.");
	batch = (unsigned long long)db_int(res, 0);
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_confirm_batch, "u", batch)) != 0)
		goto fail;
	if (db_affected(r->db) != 1) {
		db_rollback(r->db);
		return refuse(r, "This upload has expired or was already confirmed.");
	}
	if ((rc = db_exec(r->db, sql_audit_all, "su", r->ip, batch)) != 0 ||
	    (rc = db_exec(r->db, sql_add_all, "u", batch)) != 0)
		goto fail;
	added = db_affected(r->db);
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, added == 1 ? "1 employee has been added to your company." :
	    req_printf(r, "%llu employees have been added to your company.", added));
	return req_redirect(r, "/employees/current");
fail:
	db_rollback(r->db);
	return rc;
}
