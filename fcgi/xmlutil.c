/* xmlutil.c: libxml2 plumbing shared by conf.c, feed.c and results.c (see xmlutil.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "xmlutil.h"

void
xml_errors_collect(void *ctx, xmlErrorPtr e)
{
	struct xml_errors *errs = ctx;
	char msg[512], where[160] = "";
	const char *file;
	size_t n;

	if (errs->have || e == NULL)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* Name the element too: schema errors say what is wrong, not where. */
	if (e->node != NULL) {
		xmlNodePtr node = e->node;

		if (node->type == XML_ATTRIBUTE_NODE && node->parent)
			snprintf(where, sizeof(where), "<%s %s>: ",
			    (const char *)node->parent->name, (const char *)node->name);
		else if (node->type == XML_ELEMENT_NODE)
			snprintf(where, sizeof(where), "<%s>: ", (const char *)node->name);
	}
	file = !errs->fixed && e->file ? e->file : errs->name;
	snprintf(errs->buf, errs->len, "%s:%d: %s%s", file, e->line, where, msg);
	errs->have = 1;
}

void
xml_errors_start(struct xml_errors *errs, const char *name, int fixed,
    char *buf, size_t len)
{
	errs->name = name;
	errs->fixed = fixed;
	errs->buf = buf;
	errs->len = len;
	errs->have = 0;
	xmlSetStructuredErrorFunc(errs, xml_errors_collect);
}

void
xml_errors_stop(void)
{
	xmlSetStructuredErrorFunc(NULL, NULL);
}

/* Puts "schema " in front of the error the schema's parser reported: with
 * the schema's path too when the message names the document instead. */
static void
schema_error(struct xml_errors *errs, const char *schema)
{
	char *was;

	if (!errs->have) {
		snprintf(errs->buf, errs->len, "%s: the schema cannot be read", schema);
		return;
	}
	if ((was = strdup(errs->buf)) == NULL)
		abort();
	if (errs->fixed)
		snprintf(errs->buf, errs->len, "schema %s: %s", schema, was);
	else
		snprintf(errs->buf, errs->len, "schema %s", was);
	free(was);
}

int
xml_validate(xmlDocPtr doc, const char *schema, const char *docname,
    struct xml_errors *errs)
{
	xmlRelaxNGParserCtxtPtr pctx = NULL;
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	xmlRelaxNGPtr rng = NULL;
	int rc = -1;

	pctx = xmlRelaxNGNewParserCtxt(schema);
	if (pctx == NULL)
		goto schema_error;
	xmlRelaxNGSetParserStructuredErrors(pctx, xml_errors_collect, errs);
	rng = xmlRelaxNGParse(pctx);
	if (rng == NULL)
		goto schema_error;
	vctx = xmlRelaxNGNewValidCtxt(rng);
	if (vctx == NULL)
		goto schema_error;
	xmlRelaxNGSetValidStructuredErrors(vctx, xml_errors_collect, errs);
	if (xmlRelaxNGValidateDoc(vctx, doc) != 0) {
		if (!errs->have)
			snprintf(errs->buf, errs->len,
			    "%s: does not match the schema %s", docname, schema);
		goto out;
	}
	rc = 0;
	goto out;
schema_error:
	schema_error(errs, schema);
out:
	if (vctx)
		xmlRelaxNGFreeValidCtxt(vctx);
	if (rng)
		xmlRelaxNGFree(rng);
	if (pctx)
		xmlRelaxNGFreeParserCtxt(pctx);
	return rc;
}

int
xml_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr
xml_child(xmlNodePtr n, const char *name)
{
	xmlNodePtr c;

	for (c = n->children; c; c = c->next)
		if (xml_is(c, name))
			return c;
	return NULL;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (p == NULL)
		abort();
	return p;
}

char *
xml_attr(xmlNodePtr n, const char *name, const char *dflt)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return dflt ? xstrdup(dflt) : NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

long
xml_attr_long(xmlNodePtr n, const char *name, long dflt)
{
	char *s = xml_attr(n, name, NULL);
	long v = dflt;

	if (s != NULL) {
		v = strtol(s, NULL, 10);
		free(s);
	}
	return v;
}

char *
xml_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s, *p, *e;

	s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	/* Schemas allow surrounding white space in element text. */
	for (p = s; *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'; p++)
		;
	memmove(s, p, strlen(p) + 1);
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* What the parser's DOCTYPE hook saw. */
struct guard {
	int	 doctype;
	long	 line;
};

/*
 * The parser calls this on "<!DOCTYPE name ...", before it reads the
 * internal subset: stop there. Nothing the portal reads needs a DTD.
 */
static void
refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	if (g != NULL && !g->doctype) {
		g->doctype = 1;
		g->line = ctxt->input ? ctxt->input->line : 0;
	}
	xmlStopParser(ctxt);
}

xmlDocPtr
xml_read_untrusted(const char *buf, size_t len, const char *name, const char *schema,
    const char *what, struct xml_errors *errs)
{
	struct guard guard = { 0, 0 };
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;
	int ok = 0;

	if (len > (size_t)0x7fffffff) {
		snprintf(errs->buf, errs->len, "%s: too large", name);
		return NULL;
	}
	/*
	 * No network, no entity substitution (never XML_PARSE_NOENT), no DTD
	 * loading or validation (never XML_PARSE_DTDLOAD/DTDVALID/DTDATTR).
	 */
	ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
	if (ctxt == NULL) {
		snprintf(errs->buf, errs->len, "%s: cannot be parsed", name);
		return NULL;
	}
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
	ctxt->_private = &guard;
	ctxt->sax->internalSubset = refuse_doctype;
	(void)xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (guard.doctype)
		snprintf(errs->buf, errs->len, "%s:%ld: a DOCTYPE is not allowed in %s "
		    "(no DTD, no entity declarations); nothing was read", name, guard.line,
		    what);
	else if (!ctxt->wellFormed || doc == NULL) {
		if (!errs->have)
			snprintf(errs->buf, errs->len, "%s: not well-formed XML", name);
	/* Belt and braces: no DTD of any kind reached the tree. */
	} else if (doc->intSubset != NULL || doc->extSubset != NULL)
		snprintf(errs->buf, errs->len, "%s:1: a DOCTYPE is not allowed in %s", name,
		    what);
	else
		ok = xml_validate(doc, schema, name, errs) == 0;
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	if (!ok && doc != NULL) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}
