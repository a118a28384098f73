/* Unit tests of the router (fcgi/router.c): tables, clashes, matching, checks. */
#include "host.h"
#include "tap.h"

static int handled;

static int
handler(struct req *r)
{
	(void)r;
	handled++;
	return HTTP_OK;
}

static const struct field fields[] = {
	{ "ni", v_ni_number, F_REQUIRED },
	{ "id", v_id, F_MULTI },
	{ NULL, NULL, 0 }
};

static const struct route a_routes[] = {
	{ M_GET, "", ROUTE_SIGNED_IN, NULL, handler, "a.cs", NULL, 0 },
	{ M_GET, "view/{id}", PERM_VIEW_EMPLOYEES, NULL, handler, "a.cs", NULL, 0 },
	{ M_POST, "view/{id}", PERM_CHANGE_EMPLOYEE_DETAILS, NULL, handler, "a.cs", NULL, 0 },
	{ M_GET, "pub", ROUTE_PUBLIC, fields, handler, "a.cs", NULL, 0 },
	{ M_POST, "pub", ROUTE_PUBLIC, fields, handler, "a.cs", NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};
static const struct session_read a_reads[] = {
	{ &a_routes[1], ", x.answer", " LEFT JOIN answers x ON x.company_id = s.company_id" },
	{ NULL, NULL, NULL }
};
static const struct portal_module mod_a = { .abi = PORTAL_ABI, .name = "alpha", .prefix = "alpha",
	.routes = a_routes, .session_reads = a_reads };

static const struct route clash_routes[] = {
	{ M_GET, "alpha/view/{id}", ROUTE_SIGNED_IN, NULL, handler, "b.cs", NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};
static const struct route b_routes_old[] = {
	{ M_GET, "x", ROUTE_SIGNED_IN, NULL, handler, "b.cs", NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};
static const struct portal_module mod_clash = { .abi = PORTAL_ABI, .name = "clash", .prefix = "",
	.routes = clash_routes };

/* A module built against another portal.h: refused before anything of it is read. */
static const struct portal_module mod_old = { .abi = PORTAL_ABI - 1, .name = "old",
	.prefix = "old", .routes = b_routes_old };

/* A session_read naming another module's route: refused at load. */
static const struct route b_routes[] = {
	{ M_GET, "beta", ROUTE_SIGNED_IN, NULL, handler, "b.cs", NULL, 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};
static const struct session_read b_reads[] = {
	{ &a_routes[0], ", 1", "" },
	{ NULL, NULL, NULL }
};
static const struct portal_module mod_b = { .abi = PORTAL_ABI, .name = "beta", .prefix = "b",
	.routes = b_routes, .session_reads = b_reads };

static const struct config cfg = { .body_max = 1000, .idle_minutes = 30, .absolute_hours = 12 };

static void
setup(struct req *r, struct req_private *p, enum method m, const char *path)
{
	unsigned allow;

	memset(r, 0, sizeof(*r));
	memset(p, 0, sizeof(*p));
	p->cfg = &cfg;
	r->priv = p;
	r->method = m;
	r->path = path;
	hdf_init(&r->hdf);
	r->route = router_match(path, m, r->ids, &r->nids, &allow, &r->priv->session_sql);
}

int
main(void)
{
	unsigned long long ids[4];
	struct req_private p;
	struct req r;
	char err[256];
	unsigned allow;
	size_t nids;
	const struct fieldval *fv;
	const char *ssql;

	ok(router_add(&mod_a, err, sizeof(err)) == 0, "module added");
	ok(router_add(&mod_a, err, sizeof(err)) < 0 && strstr(err, "twice"),
	    "the same module twice refused: %s", err);
	ok(router_add(&mod_clash, err, sizeof(err)) < 0 && strstr(err, "clashes"),
	    "clashing route refused: %s", err);
	ok(router_add(&mod_old, err, sizeof(err)) < 0 && strstr(err, "another version"),
	    "a module of another interface version refused: %s", err);
	ok(router_match("/old/x", M_GET, ids, &nids, &allow, &ssql) == NULL,
	    "nothing of it is served");
	ok(router_add(&mod_b, err, sizeof(err)) < 0 && strstr(err, "session_read"),
	    "a session_read for another module's route refused: %s", err);
	ok(router_match("/b/beta", M_GET, ids, &nids, &allow, &ssql) == NULL,
	    "the refused module's routes are not served");

	/* A route's session_read is composed into the session's statement, once. */
	ok(router_match("/alpha/view/42", M_GET, ids, &nids, &allow, &ssql) == &a_routes[1] &&
	    ssql != NULL && strstr(ssql, "m.permissions") && strstr(ssql, ", x.answer FROM sessions s") &&
	    strstr(ssql, "LEFT JOIN answers x ON x.company_id = s.company_id WHERE s.id_hash = ?"),
	    "session_read composed into the session statement");
	{
		const char *again;

		router_match("/alpha/view/7", M_GET, ids, &nids, &allow, &again);
		ok(again == ssql, "the same text each time (statements are cached by address)");
	}
	ok(router_match("/alpha", M_GET, ids, &nids, &allow, &ssql) == &a_routes[0] && ssql == NULL,
	    "a route without session_read: the plain session statement");

	ok(router_match("/alpha", M_GET, ids, &nids, &allow, &ssql) == &a_routes[0], "prefix route");
	ok(router_match("/alpha/view/42", M_GET, ids, &nids, &allow, &ssql) == &a_routes[1] &&
	    nids == 1 && ids[0] == 42, "{id} captured");
	ok(router_match("/alpha/view/42", M_POST, ids, &nids, &allow, &ssql) == &a_routes[2], "POST route");
	ok(router_match("/alpha/view/042", M_GET, ids, &nids, &allow, &ssql) == NULL, "leading zero refused");
	ok(router_match("/alpha/view/4x", M_GET, ids, &nids, &allow, &ssql) == NULL, "non-number refused");
	ok(router_match("/alpha/view/1234567890123456", M_GET, ids, &nids, &allow, &ssql) == NULL,
	    "over-long number refused");
	ok(router_match("/alpha/nothing", M_GET, ids, &nids, &allow, &ssql) == NULL && allow == 0,
	    "unknown path: no route, nothing allowed");
	ok(router_match("/alpha", M_POST, ids, &nids, &allow, &ssql) == NULL && allow == M_GET,
	    "wrong method: Allow lists GET");

	/* Public GET with fields: validated before the handler. */
	setup(&r, &p, M_GET, "/alpha/pub");
	params_urlencoded(&p.arena, &p.query, "ni=aa+65+43+21+d&id=3&id=x&id=5", 31);
	handled = 0;
	ok(router_dispatch(&r) == HTTP_OK && handled == 1, "public GET handled");
	fv = req_field(&r, "ni");
	is_str(fv ? fv->val : NULL, "AA654321D", "field normalised");
	fv = req_field(&r, "id");
	ok(fv && fv->num == 3 && fv->next && fv->next->err && fv->next->next &&
	    fv->next->next->num == 5, "multi-valued field keeps each value and its error");
	ok(r.invalid == 1, "one invalid value counted");
	hdf_destroy(&r.hdf);
	arena_free(&p.arena);

	setup(&r, &p, M_GET, "/alpha/pub");
	handled = 0;
	ok(router_dispatch(&r) == HTTP_OK && r.invalid == 1 &&
	    req_field(&r, "ni")->err != NULL, "missing required field is an error");
	hdf_destroy(&r.hdf);
	arena_free(&p.arena);

	/* A POST without a CSRF token never reaches its handler. */
	setup(&r, &p, M_POST, "/alpha/pub");
	params_urlencoded(&p.arena, &p.body, "ni=AA654321D", 12);
	handled = 0;
	ok(router_dispatch(&r) == HTTP_FORBIDDEN && handled == 0, "POST without token: 403");
	hdf_destroy(&r.hdf);
	arena_free(&p.arena);

	/* Signed-in routes without a session cookie. */
	setup(&r, &p, M_GET, "/alpha/view/7");
	handled = 0;
	ok(router_dispatch(&r) == HTTP_SEE_OTHER && handled == 0 &&
	    strcmp(p.location, "/login") == 0, "GET without session goes to sign-in");
	hdf_destroy(&r.hdf);
	arena_free(&p.arena);

	setup(&r, &p, M_POST, "/alpha/view/7");
	handled = 0;
	ok(router_dispatch(&r) == HTTP_FORBIDDEN && handled == 0, "POST without session: 403");
	hdf_destroy(&r.hdf);
	arena_free(&p.arena);

	/* The toolbar (nav.c): a section path no loaded module serves answers "not
	 * available yet" with this title and tab (worker.c), whichever modules exist. */
	{
		const char *tab = NULL, *title;

		title = nav_section_title("/contracts/setup", &tab);
		ok(title && strcmp(title, "Contracts Being Set Up") == 0 && tab &&
		    strcmp(tab, "contracts") == 0, "a section's title and tab");
		title = nav_section_title("/assessments", &tab);
		ok(title && strcmp(title, "ECS Assessments") == 0 && strcmp(tab, "assessments") == 0,
		    "a one-section tab");
		ok(nav_section_title("/contracts/7", &tab) == NULL &&
		    nav_section_title("/contracts", &tab) == NULL, "only the sections' own paths");
	}
	router_clear();
	return done_testing();
}
