/* perm.c: the guide's names of the permissions. */
#include "perm.h"

const char *const perm_names[PERM__MAX] = {
	"Can View Employees",
	"Can Add Employees",
	"Can Remove Employees",
	"Can Change Employee Details",
	"Can View Card Applications",
	"Can Fill In Applications",
	"Can Endorse Change in Grading",
	"Can Endorse Qualified Supervisor Status",
	"Can View Purchases",
	"Can Create New Purchases",
	"Can Add to Existing Purchases",
	"Can Complete Card Purchases",
	"Can Use Funds",
	"Can Add Users",
	"Can Remove Users",
	"Can Change User Permissions",
	"Can Reset User Passwords",
	"Can Create Company Groups",
	"Can Edit Employer Details",
	"Can Create Contracts as Client",
	"Can Add Subcontractors",
	"Can Add/Remove Contract Workers",
	"Can View Contract Details",
};
