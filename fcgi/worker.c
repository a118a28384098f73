/*
 * worker.c: a single-threaded FastCGI worker. It loads the modules, then
 * answers requests one at a time: parse, route, check, handle, render, log.
 * SIGTERM is blocked while a request is handled, so a graceful stop always
 * finishes the request in hand.
 */
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "db.h"
#include "host.h"
#include "log.h"
#include "modules.h"
#include "pagecache.h"
#include "sesscache.h"
#include "worker.h"

#define TRIM_EVERY	256

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static const char *
param(FCGX_Request *fr, const char *name)
{
	return FCGX_GetParam(name, fr->envp);
}

/* Reads the whole body into the arena; 0, or an HTTP status. */
static int
read_body(struct req *r, unsigned char **body, size_t *len)
{
	const char *cl = param(r->priv->fcgi, "CONTENT_LENGTH");
	char *end;
	unsigned long long n;
	size_t got = 0;

	*body = NULL;
	*len = 0;
	if (cl == NULL || cl[0] == '\0')
		return 0;
	n = strtoull(cl, &end, 10);
	if (*end != '\0' || cl[0] == '-')
		return HTTP_BAD_REQUEST;
	if (n > r->priv->cfg->body_max)
		return HTTP_TOO_LARGE;
	*body = arena_alloc(&r->priv->arena, (size_t)n + 1);
	while (got < n) {
		int k = FCGX_GetStr((char *)*body + got, (int)(n - got), r->priv->fcgi->in);

		if (k <= 0)
			return HTTP_BAD_REQUEST;
		got += (size_t)k;
	}
	(*body)[n] = '\0';
	*len = (size_t)n;
	return 0;
}

static int
parse_input(struct req *r)
{
	FCGX_Request *fr = r->priv->fcgi;
	const char *qs = param(fr, "QUERY_STRING");
	const char *cookies = param(fr, "HTTP_COOKIE");
	const char *ctype;
	unsigned char *body;
	size_t len;
	int rc;

	if (qs && params_urlencoded(&r->priv->arena, &r->priv->query, qs, strlen(qs)) < 0)
		return HTTP_BAD_REQUEST;
	if (cookies)
		params_cookies(&r->priv->arena, &r->priv->cookies, cookies);
	if (r->method != M_POST)
		return 0;
	if ((rc = read_body(r, &body, &len)) != 0)
		return rc;
	r->priv->raw_body = body;
	r->priv->raw_len = len;
	if (len == 0)
		return 0;
	ctype = param(fr, "CONTENT_TYPE");
	if (ctype == NULL)
		return HTTP_BAD_REQUEST;
	if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0) {
		if (params_urlencoded(&r->priv->arena, &r->priv->body,
		    (const char *)body, len) < 0)
			return HTTP_BAD_REQUEST;
		return 0;
	}
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0) {
		/* Each file's own limit is the handler's to tell (portal_upload_max),
		 * with a message about that file; the body's limit is checked above. */
		if (params_multipart(&r->priv->arena, &r->priv->body, &r->uploads,
		    ctype, body, len) < 0)
			return HTTP_BAD_REQUEST;
		return 0;
	}
	return HTTP_BAD_REQUEST;
}

/* A toolbar section whose module is not loaded: a plain page, never a 404. */
static int
not_available(struct req *r, const char *title)
{
	int rc = session_load(r);

	if (rc != 0)
		return rc;
	if (r->sess == NULL)
		return req_redirect(r, "/login");
	req_set(r, "Page.title", title);
	r->template = "layout/notavailable.cs";
	return HTTP_OK;
}

static int
process(struct req *r, const char **method_name)
{
	FCGX_Request *fr = r->priv->fcgi;
	const char *m = param(fr, "REQUEST_METHOD");
	const char *path = param(fr, "DOCUMENT_URI");
	unsigned allow = 0;
	size_t len;
	int rc;

	*method_name = m ? m : "-";
	if (m && (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0)) {
		r->method = M_GET;
		r->priv->head = m[0] == 'H';
	}
	else if (m && strcmp(m, "POST") == 0)
		r->method = M_POST;
	if (path == NULL) {
		const char *uri = param(fr, "REQUEST_URI");

		path = uri ? req_strdup(r, uri) : "/";
		((char *)path)[strcspn(path, "?")] = '\0';
	}
	len = strlen(path);
	if (len == 0 || path[0] != '/' || len > 2048 || !utf8_clean(path, 0))
		return HTTP_BAD_REQUEST;
	if (len > 1 && path[len - 1] == '/') {
		path = req_strdup(r, path);
		((char *)path)[len - 1] = '\0';
	}
	r->path = path;
	r->route = router_match(path, r->method, r->ids, &r->nids, &allow,
	    &r->priv->session_sql);
	if (r->route == NULL) {
		const char *tab, *title;

		if (allow) {
			req_header(r, "Allow", allow == (M_GET | M_POST) ? "GET, HEAD, POST" :
			    allow == M_GET ? "GET, HEAD" : "POST");
			return HTTP_METHOD_NOT_ALLOWED;
		}
		if ((rc = parse_input(r)) != 0)
			return rc;
		title = nav_section_title(path, &tab);
		if (title == NULL)
			title = nav_planned_title(path, &tab);	/* GET or POST, changes nothing */
		if (title && (r->method == M_GET || nav_planned_title(path, &tab))) {
			hdf_set_value(r->hdf, "Page.tab", tab);
			return not_available(r, title);
		}
		(void)session_load(r);	/* for the toolbar on the 404 page */
		return HTTP_NOT_FOUND;
	}
	if ((rc = parse_input(r)) != 0)
		return rc;
	r->template = r->route->template;
	return router_dispatch(r);
}

static void
respond(struct req *r, int status)
{
	if (status == HTTP_SEE_OTHER)
		render_redirect(r);
	else if (status == HTTP_OK && r->priv->has_body)
		render_own_body(r);
	else if (status == HTTP_OK && r->template)
		render_template(r, HTTP_OK);
	else if (status == HTTP_OK) {
		log_error("%s: a handler returned 200 with nothing to show", r->path);
		render_error(r, HTTP_SERVER_ERROR);
	} else
		render_error(r, status);
}

static void
handle(FCGX_Request *fr, const struct config *cfg, struct db *db,
    struct req_private *priv)
{
	struct timespec t0, t1;
	unsigned long trips0 = db_round_trips(db), prep0 = db_prepares(db);
	const char *method_name = "-", *rid;
	char ridbuf[33];
	struct req r;
	int status, writes;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	arena_reset(&priv->arena);
	memset((char *)priv + sizeof(priv->arena), 0, sizeof(*priv) - sizeof(priv->arena));
	priv->fcgi = fr;
	priv->cfg = cfg;
	memset(&r, 0, sizeof(r));
	r.priv = priv;
	r.db = db;
	db_set_arena(db, &priv->arena);

	rid = param(fr, "REQUEST_ID");
	if (rid == NULL || strlen(rid) > 64 || !utf8_clean(rid, 0)) {
		unsigned char raw[16];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(ridbuf, sizeof(ridbuf), raw, sizeof(raw));
		rid = ridbuf;
	}
	r.request_id = rid;
	r.ip = param(fr, "REMOTE_ADDR");
	if (r.ip == NULL)
		r.ip = "";
	if (hdf_init(&r.hdf) != STATUS_OK) {
		log_error("hdf_init failed");
		return;
	}
	hdf_set_value(r.hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(r.hdf, "hdf.loadpaths.0", cfg->templates_dir);

	status = process(&r, &method_name);
	db_end_request(db);
	/* Committed; before the answer, so the next request sees it whatever
	 * worker takes it (sesscache.h). */
	writes = db_take_writes(db);
	if (writes & DB_WROTE_SESSIONS)
		sesscache_bump(0);
	else if (writes && r.sess)
		sesscache_bump(r.sess->company_id);
	else if (writes & DB_WROTE_CHANGE)	/* whose, we cannot tell */
		sesscache_bump(0);
	/* Else rows added without a session (a sign-in's session and audit rows):
	 * in nobody's kept row. */
	respond(&r, status);
	pagecache_put(&r, status, writes);

	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* sql=N: the database round trips of this request (db.c counts each
	 * execute, prepare and transaction statement; the benchmark reads it);
	 * prep=M of them prepared a statement, which a worker does once. */
	log_info("%s %s %s %d %.1fms sql=%lu prep=%lu%s", rid, method_name,
	    r.path ? r.path : "-", status, (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6, db_round_trips(db) - trips0,
	    db_prepares(db) - prep0, priv->page_hit ? " page=kept" : "");
	hdf_destroy(&r.hdf);
	db_set_arena(db, NULL);
}

int
worker_main(const struct config *cfg, int listen_fd)
{
	struct req_private *priv;
	struct sigaction sa;
	sigset_t term, none;
	FCGX_Request fr;
	struct db *db;
	char err[1024];
	long served = 0;
	struct timeval read_timeout = { 30, 0 };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;	/* no SA_RESTART: accept() must return */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigaddset(&term, SIGINT);
	sigemptyset(&none);

	host_config = cfg;
	if (modules_load(cfg, err, sizeof(err)) < 0 ||
	    router_init_modules(err, sizeof(err)) < 0) {
		log_error("worker: %s", err);
		return 2;
	}
	nerr_init();
	sesscache_start(cfg);
	pagecache_start(cfg);
	db = db_new(cfg);
	priv = calloc(1, sizeof(*priv));
	if (priv == NULL)
		abort();
	FCGX_InitRequest(&fr, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	sigprocmask(SIG_BLOCK, &term, NULL);
	while (!stopping) {
		int rc;

		sigprocmask(SIG_SETMASK, &none, NULL);
		if (stopping)
			break;
		rc = FCGX_Accept_r(&fr);
		sigprocmask(SIG_BLOCK, &term, NULL);
		if (rc < 0)
			break;
		/* A client that stops sending must not hold the worker. */
		(void)setsockopt(fr.ipcFd, SOL_SOCKET, SO_RCVTIMEO, &read_timeout,
		    sizeof(read_timeout));
		handle(&fr, cfg, db, priv);
		FCGX_Finish_r(&fr);
		/*
		 * What a large page freed goes back to the kernel now and then, so a
		 * worker's memory is what it holds, not the high-water mark of the
		 * largest page it ever drew (about 100 us, once in TRIM_EVERY requests).
		 */
		if (++served % TRIM_EVERY == 0)
			malloc_trim(0);
		if (cfg->max_requests > 0 && served >= cfg->max_requests) {
			log_info("worker: recycled after %ld requests", served);
			break;
		}
	}
	FCGX_Free(&fr, 0);
	router_fini_modules();
	tmpl_flush();
	nav_shared_free();
	modules_unload();
	db_destroy(db);
	sesscache_stop();
	pagecache_stop();
	arena_free(&priv->arena);
	free(priv);
	return 0;
}
