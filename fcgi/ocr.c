/* ocr.c: the text of certificates, and what it says (see ocr.h). */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <leptonica/allheaders.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include "ocr.h"

#define OCR_MAX_SIDE	4000		/* pixels, either dimension */
#define OCR_MAX_AREA	12000000LL	/* pixels: decoding costs 4 bytes each, OCR more */
#define OCR_DEADLINE_MS	20000		/* Tesseract stops recognising after this */
#define PDF_MAX_PAGES	50
#define PDF_TEXT_PAGES	3		/* the text of at most this many pages */
#define TEXT_MAX	(1024 * 1024)	/* bytes of text kept */

#define MSG_READ	"The document could not be read."
#define MSG_TYPE	"The document must be a PDF, JPEG or PNG file."
#define MSG_BIG		"The image has too many pixels: it must be at most 4,000 " \
			"pixels on each side and 12 megapixels in all."
#define MSG_PAGES	"The PDF has too many pages: it must have at most 50."
#define MSG_SLOW	"The document took too long to read."

static TessBaseAPI	*tess;
static int		 tess_state;	/* 0 not tried, 1 ready, -1 failed */
static int		 quiet;		/* Leptonica's messages are off */

/* ------------------------------------------------------------------ OCR */

/* Creates and initialises the Tesseract API once per process. */
static int
tess_ready(void)
{
	if (tess_state != 0)
		return tess_state > 0;
	tess_state = -1;
	if ((tess = TessBaseAPICreate()) == NULL)
		return 0;
	/* tprintf's messages ("Estimating resolution as ...") go nowhere. */
	TessBaseAPISetVariable(tess, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(tess, NULL, "eng") != 0) {
		TessBaseAPIDelete(tess);
		tess = NULL;
		return 0;
	}
	TessBaseAPISetVariable(tess, "debug_file", "/dev/null");
	tess_state = 1;
	return 1;
}

/*
 * The frame size of a JPEG from its marker segments, read up to the first
 * SOFn without decoding, so that libjpeg (which prints to stderr) never
 * sees a file whose header is damaged. 0, or -1 when a segment runs past
 * the end or there is no frame header.
 */
static int
jpeg_size(const unsigned char *p, size_t len, int *w, int *h)
{
	size_t i = 2, seg;
	unsigned m;

	for (;;) {
		if (i >= len || p[i] != 0xff)
			return -1;
		while (i < len && p[i] == 0xff)
			i++;
		if (i >= len)
			return -1;
		m = p[i++];
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7))
			continue;
		if (m == 0x00 || m == 0xd8 || m == 0xd9 || m == 0xda || len - i < 2)
			return -1;
		seg = (size_t)p[i] << 8 | p[i + 1];
		if (seg < 2 || seg > len - i)
			return -1;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (seg < 8)
				return -1;
			*h = p[i + 3] << 8 | p[i + 4];
			*w = p[i + 5] << 8 | p[i + 6];
			return 0;
		}
		i += seg;
	}
}

/* A malloc'd copy of at most TEXT_MAX bytes of s, cut at a UTF-8 boundary. */
static char *
text_copy(const char *s)
{
	size_t n = strlen(s);
	char *out;

	if (n > TEXT_MAX) {
		n = TEXT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static const char *
image_text(const unsigned char *p, size_t len, int png, char **text)
{
	const char *err = MSG_READ;
	ETEXT_DESC *monitor = NULL;
	PIX *pix = NULL, *flat;
	char *t = NULL;
	l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;

	if (!quiet) {
		setMsgSeverity(L_SEVERITY_NONE);	/* Leptonica: no stderr */
		quiet = 1;
	}
	/* The size from the header, before anything is decoded. */
	if (!png && (jpeg_size(p, len, &w, &h) < 0 ||
	    w > OCR_MAX_SIDE || h > OCR_MAX_SIDE || (long long)w * h > OCR_MAX_AREA))
		return w > 0 && h > 0 ? MSG_BIG : MSG_READ;
	if (pixReadHeaderMem(p, len, &fmt, &w, &h, &bps, &spp, &cmap) != 0 ||
	    fmt != (png ? IFF_PNG : IFF_JFIF_JPEG) || w <= 0 || h <= 0)
		return MSG_READ;
	if (w > OCR_MAX_SIDE || h > OCR_MAX_SIDE || (long long)w * h > OCR_MAX_AREA)
		return MSG_BIG;
	if (!tess_ready())
		return MSG_READ;
	if ((pix = pixReadMem(p, len)) == NULL ||
	    pixGetWidth(pix) != w || pixGetHeight(pix) != h)
		goto done;
	if (pixGetSpp(pix) == 4) {	/* transparency over white, not black */
		if ((flat = pixRemoveAlpha(pix)) == NULL)
			goto done;
		pixDestroy(&pix);
		pix = flat;
	}
	if ((monitor = TessMonitorCreate()) == NULL)
		goto done;
	TessMonitorSetDeadlineMSecs(monitor, OCR_DEADLINE_MS);
	TessBaseAPISetImage2(tess, pix);
	if (TessBaseAPIRecognize(tess, monitor) != 0) {
		err = MSG_SLOW;
		goto done;
	}
	if ((t = TessBaseAPIGetUTF8Text(tess)) == NULL)
		goto done;
	if ((*text = text_copy(t)) != NULL)
		err = NULL;
done:
	if (t != NULL)
		TessDeleteText(t);
	if (tess != NULL)
		TessBaseAPIClear(tess);
	if (monitor != NULL)
		TessMonitorDelete(monitor);
	if (pix != NULL)
		pixDestroy(&pix);
	return err;
}

static const char *
pdf_text(const unsigned char *p, size_t len, char **text)
{
	PopplerDocument *doc;
	GBytes *bytes;
	GError *gerr = NULL;
	GString *all;
	int n, i;

	if (len > INT_MAX)
		return MSG_READ;
	/* The document keeps a reference to bytes; it is gone before p is. */
	bytes = g_bytes_new_static(p, len);
	doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (doc == NULL) {
		g_clear_error(&gerr);
		return MSG_READ;
	}
	n = poppler_document_get_n_pages(doc);
	if (n <= 0 || n > PDF_MAX_PAGES) {
		g_object_unref(doc);
		return n <= 0 ? MSG_READ : MSG_PAGES;
	}
	all = g_string_new(NULL);
	for (i = 0; i < n && i < PDF_TEXT_PAGES && all->len < TEXT_MAX; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		char *t;

		if (page == NULL)
			continue;
		if ((t = poppler_page_get_text(page)) != NULL) {
			if (all->len > 0)
				g_string_append_c(all, '\f');
			g_string_append(all, t);
			g_free(t);
		}
		g_object_unref(page);
	}
	g_object_unref(doc);
	*text = text_copy(all->str);
	g_string_free(all, TRUE);
	return *text != NULL ? NULL : MSG_READ;
}

const char *
ocr_text(const void *data, size_t len, const char *type, char **text)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const unsigned char *p = data;

	*text = NULL;
	if (p == NULL || len == 0 || type == NULL)
		return MSG_TYPE;
	if (strcmp(type, "application/pdf") == 0)
		return len >= 5 && memcmp(p, "%PDF-", 5) == 0 ?
		    pdf_text(p, len, text) : MSG_READ;
	if (strcmp(type, "image/png") == 0)
		return len >= 8 && memcmp(p, png_sig, 8) == 0 ?
		    image_text(p, len, 1, text) : MSG_READ;
	if (strcmp(type, "image/jpeg") == 0)
		return len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff ?
		    image_text(p, len, 0, text) : MSG_READ;
	return MSG_TYPE;
}

/* ------------------------------------------------------- certificate_parse */

struct body {
	const char	*code;
	const char	*acronyms[3];	/* whole words, exactly as written */
	const char	*names[4];	/* whole words, any case and spacing */
};

/* In the order of the awarding_bodies table (sql/migrations/0002-reference.sql). */
static const struct body bodies[] = {
	{ "city_guilds", { NULL }, { "city & guilds", "city and guilds", "city_guilds", NULL } },
	{ "eal", { "EAL", NULL }, { "excellence, achievement & learning", NULL } },
	{ "lcl", { "LCL", NULL }, { "lcl awards", NULL } },
	{ "nocn", { "NOCN", NULL }, { NULL } },
	{ "net", { "NET", NULL }, { "national electrotechnical training", NULL } },
	{ "sqa", { "SQA", NULL }, { "scottish qualifications authority", NULL } },
	{ "ecctis", { NULL }, { "ecctis", NULL } },
	{ "citb", { "CITB", NULL }, { "construction industry training board", NULL } },
	{ "ecitb", { "ECITB", "CCNSG", NULL },
	    { "engineering construction industry training board", NULL } },
	{ "iosh", { "IOSH", NULL }, { "institution of occupational safety and health", NULL } },
	{ "nebosh", { "NEBOSH", NULL }, { NULL } },
	{ "iet", { "IET", NULL }, { "the iet", "institution of engineering and technology", NULL } },
	{ "jib", { "JIB", NULL }, { "joint industry board", NULL } },
};

/* A body's certificate numbers: the prefix, then groups of digits joined
 * by sep (which also follows the prefix when it is not 0). */
struct pattern {
	const char	*body;
	const char	*prefix;
	char		 sep;
	int		 groups[2];	/* digits in each; 0 ends */
};

static const struct pattern patterns[] = {
	{ "city_guilds", "CG", 0, { 7, 0 } },
	{ "eal", "EAL", '-', { 4, 5 } },
	{ "lcl", "LCL", '/', { 6, 0 } },
	{ "nocn", "NOCN", '-', { 7, 0 } },
	{ "net", "AM2", '-', { 4, 5 } },
};

/* Words that end a name (compared in lower case). */
static const char *const name_stops[] = {
	"has", "have", "having", "had", "was", "is", "been", "be", "who",
	"successfully", "achieved", "awarded", "completed", "for", "on", "in",
	"date", "dob", "born", "birth", "candidate", "number", "no", "no.",
	"certificate", "qualification", "level", "registration", "ref",
	"reference", "the", "of", "and", "with", "at", "uln", "name", NULL
};

/* Lower-case words allowed inside a name. */
static const char *const name_particles[] = {
	"van", "von", "de", "der", "den", "del", "della", "da", "di", "du",
	"la", "le", "bin", "binti", "al", "ap", "ter", NULL
};

static int
wordch(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* At a word's start in a line beginning at line. */
static int
word_start(const char *line, const char *s)
{
	return s == line || !wordch((unsigned char)s[-1]);
}

/*
 * Whether s starts with label, in any case, a space in the label matching
 * none or one in s, and the label ending a word there. Returns the end of
 * the match or NULL.
 */
static const char *
match_label(const char *s, const char *label)
{
	for (; *label != '\0'; label++) {
		if (*label == ' ') {
			if (*s == ' ')
				s++;
			continue;
		}
		if (tolower((unsigned char)*s) != tolower((unsigned char)*label))
			return NULL;
		s++;
	}
	if (wordch((unsigned char)label[-1]) && wordch((unsigned char)*s))
		return NULL;
	return s;
}

/* The end of label's first match as a word in line, or NULL. */
static const char *
find_label(const char *line, const char *label)
{
	const char *s, *e;

	for (s = line; *s != '\0'; s++)
		if (word_start(line, s) && (e = match_label(s, label)) != NULL)
			return e;
	return NULL;
}

/* Whether word (exact case) is in line as a whole word. */
static int
has_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	const char *s;

	for (s = line; (s = strstr(s, word)) != NULL; s++)
		if (word_start(line, s) && !wordch((unsigned char)s[n]))
			return 1;
	return 0;
}

/*
 * A malloc'd copy of text split into lines (NUL-terminated, one after
 * another, *n of them): spacing collapsed, empty lines dropped, Unicode
 * dashes, quotes, no-break spaces and ligatures made ASCII.
 */
static char *
split_lines(const char *text, size_t *n)
{
	const unsigned char *s = (const unsigned char *)text;
	char *buf, *o;
	int space = 0;

	*n = 0;
	if ((buf = malloc(strlen(text) + 2)) == NULL)
		return NULL;
	o = buf;
	for (; *s != '\0'; s++) {
		int c = *s;

		if (c == 0xc2 && s[1] == 0xa0) {		/* no-break space */
			s++;
			c = ' ';
		} else if (c == 0xe2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x95) {
			s += 2;					/* dashes */
			c = '-';
		} else if (c == 0xe2 && s[1] == 0x88 && s[2] == 0x92) {
			s += 2;					/* minus */
			c = '-';
		} else if (c == 0xe2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99)) {
			s += 2;					/* quotes */
			c = '\'';
		} else if (c == 0xef && s[1] == 0xac && (s[2] == 0x81 || s[2] == 0x82)) {
			if (space && o > buf && o[-1] != '\0')
				*o++ = ' ';
			space = 0;
			*o++ = 'f';
			c = s[2] == 0x81 ? 'i' : 'l';		/* fi, fl */
			s += 2;
		}
		if (c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			if (o > buf && o[-1] != '\0') {
				*o++ = '\0';
				(*n)++;
			}
			space = 0;
			continue;
		}
		if (c == ' ' || c < 0x20 || c == 0x7f) {
			space = 1;
			continue;
		}
		if (space && o > buf && o[-1] != '\0')
			*o++ = ' ';
		space = 0;
		*o++ = (char)c;
	}
	if (o > buf && o[-1] != '\0') {
		*o++ = '\0';
		(*n)++;
	}
	*o = '\0';
	return buf;
}

/* The digit an OCR'd character stands for inside a number, or -1. */
static int
digit_like(int c, int *real)
{
	*real = c >= '0' && c <= '9';
	if (*real)
		return c - '0';
	if (c == 'O' || c == 'o')
		return 0;
	if (c == 'l' || c == 'I' || c == '|')
		return 1;
	return -1;
}

/* Reads n digits at *sp (single spaces between them allowed) into out;
 * counts the real ones in *real. */
static int
read_digits(const char **sp, int n, char *out, int *real)
{
	const char *s = *sp;
	int i, d, r;

	for (i = 0; i < n; i++) {
		if (i > 0 && *s == ' ')
			s++;
		if ((d = digit_like((unsigned char)*s, &r)) < 0)
			return -1;
		*real += r;
		out[i] = (char)('0' + d);
		s++;
	}
	*sp = s;
	return 0;
}

/* A number of pattern pt at s (a word's start), normalised into out. */
static int
match_pattern(const char *s, const struct pattern *pt, char *out, size_t cap)
{
	char digits[16];
	size_t o;
	int g, real = 0, total = 0;

	/* The prefix in any case; it may run into the digits ("CG4210037"). */
	if (strncasecmp(s, pt->prefix, strlen(pt->prefix)) != 0)
		return -1;
	s += strlen(pt->prefix);
	o = (size_t)snprintf(out, cap, "%s", pt->prefix);
	for (g = 0; g < 2 && pt->groups[g] > 0; g++) {
		if (*s == ' ')
			s++;
		if (pt->sep != 0) {
			if (*s != pt->sep)
				return -1;
			s++;
			if (*s == ' ')
				s++;
		}
		if (read_digits(&s, pt->groups[g], digits, &real) < 0)
			return -1;
		total += pt->groups[g];
		if (o + 2 + (size_t)pt->groups[g] > cap)
			return -1;
		if (pt->sep != 0)
			out[o++] = pt->sep;
		memcpy(out + o, digits, (size_t)pt->groups[g]);
		o += (size_t)pt->groups[g];
	}
	out[o] = '\0';
	if (wordch((unsigned char)*s) || real * 2 < total)
		return -1;
	return 0;
}

static const char *
find_number(char *buf, size_t n, char *out, size_t cap)
{
	static const char *const labels[] = {
		"certificate number", "certificate no", "cert number", "cert no",
		"cert. no", NULL
	};
	const char *line, *s, *v;
	size_t i, j, k;

	for (line = buf, i = 0; i < n; line += strlen(line) + 1, i++)
		for (s = line; *s != '\0'; s++) {
			if (!word_start(line, s))
				continue;
			for (j = 0; j < sizeof(patterns) / sizeof(patterns[0]); j++)
				if (match_pattern(s, &patterns[j], out, cap) == 0)
					return patterns[j].body;
		}

	/* The word after a label, on its line or the next. */
	for (line = buf, i = 0; i < n; line += strlen(line) + 1, i++)
		for (j = 0; labels[j] != NULL; j++) {
			if ((v = find_label(line, labels[j])) == NULL)
				continue;
			while (*v == ' ' || *v == ':' || *v == '.' || *v == '#' || *v == '=')
				v++;
			if (*v == '\0' && i + 1 < n)
				v = line + strlen(line) + 1;
			for (k = 0; k + 1 < cap && (isalnum((unsigned char)v[k]) ||
			    v[k] == '/' || v[k] == '-' || v[k] == '.' || v[k] == '_'); k++)
				out[k] = v[k];
			while (k > 0 && strchr("/-._", out[k - 1]) != NULL)
				k--;
			out[k] = '\0';
			if (k >= 3 && strpbrk(out, "0123456789") != NULL)
				return "";
			out[0] = '\0';
			break;
		}
	out[0] = '\0';
	return NULL;
}

static int
in_list(const char *const *list, const char *w)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, w) == 0)
			return 1;
	return 0;
}

/* A name's words from s into out, or -1 when there is none. */
static int
read_name(const char *s, char *out, size_t cap)
{
	char word[64], lower[64];
	size_t o = 0, wl, i;
	int words = 0, letters, last = 0, stop;

	out[0] = '\0';
	while (*s == ' ' || *s == ':' || *s == '-')
		s++;
	while (*s != '\0' && !last && words < 8) {
		for (wl = 0; s[wl] != '\0' && s[wl] != ' '; wl++)
			;
		if (wl >= sizeof(word))
			break;
		memcpy(word, s, wl);
		word[wl] = '\0';
		s += wl;
		while (*s == ' ')
			s++;
		if (wl > 1 && (word[wl - 1] == ',' || word[wl - 1] == ';')) {
			word[--wl] = '\0';
			last = 1;
		}
		for (i = 0, letters = 0, stop = 0; i < wl; i++) {
			unsigned char c = (unsigned char)word[i];

			if (isalpha(c) || c >= 0x80)
				letters++;
			else if (c != '-' && c != '\'' && c != '.')
				stop = 1;
			lower[i] = (char)tolower(c);
		}
		lower[wl] = '\0';
		if (stop || letters == 0 || in_list(name_stops, lower) ||
		    (islower((unsigned char)word[0]) && !in_list(name_particles, lower)))
			break;
		if (o + wl + 2 > cap)
			break;
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, word, wl);
		o += wl;
		out[o] = '\0';
		words++;
	}
	for (i = 0, letters = 0; i < o; i++)
		letters += isalpha((unsigned char)out[i]) || (unsigned char)out[i] >= 0x80;
	if (letters < 2) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

static int
find_name(char *buf, size_t n, char *out, size_t cap)
{
	static const char *const anywhere[] = {
		"this is to certify that", "this certifies that", "awarded to",
		"presented to", NULL
	};
	static const char *const at_start[] = {
		"candidate name", "candidate's name", "name of candidate",
		"learner name", "candidate", "learner", "name", NULL
	};
	const char *line, *v;
	size_t i, j;

	for (line = buf, i = 0; i < n; line += strlen(line) + 1, i++) {
		const char *next = i + 1 < n ? line + strlen(line) + 1 : "";

		for (j = 0; anywhere[j] != NULL; j++)
			if ((v = find_label(line, anywhere[j])) != NULL &&
			    (read_name(v, out, cap) == 0 ||
			    (strspn(v, " :-") == strlen(v) && read_name(next, out, cap) == 0)))
				return 1;
		for (j = 0; at_start[j] != NULL; j++)
			if ((v = match_label(line, at_start[j])) != NULL &&
			    (read_name(v, out, cap) == 0 ||
			    (strspn(v, " :-") == strlen(v) && read_name(next, out, cap) == 0)))
				return 1;
	}
	out[0] = '\0';
	return 0;
}

static int
days_in(int m, int y)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Up to max digits (OCR's O and l allowed) at *sp as a number, or -1. */
static int
read_num(const char **sp, int min, int max, int *real)
{
	const char *s = *sp;
	int v = 0, d, r, i;

	for (i = 0; i < max && (d = digit_like((unsigned char)*s, &r)) >= 0; i++, s++) {
		v = v * 10 + d;
		*real += r;
	}
	if (i < min || (*s >= '0' && *s <= '9'))
		return -1;
	*sp = s;
	return v;
}

/* The month named at *sp (at least its first three letters), or 0. */
static int
read_month(const char **sp)
{
	static const char *const months[] = { "january", "february", "march",
	    "april", "may", "june", "july", "august", "september", "october",
	    "november", "december" };
	const char *s = *sp;
	size_t n, k;
	int m;

	for (n = 0; isalpha((unsigned char)s[n]); n++)
		;
	if (n < 3)
		return 0;
	for (m = 0; m < 12; m++) {
		if (n > strlen(months[m]))
			continue;
		for (k = 0; k < n && tolower((unsigned char)s[k]) == months[m][k]; k++)
			;
		if (k == n && (n == 3 || n == strlen(months[m]) ||
		    (m == 8 && n == 4))) {		/* "Sept" */
			s += n;
			if (*s == '.')
				s++;
			*sp = s;
			return m + 1;
		}
	}
	return 0;
}

static const char *
skip_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* "st", "nd", "rd" or "th" after a day, and spaces. */
static const char *
skip_ordinal(const char *t)
{
	if (strncasecmp(t, "st", 2) == 0 || strncasecmp(t, "nd", 2) == 0 ||
	    strncasecmp(t, "rd", 2) == 0 || strncasecmp(t, "th", 2) == 0)
		t += 2;
	return skip_spaces(t);
}

/* A date at s: yyyy-mm-dd, dd/mm/yyyy (or . -), d Month yyyy or Month d,
 * yyyy, as yyyy-mm-dd in out[11]. */
static int
read_date(const char *s, char out[11])
{
	const char *t;
	int d, m, y, real;
	char sep;

	for (int form = 0; form < 4; form++) {
		t = s;
		d = m = y = -1;
		real = 0;
		switch (form) {
		case 0:		/* 2001-07-06 */
			if ((y = read_num(&t, 4, 4, &real)) < 0 || *t++ != '-' ||
			    (m = read_num(&t, 1, 2, &real)) < 0 || *t++ != '-')
				continue;
			d = read_num(&t, 1, 2, &real);
			break;
		case 1:		/* 06/07/2001 */
			if ((d = read_num(&t, 1, 2, &real)) < 0)
				continue;
			t = skip_spaces(t);
			if (*t != '/' && *t != '.' && *t != '-')
				continue;
			sep = *t;
			t = skip_spaces(t + 1);
			if ((m = read_num(&t, 1, 2, &real)) < 0)
				continue;
			t = skip_spaces(t);
			if (*t != sep)
				continue;
			t = skip_spaces(t + 1);
			y = read_num(&t, 4, 4, &real);
			break;
		case 2:		/* 6th of July, 2001 */
			if ((d = read_num(&t, 1, 2, &real)) < 0)
				continue;
			t = skip_ordinal(t);
			if (strncasecmp(t, "of ", 3) == 0)
				t += 3;
			if ((m = read_month(&t)) == 0)
				continue;
			t = skip_spaces(t);
			if (*t == ',')
				t = skip_spaces(t + 1);
			y = read_num(&t, 4, 4, &real);
			break;
		default:	/* July 6th, 2001 */
			if ((m = read_month(&t)) == 0)
				continue;
			t = skip_spaces(t);
			if ((d = read_num(&t, 1, 2, &real)) < 0)
				continue;
			t = skip_ordinal(t);
			if (*t == ',')
				t = skip_spaces(t + 1);
			y = read_num(&t, 4, 4, &real);
			break;
		}
		if (y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
		    d <= days_in(m, y) && real >= 4) {
			out[0] = (char)('0' + y / 1000);
			out[1] = (char)('0' + y / 100 % 10);
			out[2] = (char)('0' + y / 10 % 10);
			out[3] = (char)('0' + y % 10);
			out[4] = out[7] = '-';
			out[5] = (char)('0' + m / 10);
			out[6] = (char)('0' + m % 10);
			out[8] = (char)('0' + d / 10);
			out[9] = (char)('0' + d % 10);
			out[10] = '\0';
			return 0;
		}
	}
	return -1;
}

/* The first date in line (from s) at a word's start. */
static int
date_in(const char *line, const char *s, char out[11])
{
	for (; *s != '\0'; s++)
		if (word_start(line, s) && read_date(s, out) == 0)
			return 0;
	return -1;
}

static int
find_date(char *buf, size_t n, char out[11])
{
	static const char *const award[] = {
		"date of award", "date awarded", "award date", "awarded on",
		"date of achievement", "achieved on", NULL
	};
	static const char *const births[] = { "birth", "dob", "born", NULL };
	const char *line, *v, *next;
	size_t i, j;
	int pass;

	/* After a label of the award, then after "Date" (not of birth). */
	for (pass = 0; pass < 2; pass++)
		for (line = buf, i = 0; i < n; line += strlen(line) + 1, i++) {
			next = i + 1 < n ? line + strlen(line) + 1 : "";
			for (j = 0; (pass == 0 ? award[j] : j == 0 ? "date" : NULL) != NULL; j++) {
				const char *label = pass == 0 ? award[j] : "date";
				const char *s = line;

				while ((v = find_label(s, label)) != NULL) {
					const char *w = skip_spaces(v);

					s = v;
					if (pass == 1 && (match_label(w, "of birth") != NULL ||
					    match_label(w, "of registration") != NULL))
						continue;
					if (date_in(line, v, out) == 0 ||
					    (strspn(v, " :.-") == strlen(v) &&
					    date_in(next, next, out) == 0))
						return 1;
				}
			}
		}

	/* The first date on a line that does not speak of birth. */
	for (line = buf, i = 0; i < n; line += strlen(line) + 1, i++) {
		for (j = 0; births[j] != NULL && find_label(line, births[j]) == NULL; j++)
			;
		if (births[j] == NULL && date_in(line, line, out) == 0)
			return 1;
	}
	out[0] = '\0';
	return 0;
}

static const char *
find_body(char *buf, size_t n)
{
	const char *line;
	size_t b, i, k;

	for (b = 0; b < sizeof(bodies) / sizeof(bodies[0]); b++)
		for (line = buf, i = 0; i < n; line += strlen(line) + 1, i++) {
			for (k = 0; bodies[b].acronyms[k] != NULL; k++)
				if (has_word(line, bodies[b].acronyms[k]))
					return bodies[b].code;
			for (k = 0; bodies[b].names[k] != NULL; k++)
				if (find_label(line, bodies[b].names[k]) != NULL)
					return bodies[b].code;
		}
	return NULL;
}

int
certificate_parse(const char *text, struct certificate_text *out)
{
	const char *body;
	char *buf;
	size_t n;
	int found = 0;

	memset(out, 0, sizeof(*out));
	if (text == NULL || (buf = split_lines(text, &n)) == NULL)
		return 0;
	body = find_number(buf, n, out->number, sizeof(out->number));
	if (body == NULL || *body == '\0')
		body = find_body(buf, n);
	if (body != NULL)
		snprintf(out->body, sizeof(out->body), "%s", body);
	find_name(buf, n, out->name, sizeof(out->name));
	find_date(buf, n, out->awarded);
	free(buf);
	found += out->body[0] != '\0';
	found += out->number[0] != '\0';
	found += out->name[0] != '\0';
	found += out->awarded[0] != '\0';
	return found;
}
