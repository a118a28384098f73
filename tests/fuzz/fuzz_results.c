/* fuzz_results: an assessment results file (results_parse_memory, assessment-results.rng). */
#include "fuzz.h"
#include "results.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct results res;
	char err[512];
	size_t i, rejected = 0;

	if (results_parse_memory((const char *)data, len, "fuzz.xml",
	    FUZZ_SCHEMA("assessment-results.rng"), "2026-11-28", &res, err, sizeof(err)) == 0) {
		for (i = 0; i < res.nrows; i++) {
			const struct result_row *r = &res.rows[i];

			if (r->reject) {
				rejected++;
				continue;
			}
			FUZZ_ASSERT(strlen(r->booking) == 8);
			FUZZ_ASSERT(strcmp(r->status, "sat") == 0 || strcmp(r->status, "passed") == 0 ||
			    strcmp(r->status, "failed") == 0);
			FUZZ_ASSERT(r->score >= -1 && r->score <= 50);
		}
		FUZZ_ASSERT(rejected == res.nrejected);
		results_free(&res);
	} else
		FUZZ_ASSERT(err[0] != '\0' && res.nrows == 0);
	return 0;
}
