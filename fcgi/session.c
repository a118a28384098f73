/*
 * session.c: sessions in MariaDB, so any worker on any host serves any
 * request. The cookie holds 256 random bits; only their SHA-256 is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db.h"
#include "host.h"
#include "log.h"
#include "sesscache.h"

/* The session's statement in three parts, so a route's session_read can add
 * its columns and joins (router_add composes them once, session_compose).
 * SESSION_READ_FIRST_COL (host.h) is the number of columns here. */
#define SQL_LOAD_COLUMNS \
    "SELECT s.user_id, s.company_id, s.csrf, m.level," \
    " IFNULL(m.group_id, 0), IFNULL(m.office_id, 0), m.permissions," \
    " CONCAT_WS(' ', NULLIF(u.first_name, ''), NULLIF(u.last_name, '')), u.email, c.name," \
    " IFNULL(g.name, ''), IFNULL(o.name, '')," \
    " s.last_seen_at < NOW(6) - INTERVAL 60 SECOND," \
    /* 'code' until the second step; enrol while the company requires it and it is missing. */ \
    " IF(s.stage = 'code', 1, IF(c.require_2fa AND u.totp_secret IS NULL, 2, 0))"
#define SQL_LOAD_JOINS \
    " FROM sessions s" \
    " JOIN users u ON u.id = s.user_id" \
    " JOIN memberships m ON m.user_id = s.user_id AND m.company_id = s.company_id" \
    " JOIN companies c ON c.id = s.company_id" \
    " LEFT JOIN company_groups g ON g.id = m.group_id" \
    " LEFT JOIN offices o ON o.id = m.office_id"
#define SQL_LOAD_WHERE \
    " WHERE s.id_hash = ?" \
    " AND s.last_seen_at > NOW(6) - INTERVAL ? MINUTE" \
    " AND s.created_at > NOW(6) - INTERVAL ? HOUR" \
    " AND u.status = 'active' AND m.status = 'active' AND c.status = 'active'"

static const char *const sql_load = SQL_LOAD_COLUMNS SQL_LOAD_JOINS SQL_LOAD_WHERE;

/* Touched at most once a minute: one write per request would cost more. */
static const char *const sql_touch =
    "UPDATE sessions SET last_seen_at = NOW(6) WHERE id_hash = ?";
static const char *const sql_create =
    "INSERT INTO sessions (id_hash, user_id, company_id, csrf, stage, created_at,"
    " last_seen_at, ip) VALUES (?, ?, ?, ?, IF(? = 1, 'code', 'full'), NOW(6), NOW(6), ?)";
static const char *const sql_destroy =
    "DELETE FROM sessions WHERE id_hash = ?";
static const char *const sql_sweep =
    "DELETE FROM sessions WHERE last_seen_at < NOW(6) - INTERVAL ? MINUTE LIMIT 200";

/* __Host- over https: a sibling host cannot plant it (login CSRF). */
#define PRE_COOKIE	(r->priv->cfg->secure ? "__Host-portal_pre" : "portal_pre")
#define FLASH_COOKIE	"portal_flash"

static const char *
sid_cookie(const struct req *r)
{
	/* __Host- makes the browser insist on Secure, Path=/ and no Domain. */
	return r->priv->cfg->secure ? "__Host-portal_sid" : "portal_sid";
}

/* Decodes 64 hex digits into 32 bytes; -1 if it is not that. */
static int
unhex32(const char *s, size_t len, unsigned char out[32])
{
	size_t bin_len;

	if (s == NULL || len != 64)
		return -1;
	if (sodium_hex2bin(out, 32, s, 64, NULL, &bin_len, NULL) != 0 || bin_len != 32)
		return -1;
	return 0;
}

static void
random_hex(char out[65])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, 65, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

const char *
session_level_label(struct req *r, const char *level, const char *group, const char *office)
{
	if (strcmp(level, "group") == 0)
		return req_printf(r, "Group: %s", group);
	if (strcmp(level, "office") == 0)
		return req_printf(r, "Office: %s", office);
	return "Company";
}

char *
session_compose(const struct session_read *sr)
{
	static const char cols[] = SQL_LOAD_COLUMNS, joins[] = SQL_LOAD_JOINS,
	    where[] = SQL_LOAD_WHERE;
	size_t len = strlen(cols) + strlen(sr->columns) + strlen(joins) +
	    strlen(sr->joins) + strlen(where) + 1;
	char *sql = malloc(len);

	if (sql == NULL)
		abort();
	snprintf(sql, len, "%s%s%s%s%s", cols, sr->columns, joins, sr->joins, where);
	return sql;
}

/* The session from its row (the statement's or the cache's). */
static struct session *
session_from_row(struct req *r, struct dbres *res, const unsigned char hash[32])
{
	struct session *s = req_alloc(r, sizeof(*s));

	memset(s, 0, sizeof(*s));
	memcpy(s->id_hash, hash, 32);
	s->user_id = (unsigned long long)db_int(res, 0);
	s->company_id = (unsigned long long)db_int(res, 1);
	snprintf(s->csrf, sizeof(s->csrf), "%s", db_str(res, 2) ? db_str(res, 2) : "");
	if (strcmp(db_str(res, 3), "group") == 0)
		s->scope_group = (unsigned long long)db_int(res, 4);
	else if (strcmp(db_str(res, 3), "office") == 0)
		s->scope_office = (unsigned long long)db_int(res, 5);
	s->stage = (int)db_int(res, 13);
	/* No permission before the second step or the enrolment the company requires. */
	s->perms = s->stage != STAGE_FULL ? 0 :
	    (uint64_t)strtoull(db_str(res, 6), NULL, 10) & PERM_ALL;
	s->user_name = req_strdup(r, db_str(res, 7));
	s->user_email = req_strdup(r, db_str(res, 8));
	s->company_name = req_strdup(r, db_str(res, 9));
	s->level_label = session_level_label(r, db_str(res, 3), db_str(res, 10), db_str(res, 11));
	s->row = res;
	return s;
}

int
session_load(struct req *r)
{
	const struct param *c = params_get(&r->priv->cookies, sid_cookie(r));
	const char *sql = r->priv->session_sql ? r->priv->session_sql : sql_load;
	unsigned char raw[32], hash[32];
	struct dbres *res;
	uint64_t epoch;
	int rc;

	r->sess = NULL;
	if (c == NULL || unhex32(c->value, c->len, raw) < 0)
		return 0;
	crypto_hash_sha256(hash, raw, sizeof(raw));
	if ((res = sesscache_get(r->db, hash, sql)) != NULL) {
		r->sess = session_from_row(r, res, hash);
		return 0;
	}
	epoch = sesscache_epoch();
	rc = db_query(r->db, &res, sql, "bii", hash, sizeof(hash),
	    (long long)r->priv->cfg->idle_minutes,
	    (long long)r->priv->cfg->absolute_hours);
	if (rc != 0)
		return rc;
	/* SESSION_READ_FIRST_COL must count SQL_LOAD_COLUMNS, or every session_read
	 * would read its neighbour's column. */
	if ((sql == sql_load ? db_ncols(res) != SESSION_READ_FIRST_COL :
	    db_ncols(res) <= SESSION_READ_FIRST_COL)) {
		log_error("session: %u columns, SESSION_READ_FIRST_COL is %d", db_ncols(res),
		    SESSION_READ_FIRST_COL);
		return HTTP_SERVER_ERROR;
	}
	if (!db_next(res))
		return 0;
	if (db_int(res, 12)) {
		/* Only the last-seen time: no cached row needs to end for it. */
		db_writes_ignore_next(r->db);
		rc = db_exec(r->db, sql_touch, "b", hash, sizeof(hash));
		if (rc != 0)
			return rc;
	}
	r->sess = session_from_row(r, res, hash);
	sesscache_put(hash, sql, res, r->sess->company_id, epoch);
	return 0;
}

int
session_create(struct req *r, unsigned long long user_id,
    unsigned long long company_id, int stage)
{
	unsigned char raw[32], hash[32];
	char cookie[65], csrf[65];
	int rc;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(cookie, sizeof(cookie), raw, sizeof(raw));
	crypto_hash_sha256(hash, raw, sizeof(raw));
	random_hex(csrf);
	/* Only sessions past their idle time, which no kept row outlives by more than cache-ms. */
	db_writes_ignore_next(r->db);
	(void)db_exec(r->db, sql_sweep, "i", (long long)r->priv->cfg->idle_minutes);
	rc = db_exec(r->db, sql_create, "buusis", hash, sizeof(hash), user_id,
	    company_id, csrf, (long long)stage, r->ip);
	if (rc != 0)
		return rc;
	render_set_cookie(r, sid_cookie(r), cookie, -1, "Lax");
	/* The pre-session token has done its job. */
	render_set_cookie(r, PRE_COOKIE, "", 0, "Strict");
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

int
session_forget(struct req *r)
{
	int rc = 0;

	if (r->sess)
		rc = db_exec(r->db, sql_destroy, "b", r->sess->id_hash, (size_t)32);
	r->sess = NULL;
	return rc;
}

int
session_destroy(struct req *r)
{
	int rc = 0;

	if (r->sess)
		rc = db_exec(r->db, sql_destroy, "b", r->sess->id_hash, (size_t)32);
	render_set_cookie(r, sid_cookie(r), "", 0, "Lax");
	r->sess = NULL;
	return rc;
}

const char *
session_pre_token(struct req *r)
{
	const struct param *c = params_get(&r->priv->cookies, PRE_COOKIE);
	unsigned char raw[32];
	char *tok;

	if (c && unhex32(c->value, c->len, raw) == 0)
		return c->value;
	tok = req_alloc(r, 65);
	random_hex(tok);
	render_set_cookie(r, PRE_COOKIE, tok, 7200, "Strict");
	return tok;
}

int
session_pre_token_ok(struct req *r, const char *sent)
{
	const struct param *c = params_get(&r->priv->cookies, PRE_COOKIE);
	unsigned char raw[32];

	if (c == NULL || sent == NULL || unhex32(c->value, c->len, raw) < 0 ||
	    strlen(sent) != 64)
		return 0;
	return sodium_memcmp(c->value, sent, 64) == 0;
}

int
session_flash_pending(struct req *r)
{
	const struct param *c = params_get(&r->priv->cookies, FLASH_COOKIE);

	return c != NULL && c->len > 0;
}

void
session_flash_in(struct req *r)
{
	const struct param *c = params_get(&r->priv->cookies, FLASH_COOKIE);
	char *text;
	size_t len;

	/* A HEAD (a link checker, a prefetch) shows nothing: the message waits for the page. */
	if (c == NULL || c->len == 0 || r->priv->head)
		return;
	if (url_decode(&r->priv->arena, c->value, c->len, &text, &len) == 0 &&
	    len <= 300 && utf8_clean(text, 0))
		hdf_set_value(r->hdf, "Flash", text);
	render_set_cookie(r, FLASH_COOKIE, "", 0, "Lax");
}

void
session_flash_out(struct req *r)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)r->priv->flash_out;
	char *enc, *p;

	if (s == NULL)
		return;
	enc = p = req_alloc(r, strlen((const char *)s) * 3 + 1);
	for (; *s; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '_')
			*p++ = (char)*s;
		else {
			*p++ = '%';
			*p++ = hex[*s >> 4];
			*p++ = hex[*s & 15];
		}
	}
	*p = '\0';
	render_set_cookie(r, FLASH_COOKIE, enc, 60, "Lax");
}
