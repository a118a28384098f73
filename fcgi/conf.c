/* config.c: reads portal.xml with libxml2 and validates it (see config.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "conf.h"

/* The first error libxml2 reports, with its file and line. */
struct xml_errors {
	char	*buf;
	size_t	 len;
	int	 have;
};

static void
collect_error(void *ctx, xmlErrorPtr e)
{
	struct xml_errors *errs = ctx;
	char msg[512], where[160] = "";
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
	snprintf(errs->buf, errs->len, "%s:%d: %s%s",
	    e->file ? e->file : "(config)", e->line, where, msg);
	errs->have = 1;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (p == NULL)
		abort();
	return p;
}

static char *
attr(xmlNodePtr n, const char *name, const char *dflt)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return dflt ? xstrdup(dflt) : NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static long
attr_long(xmlNodePtr n, const char *name, long dflt)
{
	char *s = attr(n, name, NULL);
	long v = dflt;

	if (s != NULL) {
		v = strtol(s, NULL, 10);
		free(s);
	}
	return v;
}

static char *
text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s, *p, *e;

	s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	/* The schema allows surrounding white space in element text. */
	for (p = s; *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'; p++)
		;
	memmove(s, p, strlen(p) + 1);
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
boolean(const char *s)
{
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

static void
add_params(struct config *c, xmlNodePtr module)
{
	xmlNodePtr p;

	for (p = module->children; p; p = p->next) {
		struct config_param *cp;

		if (!is(p, "param"))
			continue;
		c->params = realloc(c->params, (c->nparams + 1) * sizeof(*c->params));
		if (c->params == NULL)
			abort();
		cp = &c->params[c->nparams++];
		cp->module = attr(module, "name", "");
		cp->name = attr(p, "name", "");
		cp->value = attr(p, "value", "");
	}
}

const char *
config_param(const struct config *c, const char *module, const char *name)
{
	size_t i;

	for (i = 0; i < c->nparams; i++)
		if (strcmp(c->params[i].module, module) == 0 &&
		    strcmp(c->params[i].name, name) == 0)
			return c->params[i].value;
	return NULL;
}

static void
fill(struct config *c, xmlNodePtr root)
{
	xmlNodePtr n, m;
	char *s;

	c->max_requests = 100000;
	c->shutdown_seconds = 10;
	c->upload_max = 5 * 1024 * 1024;
	c->body_max = 12 * 1024 * 1024;
	c->idle_minutes = 30;
	c->absolute_hours = 12;
	for (n = root->children; n; n = n->next) {
		if (is(n, "listen")) {
			c->listen = text(n);
			s = attr(n, "mode", "0660");
			c->listen_mode = (unsigned)strtoul(s, NULL, 8);
			free(s);
			c->listen_group = attr(n, "group", NULL);
		}
		else if (is(n, "workers")) {
			c->workers = (int)attr_long(n, "count", 4);
			c->max_requests = attr_long(n, "max-requests", c->max_requests);
			c->shutdown_seconds = (int)attr_long(n, "shutdown-seconds",
			    c->shutdown_seconds);
		} else if (is(n, "database")) {
			c->db_socket = attr(n, "socket", NULL);
			c->db_host = attr(n, "host", NULL);
			c->db_port = (unsigned)attr_long(n, "port", 0);
			c->db_name = attr(n, "name", "");
			c->db_user = attr(n, "user", "");
			c->db_password = attr(n, "password", "");
		} else if (is(n, "modules")) {
			c->modules_dir = attr(n, "dir", "");
			for (m = n->children; m; m = m->next) {
				if (!is(m, "module"))
					continue;
				c->modules = realloc(c->modules,
				    (c->nmodules + 1) * sizeof(*c->modules));
				if (c->modules == NULL)
					abort();
				c->modules[c->nmodules++] = attr(m, "name", "");
				add_params(c, m);
			}
		} else if (is(n, "templates"))
			c->templates_dir = attr(n, "dir", "");
		else if (is(n, "uploads")) {
			c->upload_max = (size_t)attr_long(n, "max-bytes", (long)c->upload_max);
			c->body_max = (size_t)attr_long(n, "max-body-bytes", (long)c->body_max);
		} else if (is(n, "sessions")) {
			c->idle_minutes = (int)attr_long(n, "idle-minutes", 30);
			c->absolute_hours = (int)attr_long(n, "absolute-hours", 12);
		} else if (is(n, "base-url")) {
			c->base_url = text(n);
			c->secure = strncmp(c->base_url, "https:", 6) == 0;
		} else if (is(n, "payment-gateway")) {
			c->pay_url = attr(n, "url", "");
			c->pay_merchant = attr(n, "merchant", "");
			c->pay_secret = attr(n, "secret", "");
		} else if (is(n, "log")) {
			s = attr(n, "syslog", "false");
			c->syslog = boolean(s);
			free(s);
		} else if (is(n, "demo")) {
			s = text(n);
			c->demo = boolean(s);
			free(s);
		}
	}
}

int
config_load(const char *path, const char *schema, struct config *c,
    char *err, size_t errlen)
{
	struct xml_errors errs = { err, errlen, 0 };
	xmlRelaxNGParserCtxtPtr pctx = NULL;
	xmlRelaxNGValidCtxtPtr vctx = NULL;
	xmlRelaxNGPtr rng = NULL;
	xmlDocPtr doc = NULL;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	xmlSetStructuredErrorFunc(&errs, collect_error);

	/* No network, no entity expansion, no DTD loading. */
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (doc == NULL) {
		if (!errs.have)
			snprintf(err, errlen, "%s: cannot be read", path);
		goto out;
	}
	pctx = xmlRelaxNGNewParserCtxt(schema);
	if (pctx == NULL)
		goto schema_error;
	xmlRelaxNGSetParserStructuredErrors(pctx, collect_error, &errs);
	rng = xmlRelaxNGParse(pctx);
	if (rng == NULL)
		goto schema_error;
	vctx = xmlRelaxNGNewValidCtxt(rng);
	if (vctx == NULL)
		goto schema_error;
	xmlRelaxNGSetValidStructuredErrors(vctx, collect_error, &errs);
	if (xmlRelaxNGValidateDoc(vctx, doc) != 0) {
		if (!errs.have)
			snprintf(err, errlen, "%s: does not match the schema %s",
			    path, schema);
		goto out;
	}
	fill(c, xmlDocGetRootElement(doc));
	rc = 0;
	goto out;
schema_error:
	if (!errs.have)
		snprintf(err, errlen, "%s: the schema cannot be read", schema);
	else {
		char tmp[600];

		snprintf(tmp, sizeof(tmp), "%s", err);
		snprintf(err, errlen, "schema %s", tmp);
	}
out:
	if (vctx)
		xmlRelaxNGFreeValidCtxt(vctx);
	if (rng)
		xmlRelaxNGFree(rng);
	if (pctx)
		xmlRelaxNGFreeParserCtxt(pctx);
	if (doc)
		xmlFreeDoc(doc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (rc != 0)
		config_free(c);
	return rc;
}

void
config_free(struct config *c)
{
	size_t i;

	free(c->listen);
	free(c->listen_group);
	free(c->db_socket);
	free(c->db_host);
	free(c->db_name);
	free(c->db_user);
	free(c->db_password);
	free(c->modules_dir);
	for (i = 0; i < c->nmodules; i++)
		free(c->modules[i]);
	free(c->modules);
	for (i = 0; i < c->nparams; i++) {
		free(c->params[i].module);
		free(c->params[i].name);
		free(c->params[i].value);
	}
	free(c->params);
	free(c->templates_dir);
	free(c->base_url);
	free(c->pay_url);
	free(c->pay_merchant);
	free(c->pay_secret);
	memset(c, 0, sizeof(*c));
}
