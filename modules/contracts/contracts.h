/*
 * contracts.h: the parts of the contracts module (ECS Check). A company sees
 * a contract only through its own row in contract_parties (CONTRACT_FROM), so
 * another company's contract answers 404. Contract-wide actions (create,
 * start, close, invite, answer an invitation) are the company's: company-level
 * users only. Workers are per office: a group or office level user sees, adds
 * and removes only the workers employed at their offices (WORKER_SCOPE).
 */
#ifndef CONTRACTS_H
#define CONTRACTS_H

#include <portal.h>

#define MODULE	"contracts"

/* A contract past its end date is completed, whatever was stored. */
#define CONTRACT_STATE \
	"IF(c.state <> 'completed' AND c.ends_on < CURDATE(), 'completed', c.state)"

/* A contract `c` with the signed-in company's party row `p`: bind the
 * company, the party state wanted ('accepted', or 'invited' for answering
 * an invitation) and the contract id. */
#define CONTRACT_FROM \
	" FROM contracts c JOIN contract_parties p ON p.contract_id = c.id" \
	" AND p.company_id = ? AND p.state = ?"

/*
 * The workers `w` of a contract the user may see: their own company's
 * within their level, and, for a company-level user of the client, every
 * company's. Bind company, is_client, group, office, company, group, group,
 * office, office (WORKER_SCOPE_ARGS).
 */
#define WORKER_SCOPE \
	" AND (w.company_id = ? OR (? = 1 AND ? = 0 AND ? = 0))" \
	" AND (w.company_id <> ? OR ((? = 0 OR w.office_id IN" \
	"  (SELECT id FROM offices WHERE group_id = ?)) AND (? = 0 OR w.office_id = ?)))"
#define WORKER_SCOPE_ARGS(s, is_client) (s)->company_id, (unsigned long long)(is_client), \
	(s)->scope_group, (s)->scope_office, (s)->company_id, (s)->scope_group, \
	(s)->scope_group, (s)->scope_office, (s)->scope_office

struct contract {
	unsigned long long id;
	unsigned long long client_id;	/* the client company */
	const char *name;
	const char *state;		/* being_set_up, in_progress, completed (effective) */
	long long min_days;		/* days of card validity the site asks for */
	int is_client;			/* the signed-in company is the client */
};

/* contracts.c */
/* Loads r->ids[0] as the signed-in company sees it with its party row in
 * party_state ("accepted" or "invited"); *found 0 when it does not. With
 * lock, the contract and party rows are locked (inside a transaction). */
int	contract_load(struct req *, const char *party_state, int lock, struct contract *,
	    int *found);
/* Begins a transaction holding the lock of contract r->ids[0]: 0 (the caller
 * commits or rolls back), 404, a database error, or 303 with a flash when the
 * contract is completed (read-only); nothing is left open unless 0. */
int	contract_begin(struct req *, const char *party_state, struct contract *);
/* contract_begin for the client's own changes: 403 unless the user acts for
 * the whole company of the contract's client. */
int	contract_begin_client(struct req *, struct contract *);
/* Ends the transaction and shows the contract's page again with message at
 * the form of field (Form.FIELD.error): nothing was changed. */
int	contract_refuse(struct req *, const struct contract *, const char *field,
	    const char *message);
/* Whether the user acts for the whole company (contract-wide actions). */
int	contract_company_level(const struct req *);
/* The label of key in a table of {key, label} pairs ending with NULLs, or key. */
const char *contract_label(const char *const table[][2], const char *key);
extern const char *const contract_states[][2];	/* being_set_up: "Being Set Up", ... */
/* The contract's own page as a redirect target. */
int	contract_redirect(struct req *, const struct contract *, const char *flash);

/* create.c: Create New Contract, starting and closing. */
int	contracts_new(struct req *);
int	contracts_create(struct req *);
int	contracts_start(struct req *);
int	contracts_close(struct req *);
extern const struct field create_fields[];
extern const struct field close_fields[];

/* parties.c: subcontractors invited, accepting and declining. */
int	contracts_invite(struct req *);
int	contracts_accept(struct req *);
int	contracts_decline(struct req *);
extern const struct field invite_fields[];

/* workers.c: adding and removing contract workers. */
int	contracts_worker_add(struct req *);
int	contracts_worker_remove(struct req *);
extern const struct field worker_fields[];

/* view.c: a contract's page with its workers' compliance, and the CSV. */
int	contracts_view(struct req *);
int	contracts_export(struct req *);
/* Fills the contract page for a loaded contract (also after a refused form). */
int	contract_page(struct req *, const struct contract *);
extern const struct field view_fields[];

/* lists.c: Contracts Being Set Up (with invitations), in Progress, Completed. */
int	contracts_setup(struct req *);
int	contracts_progress(struct req *);
int	contracts_completed(struct req *);
extern const struct field list_fields[];

#endif
