/* Unit tests of page rendering: every value HTML-escaped by default. */
#include <stdlib.h>

#include "host.h"
#include "tap.h"

static const char hostile[] = "<script>alert(\"x\")</script>' onmouseover='a' {{7*7}} \r\nX-Injected: 1";

static char *
render(const char *template, const char *name, const char *value, struct req_private *p)
{
	static const struct config cfg = { .body_max = 1 };
	const char *src = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
	struct req r;
	size_t len;
	char dir[4096], *out;

	memset(&r, 0, sizeof(r));
	memset(p, 0, sizeof(*p));
	p->cfg = &cfg;
	r.priv = p;
	hdf_init(&r.hdf);
	snprintf(dir, sizeof(dir), "%s/templates", src);
	hdf_set_value(r.hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(r.hdf, "hdf.loadpaths.0", dir);
	hdf_set_value(r.hdf, "User.name", hostile);
	hdf_set_value(r.hdf, "Company.name", hostile);
	hdf_set_value(r.hdf, "Session.csrf", hostile);
	nav_to_hdf(r.hdf);
	hdf_set_value(r.hdf, name, value);
	out = render_string(&r, template, &len);
	hdf_destroy(&r.hdf);
	return out;
}

int
main(void)
{
	struct req_private p;
	char *page;

	nerr_init();
	page = render("layout/error.cs", "Error.message", hostile, &p);
	ok(page != NULL, "error page renders");
	ok(page && strstr(page, "<script>alert") == NULL, "no raw script tag");
	ok(page && strstr(page, "&lt;script&gt;alert(&quot;x&quot;)") != NULL, "script shown as text");
	ok(page && strstr(page, "' onmouseover='a'") == NULL, "single quotes escaped");
	ok(page && strstr(page, "{{7*7}}") != NULL && strstr(page, "49") == NULL,
	    "template syntax of other engines left alone");
	arena_free(&p.arena);

	page = render("dashboard/dashboard.cs", "Dashboard.employees", "<b>40</b>", &p);
	ok(page != NULL, "dashboard renders");
	ok(page && strstr(page, "<b>40</b>") == NULL && strstr(page, "&lt;b&gt;40") != NULL,
	    "dashboard counts escaped");
	ok(page && strstr(page, "value=\"<script") == NULL, "attribute values escaped");
	ok(page && strstr(page, "Employees") && strstr(page, "Applications") &&
	    strstr(page, "Contracts") && strstr(page, "Administration") &&
	    strstr(page, "ECS Assessments") && strstr(page, "Orders"), "every toolbar tab");
	arena_free(&p.arena);

	page = render("auth/login.cs", "Form.email.value", "\"><img src=x onerror=alert(1)>", &p);
	ok(page && strstr(page, "<img src=x") == NULL, "sign-in form value escaped");
	arena_free(&p.arena);

	page = render("layout/no-such-page.cs", "Page.title", "x", &p);
	ok(page == NULL, "a missing template is an error, not a crash");
	arena_free(&p.arena);

	/* The indentation goes; what <pre> and <textarea> hold stays. */
	{
		char html[] = "<ul>\n    <li>a  b</li>\n\n\t  <li>c</li>\n</ul>\n"
		    "<TEXTAREA name=\"x\">\n  kept\n\n  too</TEXTAREA>\n  <pre>\n  also\n</PRE>\n  "
		    "<p>\n   end";
		const char *want = "<ul>\n<li>a  b</li>\n<li>c</li>\n</ul>\n"
		    "<TEXTAREA name=\"x\">\n  kept\n\n  too</TEXTAREA>\n<pre>\n  also\n</PRE>\n"
		    "<p>\nend";
		size_t n = render_strip_indent(html, strlen(html));

		is_str(html, want, "indentation and blank lines dropped outside pre and textarea");
		ok(n == strlen(want), "the new length");
		char open[] = "<textarea>\n  never closed";

		ok(render_strip_indent(open, strlen(open)) == strlen("<textarea>\n  never closed") &&
		    strcmp(open, "<textarea>\n  never closed") == 0, "an unclosed textarea is kept whole");
	}
	page = render("auth/login.cs", "Page.title", "x", &p);
	ok(page && strstr(page, "\n ") == NULL && strstr(page, "\n\t") == NULL,
	    "a rendered page has no indented line");
	arena_free(&p.arena);
	return done_testing();
}
