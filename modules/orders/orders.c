/*
 * orders.c: the Orders module's routes and what its pages share: loading an
 * order within the user's scope, its lines and totals, where an order may be
 * raised, and the one-time form tokens that make a double submission one
 * order.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "orders.h"
#include "settle.h"

static const char *const sql_load =
    "SELECT o.id, o.state, o.kind, o.reference, IFNULL(o.bacs_reference, ''),"
    " IFNULL(DATE_FORMAT(o.created_at, '%d/%m/%Y %H:%i'), ''), o.raised_level,"
    " IFNULL(g.name, IFNULL(rg.name, '')), IFNULL(ro.name, ''), IFNULL(b.name, ''),"
    " IFNULL(d.name, ''), o.accounts_contact, o.delivery_attention,"
    " IFNULL(DATE_FORMAT(o.paid_at, '%d/%m/%Y %H:%i'), ''),"
    " IFNULL(CONCAT(u.first_name, ' ', u.last_name), '')"
    ORDER_FROM
    " LEFT JOIN company_groups g ON g.id = o.group_id"
    " LEFT JOIN company_groups rg ON rg.id = ro.group_id"
    " LEFT JOIN offices b ON b.id = o.billing_office_id"
    " LEFT JOIN offices d ON d.id = o.delivery_office_id"
    " LEFT JOIN users u ON u.id = o.created_by"
    " WHERE o.id = ? AND" ORDER_SCOPE;
static const char *const sql_load_lock =
    "SELECT o.id, o.state, o.kind, o.reference, IFNULL(o.bacs_reference, '')"
    ORDER_FROM " WHERE o.id = ? AND" ORDER_SCOPE " FOR UPDATE";
static const char *const sql_lines =
    "SELECT l.id, p.name, l.quantity, l.unit_net_pence, l.unit_vat_pence,"
    " IFNULL(a.id, 0), IFNULL(a.reference, ''),"
    " IFNULL(CONCAT(op.last_name, ', ', op.first_name), ''),"
    " IFNULL(CONCAT(t.short_name, ' - ', k.name), ''), IFNULL(a.state, '')"
    " FROM order_lines l JOIN products p ON p.id = l.product_id"
    " LEFT JOIN applications a ON a.id = l.application_id"
    " LEFT JOIN operatives op ON op.id = a.operative_id"
    " LEFT JOIN card_types t ON t.id = a.card_type_id"
    " LEFT JOIN application_kinds k ON k.code = a.kind"
    " WHERE l.order_id = ? ORDER BY l.id";
static const char *const sql_company =
    "SELECT name FROM companies WHERE id = ?";
static const char *const sql_groups =
    "SELECT g.id, g.name FROM company_groups g WHERE g.company_id = ? AND g.status = 'open'"
    " AND (? = 0 OR g.id = ?) AND ? = 0 ORDER BY g.name";
static const char *const sql_offices =
    "SELECT f.id, f.name, f.contact_name, f.delivery_contact FROM offices f"
    " WHERE f.company_id = ? AND f.status = 'open'"
    " AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?) ORDER BY f.name";
static const char *const sql_group_ok =
    "SELECT 1 FROM company_groups WHERE id = ? AND company_id = ? AND status = 'open'"
    " AND (? = 0 OR id = ?) AND ? = 0";
static const char *const sql_office_ok =
    "SELECT 1 FROM offices f WHERE f.id = ? AND f.company_id = ? AND f.status = 'open'"
    " AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)";
static const char *const sql_funds =
    "SELECT balance_pence FROM company_funds WHERE company_id = ?";

static const char *const state_labels[][2] = {
	{ "open", "Open" },
	{ "closed_unpaid", "Closed - awaiting payment" },
	{ "awaiting_payment", "Awaiting card payment" },
	{ "awaiting_bacs", "Marked for BACS allocation" },
	{ "paid", "Paid" },
	{ "cancelled", "Cancelled" },
	{ NULL, NULL }
};

static const char *
state_label(const char *state)
{
	size_t i;

	for (i = 0; state_labels[i][0]; i++)
		if (strcmp(state_labels[i][0], state) == 0)
			return state_labels[i][1];
	return state;
}

int
order_load(struct req *r, unsigned long long id, int lock, struct order *o, int *found)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	memset(o, 0, sizeof(*o));
	*found = 0;
	rc = db_query(r->db, &res, lock ? sql_load_lock : sql_load, "u" "uuuuuu", id,
	    ORDER_SCOPE_ARGS(s));
	if (rc != 0)
		return rc;
	if (db_next(res)) {
		*found = 1;
		o->id = (unsigned long long)db_int(res, 0);
		o->state = req_strdup(r, db_str(res, 1));
		o->kind = req_strdup(r, db_str(res, 2));
		o->reference = req_strdup(r, db_str(res, 3));
		o->bacs_reference = req_strdup(r, db_str(res, 4));
		o->label = o->reference[0] ? o->reference : req_printf(r, "number %llu", o->id);
		if (!lock) {
			static const char *const names[] = { "created", "level", "group", "office",
			    "billing_office", "delivery_office", "accounts_contact",
			    "delivery_attention", "paid", "created_by" };
			size_t i;

			for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
				req_set(r, req_printf(r, "Order.%s", names[i]),
				    db_str(res, (unsigned)(5 + i)));
		}
	}
	db_free(res);
	if (*found)
		rc = order_total(r->db, o->id, &o->total);
	return rc;
}

int
order_begin(struct req *r, struct order *o)
{
	int found, rc;

	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = order_load(r, r->ids[0], 1, o, &found)) != 0 || !found) {
		db_rollback(r->db);
		return rc ? rc : HTTP_NOT_FOUND;
	}
	return 0;
}

int
order_page(struct req *r, struct order *o, int lock)
{
	int found, rc;

	if ((rc = order_load(r, r->ids[0], lock, o, &found)) != 0)
		return rc;
	if (!found)
		return HTTP_NOT_FOUND;
	return order_hdf(r, o);
}

int
order_hdf(struct req *r, const struct order *o)
{
	struct dbres *res;
	long long net = 0, vat = 0;
	size_t n = 0;
	int rc;

	req_setf(r, "Order.id", "%llu", o->id);
	req_set(r, "Order.reference", o->reference);
	req_set(r, "Order.label", o->label);
	req_set(r, "Order.state", o->state);
	req_set(r, "Order.state_label", state_label(o->state));
	req_set(r, "Order.kind", o->kind);
	req_set(r, "Order.bacs_reference", o->bacs_reference);
	if ((rc = db_query(r->db, &res, sql_lines, "u", o->id)) != 0)
		return rc;
	while (db_next(res)) {
		long long qty = db_int(res, 2), unet = db_int(res, 3), uvat = db_int(res, 4);
		const char *p = req_printf(r, "Lines.%zu", n++);

		req_set(r, req_printf(r, "%s.product", p), db_str(res, 1));
		req_setf(r, req_printf(r, "%s.quantity", p), "%lld", qty);
		req_set(r, req_printf(r, "%s.each", p), req_money(r, unet + uvat));
		req_set(r, req_printf(r, "%s.net", p), req_money(r, qty * unet));
		req_set(r, req_printf(r, "%s.vat", p), req_money(r, qty * uvat));
		req_set(r, req_printf(r, "%s.total", p), req_money(r, qty * (unet + uvat)));
		if (db_int(res, 5)) {
			req_set(r, req_printf(r, "%s.app_id", p), db_str(res, 5));
			req_set(r, req_printf(r, "%s.app_reference", p), db_str(res, 6));
			req_set(r, req_printf(r, "%s.applicant", p), db_str(res, 7));
			req_set(r, req_printf(r, "%s.type", p), db_str(res, 8));
			req_set(r, req_printf(r, "%s.app_state", p), db_str(res, 9));
		}
		net += qty * unet;
		vat += qty * uvat;
	}
	db_free(res);
	req_setf(r, "Order.lines", "%zu", n);
	req_set(r, "Order.net", req_money(r, net));
	req_set(r, "Order.vat", req_money(r, vat));
	req_set(r, "Order.total", req_money(r, net + vat));
	req_setf(r, "Order.total_pence", "%lld", net + vat);
	return 0;
}

int
order_choices_hdf(struct req *r)
{
	const struct session *s = r->sess;
	struct dbres *res;
	size_t n = 0, k = 0;
	int rc;

#define LEVEL(value, label) do { \
		req_set(r, req_printf(r, "Levels.%zu.value", n), value); \
		req_set(r, req_printf(r, "Levels.%zu.label", n), label); \
		n++; \
	} while (0)
	if (s->scope_group == 0 && s->scope_office == 0) {
		if ((rc = db_query(r->db, &res, sql_company, "u", s->company_id)) != 0)
			return rc;
		if (db_next(res))
			LEVEL("company", req_printf(r, "Company Purchase - %s", db_str(res, 0)));
		db_free(res);
	}
	if ((rc = db_query(r->db, &res, sql_groups, "uuuu", s->company_id, s->scope_group,
	    s->scope_group, s->scope_office)) != 0)
		return rc;
	while (db_next(res))
		LEVEL(req_printf(r, "group:%s", db_str(res, 0)),
		    req_printf(r, "Group Purchase - %s", db_str(res, 1)));
	db_free(res);
	if ((rc = db_query(r->db, &res, sql_offices, "uuuuu", s->company_id, s->scope_group,
	    s->scope_group, s->scope_office, s->scope_office)) != 0)
		return rc;
	while (db_next(res)) {
		const char *p = req_printf(r, "Offices.%zu", k++);

		LEVEL(req_printf(r, "office:%s", db_str(res, 0)),
		    req_printf(r, "Office Purchase - %s", db_str(res, 1)));
		req_set(r, req_printf(r, "%s.id", p), db_str(res, 0));
		req_set(r, req_printf(r, "%s.name", p), db_str(res, 1));
		req_set(r, req_printf(r, "%s.contact", p), db_str(res, 2));
		req_set(r, req_printf(r, "%s.attention", p), db_str(res, 3));
	}
	db_free(res);
#undef LEVEL
	return 0;
}

/* Whether a row answers: sql takes the object's id and the user's scope
 * (company, group, group, office, office; the types say how many it binds). */
static int
exists(struct req *r, const char *sql, const char *types, unsigned long long id, int *ok)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	*ok = 0;
	if ((rc = db_query(r->db, &res, sql, types, id, s->company_id, s->scope_group,
	    s->scope_group, s->scope_office, s->scope_office)) != 0)
		return rc;
	*ok = db_next(res);
	db_free(res);
	return 0;
}

int
order_office_ok(struct req *r, unsigned long long office, int *ok)
{
	return exists(r, sql_office_ok, "uuuuuu", office, ok);
}

const char *
order_level(struct req *r, const char *value, const char **level,
    unsigned long long *group, unsigned long long *office)
{
	const struct session *s = r->sess;
	const char *bad = "Please choose a level within your own.";
	unsigned long long id = 0;
	char *end;
	int ok = 0;

	*group = *office = 0;
	if (strcmp(value, "company") == 0) {
		*level = "company";
		return s->scope_group == 0 && s->scope_office == 0 ? NULL : bad;
	}
	if (strncmp(value, "group:", 6) == 0) {
		*level = "group";
		id = strtoull(value + 6, &end, 10);
		if (*end || id == 0 || exists(r, sql_group_ok, "uuuuu", id, &ok) != 0 || !ok)
			return bad;
		*group = id;
		return NULL;
	}
	if (strncmp(value, "office:", 7) == 0) {
		*level = "office";
		id = strtoull(value + 7, &end, 10);
		if (*end || id == 0 || order_office_ok(r, id, &ok) != 0 || !ok)
			return bad;
		*office = id;
		return NULL;
	}
	return bad;
}

void
order_form_token(struct req *r)
{
	const char *hex;
	unsigned char hash[32];

	req_token(r, &hex, hash);
	req_set(r, "Form.token", hex);
}

const char *
order_token_key(struct req *r, const char *hex)
{
	unsigned char hash[32];
	char *out;

	if (hex == NULL || token_hash(hex, hash) < 0)
		return NULL;
	out = req_alloc(r, 65);
	sodium_bin2hex(out, 65, hash, sizeof(hash));
	return out;
}

int
order_funds_hdf(struct req *r, long long *balance)
{
	struct dbres *res;
	int rc;

	if ((rc = db_query(r->db, &res, sql_funds, "u", r->sess->company_id)) != 0)
		return rc;
	*balance = db_next(res) ? db_int(res, 0) : 0;
	db_free(res);
	req_set(r, "Funds.balance", req_money(r, *balance));
	req_setf(r, "Funds.pence", "%lld", *balance);
	return 0;
}

static int
orders_init(void)
{
	return gateway_init();
}

static const struct route routes[] = {
	{ M_POST, "add-applications", PERM_VIEW_PURCHASES,   select_fields,  orders_select,       "orders/select.cs",    "orders", 0 },
	{ M_POST, "create",           PERM_CREATE_PURCHASES, create_fields,  orders_create,       "orders/select.cs",    "orders", 0 },
	{ M_POST, "{id}/add",         PERM_ADD_TO_PURCHASES, add_fields,     orders_add,          "orders/select.cs",    "orders", 0 },
	{ M_GET,  "new",              PERM_CREATE_PURCHASES, NULL,           orders_empty,        "orders/new.cs",       "orders", 0 },
	{ M_POST, "new",              PERM_CREATE_PURCHASES, empty_fields,   orders_empty_save,   "orders/new.cs",       "orders", 0 },
	{ M_GET,  "advance",          PERM_CREATE_PURCHASES, NULL,           orders_advance,      "orders/advance.cs",   "orders", 0 },
	{ M_POST, "advance",          PERM_CREATE_PURCHASES, advance_fields, orders_advance_save, "orders/advance.cs",   "orders", 0 },
	{ M_GET,  "credits",          PERM_CREATE_PURCHASES, NULL,           orders_credits,      "orders/advance.cs",   "assessments", 0 },
	{ M_POST, "credits",          PERM_CREATE_PURCHASES, advance_fields, orders_credits_save, "orders/advance.cs",   "assessments", 0 },
	{ M_GET,  "attention",        PERM_VIEW_PURCHASES,   list_fields,    orders_attention,    "orders/attention.cs", "orders", R_PAGE_CACHE },
	{ M_GET,  "fulfilled",        PERM_VIEW_PURCHASES,   list_fields,    orders_fulfilled,    "orders/fulfilled.cs", "orders", R_PAGE_CACHE },
	{ M_GET,  "history",          PERM_VIEW_PURCHASES,   history_fields, orders_history,      "orders/history.cs",   "orders", R_PAGE_CACHE },
	{ M_GET,  "history.csv",      PERM_VIEW_PURCHASES,   history_fields, orders_history_csv,  NULL,                  "orders", 0 },
	{ M_POST, "payment-notify",   ROUTE_PUBLIC,          NULL,           orders_notify,       NULL,                  NULL,     R_SIGNED_BODY },
	{ M_GET,  "{id}",             PERM_VIEW_PURCHASES,   NULL,           orders_view,         "orders/order.cs",     "orders", 0 },
	{ M_GET,  "{id}/pay",         PERM_COMPLETE_PURCHASES, NULL,         orders_pay,          "orders/pay.cs",       "orders", 0 },
	{ M_POST, "{id}/pay",         PERM_COMPLETE_PURCHASES, pay_fields,   orders_pay_save,     "orders/pay.cs",       "orders", 0 },
	{ M_GET,  "{id}/return",      PERM_VIEW_PURCHASES,   return_fields,  orders_return,       "orders/return.cs",    "orders", 0 },
	{ M_POST, "{id}/close",       PERM_CREATE_PURCHASES, NULL,           orders_close,        "orders/order.cs",     "orders", 0 },
	{ M_POST, "{id}/cancel",      PERM_CREATE_PURCHASES, NULL,           orders_cancel,       "orders/order.cs",     "orders", 0 },
	{ M_GET,  "{id}/receipt",     PERM_VIEW_PURCHASES,   NULL,           orders_receipt,      "orders/receipt.cs",   "orders", 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,
	.prefix = "orders",
	.routes = routes,
	.init = orders_init,
	.fini = NULL,
};
