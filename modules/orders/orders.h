/*
 * orders.h: the parts of the orders module. Every statement on an order
 * takes the company and the user's level from the session (ORDER_SCOPE), so
 * an order of another company or outside the user's level answers 404.
 * Money is integer pence; settle.h (the host) marks orders paid and moves
 * the company's funds.
 */
#ifndef ORDERS_H
#define ORDERS_H

#include <portal.h>

#define MODULE	"orders"

/*
 * On an order `o` with `ro` its office (ORDER_FROM): bind company, group,
 * group, group, office, office. Orders raised at the company level are the
 * company-level users'; a group's are its users' (with the offices' orders
 * of the group); an office's are that office's users'.
 */
#define ORDER_FROM	" FROM orders o LEFT JOIN offices ro ON ro.id = o.office_id"
#define ORDER_SCOPE \
	" o.company_id = ? AND (? = 0 OR o.group_id = ? OR ro.group_id = ?)" \
	" AND (? = 0 OR o.office_id = ?)"
#define ORDER_SCOPE_ARGS(s) (s)->company_id, (s)->scope_group, (s)->scope_group, \
	(s)->scope_group, (s)->scope_office, (s)->scope_office
/* The applications' own scope (as the applications module binds it). */
#define APP_SCOPE \
	" a.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR a.office_id = ?)"
#define APP_SCOPE_ARGS(s) (s)->company_id, (s)->scope_group, (s)->scope_group, \
	(s)->scope_office, (s)->scope_office

/* Orders that still need something done. */
#define ORDER_UNPAID	"('open', 'closed_unpaid', 'awaiting_payment', 'awaiting_bacs')"

struct order {
	unsigned long long id;
	const char *state, *kind, *reference, *bacs_reference;
	const char *label;	/* the reference, or "number N" when there is none */
	long long total;	/* pence, every line */
};

/* orders.c */
/* Loads an order of the user's scope into *o (FOR UPDATE when lock); *found 0 if none. */
int	order_load(struct req *, unsigned long long id, int lock, struct order *, int *found);
/* Begins a transaction holding the lock of order r->ids[0]: 0 (the caller
 * commits or rolls back), or 404 / a database error with nothing open. */
int	order_begin(struct req *, struct order *);
/* order_load of r->ids[0] for a page: 404 when it is not the user's. Fills Order.*. */
int	order_page(struct req *, struct order *, int lock);
/* Order.* of a loaded order and Lines.N with the totals. */
int	order_hdf(struct req *, const struct order *);
/* Levels.N.value/label (where an order may be raised) and Offices.N.id/name. */
int	order_choices_hdf(struct req *);
/* Checks a level value ("company", "group:ID", "office:ID") against the
 * user's scope; 0 and the ids, or a message. */
const char *order_level(struct req *, const char *value, const char **level,
	    unsigned long long *group, unsigned long long *office);
/* Whether an office is the company's, open and within the user's level. */
int	order_office_ok(struct req *, unsigned long long office, int *ok);
/* A one-time form token for Form.token (double submissions make one order). */
void	order_form_token(struct req *);
/* The token's hash as 64 hex digits for orders.form_token; NULL if malformed. */
const char *order_token_key(struct req *, const char *hex);
/* Fills Funds.balance/pence (the company's balance). */
int	order_funds_hdf(struct req *, long long *balance);

/* create.c: new orders and adding applications to them. */
int	orders_select(struct req *);
int	orders_create(struct req *);
int	orders_add(struct req *);
int	orders_empty(struct req *);
int	orders_empty_save(struct req *);
int	orders_advance(struct req *);
int	orders_advance_save(struct req *);
int	orders_credits(struct req *);
int	orders_credits_save(struct req *);
extern const struct field select_fields[], create_fields[], add_fields[],
	empty_fields[], advance_fields[];

/* pay.c: paying, closing and cancelling. */
int	orders_view(struct req *);
int	orders_pay(struct req *);
int	orders_pay_save(struct req *);
int	orders_return(struct req *);
int	orders_close(struct req *);
int	orders_cancel(struct req *);
extern const struct field pay_fields[], return_fields[];
/* Starts paying a locked order by card, funds or bacs inside the caller's
 * transaction: 0 with *next the page to go to (for card, the gateway's URL),
 * or 0 with *error a message for the user (nothing changed; roll back). */
int	pay_start(struct req *, struct order *, const char *method, const char **error,
	    const char **next);

/* gateway.c: the payment gateway (one configured provider). */
int	gateway_init(void);
/* The URL that sends the browser to pay payment_id. */
const char *gateway_pay_url(struct req *, unsigned long long payment_id, long long amount,
	    const char *description, unsigned long long order_id);
int	orders_notify(struct req *);

/* lists.c: the Orders tab. */
int	orders_attention(struct req *);
int	orders_fulfilled(struct req *);
int	orders_history(struct req *);
int	orders_history_csv(struct req *);
int	orders_receipt(struct req *);
extern const struct field history_fields[], list_fields[];

#endif
