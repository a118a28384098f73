/*
 * results.c: reads a results file of the online assessment service with
 * libxml2, validates it against assessment-results.rng and applies the row
 * rules that need no database (see results.h).
 */
#define _GNU_SOURCE		/* asprintf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "feed.h"
#include "results.h"
#include "xmlutil.h"

static char *
reason(const char *s)
{
	char *r = strdup(s);

	if (r == NULL)
		abort();
	return r;
}

/* The first row rule the row breaks, or NULL (repeats are found later). */
static char *
row_rule(const struct result_row *r, const char *today)
{
	char *why;

	if (!feed_date_ok(r->sat)) {
		if (asprintf(&why, "the day sat %s is not a date", r->sat) < 0)
			abort();
		return why;
	}
	if (strcmp(r->sat, today) > 0)
		return reason("the day sat is in the future");
	if (strcmp(r->status, "sat") == 0 && (r->score >= 0 || r->hse[0]))
		return reason("a result still to follow has no score and no HS&E number");
	if (strcmp(r->status, "sat") != 0 && r->score < 0)
		return reason("a pass or a fail needs its score");
	if (strcmp(r->status, "passed") == 0 && r->hse[0] == '\0')
		return reason("a pass needs the HS&E number it is recorded under");
	if (strcmp(r->status, "failed") == 0 && r->hse[0])
		return reason("a fail has no HS&E number");
	return NULL;
}

/* Copies attribute name of n into out (cap bytes; the schema bounds it). */
static void
attr_into(xmlNodePtr n, const char *name, char *out, size_t cap)
{
	char *s = xml_attr(n, name, "");

	snprintf(out, cap, "%s", s);
	free(s);
}

static void
fill(struct results *res, xmlNodePtr root, const char *today)
{
	xmlNodePtr n;
	size_t cap = 0, i, j;

	attr_into(root, "generated", res->generated, sizeof(res->generated));
	for (n = root->children; n; n = n->next) {
		struct result_row *r;
		char score[8];

		if (!xml_is(n, "result"))
			continue;
		if (res->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			if ((res->rows = realloc(res->rows, cap * sizeof(*res->rows))) == NULL)
				abort();
		}
		r = &res->rows[res->nrows++];
		memset(r, 0, sizeof(*r));
		r->line = xmlGetLineNo(n);
		attr_into(n, "booking", r->booking, sizeof(r->booking));
		attr_into(n, "status", r->status, sizeof(r->status));
		attr_into(n, "sat", r->sat, sizeof(r->sat));
		attr_into(n, "hse-number", r->hse, sizeof(r->hse));
		attr_into(n, "score", score, sizeof(score));
		r->score = score[0] ? atoi(score) : -1;
		if ((r->reject = row_rule(r, today)) != NULL)
			res->nrejected++;
	}
	/* A booking once per file: a later row with the code of an earlier one is
	 * rejected (files hold hundreds of rows, so the square is cheap). */
	for (i = 1; i < res->nrows; i++)
		for (j = 0; j < i && res->rows[i].reject == NULL; j++)
			if (strcmp(res->rows[i].booking, res->rows[j].booking) == 0) {
				if (asprintf(&res->rows[i].reject, "booking %s is already on line %ld",
				    res->rows[i].booking, res->rows[j].line) < 0)
					abort();
				res->nrejected++;
			}
}

int
results_parse_memory(const char *buf, size_t len, const char *name, const char *schema,
    const char *today, struct results *res, char *err, size_t errlen)
{
	struct xml_errors errs;
	xmlDocPtr doc;
	char day[11];
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (today == NULL) {
		feed_local_today(day);
		today = day;
	}
	if (len > (size_t)RESULTS_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %ld bytes", name, RESULTS_MAX_BYTES);
		return -1;
	}
	xml_errors_start(&errs, name, 1, err, errlen);
	doc = xml_read_untrusted(buf, len, name, schema, "a results file", &errs);
	if (doc != NULL) {
		fill(res, xmlDocGetRootElement(doc), today);
		xmlFreeDoc(doc);
		rc = 0;
	}
	xml_errors_stop();
	return rc;
}

void
results_free(struct results *res)
{
	size_t i;

	for (i = 0; i < res->nrows; i++)
		free(res->rows[i].reject);
	free(res->rows);
	memset(res, 0, sizeof(*res));
}
