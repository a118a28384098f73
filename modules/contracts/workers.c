/*
 * workers.c: each company on a contract adds and removes its own employees
 * as contract workers: only its current employees (within the user's level),
 * found by NI number or ECS card number, never another company's. The unique
 * key on (contract, operative, live) refuses a second live row even when two
 * requests race.
 */
#include <stdio.h>
#include <string.h>

#include "contracts.h"

/* Bind company, ni, card, group, group, office, office. */
static const char *const sql_employee =
    "SELECT e.operative_id, e.office_id, e.sort_name FROM employments e"
    " WHERE e.company_id = ? AND e.ended_on IS NULL"
    " AND (e.operative_id = (SELECT id FROM operatives WHERE ni_number = ?)"
    "  OR e.operative_id = (SELECT operative_id FROM cards WHERE card_number = ?))"
    " AND (? = 0 OR e.office_id IN (SELECT id FROM offices WHERE group_id = ?))"
    " AND (? = 0 OR e.office_id = ?)";
static const char *const sql_add =
    "INSERT INTO contract_workers (contract_id, company_id, office_id, operative_id, added_by)"
    " VALUES (?, ?, ?, ?, ?)";
#define WORKER_OF_USER \
    " WHERE w.id = ? AND w.contract_id = ? AND w.company_id = ?" \
    " AND (? = 0 OR w.office_id IN (SELECT id FROM offices WHERE group_id = ?))" \
    " AND (? = 0 OR w.office_id = ?)"
static const char *const sql_remove =
    "UPDATE contract_workers w SET w.removed_at = NOW(6), w.removed_by = ?" WORKER_OF_USER
    " AND w.removed_at IS NULL";
/* Removed already (a second click of REMOVE): said so, not a missing page. */
static const char *const sql_removed =
    "SELECT 1 FROM contract_workers w" WORKER_OF_USER " AND w.removed_at IS NOT NULL";

/* An NI number or an ECS card number; which one is decided in the handler. */
static const char *
v_employee(const char *in, char *out, size_t cap, long long *num)
{
	const char *card;
	size_t digits = 0, i;

	if (v_ni_number(in, out, cap, num) == NULL ||
	    (card = v_card_number(in, out, cap, num)) == NULL)
		return NULL;
	/* Eight digits (spaces and dashes aside) that are not a card number: say that. */
	for (i = 0; in[i]; i++) {
		if (in[i] >= '0' && in[i] <= '9')
			digits++;
		else if (in[i] != ' ' && in[i] != '-')
			break;
	}
	if (in[i] == '\0' && digits == 8)
		return card;
	return "Please enter your employee's NI number or 8-digit ECS card number.";
}

enum { W_EMPLOYEE };
const struct field worker_fields[] = {
	[W_EMPLOYEE] = { "employee", v_employee, F_REQUIRED },
	{ NULL, NULL, 0 }
};

int
contracts_worker_add(struct req *r)
{
	const struct session *s = r->sess;
	const struct fieldval *f = &r->fields[W_EMPLOYEE];
	const char *ni = "", *card = "", *name = "";
	unsigned long long operative = 0, office = 0;
	struct contract c;
	struct dbres *res;
	int rc;

	if ((rc = contract_begin(r, "accepted", &c)) != 0)
		return rc;
	if (f->err)
		return contract_refuse(r, &c, "employee", f->err);
	/* v_employee normalised it: 9 characters an NI number, 8 digits a card number. */
	if (strlen(f->val) == 9)
		ni = f->val;
	else
		card = f->val;
	if ((rc = db_query(r->db, &res, sql_employee, "uss" "uuuu", s->company_id, ni, card,
	    s->scope_group, s->scope_group, s->scope_office, s->scope_office)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (db_next(res)) {
		operative = (unsigned long long)db_int(res, 0);
		office = (unsigned long long)db_int(res, 1);
		name = req_strdup(r, db_str(res, 2));
	}
	db_free(res);
	if (operative == 0)
		return contract_refuse(r, &c, "employee",
		    "None of your current employees has that NI number or ECS card number.");
	rc = db_exec(r->db, sql_add, "uuuuu", c.id, s->company_id, office, operative, s->user_id);
	if (rc == HTTP_CONFLICT)
		return contract_refuse(r, &c, "employee",
		    "That employee is already working on this contract.");
	if (rc == 0)
		rc = req_audit(r, "contract_worker_added", "contract", req_printf(r, "%llu", c.id),
		    req_printf(r, "operative %llu", operative));
	if (rc == 0)
		rc = db_commit(r->db);
	if (rc != 0) {
		db_rollback(r->db);
		return rc;
	}
	return contract_redirect(r, &c, req_printf(r, "%s is working on this contract.", name));
}

int
contracts_worker_remove(struct req *r)
{
	const struct session *s = r->sess;
	struct contract c;
	int rc;

	if ((rc = contract_begin(r, "accepted", &c)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_remove, "uuuu" "uuuu", s->user_id, r->ids[1], c.id,
	    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if (db_affected(r->db) == 0) {
		struct dbres *res;

		db_rollback(r->db);
		if ((rc = db_query(r->db, &res, sql_removed, "uuu" "uuuu", r->ids[1], c.id,
		    s->company_id, s->scope_group, s->scope_group, s->scope_office,
		    s->scope_office)) != 0)
			return rc;
		if (!db_next(res))
			return HTTP_NOT_FOUND;
		return contract_redirect(r, &c, "That worker had already been removed from this "
		    "contract.");
	}
	if ((rc = req_audit(r, "contract_worker_removed", "contract", req_printf(r, "%llu", c.id),
	    req_printf(r, "worker %llu", r->ids[1]))) == 0)
		rc = db_commit(r->db);
	if (rc != 0) {
		db_rollback(r->db);
		return rc;
	}
	return contract_redirect(r, &c, "The worker has been removed from this contract.");
}
