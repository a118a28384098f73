/* fuzz_cookies: a Cookie header (params_cookies never fails: bad ones are skipped). */
#include "fuzz.h"
#include "params.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char *header = fuzz_string(data, len);
	struct params jar = { NULL, NULL, 0 };
	struct arena mem = { NULL, 0 };
	size_t n = 0;

	params_cookies(&mem, &jar, header);
	FUZZ_ASSERT(jar.count <= PARAMS_MAX);
	for (const struct param *c = jar.head; c != NULL; c = c->next, n++)
		FUZZ_ASSERT(c->name && c->value && strlen(c->value) == c->len);
	FUZZ_ASSERT(n == jar.count);
	arena_free(&mem);
	free(header);
	return 0;
}
