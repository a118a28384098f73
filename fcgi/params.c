/* params.c: parsers of query strings, forms, multipart bodies and cookies. */
#define _GNU_SOURCE		/* memmem */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "params.h"
#include "portal.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
url_decode(struct arena *a, const char *s, size_t n, char **out, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= n)
				return -1;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return -1;
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '\0')
			return -1;
		else
			d[j++] = s[i];
	}
	d[j] = '\0';
	*out = d;
	*outlen = j;
	return 0;
}

static int
params_add(struct arena *a, struct params *ps, const char *name,
    const char *value, size_t len)
{
	struct param *p;

	if (ps->count >= PARAMS_MAX)
		return -1;
	p = arena_alloc(a, sizeof(*p));
	p->name = name;
	p->value = value;
	p->len = len;
	p->next = NULL;
	if (ps->tail)
		ps->tail->next = p;
	else
		ps->head = p;
	ps->tail = p;
	ps->count++;
	return 0;
}

int
params_urlencoded(struct arena *a, struct params *ps, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t end = i, eq;
		char *name, *value;
		size_t nlen, vlen;

		while (end < n && s[end] != '&')
			end++;
		if (end > i) {
			eq = i;
			while (eq < end && s[eq] != '=')
				eq++;
			if (url_decode(a, s + i, eq - i, &name, &nlen) < 0)
				return -1;
			if (eq < end) {
				if (url_decode(a, s + eq + 1, end - eq - 1, &value, &vlen) < 0)
					return -1;
			} else {
				value = arena_strdup(a, "");
				vlen = 0;
			}
			if (nlen > 0 && params_add(a, ps, name, value, vlen) < 0)
				return -1;
		}
		i = end + 1;
	}
	return 0;
}

void
params_cookies(struct arena *a, struct params *ps, const char *s)
{
	while (s && *s) {
		const char *end = strchr(s, ';'), *eq;
		size_t n;

		if (end == NULL)
			end = s + strlen(s);
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		n = (size_t)(end - s);
		eq = memchr(s, '=', n);
		if (eq != NULL && eq > s) {
			const char *v = eq + 1;
			size_t vlen = (size_t)(end - v);

			while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (memchr(v, '\0', vlen) == NULL &&
			    params_add(a, ps, arena_strndup(a, s, (size_t)(eq - s)),
			    arena_strndup(a, v, vlen), vlen) < 0)
				return;
		}
		s = *end ? end + 1 : end;
	}
}

const struct param *
params_get(const struct params *ps, const char *name)
{
	const struct param *p;

	for (p = ps->head; p; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/*
 * Finds the value of parameter `key` (name or filename) in a header line
 * such as: form-data; name="photo"; filename="me.jpg". Quoted or bare.
 */
static char *
header_param(struct arena *a, const char *h, size_t hlen, const char *key)
{
	size_t klen = strlen(key), i = 0;

	while (i < hlen) {
		while (i < hlen && (h[i] == ';' || h[i] == ' ' || h[i] == '\t'))
			i++;
		if (hlen - i > klen && strncasecmp(h + i, key, klen) == 0 &&
		    h[i + klen] == '=') {
			size_t v = i + klen + 1, e;

			if (v < hlen && h[v] == '"') {
				v++;
				for (e = v; e < hlen && h[e] != '"'; e++)
					if (h[e] == '\\' && e + 1 < hlen)
						e++;
				if (e >= hlen)
					return NULL;
			} else
				for (e = v; e < hlen && h[e] != ';' && h[e] != ' '; e++)
					;
			return arena_strndup(a, h + v, e - v);
		}
		while (i < hlen && h[i] != ';') {
			if (h[i] == '"') {
				for (i++; i < hlen && h[i] != '"'; i++)
					;
			}
			i++;
		}
	}
	return NULL;
}

/* Parses one part's headers [h, h+hlen) and body into params or uploads. */
static int
multipart_part(struct arena *a, struct params *ps, struct upload **ups,
    const char *h, size_t hlen, const unsigned char *body, size_t blen)
{
	char *name = NULL, *filename = NULL, *ctype = NULL;
	size_t i = 0;

	while (i < hlen) {
		size_t e = i;
		const char *line = h + i;
		size_t llen;

		while (e + 1 < hlen && !(h[e] == '\r' && h[e + 1] == '\n'))
			e++;
		if (e + 1 >= hlen)
			e = hlen;
		llen = e - i;
		if (llen > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
			const char *v = line + 20;
			size_t vlen = llen - 20;

			while (vlen && (*v == ' ' || *v == '\t')) { v++; vlen--; }
			if (vlen < 9 || strncasecmp(v, "form-data", 9) != 0)
				return -1;
			name = header_param(a, v + 9, vlen - 9, "name");
			filename = header_param(a, v + 9, vlen - 9, "filename");
		} else if (llen > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
			const char *v = line + 13;
			size_t vlen = llen - 13;

			while (vlen && (*v == ' ' || *v == '\t')) { v++; vlen--; }
			ctype = arena_strndup(a, v, vlen);
		}
		i = e + 2;
	}
	if (name == NULL || name[0] == '\0')
		return -1;
	if (filename != NULL) {
		struct upload *u = arena_alloc(a, sizeof(*u)), **tail;

		u->field = name;
		u->filename = filename;
		u->content_type = ctype ? ctype : "application/octet-stream";
		u->data = body;
		u->len = blen;
		u->next = NULL;
		for (tail = ups; *tail; tail = &(*tail)->next)
			;
		*tail = u;
		return 0;
	}
	if (memchr(body, '\0', blen) != NULL)
		return -1;
	return params_add(a, ps, name, arena_strndup(a, (const char *)body, blen), blen);
}

int
params_multipart(struct arena *a, struct params *ps, struct upload **ups,
    const char *content_type, const unsigned char *body, size_t len)
{
	char *boundary, *delim;
	size_t dlen, pos, nparts = 0;
	const unsigned char *p;

	boundary = header_param(a, content_type, strlen(content_type), "boundary");
	if (boundary == NULL || boundary[0] == '\0' || strlen(boundary) > 70)
		return -1;
	/* The delimiter is CRLF "--" boundary; the first may lack the CRLF. */
	dlen = strlen(boundary) + 4;
	delim = arena_alloc(a, dlen + 1);
	delim[0] = '\r';
	delim[1] = '\n';
	delim[2] = delim[3] = '-';
	memcpy(delim + 4, boundary, dlen - 4);
	delim[dlen] = '\0';

	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		pos = dlen - 2;
	else {
		p = memmem(body, len, delim, dlen);
		if (p == NULL)
			return -1;
		pos = (size_t)(p - body) + dlen;
	}
	for (;;) {
		const unsigned char *hend, *next;
		size_t hstart, bstart;

		/* After a delimiter: "--" ends the body, CRLF starts a part. */
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			return nparts > 0 ? 0 : -1;
		while (pos < len && (body[pos] == ' ' || body[pos] == '\t'))
			pos++;
		if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			return -1;
		hstart = pos + 2;
		if (len - hstart >= 2 && body[hstart] == '\r' && body[hstart + 1] == '\n')
			hend = body + hstart;	/* a part with no headers */
		else {
			hend = memmem(body + hstart, len - hstart, "\r\n\r\n", 4);
			if (hend == NULL)
				return -1;
			hend += 2;
		}
		bstart = (size_t)(hend - body) + 2;
		if (bstart > len)
			return -1;
		next = memmem(body + bstart, len - bstart, delim, dlen);
		if (next == NULL)
			return -1;
		if (++nparts > PARAMS_MAX)
			return -1;
		if (multipart_part(a, ps, ups, (const char *)body + hstart,
		    (size_t)(hend - body) - hstart,
		    body + bstart, (size_t)(next - body) - bstart) < 0)
			return -1;
		pos = (size_t)(next - body) + dlen;
	}
}
