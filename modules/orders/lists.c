/*
 * lists.c: the Orders tab. Orders Requiring Attention (open, closed awaiting
 * payment, awaiting the card gateway or a BACS allocation) and Orders Being
 * Fulfilled (paid, with their applications' progress) each take one query for
 * a page of orders with their lines; Financial History lists the company's
 * payments and funds movements with the running balance kept on each ledger
 * row; a paid order has a printable receipt (VAT invoice).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orders.h"
#include "settle.h"

#define LIST_ORDERS	50	/* orders on a page */
#define HISTORY_ROWS	50	/* rows on a page; the CSV takes more */
#define HISTORY_CSV_ROWS 20000

/* A page of orders in one state group with every line. The keyset (before)
 * is the last order of the previous page. */
#define ORDER_PAGE(states, when) \
    "SELECT o.id, o.reference, o.state, o.kind, DATE_FORMAT(o." when ", '%d/%m/%Y'),"   \
    " IFNULL(o.bacs_reference, ''), IFNULL(p.name, ''), IFNULL(l.quantity, 0),"          \
    " IFNULL(l.unit_net_pence + l.unit_vat_pence, 0), IFNULL(a.reference, ''),"          \
    " IFNULL(CONCAT(op.last_name, ', ', op.first_name), ''), IFNULL(a.state, ''),"       \
    " IFNULL(a.id, 0)"                                                                   \
    " FROM (SELECT o.id, o." when " AS at" ORDER_FROM                                    \
    "  WHERE o.state IN " states " AND" ORDER_SCOPE                                      \
    "  AND (? = 0 OR (o." when ", o.id) < (SELECT b." when ", b.id FROM orders b"        \
    "   WHERE b.id = ? AND b.company_id = ?))"                                           \
    "  ORDER BY o." when " DESC, o.id DESC LIMIT 51) pick"                                \
    " JOIN orders o ON o.id = pick.id"                                                   \
    " LEFT JOIN order_lines l ON l.order_id = o.id"                                      \
    " LEFT JOIN products p ON p.id = l.product_id"                                       \
    " LEFT JOIN applications a ON a.id = l.application_id"                               \
    " LEFT JOIN operatives op ON op.id = a.operative_id"                                 \
    " ORDER BY pick.at DESC, o.id DESC, l.id"

static const char *const sql_attention = ORDER_PAGE(ORDER_UNPAID, "created_at");
static const char *const sql_fulfilled = ORDER_PAGE("('paid')", "paid_at");

/*
 * Payments by card or BACS and every funds movement, newest first, a keyset
 * page at a time: each branch reads its newest rows in index order (migration
 * 0020) and stops at the limit, then the two are merged. Rows are ordered by
 * time, then source (0 payment, 1 ledger), then id; the cursor is the last row
 * shown (KEYSET binds: is there one, time, time, source, source, id). Funds
 * are the company's: a group or office user sees the movements of their orders.
 */
#define KEYSET(at, src, id) \
    " AND (? = 0 OR " at " < ? OR (" at " = ? AND (" src " < ? OR (" src " = ? AND " id " < ?))))"
static const char *const sql_history =
    "SELECT DATE_FORMAT(h.at, '%d/%m/%Y %H:%i'), h.what, h.order_id, h.reference,"
    " h.amount, h.balance, h.has_balance, DATE_FORMAT(h.at, '%Y%m%d%H%i%s%f'), h.src, h.seq"
    " FROM ("
    "(SELECT p.completed_at AS at, 0 AS src, p.id AS seq,"
    "  IF(p.method = 'card', 'Card payment', 'BACS payment allocated') AS what,"
    "  o.id AS order_id, o.reference AS reference, p.amount_pence AS amount, 0 AS balance,"
    "  0 AS has_balance"
    "  FROM payments p FORCE INDEX (ix_payments_company_completed)"
    "  JOIN orders o ON o.id = p.order_id"
    "  LEFT JOIN offices ro ON ro.id = o.office_id"
    "  WHERE p.company_id = ? AND p.state = 'succeeded' AND p.method IN ('card', 'bacs')"
    "  AND" ORDER_SCOPE
    "  AND p.completed_at >= ? AND p.completed_at < ? + INTERVAL 1 DAY"
    KEYSET("p.completed_at", "0", "p.id")
    "  ORDER BY p.completed_at DESC, p.id DESC LIMIT ?)"
    " UNION ALL"
    " (SELECT fl.created_at, 1, fl.id,"
    "  " FUNDS_KIND_LABEL("fl.kind") ","
    "  IFNULL(fl.order_id, 0), IFNULL(o.reference, ''), fl.amount_pence,"
    "  fl.balance_after_pence, 1"
    "  FROM funds_ledger fl FORCE INDEX (ix_funds_ledger_company_at)"
    "  LEFT JOIN orders o ON o.id = fl.order_id"
    "  LEFT JOIN offices ro ON ro.id = o.office_id"
    "  WHERE fl.company_id = ? AND ((? = 0 AND ? = 0) OR (o.id IS NOT NULL AND"
    "   (? = 0 OR o.group_id = ? OR ro.group_id = ?) AND (? = 0 OR o.office_id = ?)))"
    "  AND fl.created_at >= ? AND fl.created_at < ? + INTERVAL 1 DAY"
    KEYSET("fl.created_at", "1", "fl.id")
    "  ORDER BY fl.created_at DESC, fl.id DESC LIMIT ?)"
    ") h ORDER BY h.at DESC, h.src DESC, h.seq DESC LIMIT ?";

static const char *const sql_receipt =
    "SELECT c.name, c.address_line1, c.address_line2, c.town, c.postcode,"
    " IFNULL(b.name, ''), IFNULL(b.address_line1, ''), IFNULL(b.address_line2, ''),"
    " IFNULL(b.town, ''), IFNULL(b.postcode, ''),"
    " IFNULL((SELECT CASE p.method WHEN 'card' THEN 'Debit/credit card' WHEN 'funds'"
    "  THEN 'Company funds' ELSE 'Bank transfer (BACS)' END FROM payments p"
    "  WHERE p.order_id = o.id AND p.state = 'succeeded' ORDER BY p.id DESC LIMIT 1), '')"
    " FROM orders o JOIN companies c ON c.id = o.company_id"
    " LEFT JOIN offices b ON b.id = o.billing_office_id WHERE o.id = ?";

static const char *const app_states[][2] = {
	{ "ordered", "Awaiting payment" },
	{ "received", "Received" },
	{ "verifying", "Being verified" },
	{ "on_hold", "On hold" },
	{ "verified", "Verified" },
	{ "being_produced", "Card being produced" },
	{ "dispatched", "Card dispatched" },
	{ "finalised", "Back in Finalised" },
	{ NULL, NULL }
};

static const char *
app_state_label(const char *state)
{
	size_t i;

	for (i = 0; app_states[i][0]; i++)
		if (strcmp(app_states[i][0], state) == 0)
			return app_states[i][1];
	return state;
}

/* Orders.N (with Lines.M and the total) from an ORDER_PAGE result; at most
 * LIST_ORDERS orders, Page.next set when there are more. */
static void
orders_hdf(struct req *r, struct dbres *res)
{
	unsigned long long last = 0;
	const char *p = NULL;
	long long total = 0;
	size_t n = 0, m = 0;

	while (db_next(res)) {
		unsigned long long id = (unsigned long long)db_int(res, 0);

		if (id != last) {
			if (p)
				req_set(r, req_printf(r, "%s.total", p), req_money(r, total));
			if (n == LIST_ORDERS) {
				req_setf(r, "Page.next", "%llu", last);
				p = NULL;
				break;
			}
			p = req_printf(r, "Orders.%zu", n++);
			last = id;
			total = 0;
			m = 0;
			req_setf(r, req_printf(r, "%s.id", p), "%llu", id);
			req_set(r, req_printf(r, "%s.reference", p), db_str(res, 1));
			req_set(r, req_printf(r, "%s.state", p), db_str(res, 2));
			req_set(r, req_printf(r, "%s.kind", p), db_str(res, 3));
			req_set(r, req_printf(r, "%s.date", p), db_str(res, 4));
			req_set(r, req_printf(r, "%s.bacs_reference", p), db_str(res, 5));
		}
		if (db_str(res, 6)[0]) {
			const char *q = req_printf(r, "%s.Lines.%zu", p, m++);

			req_set(r, req_printf(r, "%s.product", q), db_str(res, 6));
			req_set(r, req_printf(r, "%s.quantity", q), db_str(res, 7));
			req_set(r, req_printf(r, "%s.total", q),
			    req_money(r, db_int(res, 7) * db_int(res, 8)));
			req_set(r, req_printf(r, "%s.app_reference", q), db_str(res, 9));
			req_set(r, req_printf(r, "%s.applicant", q), db_str(res, 10));
			req_set(r, req_printf(r, "%s.app_state", q), app_state_label(db_str(res, 11)));
			req_set(r, req_printf(r, "%s.app_id", q), db_str(res, 12));
			total += db_int(res, 7) * db_int(res, 8);
		}
	}
	if (p)
		req_set(r, req_printf(r, "%s.total", p), req_money(r, total));
}

static int
order_list(struct req *r, const char *sql)
{
	const struct session *s = r->sess;
	const struct fieldval *b = req_field(r, "before");
	unsigned long long after = b && b->present && !b->err ? (unsigned long long)b->num : 0;
	struct dbres *res;
	int rc;

	if ((rc = db_query(r->db, &res, sql, "uuuuuu" "uuu", ORDER_SCOPE_ARGS(s), after, after,
	    s->company_id)) != 0)
		return rc;
	orders_hdf(r, res);
	db_free(res);
	if (req_can(r, PERM_COMPLETE_PURCHASES))
		req_set(r, "Can.pay", "1");
	if (req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.create", "1");
	return HTTP_OK;
}

int
orders_attention(struct req *r)
{
	req_set(r, "Page.title", "Orders Requiring Attention");
	return order_list(r, sql_attention);
}

int
orders_fulfilled(struct req *r)
{
	req_set(r, "Page.title", "Orders Being Fulfilled");
	return order_list(r, sql_fulfilled);
}

const struct field list_fields[] = {
	{ "before", v_id, 0 },
	{ NULL, NULL, 0 }
};

/* A history cursor: the last row's time as 20 digits (yyyymmddhhmmssffffff),
 * its source (0 payment, 1 ledger) and id, as "20261205101112000123.1.398". */
struct hcursor {
	int set;
	char at[27];		/* "2026-12-05 10:11:12.000123" */
	long long src;
	unsigned long long id;
};

static int
hcursor_parse(const char *in, struct hcursor *c)
{
	const char *p = in;
	char *end;
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < 20; i++)
		if (p[i] < '0' || p[i] > '9')
			return -1;
	if (p[20] != '.' || (p[21] != '0' && p[21] != '1') || p[22] != '.' ||
	    p[23] < '1' || p[23] > '9')
		return -1;
	c->id = strtoull(p + 23, &end, 10);
	if (*end != '\0' || end - (p + 23) > 19)
		return -1;
	snprintf(c->at, sizeof(c->at), "%.4s-%.2s-%.2s %.2s:%.2s:%.2s.%.6s",
	    p, p + 4, p + 6, p + 8, p + 10, p + 12, p + 14);
	c->src = p[21] - '0';
	c->set = 1;
	return 0;
}

static const char *
v_hcursor(const char *in, char *out, size_t cap, long long *num)
{
	struct hcursor c;

	(void)num;
	if (strlen(in) >= cap || hcursor_parse(in, &c) != 0)
		return "That page link is not valid.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

enum { H_FROM, H_TO, H_BEFORE };
const struct field history_fields[] = {
	[H_FROM] = { "from", v_date, 0 },
	[H_TO] = { "to", v_date, 0 },
	[H_BEFORE] = { "before", v_hcursor, 0 },
	{ NULL, NULL, 0 }
};

/* The funds are the company's: their balance is for company-level users. */
static int
company_level(const struct req *r)
{
	return r->sess->scope_group == 0 && r->sess->scope_office == 0;
}

static const char *
history_date(const struct req *r, int which, const char *otherwise)
{
	const struct fieldval *f = &r->fields[which];

	return f->present && !f->err ? f->val : otherwise;
}

/* The history's rows between the dates asked for (all time by default), newest
 * first from after the cursor c (if set), at most limit. */
static int
history_query(struct req *r, struct dbres **res, const struct hcursor *c, long long limit)
{
	const struct session *s = r->sess;
	const char *from = history_date(r, H_FROM, "2000-01-01");
	const char *to = history_date(r, H_TO, "9999-12-30");
	long long set = c->set;
	const char *at = c->set ? c->at : "9999-12-31 00:00:00";	/* unused, but a time */

	return db_query(r->db, res, sql_history,
	    "u" "uuuuuu" "ss" "issiiu" "i" "uuuuuuuu" "ss" "issiiu" "i" "i",
	    s->company_id, ORDER_SCOPE_ARGS(s), from, to,
	    set, at, at, c->src, c->src, c->id, limit,
	    s->company_id, s->scope_group, s->scope_office, s->scope_group, s->scope_group,
	    s->scope_group, s->scope_office, s->scope_office, from, to,
	    set, at, at, c->src, c->src, c->id, limit, limit);
}

int
orders_history(struct req *r)
{
	const struct fieldval *b = &r->fields[H_BEFORE];
	struct hcursor c = { 0 };
	struct dbres *res;
	long long balance;
	const char *last = NULL;
	size_t n = 0;
	int rc;

	req_set(r, "Page.title", "Financial History");
	req_form_to_hdf(r);
	if (r->fields[H_FROM].err || r->fields[H_TO].err)
		req_set(r, "Form.error", "Please enter dates like 31/01/2026.");
	if (b->present && !b->err)
		(void)hcursor_parse(b->val, &c);
	if ((rc = history_query(r, &res, &c, HISTORY_ROWS + 1)) != 0)
		return rc;
	while (db_next(res) && n < HISTORY_ROWS) {
		const char *p = req_printf(r, "History.%zu", n++);

		req_set(r, req_printf(r, "%s.when", p), db_str(res, 0));
		req_set(r, req_printf(r, "%s.what", p), db_str(res, 1));
		if (db_int(res, 2))
			req_set(r, req_printf(r, "%s.order_id", p), db_str(res, 2));
		req_set(r, req_printf(r, "%s.reference", p), db_str(res, 3));
		req_set(r, req_printf(r, "%s.amount", p), req_money(r, db_int(res, 4)));
		if (db_int(res, 6) && company_level(r))
			req_set(r, req_printf(r, "%s.balance", p), req_money(r, db_int(res, 5)));
		last = req_printf(r, "%s.%s.%s", db_str(res, 7), db_str(res, 8), db_str(res, 9));
	}
	{
		/* The filter is kept in the page links and the CSV's: its valid dates only (a
		 * date refused on the page would make the CSV's link a bad request). */
		const struct fieldval *fr = &r->fields[H_FROM], *to = &r->fields[H_TO];
		const char *dates = req_printf(r, "from=%s&to=%s",
		    req_url_escape(r, fr->raw && !fr->err ? fr->raw : ""),
		    req_url_escape(r, to->raw && !to->err ? to->raw : ""));

		if (db_rows(res) > HISTORY_ROWS && last)
			req_set(r, "Page.History.next",
			    req_printf(r, "/orders/history?%s&before=%s", dates, last));
		if (c.set)
			req_set(r, "Page.History.first", req_printf(r, "/orders/history?%s", dates));
		req_set(r, "Page.History.csv", req_printf(r, "/orders/history.csv?%s", dates));
	}
	req_setf(r, "Page.History.shown", "%zu", n);
	db_free(res);
	if (company_level(r) && (rc = order_funds_hdf(r, &balance)) != 0)
		return rc;
	return HTTP_OK;
}

int
orders_history_csv(struct req *r)
{
	static const char *const head[] = { "Date", "Description", "Order", "Your Reference",
	    "Amount", "Funds Balance" };
	const struct hcursor none = { 0 };
	struct dbres *res;
	STRING out;
	char *body;
	size_t len;
	int rc;

	if (r->invalid)
		return HTTP_BAD_REQUEST;
	if ((rc = history_query(r, &res, &none, HISTORY_CSV_ROWS)) != 0)
		return rc;
	string_init(&out);
	csv_line(&out, head, 6);
	while (db_next(res)) {
		const char *cells[6];

		cells[0] = db_str(res, 0);
		cells[1] = db_str(res, 1);
		cells[2] = db_int(res, 2) ? db_str(res, 2) : "";
		cells[3] = db_str(res, 3);
		cells[4] = req_printf(r, "%s%lld.%02lld", db_int(res, 4) < 0 ? "-" : "",
		    llabs(db_int(res, 4)) / 100, llabs(db_int(res, 4)) % 100);
		cells[5] = db_int(res, 6) && company_level(r) ? req_printf(r, "%lld.%02lld",
		    db_int(res, 5) / 100, db_int(res, 5) % 100) : "";
		csv_line(&out, cells, 6);
	}
	len = (size_t)out.len;
	body = req_alloc(r, len + 1);
	memcpy(body, out.buf ? out.buf : "", len);
	string_clear(&out);
	(void)req_audit(r, "history_exported", "orders", "",
	    req_printf(r, "%zu rows", db_rows(res)));
	db_free(res);
	req_header(r, "Content-Disposition", "attachment; filename=\"financial-history.csv\"");
	return req_body(r, "text/csv; charset=utf-8", body, len);
}

int
orders_receipt(struct req *r)
{
	static const char *const names[] = { "company", "company_line1", "company_line2",
	    "company_town", "company_postcode", "billing", "billing_line1", "billing_line2",
	    "billing_town", "billing_postcode", "method" };
	struct dbres *res;
	struct order o;
	size_t i;
	int rc;

	if ((rc = order_page(r, &o, 0)) != 0)
		return rc;
	if (strcmp(o.state, "paid") != 0) {
		req_flash(r, "A receipt is available once the order is paid.");
		return req_redirect(r, req_printf(r, "/orders/%llu", o.id));
	}
	if ((rc = db_query(r->db, &res, sql_receipt, "u", o.id)) != 0)
		return rc;
	if (db_next(res))
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			req_set(r, req_printf(r, "Receipt.%s", names[i]), db_str(res, (unsigned)i));
	db_free(res);
	req_set(r, "Receipt.supplier", portal_param(MODULE, "supplier-name",
	    "Electrotechnical Certification Scheme"));
	req_set(r, "Receipt.vat_number", portal_param(MODULE, "vat-number", ""));
	req_setf(r, "Receipt.number", "ECS-%06llu", o.id);
	req_set(r, "Page.title", req_printf(r, "Receipt for order %s", o.label));
	return HTTP_OK;
}
