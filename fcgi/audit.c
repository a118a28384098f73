/* audit.c: the audit log, one row per action worth a record, from a request
 * (the row itself: audit_write.c). */
#include "host.h"

int
req_audit(struct req *r, const char *action, const char *kind,
    const char *object_id, const char *detail)
{
	return audit_write(r->db, r->sess ? r->sess->company_id : 0,
	    r->sess ? r->sess->user_id : 0, r->ip, action, kind, object_id,
	    detail);
}

int
req_audit_for(struct req *r, unsigned long long company_id, unsigned long long user_id,
    const char *action, const char *kind, const char *object_id, const char *detail)
{
	return audit_write(r->db, company_id, user_id, r->ip, action, kind, object_id, detail);
}
