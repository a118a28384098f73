/*
 * nav.c: the blue toolbar of the guide's appendix "Portal Sections
 * Explained": every tab and section, with the URL that serves it. A section
 * whose module is not loaded answers "not available yet" (router.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

struct nav_section {
	const char	*label, *url, *help;
};

struct nav_tab {
	const char	*key, *label;
	const struct nav_section *sections;
};

static const struct nav_section employees[] = {
	{ "With Cards Expiring Soon", "/employees/expiring",
	  "Information on ECS Card holders registered with your company with cards expiring or expired." },
	{ "Current Employees", "/employees/current",
	  "Information on ECS Card holders registered with your company." },
	{ "Add New Employee", "/employees/add",
	  "Quick link to add a new employee to your portal." },
	{ NULL, NULL, NULL }
};

static const struct nav_section applications[] = {
	{ "Applications Requiring Attention", "/applications/attention",
	  "Overview of all applications, started by your company, which are in process but not yet completed." },
	{ "Applications Being Produced", "/applications/produced",
	  "The processing team has the application in hand and the status of the application can be seen." },
	{ "Completed Applications", "/applications/completed",
	  "Applications which have been fully processed, where ECS card will be dispatched shortly. Completed applications remain visible for three months." },
	{ NULL, NULL, NULL }
};

static const struct nav_section contracts[] = {
	{ "Contracts Being Set Up", "/contracts/setup",
	  "These are contracts set up for ECS Check in your account." },
	{ "Contracts in Progress", "/contracts/progress",
	  "Any contract application in progress will show under here." },
	{ "Contracts Completed", "/contracts/completed",
	  "Any processed contracts will show here." },
	{ "Create New Contract", "/contracts/new",
	  "This option allows you to create a new contract for ECS Check." },
	{ NULL, NULL, NULL }
};

static const struct nav_section administration[] = {
	{ "Administer Groups", "/admin/groups",
	  "Basic administration such as amending office contact details, amending office structure." },
	{ "Administer Users", "/admin/users",
	  "Individual users at any company level can be added and managed here." },
	{ "Audit Log", "/admin/audit",
	  "Who did what and when: sign-ins, changes, lookups, exports." },
	{ NULL, NULL, NULL }
};

static const struct nav_section assessments[] = {
	{ "ECS Assessments", "/assessments",
	  "To log in to the ECS Assessments portal where you can book assessments." },
	{ NULL, NULL, NULL }
};

static const struct nav_section orders[] = {
	{ "Orders Requiring Attention", "/orders/attention",
	  "These are outstanding orders that need action to complete." },
	{ "Orders Being Fulfilled", "/orders/fulfilled",
	  "These are orders that have been completed and paid for." },
	{ "Financial History", "/orders/history",
	  "This is the financial history of all ECS card purchases made on the account." },
	{ "Create a New Empty Order", "/orders/new",
	  "This option allows you to create an order before applying for an ECS card and the order can be used against a future card application." },
	{ "Create New Advance Order", "/orders/advance",
	  "Advance order allows you to add credits to your account which can be used to pay for ECS cards in the future. The minimum order which can be purchased is 1 credit equivalent to \xc2\xa3" "250." },
	{ NULL, NULL, NULL }
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

void
nav_to_hdf(HDF *hdf)
{
	char name[64];
	size_t t, s;

	for (t = 0; tabs[t].key; t++) {
		snprintf(name, sizeof(name), "Nav.%zu.key", t);
		hdf_set_value(hdf, name, tabs[t].key);
		snprintf(name, sizeof(name), "Nav.%zu.label", t);
		hdf_set_value(hdf, name, tabs[t].label);
		for (s = 0; tabs[t].sections[s].label; s++) {
			const struct nav_section *sec = &tabs[t].sections[s];

			snprintf(name, sizeof(name), "Nav.%zu.sections.%zu.label", t, s);
			hdf_set_value(hdf, name, sec->label);
			snprintf(name, sizeof(name), "Nav.%zu.sections.%zu.url", t, s);
			hdf_set_value(hdf, name, sec->url);
			snprintf(name, sizeof(name), "Nav.%zu.sections.%zu.help", t, s);
			hdf_set_value(hdf, name, sec->help);
		}
	}
}

static HDF *shared;

/* The toolbar never changes within a worker: built once rather than ~100
 * hdf_set_value calls per page. */
HDF *
nav_shared(void)
{
	if (shared == NULL) {
		if (hdf_init(&shared) != STATUS_OK)
			abort();
		nav_to_hdf(shared);
	}
	return shared;
}

void
nav_shared_free(void)
{
	hdf_destroy(&shared);
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
