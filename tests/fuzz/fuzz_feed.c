/* fuzz_feed: an awarding body's register feed (feed_parse_memory, feed.rng). */
#include "fuzz.h"
#include "feed.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct feed f;
	char err[512];
	size_t i, rejected = 0;

	if (feed_parse_memory((const char *)data, len, "fuzz.xml", FUZZ_SCHEMA("feed.rng"),
	    "2026-11-28", &f, err, sizeof(err)) == 0) {
		FUZZ_ASSERT(f.body != NULL);
		for (i = 0; i < f.nrows; i++) {
			const struct feed_row *r = &f.rows[i];

			if (r->reject) {
				rejected++;
				continue;
			}
			FUZZ_ASSERT(r->number && r->qualification && r->first && r->last);
			FUZZ_ASSERT(feed_date_ok(r->born) && feed_date_ok(r->awarded));
		}
		FUZZ_ASSERT(rejected == f.nrejected);
		feed_free(&f);
	} else
		FUZZ_ASSERT(err[0] != '\0' && f.nrows == 0);
	return 0;
}
