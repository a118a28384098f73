/* csv.c: a small RFC 4180 reader and a cell writer (see csv.h). */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "validate.h"

#define CSV_MAX_CELLS	64

long
csv_parse(struct arena *a, const char *s, size_t len, size_t max_rows,
    struct csv_row **out, const char **err)
{
	struct csv_row *rows;
	size_t nrows = 0, i = 0, line = 1;
	char *cell = arena_alloc(a, len + 1);

	*out = NULL;
	if (memchr(s, '\0', len) != NULL) {
		*err = "The file is not a text CSV file.";
		return -1;
	}
	/* A UTF-8 byte order mark, as spreadsheets write. */
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	rows = arena_alloc(a, (max_rows + 1) * sizeof(*rows));
	while (i < len) {
		char *cells[CSV_MAX_CELLS];
		size_t ncells = 0, start_line = line;
		int end_of_row = 0;

		while (!end_of_row) {
			size_t n = 0;

			if (i < len && s[i] == '"') {
				i++;
				for (;;) {
					if (i >= len) {
						*err = "A quoted field is not closed.";
						return -1;
					}
					if (s[i] == '"') {
						if (i + 1 < len && s[i + 1] == '"') {
							cell[n++] = '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (s[i] == '\n')
						line++;
					cell[n++] = s[i++];
				}
				if (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
					*err = "Text follows a closing quote.";
					return -1;
				}
			} else
				while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
					cell[n++] = s[i++];
			if (ncells == CSV_MAX_CELLS) {
				*err = "A row has too many columns.";
				return -1;
			}
			cells[ncells] = arena_strndup(a, cell, n);
			if (!utf8_clean(cells[ncells], 1)) {
				*err = "The file is not UTF-8 text.";
				return -1;
			}
			ncells++;
			if (i >= len)
				end_of_row = 1;
			else if (s[i] == ',')
				i++;
			else {
				if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
					i++;
				i++;
				line++;
				end_of_row = 1;
			}
		}
		/* Skip blank lines. */
		if (ncells == 1 && cells[0][0] == '\0')
			continue;
		if (nrows == max_rows) {
			*err = "The file has too many rows.";
			return -1;
		}
		rows[nrows].cells = arena_alloc(a, ncells * sizeof(char *));
		memcpy(rows[nrows].cells, cells, ncells * sizeof(char *));
		rows[nrows].ncells = ncells;
		rows[nrows].line = start_line;
		nrows++;
	}
	*out = rows;
	return (long)nrows;
}

/* "-54.00": a negative amount is a number, not a formula. */
static int
negative_number(const char *v)
{
	size_t digits = strspn(v + 1, "0123456789");

	if (v[0] != '-' || digits == 0)
		return 0;
	v += 1 + digits;
	if (*v == '.' && strspn(v + 1, "0123456789") > 0)
		v += 1 + strspn(v + 1, "0123456789");
	return *v == '\0';
}

size_t
csv_cell(char *out, size_t cap, const char *v)
{
	int quote = strpbrk(v, ",\"\r\n") != NULL;
	int formula = (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' ||
	    v[0] == '\t' || v[0] == '\r') && !negative_number(v);
	size_t n = 0;

#define PUT(c) do { if (n + 1 < cap) out[n] = (c); n++; } while (0)
	if (quote || formula)
		PUT('"');
	if (formula)
		PUT('\'');
	for (; *v; v++) {
		if (*v == '"')
			PUT('"');
		PUT(*v);
	}
	if (quote || formula)
		PUT('"');
#undef PUT
	if (cap > 0)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}

/* One CSV line into a ClearSilver STRING. */
void
csv_line(STRING *out, const char *const *cells, size_t n)
{
	char buf[1024];
	size_t i;

	for (i = 0; i < n; i++) {
		char *big = NULL;
		size_t need = csv_cell(buf, sizeof(buf), cells[i] ? cells[i] : "");

		if (need >= sizeof(buf) && (big = malloc(need + 1)) != NULL) {
			csv_cell(big, need + 1, cells[i]);
			string_append(out, big);
			free(big);
		} else
			string_append(out, buf);
		string_append(out, i + 1 < n ? "," : "\r\n");
	}
}
