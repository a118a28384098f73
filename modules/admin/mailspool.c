/*
 * mailspool.c: outgoing mail through a sendmail-compatible command, the admin
 * module's <param name="mail-command" value="/usr/sbin/sendmail -t -i"/>. The
 * command is split at spaces and run with fork/exec (no shell); the message
 * goes to its standard input. Header values with CR or LF are refused, so user
 * data cannot add headers. The message (it holds a one-time link) is never logged.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "admin.h"

#define MAX_ARGS	16

static int
header_ok(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

/* Writes all of buf to fd; -1 on error. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int
mail_send(struct req *r, const char *to, const char *subject, const char *body)
{
	const char *cmd = portal_param("admin", "mail-command", NULL);
	const char *from = portal_param("admin", "mail-from",
	    "ECS Employer Portal <no-reply@ecs-portal.test>");
	char *copy, *argv[MAX_ARGS + 1], *tok, *save = NULL;
	const char *msg;
	int fds[2], status, argc = 0, rc;
	pid_t pid;

	if (cmd == NULL) {
		fprintf(stderr, "admin: no mail-command configured: the link was shown only\n");
		return -1;
	}
	if (!header_ok(to) || !header_ok(subject) || !header_ok(from))
		return -1;
	copy = req_strdup(r, cmd);
	for (tok = strtok_r(copy, " ", &save); tok && argc < MAX_ARGS;
	    tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (argc == 0 || pipe(fds) < 0)
		return -1;
	msg = req_printf(r, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n%s", from, to, subject, body);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		/* Nothing of the worker (its sockets) goes to the command. */
		if (dup2(fds[0], 0) < 0)
			_exit(127);
		closefrom(3);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[0]);
	rc = write_all(fds[1], msg, strlen(msg));
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (rc < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "admin: the mail command %s failed (status %d)\n", argv[0], status);
		return -1;
	}
	return 0;
}
