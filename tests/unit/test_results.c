/* Unit tests of the assessment service's results files (fcgi/results.c). */
#include <stdlib.h>

#include "results.h"
#include "tap.h"

#define TODAY	"2026-06-30"

static char schema[4096];

static int
parse(const char *text, struct results *res, char *err, size_t len)
{
	return results_parse_memory(text, strlen(text), "results.xml", schema, TODAY, res,
	    err, len);
}

static void
good(void)
{
	struct results res;
	char err[1024] = "";

	ok(parse("<?xml version=\"1.0\"?>\n<results generated=\"2026-06-29\">\n"
	    "  <result booking=\"K7QM2XPA\" status=\"passed\" sat=\"2026-06-20\" score=\"46\""
	    " hse-number=\"HSE12345678\"/>\n"
	    "  <result booking=\"R4TB9WCN\" status=\"failed\" sat=\"2026-06-21\" score=\"31\"/>\n"
	    "  <result booking=\"D8HV3LEY\" status=\"sat\" sat=\"2026-06-27\"/>\n"
	    "</results>\n", &res, err, sizeof(err)) == 0, "a good file parses: %s", err);
	is_str(res.generated, "2026-06-29", "generated");
	ok(res.nrows == 3 && res.nrejected == 0, "three rows, none rejected (%zu, %zu)",
	    res.nrows, res.nrejected);
	if (res.nrows == 3) {
		is_str(res.rows[0].booking, "K7QM2XPA", "booking code");
		is_str(res.rows[0].status, "passed", "status");
		ok(res.rows[0].score == 46 && res.rows[0].line == 3, "score and line");
		is_str(res.rows[0].hse, "HSE12345678", "HS&E number");
		ok(res.rows[2].score == -1 && res.rows[2].hse[0] == '\0', "sat: no score");
	}
	results_free(&res);
}

static void
rules(void)
{
	struct results res;
	char err[1024] = "";

	ok(parse("<results generated=\"2026-06-29\">\n"
	    "<result booking=\"K7QM2XPA\" status=\"passed\" sat=\"2026-02-30\" score=\"46\" hse-number=\"HSE12345678\"/>\n"
	    "<result booking=\"R4TB9WCN\" status=\"failed\" sat=\"2026-07-01\" score=\"31\"/>\n"
	    "<result booking=\"D8HV3LEY\" status=\"passed\" sat=\"2026-06-01\" score=\"46\"/>\n"
	    "<result booking=\"D8HV3LEY\" status=\"sat\" sat=\"2026-06-01\"/>\n"
	    "<result booking=\"E8HV3LEY\" status=\"sat\" sat=\"2026-06-01\" score=\"3\"/>\n"
	    "</results>\n", &res, err, sizeof(err)) == 0, "a file with bad rows parses: %s", err);
	ok(res.nrows == 5 && res.nrejected == 5, "each row rejected (%zu)", res.nrejected);
	if (res.nrows == 5) {
		ok(strstr(res.rows[0].reject, "not a date") != NULL, "30 February: %s", res.rows[0].reject);
		ok(strstr(res.rows[1].reject, "future") != NULL, "tomorrow: %s", res.rows[1].reject);
		ok(strstr(res.rows[2].reject, "HS&E number") != NULL, "pass without a number: %s",
		    res.rows[2].reject);
		ok(strstr(res.rows[3].reject, "already on line 4") != NULL, "repeat: %s",
		    res.rows[3].reject);
		ok(strstr(res.rows[4].reject, "no score") != NULL, "sat with a score: %s",
		    res.rows[4].reject);
	}
	results_free(&res);
}

static void
refused(void)
{
	struct results res;
	char err[1024] = "";

	ok(parse("<results generated=\"2026-06-29\"><result booking=\"K7QM2XPA\"", &res, err,
	    sizeof(err)) < 0 && res.nrows == 0, "not well-formed: %s", err);
	ok(parse("<results generated=\"2026-06-29\">\n<result booking=\"IIIIIIII\" status=\"sat\""
	    " sat=\"2026-06-01\"/>\n</results>", &res, err, sizeof(err)) < 0 &&
	    strstr(err, "results.xml:2:") != NULL, "a code with look-alikes: %s", err);
	ok(parse("<?xml version=\"1.0\"?>\n<!DOCTYPE results [ <!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\"> ]>\n<results generated=\"2026-06-29\">&x;</results>", &res,
	    err, sizeof(err)) < 0 && strstr(err, "DOCTYPE") != NULL, "a DOCTYPE: %s", err);
	/* Found by fuzz_results: a plain RELAX NG value compares as a token, so status="passed\t"
	 * matched the schema, then escaped every row rule (a pass without an HS&E number). */
	ok(parse("<results generated=\"2026-06-29\">\n<result booking=\"K7QM2XPA\" status=\"passed\t\""
	    " sat=\"2026-06-01\" score=\"46\"/>\n</results>", &res, err, sizeof(err)) < 0 &&
	    res.nrows == 0, "a status with white space refused: %s", err);
	ok(parse("<results generated=\"2026-06-29\">\n<result booking=\"K7QM2XPA\" status=\" sat\""
	    " sat=\"2026-06-01\"/>\n</results>", &res, err, sizeof(err)) < 0, "status \" sat\" refused: %s", err);
	ok(parse("<results generated=\"2026-06-29\" extra=\"1\"/>", &res, err, sizeof(err)) < 0,
	    "an attribute the schema does not have: %s", err);
}

int
main(void)
{
	const char *src = getenv("SRCDIR") ? getenv("SRCDIR") : ".";

	snprintf(schema, sizeof(schema), "%s/fcgi/assessment-results.rng", src);
	good();
	rules();
	refused();
	return done_testing();
}
