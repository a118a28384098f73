/* audit_write.h: one audit log row, for the workers and portalctl alike. */
#ifndef AUDIT_WRITE_H
#define AUDIT_WRITE_H

struct db;

/* A company or user of 0 is none (NULL); the detail is cut to 255 characters. */
int	audit_write(struct db *, unsigned long long company_id,
	    unsigned long long user_id, const char *ip, const char *action,
	    const char *kind, const char *object_id, const char *detail);

#endif
