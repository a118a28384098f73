/*
 * pwcheck.c: the rules for a new password: 12 to 128 characters, nothing
 * about their kinds, but not easy to guess: libzxcvbn's estimate must reach
 * 40 bits, with the person's own email and names counted as known words.
 */
#include <stdio.h>
#include <string.h>

#include <zxcvbn.h>

#include "admin.h"

#define MIN_BITS	40.0

/* Why zxcvbn found it weak: the kind of the weakest part it recognised. */
static const char *
reason(const ZxcMatch_t *m)
{
	for (; m; m = m->Next) {
		switch ((int)m->Type & ~MULTIPLE_MATCH) {
		case USER_MATCH:
		case USER_LEET_MATCH:
			return "it contains your name or email address";
		case DICTIONARY_MATCH:
		case DICT_LEET_MATCH:
			return "it is based on a common word or password";
		case SEQUENCE_MATCH:
			return "it contains a sequence such as abcd or 1234";
		case REPEATS_MATCH:
			return "it repeats characters or words";
		case SPATIAL_MATCH:
			return "it follows a pattern of keys on the keyboard";
		case DATE_MATCH:
		case YEAR_MATCH:
			return "it contains a date or a year";
		default:
			break;
		}
	}
	return "it is too simple";
}

const char *
password_refusal(struct req *r, const char *pw, const char *confirm,
    const char *const *words)
{
	const char *dict[12], *why;
	ZxcMatch_t *info = NULL;
	size_t n = 0, chars;
	double bits;

	if (pw == NULL || pw[0] == '\0')
		return "Please enter a new password.";
	chars = utf8_chars(pw);
	if (chars < 12)
		return "Please choose a password of at least 12 characters.";
	if (chars > 128)
		return "Please keep your password to 128 characters.";
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return "The two passwords are not the same.";
	for (; words && *words && n + 3 < sizeof(dict) / sizeof(dict[0]); words++) {
		const char *at = strchr(*words, '@');

		dict[n++] = *words;
		if (at && at > *words)	/* the part before the @ on its own too */
			dict[n++] = req_printf(r, "%.*s", (int)(at - *words), *words);
	}
	dict[n++] = "ecs";
	dict[n] = NULL;
	bits = ZxcvbnMatch(pw, dict, &info);
	why = bits < MIN_BITS ? reason(info) : NULL;
	ZxcvbnFreeInfo(info);
	if (why == NULL)
		return NULL;
	return req_printf(r, "This password is too easy to guess: %s. Please choose a longer or "
	    "less predictable one, such as a few unrelated words.", why);
}
