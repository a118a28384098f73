/*
 * sesscache.h: a worker keeps each session's row (with its route's
 * session_read columns) for at most <sessions cache-ms>, so a page that needs
 * nothing else from MariaDB makes no statement at all.
 *
 * What ends it early is a file of generation counters mapped by every worker
 * and by portalctl on the host (<sessions cache-file>): a request that wrote
 * bumps its company's counter, or the global one when it changed a table a
 * session's row is read from (users, memberships, sessions, companies) or
 * changed rows without a session; an entry whose counters moved is not used. So on one host a
 * sign-out, a removed permission or a new count is seen by the next request
 * whatever worker takes it; a change made elsewhere (another host, SQL by
 * hand without `portalctl flush-sessions`) within cache-ms.
 */
#ifndef SESSCACHE_H
#define SESSCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"

struct db;
struct dbres;

/* portald, before it forks workers (and on reload): maps the counters,
 * creating the file; its workers inherit the mapping, so all of them count
 * on one file whatever happens to the path later. -1 (err) when the cache
 * is configured and the file cannot be used: portald does not start. */
int		 sesscache_map(const struct config *, char *err, size_t errlen);
/* A worker's own entries, from its start to its end. */
void		 sesscache_start(const struct config *);
void		 sesscache_stop(void);

/* Read before the session's statement: a bump while it runs means its row
 * is not kept. */
uint64_t	 sesscache_epoch(void);
/* The row kept for this cookie hash and statement, unpacked into the request's
 * arena and positioned on it; NULL if none is current. */
struct dbres	*sesscache_get(struct db *, const unsigned char hash[32], const char *sql);
/* Keeps the current row of res, read under epoch, for company_id's session. */
void		 sesscache_put(const unsigned char hash[32], const char *sql,
		    const struct dbres *res, unsigned long long company_id, uint64_t epoch);

/* The monotonic clock in milliseconds that a kept row's or page's age is told by. */
long long	 sesscache_now_ms(void);

/* What a worker's kept page (pagecache.h) depends on: the counters as they
 * were when it was read. */
struct gen_stamp {
	uint64_t	 epoch, global, company;
};
/* The counters for company_id now; -1 when there are none (no cache file)
 * or a write was committed since epoch, so what was read since may be older
 * than a counter says and must not be kept. */
int		 sesscache_stamp(unsigned long long company_id, uint64_t epoch,
		    struct gen_stamp *);
/* 1 while nothing in the stamp has moved; whole_host counts every write on
 * the host (the epoch), for what shows other companies' rows too. */
int		 sesscache_stamp_current(const struct gen_stamp *,
		    unsigned long long company_id, int whole_host);

/* After a request's writes are committed and before it answers: company_id
 * 0 bumps the global counter. */
void		 sesscache_bump(unsigned long long company_id);
/* For portalctl: bumps the global counter of the file the config names, if
 * it exists (no worker has mapped it otherwise); -1 (err) if it cannot. */
int		 sesscache_bump_file(const struct config *, char *err, size_t errlen);

#endif
