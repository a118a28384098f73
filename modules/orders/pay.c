/*
 * pay.c: an order's page, paying for it (guide 1.6: card through the payment
 * gateway, the company's funds, or bank transfer), closing it to pay later,
 * and cancelling it while unpaid. Paying from funds is one transaction that
 * locks the order and then the balance (settle.h), so the balance can never
 * go negative however many pay at once. A card payment is only ever marked
 * paid by the gateway's signed notification (gateway.c); the page the
 * browser returns to only shows where it stands.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "orders.h"
#include "settle.h"

static const char *const sql_payments =
    "SELECT p.id, p.method, p.state, p.amount_pence, DATE_FORMAT(p.created_at, '%d/%m/%Y %H:%i'),"
    " p.detail FROM payments p WHERE p.order_id = ? ORDER BY p.id DESC LIMIT 20";
/* The return page's payment, and whether its gateway page may still be paid: a card
 * payment not yet answered, pending or superseded by a newer attempt (paying on that older
 * page still pays the order when its notification arrives), within the hour a gateway's
 * page lasts. After that, or when the buyer cancelled at the gateway, TRY AGAIN instead. */
static const char *const sql_payment_waiting =
    "SELECT p.state, p.detail, p.method = 'card' AND p.gateway_txn_id IS NULL"
    " AND p.state IN ('pending', 'cancelled') AND p.created_at > NOW(6) - INTERVAL 1 HOUR"
    " FROM payments p WHERE p.id = ? AND p.order_id = ?";
static const char *const sql_new_payment =
    "INSERT INTO payments (order_id, method, state, amount_pence, currency, created_by,"
    " completed_at) VALUES (?, ?, ?, ?, 'GBP', ?, IF(? = 'succeeded', NOW(6), NULL))";
static const char *const sql_supersede =
    "UPDATE payments SET state = 'cancelled', completed_at = NOW(6)"
    " WHERE order_id = ? AND state = 'pending'";
static const char *const sql_awaiting_card =
    "UPDATE orders SET state = 'awaiting_payment', closed_at = IFNULL(closed_at, NOW(6))"
    " WHERE id = ?";
/* A reference once given stays the order's: the customer may have used it. */
static const char *const sql_awaiting_bacs =
    "UPDATE orders SET state = 'awaiting_bacs', bacs_reference = IFNULL(bacs_reference, ?),"
    " closed_at = IFNULL(closed_at, NOW(6)) WHERE id = ?";
static const char *const sql_close =
    "UPDATE orders SET state = 'closed_unpaid', closed_at = NOW(6) WHERE id = ? AND state = 'open'";
static const char *const sql_release_apps =
    "UPDATE applications a JOIN order_lines l ON l.live_application_id = a.id"
    " SET a.state = 'finalised' WHERE l.order_id = ? AND a.state = 'ordered'";
static const char *const sql_release_lines =
    "UPDATE order_lines SET live_application_id = NULL WHERE order_id = ?";
static const char *const sql_cancel =
    "UPDATE orders SET state = 'cancelled' WHERE id = ? AND state IN " ORDER_UNPAID;

static const char *
v_method(const char *in, char *out, size_t cap, long long *num)
{
	(void)num;
	snprintf(out, cap, "%s", in);
	if (strcmp(in, "card") == 0 || strcmp(in, "funds") == 0 || strcmp(in, "bacs") == 0)
		return NULL;
	return "Please choose how you wish to pay.";
}

const struct field pay_fields[] = {
	{ "method", v_method, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* payment; cancelled=yes when the buyer pressed Cancel on the gateway's page (it changes
 * nothing: only the gateway's signed notification does; the page then offers TRY AGAIN). */
const struct field return_fields[] = {
	{ "payment", v_id, 0 },
	{ "cancelled", v_yes, 0 },
	{ NULL, NULL, 0 }
};

static int
unpaid(const struct order *o)
{
	return strcmp(o->state, "paid") != 0 && strcmp(o->state, "cancelled") != 0;
}

/* Can.* for the actions the user may take on the order. */
static void
actions_hdf(struct req *r, const struct order *o)
{
	if (unpaid(o) && o->total > 0 && req_can(r, PERM_COMPLETE_PURCHASES))
		req_set(r, "Can.pay", "1");
	if (unpaid(o) && req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.cancel", "1");
	/* An empty order stays open: closed, nothing could be added to it or paid. */
	if (strcmp(o->state, "open") == 0 && o->total > 0 && req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.close", "1");
	if (strcmp(o->state, "paid") == 0)
		req_set(r, "Can.receipt", "1");
}

static int
payments_hdf(struct req *r, const struct order *o)
{
	struct dbres *res;
	size_t n = 0;
	int rc;

	if ((rc = db_query(r->db, &res, sql_payments, "u", o->id)) != 0)
		return rc;
	while (db_next(res)) {
		const char *p = req_printf(r, "Payments.%zu", n++);

		req_set(r, req_printf(r, "%s.id", p), db_str(res, 0));
		req_set(r, req_printf(r, "%s.method", p), db_str(res, 1));
		req_set(r, req_printf(r, "%s.state", p), db_str(res, 2));
		req_set(r, req_printf(r, "%s.amount", p), req_money(r, db_int(res, 3)));
		req_set(r, req_printf(r, "%s.when", p), db_str(res, 4));
		req_set(r, req_printf(r, "%s.detail", p), db_str(res, 5));
	}
	db_free(res);
	return 0;
}

int
orders_view(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = order_page(r, &o, 0)) != 0)
		return rc;
	actions_hdf(r, &o);
	req_set(r, "Page.title", req_printf(r, "Order %s", o.label));
	if ((rc = payments_hdf(r, &o)) != 0)
		return rc;
	return HTTP_OK;
}

/* The "Confirm Pay For Order" page's choices. */
static int
pay_page(struct req *r, const struct order *o)
{
	long long balance;
	int rc;

	req_set(r, "Page.title", req_printf(r, "Confirm Pay For Order %s?", o->label));
	if (req_can(r, PERM_USE_FUNDS) && strcmp(o->kind, "advance_payment") != 0) {
		req_set(r, "Can.funds", "1");
		if ((rc = order_funds_hdf(r, &balance)) != 0)
			return rc;
		if (balance >= o->total)
			req_set(r, "Funds.enough", "1");
	}
	return HTTP_OK;
}

int
orders_pay(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = order_page(r, &o, 0)) != 0)
		return rc;
	if (!unpaid(&o) || o.total <= 0) {
		req_flash(r, !unpaid(&o) ? "This order is not awaiting payment." :
		    "Add applications to this order before paying for it.");
		return req_redirect(r, req_printf(r, "/orders/%llu", o.id));
	}
	return pay_page(r, &o);
}

/* ECS and 7 digits, for the transfer's annotation. */
static const char *
bacs_reference(struct req *r)
{
	return req_printf(r, "ECS%07u", randombytes_uniform(10000000));
}

int
pay_start(struct req *r, struct order *o, const char *method, const char **error,
    const char **next)
{
	const struct session *s = r->sess;
	unsigned long long payment;
	int rc, tries;

	*error = NULL;
	*next = req_printf(r, "/orders/%llu", o->id);
	if (!unpaid(o)) {
		*error = "This order is not awaiting payment.";
		return 0;
	}
	if (o->total <= 0) {
		*error = "Add applications to this order before paying for it.";
		return 0;
	}
	if (strcmp(method, "bacs") == 0 && strcmp(o->state, "awaiting_bacs") == 0)
		return 0;	/* already marked: the same reference stands */
	if ((rc = db_exec(r->db, sql_supersede, "u", o->id)) != 0)
		return rc;
	if (strcmp(method, "card") == 0) {
		if ((rc = db_exec(r->db, sql_new_payment, "ussiu" "s", o->id, "card", "pending",
		    o->total, s->user_id, "pending")) != 0)
			return rc;
		payment = db_last_id(r->db);
		if ((rc = db_exec(r->db, sql_awaiting_card, "u", o->id)) != 0)
			return rc;
		*next = gateway_pay_url(r, payment, o->total,
		    req_printf(r, "ECS order %s", o->label), o->id);
		return req_audit(r, "payment_started", "order", req_printf(r, "%llu", o->id),
		    req_printf(r, "card, %lld pence", o->total));
	}
	if (strcmp(method, "funds") == 0) {
		long long balance;

		if (!req_can(r, PERM_USE_FUNDS) || strcmp(o->kind, "advance_payment") == 0) {
			*error = "You may not pay for this order from the company's funds.";
			return 0;
		}
		rc = funds_change(r->db, s->company_id, -o->total, "purchase", o->id,
		    req_printf(r, "order:%llu:funds", o->id), req_printf(r, "Order %s", o->label),
		    s->user_id);
		if (rc == FUNDS_SHORT || rc == HTTP_CONFLICT) {
			if ((rc = order_funds_hdf(r, &balance)) != 0)
				return rc;
			*error = req_printf(r, "Insufficient funds: the company's balance is %s and"
			    " this order is %s. Nothing was charged.", req_money(r, balance),
			    req_money(r, o->total));
			return 0;
		}
		if (rc != 0 ||
		    (rc = db_exec(r->db, sql_new_payment, "ussiu" "s", o->id, "funds", "succeeded",
		    o->total, s->user_id, "succeeded")) != 0 ||
		    (rc = order_settle(r->db, o->id, s->company_id, s->user_id, r->ip, "funds")) != 0)
			return rc;
		req_flash(r, "The order is paid from the company's funds.");
		return req_audit(r, "funds_used", "order", req_printf(r, "%llu", o->id),
		    req_printf(r, "%lld pence", o->total));
	}
	/* BACS: a reference to annotate the transfer with; unique, so retry a clash. */
	for (tries = 0; tries < 8; tries++) {
		const char *ref = o->bacs_reference[0] ? o->bacs_reference : bacs_reference(r);

		rc = db_exec(r->db, sql_awaiting_bacs, "su", ref, o->id);
		if (rc == HTTP_CONFLICT)
			continue;
		if (rc != 0)
			return rc;
		if ((rc = db_exec(r->db, sql_new_payment, "ussiu" "s", o->id, "bacs", "pending",
		    o->total, s->user_id, "pending")) != 0)
			return rc;
		return req_audit(r, "order_marked_bacs", "order", req_printf(r, "%llu", o->id),
		    ref);
	}
	return HTTP_SERVER_ERROR;
}

int
orders_pay_save(struct req *r)
{
	const char *error, *next;
	struct order o;
	int rc;

	if (r->invalid) {
		if ((rc = order_page(r, &o, 0)) != 0)
			return rc;
		req_form_to_hdf(r);
		return pay_page(r, &o);
	}
	if ((rc = order_begin(r, &o)) != 0)
		return rc;
	if ((rc = pay_start(r, &o, req_field(r, "method")->val, &error, &next)) != 0)
		goto fail;
	if (error) {
		db_rollback(r->db);
		if ((rc = order_page(r, &o, 0)) != 0)
			return rc;
		req_set(r, "Form.error", error);
		req_form_to_hdf(r);
		return pay_page(r, &o);
	}
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	if (strcmp(req_field(r, "method")->val, "card") == 0)
		return req_redirect_external(r, next);
	return req_redirect(r, next);
fail:
	db_rollback(r->db);
	return rc;
}

int
orders_return(struct req *r)
{
	const struct fieldval *pv = req_field(r, "payment"), *cv = req_field(r, "cancelled");
	struct dbres *res;
	struct order o;
	int rc;

	if ((rc = order_page(r, &o, 0)) != 0)
		return rc;
	req_set(r, "Page.title", req_printf(r, "Payment for order %s", o.label));
	if (pv->present && !pv->err) {
		if ((rc = db_query(r->db, &res, sql_payment_waiting, "uu",
		    (unsigned long long)pv->num, o.id)) != 0)
			return rc;
		if (db_next(res)) {
			req_set(r, "Payment.state", db_str(res, 0));
			req_set(r, "Payment.detail", db_str(res, 1));
			/* Until the gateway's notification arrives, the page asks again
			 * (and offers no second payment meanwhile). */
			if (cv->present && !cv->err && unpaid(&o))
				req_set(r, "Payment.cancelled", "1");
			else if (db_int(res, 2) && unpaid(&o)) {
				req_set(r, "Payment.waiting", "1");
				req_set(r, "Page.refresh", "3");
			}
		}
		db_free(res);
	}
	actions_hdf(r, &o);
	return HTTP_OK;
}

int
orders_close(struct req *r)
{
	struct order o;
	int closed, rc;

	if ((rc = order_begin(r, &o)) != 0)
		return rc;
	if (o.total <= 0) {
		db_rollback(r->db);
		req_flash(r, "An order with no applications cannot be closed: add applications to "
		    "it first, or cancel it.");
		return req_redirect(r, req_printf(r, "/orders/%llu", o.id));
	}
	if ((rc = db_exec(r->db, sql_close, "u", o.id)) != 0)
		goto fail;
	closed = db_affected(r->db) == 1;
	if ((rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, closed ? "The order is closed: no more applications can be added to it." :
	    "Only an open order can be closed.");
	return req_redirect(r, req_printf(r, "/orders/%llu", o.id));
fail:
	db_rollback(r->db);
	return rc;
}

int
orders_cancel(struct req *r)
{
	struct order o;
	int rc;

	if ((rc = order_begin(r, &o)) != 0)
		return rc;
	if (!unpaid(&o)) {
		db_rollback(r->db);
		req_flash(r, strcmp(o.state, "paid") == 0 ?
		    "A paid order cannot be cancelled: there is no refund once paid." :
		    "The order is already cancelled.");
		return req_redirect(r, req_printf(r, "/orders/%llu", o.id));
	}
	if ((rc = db_exec(r->db, sql_release_apps, "u", o.id)) != 0 ||
	    (rc = db_exec(r->db, sql_release_lines, "u", o.id)) != 0 ||
	    (rc = db_exec(r->db, sql_supersede, "u", o.id)) != 0 ||
	    (rc = db_exec(r->db, sql_cancel, "u", o.id)) != 0 ||
	    (rc = req_audit(r, "order_cancelled", "order", req_printf(r, "%llu", o.id), "")) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	req_flash(r, "The order is cancelled; its applications are back in Finalised"
	    " Applications - Awaiting Ordering.");
	return req_redirect(r, "/orders/attention");
fail:
	db_rollback(r->db);
	return rc;
}
