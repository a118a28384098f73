/*
 * users_edit.c: one user of the company (within the signed-in user's level,
 * else 404): change their level and permissions, remove them, reset their
 * password. Nobody changes themselves here (My account is for that), grants
 * what they do not hold, or leaves the company without an active company-level
 * user who can change user permissions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

static const char *const sql_member =
    "SELECT u.id, CONCAT_WS(' ', NULLIF(u.title, ''), u.first_name, u.last_name) AS name,"
    " u.email, m.level, IFNULL(m.group_id, 0) AS group_id, IFNULL(m.office_id, 0) AS office_id,"
    " m.permissions, m.status, u.status AS user_status,"
    " IFNULL(DATE_FORMAT(u.last_login_at, '%d/%m/%Y %H:%i'), 'Never') AS last_login,"
    " (SELECT COUNT(*) FROM memberships o WHERE o.user_id = u.id AND o.company_id <> m.company_id"
    "   AND o.status = 'active') AS other_companies"
    " FROM memberships m JOIN users u ON u.id = m.user_id"
    " WHERE m.user_id = ? AND m.company_id = ?" SCOPE_MEMBER_SQL;
static const char *const sql_member_lock =
    "SELECT m.level, m.permissions, m.status FROM memberships m"
    " WHERE m.user_id = ? AND m.company_id = ?" SCOPE_MEMBER_SQL " FOR UPDATE";
/* Every active company-level holder of Can Change User Permissions, locked, so two
 * requests cannot each take away one of the last two. */
static const char *const sql_admins_lock =
    "SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id"
    " WHERE m.company_id = ? AND m.status = 'active' AND m.level = 'company'"
    " AND (m.permissions & 32768) <> 0 AND u.status = 'active' FOR UPDATE";
static const char *const sql_save =
    "UPDATE memberships SET level = ?, group_id = NULLIF(?, 0), office_id = NULLIF(?, 0),"
    " permissions = ? WHERE user_id = ? AND company_id = ?";
static const char *const sql_remove =
    "UPDATE memberships SET status = 'removed', removed_at = NOW(6)"
    " WHERE user_id = ? AND company_id = ?";
static const char *const sql_end_sessions =
    "DELETE FROM sessions WHERE user_id = ? AND company_id = ?";
static const char *const sql_end_all_sessions =
    "DELETE FROM sessions WHERE user_id = ?";
/* A password serves every company the user works for, so a company may reset it only for a
 * user of its own alone: counted once the user's row is locked (adding an existing user
 * locks it too), so a user added elsewhere meanwhile is counted. */
static const char *const sql_lock_user =
    "SELECT id FROM users WHERE id = ? FOR UPDATE";
static const char *const sql_other_companies =
    "SELECT COUNT(*) FROM memberships WHERE user_id = ? AND company_id <> ? AND status = 'active'"
    " LOCK IN SHARE MODE";
#define SHARED_USER "This user also works for another company on the portal, so their password " \
	"cannot be reset here: they can change it in My account, or ECS can reset it for them."
static const char *const sql_forget_password =
    "UPDATE users SET password_hash = NULL WHERE id = ?";

enum { U_LEVEL, U_BUNDLE, U_PERM };
const struct field user_fields[] = {
	[U_LEVEL] = { "level", v_level, F_REQUIRED },
	[U_BUNDLE] = { "bundle", v_bundle, F_MULTI },
	[U_PERM] = { "perm", v_bit, F_MULTI },
	{ NULL, NULL, 0 }
};

/* The user's page (with a message when given); *found 0 answers 404. */
static int
user_page(struct req *r, const char *error, int *found)
{
	const struct session *s = r->sess;
	uint64_t held;
	int rc;

	req_set(r, "Page.title", "Edit user");
	r->template = "admin/user.cs";
	if ((rc = db_row_hdf(r->db, r->hdf, "Member", found, sql_member, "uu" "uuuuu",
	    r->ids[0], s->company_id, SCOPE_MEMBER_ARGS(s))) != 0 || !*found)
		return rc;
	held = (uint64_t)strtoull(hdf_get_value(r->hdf, "Member.permissions", "0"), NULL, 10);
	perms_to_hdf(r, held);
	badges_to_hdf(r, "Member.badges", held);
	{
		const char *lv = hdf_get_value(r->hdf, "Member.level", "company");

		if (strcmp(lv, "company") == 0)
			req_set(r, "Member.level_value", "company");
		else
			req_set(r, "Member.level_value", req_printf(r, "%s:%s", lv,
			    hdf_get_value(r->hdf, strcmp(lv, "group") == 0 ? "Member.group_id" :
			    "Member.office_id", "0")));
	}
	if (r->ids[0] == s->user_id)
		req_set(r, "Member.self", "1");
	if (req_can(r, PERM_CHANGE_PERMISSIONS))
		req_set(r, "Can.change", "1");
	if (req_can(r, PERM_REMOVE_USERS))
		req_set(r, "Can.remove", "1");
	if (req_can(r, PERM_RESET_PASSWORDS)) {
		if (strcmp(hdf_get_value(r->hdf, "Member.other_companies", "0"), "0") == 0)
			req_set(r, "Can.reset", "1");
		else
			req_set(r, "Member.shared", SHARED_USER);
	}
	if (error)
		req_set(r, "Form.error", error);
	return levels_to_hdf(r);
}

/* The page with a message, or 404. */
static int
refuse(struct req *r, const char *error)
{
	int found, rc = user_page(r, error, &found);

	if (rc != 0)
		return rc;
	return found ? HTTP_OK : HTTP_NOT_FOUND;
}

int
user_view(struct req *r)
{
	if ((r->sess->perms & USER_ADMIN_PERMS) == 0)
		return HTTP_FORBIDDEN;
	return refuse(r, NULL);
}

/*
 * In a transaction: locks the company's administrators and the member. 0 with
 * *found, *level, *perms, *status and *others (other active company-level holders
 * of Can Change User Permissions), or a status (rolled back).
 */
static int
lock_member(struct req *r, int *found, char level[16], uint64_t *perms, int *active,
    size_t *others)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	*others = 0;
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_query(r->db, &res, sql_admins_lock, "u", s->company_id)) != 0)
		goto fail;
	while (db_next(res))
		if ((unsigned long long)db_int(res, 0) != r->ids[0])
			(*others)++;
	if ((rc = db_query(r->db, &res, sql_member_lock, "uu" "uuuuu", r->ids[0], s->company_id,
	    SCOPE_MEMBER_ARGS(s))) != 0)
		goto fail;
	*found = db_next(res);
	if (*found) {
		snprintf(level, 16, "%s", db_str(res, 0));
		*perms = (uint64_t)strtoull(db_str(res, 1), NULL, 10);
		*active = strcmp(db_str(res, 2), "active") == 0;
	}
	return 0;
fail:
	db_rollback(r->db);
	return rc;
}

/* Whether the member is now one of the company's user administrators. */
static int
is_admin(const char *level, uint64_t perms, int active)
{
	return active && strcmp(level, "company") == 0 &&
	    (perms & PERM_BIT(PERM_CHANGE_PERMISSIONS)) != 0;
}

#define LAST_ADMIN "This user is the company's last active company-level user who can " \
	"change user permissions: give another user that permission at company level first."

/* Ends a locked transaction with a refusal (or 404 when not found). */
static int
refuse_locked(struct req *r, const char *error)
{
	db_rollback(r->db);
	return refuse(r, error);
}

int
user_save(struct req *r)
{
	const struct fieldval *f = r->fields;
	uint64_t asked, old, mask;
	uint64_t mine = r->sess->perms;
	char level[16];
	struct level lv;
	size_t others;
	int rc, found, ok, active;
	const char *error;

	if (r->invalid)
		return refuse(r, "Please choose the level and permissions from the lists.");
	if ((rc = lock_member(r, &found, level, &old, &active, &others)) != 0)
		return rc;
	if (!found)
		return refuse_locked(r, NULL);
	if (r->ids[0] == r->sess->user_id)
		return refuse_locked(r, "You cannot change your own permissions or level.");
	if (!active)
		return refuse_locked(r, "This user has been removed from the company.");
	asked = perms_from_form(&f[U_BUNDLE], &f[U_PERM], old);
	/* What the editor does not hold stays as it was; granting it is refused. */
	if ((error = grant_refusal(r, asked & ~mine & ~old)) != NULL)
		return refuse_locked(r, error);
	mask = (asked & mine) | (old & ~mine);
	if ((rc = level_allowed(r, f[U_LEVEL].val, &lv, &ok)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (!ok)
		return refuse_locked(r, "Please choose a level within your own.");
	if (is_admin(level, old, 1) && !is_admin(lv.kind, mask, 1) && others == 0)
		return refuse_locked(r, LAST_ADMIN);
	if ((rc = db_exec(r->db, sql_save, "suuuuu", lv.kind, lv.group_id, lv.office_id,
	    (unsigned long long)mask, r->ids[0], r->sess->company_id)) != 0 ||
	    (rc = req_audit(r, "user_permissions_changed", "user", req_printf(r, "%llu", r->ids[0]),
	    req_printf(r, "level %s; permissions: %s", f[U_LEVEL].val, perms_text(r, mask)))) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The user's level and permissions have been saved.");
	return req_redirect(r, req_printf(r, "/admin/users/%llu", r->ids[0]));
}

int
user_remove(struct req *r)
{
	uint64_t old;
	char level[16];
	size_t others;
	int rc, found, active;

	if ((rc = lock_member(r, &found, level, &old, &active, &others)) != 0)
		return rc;
	if (!found)
		return refuse_locked(r, NULL);
	if (r->ids[0] == r->sess->user_id)
		return refuse_locked(r, "You cannot remove yourself.");
	if (!active)
		return refuse_locked(r, "This user has already been removed.");
	if (is_admin(level, old, 1) && others == 0)
		return refuse_locked(r, LAST_ADMIN);
	/* Their past actions stay in the audit log: nothing of theirs is deleted. */
	if ((rc = db_exec(r->db, sql_remove, "uu", r->ids[0], r->sess->company_id)) != 0 ||
	    (rc = db_exec(r->db, sql_end_sessions, "uu", r->ids[0], r->sess->company_id)) != 0 ||
	    (rc = req_audit(r, "user_removed", "user", req_printf(r, "%llu", r->ids[0]), "")) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The user has been removed.");
	return req_redirect(r, "/admin/users");
}

int
user_reset(struct req *r)
{
	struct dbres *res;
	const char *email;
	int rc, found;

	if ((rc = user_page(r, NULL, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	if (r->ids[0] == r->sess->user_id)
		return refuse(r, "To change your own password, use My account.");
	if (strcmp(hdf_get_value(r->hdf, "Member.status", ""), "invited") == 0)
		return refuse(r, "This person has not accepted your invitation yet.");
	if (strcmp(hdf_get_value(r->hdf, "Member.status", ""), "active") != 0)
		return refuse(r, "This user has been removed from the company.");
	email = req_strdup(r, hdf_get_value(r->hdf, "Member.email", ""));
	/* The old password stops working at once, and so do their sessions. */
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_query(r->db, &res, sql_lock_user, "u", r->ids[0])) != 0 ||
	    (rc = db_query(r->db, &res, sql_other_companies, "uu", r->ids[0],
	    r->sess->company_id)) != 0)
		goto fail;
	if (!db_next(res) || db_int(res, 0) != 0) {
		db_rollback(r->db);
		return refuse(r, SHARED_USER);
	}
	if ((rc = db_exec(r->db, sql_forget_password, "u", r->ids[0])) != 0 ||
	    (rc = db_exec(r->db, sql_end_all_sessions, "u", r->ids[0])) != 0 ||
	    (rc = link_issue(r, r->ids[0], "reset")) != 0 ||
	    (rc = req_audit(r, "password_reset", "user", req_printf(r, "%llu", r->ids[0]),
	    "a new one-time link issued")) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	link_mail(r, email);
	req_set(r, "Page.title", "Password reset");
	req_set(r, "Added.email", email);
	req_setf(r, "Added.id", "%llu", r->ids[0]);
	req_set(r, "Added.reset", "1");
	r->template = "admin/user-added.cs";
	return HTTP_OK;
fail:
	db_rollback(r->db);
	return rc;
}
