/* settle.c: paying an order and the company's funds (see settle.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credits.h"
#include "db.h"
#include "portal.h"
#include "settle.h"

static const char *const sql_funds_row =
    "INSERT IGNORE INTO company_funds (company_id, balance_pence) VALUES (?, 0)";
static const char *const sql_funds_lock =
    "SELECT balance_pence FROM company_funds WHERE company_id = ? FOR UPDATE";
static const char *const sql_funds_set =
    "UPDATE company_funds SET balance_pence = ? WHERE company_id = ?";
static const char *const sql_ledger =
    "INSERT INTO funds_ledger (company_id, amount_pence, balance_after_pence, kind, order_id,"
    " idempotency_key, note, created_by) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, 0))";
static const char *const sql_total =
    "SELECT IFNULL(SUM(quantity * (unit_net_pence + unit_vat_pence)), 0)"
    " FROM order_lines WHERE order_id = ?";
static const char *const sql_paid =
    "UPDATE orders SET state = 'paid', paid_at = NOW(6), closed_at = IFNULL(closed_at, NOW(6))"
    " WHERE id = ? AND company_id = ?"
    " AND state IN ('open', 'closed_unpaid', 'awaiting_payment', 'awaiting_bacs')";
static const char *const sql_kind =
    "SELECT kind FROM orders WHERE id = ?";
static const char *const sql_credits =
    "SELECT IFNULL(SUM(l.quantity), 0) FROM order_lines l JOIN products p ON p.id = l.product_id"
    " WHERE l.order_id = ? AND p.code = 'assessment_credit'";
/* Paid: received, or straight on hold with the reason finalising gave it (an HS&E
 * assessment still to pass, a requirement not met), as portalctl's "received" does. */
static const char *const sql_received =
    "UPDATE applications a JOIN order_lines l ON l.live_application_id = a.id"
    " SET a.state = IF(IFNULL(a.hold_reason, '') <> '', 'on_hold', 'received')"
    " WHERE l.order_id = ? AND a.state = 'ordered'";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, user_id, ip, action, object_kind, object_id, detail)"
    " VALUES (?, NULLIF(?, 0), ?, ?, 'order', ?, ?)";

int
funds_change(struct db *db, unsigned long long company_id, long long amount,
    const char *kind, unsigned long long order_id, const char *key, const char *note,
    unsigned long long user_id)
{
	struct dbres *res;
	long long balance;
	int rc;

	if ((rc = db_exec(db, sql_funds_row, "u", company_id)) != 0)
		return rc;
	if ((rc = db_query(db, &res, sql_funds_lock, "u", company_id)) != 0)
		return rc;
	balance = db_next(res) ? db_int(res, 0) : 0;
	db_free(res);
	if (balance + amount < 0)
		return FUNDS_SHORT;
	if ((rc = db_exec(db, sql_ledger, "uiisuss" "u", company_id, amount, balance + amount,
	    kind, order_id, key, note ? note : "", user_id)) != 0)
		return rc;
	return db_exec(db, sql_funds_set, "iu", balance + amount, company_id);
}

int
order_total(struct db *db, unsigned long long order_id, long long *total)
{
	struct dbres *res;
	int rc;

	if ((rc = db_query(db, &res, sql_total, "u", order_id)) != 0)
		return rc;
	*total = db_next(res) ? db_int(res, 0) : 0;
	db_free(res);
	return 0;
}

/* The assessment credits an order bought go to the company's balance, once. */
static int
settle_credits(struct db *db, unsigned long long order_id, unsigned long long company_id,
    unsigned long long user_id, const char *ip, const char *id)
{
	struct dbres *res;
	long long quantity;
	char key[48], detail[32];
	int rc;

	if ((rc = db_query(db, &res, sql_credits, "u", order_id)) != 0)
		return rc;
	quantity = db_next(res) ? db_int(res, 0) : 0;
	db_free(res);
	if (quantity <= 0)
		return 0;
	snprintf(key, sizeof(key), "order:%llu:credits", order_id);
	snprintf(detail, sizeof(detail), "%lld credits", quantity);
	rc = credits_change(db, company_id, quantity, "purchase", order_id, 0, key,
	    "Online assessment credits bought", user_id);
	if (rc != 0)
		return rc == CREDITS_SHORT ? HTTP_SERVER_ERROR : rc;
	return db_exec(db, sql_audit, "uussss", company_id, user_id, ip ? ip : "",
	    "assessment_credits_added", id, detail);
}

int
order_settle(struct db *db, unsigned long long order_id, unsigned long long company_id,
    unsigned long long user_id, const char *ip, const char *how)
{
	struct dbres *res;
	char id[24], key[48], detail[64];
	int advance, credits, rc;
	long long total;

	if ((rc = db_exec(db, sql_paid, "uu", order_id, company_id)) != 0)
		return rc;
	if (db_affected(db) != 1)
		return HTTP_CONFLICT;
	if ((rc = db_exec(db, sql_received, "u", order_id)) != 0)
		return rc;
	if ((rc = db_query(db, &res, sql_kind, "u", order_id)) != 0)
		return rc;
	advance = credits = 0;
	if (db_next(res)) {
		advance = strcmp(db_str(res, 0), "advance_payment") == 0;
		credits = strcmp(db_str(res, 0), "assessment_credits") == 0;
	}
	db_free(res);
	if ((rc = order_total(db, order_id, &total)) != 0)
		return rc;
	snprintf(id, sizeof(id), "%llu", order_id);
	snprintf(detail, sizeof(detail), "%s, %lld pence", how, total);
	if ((rc = db_exec(db, sql_audit, "uussss", company_id, user_id, ip ? ip : "",
	    "order_paid", id, detail)) != 0)
		return rc;
	if (credits)
		return settle_credits(db, order_id, company_id, user_id, ip, id);
	if (!advance)
		return 0;
	/* The credits bought: what was paid goes into the funds, once. */
	snprintf(key, sizeof(key), "order:%llu:advance", order_id);
	rc = funds_change(db, company_id, total, "advance_payment", order_id, key,
	    "Advance payment", user_id);
	if (rc != 0)
		return rc == FUNDS_SHORT ? HTTP_SERVER_ERROR : rc;
	return db_exec(db, sql_audit, "uussss", company_id, user_id, ip ? ip : "",
	    "funds_added", id, detail);
}

static const char *const sql_bacs_order =
    "SELECT id, company_id, state FROM orders WHERE bacs_reference = ? FOR UPDATE";
static const char *const sql_bacs_payment =
    "UPDATE payments SET state = 'succeeded', completed_at = NOW(6)"
    " WHERE order_id = ? AND method = 'bacs' AND state = 'pending'";
static const char *const sql_bacs_received =
    "INSERT INTO payments (order_id, method, state, amount_pence, currency, completed_at)"
    " VALUES (?, 'bacs', 'succeeded', ?, 'GBP', NOW(6))";

/* "54.00", "54" or "1,054.50" into pence; -1 if it is not an amount. */
static long long
parse_pounds(const char *s)
{
	long long pounds = 0, pence = 0;
	int digits = 0, frac = -1;

	if (*s == '\xc2' && s[1] == '\xa3')	/* a leading £ */
		s += 2;
	for (; *s; s++) {
		if (*s == ',' && frac < 0 && digits > 0)
			continue;
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || pounds > 100000000LL)
			return -1;
		if (frac < 0) {
			pounds = pounds * 10 + (*s - '0');
			digits++;
		} else if (++frac > 2)
			return -1;
		else
			pence = pence * 10 + (*s - '0');
	}
	if (digits == 0 || frac == 0 || frac == 1)
		return -1;
	return pounds * 100 + pence;
}

int
settle_bacs_command(struct db *db, int argc, char **argv)
{
	struct dbres *res;
	unsigned long long order_id, company_id;
	long long amount, total;
	char state[24];
	int rc;

	if (argc < 3) {
		fprintf(stderr, "usage: portalctl allocate-bacs REFERENCE AMOUNT (e.g. ECS0944490 54.00)\n");
		return 2;
	}
	if ((amount = parse_pounds(argv[2])) <= 0) {
		fprintf(stderr, "portalctl: %s is not an amount in pounds like 54.00\n", argv[2]);
		return 2;
	}
	if (db_begin(db) != 0 || db_query(db, &res, sql_bacs_order, "s", argv[1]) != 0)
		goto fail;
	if (!db_next(res)) {
		db_free(res);
		db_rollback(db);
		fprintf(stderr, "portalctl: no order has the BACS reference %s\n", argv[1]);
		return 1;
	}
	order_id = (unsigned long long)db_int(res, 0);
	company_id = (unsigned long long)db_int(res, 1);
	snprintf(state, sizeof(state), "%s", db_str(res, 2));
	db_free(res);
	/* The money came, so it pays the order even if the customer has since
	 * chosen to pay another way and not done so yet. */
	if (strcmp(state, "paid") == 0 || strcmp(state, "cancelled") == 0) {
		db_rollback(db);
		fprintf(stderr, "portalctl: order %llu (%s) is %s: nothing allocated; the transfer"
		    " is to be refunded\n", order_id, argv[1], state);
		return 1;
	}
	if (order_total(db, order_id, &total) != 0)
		goto fail;
	if (amount != total) {
		db_rollback(db);
		fprintf(stderr, "portalctl: the transfer of %lld.%02lld does not match order %llu's"
		    " total of %lld.%02lld: nothing allocated\n", amount / 100, amount % 100,
		    order_id, total / 100, total % 100);
		return 1;
	}
	if (db_exec(db, sql_bacs_payment, "u", order_id) != 0)
		goto fail;
	if (db_affected(db) == 0 &&
	    db_exec(db, sql_bacs_received, "ui", order_id, amount) != 0)
		goto fail;
	if ((rc = order_settle(db, order_id, company_id, 0, "", "bacs")) != 0 ||
	    db_commit(db) != 0)
		goto fail;
	printf("order %llu (%s) is paid: %lld.%02lld allocated\n", order_id, argv[1],
	    amount / 100, amount % 100);
	return 0;
fail:
	db_rollback(db);
	fprintf(stderr, "portalctl: the allocation failed; nothing was changed (see the log)\n");
	return 1;
}
