/*
 * config.h: the portal's configuration, one XML file validated against
 * portal.rng. config_load fills a struct config that owns its strings.
 */
#ifndef CONFIG_H_PORTAL
#define CONFIG_H_PORTAL

#include <stddef.h>

/* A module's own setting: <module name="M"><param name="N" value="V"/></module>. */
struct config_param {
	char	*module, *name, *value;
};

struct config {
	char	 *listen;		/* unix socket path or 127.0.0.1:PORT */
	unsigned  listen_mode;		/* a unix socket's mode, 0660 unless set */
	char	 *listen_group;		/* and its group, or NULL */
	int	  workers;
	long	  max_requests;		/* recycle a worker after this many */
	int	  shutdown_seconds;	/* drain time before SIGKILL */
	char	 *db_socket, *db_host, *db_name, *db_user, *db_password;
	unsigned  db_port;
	char	 *modules_dir;
	char	**modules;
	size_t	  nmodules;
	struct config_param *params;
	size_t	  nparams;
	char	 *templates_dir;
	size_t	  upload_max;		/* one uploaded file */
	size_t	  body_max;		/* a whole request body */
	int	  idle_minutes, absolute_hours;
	long	  session_cache_ms;	/* 0: no session cache (sesscache.h) */
	char	 *session_cache_file;	/* the host's generation counters */
	long	  page_cache_ms;	/* 0: no page cache (pagecache.h) */
	char	 *base_url;
	int	  secure;		/* base URL is https: Secure cookies, HSTS */
	char	 *pay_url, *pay_merchant, *pay_secret;
	char	 *assess_url, *assess_secret;	/* the online assessment service */
	char	 *data_key;		/* seals stored secrets (64 hex digits), or NULL */
	int	  syslog;
	int	  demo;
};

/*
 * Reads and validates `path` against the RELAX NG schema `schema`. On
 * failure returns -1 with a message naming the file, line and problem in
 * err. On success the caller frees *cfg with config_free.
 */
int	config_load(const char *path, const char *schema, struct config *cfg,
		char *err, size_t errlen);
void	config_free(struct config *);
/* The value of a module's setting, or NULL. */
const char *config_param(const struct config *, const char *module, const char *name);

#endif
