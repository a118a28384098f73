/*
 * book.c: booking a current employee (within the user's level) onto an
 * online HS&E assessment, and a booking's page. A booking uses one of the
 * company's assessment credits: the booking row is inserted first, then
 * credits_change takes the credit under the balance row's lock (the lock
 * order of credits.h), so concurrent bookings can never spend a credit
 * twice; with none left nothing is kept. The form carries a one-time token
 * kept (hashed, unique) with the booking, so a form sent twice books once;
 * an employee has at most one open booking (a unique key).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "assessments.h"
#include "credits.h"

#define WINDOW_MAX_DAYS	60	/* from the first day to the last, inclusive */
#define WINDOW_AHEAD_DAYS 365	/* the latest first day, from today */

static const char *const sql_employees =
    "SELECT op.id, CONCAT(op.last_name, ', ', op.first_name) AS name, f.name AS office"
    " FROM employments e JOIN offices f ON f.id = e.office_id"
    " JOIN operatives op ON op.id = e.operative_id"
    " WHERE" EMPLOYMENT_SCOPE " ORDER BY op.last_name, op.first_name, op.id LIMIT 2000";
static const char *const sql_employee =
    "SELECT e.office_id FROM employments e JOIN offices f ON f.id = e.office_id"
    " WHERE e.operative_id = ? AND" EMPLOYMENT_SCOPE;
static const char *const sql_days =
    "SELECT DATEDIFF(?, CURDATE()), DATEDIFF(?, ?)";
static const char *const sql_insert =
    "INSERT INTO assessment_bookings (code, company_id, office_id, operative_id, window_from,"
    " window_to, form_token, booked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_by_token =
    "SELECT b.id FROM assessment_bookings b JOIN offices f ON f.id = b.office_id"
    " WHERE b.form_token = ? AND" BOOKING_SCOPE;
static const char *const sql_open =
    "SELECT code FROM assessment_bookings"
    " WHERE company_id = ? AND operative_id = ? AND state = 'booked'";
static const char *const sql_booking =
    "SELECT b.id, b.code, CONCAT(op.first_name, ' ', op.last_name) AS name, f.name AS office,"
    " DATE_FORMAT(b.window_from, '%d/%m/%Y') AS window_from,"
    " DATE_FORMAT(b.window_to, '%d/%m/%Y') AS window_to, b.state,"
    " IFNULL(DATE_FORMAT(b.sat_on, '%d/%m/%Y'), '') AS sat, IFNULL(b.score, '') AS score,"
    " IFNULL(CONCAT(u.first_name, ' ', u.last_name), '') AS booked_by,"
    " DATE_FORMAT(b.created_at, '%d/%m/%Y %H:%i') AS created"
    " FROM assessment_bookings b JOIN offices f ON f.id = b.office_id"
    " JOIN operatives op ON op.id = b.operative_id LEFT JOIN users u ON u.id = b.booked_by"
    " WHERE b.id = ? AND" BOOKING_SCOPE;

enum { B_TOKEN, B_OPERATIVE, B_FROM, B_TO };
const struct field book_fields[] = {
	[B_TOKEN] = { "token", v_once_token, F_REQUIRED },
	[B_OPERATIVE] = { "operative", v_id, F_REQUIRED },
	[B_FROM] = { "from", v_date, F_REQUIRED },
	[B_TO] = { "to", v_date, F_REQUIRED },
	{ NULL, NULL, 0 }
};

static int
book_page(struct req *r)
{
	const struct session *s = r->sess;
	const char *hex;
	unsigned char hash[32];
	int rc;

	if ((rc = db_rows_hdf(r->db, r->hdf, "Employees", NULL, sql_employees, "uuuuu",
	    SCOPE_ARGS(s))) != 0 || (rc = credits_hdf(r)) != 0)
		return rc;
	if (!hdf_get_value(r->hdf, "Form.token", NULL)) {
		req_token(r, &hex, hash);
		req_set(r, "Form.token", hex);
	}
	if (req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.buy", "1");
	req_set(r, "Page.title", "Book an ECS Online Assessment");
	return HTTP_OK;
}

int
assessments_book(struct req *r)
{
	return book_page(r);
}

/* The form again with what was typed, its errors and the same token (a new
 * one when it was not a token). */
static int
book_again(struct req *r, const char *error)
{
	req_form_to_hdf(r);
	if (r->fields[B_TOKEN].err)
		error = r->fields[B_TOKEN].err;
	else
		req_set(r, "Form.token", r->fields[B_TOKEN].val);
	req_set(r, "Form.error", error ? error : "Please correct the fields marked below.");
	return book_page(r);
}

/* Marks field f in error. */
static void
refuse(struct req *r, int f, const char *why)
{
	r->fields[f].err = why;
	r->invalid++;
}

/* The window's rules and the employee's office: 0 (fields marked), or a database error. */
static int
check_booking(struct req *r, unsigned long long *office)
{
	const struct session *s = r->sess;
	struct dbres *res;
	long long ahead, length;
	int rc;

	*office = 0;
	if (!r->fields[B_OPERATIVE].err) {
		if ((rc = db_query(r->db, &res, sql_employee, "u" "uuuuu",
		    (unsigned long long)r->fields[B_OPERATIVE].num, SCOPE_ARGS(s))) != 0)
			return rc;
		*office = db_next(res) ? (unsigned long long)db_int(res, 0) : 0;
		db_free(res);
		if (*office == 0)
			refuse(r, B_OPERATIVE, "Please choose one of your current employees.");
	}
	if (r->fields[B_FROM].err || r->fields[B_TO].err)
		return 0;
	if ((rc = db_query(r->db, &res, sql_days, "sss", r->fields[B_FROM].val,
	    r->fields[B_TO].val, r->fields[B_FROM].val)) != 0)
		return rc;
	ahead = db_next(res) ? db_int(res, 0) : -1;
	length = db_int(res, 1);
	db_free(res);
	if (ahead < 0)
		refuse(r, B_FROM, "The window cannot start in the past.");
	else if (ahead > WINDOW_AHEAD_DAYS)
		refuse(r, B_FROM, "Please choose a window starting within a year.");
	if (length < 0)
		refuse(r, B_TO, "The last day must be on or after the first day.");
	else if (length >= WINDOW_MAX_DAYS)
		refuse(r, B_TO, "A window can be at most 60 days long.");
	return 0;
}

/* 8 characters without look-alikes (the schema's CHECK says the same). */
static const char *
booking_code(struct req *r)
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char *code = req_alloc(r, 9);
	size_t i;

	for (i = 0; i < 8; i++)
		code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	code[8] = '\0';
	return code;
}

/* Why a booking could not be inserted: the same form's booking (*id), or
 * the employee's open one (*open). */
static int
clash(struct req *r, const char *key, unsigned long long *id, const char **open)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	*id = 0;
	*open = NULL;
	if ((rc = db_query(r->db, &res, sql_by_token, "s" "uuuuu", key, SCOPE_ARGS(s))) != 0)
		return rc;
	*id = db_next(res) ? (unsigned long long)db_int(res, 0) : 0;
	db_free(res);
	if (*id)
		return 0;
	if ((rc = db_query(r->db, &res, sql_open, "uu", s->company_id,
	    (unsigned long long)r->fields[B_OPERATIVE].num)) != 0)
		return rc;
	if (db_next(res))
		*open = req_strdup(r, db_str(res, 0));
	db_free(res);
	return 0;
}

/* Begins the transaction and inserts the booking: 0 with *id and the
 * transaction open; otherwise the answer, with nothing open. */
static int
insert_booking(struct req *r, unsigned long long office, const char *key, unsigned long long *id)
{
	const struct session *s = r->sess;
	const char *open;
	int rc, tries;

	for (tries = 0; tries < 8; tries++) {
		if ((rc = db_begin(r->db)) != 0)
			return rc;
		rc = db_exec(r->db, sql_insert, "suuu" "sssu", booking_code(r), s->company_id, office,
		    (unsigned long long)r->fields[B_OPERATIVE].num, r->fields[B_FROM].val,
		    r->fields[B_TO].val, key, s->user_id);
		if (rc == 0) {
			*id = db_last_id(r->db);
			return 0;
		}
		db_rollback(r->db);
		if (rc != HTTP_CONFLICT || (rc = clash(r, key, id, &open)) != 0)
			return rc;
		if (*id) {
			req_flash(r, "This booking was already made: here it is.");
			return req_redirect(r, req_printf(r, "/assessments/bookings/%llu", *id));
		}
		if (open)
			return book_again(r, req_printf(r, "This employee already has an open booking"
			    " (%s): it must be used or expire before another is made.", open));
		/* Otherwise the random code was taken: another. */
	}
	return HTTP_SERVER_ERROR;
}

int
assessments_book_save(struct req *r)
{
	unsigned char hash[32];
	char key[65];
	unsigned long long office, id = 0;
	int rc;

	if ((rc = check_booking(r, &office)) != 0)
		return rc;
	if (r->invalid || token_hash(r->fields[B_TOKEN].val, hash) != 0)
		return book_again(r, NULL);
	sodium_bin2hex(key, sizeof(key), hash, sizeof(hash));
	if ((rc = insert_booking(r, office, key, &id)) != 0)
		return rc;
	rc = credits_change(r->db, r->sess->company_id, -1, "booking", 0, id,
	    req_printf(r, "booking:%llu:use", id), "Booking", r->sess->user_id);
	if (rc == CREDITS_SHORT) {
		db_rollback(r->db);
		req_set(r, "Form.no_credits", "1");	/* the message links to buying them */
		return book_again(r, "No credits left: please purchase credits for ECS online"
		    " assessments before booking. Nothing was booked.");
	}
	if (rc != 0 || (rc = req_audit(r, "assessment_booked", "assessment_booking",
	    req_printf(r, "%llu", id), req_printf(r, "operative %lld, %s to %s",
	    r->fields[B_OPERATIVE].num, r->fields[B_FROM].val, r->fields[B_TO].val))) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The assessment is booked: one credit was used.");
	return req_redirect(r, req_printf(r, "/assessments/bookings/%llu", id));
}

int
assessments_booking(struct req *r)
{
	const struct session *s = r->sess;
	int found, rc;

	if ((rc = db_row_hdf(r->db, r->hdf, "Booking", &found, sql_booking, "u" "uuuuu",
	    r->ids[0], SCOPE_ARGS(s))) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	req_set(r, "Booking.state_label",
	    booking_state_label(hdf_get_value(r->hdf, "Booking.state", "")));
	req_set(r, "Page.title", req_printf(r, "Assessment booking %s",
	    hdf_get_value(r->hdf, "Booking.code", "")));
	return HTTP_OK;
}
