/*
 * sesscache.c: the worker's session rows and the host's generation counters
 * (why and what for: sesscache.h).
 *
 * The counters' file: 8 bytes of magic, the epoch (bumped first by every
 * bump), the global counter, then NSLOTS company counters (a company's is
 * its id modulo NSLOTS; two companies sharing one only end each other's
 * entries early). Any change of value counts, so portalctl and the tests may
 * write a fresh value rather than add.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "db.h"
#include "log.h"
#include "sesscache.h"

#define MAGIC		"ECSGEN01"
#define NSLOTS		4096
#define NENTRIES	1024	/* a worker's entries; a clash evicts */

struct gens {
	char		 magic[8];
	uint64_t	 epoch;
	uint64_t	 global;
	uint64_t	 company[NSLOTS];
};

struct entry {
	unsigned char	 hash[32];
	const char	*sql;		/* the route's session statement: kept for the worker's life */
	unsigned long long company_id;
	uint64_t	 global, company_gen;
	long long	 kept_ms;
	void		*row;		/* db_row_pack */
};

static struct gens *gens;	/* mapped by portald, inherited by its workers */
static char *gens_path;
static struct entry *entries;
static long long ttl_ms;

long long
sesscache_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static uint64_t
load(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

/*
 * Opens (creating it when create) and maps the counters. Never follows a
 * symbolic link, and refuses a file that is not ours: another length, or
 * our length without the magic (a mistyped path must not be written over).
 */
static struct gens *
map_file(const char *path, int create, char *err, size_t errlen)
{
	int fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0600);
	struct stat st;
	struct gens *g;
	void *p;

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode) || (st.st_size != 0 && st.st_size != (off_t)sizeof(struct gens)) ||
	    (st.st_size == 0 && (!create || ftruncate(fd, sizeof(struct gens)) < 0))) {
		snprintf(err, errlen, "%s: not a session counters file (%lld bytes)", path,
		    (long long)st.st_size);
		close(fd);
		return NULL;
	}
	p = mmap(NULL, sizeof(struct gens), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "%s: mmap: %s", path, strerror(errno));
		return NULL;
	}
	g = p;
	if (st.st_size == 0)
		memcpy(g->magic, MAGIC, 8);
	else if (memcmp(g->magic, MAGIC, 8) != 0) {
		snprintf(err, errlen, "%s: not a session counters file", path);
		munmap(p, sizeof(struct gens));
		return NULL;
	}
	return g;
}

int
sesscache_map(const struct config *cfg, char *err, size_t errlen)
{
	const char *path = cfg->session_cache_ms > 0 ? cfg->session_cache_file : NULL;
	struct gens *g;

	if (gens && path && strcmp(path, gens_path) == 0)
		return 0;
	if (path && (g = map_file(path, 1, err, errlen)) == NULL)
		return -1;
	if (gens)
		munmap(gens, sizeof(*gens));
	free(gens_path);
	gens = path ? g : NULL;
	if ((gens_path = path ? strdup(path) : NULL) == NULL && path)
		abort();
	return 0;
}

void
sesscache_start(const struct config *cfg)
{
	if (gens == NULL || cfg->session_cache_ms <= 0)
		return;
	if ((entries = calloc(NENTRIES, sizeof(*entries))) == NULL)
		abort();
	ttl_ms = cfg->session_cache_ms;
}

void
sesscache_stop(void)
{
	size_t i;

	if (entries)
		for (i = 0; i < NENTRIES; i++)
			free(entries[i].row);
	free(entries);
	entries = NULL;
}

uint64_t
sesscache_epoch(void)
{
	return gens ? load(&gens->epoch) : 0;
}

static struct entry *
slot_for(const unsigned char hash[32], const char *sql)
{
	uint32_t h;

	memcpy(&h, hash, sizeof(h));	/* the hash of 256 random bits */
	return &entries[(h ^ (uint32_t)((uintptr_t)sql >> 4)) % NENTRIES];
}

struct dbres *
sesscache_get(struct db *db, const unsigned char hash[32], const char *sql)
{
	struct entry *e;

	if (entries == NULL)
		return NULL;
	e = slot_for(hash, sql);
	if (e->row == NULL || e->sql != sql || sodium_memcmp(e->hash, hash, 32) != 0)
		return NULL;
	if (sesscache_now_ms() - e->kept_ms >= ttl_ms || load(&gens->global) != e->global ||
	    load(&gens->company[e->company_id % NSLOTS]) != e->company_gen) {
		free(e->row);
		e->row = NULL;
		return NULL;
	}
	return db_row_unpack(db, e->row);
}

void
sesscache_put(const unsigned char hash[32], const char *sql, const struct dbres *res,
    unsigned long long company_id, uint64_t epoch)
{
	struct entry *e;
	uint64_t global, company_gen;
	size_t len;

	if (entries == NULL)
		return;
	global = load(&gens->global);
	company_gen = load(&gens->company[company_id % NSLOTS]);
	/* A write was committed while the row was read: it may predate it. */
	if (load(&gens->epoch) != epoch)
		return;
	e = slot_for(hash, sql);
	free(e->row);
	memcpy(e->hash, hash, 32);
	e->sql = sql;
	e->company_id = company_id;
	e->global = global;
	e->company_gen = company_gen;
	e->kept_ms = sesscache_now_ms();
	e->row = db_row_pack(res, &len);
}

int
sesscache_stamp(unsigned long long company_id, uint64_t epoch, struct gen_stamp *st)
{
	if (gens == NULL)
		return -1;
	st->global = load(&gens->global);
	st->company = load(&gens->company[company_id % NSLOTS]);
	st->epoch = epoch;
	/* Read after the counters, as in sesscache_put. */
	return load(&gens->epoch) == epoch ? 0 : -1;
}

int
sesscache_stamp_current(const struct gen_stamp *st, unsigned long long company_id,
    int whole_host)
{
	if (gens == NULL)
		return 0;
	if (whole_host)
		return load(&gens->epoch) == st->epoch;
	return load(&gens->global) == st->global &&
	    load(&gens->company[company_id % NSLOTS]) == st->company;
}

void
sesscache_bump(unsigned long long company_id)
{
	if (gens == NULL)
		return;
	/* The epoch first: a row read across this bump is not kept (put). */
	__atomic_add_fetch(&gens->epoch, 1, __ATOMIC_SEQ_CST);
	if (company_id == 0)
		__atomic_add_fetch(&gens->global, 1, __ATOMIC_SEQ_CST);
	else
		__atomic_add_fetch(&gens->company[company_id % NSLOTS], 1, __ATOMIC_SEQ_CST);
}

int
sesscache_bump_file(const struct config *cfg, char *err, size_t errlen)
{
	struct gens *g;

	/* No file: no portald has run with the cache here, so nothing is kept. */
	if (cfg->session_cache_ms <= 0 || cfg->session_cache_file == NULL ||
	    access(cfg->session_cache_file, F_OK) != 0)
		return 0;
	if ((g = map_file(cfg->session_cache_file, 0, err, errlen)) == NULL)
		return -1;
	__atomic_add_fetch(&g->epoch, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&g->global, 1, __ATOMIC_SEQ_CST);
	munmap(g, sizeof(*g));
	return 0;
}
