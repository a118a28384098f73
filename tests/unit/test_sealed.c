/* test_sealed.c: values sealed for a session (fcgi/sealed.c): round trip, and every
 * way a token must fail to open. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "sealed.h"
#include "tap.h"

#define CTX	"employee-search-v1"

static const char *const mine =
    "4f1c0a9e7d3b2a6c5e8f9d0b1a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";
static const char *const theirs =
    "0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2c1a0b9d8f7e6c5a2b3d7e9a0c1f";

int
main(void)
{
	char tok[SEAL_TEXT_LEN(SEAL_MAX)], other[SEAL_TEXT_LEN(64)], bad[sizeof(tok) + 1];
	unsigned char out[SEAL_MAX + 1], big[SEAL_MAX + 1];
	const char *ni = "AB123456C";
	size_t n, i;

	if (sodium_init() < 0)
		return 1;
	n = seal_make(mine, CTX, ni, strlen(ni), tok, sizeof(tok));
	ok(n > 0 && n == strlen(tok), "sealed: %s", tok);
	ok(strstr(tok, ni) == NULL, "the value is not in the text");
	for (i = 0; tok[i]; i++)
		if (!((tok[i] >= 'A' && tok[i] <= 'Z') || (tok[i] >= 'a' && tok[i] <= 'z') ||
		    (tok[i] >= '0' && tok[i] <= '9') || tok[i] == '-' || tok[i] == '_'))
			break;
	ok(tok[i] == '\0', "base64url without padding");
	ok(seal_open(mine, CTX, tok, out, sizeof(out)) == (long)strlen(ni), "round trip: length");
	is_str((const char *)out, ni, "round trip: the value");

	ok(seal_make(mine, CTX, ni, strlen(ni), other, sizeof(other)) > 0 && strcmp(other, tok) != 0,
	    "a fresh nonce each time: two seals differ");
	ok(seal_open(mine, CTX, other, out, sizeof(out)) == (long)strlen(ni), "and both open");

	ok(seal_open(theirs, CTX, tok, out, sizeof(out)) == -1, "another session's key: refused");
	ok(seal_open(mine, "another-use-v1", tok, out, sizeof(out)) == -1, "another context: refused");

	for (i = 0; i < n; i++) {
		snprintf(bad, sizeof(bad), "%s", tok);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		if (seal_open(mine, CTX, bad, out, sizeof(out)) != -1)
			break;
	}
	ok(i == n, "each of the %zu characters altered: refused (stopped at %zu)", n, i);
	for (i = 0; i < n; i++) {
		snprintf(bad, sizeof(bad), "%.*s", (int)i, tok);
		if (seal_open(mine, CTX, bad, out, sizeof(out)) != -1)
			break;
	}
	ok(i == n, "each truncation, down to empty: refused (stopped at length %zu)", i);
	snprintf(bad, sizeof(bad), "%sA", tok);
	ok(seal_open(mine, CTX, bad, out, sizeof(out)) == -1, "a character added: refused");
	snprintf(bad, sizeof(bad), "%.20s=%s", tok, tok + 21);
	ok(seal_open(mine, CTX, bad, out, sizeof(out)) == -1, "not base64url: refused");
	ok(seal_open(mine, CTX, "", out, sizeof(out)) == -1, "empty text: refused");
	ok(seal_open(mine, CTX, NULL, out, sizeof(out)) == -1, "no text: refused");
	ok(seal_open("", CTX, tok, out, sizeof(out)) == -1, "no secret: refused");
	ok(seal_open(mine, CTX, tok, out, strlen(ni)) == -1, "a value longer than the room: refused");

	ok(seal_make(mine, CTX, "", 0, tok, sizeof(tok)) > 0 &&
	    seal_open(mine, CTX, tok, out, sizeof(out)) == 0 && out[0] == '\0', "an empty value round trip");
	memset(big, 'x', sizeof(big));
	ok(seal_make(mine, CTX, big, SEAL_MAX, tok, sizeof(tok)) > 0 &&
	    seal_open(mine, CTX, tok, out, sizeof(out)) == SEAL_MAX && memcmp(out, big, SEAL_MAX) == 0,
	    "the longest value round trip");
	ok(seal_make(mine, CTX, big, SEAL_MAX + 1, tok, sizeof(tok)) == 0, "a longer value: refused");
	ok(seal_make(mine, CTX, ni, strlen(ni), other, SEAL_TEXT_LEN(strlen(ni)) - 1) == 0,
	    "too little room for the text: refused");
	ok(seal_make("", CTX, ni, strlen(ni), other, sizeof(other)) == 0, "no secret: nothing sealed");
	return done_testing();
}
