/* password.c: Argon2id (libsodium), interactive cost: ~0.1 s, 64 MiB. */
#include <string.h>

#include "password.h"

#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	return crypto_pwhash_str_alg(out, pw, strlen(pw), OPSLIMIT, MEMLIMIT,
	    crypto_pwhash_ALG_ARGON2ID13);
}

int
password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || hash[0] == '\0') {
		password_dummy_verify(pw);	/* the same time as a real check */
		return 0;
	}
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

int
password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, OPSLIMIT, MEMLIMIT) != 0;
}

void
password_dummy_verify(const char *pw)
{
	static char dummy[PASSWORD_HASH_MAX];

	if (dummy[0] == '\0' && password_hash("not a real password", dummy) != 0)
		return;
	(void)password_verify(dummy, pw);
}
