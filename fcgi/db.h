/*
 * db.h: the host's side of the database layer (the query API modules use is
 * in portal.h). One connection per worker, opened lazily and reopened after
 * the server went away; prepared statements cached per connection.
 */
#ifndef DB_H
#define DB_H

#include "arena.h"
#include "conf.h"

struct db;
struct dbres;

/* Never fails: the connection is opened on first use. */
struct db	*db_new(const struct config *);
void		 db_destroy(struct db *);
/* Where results are allocated: the current request's arena. */
void		 db_set_arena(struct db *, struct arena *);
/* Ends a transaction a handler left open. */
void		 db_end_request(struct db *);
/* Statement executions since the worker started (for the benchmarks). */
unsigned long	 db_round_trips(const struct db *);
/* The number of columns of a result. */
unsigned	 db_ncols(const struct dbres *);
/* Of those, the statements prepared (once per statement and connection). */
unsigned long	 db_prepares(const struct db *);
/* What the statements since the last call wrote (DB_WROTE_*), and forget it. */
#define DB_WROTE		1
#define DB_WROTE_SESSIONS	2	/* changed users, memberships, sessions or companies */
#define DB_WROTE_CHANGE		4	/* changed or removed rows, not only added them */
int		 db_take_writes(struct db *);
/* Counts as a write of anything (portalctl flush-sessions). */
void		 db_note_write(struct db *);
/* The current row, copied out (malloc'd) and back into the request's arena,
 * positioned on it (the session cache). */
void		*db_row_pack(const struct dbres *, size_t *len);
struct dbres	*db_row_unpack(struct db *, const void *packed);
/* Runs SQL text that comes from our own files (migrations): never input. */
int		 db_exec_script(struct db *, const char *sql, char *err, size_t errlen);

#endif
