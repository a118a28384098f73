/*
 * fuzz_config: portal.xml (config_load reads a file: the input is written to
 * a file of its own under TMPDIR first) against fcgi/portal.rng.
 */
#include <unistd.h>

#include <libxml/parser.h>

#include "fuzz.h"
#include "conf.h"

static char path[256];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct config c;
	char err[512];
	FILE *f;
	size_t i;

	if (path[0] == '\0') {
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof(path), "%s/fuzz-config-%ld.xml", dir ? dir : "/tmp",
		    (long)getpid());
		xmlSetGenericErrorFunc(NULL, NULL);
	}
	if ((f = fopen(path, "wb")) == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		abort();
	if (config_load(path, FUZZ_SCHEMA("portal.rng"), &c, err, sizeof(err)) == 0) {
		/* What the schema promises the daemon. */
		FUZZ_ASSERT(c.listen != NULL && c.db_name != NULL && c.templates_dir != NULL);
		FUZZ_ASSERT(c.workers >= 1);
		for (i = 0; i < c.nmodules; i++)
			FUZZ_ASSERT(c.modules[i] != NULL);
		config_free(&c);
	} else
		FUZZ_ASSERT(memchr(err, '\0', sizeof(err)) != NULL && err[0] != '\0');
	unlink(path);
	return 0;
}
