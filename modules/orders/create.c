/*
 * create.c: new orders (guide 1.5 and 1.7) and adding finalised applications
 * to them. Each application becomes one line priced from the price table in
 * force today, the price fixed on the line. An application is on at most one
 * live order: the state change finalised -> ordered and the unique key on
 * order_lines.live_application_id both refuse a second. Every form carries a
 * one-time token kept (hashed) with the order it made, so a form sent twice
 * makes one order and the second sending lands on it.
 */
#include <stdio.h>
#include <string.h>

#include "orders.h"
#include "settle.h"

static const char *const sql_app =
    "SELECT a.id, a.reference, CONCAT(op.last_name, ', ', op.first_name), a.office_id,"
    " CONCAT(t.short_name, ' - ', k.name)"
    " FROM applications a JOIN offices f ON f.id = a.office_id"
    " JOIN operatives op ON op.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id"
    " JOIN application_kinds k ON k.code = a.kind"
    " WHERE a.id = ? AND a.state = 'finalised' AND" APP_SCOPE;
static const char *const sql_pending =
    "SELECT o.id, o.reference, DATE_FORMAT(o.created_at, '%d/%m/%Y') AS date,"
    " (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) AS line_count"
    ORDER_FROM " WHERE o.state = 'open' AND o.kind = 'cards' AND" ORDER_SCOPE
    " ORDER BY o.created_at DESC, o.id DESC LIMIT 50";
static const char *const sql_insert =
    "INSERT INTO orders (company_id, reference, raised_level, group_id, office_id,"
    " billing_office_id, delivery_office_id, accounts_contact, delivery_attention, kind,"
    " state, form_token, created_by) VALUES (?, ?, ?, NULLIF(?, 0), NULLIF(?, 0),"
    " NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, ?, ?)";
static const char *const sql_by_token =
    "SELECT o.id" ORDER_FROM " WHERE o.form_token = ? AND" ORDER_SCOPE;
/* Also within the order's own level, so those who see the order may see
 * its applications: an office's order takes that office's applications, a
 * group's those of its offices. */
static const char *const sql_order_app =
    "UPDATE applications a JOIN offices f ON f.id = a.office_id JOIN orders o ON o.id = ?"
    " SET a.state = 'ordered'"
    " WHERE a.id = ? AND a.state = 'finalised' AND" APP_SCOPE
    " AND (o.raised_level = 'company' OR (o.raised_level = 'group' AND f.group_id = o.group_id)"
    "  OR (o.raised_level = 'office' AND a.office_id = o.office_id))";
static const char *const sql_app_line =
    "INSERT INTO order_lines (order_id, product_id, quantity, unit_net_pence, unit_vat_pence,"
    " application_id, live_application_id)"
    " SELECT ?, pr.product_id, 1, pr.net_pence, pr.vat_pence, a.id, a.id"
    " FROM applications a JOIN prices pr ON pr.product_id = IF(a.kind = 'replacement', 2, 1)"
    " WHERE a.id = ? AND pr.effective_from <= CURDATE()"
    " ORDER BY pr.effective_from DESC LIMIT 1";
static const char *const sql_advance_line =
    "INSERT INTO order_lines (order_id, product_id, quantity, unit_net_pence, unit_vat_pence)"
    " SELECT ?, pr.product_id, ?, pr.net_pence, pr.vat_pence FROM prices pr"
    " JOIN products p ON p.id = pr.product_id"
    " WHERE p.code = ? AND pr.effective_from <= CURDATE()"
    " ORDER BY pr.effective_from DESC LIMIT 1";
static const char *const sql_advance_price =
    "SELECT pr.net_pence + pr.vat_pence, p.name FROM prices pr"
    " JOIN products p ON p.id = pr.product_id"
    " WHERE p.code = ? AND pr.effective_from <= CURDATE()"
    " ORDER BY pr.effective_from DESC LIMIT 1";
static const char *const sql_close =
    "UPDATE orders SET state = 'closed_unpaid', closed_at = NOW(6) WHERE id = ? AND state = 'open'";

#define MAX_ADVANCE_CREDITS	1000

/* The prepaid orders made from one form (advance.cs): credits for the
 * company's funds (guide 1.7), and online assessment credits (guide 1.9),
 * which settle.c adds to the company's assessment credits when paid. */
struct prepaid {
	const char	*key;		/* Prepaid.kind for the template */
	const char	*kind;		/* orders.kind */
	const char	*product;	/* products.code */
	const char	*title;
};
static const struct prepaid advance_order = {
	"advance", "advance_payment", "advance_payment", "Create an Advance Order"
};
static const struct prepaid credits_order = {
	"credits", "assessment_credits", "assessment_credit",
	"Purchase Credits for ECS Online Assessments"
};

/* v_text with a limit in characters. */
static const char *
text_up_to(const char *in, char *out, size_t cap, long long *num, size_t max, const char *msg)
{
	const char *err = v_text(in, out, cap, num);

	return err == NULL && utf8_chars(out) > max ? msg : err;
}

static const char *
v_reference(const char *in, char *out, size_t cap, long long *num)
{
	return text_up_to(in, out, cap, num, 60, "Please keep your reference to 60 characters.");
}

static const char *
v_contact(const char *in, char *out, size_t cap, long long *num)
{
	return text_up_to(in, out, cap, num, 150, "Please keep a name to 150 characters.");
}

static const char *
v_word(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	(void)num;
	snprintf(out, cap, "%s", in);
	for (i = 0; in[i]; i++)
		if (!(in[i] >= 'a' && in[i] <= 'z') && !(in[i] >= '0' && in[i] <= '9') &&
		    in[i] != '_' && in[i] != ':')
			return "Please choose one of the options.";
	return i > 0 && i < 32 ? NULL : "Please choose one of the options.";
}

static const char *
v_quantity(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_id(in, out, cap, num);

	if (err != NULL || *num < 1)
		return "The minimum order is 1 credit: please enter a whole number.";
	if (*num > MAX_ADVANCE_CREDITS)
		return "Please order at most 1,000 credits at a time.";
	return NULL;
}

/* Field 0 of every route here is the ticked applications. */
const struct field select_fields[] = {
	{ "id", v_id, F_MULTI },
	{ "create", v_word, 0 },
	{ NULL, NULL, 0 }
};

enum { C_ID, C_TOKEN, C_REFERENCE, C_LEVEL, C_BILLING, C_DELIVERY, C_ACCOUNTS, C_ATTENTION,
	C_THEN };
/* The order's own details, shared by the create and empty-order forms. */
#define ORDER_DETAIL_FIELDS \
	[C_ID] = { "id", v_id, F_MULTI }, \
	[C_TOKEN] = { "token", v_once_token, F_REQUIRED }, \
	[C_REFERENCE] = { "reference", v_reference, 0 }, \
	[C_LEVEL] = { "level", v_word, F_REQUIRED }, \
	[C_BILLING] = { "billing_office", v_id, F_REQUIRED }, \
	[C_DELIVERY] = { "delivery_office", v_id, F_REQUIRED }, \
	[C_ACCOUNTS] = { "accounts_contact", v_contact, 0 }, \
	[C_ATTENTION] = { "delivery_attention", v_contact, 0 }

const struct field create_fields[] = {
	ORDER_DETAIL_FIELDS,
	[C_THEN] = { "then", v_word, F_REQUIRED },
	{ NULL, NULL, 0 }
};

const struct field add_fields[] = {
	{ "id", v_id, F_MULTI },
	{ NULL, NULL, 0 }
};

/* The empty order's form is the create form without applications. */
const struct field empty_fields[] = {
	ORDER_DETAIL_FIELDS,
	{ NULL, NULL, 0 }
};

enum { A_TOKEN, A_REFERENCE, A_LEVEL, A_BILLING, A_ACCOUNTS, A_QUANTITY, A_METHOD };
const struct field advance_fields[] = {
	[A_TOKEN] = { "token", v_once_token, F_REQUIRED },
	[A_REFERENCE] = { "reference", v_reference, 0 },
	[A_LEVEL] = { "level", v_word, F_REQUIRED },
	[A_BILLING] = { "billing_office", v_id, F_REQUIRED },
	[A_ACCOUNTS] = { "accounts_contact", v_contact, 0 },
	[A_QUANTITY] = { "quantity", v_quantity, F_REQUIRED },
	[A_METHOD] = { "method", v_word, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* Apps.N of the ticked applications still finalised and the user's; how many
 * of those ticked are not (*gone), and the office of the first. */
static int
ticked_hdf(struct req *r, size_t *n, size_t *gone, unsigned long long *office)
{
	const struct session *s = r->sess;
	const struct fieldval *v;
	struct dbres *res;
	int rc;

	*n = *gone = 0;
	*office = 0;
	for (v = &r->fields[0]; v; v = v->next) {
		if (!v->present)
			continue;
		if (v->err || *n >= 500) {
			(*gone)++;
			continue;
		}
		if ((rc = db_query(r->db, &res, sql_app, "u" "uuuuu", (unsigned long long)v->num,
		    APP_SCOPE_ARGS(s))) != 0)
			return rc;
		if (db_next(res)) {
			const char *p = req_printf(r, "Apps.%zu", (*n)++);

			req_set(r, req_printf(r, "%s.id", p), db_str(res, 0));
			req_set(r, req_printf(r, "%s.reference", p), db_str(res, 1));
			req_set(r, req_printf(r, "%s.name", p), db_str(res, 2));
			req_set(r, req_printf(r, "%s.type", p), db_str(res, 4));
			if (*office == 0)
				*office = (unsigned long long)db_int(res, 3);
		} else
			(*gone)++;
		db_free(res);
	}
	req_setf(r, "AppsCount", "%zu", *n);
	return 0;
}

/* The page "Select Order to add selected Applications to?". */
static int
select_page(struct req *r, int show_create)
{
	const struct session *s = r->sess;
	unsigned long long office;
	size_t n, gone, pending = 0;
	int rc;

	if ((rc = ticked_hdf(r, &n, &gone, &office)) != 0)
		return rc;
	if (n == 0) {
		req_flash(r, gone ? "The ticked applications can no longer be ordered: they were"
		    " ordered or unfinalised meanwhile." :
		    "Please tick at least one finalised application to add to a purchase.");
		return req_redirect(r, "/applications/attention");
	}
	if (gone)
		req_setf(r, "Select.gone", "%zu", gone);
	if (req_can(r, PERM_ADD_TO_PURCHASES)) {
		req_set(r, "Can.add", "1");
		if ((rc = db_rows_hdf(r->db, r->hdf, "Pending", &pending, sql_pending, "uuuuuu",
		    ORDER_SCOPE_ARGS(s))) != 0)
			return rc;
	}
	if (req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.create", "1");
	if (req_can(r, PERM_COMPLETE_PURCHASES))
		req_set(r, "Can.pay", "1");
	if (show_create && req_can(r, PERM_CREATE_PURCHASES)) {
		req_set(r, "Show.create", "1");
		if ((rc = order_choices_hdf(r)) != 0)
			return rc;
		if (!hdf_get_value(r->hdf, "Form.token", NULL))
			order_form_token(r);
		if (office && !hdf_get_value(r->hdf, "Form.level.value", NULL)) {
			req_setf(r, "Form.level.value", "office:%llu", office);
			req_setf(r, "Form.billing_office.value", "%llu", office);
			req_setf(r, "Form.delivery_office.value", "%llu", office);
		}
	}
	req_set(r, "Page.title", "Select Order to add selected Applications to?");
	return HTTP_OK;
}

int
orders_select(struct req *r)
{
	const struct fieldval *create = req_field(r, "create");

	return select_page(r, create && create->present);
}

/* Puts the ticked applications on a locked open order: 0, or 409 when one
 * of them is no longer finalised and the user's (the caller rolls back). */
static int
add_apps(struct req *r, unsigned long long order_id, size_t *added)
{
	const struct session *s = r->sess;
	const struct fieldval *v;
	int rc;

	*added = 0;
	for (v = &r->fields[0]; v; v = v->next) {
		unsigned long long id = (unsigned long long)v->num;

		if (!v->present)
			continue;
		if (v->err)
			return HTTP_CONFLICT;
		if ((rc = db_exec(r->db, sql_order_app, "uu" "uuuuu", order_id, id,
		    APP_SCOPE_ARGS(s))) != 0)
			return rc;
		if (db_affected(r->db) != 1)
			return HTTP_CONFLICT;
		/* The unique live line refuses what a racing request already added. */
		if ((rc = db_exec(r->db, sql_app_line, "uu", order_id, id)) != 0)
			return rc;
		if (db_affected(r->db) != 1)
			return HTTP_CONFLICT;
		(*added)++;
	}
	return 0;
}

static const char *const conflict_message =
    "One of the ticked applications cannot be added to this order: it was ordered,"
    " unfinalised or changed meanwhile, or its office is outside the level the order is"
    " raised at. Nothing was changed; please check Applications Requiring Attention, or"
    " raise the order at a level that holds every ticked application.";

/* Checks the form's level and offices against the user's scope, marking
 * the fields in error (r->invalid counts them). 0, or a database error. */
static int
check_places(struct req *r)
{
	const struct fieldval *lv = req_field(r, "level"), *bv = req_field(r, "billing_office");
	const struct fieldval *dv = req_field(r, "delivery_office");
	const char *level, *msg;
	unsigned long long group, office;
	int ok, rc;

	if (lv->present && !lv->err &&
	    (msg = order_level(r, lv->val, &level, &group, &office)) != NULL) {
		req_set(r, "Form.level.error", msg);
		r->invalid++;
	}
	if (bv->present && !bv->err) {
		if ((rc = order_office_ok(r, (unsigned long long)bv->num, &ok)) != 0)
			return rc;
		if (!ok) {
			req_set(r, "Form.billing_office.error", "Please choose one of your offices.");
			r->invalid++;
		}
	}
	if (dv && dv->present && !dv->err) {
		if ((rc = order_office_ok(r, (unsigned long long)dv->num, &ok)) != 0)
			return rc;
		if (!ok) {
			req_set(r, "Form.delivery_office.error", "Please choose one of your offices.");
			r->invalid++;
		}
	}
	return 0;
}

/* Inserts an order from a checked create/empty/advance form (check_places).
 * 0 with *id, or 409 when the form's token already made an order (*id is
 * that one; the transaction is rolled back). */
static int
insert_order(struct req *r, const char *kind, unsigned long long *id)
{
	const struct session *s = r->sess;
	const struct fieldval *dv = req_field(r, "delivery_office");
	const struct fieldval *av = req_field(r, "delivery_attention");
	const char *level = "company", *key = order_token_key(r, req_field(r, "token")->val);
	unsigned long long group = 0, office = 0;
	struct dbres *res;
	int rc;

	if (key == NULL || order_level(r, req_field(r, "level")->val, &level, &group, &office))
		return HTTP_BAD_REQUEST;	/* check_places and the validators said so already */
	rc = db_exec(r->db, sql_insert, "ussuuuuss" "sssu", s->company_id,
	    req_field(r, "reference")->val, level, group, office,
	    (unsigned long long)req_field(r, "billing_office")->num,
	    dv ? (unsigned long long)dv->num : 0ULL, req_field(r, "accounts_contact")->val,
	    av ? av->val : "", kind, "open", key, s->user_id);
	if (rc == 0) {
		*id = db_last_id(r->db);
		return 0;
	}
	if (rc != HTTP_CONFLICT)
		return rc;
	/* The same form again (a double click, a second tab): its order. */
	db_rollback(r->db);
	if ((rc = db_query(r->db, &res, sql_by_token, "s" "uuuuuu", key,
	    ORDER_SCOPE_ARGS(s))) != 0)
		return rc;
	*id = db_next(res) ? (unsigned long long)db_int(res, 0) : 0;
	db_free(res);
	return *id ? HTTP_CONFLICT : HTTP_BAD_REQUEST;
}

/* Re-shows a form with its values and errors. */
static int
form_again(struct req *r, int rc)
{
	const struct fieldval *t = req_field(r, "token"), *id = req_field(r, "id");

	req_form_to_hdf(r);
	if (hdf_get_value(r->hdf, "Form.error", NULL))
		return rc;
	if (t && t->err)
		req_set(r, "Form.error", "This form has expired: please check the details and send"
		    " it again.");
	else if (id && id->err)
		req_set(r, "Form.error", "One of the ticked applications is not valid: please tick"
		    " them again in Applications Requiring Attention.");
	else
		req_set(r, "Form.error", "Please correct the fields marked below.");
	return rc;
}

/*
 * The start of every new order: checks the form, begins the transaction and
 * inserts the order. 0 with *id and the transaction open; otherwise the
 * answer to give (the form again, the order a repeated form made, an error)
 * with nothing open.
 */
static int
begin_order(struct req *r, const char *kind, int (*page)(struct req *), unsigned long long *id)
{
	int rc;

	*id = 0;
	if ((rc = check_places(r)) != 0)
		return rc;
	if (r->invalid)
		return form_again(r, page(r));
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = insert_order(r, kind, id)) == 0)
		return 0;
	if (rc == HTTP_CONFLICT) {
		req_flash(r, "This order was already created: here it is.");
		return req_redirect(r, req_printf(r, "/orders/%llu", *id));
	}
	db_rollback(r->db);
	return rc == HTTP_BAD_REQUEST ? form_again(r, page(r)) : rc;
}

static int
create_page(struct req *r)
{
	return select_page(r, 1);
}

int
orders_create(struct req *r)
{
	const char *then = req_field(r, "then")->val;
	unsigned long long id = 0;
	size_t added;
	int rc;

	if (strcmp(then, "pay") != 0 && strcmp(then, "later") != 0 && strcmp(then, "open") != 0)
		return HTTP_BAD_REQUEST;
	if ((rc = begin_order(r, "cards", create_page, &id)) != 0)
		return rc;
	if ((rc = add_apps(r, id, &added)) == HTTP_CONFLICT) {
		db_rollback(r->db);
		req_set(r, "Form.error", conflict_message);
		return form_again(r, select_page(r, 1));
	}
	if (rc != 0)
		goto fail;
	if (added == 0) {
		db_rollback(r->db);
		req_set(r, "Form.error", "Please tick at least one application.");
		return form_again(r, select_page(r, 1));
	}
	if (strcmp(then, "open") != 0 && (rc = db_exec(r->db, sql_close, "u", id)) != 0)
		goto fail;
	if ((rc = req_audit(r, "order_created", "order", req_printf(r, "%llu", id),
	    req_printf(r, "%zu applications", added))) != 0 || (rc = db_commit(r->db)) != 0)
		goto fail;
	if (strcmp(then, "pay") == 0 && req_can(r, PERM_COMPLETE_PURCHASES))
		return req_redirect(r, req_printf(r, "/orders/%llu/pay", id));
	req_flash(r, strcmp(then, "open") == 0 ?
	    "The order is created and left open: you can add more applications to it." :
	    "The order is closed: pay for it from Orders Requiring Attention.");
	return req_redirect(r, req_printf(r, "/orders/%llu", id));
fail:
	db_rollback(r->db);
	return rc;
}

int
orders_add(struct req *r)
{
	struct order o;
	size_t added;
	int rc;

	if ((rc = order_begin(r, &o)) != 0)
		return rc;
	if (strcmp(o.state, "open") != 0 || strcmp(o.kind, "cards") != 0) {
		db_rollback(r->db);
		req_set(r, "Form.error", "That order is no longer open: please choose another"
		    " or create a new one.");
		return select_page(r, 0);
	}
	if ((rc = add_apps(r, o.id, &added)) == HTTP_CONFLICT) {
		db_rollback(r->db);
		req_set(r, "Form.error", conflict_message);
		return select_page(r, 0);
	}
	if (rc != 0)
		goto fail;
	if (added == 0) {
		db_rollback(r->db);
		req_flash(r, "Please tick at least one finalised application.");
		return req_redirect(r, "/applications/attention");
	}
	if ((rc = req_audit(r, "order_applications_added", "order",
	    req_printf(r, "%llu", o.id), req_printf(r, "%zu applications", added))) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, added == 1 ? "1 application was added to the order." :
	    req_printf(r, "%zu applications were added to the order.", added));
	return req_redirect(r, req_printf(r, "/orders/%llu", o.id));
fail:
	db_rollback(r->db);
	return rc;
}

/* Create a New Empty Order. */
static int
empty_page(struct req *r)
{
	int rc;

	if ((rc = order_choices_hdf(r)) != 0)
		return rc;
	if (!hdf_get_value(r->hdf, "Form.token", NULL))
		order_form_token(r);
	req_set(r, "Page.title", "Create a New Empty Order");
	return HTTP_OK;
}

int
orders_empty(struct req *r)
{
	return empty_page(r);
}

int
orders_empty_save(struct req *r)
{
	unsigned long long id = 0;
	int rc;

	if ((rc = begin_order(r, "cards", empty_page, &id)) != 0)
		return rc;
	if ((rc = req_audit(r, "order_created", "order", req_printf(r, "%llu", id), "empty")) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "The order is created: add finalised applications to it from"
	    " Applications Requiring Attention.");
	return req_redirect(r, req_printf(r, "/orders/%llu", id));
}

/* Create New Advance Order, or Purchase Credits for ECS Online Assessments. */
static int
prepaid_page(struct req *r, const struct prepaid *p)
{
	struct dbres *res;
	int rc;

	if ((rc = order_choices_hdf(r)) != 0)
		return rc;
	if (!hdf_get_value(r->hdf, "Form.token", NULL))
		order_form_token(r);
	if ((rc = db_query(r->db, &res, sql_advance_price, "s", p->product)) != 0)
		return rc;
	if (db_next(res)) {
		req_set(r, "Price.each", req_money(r, db_int(res, 0)));
		req_setf(r, "Price.pence", "%lld", db_int(res, 0));
		req_set(r, "Price.product", db_str(res, 1));
	}
	db_free(res);
	if (!hdf_get_value(r->hdf, "Form.quantity.value", NULL))
		req_set(r, "Form.quantity.value", "1");
	if (req_can(r, PERM_COMPLETE_PURCHASES))
		req_set(r, "Can.pay", "1");
	req_set(r, "Prepaid.kind", p->key);
	req_set(r, "Page.title", p->title);
	return HTTP_OK;
}

static int
advance_page(struct req *r)
{
	return prepaid_page(r, &advance_order);
}

static int
credits_page(struct req *r)
{
	return prepaid_page(r, &credits_order);
}

int
orders_advance(struct req *r)
{
	return advance_page(r);
}

int
orders_credits(struct req *r)
{
	return credits_page(r);
}

static int
prepaid_save(struct req *r, const struct prepaid *p, int (*page)(struct req *))
{
	const char *method = req_field(r, "method")->val, *error = NULL, *next = NULL;
	unsigned long long id = 0;
	struct order o;
	int found, rc;

	if (strcmp(method, "card") != 0 && strcmp(method, "bacs") != 0 &&
	    strcmp(method, "later") != 0)
		return HTTP_BAD_REQUEST;
	if ((rc = begin_order(r, p->kind, page, &id)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_advance_line, "uis", id,
	    req_field(r, "quantity")->num, p->product)) != 0 ||
	    (rc = db_exec(r->db, sql_close, "u", id)) != 0)
		goto fail;
	if ((rc = req_audit(r, "order_created", "order", req_printf(r, "%llu", id),
	    req_printf(r, "%s, %lld credits", p->key, req_field(r, "quantity")->num))) != 0)
		goto fail;
	if (strcmp(method, "later") != 0 && req_can(r, PERM_COMPLETE_PURCHASES)) {
		if ((rc = order_load(r, id, 1, &o, &found)) != 0)
			goto fail;
		if ((rc = pay_start(r, &o, method, &error, &next)) != 0)
			goto fail;
	}
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	if (next && strcmp(method, "card") == 0)
		return req_redirect_external(r, next);
	return req_redirect(r, req_printf(r, "/orders/%llu", id));
fail:
	db_rollback(r->db);
	return rc;
}

int
orders_advance_save(struct req *r)
{
	return prepaid_save(r, &advance_order, advance_page);
}

int
orders_credits_save(struct req *r)
{
	return prepaid_save(r, &credits_order, credits_page);
}
