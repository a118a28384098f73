/* Unit tests of configuration loading (fcgi/config.c) on good and bad files. */
#include <stdlib.h>

#include "conf.h"
#include "tap.h"

static char path[4096], schema[4096];

static int
load(const char *name, struct config *c, char *err, size_t len)
{
	const char *src = getenv("SRCDIR") ? getenv("SRCDIR") : ".";

	snprintf(path, sizeof(path), "%s/tests/unit/configs/%s", src, name);
	snprintf(schema, sizeof(schema), "%s/fcgi/portal.rng", src);
	return config_load(path, schema, c, err, len);
}

int
main(void)
{
	struct config c;
	char err[1024];

	ok(load("good.xml", &c, err, sizeof(err)) == 0, "good file loads");
	is_str(c.listen, "127.0.0.1:9000", "listen");
	ok(c.workers == 3 && c.max_requests == 500, "workers and recycling");
	is_str(c.db_socket, "/tmp/db.sock", "database socket");
	ok(c.nmodules == 2 && strcmp(c.modules[1], "employees") == 0, "module list");
	ok(c.idle_minutes == 20 && c.absolute_hours == 8, "session lifetimes");
	ok(c.secure == 1, "https base URL means secure cookies");
	ok(c.demo == 1, "demo flag");
	is_str(config_param(&c, "employees", "lookups-per-user-hour"), "60", "module setting");
	ok(config_param(&c, "dashboard", "lookups-per-user-hour") == NULL, "settings are per module");
	ok(c.upload_max == 5 * 1024 * 1024, "default upload limit");
	is_str(c.data_key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	    "data-key, in one case (it is used as text)");
	config_free(&c);

	ok(load("short-key.xml", &c, err, sizeof(err)) < 0 && strstr(err, "data-key") != NULL,
	    "a data-key that is not 64 hex digits refused: %s", err);

	ok(load("bad-workers.xml", &c, err, sizeof(err)) < 0, "bad worker count refused");
	ok(strstr(err, "bad-workers.xml:4") != NULL, "message names file and line: %s", err);

	ok(load("not-xml.xml", &c, err, sizeof(err)) < 0, "malformed XML refused");
	ok(strstr(err, "not-xml.xml:") != NULL, "message names the file: %s", err);

	ok(load("missing-db.xml", &c, err, sizeof(err)) < 0, "missing database element refused");
	ok(strstr(err, "missing-db.xml") != NULL, "message: %s", err);

	ok(load("entity.xml", &c, err, sizeof(err)) < 0 ||
	    (c.listen && strstr(c.listen, "root:") == NULL), "external entity not expanded");
	if (c.listen)
		config_free(&c);

	ok(load("absent.xml", &c, err, sizeof(err)) < 0, "missing file refused");
	ok(strstr(err, "absent.xml") != NULL, "message names it: %s", err);
	return done_testing();
}
