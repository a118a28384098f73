/* tap.h: a tiny TAP producer for the unit tests; exit status 1 on any failure. */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) do {						\
	int c_ = (cond) ? 1 : 0;					\
	tap_n++;							\
	if (c_)								\
		printf("ok %d - ", tap_n);				\
	else {								\
		printf("not ok %d - ", tap_n);				\
		tap_failed++;						\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!c_)							\
		printf("#   failed at %s:%d\n", __FILE__, __LINE__);	\
} while (0)

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = g_ != NULL && w_ != NULL ? strcmp(g_, w_) == 0 : g_ == w_; \
	ok(same_, __VA_ARGS__);						\
	if (!same_)							\
		printf("#   got \"%s\", want \"%s\"\n", g_ ? g_ : "(null)", \
		    w_ ? w_ : "(null)");				\
} while (0)

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	printf("# %d passed, %d failed\n", tap_n - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}

#endif
