/*
 * step1.c: Step 1 - Applicant Details. Key personal details are shown and
 * not editable; the business phone and email and the delivery office are;
 * the photo is checked by content, re-encoded and kept in the database.
 */
#include <stdio.h>
#include <string.h>

#include <image.h>

#include "applications.h"

static const char *const sql_applicant =
    "SELECT o.title, o.first_name, o.last_name, o.ni_number AS ni,"
    " DATE_FORMAT(o.date_of_birth, '%d/%m/%Y') AS dob,"
    " a.business_phone, a.business_email,"
    " IFNULL(a.delivery_office_id, a.office_id) AS delivery_office_id"
    " FROM applications a JOIN operatives o ON o.id = a.operative_id WHERE a.id = ?";
static const char *const sql_offices =
    "SELECT f.id, f.name,"
    " CONCAT_WS(', ', NULLIF(f.address_line1, ''), NULLIF(f.address_line2, ''),"
    "  NULLIF(f.town, ''), NULLIF(f.postcode, '')) AS address"
    " FROM offices f"
    " WHERE f.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)"
    " ORDER BY f.name";
static const char *const sql_office_ok =
    "SELECT 1 FROM offices f"
    " WHERE f.id = ? AND f.company_id = ? AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?)";
static const char *const sql_latest_photo =
    "SELECT MAX(id) FROM documents WHERE company_id = ? AND operative_id = ? AND kind = 'photo'";
/* Saves the details and the step reached, only if the delivery office is one of
 * the user's (bind phone, email, office, id, then sql_office_ok's six). One
 * round trip: updated_at always moves, so a row saved counts as changed even
 * with the same details again, and only a refusal (an office not theirs, or
 * the application no longer in progress) leaves sql_office_ok to tell why. */
static const char *const sql_save =
    "UPDATE applications SET business_phone = ?, business_email = ?, delivery_office_id = ?,"
    " step = GREATEST(step, 2), updated_at = NOW(6) WHERE id = ? AND state = 'in_progress'"
    " AND EXISTS (SELECT 1 FROM offices f WHERE f.id = ? AND f.company_id = ?"
    "  AND (? = 0 OR f.group_id = ?) AND (? = 0 OR f.id = ?))";
static const char *const sql_store_photo =
    "INSERT INTO documents (company_id, operative_id, kind, media_type, size_bytes, sha256,"
    " width, height, bytes, thumb, uploaded_by)"
    " VALUES (?, ?, 'photo', 'image/jpeg', ?, ?, ?, ?, ?, ?, ?)";
static const char *const sql_set_photo =
    "UPDATE applications SET photo_document_id = ? WHERE id = ? AND state = 'in_progress'";
static const char *const sql_thumb =
    "SELECT d.thumb FROM applications a JOIN offices f ON f.id = a.office_id"
    " JOIN documents d ON d.id = a.photo_document_id"
    " WHERE a.id = ? AND d.company_id = a.company_id AND" APP_SCOPE;

enum { S_PHONE, S_EMAIL, S_OFFICE };
const struct field step1_fields[] = {
	[S_PHONE] = { "business_phone", v_phone, F_REQUIRED },
	[S_EMAIL] = { "business_email", v_email, F_REQUIRED },
	[S_OFFICE] = { "delivery_office_id", v_id, F_REQUIRED },
	{ NULL, NULL, 0 }
};

/* Everything step 1 shows; with_values 0 keeps what the form sent. */
static int
show(struct req *r, const struct app *a, int with_values)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	rc = db_row_hdf(r->db, r->hdf, "Applicant", NULL, sql_applicant, "u", a->id);
	if (rc != 0)
		return rc;
	if (with_values) {
		req_set(r, "Form.business_phone.value",
		    hdf_get_value(r->hdf, "Applicant.business_phone", ""));
		req_set(r, "Form.business_email.value",
		    hdf_get_value(r->hdf, "Applicant.business_email", ""));
		req_set(r, "Form.delivery_office_id.value",
		    hdf_get_value(r->hdf, "Applicant.delivery_office_id", ""));
	}
	if ((rc = db_rows_hdf(r->db, r->hdf, "Offices", NULL, sql_offices, "uuuuu",
	    s->company_id, s->scope_group, s->scope_group, s->scope_office, s->scope_office)) != 0)
		return rc;
	if (a->photo)
		req_setf(r, "Photo.url", "/applications/%llu/photo", a->id);
	if ((rc = db_query(r->db, &res, sql_latest_photo, "uu", s->company_id, a->operative)) != 0)
		return rc;
	if (db_next(res) && db_str(res, 0) &&
	    (unsigned long long)db_int(res, 0) != a->photo)
		req_set(r, "Photo.reusable", "1");
	return HTTP_OK;
}

int
applications_step1(struct req *r)
{
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 1)) != 0)
		return rc;
	return show(r, &a, 1);
}

int
applications_step1_save(struct req *r)
{
	const struct session *s = r->sess;
	const struct fieldval *f = r->fields;
	struct dbres *res;
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 1)) != 0)
		return rc;
	if (!r->invalid) {
		if ((rc = db_exec(r->db, sql_save, "ssuu" "uuuuuu", f[S_PHONE].val,
		    f[S_EMAIL].val, (unsigned long long)f[S_OFFICE].num, a.id,
		    (unsigned long long)f[S_OFFICE].num, s->company_id, s->scope_group,
		    s->scope_group, s->scope_office, s->scope_office)) != 0)
			return rc;
		/* Not saved: an office not theirs (or no longer in progress). */
		if (db_affected(r->db) == 0) {
			rc = db_query(r->db, &res, sql_office_ok, "uuuuuu",
			    (unsigned long long)f[S_OFFICE].num, s->company_id, s->scope_group,
			    s->scope_group, s->scope_office, s->scope_office);
			if (rc != 0)
				return rc;
			if (!db_next(res)) {
				r->fields[S_OFFICE].err = "Please choose one of your offices.";
				r->invalid++;
			}
		}
	}
	if (r->invalid) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", "Please correct the details below.");
		return show(r, &a, 0);
	}
	return req_redirect(r, req_printf(r, "/applications/%llu/step2", a.id));
}

int
applications_photo_upload(struct req *r)
{
	const struct upload *u;
	struct photo p;
	const char *err;
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 1)) != 0)
		return rc;
	for (u = r->uploads; u && strcmp(u->field, "photo") != 0; u = u->next)
		;
	if (u == NULL || u->len == 0)
		err = "Please choose a photo to upload.";
	else
		err = photo_process(u->data, u->len, portal_upload_max(), &p);
	if (err) {
		req_set(r, "Form.photo.error", err);
		return show(r, &a, 1);
	}
	if ((rc = db_begin(r->db)) != 0)
		goto out;
	if ((rc = db_exec(r->db, sql_store_photo, "uuusiibbu", r->sess->company_id, a.operative,
	    (unsigned long long)p.jpeg_len, p.sha256, (long long)p.width, (long long)p.height,
	    (const void *)p.jpeg, p.jpeg_len, (const void *)p.thumb, p.thumb_len,
	    r->sess->user_id)) != 0 ||
	    (rc = db_exec(r->db, sql_set_photo, "uu", db_last_id(r->db), a.id)) != 0 ||
	    (rc = req_audit(r, "application_photo", "application",
	    req_printf(r, "%llu", a.id), p.sha256)) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		db_rollback(r->db);
out:
	photo_free(&p);
	if (rc != 0)
		return rc;
	req_flash(r, "The photo has been added.");
	return req_redirect(r, req_printf(r, "/applications/%llu/step1", a.id));
}

int
applications_photo_reuse(struct req *r)
{
	struct dbres *res;
	struct app a;
	int rc;

	if ((rc = app_edit_page(r, &a, 1)) != 0)
		return rc;
	if ((rc = db_query(r->db, &res, sql_latest_photo, "uu", r->sess->company_id,
	    a.operative)) != 0)
		return rc;
	if (!db_next(res) || db_str(res, 0) == NULL) {
		req_set(r, "Form.photo.error", "There is no earlier photo of this person to use.");
		return show(r, &a, 1);
	}
	if ((rc = db_exec(r->db, sql_set_photo, "uu", (unsigned long long)db_int(res, 0),
	    a.id)) != 0)
		return rc;
	req_flash(r, "The photo held for this person is used.");
	return req_redirect(r, req_printf(r, "/applications/%llu/step1", a.id));
}

int
applications_photo(struct req *r)
{
	const struct session *s = r->sess;
	struct dbres *res;
	int rc;

	rc = db_query(r->db, &res, sql_thumb, "uuuuuu", r->ids[0], s->company_id,
	    s->scope_group, s->scope_group, s->scope_office, s->scope_office);
	if (rc != 0)
		return rc;
	if (!db_next(res) || db_str(res, 0) == NULL)
		return HTTP_NOT_FOUND;
	req_header(r, "Content-Disposition", "attachment; filename=\"photo.jpg\"");
	return req_body(r, "image/jpeg", db_str(res, 0), db_len(res, 0));
}
