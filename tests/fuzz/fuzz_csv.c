/* fuzz_csv: an uploaded CSV file (csv_parse), and every cell written back (csv_cell). */
#include "fuzz.h"
#include "csv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena a = { NULL, 0 };
	struct csv_row *rows = NULL;
	const char *err = NULL;
	long n = csv_parse(&a, (const char *)data, len, 2000, &rows, &err);
	long i;
	size_t j, need;
	char small[16], *big;

	if (n < 0)
		FUZZ_ASSERT(err != NULL);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(rows[i].ncells <= 64 && rows[i].line >= 1);
		for (j = 0; j < rows[i].ncells; j++) {
			const char *cell = rows[i].cells[j];

			FUZZ_ASSERT(cell != NULL);
			need = csv_cell(small, sizeof(small), cell);
			FUZZ_ASSERT(memchr(small, '\0', sizeof(small)) != NULL);
			big = malloc(need + 1);
			FUZZ_ASSERT(csv_cell(big, need + 1, cell) == need && strlen(big) == need);
			/* A cell a spreadsheet would run as a formula is defused
			 * (a plain negative number is left as it is). */
			FUZZ_ASSERT(big[0] != '=' && big[0] != '+' && big[0] != '@' &&
			    big[0] != '\t' && big[0] != '\r');
			FUZZ_ASSERT(big[0] != '-' ||
			    strspn(big + 1, "0123456789.") == strlen(big + 1));
			free(big);
		}
	}
	arena_free(&a);
	return 0;
}
