/*
 * applications.h: the parts of the applications module, one file per step
 * or list. Every statement takes the company and the user's level from the
 * session (APP_SCOPE), so another company's application answers 404.
 */
#ifndef APPLICATIONS_H
#define APPLICATIONS_H

#include <portal.h>

#define MODULE	"applications"

/* On an application `a` joined to its office `f`: bind company, group, group, office, office. */
#define APP_SCOPE \
	" a.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR a.office_id = ?)"

/* The application a page is about, loaded by app_load. */
struct app {
	unsigned long long id, operative, card_type, office, photo, occupation, grade;
	const char *reference, *state, *kind, *name;
	int step;
	int editable;		/* in progress: the steps may change it */
};

/* applications.c */
int	app_load(struct req *, unsigned long long id, struct app *, int *found);
/* Loads r->ids[0] for a step page: 404 when not the user's; fills App.* and Steps. */
int	app_page(struct req *, struct app *, int step);
/* app_page for a page that changes the application: one no longer in
 * progress answers 303 to its summary (step 4). */
int	app_edit_page(struct req *, struct app *, int step);
/* Records how far the application has got. */
int	app_reached(struct req *, const struct app *, int step);

/* start.c: Choose Application Types. */
int	applications_start(struct req *);
int	applications_create(struct req *);
extern const struct field start_fields[], create_fields[];
/* Whether an application kind applies to someone: a card of the type held
 * (and whether more than 3 months remain), and whether the type renews. */
int	kind_offered(const char *kind, int has_card, int plenty_left, int renewable);

/* step1.c: Applicant Details and the photo. */
int	applications_step1(struct req *);
int	applications_step1_save(struct req *);
int	applications_photo_upload(struct req *);
int	applications_photo_reuse(struct req *);
int	applications_photo(struct req *);
extern const struct field step1_fields[];

/* step2.c: Qualifications & Documents. */
int	applications_step2(struct req *);
int	applications_hse(struct req *);
int	applications_check(struct req *);
int	applications_document(struct req *);
int	applications_document_get(struct req *);
extern const struct field hse_fields[], check_fields[], document_fields[];
/* Hse.* for the application; *valid 1 (a pass), 2 (an exemption) or 0. */
int	app_hse_valid(struct req *, const struct app *, int *valid);
/* Evidence.N for the application. */
int	app_evidence_hdf(struct req *, const struct app *);

/* step3.c: Occupations & Grading. */
int	applications_step3(struct req *);
int	applications_step3_save(struct req *);
extern const struct field step3_fields[];
/* Fills Endorse.* and, when missing is not NULL, says which endorsement is lacking. */
int	applications_endorsements(struct req *, const struct app *, const char **missing);
/* Fills Requirements.N and returns through *unmet the first unmet one (or NULL). */
int	applications_requirements(struct req *, const struct app *, const char **unmet);

/* step4.c: Finalise & Review, unfinalising. */
int	applications_step4(struct req *);
int	applications_finalise(struct req *);
int	applications_unfinalise(struct req *);
extern const struct field finalise_fields[], unfinalise_fields[];

/* lists.c: the Applications tab, keyset pages of 50 (cursors ?ip= ?oh= ?fin= ?after=). */
int	applications_attention(struct req *);
int	applications_produced(struct req *);
int	applications_completed(struct req *);
extern const struct field list_fields[];

#endif
