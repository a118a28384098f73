/*
 * notify.c: the sandbox gateway's server-to-server notification, a plain
 * HTTP/1.1 POST over a TCP socket. Only http:// (the demo's nginx on
 * 127.0.0.1); a real provider's gateway is not ours to write.
 */
#include <sys/socket.h>
#include <sys/time.h>

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sandboxpay.h"

static int
send_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t k = send(fd, p, len, MSG_NOSIGNAL);

		if (k <= 0)
			return -1;
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

int
notify_post(const char *url, const char *body, size_t len, const char *sig, int timeout_s,
    const char **err)
{
	char host[256], port[8] = "80", head[1024], answer[64];
	const char *h, *path;
	struct addrinfo hints, *ai = NULL;
	struct timeval tv = { timeout_s, 0 };
	size_t hl;
	ssize_t k;
	int fd = -1, status = -1, n;

	if (strncmp(url, "http://", 7) != 0) {
		*err = "the notify URL must be http://";
		return -1;
	}
	h = url + 7;
	path = strchr(h, '/');
	hl = path ? (size_t)(path - h) : strlen(h);
	if (path == NULL)
		path = "/";
	if (hl == 0 || hl >= sizeof(host)) {
		*err = "bad notify URL";
		return -1;
	}
	memcpy(host, h, hl);
	host[hl] = '\0';
	if (strchr(host, ':')) {
		snprintf(port, sizeof(port), "%s", strchr(host, ':') + 1);
		*strchr(host, ':') = '\0';
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &ai) != 0 || ai == NULL) {
		*err = "cannot resolve the notify URL's host";
		return -1;
	}
	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) != 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) != 0 ||
	    connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		*err = "cannot connect to the portal";
		goto out;
	}
	n = snprintf(head, sizeof(head), "POST %s HTTP/1.1\r\nHost: %s:%s\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n"
	    "X-Gateway-Signature: %s\r\nConnection: close\r\n\r\n", path, host, port, len, sig);
	if (n < 0 || (size_t)n >= sizeof(head) || send_all(fd, head, (size_t)n) != 0 ||
	    send_all(fd, body, len) != 0) {
		*err = "cannot send the notification";
		goto out;
	}
	k = recv(fd, answer, sizeof(answer) - 1, 0);
	if (k < 12) {
		*err = "no answer from the portal";
		goto out;
	}
	answer[k] = '\0';
	if (strncmp(answer, "HTTP/1.", 7) != 0 || sscanf(answer + 9, "%3d", &status) != 1) {
		*err = "not an HTTP answer";
		status = -1;
	}
out:
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
	return status;
}
