/*
 * validate.h: the validators of form fields. Each is a pure function: it
 * reads `in`, writes the normalised value into `out` (cap bytes, at least
 * strlen(in) + 32), may set *num, and returns NULL when the value is good or
 * a message for the person who typed it.
 */
#ifndef VALIDATE_H
#define VALIDATE_H

#include <stddef.h>

typedef const char *(*validator_fn)(const char *in, char *out, size_t cap,
    long long *num);

/* A field's value as the router hands it to a handler. */
struct fieldval {
	const char	*raw;		/* as sent, NULL when absent */
	char		*val;		/* normalised ("" when absent) */
	long long	 num;		/* numbers, dates as yyyymmdd */
	const char	*err;		/* NULL when valid */
	int		 present;	/* sent and not empty */
	struct fieldval	*next;		/* further values of an F_MULTI field */
};

const char *v_text(const char *, char *, size_t, long long *);	/* one line, <= 200 chars */
const char *v_title(const char *, char *, size_t, long long *);	/* one of validate_titles */
const char *v_longtext(const char *, char *, size_t, long long *);	/* <= 4000 chars */
const char *v_email(const char *, char *, size_t, long long *);
const char *v_password(const char *, char *, size_t, long long *);	/* 1..1024 bytes, kept as typed */
const char *v_id(const char *, char *, size_t, long long *);		/* 1 .. 2^53 */
const char *v_phone(const char *, char *, size_t, long long *);
const char *v_postcode(const char *, char *, size_t, long long *);	/* a UK postcode, upper case */
const char *v_yes(const char *, char *, size_t, long long *);	/* a check box ticked: "yes", num 1 */
const char *v_declaration(const char *, char *, size_t, long long *);	/* a declaration ticked ("yes") */
const char *v_ni_number(const char *, char *, size_t, long long *);
const char *v_date(const char *, char *, size_t, long long *);	/* dd/mm/yyyy or yyyy-mm-dd */
const char *v_birth_date(const char *, char *, size_t, long long *);	/* a date giving an age of 15 to 100 */
/* The pure rule behind v_birth_date: today and the date as yyyymmdd. */
const char *birth_date_rule(long long ymd, long long today);
const char *v_card_number(const char *, char *, size_t, long long *);
const char *v_hse_number(const char *, char *, size_t, long long *);
const char *v_once_token(const char *, char *, size_t, long long *);	/* a one-time form token: 64 hex digits */

/* The titles people choose from (Mr, Mrs, ...), NULL-terminated. */
extern const char *const validate_titles[];

/* Whether the first 7 digits of an 8-digit card number give its last. */
int	card_check_digit_ok(const char *eight_digits);
/* Whether s is valid UTF-8 without control characters (newline and tab
 * allowed when multiline). */
int	utf8_clean(const char *s, int multiline);
/* The number of characters (not bytes) of valid UTF-8. */
size_t	utf8_chars(const char *s);
/* Whether s (clean UTF-8) has a letter of a script names are written in. */
int	utf8_has_letter(const char *s);

#endif
