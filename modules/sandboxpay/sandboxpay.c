/*
 * sandboxpay.c: the sandbox payment gateway for the demo and the tests,
 * standing in for a real provider's hosted payment page. It loads only when
 * the configuration says <demo>true</demo>. It checks the portal's signed
 * request, shows its own card page, and for a test card returns the browser
 * to the portal while a process of its own sends the portal a signed
 * notification (server to server). It keeps nothing: no card number is stored or logged.
 *
 * Test cards (any future expiry, any 3 digits):
 *   4242 4242 4242 4242  succeeds
 *   4000 0000 0000 0002  declined ("Your card was declined.")
 *   4000 0000 0000 9995  declined ("Insufficient funds on the card.")
 * Any other number passing the Luhn check succeeds; one failing it is
 * refused on the page.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/wait.h>

#include <sodium.h>

#include "portal.h"
#include "sandboxpay.h"

#define MODULE		"sandboxpay"
#define REQUEST_MAX_AGE	3600	/* a payment page is good for an hour */

static const char *key, *notify_url;

static int
sandbox_init(void)
{
	if (!portal_is_demo()) {
		log_error("sandboxpay: refusing to load: the configuration is not a demo");
		return -1;
	}
	/* It shares the portal's key, as a real provider and its merchant do. */
	key = portal_gateway() ? portal_gateway()->secret : NULL;
	notify_url = portal_param(MODULE, "notify-url", NULL);
	if (key == NULL || notify_url == NULL) {
		log_error("sandboxpay: needs <payment-gateway> in the configuration and"
		    " <param name=\"notify-url\">");
		return -1;
	}
	return 0;
}

/* Checks the portal's signed request (everything before "&sig="). NULL or why not. */
static const char *
check_request(struct req *r, const char *q)
{
	const char *sig = q ? strstr(q, "&sig=") : NULL;
	long long age;

	if (sig == NULL || !hmac_hex_ok(key, q, (size_t)(sig - q), sig + 5))
		return "This payment request is not signed by the merchant.";
	age = (long long)time(NULL) - atoll(req_query_value(r, q, "ts"));
	if (age > REQUEST_MAX_AGE || age < -300)
		return "This payment request has expired. Please start again from the portal.";
	if (atoll(req_query_value(r, q, "amount")) <= 0 || req_query_value(r, q, "payment")[0] == '\0')
		return "This payment request is incomplete.";
	return NULL;
}

static void
request_hdf(struct req *r, const char *q)
{
	long long amount = atoll(req_query_value(r, q, "amount"));

	req_set(r, "Gateway.request", q);
	req_set(r, "Gateway.merchant", req_query_value(r, q, "merchant"));
	req_set(r, "Gateway.description", req_query_value(r, q, "description"));
	req_set(r, "Gateway.amount", req_money(r, amount));
	req_set(r, "Gateway.return", req_query_value(r, q, "return"));
	req_set(r, "Page.title", "Sandbox Payment Gateway");
}

static int
sandbox_page(struct req *r)
{
	const char *q = req_env(r, "QUERY_STRING"), *why = check_request(r, q);

	if (why) {
		req_set(r, "Gateway.error", why);
		req_set(r, "Page.title", "Sandbox Payment Gateway");
		return HTTP_OK;
	}
	request_hdf(r, q);
	return HTTP_OK;
}

/* The digits of a card number (spaces and dashes allowed) if it passes Luhn. */
static const char *
card_digits(struct req *r, const char *in)
{
	char *d = req_alloc(r, strlen(in) + 1);
	size_t n = 0, i;
	int sum = 0;

	for (; *in; in++) {
		if (isdigit((unsigned char)*in))
			d[n++] = *in;
		else if (*in != ' ' && *in != '-')
			return NULL;
	}
	d[n] = '\0';
	if (n < 12 || n > 19)
		return NULL;
	for (i = 0; i < n; i++) {
		int v = d[n - 1 - i] - '0';

		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0 ? d : NULL;
}

/* MM/YY not in the past. */
static int
expiry_ok(const char *in)
{
	int mm, yy;
	char extra;
	time_t now = time(NULL);
	struct tm tm;

	if (sscanf(in, "%2d/%2d%c", &mm, &yy, &extra) != 2 || mm < 1 || mm > 12)
		return 0;
	gmtime_r(&now, &tm);
	return (2000 + yy) * 12 + mm >= (tm.tm_year + 1900) * 12 + tm.tm_mon + 1;
}

/*
 * Sends the notification from a process of its own, as a real gateway does
 * in its own time: the worker answers the browser at once (the portal's
 * return page waits for the notification), and a portal that is slow or
 * down holds no worker. Retried a few times; the worker's sockets are closed
 * first so nothing of its request is kept open.
 */
static void
notify_later(const char *body, const char *sig)
{
	pid_t pid = fork();
	int fd, i, code = -1;
	const char *err = NULL;

	if (pid < 0) {
		log_error("sandboxpay: cannot fork to send the notification");
		return;
	}
	if (pid > 0) {
		(void)waitpid(pid, NULL, 0);
		return;
	}
	if (fork() != 0)
		_exit(0);
	for (fd = 3; fd < 1024; fd++)
		(void)close(fd);
	for (i = 0; i < 5; i++) {
		code = notify_post(notify_url, body, strlen(body), sig, 10, &err);
		if (code == 200 || (code >= 400 && code < 500))
			break;
		sleep(1u << i);
	}
	if (code != 200)
		log_error("sandboxpay: the portal did not take the notification: %s",
		    code < 0 && err ? err : "refused");
	_exit(0);
}

enum { P_REQUEST, P_CARD, P_EXPIRY, P_CVC, P_NAME };
static const struct field pay_fields[] = {
	[P_REQUEST] = { "request", NULL, F_REQUIRED },
	[P_CARD] = { "card_number", NULL, F_REQUIRED },
	[P_EXPIRY] = { "expiry", NULL, F_REQUIRED },
	[P_CVC] = { "cvc", NULL, F_REQUIRED },
	[P_NAME] = { "name", v_text, F_REQUIRED },
	{ NULL, NULL, 0 }
};

static int
sandbox_pay(struct req *r)
{
	const char *q = r->fields[P_REQUEST].raw, *why, *card, *status, *reason = "";
	const char *body;
	unsigned char raw[12];
	char txn[32];

	if (q == NULL || (why = check_request(r, q)) != NULL) {
		req_set(r, "Gateway.error", q ? why : "This payment request is missing.");
		req_set(r, "Page.title", "Sandbox Payment Gateway");
		return HTTP_OK;
	}
	request_hdf(r, q);
	card = card_digits(r, r->fields[P_CARD].raw ? r->fields[P_CARD].raw : "");
	if (card == NULL)
		req_set(r, "Form.card_number.error", "Please enter a valid card number.");
	if (!expiry_ok(r->fields[P_EXPIRY].raw ? r->fields[P_EXPIRY].raw : ""))
		req_set(r, "Form.expiry.error", "Please enter the expiry date as MM/YY.");
	if (r->fields[P_CVC].raw == NULL || strlen(r->fields[P_CVC].raw) < 3 ||
	    strlen(r->fields[P_CVC].raw) > 4 ||
	    strspn(r->fields[P_CVC].raw, "0123456789") != strlen(r->fields[P_CVC].raw))
		req_set(r, "Form.cvc.error", "Please enter the 3 digits on the back of the card.");
	if (r->fields[P_NAME].err || !r->fields[P_NAME].present)
		req_set(r, "Form.name.error", "Please enter the name on the card.");
	else
		req_set(r, "Form.name.value", r->fields[P_NAME].val);
	if (hdf_get_value(r->hdf, "Form.card_number.error", NULL) ||
	    hdf_get_value(r->hdf, "Form.expiry.error", NULL) ||
	    hdf_get_value(r->hdf, "Form.cvc.error", NULL) ||
	    hdf_get_value(r->hdf, "Form.name.error", NULL))
		return HTTP_OK;

	status = "succeeded";
	if (strcmp(card, "4000000000000002") == 0) {
		status = "declined";
		reason = "Your card was declined.";
	} else if (strcmp(card, "4000000000009995") == 0) {
		status = "declined";
		reason = "Insufficient funds on the card.";
	}
	randombytes_buf(raw, sizeof(raw));
	memcpy(txn, "sbx_", 4);
	sodium_bin2hex(txn + 4, sizeof(txn) - 4, raw, sizeof(raw));
	body = req_printf(r, "payment=%s&txn=%s&amount=%s&currency=%s&status=%s&reason=%s&ts=%lld",
	    req_url_escape(r, req_query_value(r, q, "payment")), txn,
	    req_url_escape(r, req_query_value(r, q, "amount")),
	    req_url_escape(r, req_query_value(r, q, "currency")), status, req_url_escape(r, reason),
	    (long long)time(NULL));
	notify_later(body, req_hmac_hex(r, key, body, strlen(body)));
	return req_redirect_external(r, req_query_value(r, q, "return"));
}
static const struct route routes[] = {
	{ M_GET,  "pay", ROUTE_PUBLIC, NULL,       sandbox_page, "sandboxpay/pay.cs", NULL, 0 },
	/* The signed request rides in the body instead of a CSRF token. */
	{ M_POST, "pay", ROUTE_PUBLIC, pay_fields, sandbox_pay,  "sandboxpay/pay.cs", NULL,
	  R_SIGNED_BODY },
	{ 0, NULL, 0, NULL, NULL, NULL, NULL, 0 }
};

const struct portal_module portal_module = {
	.abi = PORTAL_ABI,
	.name = MODULE,
	.prefix = "sandbox-gateway",
	.routes = routes,
	.init = sandbox_init,
	.fini = NULL,
};
