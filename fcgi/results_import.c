/*
 * results_import.c: portalctl import-results FILE. Each result of the
 * assessment service's file (results.h) is applied in its own transaction,
 * so one bad result (an unknown booking, a day outside the window) is
 * reported with its line and the others still count; a file that is not
 * well-formed or not of the schema changes nothing. Applying a result again
 * changes nothing ("unchanged"), so a file can be imported twice.
 *
 * A result moves its booking: booked -> sat -> passed | failed (with the day
 * and the score). A pass also records the operative's HS&E assessment in the
 * register (operatives.hse_number and hse_passed_on, when it is the latest)
 * and releases every application of the operative waiting for it: those on
 * hold with the HS&E reason go back to received, the state the hold took
 * them from (lifecycle.c puts an application finalised with that reason on
 * hold when it is received), and those not yet received lose the reason, so
 * they will not be held. The pass is the operative's, so it releases their
 * applications at any employer.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "portal.h"
#include "results.h"
#include "results_import.h"

/* Finalising puts this reason on an application awaiting the assessment (step4.c). */
#define HSE_HOLD	"Awaiting the HS&E assessment pass%"

static const char *const sql_pass_mark =
    "SELECT CAST(value AS UNSIGNED) FROM scheme_settings WHERE name = 'hse_pass_mark'";
static const char *const sql_booking =
    "SELECT id, company_id, operative_id, state, window_from, window_to,"
    " IFNULL(sat_on, ''), IFNULL(score, -1)"
    " FROM assessment_bookings WHERE code = ? FOR UPDATE";
static const char *const sql_result =
    "UPDATE assessment_bookings SET state = ?, sat_on = ?, score = NULLIF(?, -1) WHERE id = ?";
static const char *const sql_hse_taken =
    "SELECT 1 FROM operatives WHERE hse_number = ? AND id <> ?";
static const char *const sql_hse =
    "UPDATE operatives SET"
    " hse_number = IF(hse_passed_on IS NULL OR hse_passed_on <= ?, ?, hse_number),"
    " hse_passed_on = IF(hse_passed_on IS NULL OR hse_passed_on <= ?, ?, hse_passed_on)"
    " WHERE id = ?";
static const char *const sql_release_audit =
    "INSERT INTO audit_log (company_id, action, object_kind, object_id, detail)"
    " SELECT company_id, 'application_released', 'application', id,"
    " CONCAT('HS&E assessment passed (booking ', ?, ')') FROM applications"
    " WHERE operative_id = ? AND hold_reason LIKE '" HSE_HOLD "'"
    " AND state IN ('finalised', 'ordered', 'on_hold')";
static const char *const sql_release =
    "UPDATE applications SET state = IF(state = 'on_hold', 'received', state),"
    " hold_reason = '', hse_route = 'passed'"
    " WHERE operative_id = ? AND hold_reason LIKE '" HSE_HOLD "'"
    " AND state IN ('finalised', 'ordered', 'on_hold')";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, action, object_kind, object_id, detail)"
    " VALUES (NULLIF(?, 0), ?, ?, ?, LEFT(?, 255))";

struct booking {
	unsigned long long id, company, operative;
	char state[12], from[11], to[11], sat[11];
	long long score;
};

/* What applying a result did: 'a' applied, 'u' unchanged, 'r' rejected (why). */
struct outcome {
	int	 what;
	char	 why[256];
	char	 done[160];
};

static int
load_booking(struct db *db, const char *code, struct booking *b, int *found)
{
	struct dbres *res;

	if (db_query(db, &res, sql_booking, "s", code) != 0)
		return -1;
	*found = db_next(res);
	if (*found) {
		b->id = (unsigned long long)db_int(res, 0);
		b->company = (unsigned long long)db_int(res, 1);
		b->operative = (unsigned long long)db_int(res, 2);
		snprintf(b->state, sizeof(b->state), "%s", db_str(res, 3));
		snprintf(b->from, sizeof(b->from), "%s", db_str(res, 4));
		snprintf(b->to, sizeof(b->to), "%s", db_str(res, 5));
		snprintf(b->sat, sizeof(b->sat), "%s", db_str(res, 6));
		b->score = db_int(res, 7);
	}
	db_free(res);
	return 0;
}

/* The reason the booking cannot take the result, or NULL; 'u' when it has it already. */
static const char *
state_rule(const struct result_row *r, const struct booking *b, long long mark, int *same)
{
	*same = strcmp(b->state, r->status) == 0 && strcmp(b->sat, r->sat) == 0 &&
	    b->score == r->score;
	if (*same)
		return NULL;
	if (strcmp(b->state, "expired") == 0)
		return "the booking expired unused and its credit was returned";
	if (strcmp(b->state, "passed") == 0 || strcmp(b->state, "failed") == 0)
		return "the booking already has a result";
	if (strcmp(b->state, "sat") == 0 && strcmp(r->status, "sat") == 0)
		return "the booking was already sat on another day";
	if (strcmp(r->sat, b->from) < 0 || strcmp(r->sat, b->to) > 0)
		return "the day sat is outside the booking's window";
	if (strcmp(r->status, "passed") == 0 && r->score < mark)
		return "a pass with a score below the pass mark";
	if (strcmp(r->status, "failed") == 0 && r->score >= mark)
		return "a fail with a score at or above the pass mark";
	return NULL;
}

/* A pass: the register's HS&E record and the applications waiting for it. */
static int
record_pass(struct db *db, const struct result_row *r, const struct booking *b,
    struct outcome *o)
{
	struct dbres *res;
	int taken;

	if (db_query(db, &res, sql_hse_taken, "su", r->hse, b->operative) != 0)
		return -1;
	taken = db_next(res);
	db_free(res);
	if (taken) {
		o->what = 'r';
		snprintf(o->why, sizeof(o->why), "HS&E number %s is another operative's", r->hse);
		return 0;
	}
	if (db_exec(db, sql_hse, "ssssu", r->sat, r->hse, r->sat, r->sat, b->operative) != 0 ||
	    db_exec(db, sql_release_audit, "su", r->booking, b->operative) != 0 ||
	    db_exec(db, sql_release, "u", b->operative) != 0)
		return -1;
	snprintf(o->done, sizeof(o->done), "; HS&E record %s updated, %llu application%s released",
	    r->hse, db_affected(db), db_affected(db) == 1 ? "" : "s");
	return 0;
}

/* Applies one valid result in its own transaction; -1 when the database failed. */
static int
apply_one(struct db *db, const struct result_row *r, long long mark, struct outcome *o)
{
	struct booking b;
	const char *why;
	char id[24];
	int found, same;

	memset(o, 0, sizeof(*o));
	o->what = 'a';
	if (db_begin(db) != 0 || load_booking(db, r->booking, &b, &found) != 0)
		goto fail;
	if (!found) {
		o->what = 'r';
		snprintf(o->why, sizeof(o->why), "no booking has the code %s", r->booking);
	} else if ((why = state_rule(r, &b, mark, &same)) != NULL) {
		o->what = 'r';
		snprintf(o->why, sizeof(o->why), "%s", why);
	} else if (same)
		o->what = 'u';
	if (o->what != 'a') {
		db_rollback(db);
		return 0;
	}
	snprintf(id, sizeof(id), "%llu", b.id);
	if (db_exec(db, sql_result, "ssiu", r->status, r->sat, (long long)r->score, b.id) != 0 ||
	    db_exec(db, sql_audit, "usss" "s", b.company, "assessment_result_imported",
	    "assessment_booking", id, r->status) != 0)
		goto fail;
	if (strcmp(r->status, "passed") == 0 && record_pass(db, r, &b, o) != 0)
		goto fail;
	if (o->what == 'r') {
		db_rollback(db);
		return 0;
	}
	return db_commit(db) == 0 ? 0 : -1;
fail:
	db_rollback(db);
	return -1;
}

static long long
pass_mark(struct db *db)
{
	struct dbres *res;
	long long mark = 43;

	if (db_query(db, &res, sql_pass_mark, "") == 0) {
		if (db_next(res))
			mark = db_int(res, 0);
		db_free(res);
	}
	return mark;
}

int
results_import(struct db *db, const char *buf, size_t len, const char *name,
    const char *schema)
{
	struct results res;
	struct outcome o;
	char err[1024];
	size_t i, applied = 0, unchanged = 0, rejected;
	long long mark;
	int rc = 0;

	if (results_parse_memory(buf, len, name, schema, NULL, &res, err, sizeof(err)) < 0) {
		fprintf(stderr, "portalctl: %s\nportalctl: %s: nothing imported\n", err, name);
		return 1;
	}
	mark = pass_mark(db);
	rejected = res.nrejected;
	for (i = 0; i < res.nrows && rc == 0; i++) {
		const struct result_row *r = &res.rows[i];

		if (r->reject) {
			printf("rejected %s:%ld: booking %s: %s\n", name, r->line, r->booking, r->reject);
			continue;
		}
		if (apply_one(db, r, mark, &o) != 0) {
			fprintf(stderr, "portalctl: %s:%ld: the database refused the result of booking"
			    " %s; it and the results after it were not imported\n", name, r->line,
			    r->booking);
			rc = 1;
		} else if (o.what == 'r') {
			printf("rejected %s:%ld: booking %s: %s\n", name, r->line, r->booking, o.why);
			rejected++;
		} else if (o.what == 'u')
			unchanged++;
		else {
			printf("applied %s:%ld: booking %s %s on %s%s\n", name, r->line, r->booking,
			    r->status, r->sat, o.done);
			applied++;
		}
	}
	snprintf(err, sizeof(err), "%s (generated %s): applied %zu, unchanged %zu, rejected %zu",
	    name, res.generated, applied, unchanged, rejected);
	printf("%s\n", err);
	if (db_exec(db, sql_audit, "usss" "s", 0ULL, "assessment_results_imported", "file", "",
	    err) != 0)
		rc = 1;
	results_free(&res);
	return rc;
}
