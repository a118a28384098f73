/*
 * router.c: the route tables of the loaded modules, and the front line of
 * checks every request passes before its handler: session, permission,
 * CSRF token, field validation. A handler cannot forget one of them.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "host.h"
#include "log.h"
#include "pagecache.h"

#define MAX_MODULES	64
#define MAX_ROUTES	1024

struct compiled {
	const struct portal_module *mod;
	const struct route *rt;
	char		 pattern[256];	/* "/prefix/path" */
	char		*session_sql;	/* the session's statement with the route's session_read */
};

static const struct portal_module *modules[MAX_MODULES];
static size_t nmodules;
static struct compiled routes[MAX_ROUTES];
static size_t nroutes;

void
router_clear(void)
{
	size_t i;

	for (i = 0; i < nroutes; i++) {
		free(routes[i].session_sql);
		routes[i].session_sql = NULL;
	}
	nmodules = 0;
	nroutes = 0;
}

/* Composes each session_read into its route's session statement. */
static int
add_session_reads(const struct portal_module *m, size_t first, char *err, size_t errlen)
{
	const struct session_read *sr;
	size_t i;

	for (sr = m->session_reads; sr && sr->route; sr++) {
		for (i = first; i < nroutes && routes[i].rt != sr->route; i++)
			;
		if (i == nroutes || routes[i].session_sql != NULL || sr->columns == NULL ||
		    sr->joins == NULL) {
			snprintf(err, errlen, "module %s: a session_read for a route not its own, "
			    "given twice or incomplete", m->name);
			return -1;
		}
		routes[i].session_sql = session_compose(sr);
	}
	return 0;
}

static void
full_pattern(char *out, size_t len, const char *prefix, const char *path)
{
	if (prefix[0] && path[0])
		snprintf(out, len, "/%s/%s", prefix, path);
	else if (prefix[0])
		snprintf(out, len, "/%s", prefix);
	else
		snprintf(out, len, "/%s", path);
}

int
router_add(const struct portal_module *m, char *err, size_t errlen)
{
	const struct route *rt;
	size_t i, first = nroutes;

	if (m->abi != PORTAL_ABI) {
		/* Nothing else of it can be trusted, its name included. */
		snprintf(err, errlen, "a module was built for another version of the portal "
		    "(interface %#x, this one %#x): rebuild and reinstall it", m->abi, PORTAL_ABI);
		return -1;
	}
	if (m->name == NULL || m->prefix == NULL || m->routes == NULL) {
		snprintf(err, errlen, "module %s: incomplete descriptor",
		    m->name ? m->name : "(unnamed)");
		return -1;
	}
	for (i = 0; i < nmodules; i++)
		if (strcmp(modules[i]->name, m->name) == 0) {
			snprintf(err, errlen, "module %s is listed twice", m->name);
			return -1;
		}
	if (nmodules == MAX_MODULES) {
		snprintf(err, errlen, "too many modules");
		return -1;
	}
	for (rt = m->routes; rt->handler; rt++) {
		struct compiled *c;

		if (nroutes == MAX_ROUTES) {
			snprintf(err, errlen, "too many routes");
			return -1;
		}
		c = &routes[nroutes];
		c->mod = m;
		c->rt = rt;
		full_pattern(c->pattern, sizeof(c->pattern), m->prefix, rt->path);
		for (i = 0; i < nroutes; i++)
			if (routes[i].rt->method == rt->method &&
			    strcmp(routes[i].pattern, c->pattern) == 0) {
				snprintf(err, errlen,
				    "route %s %s of module %s clashes with module %s",
				    rt->method == M_GET ? "GET" : "POST", c->pattern,
				    m->name, routes[i].mod->name);
				return -1;
			}
		c->session_sql = NULL;
		nroutes++;
	}
	if (add_session_reads(m, first, err, errlen) != 0) {
		while (nroutes > first)
			free(routes[--nroutes].session_sql);
		return -1;
	}
	modules[nmodules++] = m;
	return 0;
}

int
router_init_modules(char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < nmodules; i++)
		if (modules[i]->init && modules[i]->init() != 0) {
			snprintf(err, errlen, "module %s failed to start", modules[i]->name);
			return -1;
		}
	return 0;
}

void
router_fini_modules(void)
{
	size_t i;

	for (i = nmodules; i > 0; i--)
		if (modules[i - 1]->fini)
			modules[i - 1]->fini();
}

/* Matches path against pattern; {id} takes a number without leading zero. */
static int
match(const char *pat, const char *path, unsigned long long ids[4], size_t *nids)
{
	size_t n = 0;

	while (*pat && *path) {
		if (strncmp(pat, "{id}", 4) == 0) {
			unsigned long long v = 0;
			size_t digits = 0;

			if (*path < '1' || *path > '9')
				return 0;
			while (isdigit((unsigned char)*path)) {
				if (++digits > 15)
					return 0;
				v = v * 10 + (unsigned long long)(*path++ - '0');
			}
			if (n == 4)
				return 0;
			ids[n++] = v;
			pat += 4;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	*nids = n;
	return 1;
}

const struct route *
router_match(const char *path, enum method method, unsigned long long ids[4],
    size_t *nids, unsigned *allow, const char **session_sql)
{
	size_t i;

	*allow = 0;
	*session_sql = NULL;
	for (i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, ids, nids))
			continue;
		if (routes[i].rt->method == method) {
			*session_sql = routes[i].session_sql;
			return routes[i].rt;
		}
		*allow |= routes[i].rt->method;
	}
	return NULL;
}

/* Validates the route's fields from the query (GET) or the body (POST). */
static void
validate_fields(struct req *r)
{
	const struct field *f;
	const struct params *src = r->method == M_POST ? &r->priv->body : &r->priv->query;
	size_t i, n = 0;

	r->nfields = 0;
	r->invalid = 0;
	if (r->route->fields == NULL)
		return;
	for (f = r->route->fields; f->name; f++)
		n++;
	r->fields = req_alloc(r, (n + 1) * sizeof(*r->fields));
	memset(r->fields, 0, (n + 1) * sizeof(*r->fields));
	r->nfields = n;
	for (i = 0; i < n; i++) {
		const struct param *p;
		struct fieldval *fv = &r->fields[i], *last = NULL;

		f = &r->route->fields[i];
		fv->val = req_strdup(r, "");
		for (p = src->head; p; p = p->next) {
			struct fieldval *cur;
			size_t cap;

			if (strcmp(p->name, f->name) != 0)
				continue;
			if (last != NULL) {
				if (!(f->flags & F_MULTI))
					continue;	/* the first value counts */
				cur = req_alloc(r, sizeof(*cur));
				memset(cur, 0, sizeof(*cur));
				last->next = cur;
			} else
				cur = fv;
			last = cur;
			cur->raw = p->value;
			cap = p->len + 32;
			cur->val = req_alloc(r, cap);
			cur->val[0] = '\0';
			if (p->value[0] == '\0') {
				cur->present = 0;
				continue;
			}
			cur->present = 1;
			if (f->valid)
				cur->err = f->valid(p->value, cur->val, cap, &cur->num);
			else
				cur->err = v_longtext(p->value, cur->val, cap, &cur->num);
			if (cur->err)
				r->invalid++;
		}
		if (!fv->present && (f->flags & F_REQUIRED) && fv->err == NULL) {
			fv->err = "Please fill in this field.";
			r->invalid++;
		}
	}
}

static int
csrf_ok(struct req *r)
{
	const struct param *p = params_get(&r->priv->body, "_csrf");

	if (r->route->flags & R_SIGNED_BODY)
		return 1;	/* the handler checks the sender's signature instead */
	if (r->route->flags & R_PRESESSION_CSRF)
		return session_pre_token_ok(r, p ? p->value : NULL);
	if (p == NULL || r->sess == NULL || p->len != 64)
		return 0;
	return sodium_memcmp(p->value, r->sess->csrf, 64) == 0;
}

int
router_dispatch(struct req *r)
{
	const struct route *rt = r->route;
	int rc;

	/* Before the session: what the page is made from must be no older. */
	pagecache_begin(r);
	if (rt->perm != ROUTE_PUBLIC || (rt->flags & R_SESSION_OPTIONAL)) {
		rc = session_load(r);
		if (rc != 0)
			return rc;
	}
	if (rt->perm != ROUTE_PUBLIC) {
		if (r->sess == NULL) {
			if (r->method == M_GET)
				return req_redirect(r, "/login");
			return HTTP_FORBIDDEN;
		}
		/* A session half-way through sign-in opens only its own pages. */
		if ((r->sess->stage == STAGE_CODE && !(rt->flags & R_STAGE_CODE)) ||
		    (r->sess->stage == STAGE_ENROL && !(rt->flags & R_STAGE_ENROL))) {
			if (r->method == M_GET)
				return req_redirect(r, r->sess->stage == STAGE_CODE ?
				    "/login/code" : "/account/2fa");
			return HTTP_FORBIDDEN;
		}
		if (rt->perm >= 0 && !req_can(r, rt->perm))
			return HTTP_FORBIDDEN;
	}
	if (r->method == M_POST && !csrf_ok(r)) {
		log_info("csrf: token missing or wrong for %s", r->path);
		r->priv->error_message = "This form has expired or did not come from this site. "
		    "Please go back, reload the page and try again.";
		return HTTP_FORBIDDEN;
	}
	/* Checked above like any request; only then may a kept page be shown. */
	if (pagecache_get(r))
		return HTTP_OK;
	validate_fields(r);
	rc = rt->handler(r);
	if (rc < 200 || rc > 599) {
		/* A handler's slip must not reach the client as "Status: 0". */
		log_error("handler for %s returned %d", r->path, rc);
		rc = HTTP_SERVER_ERROR;
	}
	return rc;
}
