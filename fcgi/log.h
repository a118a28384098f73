/* log.h: one line per event to stderr, and to syslog when configured. */
#ifndef LOG_H
#define LOG_H

void	log_open(const char *ident, int use_syslog);
void	log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
