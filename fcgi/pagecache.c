/*
 * pagecache.c: the worker's kept pages (why and when: pagecache.h).
 *
 * A small direct-mapped table: a clash evicts, and a page that would take
 * the worker's pages past PAGE_BUDGET bytes is not kept, so a worker's memory
 * stays bounded whatever is asked of it.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "host.h"
#include "pagecache.h"
#include "sesscache.h"

#define NPAGES		128
#define PAGE_BUDGET	(4u << 20)	/* bytes of pages a worker keeps */
#define PAGE_MAX	(512u << 10)	/* a larger page is not kept */

struct page {
	unsigned char	 key[32];
	unsigned long long company_id;
	int		 whole_host;
	struct gen_stamp stamp;
	long long	 kept_ms;
	char		*body;		/* NULL: an empty slot */
	size_t		 len;
};

static struct page *pages;
static size_t kept_bytes;
static long long ttl_ms;

void
pagecache_start(const struct config *cfg)
{
	/* The counters that end a page early are the session cache's. */
	if (cfg->page_cache_ms <= 0 || cfg->session_cache_ms <= 0)
		return;
	if ((pages = calloc(NPAGES, sizeof(*pages))) == NULL)
		abort();
	ttl_ms = cfg->page_cache_ms;
	kept_bytes = 0;
}

/* Zeroed: a page holds personal details and the session's form token. */
static void
drop(struct page *p)
{
	if (p->body == NULL)
		return;
	kept_bytes -= p->len;
	sodium_memzero(p->body, p->len);
	free(p->body);
	p->body = NULL;
	p->len = 0;
}

void
pagecache_stop(void)
{
	size_t i;

	if (pages)
		for (i = 0; i < NPAGES; i++)
			drop(&pages[i]);
	free(pages);
	pages = NULL;
}

/* The session, the route and the URI as sent (path and query). */
static void
page_key(struct req *r, unsigned char key[32])
{
	const char *qs = FCGX_GetParam("QUERY_STRING", r->priv->fcgi->envp);
	const void *route = r->route;
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)r->sess->id_hash, 32);
	crypto_generichash_update(&st, (const unsigned char *)&route, sizeof(route));
	crypto_generichash_update(&st, (const unsigned char *)r->path, strlen(r->path) + 1);
	if (qs)
		crypto_generichash_update(&st, (const unsigned char *)qs, strlen(qs));
	crypto_generichash_final(&st, key, 32);
}

static struct page *
slot_for(const unsigned char key[32])
{
	uint32_t h;

	memcpy(&h, key, sizeof(h));
	return &pages[h % NPAGES];
}

int
pagecache_get(struct req *r)
{
	struct req_private *priv = r->priv;
	struct page *p;

	if (pages == NULL || r->method != M_GET || !(r->route->flags & R_PAGE_CACHE) ||
	    r->sess == NULL || session_flash_pending(r))
		return 0;
	page_key(r, priv->page_key);
	p = slot_for(priv->page_key);
	if (p->body && sodium_memcmp(p->key, priv->page_key, 32) == 0) {
		if (sesscache_now_ms() - p->kept_ms < ttl_ms && p->company_id == r->sess->company_id &&
		    sesscache_stamp_current(&p->stamp, p->company_id, p->whole_host)) {
			priv->has_body = 1;
			priv->body_type = "text/html; charset=utf-8";
			priv->body_data = p->body;
			priv->body_len = p->len;
			priv->page_hit = 1;
			return 1;
		}
		drop(p);
	}
	priv->page_armed = 1;
	return 0;
}

void
pagecache_begin(struct req *r)
{
	if (pages && r->method == M_GET && (r->route->flags & R_PAGE_CACHE))
		r->priv->page_epoch = sesscache_epoch();
}

/* Pages past their time go, so a signed-out session's do not linger. */
static void
sweep(void)
{
	long long now = sesscache_now_ms();
	size_t i;

	for (i = 0; i < NPAGES; i++)
		if (pages[i].body && now - pages[i].kept_ms >= ttl_ms)
			drop(&pages[i]);
}

void
pagecache_put(struct req *r, int status, int wrote)
{
	struct req_private *priv = r->priv;
	struct gen_stamp stamp;
	struct page *p;

	if (!priv->page_armed || status != HTTP_OK || wrote || priv->page_out == NULL ||
	    priv->headers != NULL || r->sess == NULL || priv->page_len > PAGE_MAX ||
	    sesscache_stamp(r->sess->company_id, priv->page_epoch, &stamp) != 0)
		return;
	sweep();
	p = slot_for(priv->page_key);
	drop(p);
	if (kept_bytes + priv->page_len > PAGE_BUDGET)
		return;
	if ((p->body = malloc(priv->page_len)) == NULL)
		return;
	memcpy(p->body, priv->page_out, priv->page_len);
	p->len = priv->page_len;
	kept_bytes += p->len;
	memcpy(p->key, priv->page_key, 32);
	p->company_id = r->sess->company_id;
	p->whole_host = (r->route->flags & R_PAGE_CACHE_HOST) != 0;
	p->stamp = stamp;
	p->kept_ms = sesscache_now_ms();
}
