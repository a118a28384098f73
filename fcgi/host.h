/*
 * host.h: what the parts of the host share and modules do not see.
 */
#ifndef HOST_H
#define HOST_H

#include <fcgiapp.h>

#include "arena.h"
#include "conf.h"
#include "params.h"
#include "portal.h"

struct header {
	const char	*name, *value;
	struct header	*next;
};

struct req_private {
	struct arena	 arena;
	FCGX_Request	*fcgi;
	const struct config *cfg;
	struct params	 query, body, cookies;
	struct header	*headers;	/* extra response headers */
	const char	*location;	/* 303 target */
	int		 location_external; /* set by req_redirect_external */
	const unsigned char *raw_body;	/* the POST body as sent (webhooks sign it) */
	size_t		 raw_len;
	const char	*body_type;	/* a handler's own body */
	const void	*body_data;
	size_t		 body_len;
	int		 has_body;
	const char	*flash_out;	/* set by req_flash */
	const char	*error_message;	/* a handler's reason shown on an error page */
	int		 toolbar;	/* render_common: show the toolbar (nav_shared) */
	const char	*session_sql;	/* the route's session_read composed in, or NULL */
	int		 head;		/* a HEAD request (routed as a GET) */
	/* pagecache.c: the page's key, the epoch its statements were read
	 * under, and what render_template made of it */
	int		 page_armed, page_hit;
	unsigned char	 page_key[32];
	uint64_t	 page_epoch;
	const char	*page_out;
	size_t		 page_len;
};

/* ---- req.c ---- */
extern const struct config *host_config;

/* ---- router.c ---- */
int		 router_add(const struct portal_module *, char *err, size_t errlen);
void		 router_clear(void);
/* The route for path and method; on no route, *allow says which methods
 * the path has (M_GET | M_POST bits), 0 meaning no such path. */
const struct route *router_match(const char *path, enum method,
		unsigned long long ids[4], size_t *nids, unsigned *allow,
		const char **session_sql);
/* Runs every check and the handler; returns the status to answer with. */
int		 router_dispatch(struct req *);
/* Calls each module's per-worker init (0 on success) or fini. */
int		 router_init_modules(char *err, size_t errlen);
void		 router_fini_modules(void);

/* ---- session.c ---- */
/* 0 with r->sess set, 0 with r->sess NULL when nobody is signed in, or an
 * HTTP status when the database failed. */
int		 session_load(struct req *);
/* The session's statement with a route's session_read in it (malloc'd; the
 * router keeps it while the route is loaded: statements are cached by address). */
char		*session_compose(const struct session_read *);
#define SESSION_READ_FIRST_COL	14	/* a session_read's first column in the row */
/* stage: STAGE_FULL, or STAGE_CODE while the second-step code is awaited. */
int		 session_create(struct req *, unsigned long long user_id,
		unsigned long long company_id, int stage);
int		 session_destroy(struct req *);
/* Deletes the current session's row, leaving the cookie to be replaced. */
int		 session_forget(struct req *);
/* The token a sign-in form carries before there is a session. */
const char	*session_pre_token(struct req *);
int		 session_pre_token_ok(struct req *, const char *sent);
/* 1 when the request brings a one-time message to show. */
int		 session_flash_pending(struct req *);
/* Reads and clears the flash message cookie. */
void		 session_flash_in(struct req *);
void		 session_flash_out(struct req *);

/* "Company", "Group: NAME" or "Office: NAME": a membership's level as the header shows it. */
const char	*session_level_label(struct req *, const char *level, const char *group,
		const char *office);

/* ---- companies.c: choosing which of one's companies to act for ---- */
extern const struct field company_choice_fields[];
int		 company_choice_form(struct req *);
int		 company_choice(struct req *);
/* An invitation (a company added this existing account) accepted or declined. */
int		 company_accept(struct req *);
int		 company_decline(struct req *);
/* Where a sign-in lands: the choice of companies for a user of several or with an
 * invitation to answer, else the dashboard. */
int		 company_landing(struct req *, unsigned long long user_id, const char **path);

/* ---- render.c ---- */
void		 render_common(struct req *);
/* Renders a template into the request's memory; NULL on error (logged). */
char		*render_string(struct req *, const char *template, size_t *len);
/* Removes indentation and blank lines outside <pre> and <textarea> (of template
 * text, when tmplcache.c loads it); the new length. */
size_t		 render_strip_indent(char *buf, size_t len);
int		 render_template(struct req *, int status);
void		 render_error(struct req *, int status);
void		 render_redirect(struct req *);
void		 render_own_body(struct req *);
void		 render_set_cookie(struct req *, const char *name,
		const char *value, long max_age, const char *samesite);

/* ---- tmplcache.c ---- */
/* The parsed template, parsed on first use with hdf's load paths and escaping. */
CSPARSE		*tmpl_get(HDF *hdf, const char *name, NEOERR **err);
void		 tmpl_drop(const char *name);
void		 tmpl_flush(void);

/* ---- nav.c ---- */
/* Every section of the toolbar (the tests' renderings). */
void		 nav_to_hdf(HDF *);
/* The toolbar of the sections these permissions (and level) open, built on first use and kept
 * (per set of visible sections) until the modules are reloaded. */
HDF		*nav_for(uint64_t perms, int company_level);
void		 nav_shared_free(void);
/* The title of a toolbar section at path, or NULL. */
const char	*nav_section_title(const char *path, const char **tab);
/* The title of a page a module links to (GET or POST) before it exists. */
const char	*nav_planned_title(const char *path, const char **tab);

/* ---- auth.c ---- */
extern const struct portal_module auth_module;

/* ---- audit_write.c ---- */
#include "audit_write.h"

#endif
