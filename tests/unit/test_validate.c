/* Unit tests of the field validators (fcgi/validate.c). */
#include "tap.h"
#include "validate.h"

static const char *
run(validator_fn v, const char *in, char *out, long long *num)
{
	return v(in, out, strlen(in) + 32, num);
}

int
main(void)
{
	char out[256];
	long long n = 0;

	/* National Insurance numbers, HMRC NIM39110. */
	ok(run(v_ni_number, "AA654321D", out, &n) == NULL, "NI plain");
	ok(run(v_ni_number, "aa 65 43 21 d", out, &n) == NULL && strcmp(out, "AA654321D") == 0,
	    "NI with spaces and lower case is normalised");
	ok(run(v_ni_number, "SS012345B", out, &n) == NULL, "NI SS prefix");
	ok(run(v_ni_number, "DA123456A", out, &n) != NULL, "NI first letter D refused");
	ok(run(v_ni_number, "AO123456A", out, &n) != NULL, "NI second letter O refused");
	ok(run(v_ni_number, "AQ123456A", out, &n) != NULL, "NI second letter Q refused");
	ok(run(v_ni_number, "GB123456A", out, &n) != NULL, "NI prefix GB not allocated");
	ok(run(v_ni_number, "OO123456A", out, &n) != NULL, "NI prefix OO administrative");
	ok(run(v_ni_number, "AA123456E", out, &n) != NULL, "NI suffix E refused");
	ok(run(v_ni_number, "AA12345D", out, &n) != NULL, "NI too short");
	ok(run(v_ni_number, "AA1234567D", out, &n) != NULL, "NI too long");

	/* Dates. */
	ok(run(v_date, "22/09/1990", out, &n) == NULL && strcmp(out, "1990-09-22") == 0 &&
	    n == 19900922, "dd/mm/yyyy");
	ok(run(v_date, "3/3/2004", out, &n) == NULL && strcmp(out, "2004-03-03") == 0, "d/m/yyyy");
	ok(run(v_date, "1985-07-14", out, &n) == NULL && strcmp(out, "1985-07-14") == 0, "ISO date");
	ok(run(v_date, "29/02/2024", out, &n) == NULL, "leap day");
	ok(run(v_date, "29/02/2023", out, &n) != NULL, "not a leap year");
	ok(run(v_date, "31/04/2020", out, &n) != NULL, "April has 30 days");
	ok(run(v_date, "00/01/2020", out, &n) != NULL, "day zero");
	ok(run(v_date, "+1/01/2020", out, &n) != NULL, "sign refused");
	ok(run(v_date, "1/1/20", out, &n) != NULL, "two-digit year refused");
	ok(run(v_date, "2020-1-01", out, &n) != NULL, "short ISO refused");

	/* Card numbers: weights 8..2, mod 11. 1234567 -> sum 112, check 9. */
	ok(card_check_digit_ok("12345679"), "check digit right");
	ok(!card_check_digit_ok("12345678"), "check digit wrong");
	ok(run(v_card_number, "1234 5679", out, &n) == NULL && strcmp(out, "12345679") == 0,
	    "card number with a space");
	ok(run(v_card_number, "1234567", out, &n) != NULL, "card number too short");

	/* HS&E numbers. */
	ok(run(v_hse_number, "hse00001234", out, &n) == NULL && strcmp(out, "HSE00001234") == 0,
	    "HSE number normalised");
	ok(run(v_hse_number, "HSE0000123", out, &n) != NULL, "HSE number too short");

	/* Email, text, ids, phones. */
	ok(run(v_email, " Demo@ECS-Portal.test ", out, &n) == NULL &&
	    strcmp(out, "demo@ecs-portal.test") == 0, "email trimmed and lower-cased");
	ok(run(v_email, "no-at-sign", out, &n) != NULL, "email without @");
	ok(run(v_email, "a@b", out, &n) != NULL, "email without a dot in the domain");
	ok(run(v_email, "a@@b.com", out, &n) != NULL, "email with two @");
	ok(run(v_email, "a b@c.com", out, &n) != NULL, "email with a space");
	ok(run(v_text, "  Jones  ", out, &n) == NULL && strcmp(out, "Jones") == 0, "text trimmed");
	ok(run(v_text, "line\nbreak", out, &n) != NULL, "newline refused in one-line text");
	ok(run(v_text, "\xc3\xa9t\xc3\xa9", out, &n) == NULL, "UTF-8 accepted");
	ok(run(v_text, "\xc3\x28", out, &n) != NULL, "broken UTF-8 refused");
	ok(run(v_text, "\xc0\xaf", out, &n) != NULL, "overlong UTF-8 refused");
	ok(run(v_longtext, "two\nlines", out, &n) == NULL, "newline allowed in long text");
	ok(run(v_text, "Jones\xe2\x80\xae", out, &n) != NULL, "right-to-left override refused");
	ok(run(v_text, "Jo\xe2\x80\x8bnes", out, &n) != NULL, "zero-width space refused");
	ok(run(v_text, "Zo\xc3\xab", out, &n) == NULL, "accented letters accepted");
	ok(run(v_id, "42", out, &n) == NULL && n == 42, "id");
	ok(run(v_id, "0", out, &n) != NULL, "id zero refused");
	ok(run(v_id, "-3", out, &n) != NULL, "negative id refused");
	ok(run(v_id, "99999999999999999999", out, &n) != NULL, "huge id refused");
	ok(run(v_phone, "01234 567890", out, &n) == NULL, "phone");
	ok(run(v_phone, "call me", out, &n) != NULL, "phone with letters refused");
	ok(run(v_postcode, "nr1 3qq", out, &n) == NULL && strcmp(out, "NR1 3QQ") == 0,
	    "postcode upper-cased");
	ok(run(v_postcode, "SW1A 1AA", out, &n) == NULL, "postcode of seven");
	ok(run(v_postcode, "NOT A PC", out, &n) != NULL, "postcode of words refused");
	ok(run(v_postcode, "NR1-3QQ", out, &n) != NULL, "postcode with a dash refused");
	ok(run(v_postcode, "N1 1", out, &n) != NULL, "postcode too short refused");
	ok(run(v_postcode, "N R 1 3 Q Q", out, &n) == NULL && strcmp(out, "NR1 3QQ") == 0,
	    "postcode spaces put where they belong");
	ok(run(v_postcode, "sw1a1aa", out, &n) == NULL && strcmp(out, "SW1A 1AA") == 0,
	    "postcode without its space gains it");
	ok(run(v_yes, "yes", out, &n) == NULL && n == 1, "a box ticked");
	ok(run(v_yes, "on", out, &n) != NULL, "a box sent with another value refused");
	ok(run(v_declaration, "yes", out, &n) == NULL, "a declaration ticked");
	{
		const char *why = run(v_declaration, "no", out, &n);

		ok(why && strcmp(why, "Please tick the declaration.") == 0,
		    "a declaration not ticked says so");
	}
	ok(run(v_password, "", out, &n) != NULL, "empty password refused");
	/* Birth dates: 15 to 100 years old on the day. */
	ok(birth_date_rule(19900922, 20261128) == NULL, "age 36");
	ok(birth_date_rule(20111128, 20261128) == NULL, "15 today");
	ok(birth_date_rule(20111129, 20261128) != NULL, "15 tomorrow is too young");
	ok(birth_date_rule(19261128, 20261128) == NULL, "100 today");
	ok(birth_date_rule(19251127, 20261128) != NULL, "101 is too old");
	ok(birth_date_rule(20270101, 20261128) != NULL, "in the future");
	ok(run(v_birth_date, "22/09/1990", out, &n) == NULL, "v_birth_date");
	ok(run(v_birth_date, "22/09/2023", out, &n) != NULL, "the guide's test value is too young");

	/* Every excluded NI prefix and first/second letter. */
	{
		static const char *bad[] = { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ",
		    "OO", "CR", "FY", "MW", "NC", "PP", "PY", "PZ", NULL };
		static const char letters[] = "DFIQUV";
		char ni[16];
		int i, all = 1;

		for (i = 0; bad[i]; i++) {
			snprintf(ni, sizeof(ni), "%s123456A", bad[i]);
			if (run(v_ni_number, ni, out, &n) == NULL)
				all = 0;
		}
		ok(all, "every unallocated and administrative prefix refused");
		all = 1;
		for (i = 0; letters[i]; i++) {
			snprintf(ni, sizeof(ni), "%cA123456A", letters[i]);
			if (run(v_ni_number, ni, out, &n) == NULL)
				all = 0;
			snprintf(ni, sizeof(ni), "A%c123456A", letters[i]);
			if (run(v_ni_number, ni, out, &n) == NULL)
				all = 0;
		}
		ok(all, "D F I Q U V refused as first or second letter");
		ok(run(v_ni_number, "JK102030C", out, &n) == NULL, "Sam Carter's NI");
		ok(run(v_ni_number, "AE564321A", out, &n) == NULL, "Daniel Mac's NI");
	}
	ok(card_check_digit_ok("18020305"), "Sam Carter's card number");

	/* A name has a letter: marks, odd spaces and selectors alone do not. */
	ok(utf8_has_letter("Jones") && utf8_has_letter("\xc3\xa9") && utf8_has_letter("Wa\xc5\x82\xc4\x99sa"),
	    "ASCII and accented letters are letters");
	ok(utf8_has_letter("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd") && utf8_has_letter("\xe7\x8e\x8b"),
	    "Cyrillic and Han letters are letters");
	ok(!utf8_has_letter("") && !utf8_has_letter(" - ' "), "no letter in spaces and punctuation");
	ok(!utf8_has_letter("\xcc\x81") && !utf8_has_letter("\xc2\xa0") && !utf8_has_letter("\xe3\x80\x80") &&
	    !utf8_has_letter("\xef\xb8\x8f") && !utf8_has_letter("\xf0\x9f\x98\x80"),
	    "a combining mark, NBSP, ideographic space, selector, emoji: no letter");
	return done_testing();
}
