/*
 * credits.h: a company's online assessment credits (ECS Assessments), shared
 * by settle.c (an order of kind assessment_credits adds them when paid), the
 * assessments module (a booking uses one) and portalctl (expired bookings
 * give theirs back).
 *
 * Every function runs inside the caller's transaction, except
 * credits_expire_bookings, which runs one transaction per booking. Lock
 * order, as for funds: the object's row first (the order, or the booking),
 * then the company's balance row (credits_change).
 */
#ifndef CREDITS_H
#define CREDITS_H

#include <stddef.h>

struct db;

/* credits_change's answer when the balance would go below zero. */
#define CREDITS_SHORT	1

/*
 * Adds amount (negative: takes) to the company's credits and writes the
 * ledger row with the balance after it. kind: purchase, booking, expiry,
 * adjustment; order_id and booking_id 0 when none. key makes a retry
 * harmless (409 when already applied: roll back). Returns 0, CREDITS_SHORT
 * (nothing changed), or an HTTP status from db.c.
 */
int	credits_change(struct db *, unsigned long long company_id, long long amount,
	    const char *kind, unsigned long long order_id, unsigned long long booking_id,
	    const char *key, const char *note, unsigned long long user_id);

/*
 * Bookings still 'booked' after the last day of their window become
 * 'expired' and give their credit back, exactly once (the state change and
 * the ledger's key 'booking:ID:expired' both refuse a second). company_id 0:
 * every company. *expired counts them. 0 or an HTTP status.
 */
int	credits_expire_bookings(struct db *, unsigned long long company_id,
	    unsigned long long user_id, const char *ip, size_t *expired);

/* portalctl expire-bookings: the same for every company. The exit code. */
int	credits_expire_command(struct db *, int argc, char **argv);

#endif
