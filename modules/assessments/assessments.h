/*
 * assessments.h: the parts of the ECS Assessments module (guide 1.9): the
 * company's account on the online assessment service and the link that signs
 * the user in there (account.c), bookings of employees onto an assessment
 * (book.c), and the tab that shows them (assessments.c). Credits are bought
 * through the orders module (/orders/credits) and kept by fcgi/credits.c.
 *
 * Every statement takes the company and the user's level from the session:
 * a booking is seen by the users of its company whose level holds the
 * booked employee's office (BOOKING_SCOPE); another's answers 404.
 */
#ifndef ASSESSMENTS_H
#define ASSESSMENTS_H

#include <portal.h>

#define MODULE	"assessments"

/* On a booking `b` joined to its office `f`: bind company, group, group, office, office. */
#define BOOKING_SCOPE \
	" b.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR b.office_id = ?)"
/* On an employment `e` joined to its office `f`: the same binding. */
#define EMPLOYMENT_SCOPE \
	" e.company_id = ? AND e.ended_on IS NULL AND (? = 0 OR f.group_id = ?)" \
	" AND (? = 0 OR e.office_id = ?)"
#define SCOPE_ARGS(s) (s)->company_id, (s)->scope_group, (s)->scope_group, \
	(s)->scope_office, (s)->scope_office

/* How long a sign-in link's token is good for, in seconds. */
#define SIGNIN_TTL	60

/* assessments.c: the tab. */
int	assessments_index(struct req *);
/* Account.* (creating the account, with its generated username, on first use). */
int	account_hdf(struct req *);
/* Credits.balance of the company. */
int	credits_hdf(struct req *);

/* account.c: the account's password and the sign-in link. */
int	assessments_password(struct req *);
int	assessments_signin(struct req *);

/* book.c: booking an employee onto an assessment. */
int	assessments_book(struct req *);
int	assessments_book_save(struct req *);
int	assessments_booking(struct req *);
extern const struct field book_fields[];
/* "Booked", "Passed", ... for a booking state. */
const char *booking_state_label(const char *state);

#endif
