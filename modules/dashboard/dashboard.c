/*
 * dashboard.c: the page after sign-in: for the user's company, within their
 * group or office, the counts that lead into each section (kept ready in
 * dashboard_counts while nothing they count changes: sql/migrations/0006);
 * and the funds page.
 */
#include <portal.h>

/* The scope of a group- or office-level user: "? = 0" lets the others through. */
#define EMPLOYMENT_SCOPE \
	" AND (? = 0 OR o.group_id = ?) AND (? = 0 OR e.office_id = ?)"
#define APPLICATION_SCOPE \
	" AND (? = 0 OR o.group_id = ?) AND (? = 0 OR a.office_id = ?)"

enum stmt {
	STMT_COUNT,
	STMT_STORE,
	STMT_FUNDS,
	STMT_LEDGER,
	STMT__MAX
};

/* The counts, in the order the stored counts and STMT_COUNT give them. */
enum { C_EMPLOYEES, C_EXPIRING, C_APPS_ATTENTION, C_APPS_PRODUCED, C_APPS_COMPLETED,
	C_ORDERS_ATTENTION, C_FUNDS, C__COUNTS, C_GENERATION = C__COUNTS };
/* After the counts, the stored row's window (the configured one may have changed). */
#define STORED_EXPIRING_DAYS	C__COUNTS

/*
 * The counts stored for the user's scope, still true (same generation, same
 * day), read in the session's own statement (session_reads, at the end): the
 * page is then one round trip. The scope is the membership's, as session.c
 * gives it to scope_group and scope_office.
 */
#define STORED_COLUMNS \
	", d.employees, d.expiring, d.apps_attention, d.apps_produced, d.apps_completed," \
	" d.orders_attention, d.funds_pence, d.expiring_days"
#define STORED_JOINS \
	" LEFT JOIN (dashboard_counts d JOIN dashboard_generations dg" \
	"  ON dg.company_id = d.company_id AND dg.generation = d.generation)" \
	" ON d.company_id = s.company_id" \
	" AND d.group_id = IF(m.level = 'group', IFNULL(m.group_id, 0), 0)" \
	" AND d.office_id = IF(m.level = 'office', IFNULL(m.office_id, 0), 0)" \
	" AND d.computed_on = CURDATE()"

static const char *const stmts[STMT__MAX] = {
	/* Counting, with the generation read in the same statement (see 0006). */
	[STMT_COUNT] =
	"SELECT"
	" (SELECT COUNT(*) FROM employments e JOIN offices o ON o.id = e.office_id"
	"  WHERE e.company_id = ? AND e.ended_on IS NULL" EMPLOYMENT_SCOPE ") AS employees,"
	/* Employees whose newest card expires within the window, or has expired
	 * (employments.card_expires_on: see sql/migrations/0005). */
	" (SELECT COUNT(*) FROM employments e JOIN offices o ON o.id = e.office_id"
	"  WHERE e.company_id = ? AND e.ended_on IS NULL" EMPLOYMENT_SCOPE
	"  AND e.card_expires_on < CURDATE() + INTERVAL ? DAY) AS expiring,"
	" (SELECT COUNT(*) FROM applications a JOIN offices o ON o.id = a.office_id"
	"  WHERE a.company_id = ? AND a.state IN ('in_progress', 'finalised', 'on_hold')"
	APPLICATION_SCOPE ") AS apps_attention,"
	" (SELECT COUNT(*) FROM applications a JOIN offices o ON o.id = a.office_id"
	"  WHERE a.company_id = ? AND a.state IN ('received', 'verifying', 'verified', 'being_produced')"
	APPLICATION_SCOPE ") AS apps_produced,"
	" (SELECT COUNT(*) FROM applications a JOIN offices o ON o.id = a.office_id"
	"  WHERE a.company_id = ? AND a.state = 'dispatched'"
	"  AND a.completed_at >= NOW(6) - INTERVAL 3 MONTH" APPLICATION_SCOPE ") AS apps_completed,"
	/* Orders raised at the company level are the company-level users' own. */
	" (SELECT COUNT(*) FROM orders r LEFT JOIN offices o ON o.id = r.office_id"
	"  WHERE r.company_id = ?"
	"  AND r.state IN ('open', 'closed_unpaid', 'awaiting_payment', 'awaiting_bacs')"
	"  AND (? = 0 OR r.group_id = ? OR o.group_id = ?) AND (? = 0 OR r.office_id = ?))"
	"  AS orders_attention,"
	" IFNULL((SELECT balance_pence FROM company_funds WHERE company_id = ?), 0) AS funds,"
	" (SELECT generation FROM dashboard_generations WHERE company_id = ?) AS generation",
	[STMT_STORE] =
	"INSERT INTO dashboard_counts (company_id, group_id, office_id, expiring_days,"
	" generation, computed_on, employees, expiring, apps_attention, apps_produced,"
	" apps_completed, orders_attention, funds_pence)"
	" VALUES (?, ?, ?, ?, ?, CURDATE(), ?, ?, ?, ?, ?, ?, ?)"
	" ON DUPLICATE KEY UPDATE expiring_days = VALUES(expiring_days),"
	" generation = VALUES(generation), computed_on = VALUES(computed_on),"
	" employees = VALUES(employees), expiring = VALUES(expiring),"
	" apps_attention = VALUES(apps_attention), apps_produced = VALUES(apps_produced),"
	" apps_completed = VALUES(apps_completed), orders_attention = VALUES(orders_attention),"
	" funds_pence = VALUES(funds_pence)",
	[STMT_FUNDS] =
	"SELECT balance_pence FROM company_funds WHERE company_id = ?",
	[STMT_LEDGER] =
	"SELECT DATE_FORMAT(created_at, '%d/%m/%Y') AS day, " FUNDS_KIND_LABEL("kind") ","
	" amount_pence"
	" FROM funds_ledger WHERE company_id = ? ORDER BY created_at DESC, id DESC LIMIT 20",
};

/* Counts the scope's figures and stores them with the generation they saw. */
static int
count(struct req *r, long long days, struct dbres **res)
{
	const struct session *s = r->sess;
	unsigned long long c = s->company_id, g = s->scope_group, o = s->scope_office;
	int rc;

	rc = db_query(r->db, res, stmts[STMT_COUNT],
	    "uuuuu" "uuuuui" "uuuuu" "uuuuu" "uuuuu" "uuuuuu" "u" "u",
	    c, g, g, o, o,  c, g, g, o, o, days,  c, g, g, o, o,  c, g, g, o, o,
	    c, g, g, o, o,  c, g, g, g, o, o,  c,  c);
	if (rc != 0 || !db_next(*res))
		return rc ? rc : HTTP_SERVER_ERROR;
	if (db_str(*res, C_GENERATION) == NULL)
		return 0;	/* a company without a generation row: nothing to store */
	return db_exec(r->db, stmts[STMT_STORE], "uuui" "u" "iiiiiii", c, g, o, days,
	    (unsigned long long)db_int(*res, C_GENERATION),
	    db_int(*res, C_EMPLOYEES), db_int(*res, C_EXPIRING),
	    db_int(*res, C_APPS_ATTENTION), db_int(*res, C_APPS_PRODUCED),
	    db_int(*res, C_APPS_COMPLETED), db_int(*res, C_ORDERS_ATTENTION),
	    db_int(*res, C_FUNDS));
}

static int
dashboard(struct req *r)
{
	long long days = portal_param_long("employees", "expiring-days", 90);
	const char *v[C__COUNTS], *stored_days = req_session_read(r, STORED_EXPIRING_DAYS);
	struct dbres *res;
	unsigned i;
	int rc;

	if (stored_days != NULL && strtoll(stored_days, NULL, 10) == days) {
		for (i = 0; i < C__COUNTS; i++)
			v[i] = req_session_read(r, i);
	} else {
		if ((rc = count(r, days, &res)) != 0)
			return rc;
		for (i = 0; i < C__COUNTS; i++)
			v[i] = db_str(res, i);
	}
	req_set(r, "Page.title", "Dashboard");
	req_set(r, "Page.tab", "dashboard");
	/* Each count only for those who may open its section. */
	if (req_can(r, PERM_VIEW_EMPLOYEES)) {
		req_set(r, "Dashboard.employees", v[C_EMPLOYEES]);
		req_set(r, "Dashboard.expiring", v[C_EXPIRING]);
	}
	if (req_can(r, PERM_VIEW_APPLICATIONS)) {
		req_set(r, "Dashboard.apps_attention", v[C_APPS_ATTENTION]);
		req_set(r, "Dashboard.apps_produced", v[C_APPS_PRODUCED]);
		req_set(r, "Dashboard.apps_completed", v[C_APPS_COMPLETED]);
	}
	if (req_can(r, PERM_VIEW_PURCHASES)) {
		req_set(r, "Dashboard.orders_attention", v[C_ORDERS_ATTENTION]);
		req_set(r, "Dashboard.funds",
		    req_money(r, v[C_FUNDS] ? strtoll(v[C_FUNDS], NULL, 10) : 0));
	}
	/* Quick links only to what the user may do. */
	if (req_can(r, PERM_ADD_EMPLOYEES))
		req_set(r, "Can.add_employees", "1");
	if (req_can(r, PERM_CREATE_PURCHASES))
		req_set(r, "Can.create_purchases", "1");
	return HTTP_OK;
}

static int
funds(struct req *r)
{
	struct dbres *res;
	size_t i = 0;
	int rc;

	rc = db_query(r->db, &res, stmts[STMT_FUNDS], "u", r->sess->company_id);
	if (rc != 0)
		return rc;
	req_set(r, "Page.title", "Company funds");
	req_set(r, "Funds.balance", req_money(r, db_next(res) ? db_int(res, 0) : 0));
	rc = db_query(r->db, &res, stmts[STMT_LEDGER], "u", r->sess->company_id);
	if (rc != 0)
		return rc;
	while (db_next(res)) {
		req_setf(r, req_printf(r, "Funds.ledger.%zu.day", i), "%s", db_str(res, 0));
		req_setf(r, req_printf(r, "Funds.ledger.%zu.kind", i), "%s", db_str(res, 1));
		req_set(r, req_printf(r, "Funds.ledger.%zu.amount", i),
		    req_money(r, db_int(res, 2)));
		i++;
	}
	return HTTP_OK;
}

static const struct route dashboard_routes[] = {
	/* method path     permission           fields handler    template                  tab     flags */
	{ M_GET,  "",       ROUTE_SIGNED_IN,     NULL,  dashboard, "dashboard/dashboard.cs", NULL,    0 },
	{ M_GET,  "funds",  PERM_VIEW_PURCHASES, NULL,  funds,     "dashboard/funds.cs",     "orders", 0 },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

static const struct session_read session_reads[] = {
	{ &dashboard_routes[0], STORED_COLUMNS, STORED_JOINS },
	{ NULL, NULL, NULL }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = "dashboard",		/* as named in the configuration */
	.prefix = "dashboard",		/* /dashboard/... */
	.routes = dashboard_routes,
	.init = NULL,			/* nothing per worker */
	.fini = NULL,
	.session_reads = session_reads,
};
