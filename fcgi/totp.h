/*
 * totp.h: time-based one-time passwords (RFC 6238 with its defaults: HMAC-SHA1,
 * 30-second steps, 6 digits), the secret kept as base32 (RFC 4648, no padding),
 * as authenticator apps expect. HMAC-SHA1 comes from nettle: libsodium has no SHA-1.
 */
#ifndef TOTP_H
#define TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_BYTES	20	/* 160 bits, as RFC 4226 recommends */
#define TOTP_B32_MAX		64	/* the base32 text */
/* users.totp_secret and totp_pending hold it sealed (req_seal_stored) for this
 * context and the user's id (a value copied into another user's row does not open). */
#define TOTP_STORED_CONTEXT	"users.totp_secret-v1:%llu"

/* The 6-digit code of a key for a time step. */
unsigned	totp_code(const unsigned char *key, size_t keylen, uint64_t step);
/* Base32 of len bytes into out (cap >= len * 8 / 5 + 2). */
void		totp_base32(const unsigned char *in, size_t len, char *out, size_t cap);
/* Decodes base32 (upper or lower case, no padding); the length or -1. */
long		totp_unbase32(const char *in, unsigned char *out, size_t cap);
/*
 * Checks a 6-digit code against a base32 secret at time now, allowing one step
 * either way and never a step at or before last_step (-1: none yet). Returns
 * the step matched, or -1.
 */
long long	totp_check(const char *secret_b32, const char *code, long long now,
		long long last_step);

#endif
