/*
 * arena.h: request-lifetime memory. Everything allocated from an arena is
 * freed at once by arena_reset or arena_free, so a request cannot leak.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t		 used;		/* bytes handed out, for the statistics */
};

/* Never returns NULL: running out of memory aborts the worker. */
void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
/* Frees all but the first chunk, ready for the next request. */
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
