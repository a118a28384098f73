/* modules.h: loading the configured modules (plugins) into the router. */
#ifndef MODULES_H
#define MODULES_H

#include <stddef.h>

#include "conf.h"
#include "portal.h"

/* Registers the built-in pages and every configured module. -1 with a
 * message naming the module and the problem. */
int	modules_load(const struct config *, char *err, size_t errlen);
void	modules_unload(void);

/* Opens DIR/NAME.so with dlopen FLAGS (RTLD_LOCAL added) and returns its
 * descriptor once its interface version and name are checked; *handle is
 * for dlclose. NULL with a message naming the module and the problem. */
const struct portal_module *module_open(const char *dir, const char *name, int flags,
	    void **handle, char *err, size_t errlen);

#endif
