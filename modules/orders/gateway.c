/*
 * gateway.c: the payment gateway, behind one small interface with one
 * configured provider. The portal never sees a card number: PAY sends the
 * browser to the gateway's hosted page with a request signed by HMAC-SHA256,
 * and the order is paid only when the gateway's server-to-server notification
 * arrives signed over its raw body, at most 5 minutes old, for the payment's
 * own amount and currency. Notifications are de-duplicated on the gateway's
 * transaction id under the payment's row lock, so a replay changes nothing.
 * Every notification, applied or refused, is kept in payment_notifications.
 *
 * The provider "sandbox" speaks this protocol (README, "Payment gateway"):
 *   to the gateway:  GET <gateway-url>?merchant=&payment=&order=&amount=&currency=
 *                    &description=&return=&ts=&sig=  (sig over the query before &sig)
 *   to the portal:   POST /orders/payment-notify, form-encoded payment, txn, amount,
 *                    currency, status (succeeded|declined), reason, ts; header
 *                    X-Gateway-Signature: HMAC-SHA256 of the body, hex.
 * Another provider is another struct gateway_provider here and its name in
 * the configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "orders.h"
#include "settle.h"

#define NOTIFY_MAX_AGE	300	/* seconds either way */

struct gateway_provider {
	const char *name;
	const char *(*pay_url)(struct req *, unsigned long long payment, long long amount,
	    const char *description, unsigned long long order_id);
};

static struct {
	const struct gateway_provider *provider;
	const char *url, *key, *merchant;
} gw;

/* The order first, then the payment: the lock order of pay.c and settle.c. */
static const char *const sql_payment_order =
    "SELECT order_id FROM payments WHERE id = ?";
static const char *const sql_order_lock =
    "SELECT id FROM orders WHERE id = ? FOR UPDATE";
static const char *const sql_payment_lock =
    "SELECT o.id, o.company_id, o.state, p.state, p.method, p.amount_pence, p.currency,"
    " IFNULL(p.gateway_txn_id, '') FROM payments p JOIN orders o ON o.id = p.order_id"
    " WHERE p.id = ? FOR UPDATE";
static const char *const sql_declined =
    "UPDATE payments SET state = 'failed', gateway_txn_id = ?, detail = LEFT(?, 255),"
    " completed_at = NOW(6) WHERE id = ?";
static const char *const sql_succeeded =
    "UPDATE payments SET state = 'succeeded', gateway_txn_id = ?, completed_at = NOW(6)"
    " WHERE id = ?";
static const char *const sql_record =
    "INSERT INTO payment_notifications (ip, payment_id, gateway_txn, outcome, reason)"
    " VALUES (?, NULLIF(?, 0), LEFT(?, 64), ?, LEFT(?, 255))";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, ip, action, object_kind, object_id, detail)"
    " VALUES (?, ?, ?, 'order', ?, LEFT(?, 255))";

static const char *
sandbox_pay_url(struct req *r, unsigned long long payment, long long amount,
    const char *description, unsigned long long order_id)
{
	const char *query = req_printf(r,
	    "merchant=%s&payment=%llu&order=%llu&amount=%lld&currency=GBP&description=%s"
	    "&return=%s&ts=%lld", req_url_escape(r, gw.merchant), payment, order_id, amount,
	    req_url_escape(r, description),
	    req_url_escape(r, req_printf(r, "%s/orders/%llu/return?payment=%llu",
	    portal_base_url(), order_id, payment)), (long long)time(NULL));

	return req_printf(r, "%s?%s&sig=%s", gw.url, query,
	    req_hmac_hex(r, gw.key, query, strlen(query)));
}

static const struct gateway_provider providers[] = {
	{ "sandbox", sandbox_pay_url },
	{ NULL, NULL }
};

int
gateway_init(void)
{
	const char *name = portal_param(MODULE, "gateway", "sandbox");
	const struct gateway_config *conf = portal_gateway();
	size_t i;

	gw.provider = NULL;
	for (i = 0; providers[i].name; i++)
		if (strcmp(providers[i].name, name) == 0)
			gw.provider = &providers[i];
	if (gw.provider == NULL) {
		log_error("orders: unknown payment gateway provider %s", name);
		return -1;
	}
	/* portal.rng checks the URL's form and the secret's length. */
	if (conf == NULL) {
		log_error("orders: the configuration has no <payment-gateway url merchant secret>");
		return -1;
	}
	gw.url = conf->url;
	gw.key = conf->secret;
	gw.merchant = conf->merchant;
	return 0;
}

const char *
gateway_pay_url(struct req *r, unsigned long long payment, long long amount,
    const char *description, unsigned long long order_id)
{
	return gw.provider->pay_url(r, payment, amount, description, order_id);
}

/* ---- The notification ---- */

/* Keeps the notification's outcome; refusals are logged for the scheme's staff. */
static int
record(struct req *r, unsigned long long payment, const char *txn, const char *outcome,
    const char *reason)
{
	int rc = db_exec(r->db, sql_record, "susss", r->ip, payment, txn, outcome, reason);

	if (strcmp(outcome, "rejected") == 0) {
		log_error("payment notification rejected (payment %llu, from %s): %s", payment,
		    r->ip, reason);
	}
	return rc;
}

static int
reject(struct req *r, unsigned long long payment, const char *txn, const char *reason)
{
	int rc = record(r, payment, txn, "rejected", reason);

	return rc ? rc : HTTP_BAD_REQUEST;
}

static int
ok(struct req *r)
{
	return req_body(r, "text/plain; charset=utf-8", "ok\n", 3);
}

int
orders_notify(struct req *r)
{
	size_t len;
	const unsigned char *body = req_raw_body(r, &len);
	struct payment_notice n;
	const char *txn, *status, *reason, *why;
	unsigned long long payment, order_id, company_id;
	struct dbres *res;
	long long age;
	int rc;

	/* The signature over the raw body first, then the fields (fcgi/notice.c). */
	if ((why = payment_notice_parse(gw.key, body, len,
	    req_env(r, "HTTP_X_GATEWAY_SIGNATURE"), &n)) != NULL)
		return reject(r, 0, "", why);
	why = NULL;
	payment = n.payment;
	txn = n.txn;
	status = n.status;
	reason = n.reason;
	age = (long long)time(NULL) - n.ts;
	if (age > NOTIFY_MAX_AGE || age < -NOTIFY_MAX_AGE)
		return reject(r, payment, txn, req_printf(r, "stale: sent %lld s ago", age));
	if (strcmp(status, "succeeded") != 0 && strcmp(status, "declined") != 0)
		return reject(r, payment, txn, "unknown status");

	if ((rc = db_begin(r->db)) != 0)
		return rc;
	/* A payment never moves to another order, so its order can be read first. */
	if ((rc = db_query(r->db, &res, sql_payment_order, "u", payment)) != 0)
		goto fail;
	order_id = db_next(res) ? (unsigned long long)db_int(res, 0) : 0;
	db_free(res);
	if ((rc = db_query(r->db, &res, sql_order_lock, "u", order_id)) != 0)
		goto fail;
	db_free(res);
	if ((rc = db_query(r->db, &res, sql_payment_lock, "u", payment)) != 0)
		goto fail;
	if (!db_next(res)) {
		db_free(res);
		db_rollback(r->db);
		return reject(r, payment, txn, "no such payment");
	}
	order_id = (unsigned long long)db_int(res, 0);
	company_id = (unsigned long long)db_int(res, 1);
	if (strcmp(db_str(res, 7), txn) == 0) {
		db_free(res);
		db_rollback(r->db);
		if ((rc = record(r, payment, txn, "duplicate", "already applied")) != 0)
			return rc;
		return ok(r);
	}
	if (db_str(res, 7)[0] != '\0')
		why = "the payment already has another transaction";
	else if (strcmp(db_str(res, 4), "card") != 0)
		why = "not a card payment";
	else if (db_int(res, 5) != n.amount)
		why = req_printf(r, "amount %lld is not the payment's %lld",
		    n.amount, db_int(res, 5));
	else if (strcmp(db_str(res, 6), n.currency) != 0)
		why = "currency is not the payment's";
	else if (strcmp(status, "succeeded") == 0 &&
	    (strcmp(db_str(res, 2), "paid") == 0 || strcmp(db_str(res, 2), "cancelled") == 0))
		why = req_printf(r, "the order is %s: the money is to be refunded", db_str(res, 2));
	db_free(res);
	if (why) {
		db_rollback(r->db);
		return reject(r, payment, txn, why);
	}
	if (strcmp(status, "declined") == 0) {
		rc = db_exec(r->db, sql_declined, "ssu", txn,
		    reason[0] ? reason : "The card was declined.", payment);
		if (rc == 0)
			rc = db_exec(r->db, sql_audit, "usss" "s", company_id, r->ip,
			    "payment_declined", req_printf(r, "%llu", order_id), reason);
	} else {
		rc = db_exec(r->db, sql_succeeded, "su", txn, payment);
		if (rc == 0)
			rc = order_settle(r->db, order_id, company_id, 0, r->ip, "card");
	}
	if (rc == HTTP_CONFLICT) {
		db_rollback(r->db);
		return reject(r, payment, txn, "transaction id already used, or order not payable");
	}
	if (rc != 0 || (rc = db_commit(r->db)) != 0)
		goto fail;
	if ((rc = record(r, payment, txn, "applied", status)) != 0)
		return rc;
	return ok(r);
fail:
	db_rollback(r->db);
	return rc;
}
