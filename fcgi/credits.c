/* credits.c: assessment credits and bookings' expiry (see credits.h). */
#include <stdio.h>
#include <stdlib.h>

#include "credits.h"
#include "db.h"
#include "portal.h"

/*
 * Each statement takes the balance row's exclusive lock at once (never a
 * shared lock first, which concurrent requests would each want to raise:
 * a deadlock): adding makes the row when there is none; taking checks and
 * changes in one step, and a missing row is a balance of 0.
 */
static const char *const sql_add =
    "INSERT INTO assessment_credit_balances (company_id, credits) VALUES (?, ?)"
    " ON DUPLICATE KEY UPDATE credits = credits + VALUES(credits)";
static const char *const sql_take =
    "UPDATE assessment_credit_balances SET credits = credits + ?"
    " WHERE company_id = ? AND credits + ? >= 0";
static const char *const sql_entry =
    "INSERT INTO assessment_credit_ledger (company_id, amount, balance_after, kind, order_id,"
    " booking_id, idempotency_key, note, created_by)"
    " SELECT company_id, ?, credits, ?, NULLIF(?, 0), NULLIF(?, 0), ?, LEFT(?, 255), NULLIF(?, 0)"
    " FROM assessment_credit_balances WHERE company_id = ?";
static const char *const sql_due =
    "SELECT id FROM assessment_bookings WHERE state = 'booked' AND window_to < CURDATE()"
    " AND (? = 0 OR company_id = ?) ORDER BY id LIMIT 1000";
static const char *const sql_expire =
    "UPDATE assessment_bookings SET state = 'expired'"
    " WHERE id = ? AND state = 'booked' AND window_to < CURDATE()";
static const char *const sql_booking =
    "SELECT company_id, code FROM assessment_bookings WHERE id = ?";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)"
    " VALUES (?, NULLIF(?, 0), ?, 'assessment_booking_expired', 'assessment_booking', ?, ?)";

int
credits_change(struct db *db, unsigned long long company_id, long long amount,
    const char *kind, unsigned long long order_id, unsigned long long booking_id,
    const char *key, const char *note, unsigned long long user_id)
{
	int rc;

	if (amount > 0)
		rc = db_exec(db, sql_add, "ui", company_id, amount);
	else if ((rc = db_exec(db, sql_take, "iui", amount, company_id, amount)) == 0 &&
	    db_affected(db) != 1)
		return CREDITS_SHORT;
	if (rc != 0)
		return rc;
	return db_exec(db, sql_entry, "isuuss" "uu", amount, kind, order_id, booking_id, key,
	    note ? note : "", user_id, company_id);
}

/* Expires one booking in its own transaction; *done 1 when this call did. */
static int
expire_one(struct db *db, unsigned long long id, unsigned long long user_id, const char *ip,
    int *done)
{
	struct dbres *res;
	unsigned long long company;
	char key[48], object[24], code[16];
	int rc;

	*done = 0;
	if ((rc = db_begin(db)) != 0)
		return rc;
	if ((rc = db_exec(db, sql_expire, "u", id)) != 0)
		goto fail;
	if (db_affected(db) != 1) {
		db_rollback(db);	/* another request got there first */
		return 0;
	}
	if ((rc = db_query(db, &res, sql_booking, "u", id)) != 0)
		goto fail;
	company = db_next(res) ? (unsigned long long)db_int(res, 0) : 0;
	snprintf(code, sizeof(code), "%s", company ? db_str(res, 1) : "");
	db_free(res);
	snprintf(key, sizeof(key), "booking:%llu:expired", id);
	snprintf(object, sizeof(object), "%llu", id);
	rc = credits_change(db, company, 1, "expiry", 0, id, key,
	    "Booking unused by the end of its window", user_id);
	if (rc == 0)
		rc = db_exec(db, sql_audit, "uusss", company, user_id, ip ? ip : "", object, code);
	if (rc != 0 || (rc = db_commit(db)) != 0)
		goto fail;
	*done = 1;
	return 0;
fail:
	db_rollback(db);
	return rc == CREDITS_SHORT ? HTTP_SERVER_ERROR : rc;
}

int
credits_expire_bookings(struct db *db, unsigned long long company_id,
    unsigned long long user_id, const char *ip, size_t *expired)
{
	struct dbres *res;
	unsigned long long *ids;
	size_t n = 0, i;
	int rc, done;

	*expired = 0;
	if ((rc = db_query(db, &res, sql_due, "uu", company_id, company_id)) != 0)
		return rc;
	if ((ids = calloc(db_rows(res) + 1, sizeof(*ids))) == NULL)
		abort();
	while (db_next(res))
		ids[n++] = (unsigned long long)db_int(res, 0);
	db_free(res);
	for (i = 0, rc = 0; i < n && rc == 0; i++)
		if ((rc = expire_one(db, ids[i], user_id, ip, &done)) == 0 && done)
			(*expired)++;
	free(ids);
	return rc;
}

int
credits_expire_command(struct db *db, int argc, char **argv)
{
	size_t expired;

	(void)argc;
	(void)argv;
	if (credits_expire_bookings(db, 0, 0, "", &expired) != 0) {
		fprintf(stderr, "portalctl: expiring bookings failed (see the log)\n");
		return 1;
	}
	printf("%zu booking%s expired; each gave its credit back\n", expired,
	    expired == 1 ? "" : "s");
	return 0;
}
