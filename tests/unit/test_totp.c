/* test_totp.c: RFC 6238 appendix B vectors (SHA-1, last 6 digits) and base32. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "totp.h"

int
main(void)
{
	static const struct { long long t; unsigned code; } v[] = {
		{ 59, 287082 }, { 1111111109, 81804 }, { 1111111111, 50471 },
		{ 1234567890, 5924 }, { 2000000000, 279037 },
	};
	const unsigned char *key = (const unsigned char *)"12345678901234567890";
	unsigned char back[32];
	char b32[64], code[8];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		ok(totp_code(key, 20, (unsigned long long)v[i].t / 30) == v[i].code,
		    "code at T=%lld", v[i].t);
	totp_base32(key, 20, b32, sizeof(b32));
	is_str(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "base32 of the RFC key");
	ok(totp_unbase32("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", back, sizeof(back)) == 20 &&
	    memcmp(back, key, 20) == 0, "base32 back, lower case");
	ok(totp_unbase32("GE1", back, sizeof(back)) < 0, "not base32");
	snprintf(code, sizeof(code), "%06u", totp_code(key, 20, 1111111111 / 30));
	ok(totp_check(b32, code, 1111111111, -1) == 1111111111 / 30, "current step");
	ok(totp_check(b32, code, 1111111111 + 30, -1) == 1111111111 / 30, "one step late");
	ok(totp_check(b32, code, 1111111111 + 60, -1) < 0, "two steps late");
	ok(totp_check(b32, code, 1111111111, 1111111111 / 30) < 0, "no replay of a used step");
	ok(totp_check(b32, "12345", 1111111111, -1) < 0, "five digits");
	ok(totp_check(b32, "12a456", 1111111111, -1) < 0, "not digits");
	{
		char spaced[16];

		snprintf(spaced, sizeof(spaced), "%.3s %.3s", code, code + 3);
		ok(totp_check(b32, spaced, 1111111111, -1) == 1111111111 / 30,
		    "spaced as the apps show it");
		snprintf(spaced, sizeof(spaced), "%s7", code);
		ok(totp_check(b32, spaced, 1111111111, -1) < 0, "seven digits");
	}
	return done_testing();
}
