/*
 * purge_lookups.c: portalctl purge-lookups (daily, from cron). The lookups (single and
 * bulk) made more than a day ago are deleted, and with them the NI numbers, dates of birth
 * and last names they hold, of people found or not. Nothing reads them after a day: a
 * lookup's token lasts 30 minutes, a bulk upload an hour, the hourly limits an hour (they
 * probe a lookup of the last hour only, so deleting older ones leaves them exact) and the
 * bulk allowance a day. The audit log keeps who looked and when, never what. In batches of
 * 5,000 (each its own statement, oldest first), with one audit row for the run (also for the
 * batches done when a later one fails).
 */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "portal.h"
#include "retention.h"

#define BATCH	"5000"

/* Oldest first, ties by id: the same rows whatever the plan (statement binlogs). */
static const char *const sql_purge =
    "DELETE FROM employee_lookups WHERE created_at < NOW(6) - INTERVAL 1 DAY"
    " ORDER BY created_at, id LIMIT " BATCH;
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)"
    " VALUES (NULL, NULL, '', 'lookups_purged', 'lookup', '', ?)";

/* The run's audit row, for what was purged (also when a batch failed after others). */
static int
audit(struct db *db, unsigned long long total)
{
	char detail[96];

	if (total == 0)
		return 0;
	snprintf(detail, sizeof(detail), "%llu lookup%s made more than a day ago", total,
	    total == 1 ? "" : "s");
	return db_exec(db, sql_audit, "s", detail);
}

int
retention_purge_lookups_command(struct db *db, int argc, char **argv)
{
	unsigned long long total = 0, n;
	int failed;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: portalctl purge-lookups\n");
		return 2;
	}
	do {
		if ((failed = db_exec(db, sql_purge, "") != 0))
			break;
		n = db_affected(db);
		total += n;
	} while (n == strtoull(BATCH, NULL, 10));
	if (audit(db, total) != 0) {
		fprintf(stderr, "portalctl: %llu lookups purged, but the audit row was not written\n",
		    total);
		return 1;
	}
	if (failed) {
		fprintf(stderr, "portalctl: purging failed after %llu lookups (see the log);"
		    " the rest is unchanged\n", total);
		return 1;
	}
	printf("%llu lookup%s made more than a day ago purged\n", total, total == 1 ? "" : "s");
	return 0;
}
