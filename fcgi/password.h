/* password.h: Argon2id password hashes through libsodium. */
#ifndef PASSWORD_H
#define PASSWORD_H

#include <sodium.h>

#define PASSWORD_HASH_MAX crypto_pwhash_STRBYTES

/* 0 on success; out holds a NUL-terminated encoded hash. */
int	password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* 1 when pw matches hash. */
int	password_verify(const char *hash, const char *pw);
/* 1 when the hash was made with other parameters than ours. */
int	password_needs_rehash(const char *hash);
/* Spends the time of a verification, so an unknown email answers as slowly. */
void	password_dummy_verify(const char *pw);

#endif
