/*
 * csv.h: reading uploaded CSV files (RFC 4180: commas, double-quoted fields
 * with "" inside, CRLF or LF line ends) and writing CSV cells safely.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

#include <ClearSilver.h>

#include "arena.h"

struct csv_row {
	char		**cells;
	size_t		 ncells;
	size_t		 line;		/* 1-based line where the row starts */
};

/*
 * Splits data into rows of cells in the arena. At most max_rows rows and
 * 64 cells a row; a blank line is skipped. Returns the number of rows, or
 * -1 with *err set (unterminated quote, NUL byte, too many rows or cells,
 * not UTF-8).
 */
long	csv_parse(struct arena *, const char *data, size_t len, size_t max_rows,
		struct csv_row **rows, const char **err);

/* Appends one cell to out (cap bytes, NUL-terminated), quoted when needed;
 * a cell that a spreadsheet would run as a formula (= + - @) gets a leading
 * apostrophe. Returns the bytes it needs (as snprintf). */
size_t	csv_cell(char *out, size_t cap, const char *value);

/* Appends one CSV line (csv_cell each, CRLF) to a ClearSilver STRING. */
void	csv_line(STRING *out, const char *const *cells, size_t n);

#endif
