/*
 * retention.c: what is kept no longer than it is needed (portalctl); below,
 * purge-lookups. portalctl purge-documents --older-than DAYS: the photos and uploaded
 * documents of applications completed (dispatched) more than DAYS days ago are deleted,
 * unless a newer or unfinished application, or an exemption on the register, still uses
 * them. The applications keep their rows (the lists drop them after three months anyway);
 * their photo reference is cleared and their document evidence rows go with the documents.
 * In batches of 500, each one transaction with one audit row per company
 * (`documents_purged`, detail: how many and the period).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_write.h"
#include "db.h"
#include "portal.h"
#include "retention.h"

#define BATCH	500

/* A document is old when every application that uses it was completed before the cut. */
#define OLD(a)	"(" a ".state = 'dispatched' AND " a ".completed_at < NOW(6) - INTERVAL ? DAY)"

static const char *const sql_batch =
    "SELECT d.id, d.company_id FROM documents d WHERE d.id IN ("
    "  SELECT a.photo_document_id FROM applications a WHERE " OLD("a")
    "  UNION SELECT e.document_id FROM application_evidence e"
    "  JOIN applications a ON a.id = e.application_id WHERE " OLD("a") ")"
    " AND NOT EXISTS (SELECT 1 FROM applications b WHERE b.photo_document_id = d.id"
    "  AND NOT " OLD("b") ")"
    " AND NOT EXISTS (SELECT 1 FROM application_evidence f JOIN applications b"
    "  ON b.id = f.application_id WHERE f.document_id = d.id AND NOT " OLD("b") ")"
    " AND NOT EXISTS (SELECT 1 FROM exemptions x WHERE x.document_id = d.id)"
    " ORDER BY d.company_id, d.id LIMIT 500 FOR UPDATE";
static const char *const sql_unphoto =
    "UPDATE applications SET photo_document_id = NULL WHERE photo_document_id = ?";
/* A verified certificate stays on its application without its file; a file alone goes. */
static const char *const sql_unevidence =
    "DELETE FROM application_evidence WHERE document_id = ? AND certificate_id IS NULL";
static const char *const sql_unfile =
    "UPDATE application_evidence SET document_id = NULL WHERE document_id = ?";
static const char *const sql_delete =
    "DELETE FROM documents WHERE id = ?";


struct doc {
	unsigned long long id, company;
};

static int
audit_company(struct db *db, unsigned long long company, long n, long days)
{
	char id[24], detail[128];

	snprintf(id, sizeof(id), "%llu", company);
	snprintf(detail, sizeof(detail), "%ld document%s of applications completed more than"
	    " %ld days ago", n, n == 1 ? "" : "s", days);
	return audit_write(db, company, 0, "", "documents_purged", "company", id, detail);
}

/* One batch: *n documents purged (0 when none was left). */
static int
purge_batch(struct db *db, long days, long *n)
{
	struct doc docs[BATCH];
	struct dbres *res;
	long i, k, run;

	*n = 0;
	if (db_begin(db) != 0)
		return -1;
	if (db_query(db, &res, sql_batch, "iiii", (long long)days, (long long)days,
	    (long long)days, (long long)days) != 0)
		goto fail;
	while (*n < BATCH && db_next(res)) {
		docs[*n].id = (unsigned long long)db_int(res, 0);
		docs[*n].company = (unsigned long long)db_int(res, 1);
		(*n)++;
	}
	db_free(res);
	for (i = 0; i < *n; i++)
		if (db_exec(db, sql_unphoto, "u", docs[i].id) != 0 ||
		    db_exec(db, sql_unevidence, "u", docs[i].id) != 0 ||
		    db_exec(db, sql_unfile, "u", docs[i].id) != 0 ||
		    db_exec(db, sql_delete, "u", docs[i].id) != 0)
			goto fail;
	/* Ordered by company: one audit row per run of the same company. */
	for (i = 0; i < *n; i = k) {
		for (k = i; k < *n && docs[k].company == docs[i].company; k++)
			;
		run = k - i;
		if (audit_company(db, docs[i].company, run, days) != 0)
			goto fail;
	}
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

int
retention_purge_command(struct db *db, int argc, char **argv)
{
	const char *arg = NULL;
	long days, n, total = 0;
	char *end;
	int i;

	for (i = 1; i + 1 < argc; i++)
		if (strcmp(argv[i], "--older-than") == 0)
			arg = argv[i + 1];
	if (arg == NULL) {
		fprintf(stderr, "usage: portalctl purge-documents --older-than DAYS\n");
		return 2;
	}
	days = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || days < 1 || days > 36500) {
		fprintf(stderr, "portalctl: --older-than takes a number of days, 1 to 36500\n");
		return 2;
	}
	do {
		if (purge_batch(db, days, &n) != 0) {
			fprintf(stderr, "portalctl: purging failed after %ld documents (see the log);"
			    " the rest is unchanged\n", total);
			return 1;
		}
		total += n;
	} while (n == BATCH);
	printf("%ld document%s purged (applications completed more than %ld days ago)\n",
	    total, total == 1 ? "" : "s", days);
	return 0;
}

/*
 * portalctl purge-lookups (daily, from cron). The lookups (single and
 * bulk) made more than a day ago are deleted, and with them the NI numbers, dates of birth
 * and last names they hold, of people found or not. Nothing reads them after a day: a
 * lookup's token lasts 30 minutes, a bulk upload an hour, the hourly limits an hour (they
 * probe a lookup of the last hour only, so deleting older ones leaves them exact) and the
 * bulk allowance a day. The audit log keeps who looked and when, never what. In batches of
 * 5,000 (each its own statement, oldest first), with one audit row for the run (also for the
 * batches done when a later one fails).
 */
#define LOOKUP_BATCH	5000
#define STR(x)	#x
#define XSTR(x)	STR(x)

/* Oldest first, ties by id: the same rows whatever the plan (statement binlogs). */
static const char *const sql_purge_lookups =
    "DELETE FROM employee_lookups WHERE created_at < NOW(6) - INTERVAL 1 DAY"
    " ORDER BY created_at, id LIMIT " XSTR(LOOKUP_BATCH);

/* The run's audit row, for what was purged (also when a batch failed after others). */
static int
audit_lookups(struct db *db, unsigned long long total)
{
	char detail[96];

	if (total == 0)
		return 0;
	snprintf(detail, sizeof(detail), "%llu lookup%s made more than a day ago", total,
	    total == 1 ? "" : "s");
	return audit_write(db, 0, 0, "", "lookups_purged", "lookup", "", detail);
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
		if ((failed = db_exec(db, sql_purge_lookups, "") != 0))
			break;
		n = db_affected(db);
		total += n;
	} while (n == LOOKUP_BATCH);
	if (audit_lookups(db, total) != 0) {
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
