/*
 * portald.c: the supervisor. It checks the configuration and modules, opens
 * the listening socket, pre-forks the workers and keeps their number up:
 * a worker that dies is replaced at once; SIGHUP re-reads the configuration
 * and replaces the workers gracefully; SIGTERM drains and exits.
 */
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "conf.h"
#include "log.h"
#include "modules.h"
#include "sesscache.h"
#include "worker.h"

#ifndef PORTAL_SCHEMA
#define PORTAL_SCHEMA "/usr/local/share/ecs-portal/portal.rng"
#endif

#define MAX_WORKERS	1024

struct worker {
	pid_t	pid;
	int	generation;
	time_t	started;
};

static struct worker workers[MAX_WORKERS];
static size_t nworkers;
static int generation;

static void
usage(void)
{
	fprintf(stderr, "usage: portald -c CONFIG [-s SCHEMA] [-p PIDFILE] [-t]\n");
	exit(2);
}

static int
load(const char *path, const char *schema, struct config *cfg)
{
	char err[1024];

	if (config_load(path, schema, cfg, err, sizeof(err)) < 0) {
		log_error("configuration: %s", err);
		return -1;
	}
	/* Every module must load and no two routes may clash. */
	if (modules_load(cfg, err, sizeof(err)) < 0) {
		log_error("%s: %s", path, err);
		config_free(cfg);
		return -1;
	}
	modules_unload();
	/* Workers inherit the mapping; a reload to a file that cannot be used is refused. */
	if (sesscache_map(cfg, err, sizeof(err)) < 0) {
		log_error("%s: session cache: %s", path, err);
		config_free(cfg);
		return -1;
	}
	/* Not fatal (secrets are then stored as they are), but a hosting engineer must know. */
	if (cfg->data_key == NULL)
		log_error("%s: no <data-key>: two-step sign-in secrets are stored unsealed", path);
	else if (strspn(cfg->data_key, "0") == strlen(cfg->data_key))
		log_error("%s: <data-key> is the sample's zeros: make a key of your own", path);
	return 0;
}

static void
spawn(const struct config *cfg, int fd)
{
	sigset_t none;
	pid_t pid;

	if (nworkers == MAX_WORKERS)
		return;
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/* exit, not _exit: LeakSanitizer reports at exit in the test build. */
		exit(worker_main(cfg, fd));
	}
	workers[nworkers].pid = pid;
	workers[nworkers].generation = generation;
	workers[nworkers].started = time(NULL);
	nworkers++;
}

static size_t
current_workers(void)
{
	size_t i, n = 0;

	for (i = 0; i < nworkers; i++)
		if (workers[i].generation == generation)
			n++;
	return n;
}

static void
signal_workers(int sig, int only_old)
{
	size_t i;

	for (i = 0; i < nworkers; i++)
		if (!only_old || workers[i].generation != generation)
			kill(workers[i].pid, sig);
}

static void
reap(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		size_t i;

		for (i = 0; i < nworkers; i++)
			if (workers[i].pid == pid)
				break;
		if (i == nworkers)
			continue;
		if (WIFSIGNALED(status))
			log_error("worker %ld killed by signal %d", (long)pid, WTERMSIG(status));
		else if (WEXITSTATUS(status) != 0)
			log_error("worker %ld exited with %d", (long)pid, WEXITSTATUS(status));
		workers[i] = workers[--nworkers];
	}
}

/* Tops the pool up; if workers keep dying at once, waits a second. */
static void
top_up(const struct config *cfg, int fd)
{
	static time_t window;
	static int spawned;
	time_t now = time(NULL);

	if (now != window) {
		window = now;
		spawned = 0;
	}
	while (current_workers() < (size_t)cfg->workers) {
		if (spawned >= cfg->workers * 3) {
			log_error("workers are dying as they start; waiting");
			return;
		}
		spawn(cfg, fd);
		spawned++;
	}
}

static void
drain(const struct config *cfg)
{
	struct timespec start, now;

	log_info("stopping: draining %zu workers", nworkers);
	signal_workers(SIGTERM, 0);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (nworkers > 0) {
		struct timespec pause = { 0, 50 * 1000 * 1000 };

		reap();
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= cfg->shutdown_seconds) {
			log_error("stopping: %zu workers did not finish; killing them", nworkers);
			signal_workers(SIGKILL, 0);
			while (nworkers > 0 && waitpid(-1, NULL, 0) > 0)
				reap();
			break;
		}
		nanosleep(&pause, NULL);
	}
}

int
main(int argc, char *argv[])
{
	const char *path = NULL, *schema = PORTAL_SCHEMA, *pidfile = NULL;
	struct config cfg;
	sigset_t set;
	int ch, check = 0, fd;

	while ((ch = getopt(argc, argv, "c:s:p:t")) != -1) {
		switch (ch) {
		case 'c': path = optarg; break;
		case 's': schema = optarg; break;
		case 'p': pidfile = optarg; break;
		case 't': check = 1; break;
		default: usage();
		}
	}
	if (path == NULL || optind != argc)
		usage();
	/*
	 * Tesseract (OCR) is built with OpenMP, which reads OMP_THREAD_LIMIT as
	 * the process loads, before main: on a small machine its threads make
	 * each OCR ten times slower. So portald starts itself again with the
	 * limit set, unless whoever started it chose a value.
	 */
	if (getenv("OMP_THREAD_LIMIT") == NULL) {
		setenv("OMP_THREAD_LIMIT", "1", 1);
		execv("/proc/self/exe", argv);
		/* No /proc: carry on at the library's default. */
	}
	log_open("portald", 0);
	if (sodium_init() < 0) {
		log_error("libsodium cannot start");
		return 1;
	}
	if (load(path, schema, &cfg) < 0)
		return 1;
	if (check) {
		fprintf(stderr, "portald: %s is good: %d workers, %zu modules\n",
		    path, cfg.workers, cfg.nmodules);
		config_free(&cfg);
		return 0;
	}
	log_open("portald", cfg.syslog);

	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return 1;
	}
	fd = FCGX_OpenSocket(cfg.listen, 1024);
	if (fd < 0) {
		log_error("cannot listen on %s: %s", cfg.listen, strerror(errno));
		return 1;
	}
	/* Only nginx may speak FastCGI to the workers: the socket's group
	 * (nginx's user in it) and mode come from the configuration. */
	if (cfg.listen[0] == '/') {
		if (cfg.listen_group) {
			struct group *g = getgrnam(cfg.listen_group);

			if (g == NULL || chown(cfg.listen, (uid_t)-1, g->gr_gid) < 0)
				log_error("chown %s to group %s failed", cfg.listen,
				    cfg.listen_group);
		}
		if (chmod(cfg.listen, cfg.listen_mode) < 0)
			log_error("chmod %s: %s", cfg.listen, strerror(errno));
	}
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");

		if (f) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
	}

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	log_info("listening on %s with %d workers", cfg.listen, cfg.workers);
	for (;;) {
		struct timespec tick = { 0, 250 * 1000 * 1000 };
		siginfo_t info;
		int sig;

		reap();
		top_up(&cfg, fd);
		sig = sigtimedwait(&set, &info, &tick);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP) {
			struct config fresh;

			log_info("reloading %s", path);
			if (load(path, schema, &fresh) < 0) {
				log_error("reload refused: keeping the running configuration");
				continue;
			}
			if (strcmp(fresh.listen, cfg.listen) != 0)
				log_error("the listen address changed: restart portald to use it");
			config_free(&cfg);
			cfg = fresh;
			generation++;
			/* New workers first, then the old ones finish and leave. */
			top_up(&cfg, fd);
			signal_workers(SIGTERM, 1);
		}
	}
	drain(&cfg);
	if (cfg.listen[0] == '/')
		unlink(cfg.listen);
	if (pidfile)
		unlink(pidfile);
	config_free(&cfg);
	log_info("stopped");
	return 0;
}
