/*
 * feed.h: an awarding body's certificate register feed (fcgi/feed.rng), read
 * with libxml2 and validated against the schema. Pure of the database:
 * portalctl's import-feed puts the rows in MariaDB.
 *
 * A file that is not well-formed, has a DOCTYPE (so no entity of any kind
 * is ever declared, let alone expanded or fetched), or does not match the
 * schema is refused whole, with "FILE:LINE: problem". Inside a good file a
 * row that breaks a row rule (see feed.rng) is kept with its reason and
 * counted in nrejected; the others are valid.
 */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>

/* The largest feed accepted, in bytes. */
#define FEED_MAX_BYTES	(64L * 1024 * 1024)

struct feed_row {
	long	 line;			/* of its <certificate> */
	char	*number;		/* certificate number */
	char	*qualification;		/* the body's qualification code */
	char	*title;			/* trimmed */
	char	*first, *last;		/* trimmed */
	char	 born[11], awarded[11];	/* yyyy-mm-dd */
	int	 revoked;
	char	*reject;		/* NULL, or why the row is rejected */
};

struct feed {
	char		*body;		/* awarding_bodies.code */
	long		 body_line;	/* the line of <certificates> */
	char		 generated[11];	/* yyyy-mm-dd */
	struct feed_row	*rows;		/* in file order */
	size_t		 nrows;
	size_t		 nrejected;	/* rows with reject set */
};

/*
 * Parses and validates a feed held in memory; name is the file name used in
 * messages, schema the path of feed.rng, today "yyyy-mm-dd" (NULL: the local
 * date). Returns 0 and fills *f (free with feed_free), or -1 with the reason
 * in err and *f empty.
 */
int	feed_parse_memory(const char *buf, size_t len, const char *name,
	    const char *schema, const char *today, struct feed *f,
	    char *err, size_t errlen);
/* The same for a file (at most FEED_MAX_BYTES). */
int	feed_parse_file(const char *path, const char *schema, const char *today,
	    struct feed *f, char *err, size_t errlen);
void	feed_free(struct feed *);

/* Whether s is a yyyy-mm-dd date that exists (pure; exported for tests). */
int	feed_date_ok(const char *s);
/* The local date as yyyy-mm-dd. */
void	feed_local_today(char out[11]);

#endif
