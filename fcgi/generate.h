/* generate.h: `portalctl generate`, a reproducible benchmark data set (generate.c). */
#ifndef GENERATE_H
#define GENERATE_H

#include "db.h"

/* argv[0] is "generate"; 0, 1 when the database failed, 2 for bad arguments. */
int	generate_command(struct db *, int argc, char **argv);

#endif
