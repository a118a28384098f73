/*
 * tmplcache.c: each template is parsed once per worker and its CSPARSE kept.
 *
 * Parsing a page (with the layout it includes) costs about three times its
 * rendering, and the parsed tree does not depend on the request: no template
 * uses evar: or linclude:, and every include: names a constant file, the only
 * things ClearSilver reads at parse time. So a request renders the kept tree
 * against its own fresh HDF (render.c points the CSPARSE at it for the call
 * only); <?cs set ?> writes into that request's HDF, never into the tree.
 * A template changed on disk is read again when the workers are replaced
 * (SIGHUP), like the modules.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

struct tmpl {
	char		*name;
	CSPARSE		*cs;
	struct tmpl	*next;
};

static struct tmpl *kept;

/*
 * ClearSilver's own loader (the template search path, then the file), with the
 * templates' indentation and blank lines dropped once, when the file is parsed:
 * a fifth of a list page's bytes that every view would carry. It sees template
 * text only, never a value a page shows. Used for includes too.
 */
static NEOERR *
load_stripped(void *ctx, HDF *hdf, const char *name, char **contents)
{
	char path[PATH_MAX];
	NEOERR *err;
	int len;

	(void)ctx;
	if ((err = hdf_search_path(hdf, name, path)) != STATUS_OK ||
	    (err = ne_load_file_len(path, contents, &len)) != STATUS_OK)
		return nerr_pass(err);
	render_strip_indent(*contents, (size_t)len);
	return STATUS_OK;
}

CSPARSE *
tmpl_get(HDF *hdf, const char *name, NEOERR **err)
{
	struct tmpl *t;
	CSPARSE *cs = NULL;

	*err = STATUS_OK;
	for (t = kept; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t->cs;
	/* cs_init reads Config.VarEscapeMode from hdf: every request's HDF has it. */
	*err = cs_init(&cs, hdf);
	if (*err == STATUS_OK)
		*err = cgi_register_strfuncs(cs);
	if (*err == STATUS_OK) {
		cs_register_fileload(cs, NULL, load_stripped);
		*err = cs_parse_file(cs, name);
	}
	if (*err != STATUS_OK) {
		cs_destroy(&cs);
		return NULL;
	}
	cs->hdf = NULL;		/* the request's HDF is set for each render */
	t = calloc(1, sizeof(*t));
	if (t == NULL || (t->name = strdup(name)) == NULL)
		abort();
	t->cs = cs;
	t->next = kept;
	kept = t;
	return cs;
}

/* After a failed render: the tree may hold a half-unwound state. */
void
tmpl_drop(const char *name)
{
	struct tmpl **p, *t;

	for (p = &kept; (t = *p) != NULL; p = &t->next)
		if (strcmp(t->name, name) == 0) {
			*p = t->next;
			t->cs->locals = NULL;	/* pointed into the failed render's stack */
			cs_destroy(&t->cs);
			free(t->name);
			free(t);
			return;
		}
}

void
tmpl_flush(void)
{
	while (kept)
		tmpl_drop(kept->name);
}
