/*
 * company.c: Administration -> the company's own details (address, phone,
 * email) and whether every user must use two-step sign-in. Can Edit Employer
 * Details; changing them is for company-level users.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"

static const char *const sql_company =
    "SELECT name, company_number, address_line1, address_line2, town, postcode, phone, email,"
    " require_2fa FROM companies WHERE id = ?";
static const char *const sql_save =
    "UPDATE companies SET address_line1 = ?, address_line2 = ?, town = ?, postcode = ?,"
    " phone = ?, email = ?, require_2fa = ? WHERE id = ?";

enum { C_LINE1, C_LINE2, C_TOWN, C_POSTCODE, C_PHONE, C_EMAIL, C_2FA };
const struct field company_fields[] = {
	[C_LINE1] = { "address_line1", v_name, 0 },
	[C_LINE2] = { "address_line2", v_name, 0 },
	[C_TOWN] = { "town", v_name, 0 },
	[C_POSTCODE] = { "postcode", v_postcode, 0 },
	[C_PHONE] = { "phone", v_phone, 0 },
	[C_EMAIL] = { "email", v_email, 0 },
	[C_2FA] = { "require_2fa", v_yes, 0 },
	{ NULL, NULL, 0 }
};

static int
company_page(struct req *r, const char *error)
{
	int rc, found;

	req_set(r, "Page.title", "Company details");
	r->template = "admin/company.cs";
	if ((rc = db_row_hdf(r->db, r->hdf, "Company.details", &found, sql_company, "u",
	    r->sess->company_id)) != 0)
		return rc;
	if (r->sess->scope_group == 0 && r->sess->scope_office == 0)
		req_set(r, "Can.edit", "1");
	if (error) {
		req_form_to_hdf(r);
		req_set(r, "Form.error", error);
	}
	return found ? HTTP_OK : HTTP_NOT_FOUND;
}

int
company_view(struct req *r)
{
	return company_page(r, NULL);
}

int
company_save(struct req *r)
{
	const struct fieldval *f = r->fields;
	int rc;

	if (r->sess->scope_group != 0 || r->sess->scope_office != 0)
		return company_page(r, "Only company-level users can change the company's details.");
	if (r->invalid)
		return company_page(r, "Please correct the details below.");
	if ((rc = db_exec(r->db, sql_save, "ssssss" "iu", f[C_LINE1].val, f[C_LINE2].val,
	    f[C_TOWN].val, f[C_POSTCODE].val, f[C_PHONE].val, f[C_EMAIL].val,
	    (long long)(f[C_2FA].present && !f[C_2FA].err), r->sess->company_id)) != 0 ||
	    (rc = req_audit(r, "company_changed", "company",
	    req_printf(r, "%llu", r->sess->company_id), f[C_2FA].present ?
	    "two-step sign-in required" : "two-step sign-in optional")) != 0)
		return rc;
	req_flash(r, "The company's details have been saved.");
	return req_redirect(r, "/admin/company");
}
