/* fuzz_urlencoded: a url-encoded POST body (params_urlencoded, url_decode). */
#include "fuzz.h"
#include "params.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena a = { NULL, 0 };
	struct params p = { NULL, NULL, 0 };
	const struct param *q;
	size_t n = 0;
	char *out;
	size_t outlen;

	if (params_urlencoded(&a, &p, (const char *)data, len) == 0) {
		FUZZ_ASSERT(p.count <= PARAMS_MAX);
		for (q = p.head; q; q = q->next, n++) {
			FUZZ_ASSERT(q->name != NULL && q->value != NULL);
			FUZZ_ASSERT(strlen(q->value) == q->len);	/* no NUL inside */
			FUZZ_ASSERT(params_get(&p, q->name) != NULL);
		}
		FUZZ_ASSERT(n == p.count);
	}
	if (url_decode(&a, (const char *)data, len, &out, &outlen) == 0)
		FUZZ_ASSERT(outlen <= len && strlen(out) == outlen);
	arena_free(&a);
	return 0;
}
