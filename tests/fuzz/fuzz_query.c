/*
 * fuzz_query: a query string as the worker reads QUERY_STRING (a C string),
 * then every value through every field validator, as the router does.
 */
#include "fuzz.h"
#include "params.h"
#include "validate.h"

static const validator_fn validators[] = {
	v_text, v_title, v_longtext, v_email, v_password, v_id, v_phone, v_ni_number,
	v_date, v_birth_date, v_card_number, v_hse_number, v_once_token
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena a = { NULL, 0 };
	struct params p = { NULL, NULL, 0 };
	char *qs = fuzz_string(data, len);
	const struct param *q;
	size_t i;

	if (params_urlencoded(&a, &p, qs, strlen(qs)) == 0) {
		for (q = p.head; q; q = q->next) {
			size_t cap = q->len + 32;
			char *out = arena_alloc(&a, cap);
			long long num;

			for (i = 0; i < sizeof(validators) / sizeof(*validators); i++) {
				num = 0;
				if (validators[i](q->value, out, cap, &num) == NULL)
					FUZZ_ASSERT(strlen(out) < cap);
			}
		}
	}
	arena_free(&a);
	free(qs);
	return 0;
}
