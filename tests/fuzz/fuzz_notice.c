/*
 * fuzz_notice: a payment gateway's notification (payment_notice_parse, the
 * function the orders module calls). The first byte picks the signature:
 * even, the right one (so the fields' parsing is reached); odd, the rest of
 * the input's first 64 bytes as sent hex (so the check itself is fuzzed).
 */
#include <sodium.h>

#include "fuzz.h"
#include "notice.h"

static const char key[] = "fuzz-key-0123456789abcdef0123456789abcdef";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct payment_notice n;
	unsigned char mac[32];
	char hex[65], *sig;
	const char *why;
	unsigned char *body;
	size_t blen;
	int signed_ok;

	if (len < 1)
		return 0;
	signed_ok = (data[0] & 1) == 0;
	if (signed_ok) {
		blen = len - 1;
		body = malloc(blen ? blen : 1);
		memcpy(body, data + 1, blen);
		hmac_sha256(key, body, blen, mac);
		sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
		sig = hex;
	} else {
		size_t slen = len - 1 < 64 ? len - 1 : 64;

		sig = fuzz_string(data + 1, slen);
		sig[strcspn(sig, "\0")] = '\0';
		blen = len - 1 - slen;
		body = malloc(blen ? blen : 1);
		memcpy(body, data + 1 + slen, blen);
	}
	why = payment_notice_parse(key, body, blen, sig, &n);
	if (why == NULL) {
		FUZZ_ASSERT(n.payment >= 1 && n.amount >= 1 && n.ts >= 1);
		FUZZ_ASSERT(n.txn[0] && n.currency[0] && n.status[0]);
		FUZZ_ASSERT(strlen(n.reason) < sizeof(n.reason));
		FUZZ_ASSERT(utf8_clean(n.reason, 1));
	} else
		FUZZ_ASSERT(n.payment == 0 && n.txn[0] == '\0');
	if (!signed_ok) {
		/* A wrong signature is refused unless it is, by chance, the right one. */
		hmac_sha256(key, body, blen, mac);
		sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
		if (strcasecmp(sig, hex) != 0)
			FUZZ_ASSERT(why != NULL && strcmp(why, "signature missing or wrong") == 0);
		free(sig);
	}
	free(body);
	return 0;
}
