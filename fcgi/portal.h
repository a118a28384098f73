/*
 * portal.h: everything a module sees of the host.
 *
 * A module is a shared object that exports one `const struct portal_module
 * portal_module`. Its routes declare method, path, permission and accepted
 * fields; the router checks session, permission, CSRF token and field
 * validation before a handler runs, so a handler never sees unchecked input.
 *
 * Memory: everything a request allocates (req_alloc and friends, field
 * values, database results copied with db_*_hdf) belongs to the request and
 * is freed when it ends. Nothing returned by the host is to be freed by a
 * module.
 */
#ifndef PORTAL_H
#define PORTAL_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

#include "csv.h"
#include "perm.h"
#include "validate.h"

enum method {
	M_GET = 1,
	M_POST = 2,
};

/* HTTP statuses that handlers return; the host turns them into pages. */
enum {
	HTTP_OK = 200,
	HTTP_SEE_OTHER = 303,
	HTTP_BAD_REQUEST = 400,
	HTTP_FORBIDDEN = 403,
	HTTP_NOT_FOUND = 404,
	HTTP_METHOD_NOT_ALLOWED = 405,
	HTTP_CONFLICT = 409,
	HTTP_TOO_LARGE = 413,
	HTTP_SERVER_ERROR = 500,
	HTTP_UNAVAILABLE = 503,
};

/* Route permission values besides the PERM_* bits of perm.h. */
#define ROUTE_PUBLIC	(-2)	/* no session needed (sign-in, health) */
#define ROUTE_SIGNED_IN	(-1)	/* any signed-in user */

/* Field flags. */
#define F_REQUIRED	0x01	/* missing or empty is an error */
#define F_MULTI		0x02	/* may repeat (check boxes); see fieldval.next */

/* Route flags. */
#define R_PRESESSION_CSRF 0x01	/* POST checked against the pre-session cookie (sign-in) */
#define R_SESSION_OPTIONAL 0x02	/* public, but reads the session when there is one */
#define R_SIGNED_BODY	0x10	/* public POST from another server (a payment gateway):
				 * no CSRF token; the handler must verify the sender's
				 * signature over req_raw_body before trusting anything */
#define R_STAGE_CODE	0x04	/* open to a session waiting for its second-step code */
#define R_STAGE_ENROL	0x08	/* open to a user who must enrol in two-step sign-in first */
#define R_PAGE_CACHE	0x20	/* GET: the worker may show the session its page again
				 * until its company's data changes (pagecache.h) */
#define R_PAGE_CACHE_HOST 0x40	/* with R_PAGE_CACHE, for a page that shows other
				 * companies' rows too: until any data changes */

/* struct session's stage: only a full session carries permissions. */
enum { STAGE_FULL = 0, STAGE_CODE = 1, STAGE_ENROL = 2 };

/* A field as a route declares it. The table ends with a NULL name. */
struct field {
	const char	*name;
	validator_fn	 valid;		/* validate.h; NULL accepts any text up to 4 KiB */
	unsigned	 flags;
};

struct session {
	unsigned long long user_id;
	unsigned long long company_id;
	unsigned long long scope_group;	/* 0 unless the user acts at group level */
	unsigned long long scope_office;/* 0 unless the user acts at office level */
	uint64_t	 perms;		/* bit set of PERM_* */
	char		 csrf[65];
	char		 id_hash[32];	/* sha256 of the cookie value */
	const char	*user_name;
	const char	*user_email;
	const char	*company_name;
	const char	*level_label;	/* "Company", "Group: Eastern", "Office: ..." */
	int		 stage;		/* STAGE_*; perms is 0 unless STAGE_FULL */
	struct dbres	*row;		/* the session's row, with the route's session_read */
};

struct upload {
	const char	*field;		/* form field name */
	const char	*filename;	/* as sent; never trust it */
	const char	*content_type;	/* as sent; never trust it */
	const unsigned char *data;
	size_t		 len;
	struct upload	*next;
};

struct req;
struct route;

typedef int (*handler_fn)(struct req *);

struct route {
	enum method	 method;
	const char	*path;		/* below the module prefix; "{id}" matches a number */
	int		 perm;		/* PERM_*, ROUTE_SIGNED_IN or ROUTE_PUBLIC */
	const struct field *fields;	/* NULL: none accepted */
	handler_fn	 handler;
	const char	*template;	/* rendered when the handler returns 200 */
	const char	*tab;		/* toolbar tab to highlight; may be NULL */
	unsigned	 flags;		/* R_* */
};

/*
 * What a page reads in the session's own statement, one round trip fewer
 * (the dashboard's stored counts). Plain SQL over that statement's aliases:
 * s (sessions), u (users), m (memberships), c (companies); nothing is bound.
 * The joins must be LEFT JOINs that find at most one row, so the session's
 * row neither goes nor doubles. Read with req_session_read().
 */
struct session_read {
	const struct route *route;	/* the module's route it is for */
	const char	*columns;	/* ", d.a, d.b": added to the select list */
	const char	*joins;		/* " LEFT JOIN ...": added to the joins */
};

/*
 * The version of this interface (struct portal_module, route, req, session
 * and the functions below), first in every module's descriptor: the host
 * refuses a module built against another portal.h (a stale .so left by an
 * upgrade) rather than read its tables wrongly. "ECS" and a number, raised
 * with any change a built module would misread.
 */
#define PORTAL_ABI	0x45435302u

struct portal_module {
	unsigned	 abi;		/* PORTAL_ABI */
	const char	*name;		/* as named in the configuration */
	const char	*prefix;	/* URL prefix without slashes, "" for the root */
	const struct route *routes;	/* ends with an entry whose handler is NULL */
	int		(*init)(void);	/* per worker, after fork; may be NULL; 0 is success */
	void		(*fini)(void);	/* per worker, before exit; may be NULL */
	const struct session_read *session_reads; /* ends with a NULL route; may be NULL */
};

/* What the worker knows of one request. Modules read it; the host owns it. */
struct req {
	enum method	 method;
	const char	*path;		/* decoded, without the query */
	const char	*ip;
	const char	*request_id;
	const struct route *route;
	struct session	*sess;		/* NULL on public routes */
	HDF		*hdf;		/* the page's data set */
	const char	*template;	/* defaults to route->template */
	unsigned long long ids[4];	/* the {id} segments of the path, in order */
	size_t		 nids;
	struct fieldval	*fields;	/* one per route field, same order */
	size_t		 nfields;
	int		 invalid;	/* number of fields that failed validation */
	struct upload	*uploads;
	struct db	*db;
	struct req_private *priv;	/* the host's own state */
};

/* ---- Request helpers (fcgi/req.c) ---- */

/* Allocates from the request; freed when the request ends. Never NULL. */
void		*req_alloc(struct req *, size_t);
char		*req_strdup(struct req *, const char *);
char		*req_printf(struct req *, const char *, ...)
			__attribute__((format(printf, 2, 3)));

/* The validated field named `name` of the route, or NULL if not declared. */
const struct fieldval *req_field(const struct req *, const char *name);

/* Sets the 303 target after a POST (a path of this site). Returns 303. */
int		 req_redirect(struct req *, const char *location);
/* A 303 to another site (http or https). Only for URLs built from the
 * configuration (a payment gateway), never from anything a user sent. */
int		 req_redirect_external(struct req *, const char *url);
/* The POST body exactly as it arrived (NUL-terminated; *len without it). */
const unsigned char *req_raw_body(const struct req *, size_t *len);
/* A request header as FastCGI names it ("HTTP_X_SIGNATURE"), or NULL. */
const char	*req_env(const struct req *, const char *name);
/* The decoded value of name in a query string (the form's own parser), or "" when
 * it is absent or the query is malformed. For a query the route does not declare
 * as fields: one a module signed itself and checks whole (a payment request). */
const char	*req_query_value(struct req *, const char *query, const char *name);
/* A message shown on the next page (carried in a short-lived cookie). */
void		 req_flash(struct req *, const char *message);
/* Adds a response header (name and value are copied). */
void		 req_header(struct req *, const char *name, const char *value);
/* A body the handler made itself (CSV, images). Returns 200. */
int		 req_body(struct req *, const char *content_type,
			const void *data, size_t len);
/* Writes an audit row for the signed-in user (or user_id 0). */
int		 req_audit(struct req *, const char *action, const char *kind,
			const char *object_id, const char *detail);
/* The same for a public page acting for a known user (a password set through a link). */
int		 req_audit_for(struct req *, unsigned long long company_id,
			unsigned long long user_id, const char *action, const char *kind,
			const char *object_id, const char *detail);

/* Sets an HDF value, copying it (user data only ever as values). */
void		 req_set(struct req *, const char *name, const char *value);
void		 req_setf(struct req *, const char *name, const char *fmt, ...)
			__attribute__((format(printf, 3, 4)));
/* Puts every declared field's value and error into Form.NAME.value/error. */
void		 req_form_to_hdf(struct req *);

/* The token a form of a public page carries (the pre-session cookie's),
 * for routes flagged R_PRESESSION_CSRF. */
const char	*req_pre_token(struct req *);

/* A wrong password given by the signed-in user: counted with the sign-in failures (ten
 * in 15 minutes lock the account). 1 when that locked it: the session has ended, and the
 * handler answers req_redirect(r, "/login"). */
int		 req_password_failed(struct req *);

/* Whether the signed-in user holds a permission. */
int		 req_can(const struct req *, int perm);
/* A keyset page: LIST.0, LIST.1, ... fetched with one row more than a page
 * (size + 1, so the query tells whether there is a next page). Drops that row,
 * sets *shown to the rows kept and returns the "id" column of the page's last
 * row when there is a next page (the cursor of its link), else 0. */
unsigned long long req_page_trim(struct req *, const char *list, size_t fetched,
			size_t size, size_t *shown);
/* Column i of the route's session_read columns, read with the session; NULL
 * for SQL NULL (a LEFT JOIN that found nothing) or when there is none. */
const char	*req_session_read(const struct req *, unsigned i);

/* Percent-encodes s for a query string value. */
const char	*req_url_escape(struct req *, const char *s);

/* SQL: the words a funds_ledger kind is shown with (Financial History, the funds page). */
#define FUNDS_KIND_LABEL(col) \
	"CASE " col " WHEN 'advance_payment' THEN 'Funds added (advance payment)'" \
	" WHEN 'purchase' THEN 'Paid from funds' WHEN 'refund' THEN 'Refund to funds'" \
	" ELSE 'Adjustment' END"

/* Formats pence as "£1,234.56" into the request's memory. */
const char	*req_money(struct req *, long long pence);

/* A random single-use token: *hex (64 characters, for the page) and its
 * SHA-256 (for the database). */
void		 req_token(struct req *, const char **hex, unsigned char hash[32]);
/* The SHA-256 of a token sent back; -1 if it is not 64 hex digits. */
int		 token_hash(const char *hex, unsigned char hash[32]);
/* A value sealed for this session (fcgi/sealed.h): base64url text that may go in
 * a URL (no padding; at most 1,024 bytes of value) and that only req_unseal of the
 * same session with the same context opens: the value travels without being read
 * (the search of Current Employees). context names the use ("employee-search-v1").
 * NULL without a session or for a longer value. */
const char	*req_seal(struct req *, const char *context, const char *value);
/* The value req_seal sealed, or NULL when token does not open: another session
 * (signed out and in again) or context, altered, truncated, empty. */
const char	*req_unseal(struct req *, const char *context, const char *token);
/*
 * A secret the portal must read back (a TOTP secret), sealed before it is
 * stored with the configuration's data-key and context (naming the column):
 * "k1." and the sealed text, which a copy of the database alone does not
 * open. Without a data-key configured, the value as it is. NULL if too long.
 */
const char	*req_seal_stored(struct req *, const char *context, const char *value);
/* What req_seal_stored stored: a value without "k1." as it is (stored with no
 * data-key); NULL when it does not open (another key or context, altered). */
const char	*req_open_stored(struct req *, const char *context, const char *stored);
/* HMAC-SHA256 of data under key as 64 hex digits (signed gateway messages). */
const char	*req_hmac_hex(struct req *, const char *key, const void *data, size_t len);
/* Whether hex (64 digits, either case) is that HMAC; compared in constant time. */
int		 hmac_hex_ok(const char *key, const void *data, size_t len, const char *hex);
/* A payment gateway's signed notification (form-encoded body, HMAC-SHA256
 * over its raw bytes): fcgi/notice.c. */
struct payment_notice {
	unsigned long long payment;
	long long	 amount;	/* pence */
	long long	 ts;		/* when the gateway sent it, Unix seconds */
	char		 txn[65];	/* the gateway's transaction id (a token) */
	char		 currency[65];	/* a token, e.g. GBP */
	char		 status[65];	/* a token; the caller checks which */
	char		 reason[1024];	/* any one-line-or-more text, "" when absent;
					 * cut at a character boundary */
};

/*
 * Checks sighex (64 hex digits) against HMAC-SHA256(key, body), then reads
 * the fields payment, txn, amount, currency, status, reason and ts (the first
 * value of each counts; all but reason required). Returns NULL and fills *n,
 * or the reason for refusing the notification.
 */
const char *payment_notice_parse(const char *key, const unsigned char *body, size_t len,
	    const char *sighex, struct payment_notice *n);

/* Splits an uploaded CSV file into rows (see csv.h); -1 with *err. */
long		 req_csv(struct req *, const void *data, size_t len, size_t max_rows,
			struct csv_row **rows, const char **err);

/* A module's setting from the configuration (<param> in its <module>), or dflt. */
const char	*portal_param(const char *module, const char *name, const char *dflt);
long		 portal_param_long(const char *module, const char *name, long dflt);
/* The largest file a form may upload (<uploads max-bytes>): handlers refuse
 * larger ones with a message of their own. */
size_t		 portal_upload_max(void);
/* The public base URL, e.g. https://portal.example.org (no trailing slash). */
const char	*portal_base_url(void);
/* The payment gateway of the configuration (<payment-gateway url merchant
 * secret>), or NULL when there is none. The host allows the url's origin as
 * a form-action in its Content-Security-Policy, since PAY redirects there. */
struct gateway_config {
	const char	*url, *merchant, *secret;
};
const struct gateway_config *portal_gateway(void);
/* The online assessment service (<assessment-service url secret>), or NULL
 * when there is none. Its origin is a form-action of the CSP, like the
 * gateway's: the sign-in button's answer redirects there. */
struct assessment_service_config {
	const char	*url, *secret;
};
const struct assessment_service_config *portal_assessment_service(void);
/* Whether the configuration says this is a demo (<demo>true</demo>). */
int		 portal_is_demo(void);

/* ---- Logging (fcgi/log.c): one line to the worker's log; never a secret. */
void	 log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- Database (fcgi/db.c). Prepared statements only. ----
 *
 * Statements are prepared once per connection and cached by the address of
 * the SQL text: pass string literals or static tables, never built strings.
 * Parameters are described by a type string: 'i' long long, 'u' unsigned
 * long long, 's' const char * (NULL binds SQL NULL), 'b' a blob given as
 * (const void *, size_t).
 *
 * Every function returns 0 on success or an HTTP status: 503 when the
 * database cannot be reached (the worker reconnects by itself later), 409
 * for a duplicate key, 500 for anything else (logged).
 */
struct dbres;

int	 db_exec(struct db *, const char *sql, const char *types, ...);
/* Runs a query and keeps its rows in *res (free with db_free). */
int	 db_query(struct db *, struct dbres **res, const char *sql,
		const char *types, ...);
int	 db_next(struct dbres *);		/* 1 a row, 0 no more */
void	 db_rewind(struct dbres *);		/* back before the first row */
const char *db_str(const struct dbres *, unsigned col);	/* NULL for NULL */
size_t	 db_len(const struct dbres *, unsigned col);
long long db_int(const struct dbres *, unsigned col);	/* 0 for NULL */
size_t	 db_rows(const struct dbres *);
void	 db_free(struct dbres *);
unsigned long long db_last_id(struct db *);
unsigned long long db_affected(struct db *);
/* The next statement's write changes nothing a kept session row or page
 * shows (the session's last-seen time; a lookup's own rows): the company's
 * kept pages and sessions stay (sesscache.h, pagecache.h). */
void	 db_writes_ignore_next(struct db *);

/* Each row into PREFIX.N.column; the number of rows into *n (may be NULL). */
int	 db_rows_hdf(struct db *, HDF *, const char *prefix, size_t *n,
		const char *sql, const char *types, ...);
/* Several lists from one UNION ALL: column 0 the list (an index into prefixes),
 * column 1 the order within it; each row into PREFIX.N.column with N counted per
 * list (counts, nprefixes long, required), or into PREFIXcolumn for a prefix
 * ending in '.' (a one-row list); NULL columns left out. */
int	 db_sections_hdf(struct db *, HDF *, const char *const *prefixes, size_t nprefixes,
		size_t *counts, const char *sql, const char *types, ...);
/* The first row into PREFIX.column; *found says whether there was one. */
int	 db_row_hdf(struct db *, HDF *, const char *prefix, int *found,
		const char *sql, const char *types, ...);

int	 db_begin(struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);

#endif
