/* req.c: the request helpers modules call (see portal.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "host.h"
#include "notice.h"
#include "sealed.h"

void *
req_alloc(struct req *r, size_t n)
{
	return arena_alloc(&r->priv->arena, n);
}

char *
req_strdup(struct req *r, const char *s)
{
	return arena_strdup(&r->priv->arena, s ? s : "");
}

char *
req_printf(struct req *r, const char *fmt, ...)
{
	va_list ap, aq;
	char *p;
	int n;

	va_start(ap, fmt);
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = req_alloc(r, (size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(p, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	return p;
}

const struct fieldval *
req_field(const struct req *r, const char *name)
{
	size_t i;

	if (r->route == NULL || r->route->fields == NULL)
		return NULL;
	for (i = 0; i < r->nfields; i++)
		if (strcmp(r->route->fields[i].name, name) == 0)
			return &r->fields[i];
	return NULL;
}

int
req_redirect(struct req *r, const char *location)
{
	r->priv->location = req_strdup(r, location);
	return HTTP_SEE_OTHER;
}

int
req_redirect_external(struct req *r, const char *url)
{
	r->priv->location = req_strdup(r, url);
	r->priv->location_external = 1;
	return HTTP_SEE_OTHER;
}

const unsigned char *
req_raw_body(const struct req *r, size_t *len)
{
	*len = r->priv->raw_len;
	return r->priv->raw_body ? r->priv->raw_body : (const unsigned char *)"";
}

const char *
req_env(const struct req *r, const char *name)
{
	return FCGX_GetParam(name, r->priv->fcgi->envp);
}

const char *
req_query_value(struct req *r, const char *query, const char *name)
{
	struct params ps = { NULL, NULL, 0 };
	const struct param *p;

	if (query == NULL ||
	    params_urlencoded(&r->priv->arena, &ps, query, strlen(query)) < 0)
		return "";
	p = params_get(&ps, name);
	return p ? p->value : "";
}

void
req_flash(struct req *r, const char *message)
{
	r->priv->flash_out = req_strdup(r, message);
}

void
req_header(struct req *r, const char *name, const char *value)
{
	struct header *h = req_alloc(r, sizeof(*h)), **tail;

	h->name = req_strdup(r, name);
	h->value = req_strdup(r, value);
	h->next = NULL;
	/* In order: a later Set-Cookie for the same name must win. */
	for (tail = &r->priv->headers; *tail; tail = &(*tail)->next)
		;
	*tail = h;
}

int
req_body(struct req *r, const char *content_type, const void *data, size_t len)
{
	r->priv->body_type = req_strdup(r, content_type);
	r->priv->body_data = data;
	r->priv->body_len = len;
	r->priv->has_body = 1;
	return HTTP_OK;
}

void
req_set(struct req *r, const char *name, const char *value)
{
	hdf_set_value(r->hdf, name, value ? value : "");
}

void
req_setf(struct req *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *v;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	v = req_alloc(r, (size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(v, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	hdf_set_value(r->hdf, name, v);
}

/* What was typed, shown back in its field: at most 1,000 bytes, cut on a
 * character boundary, so a huge value does not make a huge page. */
static const char *
echo(struct req *r, const char *raw)
{
	size_t n;

	if (raw == NULL)
		return "";
	n = strlen(raw);
	if (n <= 1000)
		return raw;
	n = 1000;
	while (n > 0 && ((unsigned char)raw[n] & 0xc0) == 0x80)
		n--;
	return arena_strndup(&r->priv->arena, raw, n);
}

void
req_form_to_hdf(struct req *r)
{
	char name[160];
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		const struct field *f = &r->route->fields[i];
		const struct fieldval *v = &r->fields[i];

		/* Names come from the route table, never from input. */
		snprintf(name, sizeof(name), "Form.%s.value", f->name);
		/* The form keeps what was typed, as it was typed. */
		hdf_set_value(r->hdf, name, echo(r, v->raw));
		if (v->err) {
			snprintf(name, sizeof(name), "Form.%s.error", f->name);
			hdf_set_value(r->hdf, name, v->err);
		}
	}
}

const char *
req_pre_token(struct req *r)
{
	return session_pre_token(r);
}

int
req_can(const struct req *r, int perm)
{
	if (perm < 0 || perm >= PERM__MAX)
		return 0;
	return r->sess != NULL && (r->sess->perms & PERM_BIT(perm)) != 0;
}

unsigned long long
req_page_trim(struct req *r, const char *list, size_t fetched, size_t size, size_t *shown)
{
	const char *last;

	*shown = fetched > size ? size : fetched;
	if (fetched <= size || size == 0)
		return 0;
	last = hdf_get_value(r->hdf, req_printf(r, "%s.%zu.id", list, size - 1), "0");
	hdf_remove_tree(r->hdf, req_printf(r, "%s.%zu", list, size));
	return strtoull(last, NULL, 10);
}

const char *
req_session_read(const struct req *r, unsigned i)
{
	if (r->sess == NULL || r->priv->session_sql == NULL)
		return NULL;
	return db_str(r->sess->row, SESSION_READ_FIRST_COL + i);
}

const char *
req_money(struct req *r, long long pence)
{
	char digits[32], out[48];
	unsigned long long v = pence < 0 ? -(unsigned long long)pence : (unsigned long long)pence;
	size_t n, i, o = 0;

	snprintf(digits, sizeof(digits), "%llu", v / 100);
	n = strlen(digits);
	if (pence < 0)
		out[o++] = '-';
	memcpy(out + o, "\xc2\xa3", 2);	/* £ */
	o += 2;
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, sizeof(out) - o, ".%02llu", v % 100);
	return req_strdup(r, out);
}

/* The configuration of this worker (set by worker_main). */
const struct config *host_config;

const char *
portal_param(const char *module, const char *name, const char *dflt)
{
	const char *v = host_config ? config_param(host_config, module, name) : NULL;

	return v ? v : dflt;
}

long
portal_param_long(const char *module, const char *name, long dflt)
{
	const char *v = portal_param(module, name, NULL);
	char *end;
	long n;

	if (v == NULL)
		return dflt;
	n = strtol(v, &end, 10);
	return *end == '\0' && end != v ? n : dflt;
}

size_t
portal_upload_max(void)
{
	return host_config ? host_config->upload_max : 5 * 1024 * 1024;
}

const char *
portal_base_url(void)
{
	return host_config && host_config->base_url ? host_config->base_url : "";
}

const struct gateway_config *
portal_gateway(void)
{
	static struct gateway_config gw;

	if (host_config == NULL || host_config->pay_url == NULL || host_config->pay_url[0] == '\0')
		return NULL;
	gw.url = host_config->pay_url;
	gw.merchant = host_config->pay_merchant;
	gw.secret = host_config->pay_secret;
	return &gw;
}

const struct assessment_service_config *
portal_assessment_service(void)
{
	static struct assessment_service_config as;

	if (host_config == NULL || host_config->assess_url == NULL ||
	    host_config->assess_url[0] == '\0')
		return NULL;
	as.url = host_config->assess_url;
	as.secret = host_config->assess_secret;
	return &as;
}

int
portal_is_demo(void)
{
	return host_config && host_config->demo;
}

void
req_token(struct req *r, const char **hex, unsigned char hash[32])
{
	unsigned char raw[32];
	char *h = req_alloc(r, 65);

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(h, 65, raw, sizeof(raw));
	crypto_hash_sha256(hash, raw, sizeof(raw));
	*hex = h;
}

int
token_hash(const char *hex, unsigned char hash[32])
{
	unsigned char raw[32];
	size_t n;

	if (hex == NULL || strlen(hex) != 64 ||
	    sodium_hex2bin(raw, sizeof(raw), hex, 64, NULL, &n, NULL) != 0 || n != 32)
		return -1;
	crypto_hash_sha256(hash, raw, sizeof(raw));
	return 0;
}

long
req_csv(struct req *r, const void *data, size_t len, size_t max_rows,
    struct csv_row **rows, const char **err)
{
	return csv_parse(&r->priv->arena, data, len, max_rows, rows, err);
}

const char *
req_url_escape(struct req *r, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = req_alloc(r, strlen(s) * 3 + 1), *p = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
			*p++ = (char)c;
		else {
			*p++ = '%';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
		}
	}
	*p = '\0';
	return out;
}

/* value sealed for secret and context into the request's memory, after prefix. */
static const char *
seal_text(struct req *r, const char *secret, const char *context, const char *prefix,
    const char *value)
{
	size_t len = strlen(value), pre = strlen(prefix);
	char *out;

	if (len > SEAL_MAX)
		return NULL;
	out = req_alloc(r, pre + SEAL_TEXT_LEN(len));
	memcpy(out, prefix, pre);
	if (seal_make(secret, context, value, len, out + pre, SEAL_TEXT_LEN(len)) == 0)
		return NULL;
	return out;
}

/* The text seal_text sealed, or NULL when token does not open. */
static const char *
open_text(struct req *r, const char *secret, const char *context, const char *token)
{
	unsigned char *out = req_alloc(r, SEAL_MAX + 1);
	long n = seal_open(secret, context, token, out, SEAL_MAX + 1);

	/* Text only: a value with a NUL in it was not sealed by seal_text. */
	if (n < 0 || memchr(out, '\0', (size_t)n) != NULL)
		return NULL;
	return (const char *)out;
}

const char *
req_seal(struct req *r, const char *context, const char *value)
{
	return r->sess ? seal_text(r, r->sess->csrf, context, "", value) : NULL;
}

const char *
req_unseal(struct req *r, const char *context, const char *token)
{
	if (r->sess == NULL || token == NULL)
		return NULL;
	return open_text(r, r->sess->csrf, context, token);
}

#define STORED_PREFIX	"k1."	/* sealed with the data-key, version 1 */

const char *
req_seal_stored(struct req *r, const char *context, const char *value)
{
	const char *key = r->priv->cfg->data_key;

	return key ? seal_text(r, key, context, STORED_PREFIX, value) : value;
}

const char *
req_open_stored(struct req *r, const char *context, const char *stored)
{
	const char *key = r->priv->cfg->data_key;
	size_t pre = strlen(STORED_PREFIX);

	if (stored == NULL || strncmp(stored, STORED_PREFIX, pre) != 0)
		return stored;
	return key ? open_text(r, key, context, stored + pre) : NULL;
}

const char *
req_hmac_hex(struct req *r, const char *key, const void *data, size_t len)
{
	unsigned char mac[32];
	char *out = req_alloc(r, 65);

	hmac_sha256(key, data, len, mac);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
	return out;
}

