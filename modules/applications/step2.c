/*
 * step2.c: Step 2 - Qualifications & Documents. The HS&E status (a pass
 * within two years, or an exemption the card type accepts) or the way the
 * operative will sit the assessment; qualifications checked against the
 * awarding bodies' registers (imported feeds); documents kept for review.
 */
#include <stdio.h>
#include <string.h>

#include <image.h>

#include "applications.h"

#define DOCUMENT_MAX	(5 * 1024 * 1024)

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
/* A certificate by body and number, and whether it is this applicant's. */
static const char *const sql_certificate =
    "SELECT c.id, c.revoked, c.last_name = o.last_name AND c.date_of_birth = o.date_of_birth,"
    " c.awarded_on, b.name"
    " FROM certificates c JOIN awarding_bodies b ON b.id = c.awarding_body_id"
    " JOIN applications a ON a.id = ? JOIN operatives o ON o.id = a.operative_id"
    " WHERE b.code = ? AND c.certificate_number = ?";
static const char *const sql_add_certificate =
    "INSERT INTO application_evidence (application_id, certificate_id, status)"
    " VALUES (?, ?, 'verified')";
static const char *const sql_store_document =
    "INSERT INTO documents (company_id, operative_id, kind, media_type, size_bytes, sha256,"
    " bytes, review_state, uploaded_by)"
    " VALUES (?, ?, ?, ?, ?, SHA2(?, 256), ?, 'manual_review', ?)";
static const char *const sql_add_document =
    "INSERT INTO application_evidence (application_id, document_id, status)"
    " VALUES (?, ?, 'manual_review')";
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
	[K_AWARDED] = { "awarded_on", v_date, 0 },
	{ NULL, NULL, 0 }
};

const struct field document_fields[] = {
	{ "purpose", v_code, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* Hse.status/valid/route for the application; *valid as well. */
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
		*valid = 1;
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

	if ((rc = app_page(r, &a, 2)) != 0)
		return rc;
	if (!a.editable)
		return req_redirect(r, req_printf(r, "/applications/%llu/step4", a.id));
	if ((rc = app_reached(r, &a, 2)) != 0)
		return rc;
	return show(r, &a);
}

int
applications_hse(struct req *r)
{
	struct app a;
	int rc;

	if ((rc = app_page(r, &a, 2)) != 0)
		return rc;
	if (!a.editable)
		return req_redirect(r, req_printf(r, "/applications/%llu/step4", a.id));
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

	if ((rc = app_page(r, &a, 2)) != 0)
		return rc;
	if (!a.editable)
		return req_redirect(r, req_printf(r, "/applications/%llu/step4", a.id));
	if (!r->invalid) {
		rc = db_query(r->db, &res, sql_certificate, "uss", a.id, f[K_BODY].val,
		    f[K_NUMBER].val);
		if (rc != 0)
			return rc;
		if (!db_next(res))
			why = "The awarding body holds no certificate with this number.";
		else if (db_int(res, 1))
			why = "The awarding body has withdrawn this certificate.";
		else if (!db_int(res, 2))
			why = "The certificate is held for someone else: the name or date of birth "
			    "do not match the applicant's record.";
		else if (f[K_AWARDED].present && strcmp(f[K_AWARDED].val, db_str(res, 3)) != 0)
			why = "The date of award does not match the awarding body's record.";
	}
	if (r->invalid || why) {
		req_form_to_hdf(r);
		if (why)
			req_set(r, "Form.error", why);
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

int
applications_document(struct req *r)
{
	const char *purpose = r->fields[0].val, *type = NULL, *err;
	const struct upload *u;
	struct app a;
	int rc;

	if ((rc = app_page(r, &a, 2)) != 0)
		return rc;
	if (!a.editable)
		return req_redirect(r, req_printf(r, "/applications/%llu/step4", a.id));
	for (u = r->uploads; u && strcmp(u->field, "document") != 0; u = u->next)
		;
	if (r->invalid || (strcmp(purpose, "qualification") != 0 &&
	    strcmp(purpose, "exemption") != 0))
		err = "Please say what the document is.";
	else if (u == NULL || u->len == 0)
		err = "Please choose a document to upload.";
	else
		err = document_check(u->data, u->len, DOCUMENT_MAX, &type);
	if (err) {
		req_set(r, "Form.document.error", err);
		return show(r, &a);
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_store_document, "uussubbu", r->sess->company_id,
	    a.operative, purpose, type, (unsigned long long)u->len,
	    (const void *)u->data, u->len, (const void *)u->data, u->len,
	    r->sess->user_id)) != 0 ||
	    (rc = db_exec(r->db, sql_add_document, "uu", a.id, db_last_id(r->db))) != 0 ||
	    (rc = req_audit(r, "document_uploaded", "application", req_printf(r, "%llu", a.id),
	    purpose)) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	/* Reading certificates automatically (OCR) is not built yet: say so plainly. */
	req_flash(r, "The document could not be checked automatically; it has been kept for "
	    "the scheme's manual review.");
	return req_redirect(r, req_printf(r, "/applications/%llu/step2", a.id));
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
