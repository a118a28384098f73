/* totp.c: RFC 6238 codes over nettle's HMAC-SHA1 (see totp.h). */
#include <string.h>

#include <nettle/hmac.h>

#include "totp.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

unsigned
totp_code(const unsigned char *key, size_t keylen, uint64_t step)
{
	struct hmac_sha1_ctx ctx;
	unsigned char msg[8], mac[SHA1_DIGEST_SIZE];
	unsigned off, bin;
	int i;

	for (i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(step & 0xff);
		step >>= 8;
	}
	hmac_sha1_set_key(&ctx, keylen, key);
	hmac_sha1_update(&ctx, sizeof(msg), msg);
	hmac_sha1_digest(&ctx, sizeof(mac), mac);
	/* RFC 4226 dynamic truncation. */
	off = mac[19] & 0x0f;
	bin = ((unsigned)(mac[off] & 0x7f) << 24) | ((unsigned)mac[off + 1] << 16) |
	    ((unsigned)mac[off + 2] << 8) | mac[off + 3];
	return bin % 1000000;
}

void
totp_base32(const unsigned char *in, size_t len, char *out, size_t cap)
{
	size_t i, o = 0;
	unsigned buf = 0, bits = 0;

	for (i = 0; i < len; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5 && o + 1 < cap) {
			out[o++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0 && o + 1 < cap)
		out[o++] = b32[(buf << (5 - bits)) & 31];
	if (cap > 0)
		out[o] = '\0';
}

long
totp_unbase32(const char *in, unsigned char *out, size_t cap)
{
	unsigned buf = 0, bits = 0;
	size_t o = 0;

	for (; *in; in++) {
		char c = *in >= 'a' && *in <= 'z' ? (char)(*in - 32) : *in;
		const char *p = c ? strchr(b32, c) : NULL;

		if (p == NULL)
			return -1;
		buf = (buf << 5) | (unsigned)(p - b32);
		bits += 5;
		if (bits >= 8) {
			if (o == cap)
				return -1;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return (long)o;
}

long long
totp_check(const char *secret_b32, const char *code, long long now, long long last_step)
{
	unsigned char key[TOTP_B32_MAX];
	long keylen;
	unsigned want = 0;
	long long step, s;
	size_t digits = 0;

	if (secret_b32 == NULL || code == NULL)
		return -1;
	/* Six digits, spaced as authenticator apps show them ("123 456") or not. */
	for (; *code; code++) {
		if (*code == ' ' || *code == '-')
			continue;
		if (*code < '0' || *code > '9' || ++digits > 6)
			return -1;
		want = want * 10 + (unsigned)(*code - '0');
	}
	if (digits != 6)
		return -1;
	if ((keylen = totp_unbase32(secret_b32, key, sizeof(key))) <= 0)
		return -1;
	step = now / 30;
	for (s = step - 1; s <= step + 1; s++)
		if (s > last_step && totp_code(key, (size_t)keylen, (uint64_t)s) == want)
			return s;
	return -1;
}
