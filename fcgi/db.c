/*
 * db.c: MariaDB Connector/C with prepared statements only.
 *
 * MYSQL_OPT_RECONNECT stays off: it silently drops prepared statements and
 * rolls back open transactions. Instead a lost connection is reopened and
 * the statement prepared again, once, outside a transaction; inside one the
 * request fails with 503. A write is sent again only when it cannot have
 * run (a connection found closed before it was sent: Connector/C notices a
 * server's goodbye on an idle connection); one whose answer was lost, or that
 * the server stopped part-way, answers 503 (gone).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "db.h"
#include "log.h"
#include "portal.h"

#define DB_MAXPARAMS	64
#define RETRY_AFTER_MS	1000	/* after a slow failed connect, fail fast this long */
#define SLOW_CONNECT_MS	500	/* a failure this slow (a timeout) backs off */

struct stmt_slot {
	const char	*sql;		/* the key: the address of the text */
	MYSQL_STMT	*st;
	int		 writes;	/* DB_WROTE_* it counts as (write_kind), 0 if it reads */
};

struct db {
	const struct config *cfg;
	MYSQL		*my;
	int		 in_tx;
	struct stmt_slot *slots;
	size_t		 cap, used;
	struct arena	*arena;
	struct arena	 own;		/* when no request arena is set */
	unsigned long long last_id, affected;
	unsigned long	 trips, prepares;
	struct timespec	 failed_at;
	int		 failed;	/* back off: the last failure was slow */
	int		 down;		/* the last connect failed */
	int		 writes;	/* DB_WROTE_*, since db_take_writes */
	int		 ignore_next;	/* the next statement's write is not one */
};

struct dbres {
	unsigned	 ncols;
	size_t		 nrows, cur;	/* cur is 1-based after db_next */
	const char	**vals;		/* nrows * ncols, NULL for SQL NULL */
	size_t		*lens;
	const char	**names;
};

static long
ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

struct db *
db_new(const struct config *cfg)
{
	struct db *db = calloc(1, sizeof(*db));

	if (db == NULL)
		abort();
	db->cfg = cfg;
	db->arena = &db->own;
	return db;
}

static void
disconnect(struct db *db)
{
	size_t i;

	if (db->my)
		mysql_close(db->my);	/* detaches the statements */
	db->my = NULL;
	for (i = 0; i < db->cap; i++)
		if (db->slots[i].st) {
			mysql_stmt_close(db->slots[i].st);
			db->slots[i].st = NULL;
			db->slots[i].sql = NULL;
		}
	db->used = 0;
	db->in_tx = 0;
}

void
db_destroy(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db->slots);
	arena_free(&db->own);
	free(db);
}

void
db_set_arena(struct db *db, struct arena *a)
{
	db->arena = a ? a : &db->own;
	if (a == NULL)
		arena_reset(&db->own);
}

unsigned long
db_round_trips(const struct db *db)
{
	return db->trips;
}

unsigned long
db_prepares(const struct db *db)
{
	return db->prepares;
}

int
db_take_writes(struct db *db)
{
	int w = db->writes;

	db->writes = 0;
	db->ignore_next = 0;
	return w;
}

void
db_note_write(struct db *db)
{
	db->writes |= DB_WROTE | DB_WROTE_CHANGE | DB_WROTE_SESSIONS;
}

void
db_writes_ignore_next(struct db *db)
{
	db->ignore_next = 1;
}

static int
connect_db(struct db *db)
{
	const struct config *c = db->cfg;
	unsigned int timeout = 2, rw = 30;
	my_bool off = 0;

	struct timespec start;

	/* A refused connection costs nothing: try again on every request, so all
	 * workers are back the moment the server is. Only a slow failure (a
	 * connect timeout to an unreachable host) makes the next requests fail
	 * fast for a while instead of each waiting for the timeout. */
	if (db->failed && ms_since(&db->failed_at) < RETRY_AFTER_MS)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &start);
	db->my = mysql_init(NULL);
	if (db->my == NULL)
		abort();
	mysql_options(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(db->my, MYSQL_OPT_RECONNECT, &off);
	mysql_options(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(db->my, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
	    "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
	if (mysql_real_connect(db->my,
	    c->db_socket && c->db_socket[0] ? NULL : c->db_host,
	    c->db_user, c->db_password, c->db_name, c->db_port,
	    c->db_socket && c->db_socket[0] ? c->db_socket : NULL,
	    CLIENT_MULTI_STATEMENTS) == NULL) {
		log_error("db: cannot connect: %s", mysql_error(db->my));
		mysql_close(db->my);
		db->my = NULL;
		db->failed = ms_since(&start) >= SLOW_CONNECT_MS;
		clock_gettime(CLOCK_MONOTONIC, &db->failed_at);
		db->down = 1;
		return -1;
	}
	if (db->down)
		log_info("db: connected again");
	db->failed = 0;
	db->down = 0;
	return 0;
}

/*
 * Whether the connection is gone, so that a new one may work: GONE_UNSENT
 * when the statement cannot have run, GONE_MAYBE_RAN when it may have (its
 * answer lost, or the server stopping it part-way): a write is then not sent
 * again. 0 for any other error.
 */
#define GONE_UNSENT	1
#define GONE_MAYBE_RAN	2
static int
gone(unsigned err)
{
	switch (err) {
	case CR_SERVER_GONE_ERROR:
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case ER_UNKNOWN_STMT_HANDLER:
	case 4031:	/* disconnected for inactivity */
		return GONE_UNSENT;
	case CR_SERVER_LOST:
	case 2055:	/* CR_SERVER_LOST_EXTENDED */
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
		return GONE_MAYBE_RAN;
	default:
		return 0;
	}
}

static int
classify(struct db *db, unsigned err, const char *msg, const char *sql)
{
	if (err == ER_DUP_ENTRY || err == ER_DUP_ENTRY_WITH_KEY_NAME)
		return HTTP_CONFLICT;
	if (gone(err) || err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT) {
		log_error("db: %u %s", err, msg);
		if (gone(err))
			disconnect(db);
		return HTTP_UNAVAILABLE;
	}
	log_error("db: error %u: %s in: %.200s", err, msg, sql);
	return HTTP_SERVER_ERROR;
}

static size_t
slot_index(const struct db *db, const char *sql)
{
	uintptr_t h = (uintptr_t)sql;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(h >> 7) & (db->cap - 1);
}

static void
slots_grow(struct db *db)
{
	struct stmt_slot *old = db->slots;
	size_t oldcap = db->cap, i;

	db->cap = oldcap ? oldcap * 2 : 256;
	db->slots = calloc(db->cap, sizeof(*db->slots));
	if (db->slots == NULL)
		abort();
	for (i = 0; i < oldcap; i++)
		if (old[i].st) {
			size_t j = slot_index(db, old[i].sql);

			while (db->slots[j].st)
				j = (j + 1) & (db->cap - 1);
			db->slots[j] = old[i];
		}
	free(old);
}

/*
 * A statement without a result set wrote. It wrote what a
 * session's row is read from (sesscache.h) when it names one of those tables,
 * unless it only inserts: a new row is in no session read before it.
 */
static int
write_kind(const char *sql)
{
	static const char *const tables[] = { "users", "memberships", "sessions",
	    "companies" };
	const char *p;
	size_t i, n;

	if (strncmp(sql, "INSERT", 6) == 0 && strstr(sql, "ON DUPLICATE") == NULL)
		return DB_WROTE;
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		n = strlen(tables[i]);
		for (p = strstr(sql, tables[i]); p; p = strstr(p + n, tables[i]))
			if ((p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
			    !(isalnum((unsigned char)p[n]) || p[n] == '_'))
				return DB_WROTE | DB_WROTE_CHANGE | DB_WROTE_SESSIONS;
	}
	return DB_WROTE | DB_WROTE_CHANGE;
}

/* The prepared statement for sql, preparing (and classing) it on first use. */
static struct stmt_slot *
stmt_get(struct db *db, const char *sql, unsigned *err, const char **msg)
{
	MYSQL_STMT *st;
	my_bool on = 1;
	size_t i;

	if (db->used * 2 >= db->cap)
		slots_grow(db);
	for (i = slot_index(db, sql); db->slots[i].st; i = (i + 1) & (db->cap - 1))
		if (db->slots[i].sql == sql)
			return &db->slots[i];
	st = mysql_stmt_init(db->my);
	if (st == NULL)
		abort();
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*err = mysql_stmt_errno(st);
		*msg = arena_strdup(db->arena, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	db->trips++;
	db->prepares++;
	db->slots[i].sql = sql;
	db->slots[i].st = st;
	/* A procedure's text does not say what it writes: anything. */
	db->slots[i].writes = strncmp(sql, "CALL", 4) == 0 ?
	    DB_WROTE | DB_WROTE_CHANGE | DB_WROTE_SESSIONS :
	    mysql_stmt_field_count(st) == 0 ? write_kind(sql) : 0;
	db->used++;
	return &db->slots[i];
}

/* Binds the parameters described by types from ap. -1 if they do not fit. */
static int
bind_params(struct db *db, MYSQL_STMT *st, MYSQL_BIND *b, const char *types,
    va_list ap)
{
	size_t n = strlen(types), i;

	if (n > DB_MAXPARAMS || n != mysql_stmt_param_count(st))
		return -1;
	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (types[i]) {
		case 'i': {
			long long *v = arena_alloc(db->arena, sizeof(*v));

			*v = va_arg(ap, long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = v;
			break;
		}
		case 'u': {
			unsigned long long *v = arena_alloc(db->arena, sizeof(*v));

			*v = va_arg(ap, unsigned long long);
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].is_unsigned = 1;
			b[i].buffer = v;
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (s == NULL)
				b[i].buffer_type = MYSQL_TYPE_NULL;
			else {
				b[i].buffer_type = MYSQL_TYPE_STRING;
				b[i].buffer = (void *)(uintptr_t)s;
				b[i].buffer_length = strlen(s);
			}
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			size_t len = va_arg(ap, size_t);

			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)(uintptr_t)p;
			b[i].buffer_length = len;
			break;
		}
		default:
			return -1;
		}
	}
	return n ? (mysql_stmt_bind_param(st, b) ? -1 : 0) : 0;
}

/* Copies every row of an executed statement into a result in the arena. */
static int
store_rows(struct db *db, MYSQL_STMT *st, struct dbres **out)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	struct dbres *r;
	MYSQL_BIND *b;
	MYSQL_FIELD *f;
	unsigned long *lens;
	my_bool *nulls, *errs;
	unsigned i;
	size_t row;
	int rc;

	if (meta == NULL) {
		*out = NULL;
		return -1;
	}
	if (mysql_stmt_store_result(st) != 0) {
		mysql_free_result(meta);
		return -1;
	}
	r = arena_alloc(db->arena, sizeof(*r));
	r->ncols = mysql_num_fields(meta);
	r->nrows = (size_t)mysql_stmt_num_rows(st);
	r->cur = 0;
	r->vals = arena_alloc(db->arena, (r->nrows * r->ncols + 1) * sizeof(*r->vals));
	r->lens = arena_alloc(db->arena, (r->nrows * r->ncols + 1) * sizeof(*r->lens));
	r->names = arena_alloc(db->arena, (r->ncols + 1) * sizeof(*r->names));
	f = mysql_fetch_fields(meta);
	b = arena_alloc(db->arena, (r->ncols + 1) * sizeof(*b));
	lens = arena_alloc(db->arena, (r->ncols + 1) * sizeof(*lens));
	nulls = arena_alloc(db->arena, r->ncols + 1);
	errs = arena_alloc(db->arena, r->ncols + 1);
	memset(b, 0, (r->ncols + 1) * sizeof(*b));
	for (i = 0; i < r->ncols; i++) {
		size_t size = f[i].max_length > 64 ? f[i].max_length : 64;

		r->names[i] = arena_strdup(db->arena, f[i].name);
		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer_length = size + 1;
		b[i].length = &lens[i];
		b[i].is_null = &nulls[i];
		b[i].error = &errs[i];
	}
	mysql_free_result(meta);
	for (row = 0; row < r->nrows; row++) {
		/* Fresh buffers per row: the values are kept. */
		for (i = 0; i < r->ncols; i++)
			b[i].buffer = arena_alloc(db->arena, b[i].buffer_length);
		if (mysql_stmt_bind_result(st, b) != 0)
			return -1;
		rc = mysql_stmt_fetch(st);
		if (rc == 1 || rc == MYSQL_NO_DATA)
			return -1;
		for (i = 0; i < r->ncols; i++) {
			size_t k = row * r->ncols + i;

			if (nulls[i]) {
				r->vals[k] = NULL;
				r->lens[k] = 0;
				continue;
			}
			if (lens[i] >= b[i].buffer_length) {
				/* Longer than max_length said: fetch it again. */
				MYSQL_BIND one;

				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = arena_alloc(db->arena, lens[i] + 1);
				one.buffer_length = lens[i] + 1;
				if (mysql_stmt_fetch_column(st, &one, i, 0) != 0)
					return -1;
				b[i].buffer = one.buffer;
			}
			((char *)b[i].buffer)[lens[i]] = '\0';
			r->vals[k] = b[i].buffer;
			r->lens[k] = lens[i];
		}
	}
	*out = r;
	return 0;
}

/*
 * Ends an executed statement's results. A CALL answers with its procedure's
 * result set and then its own status, both already arrived (no round trip):
 * read to the end so that the connection is ready for the next statement; a
 * further result set is not kept. A result is freed only while one is open
 * (freeing after the last status would leave the handle expecting rows that
 * never come). -1 if the server reports an error there.
 */
static int
end_results(MYSQL_STMT *st)
{
	int rc;

	mysql_stmt_free_result(st);
	while (mysql_stmt_more_results(st)) {
		if ((rc = mysql_stmt_next_result(st)) != 0)
			return rc > 0 ? -1 : 0;
		if (mysql_stmt_field_count(st) > 0)
			mysql_stmt_free_result(st);
	}
	return 0;
}

static int
run(struct db *db, struct dbres **res, const char *sql, const char *types,
    va_list ap)
{
	MYSQL_BIND params[DB_MAXPARAMS];
	unsigned err = 0;
	const char *msg = "";
	int attempt, ignore = db->ignore_next;

	/* For this statement only, whether or not it runs. */
	db->ignore_next = 0;
	if (res)
		*res = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		struct stmt_slot *slot;
		MYSQL_STMT *st;
		va_list aq;
		int brc;

		if (db->my == NULL) {
			if (db->in_tx)
				return HTTP_UNAVAILABLE;
			if (connect_db(db) < 0)
				return HTTP_UNAVAILABLE;
		}
		slot = stmt_get(db, sql, &err, &msg);
		if (slot == NULL) {
			if (gone(err) && !db->in_tx) {
				disconnect(db);
				continue;
			}
			return classify(db, err, msg, sql);
		}
		st = slot->st;
		va_copy(aq, ap);
		brc = bind_params(db, st, params, types, aq);
		va_end(aq);
		if (brc < 0) {
			log_error("db: parameters \"%s\" do not fit: %.200s", types, sql);
			return HTTP_SERVER_ERROR;
		}
		db->trips++;
		if (mysql_stmt_execute(st) != 0) {
			err = mysql_stmt_errno(st);
			msg = arena_strdup(db->arena, mysql_stmt_error(st));
			/* A write that may have run (and committed) is not sent
			 * again; a read, or a write never sent, is. */
			if (gone(err) && !db->in_tx &&
			    (slot->writes == 0 || gone(err) == GONE_UNSENT)) {
				disconnect(db);
				continue;
			}
			return classify(db, err, msg, sql);
		}
		db->last_id = mysql_stmt_insert_id(st);
		db->affected = mysql_stmt_affected_rows(st);
		if (!ignore)
			db->writes |= slot->writes;
		if (res && mysql_stmt_field_count(st) > 0) {
			if (store_rows(db, st, res) < 0) {
				err = mysql_stmt_errno(st);
				msg = arena_strdup(db->arena, mysql_stmt_error(st));
				(void)end_results(st);
				return classify(db, err ? err : 2000, msg, sql);
			}
		}
		if (end_results(st) < 0) {
			err = mysql_stmt_errno(st);
			msg = arena_strdup(db->arena, mysql_stmt_error(st));
			return classify(db, err ? err : 2000, msg, sql);
		}
		return 0;
	}
	return classify(db, err, msg, sql);
}

int
db_exec(struct db *db, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = run(db, NULL, sql, types, ap);
	va_end(ap);
	return rc;
}

int
db_query(struct db *db, struct dbres **res, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = run(db, res, sql, types, ap);
	va_end(ap);
	if (rc == 0 && *res == NULL) {
		/* A statement without a result set: an empty one. */
		*res = arena_alloc(db->arena, sizeof(**res));
		memset(*res, 0, sizeof(**res));
	}
	return rc;
}

int
db_next(struct dbres *r)
{
	if (r == NULL || r->cur >= r->nrows)
		return 0;
	r->cur++;
	return 1;
}

void
db_rewind(struct dbres *r)
{
	if (r)
		r->cur = 0;
}

const char *
db_str(const struct dbres *r, unsigned col)
{
	if (r == NULL || r->cur == 0 || col >= r->ncols)
		return NULL;
	return r->vals[(r->cur - 1) * r->ncols + col];
}

unsigned
db_ncols(const struct dbres *r)
{
	return r ? r->ncols : 0;
}

size_t
db_len(const struct dbres *r, unsigned col)
{
	if (r == NULL || r->cur == 0 || col >= r->ncols)
		return 0;
	return r->lens[(r->cur - 1) * r->ncols + col];
}

long long
db_int(const struct dbres *r, unsigned col)
{
	const char *s = db_str(r, col);

	return s ? strtoll(s, NULL, 10) : 0;
}

size_t
db_rows(const struct dbres *r)
{
	return r ? r->nrows : 0;
}

/* Packed: the column count, then each column's length (~0 for NULL) and bytes. */
void *
db_row_pack(const struct dbres *r, size_t *len)
{
	uint32_t n, l;
	size_t i, size = sizeof(n);
	char *buf, *p;

	if (r == NULL || r->cur == 0)
		return NULL;
	for (i = 0; i < r->ncols; i++)
		size += sizeof(l) + r->lens[(r->cur - 1) * r->ncols + i];
	if ((buf = p = malloc(size)) == NULL)
		abort();
	n = r->ncols;
	memcpy(p, &n, sizeof(n));
	p += sizeof(n);
	for (i = 0; i < r->ncols; i++) {
		size_t k = (r->cur - 1) * r->ncols + i;

		l = r->vals[k] ? (uint32_t)r->lens[k] : UINT32_MAX;
		memcpy(p, &l, sizeof(l));
		p += sizeof(l);
		if (r->vals[k]) {
			memcpy(p, r->vals[k], r->lens[k]);
			p += r->lens[k];
		}
	}
	*len = size;
	return buf;
}

struct dbres *
db_row_unpack(struct db *db, const void *packed)
{
	const char *p = packed;
	struct dbres *r = arena_alloc(db->arena, sizeof(*r));
	uint32_t n, l;
	unsigned i;

	memcpy(&n, p, sizeof(n));
	p += sizeof(n);
	r->ncols = n;
	r->nrows = 1;
	r->cur = 1;
	r->vals = arena_alloc(db->arena, (n + 1) * sizeof(*r->vals));
	r->lens = arena_alloc(db->arena, (n + 1) * sizeof(*r->lens));
	r->names = arena_alloc(db->arena, (n + 1) * sizeof(*r->names));
	for (i = 0; i < n; i++) {
		char *v;

		memcpy(&l, p, sizeof(l));
		p += sizeof(l);
		r->names[i] = "";
		if (l == UINT32_MAX) {
			r->vals[i] = NULL;
			r->lens[i] = 0;
			continue;
		}
		v = arena_alloc(db->arena, (size_t)l + 1);
		memcpy(v, p, l);
		v[l] = '\0';
		p += l;
		r->vals[i] = v;
		r->lens[i] = l;
	}
	return r;
}

void
db_free(struct dbres *r)
{
	(void)r;	/* the arena owns it */
}

unsigned long long
db_last_id(struct db *db)
{
	return db->last_id;
}

unsigned long long
db_affected(struct db *db)
{
	return db->affected;
}

static void
res_to_hdf(const struct dbres *r, HDF *hdf, const char *prefix, size_t row,
    int numbered)
{
	char name[256];
	unsigned i;

	for (i = 0; i < r->ncols; i++) {
		const char *v = r->vals[row * r->ncols + i];

		if (v == NULL)
			continue;
		if (numbered)
			snprintf(name, sizeof(name), "%s.%zu.%s", prefix, row, r->names[i]);
		else
			snprintf(name, sizeof(name), "%s.%s", prefix, r->names[i]);
		hdf_set_value(hdf, name, v);
	}
}

int
db_rows_hdf(struct db *db, HDF *hdf, const char *prefix, size_t *n,
    const char *sql, const char *types, ...)
{
	struct dbres *r = NULL;
	va_list ap;
	size_t row;
	int rc;

	va_start(ap, types);
	rc = run(db, &r, sql, types, ap);
	va_end(ap);
	if (n)
		*n = 0;
	if (rc != 0 || r == NULL)
		return rc;
	for (row = 0; row < r->nrows; row++)
		res_to_hdf(r, hdf, prefix, row, 1);
	if (n)
		*n = r->nrows;
	return 0;
}

/*
 * Several lists in one round trip: a UNION ALL whose column 0 is the list's
 * number (an index into prefixes) and column 1 its order within the list
 * (both only for sorting, not copied). Each row goes to PREFIX.N.column,
 * numbered per list, or to PREFIXcolumn for a prefix ending in '.' (a list of
 * one row, e.g. "Contract."); a branch leaves the other lists' columns NULL,
 * and NULLs are not copied, so each list gets only its own columns.
 */
int
db_sections_hdf(struct db *db, HDF *hdf, const char *const *prefixes, size_t nprefixes,
    size_t *counts, const char *sql, const char *types, ...)
{
	struct dbres *r = NULL;
	char name[256];
	va_list ap;
	size_t row, k;
	unsigned i;
	int rc, single;

	va_start(ap, types);
	rc = run(db, &r, sql, types, ap);
	va_end(ap);
	for (k = 0; k < nprefixes; k++)
		counts[k] = 0;
	if (rc != 0 || r == NULL)
		return rc;
	for (row = 0; row < r->nrows; row++) {
		const char *sec = r->vals[row * r->ncols];
		size_t n;

		k = sec ? (size_t)strtoul(sec, NULL, 10) : nprefixes;
		if (k >= nprefixes)
			continue;
		n = counts[k]++;
		single = prefixes[k][strlen(prefixes[k]) - 1] == '.';
		for (i = 2; i < r->ncols; i++) {
			const char *v = r->vals[row * r->ncols + i];

			if (v == NULL)
				continue;
			if (single)
				snprintf(name, sizeof(name), "%s%s", prefixes[k], r->names[i]);
			else
				snprintf(name, sizeof(name), "%s.%zu.%s", prefixes[k], n,
				    r->names[i]);
			hdf_set_value(hdf, name, v);
		}
	}
	return 0;
}

int
db_row_hdf(struct db *db, HDF *hdf, const char *prefix, int *found,
    const char *sql, const char *types, ...)
{
	struct dbres *r = NULL;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = run(db, &r, sql, types, ap);
	va_end(ap);
	if (found)
		*found = 0;
	if (rc != 0 || r == NULL)
		return rc;
	if (r->nrows > 0) {
		res_to_hdf(r, hdf, prefix, 0, 0);
		if (found)
			*found = 1;
	}
	return 0;
}

/* Runs constant SQL text (no values from input), reconnecting once. */
static int
plain(struct db *db, const char *sql)
{
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		unsigned err;

		if (db->my == NULL && connect_db(db) < 0)
			return HTTP_UNAVAILABLE;
		db->trips++;
		if (mysql_real_query(db->my, sql, strlen(sql)) == 0)
			return 0;
		err = mysql_errno(db->my);
		if (gone(err) && !db->in_tx) {
			disconnect(db);
			continue;
		}
		return classify(db, err, mysql_error(db->my), sql);
	}
	return HTTP_UNAVAILABLE;
}

int
db_begin(struct db *db)
{
	int rc;

	if (db->in_tx)
		return HTTP_SERVER_ERROR;
	rc = plain(db, "START TRANSACTION");
	if (rc == 0)
		db->in_tx = 1;
	return rc;
}

int
db_commit(struct db *db)
{
	int rc;

	if (!db->in_tx)
		return HTTP_SERVER_ERROR;
	rc = plain(db, "COMMIT");
	db->in_tx = 0;
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->in_tx && db->my)
		(void)plain(db, "ROLLBACK");
	db->in_tx = 0;
}

void
db_end_request(struct db *db)
{
	if (db->in_tx) {
		log_error("db: a transaction was left open; rolled back");
		db_rollback(db);
	}
}

int
db_exec_script(struct db *db, const char *sql, char *err, size_t errlen)
{
	int status;

	if (db->my == NULL && connect_db(db) < 0) {
		snprintf(err, errlen, "cannot connect to the database");
		return -1;
	}
	db->writes |= DB_WROTE | DB_WROTE_CHANGE | DB_WROTE_SESSIONS;	/* a script may change anything */
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0)
		goto fail;
	do {
		MYSQL_RES *r = mysql_store_result(db->my);

		if (r)
			mysql_free_result(r);
		else if (mysql_field_count(db->my) != 0)
			goto fail;
		status = mysql_next_result(db->my);
		if (status > 0)
			goto fail;
	} while (status == 0);
	return 0;
fail:
	snprintf(err, errlen, "%u: %s", mysql_errno(db->my), mysql_error(db->my));
	/* Drain what is left so the connection stays usable. */
	while (mysql_more_results(db->my) && mysql_next_result(db->my) == 0)
		;
	return -1;
}
