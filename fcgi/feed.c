/*
 * feed.c: reads an awarding body's certificate register feed with libxml2,
 * validates it against feed.rng and applies the row rules (see feed.h).
 *
 * Untrusted input: read with xml_read_untrusted (no network, no entity, no
 * DTD: a DOCTYPE stops the parser before any declaration inside it is read).
 */
#define _GNU_SOURCE		/* vasprintf */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "feed.h"
#include "validate.h"
#include "xmlutil.h"

#define NAME_MAX_CHARS	100	/* certificates.first_name, last_name */
#define TITLE_MAX_CHARS	200	/* certificates.qualification_title */

static char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	return s;
}

/* Trims white space and folds each run inside to one space, in place. */
static char *
squeeze(char *s)
{
	char *r = s, *w = s;
	int space = 0;

	for (; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
	return s;
}

int
feed_date_ok(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	max = mdays[m - 1];
	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		max = 29;
	return d <= max;
}

/* A name or a title: the reason it cannot be kept, or NULL. */
static char *
text_rule(const char *what, const char *s, size_t max)
{
	if (*s == '\0')
		return xprintf("the %s is empty", what);
	if (!utf8_clean(s, 0))
		return xprintf("the %s has control or invisible formatting characters", what);
	if (utf8_chars(s) > max)
		return xprintf("the %s is longer than %zu characters", what, max);
	return NULL;
}

/* The first row rule the row breaks, or NULL (duplicates are found later). */
static char *
row_rule(const struct feed_row *r, const char *today)
{
	char *why;

	if ((why = text_rule("candidate's first name", r->first, NAME_MAX_CHARS)) ||
	    (why = text_rule("candidate's last name", r->last, NAME_MAX_CHARS)) ||
	    (why = text_rule("title", r->title, TITLE_MAX_CHARS)))
		return why;
	if (!feed_date_ok(r->born))
		return xprintf("the date of birth %s is not a date", r->born);
	if (!feed_date_ok(r->awarded))
		return xprintf("the award date %s is not a date", r->awarded);
	if (strcmp(r->awarded, today) > 0)
		return xprintf("the award date %s is in the future", r->awarded);
	if (strcmp(r->born, today) > 0)
		return xprintf("the date of birth %s is in the future", r->born);
	if (strcmp(r->born, "1900-01-01") < 0)
		return xprintf("the date of birth %s is before 1900", r->born);
	if (strcmp(r->born, r->awarded) > 0)
		return xprintf("the candidate was born (%s) after the award date (%s)",
		    r->born, r->awarded);
	return NULL;
}

static const struct feed_row *by_number_rows;

static int
by_number(const void *a, const void *b)
{
	const struct feed_row *x = &by_number_rows[*(const size_t *)a];
	const struct feed_row *y = &by_number_rows[*(const size_t *)b];
	int c = strcasecmp(x->number, y->number);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * A certificate number once per file (the register keys on it, ignoring
 * case): every later row with the number of an earlier one is rejected.
 */
static void
reject_repeats(struct feed *f)
{
	size_t *ix, i, start;

	if (f->nrows < 2)
		return;
	if ((ix = calloc(f->nrows, sizeof(*ix))) == NULL)
		abort();
	for (i = 0; i < f->nrows; i++)
		ix[i] = i;
	by_number_rows = f->rows;
	qsort(ix, f->nrows, sizeof(*ix), by_number);
	/* Sorted by number, then line: the first row of each run keeps it. */
	for (start = 0, i = 1; i < f->nrows; i++) {
		const struct feed_row *first = &f->rows[ix[start]];
		struct feed_row *r = &f->rows[ix[i]];

		if (strcasecmp(first->number, r->number) != 0) {
			start = i;
			continue;
		}
		if (r->reject == NULL) {
			r->reject = xprintf("certificate number %s is already on line %ld",
			    r->number, first->line);
			f->nrejected++;
		}
	}
	free(ix);
}

static int
fill(struct feed *f, xmlNodePtr root, const char *name, const char *today,
    char *err, size_t errlen)
{
	xmlNodePtr n;
	char *s;
	size_t cap = 0;

	f->body = xml_attr(root, "body", "");
	f->body_line = xmlGetLineNo(root);
	s = xml_attr(root, "generated", "");
	if (!feed_date_ok(s) || strcmp(s, today) > 0) {
		snprintf(err, errlen, "%s:%ld: <certificates generated>: %s is %s", name,
		    f->body_line, s, feed_date_ok(s) ? "in the future" : "not a date");
		free(s);
		return -1;
	}
	snprintf(f->generated, sizeof(f->generated), "%s", s);
	free(s);

	for (n = root->children; n; n = n->next) {
		struct feed_row *r;
		xmlNodePtr cand, title;

		if (!xml_is(n, "certificate"))
			continue;
		if (f->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			f->rows = realloc(f->rows, cap * sizeof(*f->rows));
			if (f->rows == NULL)
				abort();
		}
		r = &f->rows[f->nrows++];
		memset(r, 0, sizeof(*r));
		r->line = xmlGetLineNo(n);
		r->number = xml_attr(n, "number", "");
		r->qualification = xml_attr(n, "qualification", "");
		s = xml_attr(n, "awarded", "");
		snprintf(r->awarded, sizeof(r->awarded), "%s", s);
		free(s);
		s = xml_attr(n, "revoked", "");
		r->revoked = strcmp(s, "true") == 0;
		free(s);
		/* The schema guarantees both children. */
		cand = xml_child(n, "candidate");
		title = xml_child(n, "title");
		r->first = squeeze(xml_attr(cand, "first", ""));
		r->last = squeeze(xml_attr(cand, "last", ""));
		s = xml_attr(cand, "born", "");
		snprintf(r->born, sizeof(r->born), "%s", s);
		free(s);
		r->title = squeeze(xml_text(title));
		if ((r->reject = row_rule(r, today)) != NULL)
			f->nrejected++;
	}
	reject_repeats(f);
	return 0;
}

void
feed_local_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
feed_parse_memory(const char *buf, size_t len, const char *name,
    const char *schema, const char *today, struct feed *f, char *err,
    size_t errlen)
{
	struct xml_errors errs;
	xmlDocPtr doc = NULL;
	char day[11];
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if (today == NULL) {
		feed_local_today(day);
		today = day;
	}
	if (len > (size_t)FEED_MAX_BYTES) {
		snprintf(err, errlen, "%s: larger than %ld bytes", name, FEED_MAX_BYTES);
		return -1;
	}
	xml_errors_start(&errs, name, 1, err, errlen);
	doc = xml_read_untrusted(buf, len, name, schema, "a feed", &errs);
	if (doc != NULL)
		rc = fill(f, xmlDocGetRootElement(doc), name, today, err, errlen);
	if (doc)
		xmlFreeDoc(doc);
	xml_errors_stop();
	if (rc != 0)
		feed_free(f);
	return rc;
}

int
feed_parse_file(const char *path, const char *schema, const char *today,
    struct feed *f, char *err, size_t errlen)
{
	FILE *fp;
	char *buf = NULL;
	long n;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: cannot be read", path);
		return -1;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		snprintf(err, errlen, "%s: cannot be read", path);
	else if (n > FEED_MAX_BYTES)
		snprintf(err, errlen, "%s: larger than %ld bytes", path, FEED_MAX_BYTES);
	else if ((buf = malloc((size_t)n + 1)) == NULL)
		snprintf(err, errlen, "%s: out of memory", path);
	else if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		snprintf(err, errlen, "%s: cannot be read", path);
	else
		rc = feed_parse_memory(buf, (size_t)n, path, schema, today, f,
		    err, errlen);
	free(buf);
	fclose(fp);
	return rc;
}

void
feed_free(struct feed *f)
{
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		struct feed_row *r = &f->rows[i];

		free(r->number);
		free(r->qualification);
		free(r->title);
		free(r->first);
		free(r->last);
		free(r->reject);
	}
	free(f->rows);
	free(f->body);
	memset(f, 0, sizeof(*f));
}
