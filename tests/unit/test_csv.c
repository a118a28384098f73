/* Unit tests of the CSV reader and cell writer (fcgi/csv.c). */
#include "csv.h"
#include "tap.h"

static long
parse(struct arena *a, const char *s, size_t max, struct csv_row **rows, const char **err)
{
	return csv_parse(a, s, strlen(s), max, rows, err);
}

int
main(void)
{
	struct arena a = { 0 };
	struct csv_row *rows;
	const char *err = NULL;
	char out[64];

	ok(parse(&a, "ni,dob\r\nAA654321D,22/09/1990\r\n", 10, &rows, &err) == 2, "two rows, CRLF");
	ok(rows[1].ncells == 2 && strcmp(rows[1].cells[0], "AA654321D") == 0, "cells split");
	ok(rows[1].line == 2, "line numbers");
	ok(parse(&a, "\xef\xbb\xbf" "a,b\n\nc,d", 10, &rows, &err) == 2 &&
	    strcmp(rows[0].cells[0], "a") == 0 && rows[1].line == 3, "BOM and blank line skipped");
	ok(parse(&a, "\"Jones, Jeff\",\"say \"\"hi\"\"\",\n", 10, &rows, &err) == 1 &&
	    strcmp(rows[0].cells[0], "Jones, Jeff") == 0 &&
	    strcmp(rows[0].cells[1], "say \"hi\"") == 0 && rows[0].ncells == 3 &&
	    rows[0].cells[2][0] == '\0', "quotes, doubled quotes, empty last cell");
	ok(parse(&a, "\"multi\nline\",x\ny", 10, &rows, &err) == 2 && rows[1].line == 3,
	    "newline inside quotes");
	ok(parse(&a, "\"open", 10, &rows, &err) < 0 && err != NULL, "unterminated quote refused");
	ok(parse(&a, "\"a\"b,c", 10, &rows, &err) < 0, "text after a closing quote refused");
	ok(parse(&a, "a\nb\nc\n", 2, &rows, &err) < 0, "too many rows refused");
	ok(csv_parse(&a, "a\0b", 3, 10, &rows, &err) < 0, "NUL byte refused");
	ok(parse(&a, "\xff\xfe", 10, &rows, &err) < 0, "not UTF-8 refused");

	csv_cell(out, sizeof(out), "plain");
	is_str(out, "plain", "plain cell");
	csv_cell(out, sizeof(out), "Jones, Jeff");
	is_str(out, "\"Jones, Jeff\"", "comma quoted");
	csv_cell(out, sizeof(out), "=HYPERLINK(\"x\")");
	is_str(out, "\"'=HYPERLINK(\"\"x\"\")\"", "formula defused");
	csv_cell(out, sizeof(out), "@SUM");
	is_str(out, "\"'@SUM\"", "@ defused");
	csv_cell(out, sizeof(out), "-54.00");
	is_str(out, "-54.00", "a negative amount stays a number");
	csv_cell(out, sizeof(out), "-2+3");
	is_str(out, "\"'-2+3\"", "a minus that starts a formula is defused");
	csv_cell(out, sizeof(out), "-");
	is_str(out, "\"'-\"", "a lone minus is defused");
	arena_free(&a);
	return done_testing();
}
