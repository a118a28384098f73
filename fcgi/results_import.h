/* results_import.h: portalctl import-results, the assessment service's results. */
#ifndef RESULTS_IMPORT_H
#define RESULTS_IMPORT_H

#include <stddef.h>

struct db;

/*
 * Applies a results file held in memory (results.h; name for messages,
 * schema the path of assessment-results.rng), one transaction per result,
 * and prints what each did. A file refused whole changes nothing. Returns
 * the exit code: 0 when the file was read (rejected results are reported
 * with their line and reason), 1 when it was refused or the database failed.
 */
int	results_import(struct db *, const char *buf, size_t len, const char *name,
	    const char *schema);

#endif
