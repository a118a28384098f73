/* admin.h: the parts of the administration module. */
#ifndef ADMIN_H
#define ADMIN_H

#include <portal.h>

/* audit.c: the company's audit log. */
int	admin_audit(struct req *);
extern const struct field audit_fields[];


/* The scope of memberships the signed-in user may see (company, group or office level):
 * append to a WHERE on memberships m, bind with SCOPE_MEMBER_ARGS. */
#define SCOPE_MEMBER_SQL \
	" AND (? = 0 OR m.group_id = ? OR m.office_id IN" \
	"  (SELECT f.id FROM offices f WHERE f.company_id = m.company_id AND f.group_id = ?))" \
	" AND (? = 0 OR m.office_id = ?)"
#define SCOPE_MEMBER_ARGS(s) (s)->scope_group, (s)->scope_group, (s)->scope_group, \
	(s)->scope_office, (s)->scope_office

/* levels.c: levels and permissions as forms show and send them. */
struct level {
	const char		*kind;		/* "company", "group", "office" */
	unsigned long long	 group_id, office_id;
};
/* admin.c: a name or an address line (at most 100 characters), a postcode. */
const char *v_name(const char *, char *, size_t, long long *);
const char *v_level(const char *, char *, size_t, long long *);
const char *v_bundle(const char *, char *, size_t, long long *);
const char *v_bit(const char *, char *, size_t, long long *);
/* Titles.N: the titles offered. */
void	titles_to_hdf(struct req *);
/* Levels.N.value/label: the levels within the signed-in user's own. */
int	levels_to_hdf(struct req *);
/* Whether a level value is one of those; 0 with *ok set, or a status. */
int	level_allowed(struct req *, const char *value, struct level *, int *ok);
/* The permissions the form asks for, the member's being previous (0 for a new one): the
 * ticked boxes, with all of a bundle whose box was newly ticked and none of one whose box
 * alone was unticked (its boxes beneath still ticked: there is no script to untick them). */
uint64_t perms_from_form(const struct fieldval *bundles, const struct fieldval *bits,
	    uint64_t previous);
/* Bundles.N.code/name/checked/perms.M.bit/name/checked and Others.M...: the form. */
void	perms_to_hdf(struct req *, uint64_t held);
/* PREFIX.N: the guide's names of the bundles held whole, then other permissions. */
void	badges_to_hdf(struct req *, const char *prefix, uint64_t held);
/* "Full Employee Access, Can Use Funds" of a mask, for the audit log. */
const char *perms_text(struct req *, uint64_t);

/* The message refusing permissions the user does not hold (more), or NULL. */
const char *grant_refusal(struct req *, uint64_t more);

/* users.c: the list. users_add.c: ADD USER. users_edit.c: one user. */
int	users_list(struct req *);
int	users_add_form(struct req *);
int	users_add(struct req *);
int	user_view(struct req *);
int	user_save(struct req *);
int	user_remove(struct req *);
int	user_reset(struct req *);
extern const struct field users_list_fields[], users_add_fields[], user_fields[];

/* links.c: one-time links to set a password, and the public page that takes them. */
/* Stores a new link for user_id (earlier unused links end) and sets Link.url. */
int	link_issue(struct req *, unsigned long long user_id, const char *purpose);
/* Mails Link.url to email (after the commit); sets Link.mailed when the command took it. */
void	link_mail(struct req *, const char *email);
int	set_password_form(struct req *);
int	set_password(struct req *);
extern const struct field set_password_get_fields[], set_password_fields[];

/* mailspool.c: 0 when the configured command took the mail, -1 otherwise (logged). */
int	mail_send(struct req *, const char *to, const char *subject, const char *body);

/* pwcheck.c: NULL when a new password is acceptable, else why not. words: the
 * user's own (email, names), NULL-terminated. */
const char *password_refusal(struct req *, const char *pw, const char *confirm,
		const char *const *words);

/* account.c: My account. twofactor.c: enrolment in two-step sign-in. */
int	account_view(struct req *);
int	account_details(struct req *);
int	account_password(struct req *);
extern const struct field account_details_fields[], account_password_fields[];
int	twofactor_view(struct req *);
int	twofactor_qr(struct req *);
int	twofactor_confirm(struct req *);
int	twofactor_disable(struct req *);
extern const struct field twofactor_fields[], twofactor_disable_fields[];

/* company.c: the company's own details. */
int	company_view(struct req *);
int	company_save(struct req *);
extern const struct field company_fields[];

#endif
