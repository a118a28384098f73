/* audit.c: the audit log, one row per action worth a record. */
#include "host.h"

static const char *const audit_insert =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind,"
    " object_id, detail) VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, LEFT(?, 255))";

int
audit_write(struct db *db, unsigned long long company_id,
    unsigned long long user_id, const char *ip, const char *action,
    const char *kind, const char *object_id, const char *detail)
{
	return db_exec(db, audit_insert, "uussss" "s", company_id, user_id,
	    ip ? ip : "", action, kind ? kind : "", object_id ? object_id : "",
	    detail ? detail : "");
}

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
