/*
 * portalctl.c: the tool of the people who host and run the scheme:
 * migrations, companies and their first super user, password resets,
 * the awarding bodies' certificate register feeds, the assessment service's
 * results and the demo data.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "conf.h"
#include "credits.h"
#include "db.h"
#include "lifecycle.h"
#include "retention.h"
#include "settle.h"
#include "feed.h"
#include "generate.h"
#include "log.h"
#include "modules.h"
#include "password.h"
#include "perm.h"
#include "portal.h"
#include "results.h"
#include "results_import.h"
#include "sesscache.h"

#ifndef PORTAL_SCHEMA
#define PORTAL_SCHEMA "/usr/local/share/ecs-portal/portal.rng"
#endif
#ifndef PORTAL_SQLDIR
#define PORTAL_SQLDIR "/usr/local/share/ecs-portal/sql"
#endif

static const char *const sql_migrations_table =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " checksum CHAR(64) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";
static const char *const sql_applied =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
static const char *const sql_record =
    "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)";
static const char *const sql_company =
    "INSERT INTO companies (name, company_number) VALUES (?, ?)";
static const char *const sql_office =
    "INSERT INTO offices (company_id, name) VALUES (?, CONCAT(?, ' Head Office'))";
static const char *const sql_funds =
    "INSERT INTO company_funds (company_id, balance_pence) VALUES (?, 0)";
static const char *const sql_user =
    "INSERT INTO users (email, first_name, last_name, password_hash) VALUES (?, ?, ?, ?)";
static const char *const sql_membership =
    "INSERT INTO memberships (user_id, company_id, level, permissions)"
    " VALUES (?, ?, 'company', ?)";
static const char *const sql_set_password =
    "UPDATE users SET password_hash = ?, failed_logins = 0,"
    " failed_window_start = NULL, locked_until = NULL WHERE email = ?";
static const char *const sql_end_sessions =
    "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ?";
/* reset-2fa: the user enrols again at the next sign-in (if their company requires it). */
static const char *const sql_reset_2fa =
    "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL"
    " WHERE email = ?";
static const char *const sql_user_by_email =
    "SELECT id FROM users WHERE email = ?";
static const char *const sql_reset_recovery =
    "DELETE r FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = ?";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, user_id, action, object_kind, object_id, detail)"
    " SELECT NULL, id, ?, 'user', id, 'by portalctl' FROM users WHERE email = ?";

/* import-feed (see import_feed). */
static const char *const sql_body =
    "SELECT id, name FROM awarding_bodies WHERE code = ?";
/* A code is the body's qualification code, or an alias of one. */
static const char *const sql_qualification =
    "SELECT id FROM qualifications WHERE awarding_body_id = ? AND code = ?"
    " UNION ALL SELECT qualification_id FROM qualification_aliases"
    " WHERE awarding_body_id = ? AND code = ? LIMIT 1";
static const char *const sql_certificate =
    "SELECT id, certificate_number, qualification_id, qualification_code,"
    " qualification_title, first_name, last_name, date_of_birth, awarded_on, revoked"
    " FROM certificates WHERE awarding_body_id = ? AND certificate_number = ? FOR UPDATE";
static const char *const sql_certificate_add =
    "INSERT INTO certificates (awarding_body_id, certificate_number, qualification_id,"
    " qualification_code, qualification_title, first_name, last_name, date_of_birth,"
    " awarded_on, revoked, source_feed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_certificate_update =
    "UPDATE certificates SET certificate_number = ?, qualification_id = ?,"
    " qualification_code = ?, qualification_title = ?, first_name = ?, last_name = ?,"
    " date_of_birth = ?, awarded_on = ?, revoked = ?, source_feed = ? WHERE id = ?";
static const char *const sql_feed_import =
    "INSERT INTO feed_imports (awarding_body_id, file_name, sha256, generated_on,"
    " rows_added, rows_updated, rows_unchanged, rows_rejected)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static void
usage(void)
{
	fprintf(stderr,
	    "usage: portalctl -c CONFIG [-s SCHEMA] COMMAND [options]\n"
	    "commands:\n"
	    "  migrate [--dir SQLDIR]\n"
	    "  create-company --name NAME --number NUMBER --email EMAIL --first FIRST\n"
	    "                 --last LAST [--password PASSWORD]\n"
	    "  reset-password --email EMAIL [--password PASSWORD]\n"
	    "  reset-2fa --email EMAIL\n"
	    "  import-feed FILE [--schema FEED_RNG]\n"
	    "  demo [--dir SQLDIR]\n"
	    "  application REFERENCE STATE [--reason TEXT]\n"
	    "  allocate-bacs REFERENCE AMOUNT\n"
	    "  routes\n"
	    "  import-results FILE [--schema RESULTS_RNG]\n"
	    "  expire-bookings\n"
	    "  generate --seed N [--register 200000|1000000]\n"
	    "  purge-documents --older-than DAYS\n"
	    "  purge-lookups    (daily: the lookups made more than a day ago)\n"
	    "  flush-sessions   (after changing the database by hand)\n");
	exit(2);
}

/* The value of --name in argv, or NULL. */
static const char *
opt(int argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return buf;
}

static void
sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[32];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
is_sql(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && strcmp(d->d_name + n - 4, ".sql") == 0;
}

static int
run_file(struct db *db, const char *path)
{
	char err[1024];
	size_t len;
	char *sql = slurp(path, &len);

	if (sql == NULL) {
		fprintf(stderr, "portalctl: %s cannot be read\n", path);
		return -1;
	}
	if (db_exec_script(db, sql, err, sizeof(err)) < 0) {
		fprintf(stderr, "portalctl: %s: %s\n", path, err);
		free(sql);
		return -1;
	}
	free(sql);
	return 0;
}

static int
migrate(struct db *db, const char *sqldir)
{
	struct dirent **files = NULL;
	struct dbres *res;
	char dir[4096], path[8192], sum[65];
	int n, i, rc = 1, applied = 0, done = 0;
	long expect = 1;

	snprintf(dir, sizeof(dir), "%s/migrations", sqldir);
	n = scandir(dir, &files, is_sql, by_name);
	if (n < 0) {
		fprintf(stderr, "portalctl: %s cannot be read\n", dir);
		return 1;
	}
	if (db_exec(db, sql_migrations_table, "") != 0 ||
	    db_query(db, &res, sql_applied, "") != 0) {
		fprintf(stderr, "portalctl: cannot read schema_migrations\n");
		goto out;
	}
	/* Files must be numbered 0001, 0002, ... with no gap or repeat. */
	for (i = 0; i < n; i++) {
		long v = strtol(files[i]->d_name, NULL, 10);

		if (v != expect) {
			fprintf(stderr, "portalctl: %s: expected migration %04ld here\n",
			    files[i]->d_name, expect);
			goto out;
		}
		expect++;
	}
	/* What was applied must be exactly the first files, unchanged. */
	while (db_next(res)) {
		long v = db_int(res, 0);
		size_t len;
		char *sql;

		if (v != applied + 1 || applied >= n) {
			fprintf(stderr, "portalctl: the database has migration %ld (%s), "
			    "which is not next in %s\n", v, db_str(res, 1), dir);
			goto out;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, files[applied]->d_name);
		if ((sql = slurp(path, &len)) == NULL)
			goto out;
		sha256_hex(sql, len, sum);
		free(sql);
		if (strcmp(sum, db_str(res, 2)) != 0 ||
		    strcmp(files[applied]->d_name, db_str(res, 1)) != 0) {
			fprintf(stderr, "portalctl: %s was changed after it was applied; "
			    "write a new migration instead\n", files[applied]->d_name);
			goto out;
		}
		applied++;
	}
	for (i = applied; i < n; i++) {
		size_t len;
		char *sql;

		snprintf(path, sizeof(path), "%s/%s", dir, files[i]->d_name);
		if ((sql = slurp(path, &len)) == NULL)
			goto out;
		sha256_hex(sql, len, sum);
		free(sql);
		if (run_file(db, path) < 0)
			goto out;
		if (db_exec(db, sql_record, "iss", (long long)(i + 1),
		    files[i]->d_name, sum) != 0)
			goto out;
		printf("applied %s\n", files[i]->d_name);
		done++;
	}
	printf("migrations: %d applied now, %d in all\n", done, n);
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}

/* A random password of 20 letters and digits, for a first sign-in. */
static void
random_password(char out[21])
{
	static const char set[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	int i;

	for (i = 0; i < 20; i++)
		out[i] = set[randombytes_uniform(sizeof(set) - 1)];
	out[20] = '\0';
}

static int
create_company(struct db *db, int argc, char **argv)
{
	const char *name = opt(argc, argv, "--name"), *number = opt(argc, argv, "--number");
	const char *email = opt(argc, argv, "--email"), *first = opt(argc, argv, "--first");
	const char *last = opt(argc, argv, "--last"), *pw = opt(argc, argv, "--password");
	char hash[PASSWORD_HASH_MAX], generated[21], norm[300];
	unsigned long long company, user;
	long long unused;
	const char *bad = NULL;

	if (!name || !number || !email || !first || !last)
		usage();
	if (strlen(email) > 254 || (bad = v_email(email, norm, sizeof(norm), &unused))) {
		fprintf(stderr, "portalctl: --email: %s\n", bad ? bad : "too long");
		return 1;
	}
	if (pw == NULL) {
		random_password(generated);
		pw = generated;
	}
	if (strlen(pw) < 12) {
		fprintf(stderr, "portalctl: a password needs at least 12 characters\n");
		return 1;
	}
	if (password_hash(pw, hash) != 0) {
		fprintf(stderr, "portalctl: out of memory hashing the password\n");
		return 1;
	}
	if (db_begin(db) != 0)
		goto fail;
	if (db_exec(db, sql_company, "ss", name, number) != 0)
		goto fail;
	company = db_last_id(db);
	if (db_exec(db, sql_office, "us", company, name) != 0 ||
	    db_exec(db, sql_funds, "u", company) != 0 ||
	    db_exec(db, sql_user, "ssss", norm, first, last, hash) != 0)
		goto fail;
	user = db_last_id(db);
	if (db_exec(db, sql_membership, "uuu", user, company,
	    (unsigned long long)PERM_ALL) != 0 || db_commit(db) != 0)
		goto fail;
	printf("company %llu \"%s\" created; super user %s", company, name, norm);
	if (pw == generated)
		printf(" with password %s", generated);
	printf("\n");
	return 0;
fail:
	db_rollback(db);
	fprintf(stderr, "portalctl: the company was not created (is the number or "
	    "the email already in use?)\n");
	return 1;
}

static int
set_password(struct db *db, const char *email, const char *pw, int quiet)
{
	char hash[PASSWORD_HASH_MAX];

	if (password_hash(pw, hash) != 0)
		return 1;
	if (db_exec(db, sql_set_password, "ss", hash, email) != 0)
		return 1;
	if (db_affected(db) == 0) {
		fprintf(stderr, "portalctl: no user %s\n", email);
		return 1;
	}
	if (db_exec(db, sql_end_sessions, "s", email) != 0 ||
	    db_exec(db, sql_audit, "ss", "password_reset", email) != 0)
		return 1;
	if (!quiet)
		printf("password of %s reset; their sessions ended\n", email);
	return 0;
}

static int
reset_password(struct db *db, int argc, char **argv)
{
	const char *email = opt(argc, argv, "--email"), *pw = opt(argc, argv, "--password");
	char generated[21];

	if (email == NULL)
		usage();
	if (pw == NULL) {
		random_password(generated);
		pw = generated;
		printf("new password: %s\n", generated);
	}
	if (strlen(pw) < 12) {
		fprintf(stderr, "portalctl: a password needs at least 12 characters\n");
		return 1;
	}
	return set_password(db, email, pw, 0);
}

/* Turns two-step sign-in off for a user who lost their device and codes, or
 * whose secret no longer opens (the data-key changed); ends their sessions. */
static int
reset_2fa(struct db *db, int argc, char **argv)
{
	const char *email = opt(argc, argv, "--email");
	struct dbres *res;

	if (email == NULL)
		usage();
	if (db_query(db, &res, sql_user_by_email, "s", email) != 0)
		return 1;
	if (!db_next(res)) {
		fprintf(stderr, "portalctl: no user %s\n", email);
		return 1;
	}
	if (db_begin(db) != 0)
		return 1;
	if (db_exec(db, sql_reset_2fa, "s", email) != 0 ||
	    db_exec(db, sql_reset_recovery, "s", email) != 0 ||
	    db_exec(db, sql_end_sessions, "s", email) != 0 ||
	    db_exec(db, sql_audit, "ss", "2fa_reset", email) != 0 || db_commit(db) != 0)
		goto fail;
	printf("two-step sign-in of %s turned off; their sessions ended\n", email);
	return 0;
fail:
	db_rollback(db);
	return 1;
}

/* Whether the file name ends in .xml (the feeds of the demo). */
static int
is_xml(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && strcmp(d->d_name + n - 4, ".xml") == 0;
}

/* A file's schema (feed.rng, assessment-results.rng): --schema, or beside
 * the configuration's schema (portal.rng). */
static void
schema_beside(const char *portal_schema, const char *given, const char *file, char *out,
    size_t len)
{
	const char *slash = strrchr(portal_schema, '/');

	if (given != NULL)
		snprintf(out, len, "%s", given);
	else if (slash == NULL)
		snprintf(out, len, "%s", file);
	else
		snprintf(out, len, "%.*s/%s", (int)(slash - portal_schema), portal_schema, file);
}

/* A file to import, at most max bytes (free it); NULL with the reason printed. */
static char *
read_input(const char *path, long max, size_t *len)
{
	struct stat st;
	char *buf;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > max) {
		fprintf(stderr, "portalctl: %s: larger than %ld bytes; nothing imported\n",
		    path, max);
		return NULL;
	}
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (buf = slurp(path, len)) == NULL) {
		fprintf(stderr, "portalctl: %s: cannot be read\n", path);
		return NULL;
	}
	return buf;
}

/* import-results FILE: the assessment service's results (results_import.h). */
static int
import_results(struct db *db, const char *path, const char *schema)
{
	size_t len;
	char *buf = read_input(path, RESULTS_MAX_BYTES, &len);
	int rc;

	if (buf == NULL)
		return 1;
	rc = results_import(db, buf, len, path, schema);
	free(buf);
	return rc;
}

/* The last part of a path, cut to at most max bytes on a character boundary. */
static void
base_name(const char *path, size_t max, char *out, size_t len)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > max)
		n = max;
	while (n > 0 && n < strlen(b) && ((unsigned char)b[n] & 0xc0) == 0x80)
		n--;
	snprintf(out, len, "%.*s", (int)n, b);
}

static int
same(const char *a, const char *b)
{
	return a != NULL && b != NULL ? strcmp(a, b) == 0 : a == b;
}

/* The qualification a row's code stands for (*id NULL: none), cached per code. */
struct qual_cache {
	char	*code;
	char	 id[24];
};

static int
qualification_id(struct db *db, unsigned long long body, const char *code,
    struct qual_cache **cache, size_t *n, const char **id)
{
	struct dbres *res;
	struct qual_cache *q;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*cache)[i].code, code) == 0) {
			*id = (*cache)[i].id[0] ? (*cache)[i].id : NULL;
			return 0;
		}
	if (db_query(db, &res, sql_qualification, "usus", body, code, body, code) != 0)
		return -1;
	if ((*cache = realloc(*cache, (*n + 1) * sizeof(**cache))) == NULL ||
	    ((*cache)[*n].code = strdup(code)) == NULL)
		abort();
	q = &(*cache)[(*n)++];
	q->id[0] = '\0';
	if (db_next(res))
		snprintf(q->id, sizeof(q->id), "%s", db_str(res, 0));
	db_free(res);
	*id = q->id[0] ? q->id : NULL;
	return 0;
}

/*
 * Puts one valid row in the register: *outcome 'a' added, 'u' updated (a
 * stored field differs), 's' the same as stored. Inside the transaction.
 */
static int
upsert(struct db *db, unsigned long long body, const struct feed_row *r,
    const char *qual, const char *source, int *outcome)
{
	struct dbres *res;
	const char *revoked = r->revoked ? "1" : "0";
	unsigned long long id;

	if (db_query(db, &res, sql_certificate, "us", body, r->number) != 0)
		return -1;
	if (!db_next(res)) {
		db_free(res);
		*outcome = 'a';
		return db_exec(db, sql_certificate_add, "ussssssssss", body, r->number, qual,
		    r->qualification, r->title, r->first, r->last, r->born, r->awarded,
		    revoked, source) != 0 ? -1 : 0;
	}
	id = (unsigned long long)db_int(res, 0);
	if (same(db_str(res, 1), r->number) && same(db_str(res, 2), qual) &&
	    same(db_str(res, 3), r->qualification) && same(db_str(res, 4), r->title) &&
	    same(db_str(res, 5), r->first) && same(db_str(res, 6), r->last) &&
	    same(db_str(res, 7), r->born) && same(db_str(res, 8), r->awarded) &&
	    same(db_str(res, 9), revoked)) {
		db_free(res);
		*outcome = 's';
		return 0;
	}
	db_free(res);
	*outcome = 'u';
	return db_exec(db, sql_certificate_update, "ssssssssssu", r->number, qual,
	    r->qualification, r->title, r->first, r->last, r->born, r->awarded, revoked,
	    source, id) != 0 ? -1 : 0;
}

/*
 * import-feed FILE: reads an awarding body's feed (feed.h) and brings the
 * register up to date in one transaction: each valid row is added, updated
 * or left as it is; rejected rows are reported with their line and reason.
 * Certificates missing from the feed stay (a feed revokes explicitly). The
 * run is recorded in feed_imports. A file refused whole changes nothing.
 */
static int
import_feed(struct db *db, const char *path, const char *schema)
{
	struct feed f;
	struct qual_cache *cache = NULL;
	struct dbres *res;
	char err[1024], sum[65], file[256], source[101], body_name[160];
	unsigned long long body;
	size_t ncache = 0, i, added = 0, updated = 0, unchanged = 0;
	size_t len;
	char *buf;
	int rc = 1;

	if ((buf = read_input(path, FEED_MAX_BYTES, &len)) == NULL)
		return 1;
	sha256_hex(buf, len, sum);
	if (feed_parse_memory(buf, len, path, schema, NULL, &f, err, sizeof(err)) < 0) {
		free(buf);
		fprintf(stderr, "portalctl: %s\nportalctl: %s: nothing imported\n", err, path);
		return 1;
	}
	free(buf);
	base_name(path, 255, file, sizeof(file));
	base_name(path, 100, source, sizeof(source));

	if (db_begin(db) != 0)
		goto fail;
	if (db_query(db, &res, sql_body, "s", f.body) != 0)
		goto fail;
	if (!db_next(res)) {
		db_free(res);
		db_rollback(db);
		fprintf(stderr, "portalctl: %s:%ld: <certificates body>: no awarding body "
		    "\"%s\"\nportalctl: %s: nothing imported\n", path, f.body_line, f.body,
		    path);
		goto out;
	}
	body = (unsigned long long)db_int(res, 0);
	snprintf(body_name, sizeof(body_name), "%s", db_str(res, 1));
	db_free(res);

	for (i = 0; i < f.nrows; i++) {
		const struct feed_row *r = &f.rows[i];
		const char *qual;
		int outcome;

		if (r->reject != NULL)
			continue;
		if (qualification_id(db, body, r->qualification, &cache, &ncache, &qual) < 0 ||
		    upsert(db, body, r, qual, source, &outcome) < 0)
			goto fail;
		if (outcome == 'a')
			added++;
		else if (outcome == 'u')
			updated++;
		else
			unchanged++;
		/* Results live in the tool's own arena: start it afresh now and then. */
		if (i % 256 == 255)
			db_set_arena(db, NULL);
	}
	if (db_exec(db, sql_feed_import, "usssuuuu", body, file, sum, f.generated,
	    (unsigned long long)added, (unsigned long long)updated,
	    (unsigned long long)unchanged, (unsigned long long)f.nrejected) != 0 ||
	    db_commit(db) != 0)
		goto fail;
	printf("%s (%s, generated %s): added %zu, updated %zu, unchanged %zu, rejected %zu\n",
	    path, body_name, f.generated, added, updated, unchanged, f.nrejected);
	for (i = 0; i < f.nrows; i++)
		if (f.rows[i].reject != NULL)
			printf("rejected %s:%ld: certificate %s: %s\n", path, f.rows[i].line,
			    f.rows[i].number, f.rows[i].reject);
	rc = 0;
	goto out;
fail:
	db_rollback(db);
	fprintf(stderr, "portalctl: %s: the database refused the import; nothing imported\n",
	    path);
out:
	for (i = 0; i < ncache; i++)
		free(cache[i].code);
	free(cache);
	feed_free(&f);
	return rc;
}

static int
demo(struct db *db, const struct config *cfg, const char *sqldir,
    const char *feed_rng)
{
	static const char *const users[][2] = {
		{ "demo@ecs-portal.test", "demo-portal-2026" },
		{ "other@ecs-portal.test", "other-portal-2026" },
		{ "viewer@ecs-portal.test", "viewer-portal-2026" },
		{ "eastern@ecs-portal.test", "eastern-portal-2026" },
	};
	struct dirent **files = NULL;
	char dir[4096], path[8192];
	int n, i, rc = 1;
	size_t u;

	if (!cfg->demo) {
		fprintf(stderr, "portalctl: this is not a demo installation "
		    "(<demo>true</demo> in the configuration)\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/demo", sqldir);
	n = scandir(dir, &files, is_sql, by_name);
	if (n < 0) {
		fprintf(stderr, "portalctl: %s cannot be read\n", dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]->d_name);
		if (run_file(db, path) < 0)
			goto out;
		printf("loaded %s\n", files[i]->d_name);
	}
	/* The awarding bodies' registers, from their sample feeds. */
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	files = NULL;
	snprintf(dir, sizeof(dir), "%s/feeds", sqldir);
	n = scandir(dir, &files, is_xml, by_name);
	if (n < 0) {
		fprintf(stderr, "portalctl: %s cannot be read\n", dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]->d_name);
		if (import_feed(db, path, feed_rng) != 0)
			goto out;
	}
	for (u = 0; u < sizeof(users) / sizeof(users[0]); u++)
		if (set_password(db, users[u][0], users[u][1], 1) != 0)
			goto out;
	/* No password in the output: it ends up in logs (HACKING.md gives the demo's). */
	printf("demo data loaded; sign in as %s\n", users[0][0]);
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}

/*
 * The route tables of the configured modules, one line a route: method, path,
 * permission (its bit, "signed-in" or "public") and "id" when the path takes
 * an {id}. The modules are opened lazily: their handlers are never called,
 * only their tables read (which name validate.c's validators, linked here).
 */
static int
routes(const struct config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nmodules; i++) {
		const struct portal_module *m;
		const struct route *rt;
		char err[1024];
		void *h;

		m = module_open(cfg->modules_dir, cfg->modules[i], RTLD_LAZY, &h, err, sizeof(err));
		if (m == NULL) {
			fprintf(stderr, "portalctl: %s\n", err);
			return 1;
		}
		for (rt = m->routes; rt->handler; rt++) {
			char perm[16];

			if (rt->perm >= 0)
				snprintf(perm, sizeof(perm), "%d", rt->perm);
			else
				snprintf(perm, sizeof(perm), "%s",
				    rt->perm == ROUTE_PUBLIC ? "public" : "signed-in");
			printf("%s\t/%s%s%s\t%s\t%s\t%s\n", rt->method == M_GET ? "GET" : "POST",
			    m->prefix, m->prefix[0] && rt->path[0] ? "/" : "", rt->path, perm,
			    strstr(rt->path, "{id}") ? "id" : "-", m->name);
		}
		dlclose(h);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *path = NULL, *schema = PORTAL_SCHEMA, *cmd, *sqldir;
	struct config cfg;
	struct db *db;
	char err[1024], feed_rng[4096], results_rng[4096];
	int i = 1, rc;

	while (i + 1 < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-c") == 0)
			path = argv[i + 1];
		else if (strcmp(argv[i], "-s") == 0)
			schema = argv[i + 1];
		else
			usage();
		i += 2;
	}
	if (path == NULL || i >= argc)
		usage();
	cmd = argv[i];
	log_open("portalctl", 0);
	if (sodium_init() < 0)
		return 1;
	if (config_load(path, schema, &cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "portalctl: %s\n", err);
		return 1;
	}
	sqldir = opt(argc - i, argv + i, "--dir");
	if (sqldir == NULL)
		sqldir = PORTAL_SQLDIR;
	schema_beside(schema, opt(argc - i, argv + i, "--schema"), "feed.rng", feed_rng,
	    sizeof(feed_rng));
	schema_beside(schema, opt(argc - i, argv + i, "--schema"), "assessment-results.rng",
	    results_rng, sizeof(results_rng));
	db = db_new(&cfg);
	if (strcmp(cmd, "migrate") == 0)
		rc = migrate(db, sqldir);
	else if (strcmp(cmd, "create-company") == 0)
		rc = create_company(db, argc - i, argv + i);
	else if (strcmp(cmd, "reset-password") == 0)
		rc = reset_password(db, argc - i, argv + i);
	else if (strcmp(cmd, "reset-2fa") == 0)
		rc = reset_2fa(db, argc - i, argv + i);
	else if (strcmp(cmd, "import-feed") == 0) {
		if (i + 1 >= argc || argv[i + 1][0] == '-')
			usage();
		rc = import_feed(db, argv[i + 1], feed_rng);
	} else if (strcmp(cmd, "demo") == 0)
		rc = demo(db, &cfg, sqldir, feed_rng);
	else if (strcmp(cmd, "application") == 0)
		rc = lifecycle_command(db, argc - i, argv + i);
	else if (strcmp(cmd, "allocate-bacs") == 0)
		rc = settle_bacs_command(db, argc - i, argv + i);
	else if (strcmp(cmd, "routes") == 0)
		rc = routes(&cfg);
	else if (strcmp(cmd, "import-results") == 0) {
		if (i + 1 >= argc || argv[i + 1][0] == '-')
			usage();
		rc = import_results(db, argv[i + 1], results_rng);
	} else if (strcmp(cmd, "expire-bookings") == 0)
		rc = credits_expire_command(db, argc - i, argv + i);
	else if (strcmp(cmd, "generate") == 0)
		rc = generate_command(db, argc - i, argv + i);
	else if (strcmp(cmd, "purge-documents") == 0)
		rc = retention_purge_command(db, argc - i, argv + i);
	else if (strcmp(cmd, "purge-lookups") == 0)
		rc = retention_purge_lookups_command(db, argc - i, argv + i);
	else if (strcmp(cmd, "flush-sessions") == 0) {
		/* After SQL by hand: the workers read every session afresh. */
		rc = 0;
		db_note_write(db);
	} else
		usage();
	/* What a command changed is seen at once by the workers on this host. */
	if (db_take_writes(db) && sesscache_bump_file(&cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "portalctl: the workers' kept sessions were not ended: %s\n"
		    "  (they end within cache-ms; run portalctl as portald's user)\n", err);
		rc = 1;
	}
	db_destroy(db);
	config_free(&cfg);
	return rc;
}
