/* admin.h: the parts of the administration module. */
#ifndef ADMIN_H
#define ADMIN_H

#include <portal.h>

/* audit.c: the company's audit log. */
int	admin_audit(struct req *);
extern const struct field audit_fields[];

#endif
