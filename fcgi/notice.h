/*
 * notice.h: the host side of a payment gateway's server-to-server notification (README,
 * "Payment gateway"): a form-encoded body signed with HMAC-SHA256 over its
 * raw bytes, the signature in hex. Pure of the request and the database, so
 * the fuzz harness (tests/fuzz) calls it just as the orders module does.
 * struct payment_notice and payment_notice_parse are in portal.h.
 */
#ifndef NOTICE_H
#define NOTICE_H

#include <stddef.h>

#include "portal.h"

/* HMAC-SHA256 of data under the NUL-terminated key. */
void	hmac_sha256(const char *key, const void *data, size_t len, unsigned char mac[32]);

#endif
