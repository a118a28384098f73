/*
 * results.h: a results file of the online assessment service
 * (fcgi/assessment-results.rng), read with libxml2 (xml_read_untrusted: no
 * network, no DTD, no entity) and validated against the schema. Pure of the
 * database: results_import.c applies the rows.
 *
 * A file that is not well-formed, has a DOCTYPE or does not match the schema
 * is refused whole, with "FILE:LINE: problem". Inside a good file a row that
 * breaks a row rule is kept with its reason and counted in nrejected.
 */
#ifndef RESULTS_H
#define RESULTS_H

#include <stddef.h>

/* The largest results file accepted, in bytes. */
#define RESULTS_MAX_BYTES	(16L * 1024 * 1024)

struct result_row {
	long	 line;			/* of its <result> */
	char	 booking[9];		/* the booking's code */
	char	 status[8];		/* sat, passed, failed */
	char	 sat[11];		/* yyyy-mm-dd */
	int	 score;			/* 0..50, -1 when absent */
	char	 hse[12];		/* HSE + 8 digits, "" when absent */
	char	*reject;		/* NULL, or why the row is rejected */
};

struct results {
	char		 generated[11];	/* yyyy-mm-dd */
	struct result_row *rows;	/* in file order */
	size_t		 nrows;
	size_t		 nrejected;
};

/*
 * Parses and validates a results file held in memory; name names it in
 * messages, schema is the path of assessment-results.rng, today "yyyy-mm-dd"
 * (NULL: the local date). Returns 0 and fills *res (free with results_free),
 * or -1 with the reason in err and *res empty.
 */
int	results_parse_memory(const char *buf, size_t len, const char *name,
	    const char *schema, const char *today, struct results *res,
	    char *err, size_t errlen);
void	results_free(struct results *);

#endif
