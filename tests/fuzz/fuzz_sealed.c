/*
 * fuzz_sealed: a sealed value from a URL (seal_open, which req_unseal calls
 * with the s of Current Employees). The first byte picks: even, the rest is
 * a value, sealed, opened (the same value back), then opened with one byte
 * of its text changed (refused); odd, the rest is a token as sent, which
 * never opens (nobody forges the MAC) and never overruns.
 */
#include <sodium.h>

#include "fuzz.h"
#include "sealed.h"

static const char secret[] = "5e1ec7ed0123456789abcdef0123456789abcdef0123456789abcdef01234567";
static const char context[] = "employee-search-v1";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static int ready;
	unsigned char out[SEAL_MAX + 1];
	char text[SEAL_TEXT_LEN(SEAL_MAX)], *in;
	size_t n, at;

	if (!ready) {
		if (sodium_init() < 0)
			abort();
		ready = 1;
	}
	if (len < 1)
		return 0;
	if ((data[0] & 1) == 0) {
		n = len - 1 > SEAL_MAX ? SEAL_MAX : len - 1;
		FUZZ_ASSERT(seal_make(secret, context, data + 1, n, text, sizeof(text)) > 0);
		FUZZ_ASSERT(seal_open(secret, context, text, out, sizeof(out)) == (long)n);
		FUZZ_ASSERT(memcmp(out, data + 1, n) == 0 && out[n] == '\0');
		at = (n ? data[1 + n / 2] : 0) % strlen(text);
		text[at] = text[at] == 'A' ? 'B' : 'A';
		FUZZ_ASSERT(seal_open(secret, context, text, out, sizeof(out)) == -1);
		return 0;
	}
	in = fuzz_string(data + 1, len - 1);
	FUZZ_ASSERT(seal_open(secret, context, in, out, sizeof(out)) == -1);
	free(in);
	return 0;
}
