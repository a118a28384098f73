/* modules.h: loading the configured modules (plugins) into the router. */
#ifndef MODULES_H
#define MODULES_H

#include <stddef.h>

#include "conf.h"

/* Registers the built-in pages and every configured module. -1 with a
 * message naming the module and the problem. */
int	modules_load(const struct config *, char *err, size_t errlen);
void	modules_unload(void);

#endif
