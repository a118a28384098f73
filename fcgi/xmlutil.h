/*
 * xmlutil.h: the libxml2 plumbing shared by the readers of the portal's XML
 * files (conf.c for portal.xml, feed.c for certificate register feeds): an
 * error collector that keeps the first error as "FILE:LINE: message", small
 * helpers for attributes, element text and child elements, and validation
 * against a RELAX NG schema.
 */
#ifndef XMLUTIL_H
#define XMLUTIL_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/* The first error libxml2 reports, as "FILE:LINE: <element>: message". */
struct xml_errors {
	const char	*name;		/* the FILE in messages (see fixed) */
	int		 fixed;		/* 0: libxml2's own file name when it has
					 * one, name otherwise; 1: always name */
	char		*buf;		/* the message, NUL-terminated */
	size_t		 len;		/* bytes in buf */
	int		 have;		/* whether an error has been kept */
};

/*
 * Fills *errs (name and fixed as above, messages into buf of len bytes) and
 * makes it libxml2's structured error handler for this thread; undo with
 * xml_errors_stop.
 */
void	xml_errors_start(struct xml_errors *errs, const char *name, int fixed,
	    char *buf, size_t len);
/* Puts back libxml2's default error handler. */
void	xml_errors_stop(void);
/* The structured error handler itself (ctx is a struct xml_errors): keeps
 * the first error, naming the element or attribute when libxml2 knows it. */
void	xml_errors_collect(void *ctx, xmlErrorPtr e);

/*
 * Validates doc against the RELAX NG schema at the path schema, reporting
 * through errs; docname names the document in messages. Returns 0 when it
 * matches, or -1 with the reason in errs->buf: the first error collected
 * ("schema ..." when the schema itself is at fault), else
 * "DOCNAME: does not match the schema SCHEMA" or
 * "SCHEMA: the schema cannot be read".
 */
int	xml_validate(xmlDocPtr doc, const char *schema, const char *docname,
	    struct xml_errors *errs);

/*
 * Parses an untrusted document held in memory and validates it against the
 * RELAX NG schema at the path schema. The parser runs without network
 * access, without entity substitution and without loading any DTD, and a
 * document with a DOCTYPE is stopped the moment the parser meets it, before
 * any declaration inside it is read, so neither an external entity nor an
 * entity bomb gets a chance. Returns the document (free it with xmlFreeDoc),
 * or NULL with "NAME:LINE: problem" in errs->buf (what names the kind of
 * file in the DOCTYPE message, e.g. "a feed"). Call between xml_errors_start
 * (fixed = 1) and xml_errors_stop.
 */
xmlDocPtr xml_read_untrusted(const char *buf, size_t len, const char *name,
	    const char *schema, const char *what, struct xml_errors *errs);

/* Whether n is an element called name (n may be NULL). */
int	xml_is(xmlNodePtr n, const char *name);
/* The first child element of n called name, or NULL. */
xmlNodePtr xml_child(xmlNodePtr n, const char *name);

/* A copy of attribute name of n (free it), or of dflt when n has none
 * (NULL when dflt is NULL too). Aborts when out of memory. */
char	*xml_attr(xmlNodePtr n, const char *name, const char *dflt);
/* Attribute name of n as a decimal number, or dflt when n has none. */
long	xml_attr_long(xmlNodePtr n, const char *name, long dflt);
/* A copy of the text of n with surrounding white space trimmed (free it).
 * Aborts when out of memory. */
char	*xml_text(xmlNodePtr n);

#endif
