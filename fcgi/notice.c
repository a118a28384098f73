/*
 * notice.c: verifying and reading a payment gateway's notification (notice.h).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "notice.h"
#include "params.h"
#include "portal.h"
#include "validate.h"

void
hmac_sha256(const char *key, const void *data, size_t len, unsigned char mac[32])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, strlen(key));
	crypto_auth_hmacsha256_update(&st, data, len);
	crypto_auth_hmacsha256_final(&st, mac);
}

int
hmac_hex_ok(const char *key, const void *data, size_t len, const char *hex)
{
	unsigned char mac[32], sent[32];
	size_t got = 0;

	if (hex == NULL || strlen(hex) != 64 ||
	    sodium_hex2bin(sent, sizeof(sent), hex, 64, NULL, &got, NULL) != 0 || got != 32)
		return 0;
	hmac_sha256(key, data, len, mac);
	return sodium_memcmp(mac, sent, sizeof(mac)) == 0;
}

/* 1 to 64 of [A-Za-z0-9_-], copied into out (65 bytes). */
static int
token(const char *in, char out[65])
{
	size_t i;

	for (i = 0; in[i]; i++)
		if (!((in[i] >= 'a' && in[i] <= 'z') || (in[i] >= 'A' && in[i] <= 'Z') ||
		    (in[i] >= '0' && in[i] <= '9') || in[i] == '_' || in[i] == '-'))
			return 0;
	if (i == 0 || i > 64)
		return 0;
	memcpy(out, in, i + 1);
	return 1;
}

/* A number 1 .. 2^53 (v_id). */
static int
number(struct arena *a, const char *in, long long *num)
{
	size_t cap = strlen(in) + 32;

	return in[0] != '\0' && v_id(in, arena_alloc(a, cap), cap, num) == NULL;
}

static const char *
parse(struct arena *a, const struct params *p, struct payment_notice *n)
{
	const struct param *payment = params_get(p, "payment"), *txn = params_get(p, "txn"),
	    *amount = params_get(p, "amount"), *currency = params_get(p, "currency"),
	    *status = params_get(p, "status"), *reason = params_get(p, "reason"),
	    *ts = params_get(p, "ts");
	long long id;
	size_t cap, cut;
	char *text;

	if (!payment || !txn || !amount || !currency || !status || !ts)
		return "a field is missing or malformed";
	if (!number(a, payment->value, &id) || !number(a, amount->value, &n->amount) ||
	    !number(a, ts->value, &n->ts) || !token(txn->value, n->txn) ||
	    !token(currency->value, n->currency) || !token(status->value, n->status))
		return "a field is missing or malformed";
	n->payment = (unsigned long long)id;
	if (reason == NULL || reason->value[0] == '\0')
		return NULL;
	cap = reason->len + 32;
	text = arena_alloc(a, cap);
	if (v_longtext(reason->value, text, cap, NULL) != NULL)
		return "a field is missing or malformed";
	cut = strlen(text);
	if (cut >= sizeof(n->reason)) {
		cut = sizeof(n->reason) - 1;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;		/* not inside a UTF-8 character */
	}
	memcpy(n->reason, text, cut);
	n->reason[cut] = '\0';
	return NULL;
}

const char *
payment_notice_parse(const char *key, const unsigned char *body, size_t len,
    const char *sighex, struct payment_notice *n)
{
	struct arena a = { NULL, 0 };
	struct params p = { NULL, NULL, 0 };
	const char *why;

	memset(n, 0, sizeof(*n));
	if (!hmac_hex_ok(key, body, len, sighex))
		return "signature missing or wrong";
	if (params_urlencoded(&a, &p, (const char *)body, len) < 0)
		why = "a field is missing or malformed";
	else
		why = parse(&a, &p, n);
	arena_free(&a);
	if (why)
		memset(n, 0, sizeof(*n));
	return why;
}
