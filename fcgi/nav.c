/*
 * nav.c: the blue toolbar of the guide's appendix "Portal Sections
 * Explained": every tab and section, with the URL that serves it. A section
 * whose module is not loaded answers "not available yet" (router.c). Each
 * user sees the sections their permissions open (the route's permission, or
 * any of a section's own set) and the tabs that have any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

struct nav_section {
	const char	*label, *url, *help;
	uint64_t	 any;	/* for a route open to every signed-in user that checks
				 * these itself: shown to holders of any of them */
	int		 company_only;	/* shown to company-level users only */
};

struct nav_tab {
	const char	*key, *label;
	const struct nav_section *sections;
};

static const struct nav_section employees[] = {
	{ "With Cards Expiring Soon", "/employees/expiring",
	  "Information on ECS Card holders registered with your company with cards expiring or expired.", 0, 0 },
	{ "Current Employees", "/employees/current",
	  "Information on ECS Card holders registered with your company.", 0, 0 },
	{ "Add New Employee", "/employees/add",
	  "Quick link to add a new employee to your portal.", 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct nav_section applications[] = {
	{ "Applications Requiring Attention", "/applications/attention",
	  "Overview of all applications, started by your company, which are in process but not yet completed.", 0, 0 },
	{ "Applications Being Produced", "/applications/produced",
	  "The processing team has the application in hand and the status of the application can be seen.", 0, 0 },
	{ "Completed Applications", "/applications/completed",
	  "Applications which have been fully processed, where ECS card will be dispatched shortly. Completed applications remain visible for three months.", 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct nav_section contracts[] = {
	{ "Contracts Being Set Up", "/contracts/setup",
	  "These are contracts set up for ECS Check in your account.", 0, 0 },
	{ "Contracts in Progress", "/contracts/progress",
	  "Any contract application in progress will show under here.", 0, 0 },
	{ "Contracts Completed", "/contracts/completed",
	  "Any processed contracts will show here.", 0, 0 },
	{ "Create New Contract", "/contracts/new",
	  "This option allows you to create a new contract for ECS Check.", 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct nav_section administration[] = {
	{ "Administer Groups", "/admin/groups",
	  "Basic administration such as amending office contact details, amending office structure.", 0, 0 },
	{ "Administer Users", "/admin/users",
	  "Individual users at any company level can be added and managed here. JIB/ECS gives "
	  "access to 'super users' for each company. Companies should maintain their own users "
	  "at all subsequent levels including individual employees.", USER_ADMIN_PERMS, 0 },
	{ "Employer Details", "/admin/company",
	  "The company's address and contacts, and whether its users must use two-step sign-in.", 0, 0 },
	{ "Audit Log", "/admin/audit",
	  "Who did what and when: sign-ins, changes, lookups, exports.", 0, 1 },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct nav_section assessments[] = {
	{ "ECS Assessments", "/assessments",
	  "To log in to the ECS Assessments portal where you can book assessments.", 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct nav_section orders[] = {
	{ "Orders Requiring Attention", "/orders/attention",
	  "These are outstanding orders that need action to complete.", 0, 0 },
	{ "Orders Being Fulfilled", "/orders/fulfilled",
	  "These are orders that have been completed and paid for.", 0, 0 },
	{ "Financial History", "/orders/history",
	  "This is the financial history of all ECS card purchases made on the account.", 0, 0 },
	{ "Create a New Empty Order", "/orders/new",
	  "This option allows you to create an order before applying for an ECS card and the order can be used against a future card application.", 0, 0 },
	{ "Create New Advance Order", "/orders/advance",
	  "Advance order allows you to add credits to your account which can be used to pay for ECS cards in the future. The minimum order which can be purchased is 1 credit equivalent to \xc2\xa3" "250.", 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct nav_tab tabs[] = {
	{ "employees", "Employees", employees },
	{ "applications", "Applications", applications },
	{ "contracts", "Contracts", contracts },
	{ "admin", "Administration", administration },
	{ "assessments", "ECS Assessments", assessments },
	{ "orders", "Orders", orders },
	{ NULL, NULL, NULL }
};

#define MAX_SECTIONS	64	/* one bit each in a visibility mask */
#define MAX_VARIANTS	16	/* toolbars kept per worker: one per set of visible sections */

/* Each section's route permission, read from the router once modules are loaded
 * (ROUTE_SIGNED_IN for a section no loaded module serves: it says "not available"). */
static int	 section_perm[MAX_SECTIONS];
static int	 resolved;

static struct {
	uint64_t	 mask;
	HDF		*hdf;
} variants[MAX_VARIANTS];
static size_t nvariants;

static void
resolve(void)
{
	unsigned long long ids[4];
	const char *session_sql;
	const struct route *rt;
	size_t t, s, i = 0, nids;
	unsigned allow;

	for (t = 0; tabs[t].key; t++)
		for (s = 0; tabs[t].sections[s].label && i < MAX_SECTIONS; s++, i++) {
			rt = router_match(tabs[t].sections[s].url, M_GET, ids, &nids, &allow,
			    &session_sql);
			section_perm[i] = rt ? rt->perm : ROUTE_SIGNED_IN;
		}
	resolved = 1;
}

/* Bit i set: the user's permissions (and level) open section i (in the tables' order). */
static uint64_t
visible(uint64_t perms, int company_level)
{
	uint64_t mask = 0;
	size_t t, s, i = 0;

	if (!resolved)
		resolve();
	for (t = 0; tabs[t].key; t++)
		for (s = 0; tabs[t].sections[s].label && i < MAX_SECTIONS; s++, i++) {
			const struct nav_section *sec = &tabs[t].sections[s];
			int p = section_perm[i];

			if (sec->company_only && !company_level)
				continue;
			if (p >= 0 ? (perms & PERM_BIT(p)) != 0 :
			    sec->any == 0 || (perms & sec->any) != 0)
				mask |= (uint64_t)1 << i;
		}
	return mask;
}

/* The toolbar of the sections in mask, numbered without gaps; a tab with none is left out. */
static void
nav_masked(HDF *hdf, uint64_t mask)
{
	char name[64];
	size_t t, s, i = 0, nt = 0;

	for (t = 0; tabs[t].key; t++) {
		size_t ns = 0;

		for (s = 0; tabs[t].sections[s].label; s++, i++) {
			const struct nav_section *sec = &tabs[t].sections[s];

			if (i >= MAX_SECTIONS || !(mask & ((uint64_t)1 << i)))
				continue;
			snprintf(name, sizeof(name), "Nav.%zu.sections.%zu.label", nt, ns);
			hdf_set_value(hdf, name, sec->label);
			snprintf(name, sizeof(name), "Nav.%zu.sections.%zu.url", nt, ns);
			hdf_set_value(hdf, name, sec->url);
			snprintf(name, sizeof(name), "Nav.%zu.sections.%zu.help", nt, ns);
			hdf_set_value(hdf, name, sec->help);
			ns++;
		}
		if (ns == 0)
			continue;
		snprintf(name, sizeof(name), "Nav.%zu.key", nt);
		hdf_set_value(hdf, name, tabs[t].key);
		snprintf(name, sizeof(name), "Nav.%zu.label", nt);
		hdf_set_value(hdf, name, tabs[t].label);
		nt++;
	}
}

void
nav_to_hdf(HDF *hdf)
{
	nav_masked(hdf, ~(uint64_t)0);
}

/* The toolbar never changes within a worker for one set of permissions: built once
 * per set of visible sections rather than ~100 hdf_set_value calls per page. */
HDF *
nav_for(uint64_t perms, int company_level)
{
	uint64_t mask = visible(perms, company_level);
	size_t i;

	for (i = 0; i < nvariants; i++)
		if (variants[i].mask == mask)
			return variants[i].hdf;
	if (nvariants == MAX_VARIANTS)	/* more kinds of user than expected: replace the last */
		hdf_destroy(&variants[--nvariants].hdf);
	if (hdf_init(&variants[nvariants].hdf) != STATUS_OK)
		abort();
	nav_masked(variants[nvariants].hdf, mask);
	variants[nvariants].mask = mask;
	return variants[nvariants++].hdf;
}

void
nav_shared_free(void)
{
	while (nvariants > 0)
		hdf_destroy(&variants[--nvariants].hdf);
	resolved = 0;
}

/* Pages that modules link to before the module that serves them exists. */
static const struct {
	const char *url, *title, *tab;
} planned[] = {
	{ "/applications/start", "Choose Application Types", "applications" },
	{ NULL, NULL, NULL }
};

const char *
nav_planned_title(const char *path, const char **tab)
{
	size_t i;

	for (i = 0; planned[i].url; i++)
		if (strcmp(planned[i].url, path) == 0) {
			*tab = planned[i].tab;
			return planned[i].title;
		}
	return NULL;
}

const char *
nav_section_title(const char *path, const char **tab)
{
	size_t t, s;

	for (t = 0; tabs[t].key; t++)
		for (s = 0; tabs[t].sections[s].label; s++)
			if (strcmp(tabs[t].sections[s].url, path) == 0) {
				*tab = tabs[t].key;
				return tabs[t].sections[s].label;
			}
	return NULL;
}
