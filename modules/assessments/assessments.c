/*
 * assessments.c: the ECS Assessments tab (guide 1.9 and the appendix): the
 * company's account on the online assessment service with its generated
 * username and the sign-in link, the company's assessment credits, and the
 * bookings within the user's level. Bookings whose window ended unused are
 * expired here, lazily, before they are listed (credits.h gives each credit
 * back exactly once); `portalctl expire-bookings` does the same for all.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "assessments.h"
#include "credits.h"

static const char *const sql_account =
    "SELECT username, IFNULL(DATE_FORMAT(password_set_at, '%d/%m/%Y %H:%i'), '') AS password_set"
    " FROM assessment_accounts WHERE company_id = ?";
static const char *const sql_account_add =
    "INSERT INTO assessment_accounts (company_id, username) VALUES (?, ?)";
static const char *const sql_credits =
    "SELECT credits FROM assessment_credit_balances WHERE company_id = ?";
static const char *const sql_bookings =
    "SELECT b.id, b.code, CONCAT(op.last_name, ', ', op.first_name) AS name,"
    " DATE_FORMAT(b.window_from, '%d/%m/%Y') AS window_from,"
    " DATE_FORMAT(b.window_to, '%d/%m/%Y') AS window_to, b.state,"
    " IFNULL(DATE_FORMAT(b.sat_on, '%d/%m/%Y'), '') AS sat, IFNULL(b.score, '') AS score"
    " FROM assessment_bookings b JOIN offices f ON f.id = b.office_id"
    " JOIN operatives op ON op.id = b.operative_id"
    " WHERE" BOOKING_SCOPE " ORDER BY b.created_at DESC, b.id DESC LIMIT 200";

static const char *const state_labels[][2] = {
	{ "booked", "Booked" },
	{ "sat", "Sat - awaiting the result" },
	{ "passed", "Passed" },
	{ "failed", "Failed" },
	{ "expired", "Expired - credit returned" },
	{ NULL, NULL }
};

const char *
booking_state_label(const char *state)
{
	size_t i;

	for (i = 0; state_labels[i][0]; i++)
		if (strcmp(state_labels[i][0], state) == 0)
			return state_labels[i][1];
	return state;
}

/* The account's username: "ecs" and 7 random digits, never reused. */
static int
account_create(struct req *r)
{
	int rc, tries;

	for (tries = 0; tries < 8; tries++) {
		const char *name = req_printf(r, "ecs%07u", randombytes_uniform(10000000));

		rc = db_exec(r->db, sql_account_add, "us", r->sess->company_id, name);
		/* 409: the name is taken, or a parallel request made the account. */
		if (rc != HTTP_CONFLICT)
			return rc;
	}
	return 0;	/* account_hdf reads whichever account exists */
}

int
account_hdf(struct req *r)
{
	int found, rc, pass;

	for (pass = 0; pass < 2; pass++) {
		if ((rc = db_row_hdf(r->db, r->hdf, "Account", &found, sql_account, "u",
		    r->sess->company_id)) != 0)
			return rc;
		if (found)
			break;
		if ((rc = account_create(r)) != 0)
			return rc;
	}
	return found ? 0 : HTTP_SERVER_ERROR;
}

int
credits_hdf(struct req *r)
{
	struct dbres *res;
	long long n;
	int rc;

	if ((rc = db_query(r->db, &res, sql_credits, "u", r->sess->company_id)) != 0)
		return rc;
	n = db_next(res) ? db_int(res, 0) : 0;
	db_free(res);
	req_setf(r, "Credits.balance", "%lld", n);
	return 0;
}

static int
bookings_hdf(struct req *r)
{
	const struct session *s = r->sess;
	size_t n, i;
	int rc;

	if ((rc = db_rows_hdf(r->db, r->hdf, "Bookings", &n, sql_bookings, "uuuuu",
	    SCOPE_ARGS(s))) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		const char *state = hdf_get_value(r->hdf, req_printf(r, "Bookings.%zu.state", i), "");

		req_set(r, req_printf(r, "Bookings.%zu.state_label", i), booking_state_label(state));
	}
	return 0;
}

int
assessments_index(struct req *r)
{
	const struct session *s = r->sess;
	size_t expired;
	int rc;

	if ((rc = credits_expire_bookings(r->db, s->company_id, s->user_id, r->ip,
	    &expired)) != 0 || (rc = account_hdf(r)) != 0 || (rc = credits_hdf(r)) != 0 ||
	    (rc = bookings_hdf(r)) != 0)
		return rc;
	if (portal_assessment_service() != NULL)
		req_set(r, "Service.configured", "1");
	if (req_can(r, PERM_FILL_IN_APPLICATIONS)) {
		req_set(r, "Can.signin", "1");
		req_set(r, "Can.book", "1");
		if (s->scope_group == 0 && s->scope_office == 0)
			req_set(r, "Can.password", "1");
	}
	if (req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.buy", "1");
	req_set(r, "Page.title", "ECS Assessments");
	return HTTP_OK;
}

static const struct route routes[] = {
	{ M_GET,  "",              PERM_VIEW_APPLICATIONS,    NULL,       assessments_index,     "assessments/index.cs",   "assessments", 0 },
	{ M_POST, "password",      PERM_FILL_IN_APPLICATIONS, NULL,       assessments_password,  "assessments/index.cs",   "assessments", 0 },
	{ M_POST, "signin",        PERM_FILL_IN_APPLICATIONS, NULL,       assessments_signin,    "assessments/index.cs",   "assessments", 0 },
	{ M_GET,  "book",          PERM_FILL_IN_APPLICATIONS, NULL,       assessments_book,      "assessments/book.cs",    "assessments", 0 },
	{ M_POST, "book",          PERM_FILL_IN_APPLICATIONS, book_fields, assessments_book_save, "assessments/book.cs",   "assessments", 0 },
	{ M_GET,  "bookings/{id}", PERM_VIEW_APPLICATIONS,    NULL,       assessments_booking,   "assessments/booking.cs", "assessments", 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,
	.prefix = "assessments",
	.routes = routes,
	.init = NULL,
	.fini = NULL,
};
