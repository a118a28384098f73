/*
 * twofactor.c: enrolment in two-step sign-in (TOTP, RFC 6238 with SHA-1, see
 * fcgi/totp.h). A secret waits in users.totp_pending, shown as base32, as an
 * otpauth:// URI and as a QR code (a PNG of its own route: no inline image or
 * script), until a code from the app confirms it. Then ten recovery codes are
 * shown once; only their SHA-256 is kept. A company that requires two-step
 * sign-in sends its users here until they have enrolled (router.c).
 */
#include <stdio.h>
#include <string.h>

#include <gd.h>
#include <qrencode.h>
#include <sodium.h>

#include "admin.h"
#include "password.h"
#include "totp.h"

#define RECOVERY_CODES	10
#define ISSUER		"ECS Employer Portal"

static const char *const sql_state =
    "SELECT u.totp_secret IS NOT NULL, u.totp_pending, u.email, UNIX_TIMESTAMP(),"
    " c.require_2fa, u.password_hash"
    " FROM users u JOIN companies c ON c.id = ? WHERE u.id = ?";
static const char *const sql_pending =
    "UPDATE users SET totp_pending = ? WHERE id = ? AND totp_pending IS NULL";
static const char *const sql_pending_replace =
    "UPDATE users SET totp_pending = ? WHERE id = ? AND totp_pending = ?";
static const char *const sql_enable =
    "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = ?"
    " WHERE id = ? AND totp_pending = ?";
static const char *const sql_clear_codes =
    "DELETE FROM recovery_codes WHERE user_id = ?";
static const char *const sql_add_code =
    "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)";
static const char *const sql_disable =
    "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL"
    " WHERE id = ?";

const struct field twofactor_fields[] = {
	{ "code", v_text, 0 },
	{ NULL, NULL, 0 }
};
const struct field twofactor_disable_fields[] = {
	{ "password", v_password, 0 },
	{ NULL, NULL, 0 }
};

enum { ST_ENABLED, ST_PENDING, ST_EMAIL, ST_NOW, ST_REQUIRED, ST_HASH };

static int
state(struct req *r, struct dbres **res)
{
	int rc = db_query(r->db, res, sql_state, "uu", r->sess->company_id, r->sess->user_id);

	if (rc != 0)
		return rc;
	return db_next(*res) ? 0 : HTTP_NOT_FOUND;
}

/* What the user's TOTP secret is sealed for (fcgi/totp.h). */
static const char *
stored_context(struct req *r)
{
	return req_printf(r, TOTP_STORED_CONTEXT, r->sess->user_id);
}

/* The pending secret as base32, opened; NULL if there is none or it does not
 * open (the data-key changed since): the enrolment page then makes another. */
static const char *
pending_secret(struct req *r, struct dbres *res)
{
	return req_open_stored(r, stored_context(r), db_str(res, ST_PENDING));
}

static const char *
otpauth_uri(struct req *r, const char *email, const char *secret)
{
	return req_printf(r, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6"
	    "&period=30", req_url_escape(r, ISSUER), req_url_escape(r, email), secret,
	    req_url_escape(r, ISSUER));
}

/* The enrolment page: the pending secret (made now if there is none). */
static int
enrol_page(struct req *r, const char *error)
{
	struct dbres *res;
	const char *secret, *old;
	int rc;

	if ((rc = state(r, &res)) != 0)
		return rc;
	if (db_int(res, ST_ENABLED))
		return req_redirect(r, "/account");
	old = db_str(res, ST_PENDING);
	if ((secret = pending_secret(r, res)) == NULL) {
		/* None yet, or one that no longer opens (the data-key changed): a new one. */
		unsigned char key[TOTP_SECRET_BYTES];
		char *b32 = req_alloc(r, TOTP_B32_MAX);
		const char *stored;

		if (old != NULL)
			log_error("2fa: user %llu's pending TOTP secret does not open with the "
			    "data-key; a new one is made", r->sess->user_id);
		randombytes_buf(key, sizeof(key));
		totp_base32(key, sizeof(key), b32, TOTP_B32_MAX);
		sodium_memzero(key, sizeof(key));
		if ((stored = req_seal_stored(r, stored_context(r), b32)) == NULL)
			return HTTP_SERVER_ERROR;
		rc = old == NULL ? db_exec(r->db, sql_pending, "su", stored, r->sess->user_id) :
		    db_exec(r->db, sql_pending_replace, "sus", stored, r->sess->user_id, old);
		if (rc != 0)
			return rc;
		if ((rc = state(r, &res)) != 0)	/* another tab may have made one first */
			return rc;
		if ((secret = pending_secret(r, res)) == NULL)
			return HTTP_SERVER_ERROR;
	}
	req_set(r, "Page.title", "Set up two-step sign-in");
	r->template = "admin/twofactor.cs";
	req_set(r, "Totp.secret", secret);
	req_set(r, "Totp.uri", otpauth_uri(r, db_str(res, ST_EMAIL), secret));
	if (r->sess->stage == STAGE_ENROL)
		req_set(r, "Totp.required", "1");
	if (error)
		req_set(r, "Form.error", error);
	return HTTP_OK;
}

int
twofactor_view(struct req *r)
{
	return enrol_page(r, NULL);
}

/* The QR code of the pending secret's URI, as a PNG with a 4-module quiet zone. */
int
twofactor_qr(struct req *r)
{
	struct dbres *res;
	const char *secret;
	QRcode *qr;
	gdImagePtr im;
	void *png;
	char *copy;
	int rc, x, y, size, scale = 6, margin = 4, black, len = 0;

	if ((rc = state(r, &res)) != 0)
		return rc;
	if (db_str(res, ST_PENDING) == NULL)
		return HTTP_NOT_FOUND;
	if ((secret = pending_secret(r, res)) == NULL)
		return HTTP_NOT_FOUND;	/* the enrolment page makes a new one */
	qr = QRcode_encodeString(otpauth_uri(r, db_str(res, ST_EMAIL), secret),
	    0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL)
		return HTTP_SERVER_ERROR;
	size = (qr->width + 2 * margin) * scale;
	im = gdImageCreate(size, size);
	if (im == NULL) {
		QRcode_free(qr);
		return HTTP_SERVER_ERROR;
	}
	(void)gdImageColorAllocate(im, 255, 255, 255);	/* the first colour is the background */
	black = gdImageColorAllocate(im, 0, 0, 0);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				gdImageFilledRectangle(im, (x + margin) * scale, (y + margin) * scale,
				    (x + margin + 1) * scale - 1, (y + margin + 1) * scale - 1, black);
	QRcode_free(qr);
	png = gdImagePngPtr(im, &len);
	gdImageDestroy(im);
	if (png == NULL || len <= 0)
		return HTTP_SERVER_ERROR;
	copy = req_alloc(r, (size_t)len);
	memcpy(copy, png, (size_t)len);
	gdFree(png);
	return req_body(r, "image/png", copy, (size_t)len);
}

/* Ten new recovery codes into Recovery.N (xxxxx-xxxxx), their hashes stored. */
static int
recovery_codes(struct req *r)
{
	size_t i;
	int rc;

	if ((rc = db_exec(r->db, sql_clear_codes, "u", r->sess->user_id)) != 0)
		return rc;
	for (i = 0; i < RECOVERY_CODES; i++) {
		unsigned char raw[7], hash[32];
		char b32[16], *p;

		randombytes_buf(raw, sizeof(raw));
		totp_base32(raw, sizeof(raw), b32, sizeof(b32));
		b32[10] = '\0';			/* 50 random bits */
		for (p = b32; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		crypto_hash_sha256(hash, (const unsigned char *)b32, 10);
		if ((rc = db_exec(r->db, sql_add_code, "ub", r->sess->user_id, hash,
		    sizeof(hash))) != 0)
			return rc;
		req_set(r, req_printf(r, "Recovery.%zu", i), req_printf(r, "%.5s-%s", b32, b32 + 5));
	}
	return 0;
}

int
twofactor_confirm(struct req *r)
{
	struct dbres *res;
	const char *pending, *secret;
	long long step;
	int rc;

	if ((rc = state(r, &res)) != 0)
		return rc;
	if (db_int(res, ST_ENABLED))
		return req_redirect(r, "/account");
	/* The stored text is what the UPDATE below matches; the code is checked against
	 * the secret it seals. */
	pending = db_str(res, ST_PENDING);
	secret = pending ? pending_secret(r, res) : NULL;
	step = secret ? totp_check(secret, r->fields[0].val, db_int(res, ST_NOW), -1) : -1;
	if (step < 0)
		return enrol_page(r, "That code is not correct. Please check the time on your "
		    "device and enter the code the app shows now.");
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_enable, "ius", step, r->sess->user_id, pending)) != 0)
		goto fail;
	if (db_affected(r->db) != 1) {
		db_rollback(r->db);
		return req_redirect(r, "/account");
	}
	if ((rc = recovery_codes(r)) != 0 ||
	    (rc = req_audit(r, "2fa_enabled", "user", req_printf(r, "%llu", r->sess->user_id),
	    "")) != 0 ||
	    (rc = db_commit(r->db)) != 0)
		goto fail;
	req_set(r, "Page.title", "Your recovery codes");
	r->template = "admin/recovery.cs";
	return HTTP_OK;
fail:
	db_rollback(r->db);
	return rc;
}

int
twofactor_disable(struct req *r)
{
	struct dbres *res;
	int rc;

	if ((rc = state(r, &res)) != 0)
		return rc;
	if (!db_int(res, ST_ENABLED))
		return req_redirect(r, "/account");
	if (db_int(res, ST_REQUIRED)) {
		req_flash(r, "Your company requires two-step sign-in: it cannot be turned off.");
		return req_redirect(r, "/account");
	}
	if (!password_verify(db_str(res, ST_HASH), r->fields[0].val)) {
		if (req_password_failed(r))
			return req_redirect(r, "/login");
		req_flash(r, "Your password is not correct: two-step sign-in is still on.");
		return req_redirect(r, "/account");
	}
	if ((rc = db_begin(r->db)) != 0)
		return rc;
	if ((rc = db_exec(r->db, sql_disable, "u", r->sess->user_id)) != 0 ||
	    (rc = db_exec(r->db, sql_clear_codes, "u", r->sess->user_id)) != 0 ||
	    (rc = req_audit(r, "2fa_disabled", "user", req_printf(r, "%llu", r->sess->user_id),
	    "")) != 0 ||
	    (rc = db_commit(r->db)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	req_flash(r, "Two-step sign-in is off.");
	return req_redirect(r, "/account");
}
