/*
 * purge_lookups.c: portalctl purge-lookups (daily, from cron). The lookups (single and
 * bulk) made more than a day ago are deleted, and with them the NI numbers, dates of birth
 * and last names they hold, of people found or not. Nothing reads them after a day: a
 * lookup's token lasts 30 minutes, a bulk upload an hour, the hourly limits an hour (they
 * probe a lookup of the last hour only, so deleting older ones leaves them exact) and the
 * bulk allowance a day. The audit log keeps who looked and when, never what. In batches of
 * 5,000 (each its own statement, oldest first), with one audit row for the run.
 */
#include <stdio.h>

#include "db.h"
#include "portal.h"
#include "retention.h"

#define BATCH	5000

static const char *const sql_purge =
    "DELETE FROM employee_lookups WHERE created_at < NOW(6) - INTERVAL 1 DAY"
    " ORDER BY created_at LIMIT 5000";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)"
    " VALUES (NULL, NULL, '', 'lookups_purged', 'lookup', '', ?)";

int
retention_purge_lookups_command(struct db *db, int argc, char **argv)
{
	unsigned long long total = 0, n;
	char detail[96];

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: portalctl purge-lookups\n");
		return 2;
	}
	do {
		if (db_exec(db, sql_purge, "") != 0) {
			fprintf(stderr, "portalctl: purging failed after %llu lookups (see the log);"
			    " the rest is unchanged\n", total);
			return 1;
		}
		n = db_affected(db);
		total += n;
	} while (n == BATCH);
	snprintf(detail, sizeof(detail), "%llu lookup%s made more than a day ago", total,
	    total == 1 ? "" : "s");
	if (total > 0 && db_exec(db, sql_audit, "s", detail) != 0) {
		fprintf(stderr, "portalctl: %llu lookups purged, but the audit row was not written\n",
		    total);
		return 1;
	}
	printf("%s purged\n", detail);
	return 0;
}
