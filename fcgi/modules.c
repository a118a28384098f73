/*
 * modules.c: each module is a libtool module (NAME.so in the configured
 * directory) exporting one `portal_module` descriptor.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "modules.h"

static void **handles;
static size_t nhandles;

void
modules_unload(void)
{
	size_t i;

	router_clear();
	for (i = 0; i < nhandles; i++)
		dlclose(handles[i]);
	free(handles);
	handles = NULL;
	nhandles = 0;
}

int
modules_load(const struct config *cfg, char *err, size_t errlen)
{
	size_t i;

	modules_unload();
	if (router_add(&auth_module, err, errlen) < 0)
		return -1;
	handles = calloc(cfg->nmodules + 1, sizeof(*handles));
	if (handles == NULL)
		abort();
	for (i = 0; i < cfg->nmodules; i++) {
		const struct portal_module *m;

		m = module_open(cfg->modules_dir, cfg->modules[i], RTLD_NOW,
		    &handles[nhandles], err, errlen);
		if (m == NULL)
			goto fail;
		nhandles++;
		if (router_add(m, err, errlen) < 0)
			goto fail;
	}
	return 0;
fail:
	modules_unload();
	return -1;
}
