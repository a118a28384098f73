/*
 * levels.c: the levels a user acts at and the permissions they hold, as the
 * user forms show and send them. A level is "company", "group:ID" or
 * "office:ID"; permissions are the guide's bundles (one check box each) with
 * their granular permissions beneath, the grant being the union of what is ticked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"

/* The bundles of the guide's appendix (permission_bundles in 0001 agrees). */
static const struct bundle {
	const char	*code, *name;
	uint64_t	 mask;
} bundles[] = {
	{ "full_employee_access", "Full Employee Access", 0xfULL },
	{ "full_purchasing_access", "Full Purchasing Access", 0xf00ULL },
	{ "full_applications_access", "Full Applications Access", 0x30ULL },
	{ "full_applications_endorsement_access", "Full Applications Endorsement Access", 0xc0ULL },
	{ "full_user_admin_access", "Full User Admin Access", 0x1e000ULL },
	{ "full_general_admin_access", "Full General Admin Access", 0x60000ULL },
	{ NULL, NULL, 0 }
};

/* Open groups and offices within the user's level; a group user's offices are its group's. */
static const char *const sql_levels =
    "SELECT CONCAT('group:', g.id) AS value, CONCAT('Group: ', g.name) AS label"
    " FROM company_groups g WHERE g.company_id = ? AND g.status = 'open' AND ? = 0"
    " AND (? = 0 OR g.id = ?)"
    " UNION ALL SELECT CONCAT('office:', f.id), CONCAT('Office: ', f.name)"
    " FROM offices f WHERE f.company_id = ? AND f.status = 'open'"
    " AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?) ORDER BY 2";
static const char *const sql_group_in_scope =
    "SELECT 1 FROM company_groups g WHERE g.id = ? AND g.company_id = ? AND g.status = 'open'"
    " AND ? = 0 AND (? = 0 OR g.id = ?)";
static const char *const sql_office_in_scope =
    "SELECT 1 FROM offices f WHERE f.id = ? AND f.company_id = ? AND f.status = 'open'"
    " AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)";

void
titles_to_hdf(struct req *r)
{
	size_t i;

	for (i = 0; validate_titles[i]; i++)
		req_set(r, req_printf(r, "Titles.%zu", i), validate_titles[i]);
}

static const char *const bad_level = "Please choose a level from the list.";

const char *
v_level(const char *in, char *out, size_t cap, long long *num)
{
	const char *digits;
	char *end;
	unsigned long long id;

	if (strcmp(in, "company") == 0) {
		snprintf(out, cap, "company");
		*num = 0;
		return NULL;
	}
	if (strncmp(in, "group:", 6) == 0)
		digits = in + 6;
	else if (strncmp(in, "office:", 7) == 0)
		digits = in + 7;
	else
		return bad_level;
	if (*digits < '1' || *digits > '9' || strlen(digits) > 15)
		return bad_level;
	id = strtoull(digits, &end, 10);
	if (*end != '\0')
		return bad_level;
	snprintf(out, cap, "%s", in);
	*num = (long long)id;
	return NULL;
}

const char *
v_bundle(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	for (i = 0; bundles[i].code; i++)
		if (strcmp(in, bundles[i].code) == 0) {
			snprintf(out, cap, "%s", in);
			*num = (long long)i;
			return NULL;
		}
	return "Please choose permissions from the list.";
}

const char *
v_bit(const char *in, char *out, size_t cap, long long *num)
{
	char *end;
	long v = strtol(in, &end, 10);

	if (*in < '0' || *in > '9' || *end != '\0' || strlen(in) > 2 || v >= PERM__MAX)
		return "Please choose permissions from the list.";
	snprintf(out, cap, "%ld", v);
	*num = v;
	return NULL;
}

int
levels_to_hdf(struct req *r)
{
	const struct session *s = r->sess;

	if (s->scope_group == 0 && s->scope_office == 0) {
		req_set(r, "Levels.company.value", "company");
		req_set(r, "Levels.company.label", "Company");
	}
	return db_rows_hdf(r->db, r->hdf, "Levels", NULL, sql_levels, "uuuu" "uuuuu",
	    s->company_id, s->scope_office, s->scope_group, s->scope_group,
	    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office);
}

int
level_allowed(struct req *r, const char *value, struct level *lv, int *ok)
{
	const struct session *s = r->sess;
	unsigned long long id;
	struct dbres *res;
	int rc;

	*ok = 0;
	memset(lv, 0, sizeof(*lv));
	if (strcmp(value, "company") == 0) {
		lv->kind = "company";
		*ok = s->scope_group == 0 && s->scope_office == 0;
		return 0;
	}
	id = strtoull(strchr(value, ':') + 1, NULL, 10);
	if (value[0] == 'g') {
		lv->kind = "group";
		lv->group_id = id;
		rc = db_query(r->db, &res, sql_group_in_scope, "uuuuu", id, s->company_id,
		    s->scope_office, s->scope_group, s->scope_group);
	} else {
		lv->kind = "office";
		lv->office_id = id;
		rc = db_query(r->db, &res, sql_office_in_scope, "uuuuuu", id, s->company_id,
		    s->scope_group, s->scope_group, s->scope_office, s->scope_office);
	}
	if (rc != 0)
		return rc;
	*ok = db_next(res);
	return 0;
}

uint64_t
perms_from_form(const struct fieldval *b, const struct fieldval *p, uint64_t previous)
{
	uint64_t mask = 0, ticked = 0, added = 0, dropped = 0;
	const struct fieldval *v;
	size_t i;

	for (v = b; v; v = v->next)
		if (v->present && v->err == NULL)
			ticked |= (uint64_t)1 << v->num;
	for (; p; p = p->next)
		if (p->present && p->err == NULL)
			mask |= PERM_BIT(p->num);
	/* Without script the boxes beneath a bundle do not follow it. A bundle box ticked
	 * newly, or with none of its boxes, gives all of it; one unticked with all of its
	 * boxes still ticked (as the page showed them) takes all of it away; otherwise the
	 * boxes beneath it decide (the bundle kept, some of its permissions unticked). */
	for (i = 0; bundles[i].code; i++) {
		uint64_t bm = bundles[i].mask;
		int on = (ticked >> i) & 1, held = (previous & bm) == bm;

		if (on && (!held || (mask & bm) == 0))
			added |= bm;
		else if (!on && held && (mask & bm) == bm)
			dropped |= bm;
	}
	for (i = 0; bundles[i].code; i++)	/* a permission of a bundle still ticked stays */
		if ((ticked >> i) & 1)
			dropped &= ~(bundles[i].mask & (mask | added));
	return ((mask & ~dropped) | added) & PERM_ALL;
}

static uint64_t
bundled(void)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; bundles[i].code; i++)
		m |= bundles[i].mask;
	return m;
}

/* PREFIX.M.bit/name/checked for each permission of mask. */
static void
bits_to_hdf(struct req *r, const char *prefix, uint64_t mask, uint64_t held)
{
	size_t m = 0;
	int bit;

	for (bit = 0; bit < PERM__MAX; bit++) {
		const char *p;

		if (!(mask & PERM_BIT(bit)))
			continue;
		p = req_printf(r, "%s.%zu", prefix, m++);
		req_setf(r, req_printf(r, "%s.bit", p), "%d", bit);
		req_set(r, req_printf(r, "%s.name", p), perm_names[bit]);
		if (held & PERM_BIT(bit))
			req_set(r, req_printf(r, "%s.checked", p), "1");
	}
}

void
perms_to_hdf(struct req *r, uint64_t held)
{
	size_t i;

	for (i = 0; bundles[i].code; i++) {
		const char *p = req_printf(r, "Bundles.%zu", i);

		req_set(r, req_printf(r, "%s.code", p), bundles[i].code);
		req_set(r, req_printf(r, "%s.name", p), bundles[i].name);
		if ((held & bundles[i].mask) == bundles[i].mask)
			req_set(r, req_printf(r, "%s.checked", p), "1");
		bits_to_hdf(r, req_printf(r, "%s.perms", p), bundles[i].mask, held);
	}
	bits_to_hdf(r, "Others", PERM_ALL & ~bundled(), held);
}

void
badges_to_hdf(struct req *r, const char *prefix, uint64_t held)
{
	uint64_t rest = held;
	size_t i, n = 0;
	int bit;

	for (i = 0; bundles[i].code; i++)
		if ((held & bundles[i].mask) == bundles[i].mask) {
			req_set(r, req_printf(r, "%s.%zu.name", prefix, n), bundles[i].name);
			req_set(r, req_printf(r, "%s.%zu.bundle", prefix, n++), "1");
			rest &= ~bundles[i].mask;
		}
	for (bit = 0; bit < PERM__MAX; bit++)
		if (rest & PERM_BIT(bit))
			req_set(r, req_printf(r, "%s.%zu.name", prefix, n++), perm_names[bit]);
}

const char *
perms_text(struct req *r, uint64_t held)
{
	uint64_t rest = held;
	const char *out = "";
	size_t i;
	int bit;

	for (i = 0; bundles[i].code; i++)
		if ((held & bundles[i].mask) == bundles[i].mask) {
			out = req_printf(r, "%s%s%s", out, *out ? ", " : "", bundles[i].name);
			rest &= ~bundles[i].mask;
		}
	for (bit = 0; bit < PERM__MAX; bit++)
		if (rest & PERM_BIT(bit))
			out = req_printf(r, "%s%s%s", out, *out ? ", " : "", perm_names[bit]);
	return *out ? out : "none";
}
