/* validate.c: pure validators of form input (see validate.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "validate.h"

/*
 * The code point of the UTF-8 sequence at p (not an ASCII byte) into *cp, and
 * its length in bytes; 0 when the lead byte or a continuation byte is wrong.
 */
static size_t
utf8_decode(const unsigned char *p, unsigned *cp)
{
	size_t n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) { n = 1; *cp = p[0] & 0x1f; }
	else if (p[0] >= 0xe0 && p[0] <= 0xef) { n = 2; *cp = p[0] & 0x0f; }
	else if (p[0] >= 0xf0 && p[0] <= 0xf4) { n = 3; *cp = p[0] & 0x07; }
	else return 0;
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3f);
	}
	return n + 1;
}

int
utf8_clean(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned c = *p;
		size_t n;
		unsigned cp;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f) {
				if (!(multiline && (c == '\n' || c == '\r' || c == '\t')))
					return 0;
			}
			p++;
			continue;
		}
		if ((n = utf8_decode(p, &cp)) == 0)
			return 0;
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		/* C1 controls, and the invisible format characters that make
		 * text display as something else (bidi overrides, zero widths). */
		if ((cp >= 0x80 && cp <= 0x9f) || cp == 0xad ||
		    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0xfeff)
			return 0;
		p += n;
	}
	return 1;
}

/* Copies in to out without leading and trailing white space. */
static void
trim_copy(const char *in, char *out, size_t cap)
{
	size_t len;

	while (*in == ' ' || *in == '\t')
		in++;
	len = strlen(in);
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len >= cap)
		len = cap - 1;
	memcpy(out, in, len);
	out[len] = '\0';
}

/*
 * Whether s (clean UTF-8) has a letter: an ASCII one, or one of the scripts
 * a name on the register is written in (Latin, Greek, Cyrillic, Armenian,
 * Hebrew, Arabic, Devanagari, kana, Han, Hangul). Spaces of other widths,
 * combining marks, selectors and symbols are not: a collation can read a
 * name of those alone as empty.
 */
int
utf8_has_letter(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned cp = *p;
		size_t n;

		if (cp < 0x80) {
			if (isalpha(cp))
				return 1;
			p++;
			continue;
		}
		if ((n = utf8_decode(p, &cp)) == 0)
			return 0;
		if ((cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7) ||
		    (cp >= 0x370 && cp <= 0x3ff && cp != 0x37e && cp != 0x387) ||
		    (cp >= 0x400 && cp <= 0x481) || (cp >= 0x48a && cp <= 0x52f) ||
		    (cp >= 0x531 && cp <= 0x587) || (cp >= 0x5d0 && cp <= 0x5ea) ||
		    (cp >= 0x620 && cp <= 0x64a) || (cp >= 0x904 && cp <= 0x939) ||
		    (cp >= 0x1e00 && cp <= 0x1fff) || (cp >= 0x3041 && cp <= 0x30ff) ||
		    (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3))
			return 1;
		p += n;
	}
	return 0;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

const char *
v_text(const char *in, char *out, size_t cap, long long *num)
{
	(void)num;
	if (!utf8_clean(in, 0))
		return "Please use letters, numbers and punctuation only.";
	trim_copy(in, out, cap);
	if (utf8_chars(out) > 200)
		return "Please keep this to 200 characters or fewer.";
	return NULL;
}

const char *
v_longtext(const char *in, char *out, size_t cap, long long *num)
{
	(void)num;
	if (!utf8_clean(in, 1))
		return "Please use letters, numbers and punctuation only.";
	trim_copy(in, out, cap);
	if (utf8_chars(out) > 4000)
		return "Please keep this to 4,000 characters or fewer.";
	return NULL;
}

const char *
v_email(const char *in, char *out, size_t cap, long long *num)
{
	const char *at, *dot;
	char *p;
	size_t len;

	(void)num;
	trim_copy(in, out, cap);
	len = strlen(out);
	for (p = out; *p; p++) {
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[]\\,;:\"", *p))
			return "Please enter an email address like name@example.co.uk.";
		*p = (char)tolower((unsigned char)*p);
	}
	at = strchr(out, '@');
	if (len < 3 || len > 254 || at == NULL || at == out ||
	    strchr(at + 1, '@') != NULL || (size_t)(at - out) > 64)
		return "Please enter an email address like name@example.co.uk.";
	dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0' ||
	    strstr(at, "..") != NULL)
		return "Please enter an email address like name@example.co.uk.";
	return NULL;
}

const char *
v_password(const char *in, char *out, size_t cap, long long *num)
{
	size_t len = strlen(in);

	(void)num;
	if (len == 0 || len > 1024 || len >= cap)
		return "Please enter a password of at most 1,024 characters.";
	memcpy(out, in, len + 1);
	return NULL;
}

const char *
v_id(const char *in, char *out, size_t cap, long long *num)
{
	long long v = 0;
	const char *p;

	trim_copy(in, out, cap);
	if (out[0] == '\0' || out[0] == '0' || strlen(out) > 16)
		return "Please choose one of the listed items.";
	for (p = out; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return "Please choose one of the listed items.";
		v = v * 10 + (*p - '0');
	}
	if (v > (1LL << 53))
		return "Please choose one of the listed items.";
	*num = v;
	return NULL;
}

const char *
v_phone(const char *in, char *out, size_t cap, long long *num)
{
	const char *p;
	int digits = 0;

	(void)num;
	trim_copy(in, out, cap);
	for (p = out; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +()-", *p))
			return "Please enter a phone number using digits, spaces and + ( ) - only.";
	}
	if (digits < 6 || digits > 15 || strlen(out) > 25)
		return "Please enter a phone number of 6 to 15 digits.";
	return NULL;
}

/* A check box's value ("yes"): num 1. */
static const char *
ticked(const char *in, char *out, size_t cap, long long *num, const char *msg)
{
	if (strcmp(in, "yes") != 0)
		return msg;
	snprintf(out, cap, "yes");
	*num = 1;
	return NULL;
}

const char *
v_yes(const char *in, char *out, size_t cap, long long *num)
{
	return ticked(in, out, cap, num, "Please tick the box or leave it empty.");
}

const char *
v_declaration(const char *in, char *out, size_t cap, long long *num)
{
	return ticked(in, out, cap, num, "Please tick the declaration.");
}

/* A UK postcode such as "NR1 3QQ" (offices and employees alike: an office's is where
 * cards are delivered): an outward code of a letter then letters and digits with a digit
 * among them, and an inward code of a digit and two letters; spaces anywhere, any case. */
const char *
v_postcode(const char *in, char *out, size_t cap, long long *num)
{
	const char *msg = "Please enter a postcode like NR1 3QQ.";
	const char *err = v_text(in, out, cap, num);
	char bare[8];
	size_t n = 0, i;
	int digit = 0;
	char *p;

	if (err)
		return err;
	for (p = out; *p; p++) {
		*p = (char)toupper((unsigned char)*p);
		if (*p == ' ')
			continue;
		if ((!isupper((unsigned char)*p) && !isdigit((unsigned char)*p)) || n == 7)
			return msg;
		bare[n++] = *p;
	}
	if (n < 5 || !isupper((unsigned char)bare[0]) || !isdigit((unsigned char)bare[n - 3]) ||
	    !isupper((unsigned char)bare[n - 2]) || !isupper((unsigned char)bare[n - 1]))
		return msg;
	for (i = 1; i < n - 3; i++)
		digit |= isdigit((unsigned char)bare[i]) != 0;
	if (!digit)
		return msg;
	/* Kept as "OUTWARD INWARD" (at most 8 characters: the columns' VARCHAR(10)). */
	snprintf(out, cap, "%.*s %.3s", (int)(n - 3), bare, bare + n - 3);
	return NULL;
}

/* HMRC NIM39110: two prefix letters, six digits, suffix A-D. */
const char *
v_ni_number(const char *in, char *out, size_t cap, long long *num)
{
	static const char *const unallocated[] = {
		"BG", "GB", "KN", "NK", "NT", "TN", "ZZ",
		"OO", "CR", "FY", "MW", "NC", "PP", "PY", "PZ", NULL
	};
	const char *msg = "Please enter a National Insurance number like AB 12 34 56 C.";
	const char *prefix = "That is not a National Insurance number: HMRC never gives numbers "
	    "beginning with those two letters.";
	size_t n = 0, i;
	const char *p;

	(void)num;
	for (p = in; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (n + 1 >= cap || n >= 9)
			return msg;
		out[n++] = (char)toupper((unsigned char)*p);
	}
	out[n] = '\0';
	if (n != 9)
		return msg;
	/* The shape first (two letters, six digits, A-D), then the letters HMRC never uses. */
	for (i = 0; i < 2; i++)
		if (!isupper((unsigned char)out[i]))
			return msg;
	for (i = 2; i < 8; i++)
		if (!isdigit((unsigned char)out[i]))
			return msg;
	if (!strchr("ABCD", out[8]))
		return msg;
	if (strchr("DFIQUV", out[0]) || strchr("DFIQUV", out[1]) || out[1] == 'O')
		return prefix;
	for (i = 0; unallocated[i]; i++)
		if (out[0] == unallocated[i][0] && out[1] == unallocated[i][1])
			return prefix;
	return NULL;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Reads exactly n digits at *p, advancing it; -1 if they are not there. */
static int
digits(const char **p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

const char *
v_date(const char *in, char *out, size_t cap, long long *num)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *msg = "Please enter a real date as dd/mm/yyyy.";
	char tmp[32];
	const char *p = tmp;
	int d, m, y;

	if (strlen(in) > 20)
		return msg;
	trim_copy(in, tmp, sizeof(tmp));
	if (strlen(tmp) == 10 && tmp[4] == '-' && tmp[7] == '-') {
		y = digits(&p, 4); p++;
		m = digits(&p, 2); p++;
		d = digits(&p, 2);
	} else {
		/* d/m/yyyy with one or two digits for day and month. */
		size_t dl = strcspn(tmp, "/"), ml;

		if (dl < 1 || dl > 2 || tmp[dl] != '/')
			return msg;
		ml = strcspn(tmp + dl + 1, "/");
		if (ml < 1 || ml > 2 || tmp[dl + 1 + ml] != '/' ||
		    strlen(tmp + dl + ml + 2) != 4)
			return msg;
		d = digits(&p, (int)dl); p++;
		m = digits(&p, (int)ml); p++;
		y = digits(&p, 4);
	}
	if (d < 0 || m < 0 || y < 0 || *p != '\0')
		return msg;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return msg;
	if (d > mdays[m - 1] + (m == 2 && leap(y)))
		return msg;
	snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
	*num = (long long)y * 10000 + m * 100 + d;
	return NULL;
}

const char *
birth_date_rule(long long ymd, long long today)
{
	/* Age in whole years: the yyyymmdd difference divided by 10000. */
	long long age = (today - ymd) / 10000;

	if (ymd > today)
		return "A date of birth cannot be in the future.";
	if (age < 15 || age > 100)
		return "Please check the date of birth: the operative must be 15 to 100 years old.";
	return NULL;
}

const char *
v_birth_date(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_date(in, out, cap, num);
	struct tm tm;
	time_t now = time(NULL);

	if (err)
		return err;
	gmtime_r(&now, &tm);
	return birth_date_rule(*num, (long long)(tm.tm_year + 1900) * 10000 +
	    (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

int
card_check_digit_ok(const char *s)
{
	int i, sum = 0, check;

	for (i = 0; i < 8; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (s[8] != '\0')
		return 0;
	for (i = 0; i < 7; i++)
		sum += (s[i] - '0') * (8 - i);
	check = (11 - sum % 11) % 11;
	return check < 10 && check == s[7] - '0';
}

const char *
v_card_number(const char *in, char *out, size_t cap, long long *num)
{
	size_t n = 0;
	const char *p;

	(void)num;
	for (p = in; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (n + 1 >= cap || n >= 8)
			return "An ECS card number has 8 digits.";
		out[n++] = *p;
	}
	out[n] = '\0';
	if (n != 8)
		return "An ECS card number has 8 digits.";
	if (!card_check_digit_ok(out))
		return "This is not a valid ECS card number: please check the digits.";
	return NULL;
}

const char *
v_hse_number(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	(void)num;
	trim_copy(in, out, cap);
	if (strlen(out) != 11)
		return "An H & S assessment number is HSE followed by 8 digits.";
	for (i = 0; i < 3; i++)
		out[i] = (char)toupper((unsigned char)out[i]);
	if (strncmp(out, "HSE", 3) != 0)
		return "An H & S assessment number is HSE followed by 8 digits.";
	for (i = 3; i < 11; i++)
		if (!isdigit((unsigned char)out[i]))
			return "An H & S assessment number is HSE followed by 8 digits.";
	return NULL;
}

const char *const validate_titles[] = { "Mr", "Mrs", "Miss", "Ms", "Mx", "Dr", NULL };

const char *
v_title(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	(void)num;
	for (i = 0; validate_titles[i]; i++)
		if (strcmp(in, validate_titles[i]) == 0) {
			snprintf(out, cap, "%s", in);
			return NULL;
		}
	return "Please choose a title from the list.";
}

const char *
v_once_token(const char *in, char *out, size_t cap, long long *num)
{
	size_t n = strspn(in, "0123456789abcdefABCDEF");

	(void)num;
	snprintf(out, cap, "%s", in);
	if (n == 64 && in[n] == '\0')
		return NULL;
	return "This form has expired: please fill it in again.";
}
