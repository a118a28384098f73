/*
 * fuzz.h: what the libFuzzer harnesses share. Each harness defines
 * LLVMFuzzerTestOneInput over one parser of outside input (tests/fuzz/README
 * in HACKING.md, "Fuzzing"); a crash, a sanitizer report, a leak or a
 * broken invariant (abort) is a finding.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The input as a NUL-terminated string (a copy; free it). */
static inline char *
fuzz_string(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* An invariant of the parser's answer; a broken one is a finding. */
#define FUZZ_ASSERT(c) do { if (!(c)) { \
	fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #c); \
	abort(); } } while (0)

/* The path of a schema of fcgi/ (FCGI_DIR, set by the Makefile). */
#define FUZZ_SCHEMA(name)	FCGI_DIR "/" name

#endif
