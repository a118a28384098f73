/*
 * perm.h: the guide's permissions. The bit numbers are stored in
 * memberships.permissions and listed in the permissions table: never renumber.
 */
#ifndef PERM_H
#define PERM_H

#include <stdint.h>

enum perm {
	PERM_VIEW_EMPLOYEES = 0,
	PERM_ADD_EMPLOYEES,
	PERM_REMOVE_EMPLOYEES,
	PERM_CHANGE_EMPLOYEE_DETAILS,
	PERM_VIEW_APPLICATIONS,
	PERM_FILL_IN_APPLICATIONS,
	PERM_ENDORSE_GRADING,
	PERM_ENDORSE_QS,
	PERM_VIEW_PURCHASES,
	PERM_CREATE_PURCHASES,
	PERM_ADD_TO_PURCHASES,
	PERM_COMPLETE_PURCHASES,
	PERM_USE_FUNDS,
	PERM_ADD_USERS,
	PERM_REMOVE_USERS,
	PERM_CHANGE_PERMISSIONS,
	PERM_RESET_PASSWORDS,
	PERM_CREATE_GROUPS,
	PERM_EDIT_EMPLOYER,
	PERM_CREATE_CONTRACTS,
	PERM_ADD_SUBCONTRACTORS,
	PERM_CONTRACT_WORKERS,
	PERM_VIEW_CONTRACTS,
	PERM__MAX
};

#define PERM_BIT(p)	((uint64_t)1 << (p))
#define PERM_ALL	(PERM_BIT(PERM__MAX) - 1)
/* The user-admin permissions: any of them opens Administer Users. */
#define USER_ADMIN_PERMS (PERM_BIT(PERM_ADD_USERS) | PERM_BIT(PERM_REMOVE_USERS) | \
	PERM_BIT(PERM_CHANGE_PERMISSIONS) | PERM_BIT(PERM_RESET_PASSWORDS))

/* The guide's wording, indexed by enum perm. */
extern const char *const perm_names[PERM__MAX];

#endif
