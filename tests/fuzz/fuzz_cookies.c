/* fuzz_cookies: a Cookie header (params_cookies never fails: bad ones are skipped). */
#include "fuzz.h"
#include "params.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena a = { NULL, 0 };
	struct params p = { NULL, NULL, 0 };
	char *s = fuzz_string(data, len);
	const struct param *q;

	params_cookies(&a, &p, s);
	FUZZ_ASSERT(p.count <= PARAMS_MAX);
	for (q = p.head; q; q = q->next)
		FUZZ_ASSERT(q->name && q->value && strlen(q->value) == q->len);
	arena_free(&a);
	free(s);
	return 0;
}
