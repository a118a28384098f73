/*
 * render.c: turns a request's outcome into an HTTP response: a ClearSilver
 * page, an error page, a redirect or a handler's own body, always with the
 * security headers.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "host.h"
#include "log.h"

/* No inline script or style anywhere: the templates keep to this. */
#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; " \
	"frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'"

/* " scheme://host[:port]" of a configured URL, or "" without one. */
static const char *
origin(struct req *r, const char *url)
{
	const char *host, *end;

	if (url == NULL || (host = strstr(url, "://")) == NULL)
		return "";
	end = strchr(host + 3, '/');
	return req_printf(r, " %.*s", (int)(end ? end - url : (long)strlen(url)), url);
}

/* The policy, with the payment gateway's and the assessment service's
 * origins as form-actions: the PAY form's and the sign-in button's answers
 * redirect the browser there, which form-action governs. */
static const char *
csp(struct req *r)
{
	static char policy[1024];
	static const struct config *built_for;
	const struct gateway_config *gw = portal_gateway();
	const struct assessment_service_config *as = portal_assessment_service();

	/* Built once per configuration (a worker keeps one), not per response. */
	if (built_for != host_config || policy[0] == '\0') {
		snprintf(policy, sizeof(policy), "%s%s%s", CSP, origin(r, gw ? gw->url : NULL),
		    origin(r, as ? as->url : NULL));
		built_for = host_config;
	}
	return policy;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

void
render_set_cookie(struct req *r, const char *name, const char *value,
    long max_age, const char *samesite)
{
	char age[48] = "";

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	req_header(r, "Set-Cookie", req_printf(r, "%s=%s; Path=/; HttpOnly; SameSite=%s%s%s",
	    name, value, samesite, r->priv->cfg->secure ? "; Secure" : "", age));
}

/* Writes the status line, the headers and the body. */
static void
emit(struct req *r, int status, const char *ctype, const void *body, size_t len)
{
	FCGX_Stream *out = r->priv->fcgi->out;
	const struct header *h;
	char *head;

	session_flash_out(r);
	head = req_printf(r,
	    "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "Content-Length: %zu\r\n"
	    "Content-Security-Policy: %s\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Cross-Origin-Opener-Policy: same-origin\r\n"
	    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n"
	    "Cache-Control: no-store\r\n"
	    "%s",
	    status, reason(status), ctype, len, csp(r),
	    r->priv->cfg->secure ? "Strict-Transport-Security: max-age=31536000\r\n" : "");
	FCGX_PutStr(head, (int)strlen(head), out);
	for (h = r->priv->headers; h; h = h->next) {
		char *line = req_printf(r, "%s: %s\r\n", h->name, h->value);

		FCGX_PutStr(line, (int)strlen(line), out);
	}
	FCGX_PutStr("\r\n", 2, out);
	if (len > 0)
		FCGX_PutStr(body, (int)len, out);
}

void
render_common(struct req *r)
{
	r->priv->toolbar = 0;
	hdf_set_value(r->hdf, "Page.base", "");
	if (r->route && r->route->tab)
		hdf_set_value(r->hdf, "Page.tab", r->route->tab);
	session_flash_in(r);
	if (r->sess == NULL)
		return;
	hdf_set_value(r->hdf, "Session.csrf", r->sess->csrf);
	hdf_set_value(r->hdf, "User.name", r->sess->user_name);
	hdf_set_value(r->hdf, "User.email", r->sess->user_email);
	hdf_set_value(r->hdf, "User.level", r->sess->level_label);
	hdf_set_value(r->hdf, "Company.name", r->sess->company_name);
	/* No toolbar half-way through sign-in. The toolbar's HDF is built once
	 * per worker and shown through the renderer's global HDF (nav.c). */
	r->priv->toolbar = r->sess->stage == STAGE_FULL;
}

/*
 * Drops indentation and blank lines in place (tmplcache.c, on each template's
 * text): whitespace after a newline, except inside <pre> and <textarea>, where
 * it is the content. HTML shows such whitespace as nothing more than the
 * newline kept before it.
 */
size_t
render_strip_indent(char *buf, size_t len)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (buf[i] == '<' && (strncasecmp(buf + i + 1, "pre", 3) == 0 ||
		    strncasecmp(buf + i + 1, "textarea", 8) == 0)) {
			const char *name = tolower((unsigned char)buf[i + 1]) == 'p' ? "</pre>" :
			    "</textarea>";
			size_t n = strlen(name), to = i + 1;

			while (to + n <= len && strncasecmp(buf + to, name, n) != 0)
				to++;
			to = to + n <= len ? to + n : len;

			memmove(buf + o, buf + i, to - i);
			o += to - i;
			i = to;
			continue;
		}
		buf[o++] = buf[i];
		if (buf[i++] == '\n')
			while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
			    buf[i] == '\r'))
				i++;
	}
	buf[o] = '\0';
	return o;
}

static NEOERR *
append(void *ctx, char *s)
{
	return nerr_pass(string_append((STRING *)ctx, s));
}

char *
render_string(struct req *r, const char *template, size_t *len)
{
	CSPARSE *cs;
	NEOERR *err;
	STRING str;
	char *out = NULL;

	string_init(&str);
	cs = tmpl_get(r->hdf, template, &err);	/* parsed once per worker */
	if (cs != NULL) {
		cs->hdf = r->hdf;
		cs->global_hdf = r->priv->toolbar ? nav_for(r->sess->perms,
		    r->sess->scope_group == 0 && r->sess->scope_office == 0) : NULL;
		err = cs_render(cs, &str, append);
		cs->hdf = NULL;
		cs->global_hdf = NULL;
		if (err != STATUS_OK)
			tmpl_drop(template);
	}
	if (err != STATUS_OK) {
		STRING trace;

		string_init(&trace);
		nerr_error_traceback(err, &trace);
		log_error("render %s [%s]: %s", template, r->request_id,
		    trace.buf ? trace.buf : "");
		string_clear(&trace);
		nerr_ignore(&err);
	} else {
		*len = (size_t)str.len;
		out = req_alloc(r, *len + 1);
		memcpy(out, str.buf ? str.buf : "", *len);
		out[*len] = '\0';
	}
	string_clear(&str);
	return out;
}

int
render_template(struct req *r, int status)
{
	size_t len = 0;
	char *page;

	render_common(r);
	page = render_string(r, r->template, &len);
	if (page == NULL) {
		render_error(r, HTTP_SERVER_ERROR);
		return HTTP_SERVER_ERROR;
	}
	r->priv->page_out = page;	/* pagecache_put may keep it */
	r->priv->page_len = len;
	emit(r, status, "text/html; charset=utf-8", page, len);
	return status;
}

void
render_error(struct req *r, int status)
{
	static const struct {
		int status;
		const char *title, *message;
	} pages[] = {
		{ 400, "Bad request", "The portal could not understand that request. "
		  "Please go back and try again." },
		{ 403, "Access denied", "You do not have permission to do this. "
		  "Your company's portal administrator can change your permissions." },
		{ 404, "Page not found", "There is no such page, or it is not "
		  "available to your account." },
		{ 405, "Not allowed", "That page cannot be used in this way." },
		{ 409, "Already done", "Someone has just made the same change. "
		  "Please reload the page to see the latest." },
		{ 413, "Too large", "What you sent is larger than the portal accepts." },
		{ 503, "Service temporarily unavailable", "The portal cannot reach its "
		  "records at the moment. Please try again in a few minutes." },
		{ 500, "Something went wrong", "The portal could not complete your "
		  "request. Please try again; if it keeps happening, contact the ECS "
		  "helpdesk and quote the reference below." },
	};
	const char *title = pages[7].title, *message = pages[7].message;
	size_t i, len = 0;
	char *page;

	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (pages[i].status == status) {
			title = pages[i].title;
			message = pages[i].message;
		}
	if (r->priv->error_message)
		message = r->priv->error_message;
	if (status >= 500)
		r->sess = NULL;	/* no toolbar: keep the page independent of state */
	render_common(r);
	hdf_set_valuef(r->hdf, "Error.status=%d", status);
	hdf_set_value(r->hdf, "Error.title", title);
	hdf_set_value(r->hdf, "Error.message", message);
	hdf_set_value(r->hdf, "Page.title", title);
	if (status >= 500)
		hdf_set_value(r->hdf, "Error.incident", r->request_id);
	page = render_string(r, "layout/error.cs", &len);
	if (page == NULL) {
		page = req_printf(r, "%d %s\n", status, title);
		emit(r, status, "text/plain; charset=utf-8", page, strlen(page));
		return;
	}
	emit(r, status, "text/html; charset=utf-8", page, len);
}

void
render_redirect(struct req *r)
{
	const char *to = r->priv->location;

	/* Only paths of this site, never an open redirect; a module's
	 * configured URL (req_redirect_external) is the one exception. */
	if (r->priv->location_external) {
		if (to == NULL || strpbrk(to, "\r\n") != NULL ||
		    (strncmp(to, "https://", 8) != 0 && strncmp(to, "http://", 7) != 0))
			to = "/dashboard";
	} else if (to == NULL || to[0] != '/' || to[1] == '/' || to[1] == '\\' ||
	    strpbrk(to, "\r\n") != NULL)
		to = "/dashboard";
	req_header(r, "Location", to);
	emit(r, HTTP_SEE_OTHER, "text/html; charset=utf-8", "", 0);
}

void
render_own_body(struct req *r)
{
	emit(r, HTTP_OK, r->priv->body_type, r->priv->body_data, r->priv->body_len);
}
