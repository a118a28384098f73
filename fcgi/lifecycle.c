/*
 * lifecycle.c: the scheme's processing of paid applications, as portalctl
 * commands: Received -> Verifying -> On hold (reason) / Verified -> Being
 * produced -> Dispatched. Dispatching issues the card: a new card number,
 * the card type, occupation and grade awarded, an expiry from the card
 * type's validity.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "db.h"
#include "lifecycle.h"
#include "portal.h"

static const char *const sql_app =
    "SELECT a.id, a.state, a.hold_reason, a.operative_id, a.card_type_id,"
    " IFNULL(a.occupation_id, 0), IFNULL(a.grade_id, 0), t.validity_months"
    " FROM applications a JOIN card_types t ON t.id = a.card_type_id"
    " WHERE a.reference = ? FOR UPDATE";
static const char *const sql_move =
    "UPDATE applications SET state = ?, hold_reason = ? WHERE id = ?";
static const char *const sql_card =
    "INSERT INTO cards (card_number, operative_id, card_type_id, occupation_id, grade_id,"
    " issued_on, expires_on, status)"
    " VALUES (?, ?, ?, ?, NULLIF(?, 0), CURDATE(), CURDATE() + INTERVAL ? MONTH, 'valid')";
static const char *const sql_dispatch =
    "UPDATE applications SET state = 'dispatched', issued_card_id = ?, completed_at = NOW(6),"
    " hold_reason = '' WHERE id = ?";
static const char *const sql_audit =
    "INSERT INTO audit_log (company_id, action, object_kind, object_id, detail)"
    " SELECT company_id, ?, 'application', id, LEFT(?, 255) FROM applications WHERE id = ?";

/* Which states each may follow (the scheme's work, in order). */
static const struct {
	const char *to, *from[4];
} moves[] = {
	/* Paid through an order; finalised too, for payments taken outside the portal. */
	{ "received", { "ordered", "finalised", NULL } },
	{ "verifying", { "received", "on_hold", NULL } },
	{ "on_hold", { "received", "verifying", "verified", NULL } },
	{ "verified", { "verifying", "on_hold", NULL } },
	{ "being_produced", { "verified", NULL } },
	{ "dispatched", { "being_produced", NULL } },
	{ NULL, { NULL } }
};

static int
allowed(const char *from, const char *to, int *known)
{
	size_t i, j;

	*known = 0;
	for (i = 0; moves[i].to; i++) {
		if (strcmp(moves[i].to, to) != 0)
			continue;
		*known = 1;
		for (j = 0; moves[i].from[j]; j++)
			if (strcmp(moves[i].from[j], from) == 0)
				return 1;
	}
	return 0;
}

/* A card number: 7 random digits and their check digit (never 10). */
static void
card_number(char out[9])
{
	for (;;) {
		unsigned v = 1000000 + randombytes_uniform(9000000);
		int sum = 0, i, check;

		snprintf(out, 9, "%07u", v);
		for (i = 0; i < 7; i++)
			sum += (out[i] - '0') * (8 - i);
		check = (11 - sum % 11) % 11;
		if (check < 10) {
			out[7] = (char)('0' + check);
			out[8] = '\0';
			return;
		}
	}
}

static const char *
arg(int argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

int
lifecycle_command(struct db *db, int argc, char **argv)
{
	const char *ref, *to, *reason = arg(argc, argv, "--reason");
	struct dbres *res;
	unsigned long long id;
	char number[9];
	int known, rc, tries;

	if (argc < 3) {
		fprintf(stderr, "usage: portalctl application REFERENCE STATE [--reason TEXT]\n");
		return 2;
	}
	ref = argv[1];
	to = argv[2];
	(void)allowed("", to, &known);
	if (!known) {
		fprintf(stderr, "portalctl: unknown state %s\n", to);
		return 2;
	}
	if (strcmp(to, "on_hold") == 0 && (reason == NULL || reason[0] == '\0')) {
		fprintf(stderr, "portalctl: on_hold needs --reason, which the employer will see\n");
		return 2;
	}
	/* The employer reads the reason: one line of plain text. */
	if (reason && (strlen(reason) > 255 || !utf8_clean(reason, 0))) {
		fprintf(stderr, "portalctl: --reason must be one line of text, at most 255 bytes\n");
		return 2;
	}
	if (db_begin(db) != 0 || db_query(db, &res, sql_app, "s", ref) != 0)
		goto fail;
	if (!db_next(res)) {
		db_rollback(db);
		fprintf(stderr, "portalctl: no application %s\n", ref);
		return 1;
	}
	id = (unsigned long long)db_int(res, 0);
	if (!allowed(db_str(res, 1), to, &known)) {
		db_rollback(db);
		fprintf(stderr, "portalctl: application %s is %s: it cannot become %s\n",
		    ref, db_str(res, 1), to);
		return 1;
	}
	if (strcmp(to, "dispatched") == 0) {
		if (db_int(res, 5) == 0) {
			db_rollback(db);
			fprintf(stderr, "portalctl: application %s has no occupation\n", ref);
			return 1;
		}
		for (tries = 0; tries < 10; tries++) {
			card_number(number);
			rc = db_exec(db, sql_card, "suuuui", number,
			    (unsigned long long)db_int(res, 3), (unsigned long long)db_int(res, 4),
			    (unsigned long long)db_int(res, 5), (unsigned long long)db_int(res, 6),
			    db_int(res, 7));
			if (rc != HTTP_CONFLICT)
				break;
		}
		if (rc != 0 || db_exec(db, sql_dispatch, "uu", db_last_id(db), id) != 0 ||
		    db_exec(db, sql_audit, "ssu", "application_dispatched", number, id) != 0)
			goto fail;
		printf("application %s dispatched: card %s issued\n", ref, number);
	} else {
		/* Received with a hold reason from finalising goes straight on hold. */
		const char *state = to, *why = reason ? reason : "";

		if (strcmp(to, "received") == 0 && db_str(res, 2)[0] != '\0') {
			state = "on_hold";
			why = db_str(res, 2);
		}
		if (strcmp(state, "on_hold") != 0)
			why = "";
		if (db_exec(db, sql_move, "ssu", state, why, id) != 0 ||
		    db_exec(db, sql_audit, "ssu", "application_moved", state, id) != 0)
			goto fail;
		printf("application %s is now %s%s%s\n", ref, state, why[0] ? ": " : "", why);
	}
	if (db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	fprintf(stderr, "portalctl: the database refused the change\n");
	return 1;
}
