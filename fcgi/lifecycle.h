/* lifecycle.h: the scheme's side of an application, for portalctl. */
#ifndef LIFECYCLE_H
#define LIFECYCLE_H

struct db;

/*
 * portalctl application REFERENCE STATE [--reason TEXT]: moves a paid
 * application on: received, verifying, on_hold (with --reason), verified,
 * being_produced, dispatched (issuing the card). Returns the exit code.
 */
int	lifecycle_command(struct db *, int argc, char **argv);

#endif
