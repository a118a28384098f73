/*
 * pagecache.h: a worker keeps the pages it rendered for a session for at most
 * <sessions page-cache-ms>, so the same session asking for the same list again
 * (back from an employee's page, a reload, the next tab and back) gets it
 * without asking MariaDB anything.
 *
 * Only GET routes that ask for it (R_PAGE_CACHE) are kept, and only a 200
 * page rendered from a template that wrote nothing, set no cookie or header
 * and showed no one-time message. A page is keyed by the session (its cookie's
 * hash), the route and the whole request URI, so it is only ever shown again
 * to the session it was made for, after the session and the route's permission
 * have been checked again (router_dispatch). It ends early on the same
 * counters as the kept session rows (sesscache.h): any write for its company
 * or a global one; for a route whose page shows other companies' rows too
 * (R_PAGE_CACHE_HOST, a contract's), any write on the host.
 */
#ifndef PAGECACHE_H
#define PAGECACHE_H

#include "conf.h"

struct req;

void		 pagecache_start(const struct config *);
void		 pagecache_stop(void);
/* Before the session is loaded: notes the host's epoch, so that a page made
 * from a session or rows read across a write is never kept. */
void		 pagecache_begin(struct req *);
/* After the session and permission checks of a GET: 1 when r now holds its
 * kept page as its own body; else 0, and r is marked so that pagecache_put
 * may keep what it renders. */
int		 pagecache_get(struct req *);
/* After the answer was written: keeps r's rendered page if it may be. */
void		 pagecache_put(struct req *, int status, int wrote);

#endif
