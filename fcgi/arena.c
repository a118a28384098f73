/* arena.c: a bump allocator over a list of chunks (see arena.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define CHUNK_SIZE	(64 * 1024)

struct arena_chunk {
	struct arena_chunk *next;
	size_t		 size;
	size_t		 off;
	max_align_t	 data[];
};

static struct arena_chunk *
chunk_new(size_t size)
{
	struct arena_chunk *c;

	c = malloc(sizeof(*c) + size);
	if (c == NULL) {
		fputs("arena: out of memory\n", stderr);
		abort();
	}
	c->next = NULL;
	c->size = size;
	c->off = 0;
	return c;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	n = (n + align - 1) & ~(align - 1);
	if (n == 0)
		n = align;
	if (c == NULL || c->size - c->off < n) {
		c = chunk_new(n > CHUNK_SIZE ? n : CHUNK_SIZE);
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->off;
	c->off += n;
	a->used += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a->head == NULL)
		return;
	/* Keep the oldest standard chunk; free the rest. */
	for (c = a->head; c->next != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = c;
	if (c->size > CHUNK_SIZE) {
		free(c);
		a->head = NULL;
	} else
		c->off = 0;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = 0;
}
