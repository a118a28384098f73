/* retention.h: purging the documents of long-completed applications (portalctl). */
#ifndef RETENTION_H
#define RETENTION_H

struct db;

/* portalctl purge-documents --older-than DAYS; returns the exit status. */
int	retention_purge_command(struct db *, int argc, char **argv);

#endif
