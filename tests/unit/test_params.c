/* Unit tests of the request parsers (fcgi/params.c). */
#include <stdlib.h>

#include "params.h"
#include "portal.h"
#include "tap.h"

static const char *
get(const struct params *ps, const char *name)
{
	const struct param *p = params_get(ps, name);

	return p ? p->value : NULL;
}

int
main(void)
{
	struct arena a = { 0 };
	struct params ps;
	struct upload *ups = NULL;
	const char *ct = "multipart/form-data; boundary=XyZ";
	const char *mp;
	char big[64];
	int i;

	memset(&ps, 0, sizeof(ps));
	ok(params_urlencoded(&a, &ps, "a=1&b=hello+world&c=%41%42&d", 28) == 0, "form parses");
	is_str(get(&ps, "a"), "1", "plain value");
	is_str(get(&ps, "b"), "hello world", "+ is a space");
	is_str(get(&ps, "c"), "AB", "percent escapes decoded");
	is_str(get(&ps, "d"), "", "name without value");
	ok(ps.count == 4, "four fields");

	memset(&ps, 0, sizeof(ps));
	ok(params_urlencoded(&a, &ps, "a=%zz", 5) < 0, "bad escape refused");
	memset(&ps, 0, sizeof(ps));
	ok(params_urlencoded(&a, &ps, "a=%4", 4) < 0, "short escape refused");
	memset(&ps, 0, sizeof(ps));
	ok(params_urlencoded(&a, &ps, "a=%00", 5) < 0, "NUL refused");
	memset(&ps, 0, sizeof(ps));
	ok(params_urlencoded(&a, &ps, "&&=x&a=1&", 9) == 0 && ps.count == 1, "empty pairs skipped");

	memset(&ps, 0, sizeof(ps));
	{
		size_t len = 0;
		char *s = malloc(PARAMS_MAX * 4 + 10);

		for (i = 0; i <= PARAMS_MAX; i++)
			len += (size_t)sprintf(s + len, "a=%d&", i % 10);
		ok(params_urlencoded(&a, &ps, s, len) < 0, "too many fields refused");
		free(s);
	}

	memset(&ps, 0, sizeof(ps));
	params_cookies(&a, &ps, "portal_sid=abc; other=\"q\"; junk; =x;  last=v ");
	is_str(get(&ps, "portal_sid"), "abc", "cookie");
	is_str(get(&ps, "other"), "q", "quoted cookie");
	is_str(get(&ps, "last"), "v", "cookie with spaces");
	ok(get(&ps, "junk") == NULL, "cookie without = ignored");

	memset(&ps, 0, sizeof(ps));
	memset(&ps, 0, sizeof(ps));
	ups = NULL;
	{
		/* The body holds a NUL byte: give the real length. */
		size_t len = 0;
		const char *parts[] = {
			"--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nMr\r\n",
			"--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"me.jpg\"\r\n"
			"Content-Type: image/jpeg\r\n\r\n",
		};
		unsigned char body[512];

		memcpy(body, parts[0], strlen(parts[0]));
		len = strlen(parts[0]);
		memcpy(body + len, parts[1], strlen(parts[1]));
		len += strlen(parts[1]);
		memcpy(body + len, "\xff\xd8\x00\x01", 4);
		len += 4;
		memcpy(body + len, "\r\n--XyZ--\r\n", 11);
		len += 11;
		ok(params_multipart(&a, &ps, &ups, ct, body, len) == 0, "multipart with binary file");
		is_str(get(&ps, "title"), "Mr", "multipart text field");
		ok(ups != NULL && strcmp(ups->field, "photo") == 0 &&
		    strcmp(ups->filename, "me.jpg") == 0 && ups->len == 4 &&
		    ups->data[2] == 0, "upload kept with its NUL byte");
		ok(ups != NULL && strcmp(ups->content_type, "image/jpeg") == 0, "upload type");
	}
	memset(&ps, 0, sizeof(ps));
	ups = NULL;
	ok(params_multipart(&a, &ps, &ups, "multipart/form-data", (const unsigned char *)"x", 1) < 0,
	    "multipart without boundary refused");
	ok(params_multipart(&a, &ps, &ups, ct, (const unsigned char *)"--Other\r\n", 9) < 0,
	    "multipart with the wrong boundary refused");
	mp = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end";
	ok(params_multipart(&a, &ps, &ups, ct, (const unsigned char *)mp, strlen(mp)) < 0,
	    "unterminated multipart refused");
	mp = "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--";
	ok(params_multipart(&a, &ps, &ups, ct, (const unsigned char *)mp, strlen(mp)) < 0,
	    "part without a name refused");
	snprintf(big, sizeof(big), "multipart/form-data; boundary=\"q\"");
	mp = "--q\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--q--";
	memset(&ps, 0, sizeof(ps));
	ok(params_multipart(&a, &ps, &ups, big, (const unsigned char *)mp, strlen(mp)) == 0 &&
	    get(&ps, "a") && strcmp(get(&ps, "a"), "1") == 0, "quoted boundary");
	arena_free(&a);
	return done_testing();
}
