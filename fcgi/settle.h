/*
 * settle.h: the money side of an order, shared by the orders module (card
 * notifications, paying from funds) and portalctl (BACS allocation), so an
 * order is marked paid one way whoever notices the money.
 *
 * Every function runs inside the caller's transaction. Lock order, to keep
 * concurrent payments free of deadlocks: the order row first (SELECT ... FOR
 * UPDATE), then the company's balance row (funds_change does that).
 */
#ifndef SETTLE_H
#define SETTLE_H

struct db;

/* funds_change's answer when the balance would go below zero. */
#define FUNDS_SHORT	1

/*
 * Adds amount (negative: takes) to the company's balance and writes the
 * ledger row with the balance after it. kind: advance_payment, purchase,
 * refund, adjustment. key makes a retry harmless (409 when already applied).
 * Returns 0, FUNDS_SHORT (nothing written), or an HTTP status from db.c.
 */
int	funds_change(struct db *, unsigned long long company_id, long long amount,
	    const char *kind, unsigned long long order_id, const char *key,
	    const char *note, unsigned long long user_id);

/* The order's total in pence (net + VAT of every line) into *total. */
int	order_total(struct db *, unsigned long long order_id, long long *total);

/*
 * Marks a locked, unpaid order paid: its applications move to received, an
 * advance order's credits go into the company's funds, and the audit log
 * says how (card, funds, bacs). 409 when the order is not awaiting payment.
 */
int	order_settle(struct db *, unsigned long long order_id, unsigned long long company_id,
	    unsigned long long user_id, const char *ip, const char *how);

/* portalctl allocate-bacs REFERENCE AMOUNT: the finance department's
 * allocation of a received transfer. Returns the exit code. */
int	settle_bacs_command(struct db *, int argc, char **argv);

#endif
