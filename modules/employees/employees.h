/*
 * employees.h: the parts of the employees module (one file per page group).
 * Every statement takes the company id, and the group and office of a
 * group- or office-level user, from the session: see SCOPE below.
 */
#ifndef EMPLOYEES_H
#define EMPLOYEES_H

#include <portal.h>

#define MODULE	"employees"

/*
 * The user's level, on an employment row `e` joined to its office `f`:
 * bind company, group, group, office, office (see scope_args).
 */
#define SCOPE \
	" e.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR e.office_id = ?)"

/* The offices `f` within the user's level: bind company, group, group, office, office. */
#define OFFICES_IN_SCOPE \
	" FROM offices f WHERE f.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)"

/* lookup.c: Add New Employee. */
int	employees_add_form(struct req *);
int	employees_lookup(struct req *);
int	employees_confirm(struct req *);
int	employees_create(struct req *);
extern const struct field lookup_fields[], confirm_fields[], create_fields[];
const char *v_start_date(const char *, char *, size_t, long long *);
/* A person's name: one line, at most 100 bytes, no digits or markup. */
const char *v_name(const char *, char *, size_t, long long *);

/* lists.c: Current Employees, its search (POST: 303 to the list with the search
 * sealed, ?s=), the CSV export, With Cards Expiring Soon. */
int	employees_current(struct req *);
int	employees_search(struct req *);
int	employees_export(struct req *);
int	employees_expiring(struct req *);
extern const struct field list_fields[], search_fields[];

/* employee.c: an employee's page, contact details, leaving. */
int	employees_view(struct req *);
int	employees_contact(struct req *);
int	employees_leave(struct req *);
extern const struct field contact_fields[], leave_fields[];

/* bulk.c: adding employees from a CSV file. */
int	employees_bulk_form(struct req *);
int	employees_bulk_upload(struct req *);
int	employees_bulk_confirm(struct req *);
extern const struct field bulk_confirm_fields[];

/* employees.c: shared. */
/* The offices the user may choose, into Offices.N.id/name. */
int	employees_offices_hdf(struct req *);
/* Whether office_id is one of them: 1, 0, or an HTTP status (< 0 never). */
int	employees_office_allowed(struct req *, unsigned long long office_id, int *ok);
/* "*****321D": NI numbers in lists show their last four characters. */
const char *employees_mask_ni(struct req *, const char *ni);
/* The register's record a bulk line names (register_match, as the single
 * lookup's procedure uses); *operative 0 when none. */
int	employees_match(struct req *, const char *ni, const char *dob,
	    const char *last_name, const char *card, const char *hse,
	    unsigned long long *operative);

#endif
