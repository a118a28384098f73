/*
 * users.c: Administration -> Administer Users: the company's users within the
 * signed-in user's level (company: all; group: the group's and its offices';
 * office: that office's), 50 a page, keyset paging on the membership id. One
 * statement a page, whatever the number of users.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

#define PAGE_SIZE	50

static const char *const sql_users =
    "SELECT m.id, u.id,"
    " CONCAT_WS(' ', NULLIF(u.title, ''), u.first_name, u.last_name), u.email,"
    " CASE m.level WHEN 'company' THEN 'Company' WHEN 'group' THEN CONCAT('Group: ', g.name)"
    "  ELSE CONCAT('Office: ', o.name) END,"
    " m.permissions, IFNULL(DATE_FORMAT(u.last_login_at, '%d/%m/%Y %H:%i'), 'Never'),"
    " IF(m.status <> 'active', m.status,"
    "  IF(u.status <> 'active' OR IFNULL(u.locked_until > NOW(6), 0), 'locked', 'active'))"
    " FROM memberships m JOIN users u ON u.id = m.user_id"
    " LEFT JOIN company_groups g ON g.id = m.group_id"
    " LEFT JOIN offices o ON o.id = m.office_id"
    " WHERE m.company_id = ?" SCOPE_MEMBER_SQL " AND m.id > ?"
    " ORDER BY m.id LIMIT 51";

const struct field users_list_fields[] = {
	{ "after", v_id, 0 },
	{ NULL, NULL, 0 }
};

int
users_list(struct req *r)
{
	const struct session *s = r->sess;
	unsigned long long after = r->fields[0].err ? 0 : (unsigned long long)r->fields[0].num;
	static const char *const cols[] = { "member", "id", "name", "email", "level", NULL,
	    "last_login", "status" };
	struct dbres *res;
	size_t n = 0;
	unsigned i;
	int rc;

	if ((s->perms & USER_ADMIN_PERMS) == 0)
		return HTTP_FORBIDDEN;
	req_set(r, "Page.title", "Administer Users");
	if (req_can(r, PERM_ADD_USERS))
		req_set(r, "Can.add", "1");
	if ((rc = db_query(r->db, &res, sql_users, "u" "uuuuu" "u", s->company_id,
	    SCOPE_MEMBER_ARGS(s), after)) != 0)
		return rc;
	while (n < PAGE_SIZE && db_next(res)) {
		const char *p = req_printf(r, "Users.%zu", n++);

		for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
			if (cols[i])
				req_set(r, req_printf(r, "%s.%s", p, cols[i]), db_str(res, i));
		badges_to_hdf(r, req_printf(r, "%s.badges", p),
		    (uint64_t)strtoull(db_str(res, 5), NULL, 10));
		if (n == PAGE_SIZE && db_rows(res) > PAGE_SIZE)
			req_set(r, "List.next", req_printf(r, "/admin/users?after=%s", db_str(res, 0)));
	}
	return HTTP_OK;
}
