/*
 * lists.c: Current Employees, its search and CSV export, and With Cards
 * Expiring Soon. Pages of 50 with keyset paging on indexed columns
 * (employments carries the sort name and the newest card's expiry), so a page
 * costs the same whatever the number of employees.
 *
 * The search may be an NI number, which must never be in a URL (nginx's logs,
 * the browser's history, a Referer): the search box POSTs, and the answer
 * redirects to the list with the search sealed for the session (req_seal),
 * ?s=TOKEN, which the list, its next pages and the export open again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "employees.h"

#define PAGE_SIZE	50
#define EXPORT_MAX	100000

/* What a search is sealed for (req_seal), and what a list says when it no longer opens. */
#define SEARCH_CONTEXT	"employee-search-v1"
#define SEARCH_EXPIRED	"Your search has expired: please search again."
/* The next page's cursor holds the last row's name or expiry: sealed too, so
 * no name reaches a URL (nor nginx's log), and for its own list and order only
 * (a context each); one that does not open gives the first page, saying so. */
#define CURSOR_BY_NAME		"employee-list-cursor-v1:name"
#define CURSOR_BY_EXPIRY	"employee-list-cursor-v1:expiry"
#define CURSOR_EXPIRING		"employee-list-cursor-v1:expiring"
#define CURSOR_EXPIRED	"That page's link has expired (it is from an earlier sign-in or has " \
	"been changed): here is the first page."

/*
 * A page is chosen from employments alone (the inner SELECT, in index order,
 * stopping at the LIMIT); only then are its rows joined and their cards and
 * applications looked up. Done the other way round, MariaDB computes every
 * employee's row and sorts them all. The scope and the search are written
 * so that they need no join: bind company, group, group, office, office,
 * ni, ni, card, card, name, name, name turned, then the keyset and the limit.
 */
#define PAGE_OF_EMPLOYMENTS \
	"SELECT e.operative_id, e.company_id, e.office_id, e.sort_name, e.card_expires_on" \
	" FROM employments e" \
	" WHERE e.company_id = ? AND e.ended_on IS NULL" \
	" AND (? = 0 OR e.office_id IN (SELECT id FROM offices WHERE group_id = ?))" \
	" AND (? = 0 OR e.office_id = ?)" \
	" AND (? = '' OR e.operative_id = (SELECT id FROM operatives WHERE ni_number = ?))" \
	" AND (? = '' OR e.operative_id = (SELECT operative_id FROM cards WHERE card_number = ?))" \
	" AND (? = '' OR e.sort_name LIKE ? OR e.sort_name LIKE ?)"

/* An employee's applications here by state: the index of migration 0018, named because
 * in a prepared statement MariaDB otherwise reads the company's applications of that
 * state (every one, for each row of the page). */
#define APPS_OF_EMPLOYEE \
	" FROM applications a FORCE INDEX (ix_applications_operative_company)" \
	" WHERE a.operative_id = e.operative_id AND a.company_id = e.company_id"

#define ROW_COLUMNS \
	"SELECT e.operative_id AS id, e.sort_name AS name, o.ni_number AS ni, f.name AS office," \
	" (SELECT COUNT(*)" APPS_OF_EMPLOYEE " AND a.state = 'in_progress') AS apps," \
	" (SELECT GROUP_CONCAT(c.card_number ORDER BY c.expires_on DESC SEPARATOR ', ')" \
	"   FROM cards c WHERE c.operative_id = e.operative_id AND c.status = 'valid'" \
	"   AND c.expires_on >= CURDATE()) AS cards," \
	" DATE_FORMAT(e.card_expires_on, '%d/%m/%Y') AS expires," \
	" CASE WHEN o.hse_passed_on >= CURDATE() - INTERVAL 2 YEAR THEN 'Passed'" \
	"  WHEN EXISTS (SELECT 1 FROM exemptions x WHERE x.operative_id = o.id" \
	"   AND x.expires_on >= CURDATE()) THEN 'Exempt' ELSE 'None' END AS hse," \
	" e.card_expires_on AS expires_iso"

#define ROW_JOINS \
	" JOIN operatives o ON o.id = e.operative_id JOIN offices f ON f.id = e.office_id"

enum { COL_ID, COL_NAME, COL_NI, COL_OFFICE, COL_APPS, COL_CARDS, COL_EXPIRES, COL_HSE,
	COL_EXPIRES_ISO };

static const char *const sql_by_name =
    ROW_COLUMNS " FROM (" PAGE_OF_EMPLOYMENTS
    " AND (? = 0 OR e.sort_name > ? OR (e.sort_name = ? AND e.operative_id > ?))"
    " ORDER BY e.sort_name, e.operative_id LIMIT ?) e" ROW_JOINS
    " ORDER BY e.sort_name, e.operative_id";

/* Employees without a card first: they need one. */
static const char *const sql_by_expiry =
    ROW_COLUMNS " FROM (" PAGE_OF_EMPLOYMENTS
    " AND (? = 0"
    "  OR (? IS NULL AND (e.card_expires_on IS NOT NULL OR e.operative_id > ?))"
    "  OR (? IS NOT NULL AND (e.card_expires_on > ?"
    "      OR (e.card_expires_on = ? AND e.operative_id > ?))))"
    " ORDER BY e.card_expires_on, e.operative_id LIMIT ?) e" ROW_JOINS
    " ORDER BY e.card_expires_on, e.operative_id";

static const char *const sql_expiring =
    "SELECT e.operative_id AS id, e.sort_name AS name, o.ni_number AS ni, f.name AS office,"
    " c.card_number, t.name AS card_type, DATE_FORMAT(c.expires_on, '%d/%m/%Y') AS expires,"
    " DATEDIFF(c.expires_on, CURDATE()) AS days_left,"
    " EXISTS (SELECT 1" APPS_OF_EMPLOYEE " AND a.kind = 'renewal'"
    "   AND a.state NOT IN ('dispatched', 'cancelled')) AS renewal,"
    " e.card_expires_on"
    " FROM (SELECT e.operative_id, e.company_id, e.office_id, e.sort_name, e.card_expires_on"
    "   FROM employments e"
    "   WHERE e.company_id = ? AND e.ended_on IS NULL"
    "   AND (? = 0 OR e.office_id IN (SELECT id FROM offices WHERE group_id = ?))"
    "   AND (? = 0 OR e.office_id = ?)"
    "   AND e.card_expires_on < CURDATE() + INTERVAL ? DAY"
    "   AND (? = 0 OR e.card_expires_on > ? OR (e.card_expires_on = ? AND e.operative_id > ?))"
    "   ORDER BY e.card_expires_on, e.operative_id LIMIT ?) e" ROW_JOINS
    " JOIN cards c ON c.id = (SELECT c2.id FROM cards c2 WHERE c2.operative_id = e.operative_id"
    "   AND c2.status IN ('valid', 'expired') ORDER BY c2.expires_on DESC, c2.id DESC LIMIT 1)"
    " JOIN card_types t ON t.id = c.card_type_id"
    " ORDER BY e.card_expires_on, e.operative_id";

static const char *
v_sort(const char *in, char *out, size_t cap, long long *num)
{
	(void)num;
	if (strcmp(in, "name") != 0 && strcmp(in, "expiry") != 0)
		return "Please choose how to sort.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

/* A sealed search as req_seal writes it: base64url, no longer than a sealed
 * search box (200 characters of up to 4 bytes) can make. */
static const char *
v_sealed(const char *in, char *out, size_t cap, long long *num)
{
	size_t n = strspn(in, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

	(void)num;
	if (in[n] != '\0' || n > 1200)
		return SEARCH_EXPIRED;
	snprintf(out, cap, "%s", in);
	return NULL;
}

/* The lists' query: s (the sealed search), sort, after (the cursor). */
enum { F_S, F_SORT, F_AFTER };
const struct field list_fields[] = {
	[F_S] = { "s", v_sealed, 0 },
	[F_SORT] = { "sort", v_sort, 0 },
	[F_AFTER] = { "after", v_sealed, 0 },
	{ NULL, NULL, 0 }
};

/* The search box's POST: q (a name prefix, an NI or card number) and sort. */
enum { S_Q, S_SORT };
const struct field search_fields[] = {
	[S_Q] = { "q", v_text, 0 },
	[S_SORT] = { "sort", v_sort, 0 },
	{ NULL, NULL, 0 }
};

/* What the search box holds: an NI number, a card number or a name prefix. */
struct search {
	const char *ni, *card, *name;
	const char *turned;	/* "First Last" as "Last%, First%", else the name again */
};

/* s[0..n) as the start of a LIKE pattern, its wildcards taken literally. */
static char *
like_literal(char *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '_' || s[i] == '\\')
			*out++ = '\\';
		*out++ = s[i];
	}
	return out;
}

static void
classify(struct req *r, const char *q, struct search *s)
{
	size_t cap = strlen(q) * 2 + 40;
	char *buf = req_alloc(r, cap), *like;
	const char *space;
	long long unused;

	s->ni = s->card = s->name = s->turned = "";
	if (q[0] == '\0')
		return;
	if (v_ni_number(q, buf, cap, &unused) == NULL) {
		s->ni = buf;
		return;
	}
	if (v_card_number(q, buf, cap, &unused) == NULL) {
		s->card = buf;
		return;
	}
	/* A prefix of "Last, First" (the list's order), or typed the other way round. */
	like = like_literal(buf, q, strlen(q));
	*like++ = '%';
	*like = '\0';
	s->name = s->turned = buf;
	if (strchr(q, ',') == NULL && (space = strrchr(q, ' ')) != NULL && space[1] != '\0' &&
	    space > q) {
		char *t = req_alloc(r, cap + 4);

		like = like_literal(t, space + 1, strlen(space + 1));
		*like++ = '%';	/* the surname may be cut short too */
		*like++ = ',';
		*like++ = ' ';
		like = like_literal(like, q, (size_t)(space - q));
		*like++ = '%';
		*like = '\0';
		s->turned = t;
	}
}

/* A cursor is "<sort value>|<operative id>" sealed (CURSOR_*); an empty sort
 * value is NULL. One that is sent but does not open leaves List.cursor_expired. */
struct cursor {
	int set;
	const char *key;		/* NULL for an employee without a card */
	unsigned long long id;
};

static void
parse_cursor(struct req *r, const char *context, const struct fieldval *f, struct cursor *c)
{
	const char *val, *bar = NULL;
	char *end;

	memset(c, 0, sizeof(*c));
	if (!f->present)
		return;
	if (!f->err && (val = req_unseal(r, context, f->val)) != NULL)
		bar = strrchr(val, '|');
	if (bar != NULL)
		c->id = strtoull(bar + 1, &end, 10);
	if (bar == NULL || *end != '\0' || c->id == 0) {
		c->id = 0;
		req_set(r, "List.cursor_expired", CURSOR_EXPIRED);
		return;
	}
	c->key = bar == val ? NULL : req_printf(r, "%.*s", (int)(bar - val), val);
	c->set = 1;
}

/* The next page's link: the cursor after the last row shown, sealed. */
static void
set_next(struct req *r, const char *context, const char *key, const char *id)
{
	const char *token = req_seal(r, context,
	    req_printf(r, "%s|%s", key ? key : "", id));

	if (token != NULL)
		req_set(r, "List.next", token);
}

static int
run_list(struct req *r, struct dbres **res, int by_expiry, const struct search *s,
    const struct cursor *c, long long limit)
{
	const struct session *ss = r->sess;

	if (by_expiry)
		return db_query(r->db, res, sql_by_expiry,
		    "uuuuu" "sssssss" "isusssui",
		    ss->company_id, ss->scope_group, ss->scope_group, ss->scope_office,
		    ss->scope_office, s->ni, s->ni, s->card, s->card, s->name, s->name, s->turned,
		    (long long)c->set, c->key, c->id, c->key, c->key, c->key, c->id, limit);
	return db_query(r->db, res, sql_by_name,
	    "uuuuu" "sssssss" "issui",
	    ss->company_id, ss->scope_group, ss->scope_group, ss->scope_office,
	    ss->scope_office, s->ni, s->ni, s->card, s->card, s->name, s->name, s->turned,
	    (long long)c->set, c->key ? c->key : "", c->key ? c->key : "", c->id, limit);
}

/* The list without a search, in the order chosen. */
static const char *
unsearched_url(int by_expiry)
{
	return by_expiry ? "/employees/current?sort=expiry" : "/employees/current";
}

/*
 * The search of the list's s, opened: "" when there is none, NULL when it does
 * not open (another session, altered, from before signing in again).
 */
static const char *
opened_search(struct req *r)
{
	const struct fieldval *s = &r->fields[F_S];

	if (!s->present)
		return "";
	return s->err ? NULL : req_unseal(r, SEARCH_CONTEXT, s->val);
}

/* Current Employees' page for the search q ("" for none); token is q sealed, for the
 * next page's and the export's links (NULL for none). */
static int
current_page(struct req *r, int by_expiry, const char *q, const char *token,
    const struct cursor *c)
{
	struct search s;
	struct dbres *res;
	size_t n = 0;
	int rc;

	req_set(r, "Page.title", "Current Employees");
	req_set(r, "List.q", q);
	req_set(r, "List.sort", by_expiry ? "expiry" : "name");
	classify(r, q, &s);
	if ((rc = run_list(r, &res, by_expiry, &s, c, PAGE_SIZE + 1)) != 0)
		return rc;
	while (db_next(res)) {
		const char *p = req_printf(r, "Employees.%zu", n);

		if (n == PAGE_SIZE) {
			/* One more row than a page: there is a next page. */
			break;
		}
		req_set(r, req_printf(r, "%s.id", p), db_str(res, COL_ID));
		req_set(r, req_printf(r, "%s.name", p), db_str(res, COL_NAME));
		req_set(r, req_printf(r, "%s.ni_masked", p),
		    employees_mask_ni(r, db_str(res, COL_NI)));
		req_set(r, req_printf(r, "%s.office", p), db_str(res, COL_OFFICE));
		req_set(r, req_printf(r, "%s.apps_in_progress", p), db_str(res, COL_APPS));
		req_set(r, req_printf(r, "%s.cards", p), db_str(res, COL_CARDS));
		req_set(r, req_printf(r, "%s.expires", p), db_str(res, COL_EXPIRES));
		req_set(r, req_printf(r, "%s.hse", p), db_str(res, COL_HSE));
		if (++n == PAGE_SIZE && db_rows(res) > PAGE_SIZE)
			set_next(r, by_expiry ? CURSOR_BY_EXPIRY : CURSOR_BY_NAME,
			    db_str(res, by_expiry ? COL_EXPIRES_ISO : COL_NAME), db_str(res, COL_ID));
	}
	req_setf(r, "List.count", "%zu", n);
	if (token != NULL)
		req_set(r, "List.s", token);
	req_set(r, "List.export_url", req_printf(r, "/employees/current/export?sort=%s%s%s",
	    by_expiry ? "expiry" : "name", token ? "&s=" : "", token ? req_url_escape(r, token) : ""));
	return HTTP_OK;
}

int
employees_current(struct req *r)
{
	const struct fieldval *f = r->fields;
	const char *q = opened_search(r);
	struct cursor c = { 0, NULL, 0 };
	int by_expiry;

	by_expiry = strcmp(f[F_SORT].val, "expiry") == 0;
	if (q == NULL) {
		/* The first page of the whole list: its cursor was the search's. */
		req_set(r, "List.expired", SEARCH_EXPIRED);
		q = "";
	} else
		parse_cursor(r, by_expiry ? CURSOR_BY_EXPIRY : CURSOR_BY_NAME, &f[F_AFTER], &c);
	return current_page(r, by_expiry, q, q[0] ? f[F_S].val : NULL, &c);
}

int
employees_search(struct req *r)
{
	const struct fieldval *f = r->fields;
	int by_expiry = strcmp(f[S_SORT].val, "expiry") == 0;
	struct cursor none = { 0, NULL, 0 };
	const char *token;

	if (f[S_Q].err) {
		/* The list again, unfiltered, with the message; nothing typed in a URL. */
		req_set(r, "Form.q.error", f[S_Q].err);
		return current_page(r, by_expiry, "", NULL, &none);
	}
	if (f[S_Q].val[0] == '\0')
		return req_redirect(r, unsearched_url(by_expiry));
	if ((token = req_seal(r, SEARCH_CONTEXT, f[S_Q].val)) == NULL)
		return HTTP_SERVER_ERROR;
	return req_redirect(r, req_printf(r, "/employees/current?s=%s&sort=%s",
	    req_url_escape(r, token), by_expiry ? "expiry" : "name"));
}

int
employees_export(struct req *r)
{
	static const char *const head[] = { "Employee Name", "NI Number", "Office",
	    "Apps In Progress", "Card No./s", "Card Expiry", "H&S status" };
	const struct fieldval *f = r->fields;
	int by_expiry = strcmp(f[F_SORT].val, "expiry") == 0;
	const char *q = opened_search(r);
	struct cursor none = { 0, NULL, 0 };
	struct search s;
	struct dbres *res;
	STRING out;
	char *body;
	size_t len;
	int rc;

	if (q == NULL) {
		/* Never the whole list for a search that no longer opens. */
		req_flash(r, SEARCH_EXPIRED);
		return req_redirect(r, unsearched_url(by_expiry));
	}
	classify(r, q, &s);
	if ((rc = run_list(r, &res, by_expiry, &s, &none, EXPORT_MAX)) != 0)
		return rc;
	string_init(&out);
	csv_line(&out, head, 7);
	while (db_next(res)) {
		const char *cells[7];

		cells[0] = db_str(res, COL_NAME);
		cells[1] = employees_mask_ni(r, db_str(res, COL_NI));
		cells[2] = db_str(res, COL_OFFICE);
		cells[3] = db_str(res, COL_APPS);
		cells[4] = db_str(res, COL_CARDS);
		cells[5] = db_str(res, COL_EXPIRES);
		cells[6] = db_str(res, COL_HSE);
		csv_line(&out, cells, 7);
	}
	len = (size_t)out.len;
	body = req_alloc(r, len + 1);
	memcpy(body, out.buf ? out.buf : "", len);
	string_clear(&out);
	(void)req_audit(r, "employees_exported", "employees", "",
	    req_printf(r, "%zu rows", db_rows(res)));
	req_header(r, "Content-Disposition", "attachment; filename=\"current-employees.csv\"");
	return req_body(r, "text/csv; charset=utf-8", body, len);
}

int
employees_expiring(struct req *r)
{
	const struct fieldval *f = r->fields;
	long days = portal_param_long(MODULE, "expiring-days", 90);
	const struct session *ss = r->sess;
	struct cursor c;
	struct dbres *res;
	size_t n = 0;
	int rc;

	req_set(r, "Page.title", "With Cards Expiring Soon");
	req_setf(r, "List.days", "%ld", days);
	parse_cursor(r, CURSOR_EXPIRING, &f[F_AFTER], &c);
	rc = db_query(r->db, &res, sql_expiring, "uuuuu" "i" "issui",
	    ss->company_id, ss->scope_group, ss->scope_group, ss->scope_office,
	    ss->scope_office, (long long)days, (long long)c.set,
	    c.key ? c.key : "", c.key ? c.key : "", c.id, (long long)PAGE_SIZE + 1);
	if (rc != 0)
		return rc;
	while (db_next(res) && n < PAGE_SIZE) {
		const char *p = req_printf(r, "Employees.%zu", n);

		req_set(r, req_printf(r, "%s.id", p), db_str(res, 0));
		req_set(r, req_printf(r, "%s.name", p), db_str(res, 1));
		req_set(r, req_printf(r, "%s.ni_masked", p), employees_mask_ni(r, db_str(res, 2)));
		req_set(r, req_printf(r, "%s.office", p), db_str(res, 3));
		req_set(r, req_printf(r, "%s.card_number", p), db_str(res, 4));
		req_set(r, req_printf(r, "%s.card_type", p), db_str(res, 5));
		req_set(r, req_printf(r, "%s.expires", p), db_str(res, 6));
		req_set(r, req_printf(r, "%s.days_left", p), db_str(res, 7));
		req_set(r, req_printf(r, "%s.renewal", p), db_int(res, 8) ? "Yes" : "No");
		if (++n == PAGE_SIZE && db_rows(res) > PAGE_SIZE)
			set_next(r, CURSOR_EXPIRING, db_str(res, 9), db_str(res, 0));
	}
	req_setf(r, "List.count", "%zu", n);
	return HTTP_OK;
}
