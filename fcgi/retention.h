/* retention.h: purging what is kept no longer than it is needed (portalctl). */
#ifndef RETENTION_H
#define RETENTION_H

struct db;

/* portalctl purge-documents --older-than DAYS; returns the exit status. */
int	retention_purge_command(struct db *, int argc, char **argv);
/* portalctl purge-lookups: the lookups made more than a day ago. */
int	retention_purge_lookups_command(struct db *, int argc, char **argv);

#endif
