/*
 * fuzz_multipart: a multipart/form-data body. The input's first line is the
 * Content-Type header's value (with its boundary), the rest the body.
 */
#include "fuzz.h"
#include "params.h"
#include "portal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena a = { NULL, 0 };
	struct params p = { NULL, NULL, 0 };
	struct upload *u = NULL, *f;
	const uint8_t *nl = memchr(data, '\n', len);
	size_t clen = nl ? (size_t)(nl - data) : len;
	char *ctype = fuzz_string(data, clen);
	const unsigned char *body = nl ? nl + 1 : data + len;
	/* The body in a buffer of its own size, so reading past it is caught. */
	size_t blen = (size_t)(data + len - body);
	unsigned char *copy = malloc(blen ? blen : 1);

	memcpy(copy, body, blen);
	if (params_multipart(&a, &p, &u, ctype, copy, blen) == 0) {
		for (f = u; f; f = f->next) {
			FUZZ_ASSERT(f->len <= blen);
			FUZZ_ASSERT(f->len == 0 || (f->data >= copy && f->data + f->len <= copy + blen));
			FUZZ_ASSERT(f->field != NULL);
		}
		FUZZ_ASSERT(p.count <= PARAMS_MAX);
	}
	arena_free(&a);
	free(copy);
	free(ctype);
	return 0;
}
