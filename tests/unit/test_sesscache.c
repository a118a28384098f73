/* test_sesscache.c: the worker's kept session rows (fcgi/sesscache.c): kept and
 * given back whole; ended by a bump of their company or the global counter, by
 * cache-ms, by a bump while they were read, by portalctl's bump of the file; the
 * counters file refused when it is a link, another size or without the magic. */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "portal.h"
#include "sesscache.h"
#include "tap.h"

/* A packed row (db_row_pack's layout): "7", NULL, "Acme Ltd". */
static void *
packed_row(size_t *len)
{
	static const char *const vals[] = { "7", NULL, "Acme Ltd" };
	uint32_t n = 3, l;
	char *buf = malloc(64), *p = buf;
	size_t i;

	memcpy(p, &n, 4);
	p += 4;
	for (i = 0; i < 3; i++) {
		l = vals[i] ? (uint32_t)strlen(vals[i]) : UINT32_MAX;
		memcpy(p, &l, 4);
		p += 4;
		if (vals[i]) {
			memcpy(p, vals[i], l);
			p += l;
		}
	}
	*len = (size_t)(p - buf);
	return buf;
}

static void
sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&t, NULL);
}

static int
write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = fd >= 0 && write(fd, data, len) == (ssize_t)len ? 0 : -1;

	if (fd >= 0)
		close(fd);
	return rc;
}

int
main(void)
{
	char dir[] = "/tmp/test_sesscache.XXXXXX", path[256], link_path[256], err[512] = "";
	unsigned char hash[32], other[32];
	const char *sql = "SELECT the session", *sql2 = "SELECT the session, and more";
	struct config cfg;
	struct arena arena;
	struct dbres *row, *got;
	struct stat st;
	struct db *db;
	uint64_t epoch;
	size_t len;
	void *blob;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/sessions.gen", dir);
	snprintf(link_path, sizeof(link_path), "%s/link.gen", dir);
	memset(&cfg, 0, sizeof(cfg));
	memset(&arena, 0, sizeof(arena));
	memset(hash, 0xab, sizeof(hash));
	memset(other, 0xcd, sizeof(other));
	db = db_new(&cfg);	/* never connects: only its arena is used */
	db_set_arena(db, &arena);
	blob = packed_row(&len);
	row = db_row_unpack(db, blob);

	/* Off: nothing kept, nothing mapped. */
	ok(sesscache_map(&cfg, err, sizeof(err)) == 0, "no cache configured: nothing to map");
	sesscache_start(&cfg);
	sesscache_put(hash, sql, row, 42, sesscache_epoch());
	ok(sesscache_get(db, hash, sql) == NULL, "off: nothing is kept");
	ok(sesscache_bump_file(&cfg, err, sizeof(err)) == 0, "off: portalctl's bump is nothing");
	sesscache_stop();

	cfg.session_cache_ms = 300;
	cfg.session_cache_file = path;
	ok(sesscache_bump_file(&cfg, err, sizeof(err)) == 0 && access(path, F_OK) != 0,
	    "portalctl does not create the file (no portald has run here)");
	ok(sesscache_map(&cfg, err, sizeof(err)) == 0, "portald maps it %s", err);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "created, mode 0600");
	sesscache_start(&cfg);

	sesscache_put(hash, sql, row, 42, sesscache_epoch());
	got = sesscache_get(db, hash, sql);
	ok(got != NULL && db_ncols(got) == 3, "kept and given back: 3 columns");
	is_str(db_str(got, 0), "7", "column 0");
	ok(db_str(got, 1) == NULL, "column 1: SQL NULL stays NULL");
	is_str(db_str(got, 2), "Acme Ltd", "column 2");
	ok(sesscache_get(db, other, sql) == NULL, "another cookie's hash: nothing");
	ok(sesscache_get(db, hash, sql2) == NULL, "another route's statement: nothing");

	sesscache_bump(43);
	ok(sesscache_get(db, hash, sql) != NULL, "another company's bump: still kept");
	sesscache_bump(42);
	ok(sesscache_get(db, hash, sql) == NULL, "its company's bump: ended");

	sesscache_put(hash, sql, row, 42, sesscache_epoch());
	sesscache_bump(0);
	ok(sesscache_get(db, hash, sql) == NULL, "the global bump: ended");

	epoch = sesscache_epoch();
	sesscache_bump(99);	/* a write committed while the row was read */
	sesscache_put(hash, sql, row, 42, epoch);
	ok(sesscache_get(db, hash, sql) == NULL, "a row read across a bump is not kept");

	sesscache_put(hash, sql, row, 42, sesscache_epoch());
	ok(sesscache_bump_file(&cfg, err, sizeof(err)) == 0, "portalctl bumps the file %s", err);
	ok(sesscache_get(db, hash, sql) == NULL, "portalctl's bump of the file ends it");

	/* The stamps the kept pages (pagecache.c) are ended by. */
	{
		struct gen_stamp st42;

		epoch = sesscache_epoch();
		ok(sesscache_stamp(42, epoch, &st42) == 0, "a stamp under the current epoch");
		ok(sesscache_stamp_current(&st42, 42, 0) && sesscache_stamp_current(&st42, 42, 1),
		    "current while nothing moved");
		sesscache_bump(43);
		ok(sesscache_stamp_current(&st42, 42, 0), "another company's bump: the company's page stays");
		ok(!sesscache_stamp_current(&st42, 42, 1), "another company's bump: a whole-host page ends");
		ok(sesscache_stamp(42, epoch, &st42) < 0, "no stamp across a bump since the epoch");
		ok(sesscache_stamp(42, sesscache_epoch(), &st42) == 0, "a fresh stamp");
		sesscache_bump(42);
		ok(!sesscache_stamp_current(&st42, 42, 0), "its company's bump: ended");
		ok(sesscache_stamp(42, sesscache_epoch(), &st42) == 0, "a fresh stamp");
		sesscache_bump(0);
		ok(!sesscache_stamp_current(&st42, 42, 0), "the global bump: ended");
	}

	sesscache_put(hash, sql, row, 42, sesscache_epoch());
	ok(sesscache_get(db, hash, sql) != NULL, "kept again");
	sleep_ms(cfg.session_cache_ms + 50);
	ok(sesscache_get(db, hash, sql) == NULL, "after cache-ms: ended");
	sesscache_stop();

	/* Files that are not ours are never written over. */
	ok(symlink(path, link_path) == 0, "a link to the counters");
	cfg.session_cache_file = link_path;
	ok(sesscache_map(&cfg, err, sizeof(err)) < 0, "a symbolic link: refused (%s)", err);
	ok(sesscache_bump_file(&cfg, err, sizeof(err)) < 0, "portalctl: refused too");
	unlink(link_path);
	ok(write_file(link_path, "hello", 5) == 0, "a short file");
	ok(sesscache_map(&cfg, err, sizeof(err)) < 0, "another size: refused (%s)", err);
	ok(stat(link_path, &st) == 0 && st.st_size == 5, "and left as it was");
	unlink(link_path);
	{
		char *zeros = calloc(1, 65536);

		ok(stat(path, &st) == 0 && st.st_size < 65536 &&
		    write_file(link_path, zeros, (size_t)st.st_size) == 0,
		    "a file of our size without the magic");
		ok(sesscache_map(&cfg, err, sizeof(err)) < 0, "no magic: refused (%s)", err);
		free(zeros);
	}
	cfg.session_cache_file = path;
	ok(sesscache_map(&cfg, err, sizeof(err)) == 0, "the real file maps again");
	cfg.session_cache_ms = 0;
	ok(sesscache_map(&cfg, err, sizeof(err)) == 0, "and is let go when the cache is off");

	unlink(link_path);
	unlink(path);
	rmdir(dir);
	free(blob);
	db_set_arena(db, NULL);
	db_destroy(db);
	arena_free(&arena);
	return done_testing();
}
