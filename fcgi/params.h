/*
 * params.h: parsers of untrusted request input: query strings, url-encoded
 * and multipart bodies, cookies. Pure functions over an arena; each returns
 * 0 on success or -1 when the input is malformed (the caller answers 400).
 */
#ifndef PARAMS_H
#define PARAMS_H

#include <stddef.h>

#include "arena.h"

struct upload;

struct param {
	const char	*name;
	const char	*value;		/* NUL-terminated; never contains NUL */
	size_t		 len;
	struct param	*next;
};

struct params {
	struct param	*head, *tail;
	size_t		 count;
};

#define PARAMS_MAX	1000	/* more fields than any page has */

int	 params_urlencoded(struct arena *, struct params *, const char *, size_t);
/* Never fails: a malformed cookie is skipped, as browsers do. */
void	 params_cookies(struct arena *, struct params *, const char *);
int	 params_multipart(struct arena *, struct params *, struct upload **,
		const char *content_type, const unsigned char *body, size_t len);

/* The first value of `name`, or NULL. */
const struct param *params_get(const struct params *, const char *name);

/* Decodes %XX and '+' of s[0..n) into a new string; -1 on a bad escape or %00. */
int	 url_decode(struct arena *, const char *s, size_t n, char **out, size_t *outlen);

#endif
