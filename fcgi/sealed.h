/*
 * sealed.h: a value sealed for one session, so that it may travel in a URL
 * without being read there (a search for an NI number, say). The value is
 * put in a crypto_secretbox (XSalsa20-Poly1305) under a key derived from the
 * session's secret (its CSRF token) and a context string naming the use; a
 * random nonce goes first; the whole is written as base64url without
 * padding. Opaque, and useless to anyone but that session: a token of
 * another session or context, altered, truncated or empty does not open.
 * Pure of the request, so the unit test calls it as req_seal and req_unseal
 * (portal.h, fcgi/req.c) do.
 */
#ifndef SEALED_H
#define SEALED_H

#include <stddef.h>

#include <sodium.h>

/* The longest value sealed (bytes). */
#define SEAL_MAX	1024
/* What sealing adds to a value: the nonce and the MAC. */
#define SEAL_OVERHEAD	(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
/* The room the text of a sealed value of len bytes takes, with its NUL. */
#define SEAL_TEXT_LEN(len) \
	sodium_base64_ENCODED_LEN((len) + SEAL_OVERHEAD, sodium_base64_VARIANT_URLSAFE_NO_PADDING)

/*
 * Seals len bytes of msg (at most SEAL_MAX) for secret (NUL-terminated, not
 * empty) and context, writing the text into out (cap bytes, at least
 * SEAL_TEXT_LEN(len)). Returns the text's length, or 0 when refused.
 */
size_t	seal_make(const char *secret, const char *context, const void *msg, size_t len,
	    char *out, size_t cap);

/*
 * Opens text sealed by seal_make with the same secret and context into out
 * (cap bytes; the value is followed by a NUL when there is room). Returns the
 * value's length, or -1 when it does not open: another secret or context,
 * altered, truncated, empty, not base64url, or longer than cap - 1.
 */
long	seal_open(const char *secret, const char *context, const char *text,
	    unsigned char *out, size_t cap);

#endif
