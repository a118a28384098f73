/*
 * modopen.c: opening one module file and finding its descriptor, for the
 * worker (modules.c) and for `portalctl routes`, which only reads the tables.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "modules.h"

const struct portal_module *
module_open(const char *dir, const char *name, int flags, void **handle,
    char *err, size_t errlen)
{
	const struct portal_module *m;
	char path[4096];
	void *h;

	*handle = NULL;
	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	if ((h = dlopen(path, flags | RTLD_LOCAL)) == NULL) {
		snprintf(err, errlen, "module %s cannot be loaded: %s", name, dlerror());
		return NULL;
	}
	if ((m = dlsym(h, "portal_module")) == NULL) {
		snprintf(err, errlen, "module %s (%s) has no portal_module descriptor", name, path);
		goto fail;
	}
	/* Checked before anything else of it is read: its layout may differ. */
	if (m->abi != PORTAL_ABI) {
		snprintf(err, errlen, "module %s (%s) was built for another version of the "
		    "portal: rebuild and reinstall it", name, path);
		goto fail;
	}
	if (m->name == NULL || strcmp(m->name, name) != 0) {
		snprintf(err, errlen, "module file %s names itself \"%s\"",
		    path, m->name ? m->name : "");
		goto fail;
	}
	*handle = h;
	return m;
fail:
	dlclose(h);
	return NULL;
}
