/*
 * step2.c: Step 2 - Qualifications & Documents. The HS&E status (a pass
 * within two years, or an exemption the card type accepts) or the way the
 * operative will sit the assessment; qualifications checked against the
 * awarding bodies' registers (imported feeds); documents kept for review.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <image.h>
#include <ocr.h>

#include "applications.h"

/* The HS&E position: a pass within 2 years, or an exemption the card type allows. */
static const char *const sql_hse =
    "SELECT o.hse_number, DATE_FORMAT(o.hse_passed_on, '%d/%m/%Y'),"
    " o.hse_passed_on >= CURDATE() - INTERVAL 2 YEAR,"
    " IF(t.hse_exemptions_allowed, (SELECT CONCAT(k.name, ', valid until ',"
    "   DATE_FORMAT(x.expires_on, '%d/%m/%Y')) FROM exemptions x"
    "   JOIN exemption_kinds k ON k.code = x.kind"
    "   WHERE x.operative_id = o.id AND x.expires_on >= CURDATE()"
    "   ORDER BY x.expires_on DESC LIMIT 1), NULL),"
    " IFNULL(a.hse_route, '')"
    " FROM applications a JOIN operatives o ON o.id = a.operative_id"
    " JOIN card_types t ON t.id = a.card_type_id WHERE a.id = ?";
static const char *const sql_evidence =
    "SELECT IFNULL(b.name, 'Uploaded document') AS body,"
    " IFNULL(c.certificate_number, '') AS number,"
    " IFNULL(c.qualification_title, IF(d.kind = 'exemption', 'HS&E exemption certificate',"
    "   'Qualification certificate')) AS qualification,"
    " IF(v.status = 'verified', 'Verified', 'Kept for manual review') AS status,"
    " IFNULL(v.document_id, 0) AS document"
    " FROM application_evidence v LEFT JOIN certificates c ON c.id = v.certificate_id"
    " LEFT JOIN awarding_bodies b ON b.id = c.awarding_body_id"
    " LEFT JOIN documents d ON d.id = v.document_id"
    " WHERE v.application_id = ? ORDER BY v.id";
static const char *const sql_bodies =
    "SELECT code, name, kind FROM awarding_bodies ORDER BY sort";
static const char *const sql_route =
    "UPDATE applications SET hse_route = ? WHERE id = ? AND state = 'in_progress'";
/*
 * A certificate by body and number: whether it is this applicant's (first and
 * last name and date of birth), and whether another person's application
 * already uses it.
 */
static const char *const sql_certificate =
    "SELECT c.id, c.revoked,"
    " c.first_name = o.first_name AND c.last_name = o.last_name"
    "  AND c.date_of_birth = o.date_of_birth,"
    " c.awarded_on,"
    " EXISTS (SELECT 1 FROM application_evidence v JOIN applications x ON x.id = v.application_id"
    "  WHERE v.certificate_id = c.id AND x.operative_id <> o.id)"
    " FROM certificates c JOIN awarding_bodies b ON b.id = c.awarding_body_id"
    " JOIN applications a ON a.id = ? JOIN operatives o ON o.id = a.operative_id"
    " WHERE b.code = ? AND c.certificate_number = ?";
/* Failed checks in the last hour, by the user and by the company. */
static const char *const sql_failed_checks =
    "SELECT (SELECT COUNT(*) FROM audit_log WHERE user_id = ?"
    "         AND action = 'qualification_check_failed' AND at > NOW(6) - INTERVAL 1 HOUR),"
    "       (SELECT COUNT(*) FROM audit_log WHERE company_id = ?"
    "         AND action = 'qualification_check_failed' AND at > NOW(6) - INTERVAL 1 HOUR)";
static const char *const sql_add_certificate =
    "INSERT INTO application_evidence (application_id, certificate_id, status)"
    " VALUES (?, ?, 'verified')";
/* A certificate read from an uploaded file: verified, with the file kept beside it (a
 * certificate already on the application gains the file when it had none). */
static const char *const sql_add_read_certificate =
    "INSERT INTO application_evidence (application_id, certificate_id, document_id, status)"
    " VALUES (?, ?, ?, 'verified')"
    " ON DUPLICATE KEY UPDATE document_id = IFNULL(document_id, VALUES(document_id))";
static const char *const sql_drop_document =
    "DELETE FROM documents WHERE id = ?";
static const char *const sql_store_document =
    "INSERT INTO documents (company_id, operative_id, kind, media_type, size_bytes, sha256,"
    " bytes, review_state, uploaded_by)"
    " VALUES (?, ?, ?, ?, ?, SHA2(?, 256), ?, 'manual_review', ?)";
static const char *const sql_add_document =
    "INSERT INTO application_evidence (application_id, document_id, status)"
    " VALUES (?, ?, 'manual_review')";
/* A certificate by body and number, for an applicant: is it theirs? */
static const char *const sql_read_certificate =
    "SELECT c.id, c.revoked,"
    " c.first_name = o.first_name AND c.last_name = o.last_name"
    "  AND c.date_of_birth = o.date_of_birth,"
    " CONCAT(o.first_name, ' ', o.last_name) = ? OR CONCAT(o.last_name, ' ', o.first_name) = ?,"
    " (? = '' OR c.awarded_on = ?),"
    " EXISTS (SELECT 1 FROM application_evidence v JOIN applications x ON x.id = v.application_id"
    "  WHERE v.certificate_id = c.id AND x.operative_id <> o.id)"
    " FROM certificates c JOIN awarding_bodies b ON b.id = c.awarding_body_id"
    " JOIN applications a ON a.id = ? JOIN operatives o ON o.id = a.operative_id"
    " WHERE b.code = ? AND c.certificate_number = ?";
static const char *const sql_get_document =
    "SELECT d.media_type, d.bytes, d.kind FROM documents d"
    " WHERE d.id = ? AND d.company_id = ? AND EXISTS (SELECT 1 FROM applications a"
    "  JOIN offices f ON f.id = a.office_id"
    "  LEFT JOIN application_evidence v ON v.application_id = a.id"
    "  WHERE (a.photo_document_id = d.id OR v.document_id = d.id) AND" APP_SCOPE ")";

static const char *
v_route(const char *in, char *out, size_t cap, long long *num)
{
	(void)num;
	if (strcmp(in, "online") != 0 && strcmp(in, "test_centre") != 0)
		return "Please choose how the assessment will be sat.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

static const char *
v_code(const char *in, char *out, size_t cap, long long *num)
{
	size_t i;

	(void)num;
	if (in[0] == '\0' || strlen(in) > 32)
		return "Please choose from the list.";
	for (i = 0; in[i]; i++)
		if (!((in[i] >= 'a' && in[i] <= 'z') || in[i] == '_'))
			return "Please choose from the list.";
	snprintf(out, cap, "%s", in);
	return NULL;
}

static const char *
v_certificate(const char *in, char *out, size_t cap, long long *num)
{
	const char *err = v_text(in, out, cap, num);

	if (err == NULL && strlen(out) > 64)
		return "A certificate number has at most 64 characters.";
	return err;
}

const struct field hse_fields[] = {
	{ "hse_route", v_route, F_REQUIRED },
	{ NULL, NULL, 0 }
};

enum { K_BODY, K_NUMBER, K_AWARDED };
const struct field check_fields[] = {
	[K_BODY] = { "awarding_body", v_code, F_REQUIRED },
	[K_NUMBER] = { "certificate_number", v_certificate, F_REQUIRED },
	[K_AWARDED] = { "awarded_on", v_date, F_REQUIRED },
	{ NULL, NULL, 0 }
};

const struct field document_fields[] = {
	{ "purpose", v_code, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* Hse.status/valid/route for the application; *valid 1 for a pass, 2 for an
 * exemption, 0 for neither. */
static int
hse_hdf(struct req *r, const struct app *a, int *valid)
{
	struct dbres *res;
	int rc;

	*valid = 0;
	if ((rc = db_query(r->db, &res, sql_hse, "u", a->id)) != 0)
		return rc;
	if (!db_next(res))
		return HTTP_SERVER_ERROR;
	if (db_int(res, 2)) {
		req_set(r, "Hse.status", req_printf(r, "Passed on %s (%s)", db_str(res, 1),
		    db_str(res, 0) ? db_str(res, 0) : "no number"));
		*valid = 1;
	} else if (db_str(res, 3)) {
		req_set(r, "Hse.status", req_printf(r, "Exempt: %s", db_str(res, 3)));
		*valid = 2;
	} else
		req_set(r, "Hse.status", "No valid HS&E assessment or exemption");
	if (*valid)
		req_set(r, "Hse.valid", "1");
	req_set(r, "Hse.route", db_str(res, 4));
	return 0;
}

int
app_hse_valid(struct req *r, const struct app *a, int *valid)
{
	return hse_hdf(r, a, valid);
}

/* Evidence.N for the application (with links to uploaded documents). */
int
app_evidence_hdf(struct req *r, const struct app *a)
{
	struct dbres *res;
	size_t i = 0;
	int rc;

	if ((rc = db_query(r->db, &res, sql_evidence, "u", a->id)) != 0)
		return rc;
	while (db_next(res)) {
		const char *p = req_printf(r, "Evidence.%zu", i++);

		req_set(r, req_printf(r, "%s.body", p), db_str(res, 0));
		req_set(r, req_printf(r, "%s.number", p), db_str(res, 1));
		req_set(r, req_printf(r, "%s.qualification", p), db_str(res, 2));
		req_set(r, req_printf(r, "%s.status", p), db_str(res, 3));
		if (db_int(res, 4))
			req_set(r, req_printf(r, "%s.document_url", p),
			    req_printf(r, "/applications/documents/%s", db_str(res, 4)));
	}
	return 0;
}

static int
show(struct req *r, const struct app *a)
{
	int valid, rc;

	if ((rc = hse_hdf(r, a, &valid)) != 0 || (rc = app_evidence_hdf(r, a)) != 0 ||
	    (rc = db_rows_hdf(r->db, r->hdf, "Bodies", NULL, sql_bodies, "")) != 0)
		return rc;
	return HTTP_OK;
}

int
applications_step2(struct req *r)
{
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 2)) != 0)
		return rc;
	if ((rc = app_reached(r, &a, 2)) != 0)
		return rc;
	return show(r, &a);
}

int
applications_hse(struct req *r)
{
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 2)) != 0)
		return rc;
	if (r->invalid) {
		req_form_to_hdf(r);
		return show(r, &a);
	}
	if ((rc = db_exec(r->db, sql_route, "su", r->fields[0].val, a.id)) != 0)
		return rc;
	req_flash(r, strcmp(r->fields[0].val, "online") == 0 ?
	    "The assessment will be sat online with remote invigilation; the application "
	    "will wait on hold for the pass once finalised." :
	    "The assessment will be sat at a test centre; the application will wait on hold "
	    "for the pass once finalised.");
	return req_redirect(r, req_printf(r, "/applications/%llu/step2", a.id));
}

int
applications_check(struct req *r)
{
	const struct fieldval *f = r->fields;
	struct dbres *res;
	const char *why = NULL;
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 2)) != 0)
		return rc;
	if (!r->invalid) {
		long per_user = portal_param_long(MODULE, "failed-checks-per-user-hour", 20);
		long per_company = portal_param_long(MODULE, "failed-checks-per-company-hour", 100);

		if ((rc = db_query(r->db, &res, sql_failed_checks, "uu", r->sess->user_id,
		    r->sess->company_id)) != 0)
			return rc;
		if (db_next(res) && (db_int(res, 0) >= per_user || db_int(res, 1) >= per_company)) {
			req_form_to_hdf(r);
			req_setf(r, "Form.error", "Too many details that did not match have been "
			    "checked in the last hour (%ld for you, %ld for your company). Please "
			    "try again later, or upload the certificate for manual review.",
			    per_user, per_company);
			return show(r, &a);
		}
		rc = db_query(r->db, &res, sql_certificate, "uss", a.id, f[K_BODY].val,
		    f[K_NUMBER].val);
		if (rc != 0)
			return rc;
		/* The reason is logged; the person is told only that it did not match,
		 * so a check says nothing about other people's certificates. */
		if (!db_next(res))
			why = "no such certificate";
		else if (db_int(res, 1))
			why = "withdrawn";
		else if (!db_int(res, 2))
			why = "another person's certificate";
		else if (strcmp(f[K_AWARDED].val, db_str(res, 3)) != 0)
			why = "a different date of award";
		else if (db_int(res, 4))
			why = "already used by another person's application";
		if (why && (rc = req_audit(r, "qualification_check_failed", "application",
		    req_printf(r, "%llu", a.id), req_printf(r, "%s %s: %s", f[K_BODY].val,
		    f[K_NUMBER].val, why))) != 0)
			return rc;
	}
	if (r->invalid || why) {
		req_form_to_hdf(r);
		if (why)
			req_set(r, "Form.error", "These details do not match the awarding body's "
			    "record. Please check the awarding body, the certificate number and the "
			    "date of award, or upload the certificate for manual review.");
		return show(r, &a);
	}
	rc = db_exec(r->db, sql_add_certificate, "uu", a.id, (unsigned long long)db_int(res, 0));
	if (rc == HTTP_CONFLICT) {
		req_flash(r, "This qualification is already on the application.");
		return req_redirect(r, req_printf(r, "/applications/%llu/step2", a.id));
	}
	if (rc != 0 || (rc = req_audit(r, "qualification_verified", "application",
	    req_printf(r, "%llu", a.id), req_printf(r, "%s %s", f[K_BODY].val,
	    f[K_NUMBER].val))) != 0)
		return rc;
	req_flash(r, "The qualification has been automatically verified with the awarding body.");
	return req_redirect(r, req_printf(r, "/applications/%llu/step2", a.id));
}

/*
 * Reads an uploaded certificate (OCR, or a PDF's text layer) and looks what
 * it says up in the awarding body's register. *certificate is the verified
 * certificate's id, or 0 with *why: "unreadable", or what did not match
 * (kept for the log; the person is told only that it did not match).
 */
static int
read_certificate(struct req *r, const struct app *a, const void *data, size_t len,
    const char *type, unsigned long long *certificate, const char **why)
{
	struct certificate_text ct;
	struct dbres *res;
	char *text = NULL;
	int rc = 0;

	*certificate = 0;
	*why = "unreadable";
	if (ocr_text(data, len, type, &text) != NULL || text == NULL)
		return 0;
	(void)certificate_parse(text, &ct);
	free(text);
	if (ct.body[0] == '\0' || ct.number[0] == '\0')
		return 0;
	rc = db_query(r->db, &res, sql_read_certificate, "ssssuss", ct.name, ct.name,
	    ct.awarded, ct.awarded, a->id, ct.body, ct.number);
	if (rc != 0)
		return rc;
	if (!db_next(res))
		*why = "no such certificate";
	else if (db_int(res, 1))
		*why = "withdrawn";
	else if (!db_int(res, 2))
		*why = "another person's certificate";
	else if (ct.name[0] && !db_int(res, 3))
		*why = "the name printed is not the applicant's";
	else if (!db_int(res, 4))
		*why = "a different date of award";
	else if (db_int(res, 5))
		*why = "already used by another person's application";
	else {
		*why = "";
		*certificate = (unsigned long long)db_int(res, 0);
	}
	return 0;
}

int
applications_document(struct req *r)
{
	const char *purpose = r->fields[0].val, *type = NULL, *err, *why = NULL;
	unsigned long long certificate = 0;
	const struct upload *u;
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 2)) != 0)
		return rc;
	for (u = r->uploads; u && strcmp(u->field, "document") != 0; u = u->next)
		;
	if (r->invalid || (strcmp(purpose, "qualification") != 0 &&
	    strcmp(purpose, "exemption") != 0))
		err = "Please say what the document is.";
	else if (u == NULL || u->len == 0)
		err = "Please choose a document to upload.";
	else
		err = document_check(u->data, u->len, portal_upload_max(), &type);
	if (err) {
		req_set(r, "Form.document.error", err);
		return show(r, &a);
	}
	/* Read it: the awarding body, number, name and date it shows, checked
	 * against the body's register like CHECK DETAILS. */
	if (strcmp(purpose, "qualification") == 0 &&
	    (rc = read_certificate(r, &a, u->data, u->len, type, &certificate, &why)) != 0)
		return rc;
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_store_document, "uussubbu", r->sess->company_id,
	    a.operative, purpose, type, (unsigned long long)u->len,
	    (const void *)u->data, u->len, (const void *)u->data, u->len,
	    r->sess->user_id)) != 0)
		goto fail;
	if (certificate) {
		unsigned long long file = db_last_id(r->db);

		rc = db_exec(r->db, sql_add_read_certificate, "uuu", a.id, certificate, file);
		/* Already on the application with its file: this copy is kept nowhere. */
		if (rc == 0 && db_affected(r->db) == 0)
			rc = db_exec(r->db, sql_drop_document, "u", file);
	} else
		rc = db_exec(r->db, sql_add_document, "uu", a.id, db_last_id(r->db));
	if (rc != 0 || (rc = req_audit(r, certificate ? "qualification_verified" :
	    "document_uploaded", "application", req_printf(r, "%llu", a.id),
	    certificate ? "read from an uploaded certificate" : purpose)) != 0 ||
	    (why && why[0] && (rc = req_audit(r, "qualification_check_failed", "application",
	    req_printf(r, "%llu", a.id), req_printf(r, "uploaded certificate: %s", why))) != 0) ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	if (certificate)
		req_flash(r, "The certificate was read and automatically verified with the "
		    "awarding body.");
	else if (why && strcmp(why, "unreadable") == 0)
		req_flash(r, "The document could not be read automatically (the image may not be "
		    "clear enough); it has been kept for the scheme's manual review.");
	else if (why && why[0])
		req_flash(r, "The details on the document do not match the awarding body's record; "
		    "it has been kept for the scheme's manual review.");
	else
		req_flash(r, "The document has been kept for the scheme's manual review.");
	return req_redirect(r, req_printf(r, "/applications/%llu/step2", a.id));
fail:
	db_rollback(r->db);
	return rc;
}

int
applications_document_get(struct req *r)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	rc = db_query(r->db, &res, sql_get_document, "uuuuuuu", r->ids[0], s->company_id,
	    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office);
	if (rc != 0)
		return rc;
	if (!db_next(res))
		return HTTP_NOT_FOUND;
	req_header(r, "Content-Disposition", req_printf(r, "attachment; filename=\"%s-%llu.%s\"",
	    db_str(res, 2), r->ids[0], strcmp(db_str(res, 0), "application/pdf") == 0 ? "pdf" :
	    strcmp(db_str(res, 0), "image/png") == 0 ? "png" : "jpg"));
	return req_body(r, db_str(res, 0), db_str(res, 1), db_len(res, 1));
}
