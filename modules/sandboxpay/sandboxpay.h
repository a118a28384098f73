/* sandboxpay.h: the demo's payment gateway (see sandboxpay.c). */
#ifndef SANDBOXPAY_H
#define SANDBOXPAY_H

#include <stddef.h>

/*
 * POSTs a form-encoded body to an http:// URL with the header
 * X-Gateway-Signature: sig, waiting at most timeout_s seconds. Returns the
 * HTTP status of the answer, or -1 with *err set.
 */
int	notify_post(const char *url, const char *body, size_t len, const char *sig,
	    int timeout_s, const char **err);

#endif
