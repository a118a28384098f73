/*
 * sealed.c: values sealed for a session (sealed.h).
 */
#include <string.h>

#include <sodium.h>

#include "sealed.h"

#define B64	sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* The box's key: BLAKE2b of the context (with its NUL, so that no context is
 * a prefix of another's input) and then the secret. */
static void
seal_key(const char *secret, const char *context, unsigned char key[crypto_secretbox_KEYBYTES])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, crypto_secretbox_KEYBYTES);
	crypto_generichash_update(&st, (const unsigned char *)context, strlen(context) + 1);
	crypto_generichash_update(&st, (const unsigned char *)secret, strlen(secret));
	crypto_generichash_final(&st, key, crypto_secretbox_KEYBYTES);
}

size_t
seal_make(const char *secret, const char *context, const void *msg, size_t len,
    char *out, size_t cap)
{
	unsigned char key[crypto_secretbox_KEYBYTES], box[SEAL_MAX + SEAL_OVERHEAD];

	if (secret == NULL || secret[0] == '\0' || len > SEAL_MAX || cap < SEAL_TEXT_LEN(len))
		return 0;
	seal_key(secret, context, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, msg, len, box, key);
	sodium_memzero(key, sizeof(key));
	sodium_bin2base64(out, cap, box, len + SEAL_OVERHEAD, B64);
	return strlen(out);
}

long
seal_open(const char *secret, const char *context, const char *text,
    unsigned char *out, size_t cap)
{
	unsigned char key[crypto_secretbox_KEYBYTES], box[SEAL_MAX + SEAL_OVERHEAD];
	size_t n = 0, len;
	int bad;

	if (secret == NULL || secret[0] == '\0' || text == NULL || cap == 0 ||
	    sodium_base642bin(box, sizeof(box), text, strlen(text), NULL, &n, NULL, B64) != 0 ||
	    n < SEAL_OVERHEAD || n - SEAL_OVERHEAD >= cap)
		return -1;
	len = n - SEAL_OVERHEAD;
	seal_key(secret, context, key);
	bad = crypto_secretbox_open_easy(out, box + crypto_secretbox_NONCEBYTES,
	    n - crypto_secretbox_NONCEBYTES, box, key);
	sodium_memzero(key, sizeof(key));
	if (bad != 0)
		return -1;
	out[len] = '\0';
	return (long)len;
}
