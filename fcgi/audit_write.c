/* audit_write.c: one audit log row (audit_write.h); the workers' req_audit is audit.c. */
#include "audit_write.h"
#include "db.h"
#include "portal.h"

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
