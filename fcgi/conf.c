/* config.c: reads portal.xml with libxml2 and validates it (see config.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "conf.h"
#include "xmlutil.h"

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

		if (!xml_is(p, "param"))
			continue;
		c->params = realloc(c->params, (c->nparams + 1) * sizeof(*c->params));
		if (c->params == NULL)
			abort();
		cp = &c->params[c->nparams++];
		cp->module = xml_attr(module, "name", "");
		cp->name = xml_attr(p, "name", "");
		cp->value = xml_attr(p, "value", "");
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
		if (xml_is(n, "listen")) {
			c->listen = xml_text(n);
			s = xml_attr(n, "mode", "0660");
			c->listen_mode = (unsigned)strtoul(s, NULL, 8);
			free(s);
			c->listen_group = xml_attr(n, "group", NULL);
		}
		else if (xml_is(n, "workers")) {
			c->workers = (int)xml_attr_long(n, "count", 4);
			c->max_requests = xml_attr_long(n, "max-requests", c->max_requests);
			c->shutdown_seconds = (int)xml_attr_long(n, "shutdown-seconds",
			    c->shutdown_seconds);
		} else if (xml_is(n, "database")) {
			c->db_socket = xml_attr(n, "socket", NULL);
			c->db_host = xml_attr(n, "host", NULL);
			c->db_port = (unsigned)xml_attr_long(n, "port", 0);
			c->db_name = xml_attr(n, "name", "");
			c->db_user = xml_attr(n, "user", "");
			c->db_password = xml_attr(n, "password", "");
		} else if (xml_is(n, "modules")) {
			c->modules_dir = xml_attr(n, "dir", "");
			for (m = n->children; m; m = m->next) {
				if (!xml_is(m, "module"))
					continue;
				c->modules = realloc(c->modules,
				    (c->nmodules + 1) * sizeof(*c->modules));
				if (c->modules == NULL)
					abort();
				c->modules[c->nmodules++] = xml_attr(m, "name", "");
				add_params(c, m);
			}
		} else if (xml_is(n, "templates"))
			c->templates_dir = xml_attr(n, "dir", "");
		else if (xml_is(n, "uploads")) {
			c->upload_max = (size_t)xml_attr_long(n, "max-bytes",
			    (long)c->upload_max);
			c->body_max = (size_t)xml_attr_long(n, "max-body-bytes",
			    (long)c->body_max);
		} else if (xml_is(n, "sessions")) {
			c->idle_minutes = (int)xml_attr_long(n, "idle-minutes", 30);
			c->absolute_hours = (int)xml_attr_long(n, "absolute-hours", 12);
			/* The schema has both attributes or neither. */
			c->session_cache_ms = xml_attr_long(n, "cache-ms", 0);
			if (c->session_cache_ms > 0)
				c->session_cache_file = xml_attr(n, "cache-file", NULL);
			c->page_cache_ms = xml_attr_long(n, "page-cache-ms", 0);
		} else if (xml_is(n, "base-url")) {
			c->base_url = xml_text(n);
			c->secure = strncmp(c->base_url, "https:", 6) == 0;
		} else if (xml_is(n, "payment-gateway")) {
			c->pay_url = xml_attr(n, "url", "");
			c->pay_merchant = xml_attr(n, "merchant", "");
			c->pay_secret = xml_attr(n, "secret", "");
		} else if (xml_is(n, "assessment-service")) {
			c->assess_url = xml_attr(n, "url", "");
			c->assess_secret = xml_attr(n, "secret", "");
		} else if (xml_is(n, "data-key")) {
			/* Used as text: one case, so "AB.." and "ab.." are one key. */
			c->data_key = xml_text(n);
			for (s = c->data_key; s && *s; s++)
				*s = (char)tolower((unsigned char)*s);
		} else if (xml_is(n, "log")) {
			s = xml_attr(n, "syslog", "false");
			c->syslog = boolean(s);
			free(s);
		} else if (xml_is(n, "demo")) {
			s = xml_text(n);
			c->demo = boolean(s);
			free(s);
		}
	}
}

int
config_load(const char *path, const char *schema, struct config *c,
    char *err, size_t errlen)
{
	struct xml_errors errs;
	xmlDocPtr doc = NULL;
	int rc = -1;

	memset(c, 0, sizeof(*c));
	xml_errors_start(&errs, "(config)", 0, err, errlen);

	/* No network, no entity expansion, no DTD loading. */
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (doc == NULL) {
		if (!errs.have)
			snprintf(err, errlen, "%s: cannot be read", path);
		goto out;
	}
	if (xml_validate(doc, schema, path, &errs) != 0)
		goto out;
	fill(c, xmlDocGetRootElement(doc));
	rc = 0;
out:
	if (doc)
		xmlFreeDoc(doc);
	xml_errors_stop();
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
	free(c->session_cache_file);
	free(c->base_url);
	free(c->pay_url);
	free(c->pay_merchant);
	free(c->pay_secret);
	free(c->assess_url);
	free(c->assess_secret);
	if (c->data_key)
		explicit_bzero(c->data_key, strlen(c->data_key));
	free(c->data_key);
	memset(c, 0, sizeof(*c));
}
