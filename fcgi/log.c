/* log.c: timestamped lines on stderr; syslog as well when configured. */
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static int use_syslog;

void
log_open(const char *ident, int syslog_too)
{
	use_syslog = syslog_too;
	if (use_syslog)
		openlog(ident, LOG_PID, LOG_DAEMON);
}

static void
vlog(int prio, const char *fmt, va_list ap)
{
	char line[2048], stamp[32];
	struct timeval tv;
	struct tm tm;
	va_list aq;

	va_copy(aq, ap);
	vsnprintf(line, sizeof(line), fmt, aq);
	va_end(aq);
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	/* One write per line so lines of several workers do not interleave. */
	fprintf(stderr, "%s.%03ldZ [%ld] %s %s\n", stamp, (long)tv.tv_usec / 1000,
	    (long)getpid(), prio == LOG_ERR ? "error" : "info", line);
	fflush(stderr);
	if (use_syslog)
		syslog(prio, "%s", line);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap);
	va_end(ap);
}
