/* Unit tests of certificate text (fcgi/ocr.c): certificate_parse on typed
 * texts; ocr_text on certificates drawn in memory with libgd and FreeType
 * (DejaVu Sans) and on PDFs written here byte by byte. */
#include <stdlib.h>
#include <time.h>

#include <gd.h>

#include "ocr.h"
#include "tap.h"

#define FONT	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define MSG_READ "The document could not be read."
#define MSG_BIG	"The image has too many pixels: it must be at most 4,000 " \
		"pixels on each side and 12 megapixels in all."

struct parse_case {
	const char	*what, *text;
	const char	*body, *number, *name, *awarded;
	int		 found;
};

static const struct parse_case cases[] = {
	{ "City & Guilds layout",
	  "City & Guilds\n\nThis is to certify that\n\nJeff Jones\n\n"
	  "has been awarded\nLevel 3 Diploma in Electrical Installations\n"
	  "Certificate number CG4210037\nDate of award 06/07/2001\n",
	  "city_guilds", "CG4210037", "Jeff Jones", "2001-07-06", 4 },
	{ "City & Guilds, one line, OCR'd digits",
	  "CITY&GUILDS This is to certify that SAM CARTER has achieved "
	  "Certificate No: CG 42lOO37 Awarded on 6th July 2001",
	  "city_guilds", "CG4210037", "SAM CARTER", "2001-07-06", 4 },
	{ "EAL layout",
	  "EAL\nCertificate of Achievement\nCandidate: Richard Lee\n"
	  "Date of birth: 25/04/1969\nCertificate number: EAL-1981-10078\n"
	  "Date of award: 14 March 1981\n",
	  "eal", "EAL-1981-10078", "Richard Lee", "1981-03-14", 4 },
	{ "EAL, Unicode dashes and spaces",
	  "  Excellence,   Achievement & Learning\n\tAwarded to   Mary  O'Neil-Smith ,\n"
	  "EAL \xe2\x80\x93 l98l \xe2\x80\x94 1OO78\n",
	  "eal", "EAL-1981-10078", "Mary O'Neil-Smith", "", 3 },
	{ "LCL Awards layout",
	  "LCL Awards\nThis is to certify that\nJeff Jones\nhas successfully completed\n"
	  "Level 1 Award in Health and Safety in a Construction Environment\n"
	  "Certificate No. LCL/500007\nDate: 14/03/2024\n",
	  "lcl", "LCL/500007", "Jeff Jones", "2024-03-14", 4 },
	{ "LCL spacing",
	  "lcl awards\nname: jeff jones\nLCL / 5O0OO7\n",
	  "lcl", "LCL/500007", "", "", 2 },
	{ "NOCN layout",
	  "NOCN\nThis certifies that Kieran Wright has been awarded\n"
	  "Level 4 Diploma in Construction Site Supervision\n"
	  "NOCN-7300019\nAwarded on 17.02.1991\n",
	  "nocn", "NOCN-7300019", "Kieran Wright", "1991-02-17", 4 },
	{ "NET AM2 layout",
	  "National Electrotechnical Training\nAM2 Assessment of Competence\n"
	  "Candidate Name\nSam Carter\nTracking number AM2-0203-20011\n"
	  "Date of award\n12 Mar 2002\n",
	  "net", "AM2-0203-20011", "Sam Carter", "2002-03-12", 4 },
	{ "NET, table layout, lower-case labels",
	  "NET\nCANDIDATE NUMBER 123456\nname   Emma Williams\n"
	  "date of birth 29/05/1990\nam2 - l2lO - 20022\ndate 2012-10-08\n",
	  "net", "AM2-1210-20022", "Emma Williams", "2012-10-08", 4 },
	{ "SQA, number by label",
	  "SQA\nScottish Qualifications Authority\nThis is to certify that\n"
	  "Callum McLeod\nSVQ 3 Electrotechnical Services\n"
	  "Certificate Number: 0123456789\nDate of award 30 June 2019\n",
	  "sqa", "0123456789", "Callum McLeod", "2019-06-30", 4 },
	{ "City & Guilds mentioning the IET",
	  "City and Guilds\nin association with the IET\nAwarded to: Liam Taylor\n"
	  "18th Edition BS 7671:2018\nCert No CG4210333\n",
	  "city_guilds", "CG4210333", "Liam Taylor", "", 3 },
	{ "no body",
	  "Certificate of Attendance\nThis is to certify that\nJohn Green\n"
	  "attended a course\nDate 01/02/2020\n",
	  "", "", "John Green", "2020-02-01", 2 },
	{ "no number",
	  "City & Guilds\nThis is to certify that Gary Morris\n"
	  "Date of award 16 December 1997\n",
	  "city_guilds", "", "Gary Morris", "1997-12-16", 3 },
	{ "only a date of birth",
	  "Name: Paul James\nDate of birth 26/11/2006\n",
	  "", "", "Paul James", "", 1 },
	{ "not a name after the label",
	  "Name of qualification: Level 3 Award\nCandidate number 55\n",
	  "", "", "", "", 0 },
	{ "invalid date",
	  "Date of award 31/02/2001\n", "", "", "", "", 0 },
	{ "nothing", "", "", "", "", "", 0 },
	{ "net is not NET", "the net result is good\n", "", "", "", "", 0 },
};

static void
test_parse(void)
{
	struct certificate_text c;
	size_t i;
	int n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct parse_case *t = &cases[i];

		n = certificate_parse(t->text, &c);
		ok(n == t->found, "parse %s: %d fields (want %d)", t->what, n, t->found);
		is_str(c.body, t->body, "parse %s: body", t->what);
		is_str(c.number, t->number, "parse %s: number", t->what);
		is_str(c.name, t->name, "parse %s: name", t->what);
		is_str(c.awarded, t->awarded, "parse %s: date of award", t->what);
	}
	ok(certificate_parse(NULL, &c) == 0 && c.body[0] == '\0', "parse NULL: nothing");
}

/* A certificate of lines, drawn black on white, as a malloc'd PNG or JPEG. */
static unsigned char *
draw(const char *const *lines, int png, size_t *len)
{
	gdImagePtr im = gdImageCreateTrueColor(1200, 850);
	unsigned char *gdbuf, *out = NULL;
	int brect[8], i, size = 0, y = 110;
	char *err;

	gdImageFilledRectangle(im, 0, 0, 1199, 849, gdTrueColor(255, 255, 255));
	for (i = 0; lines[i] != NULL; i++, y += 95) {
		err = gdImageStringFT(im, brect, gdTrueColor(0, 0, 0), FONT,
		    i == 0 ? 36 : 28, 0, 90, y, (char *)lines[i]);
		if (err != NULL) {
			printf("# gdImageStringFT: %s\n", err);
			gdImageDestroy(im);
			return NULL;
		}
	}
	gdbuf = png ? gdImagePngPtr(im, &size) : gdImageJpegPtr(im, &size, 90);
	gdImageDestroy(im);
	if (gdbuf != NULL && size > 0 && (out = malloc((size_t)size)) != NULL) {
		memcpy(out, gdbuf, (size_t)size);
		*len = (size_t)size;
	}
	gdFree(gdbuf);
	return out;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
check_cert(const char *what, const char *text, const char *body, const char *number,
    const char *name, const char *awarded)
{
	struct certificate_text c;
	int n = certificate_parse(text, &c);

	ok(n == 4, "%s: 4 fields found (%d)", what, n);
	is_str(c.body, body, "%s: body", what);
	is_str(c.number, number, "%s: number", what);
	is_str(c.name, name, "%s: name", what);
	is_str(c.awarded, awarded, "%s: date of award", what);
	if (n != 4) {
		const char *s;

		printf("# text:\n# ");
		for (s = text; *s != '\0'; s++)
			printf(*s == '\n' ? "\n# " : "%c", *s);
		printf("\n");
	}
}

static void
test_images(void)
{
	static const char *const cg[] = { "City & Guilds", "This is to certify that",
	    "Jeff Jones", "has been awarded", "Level 3 Award in Health and Safety",
	    "Certificate number CG4210037", "Date of award 06/07/2001", NULL };
	static const char *const lcl[] = { "LCL Awards", "Candidate: Sam Carter",
	    "Date of birth: 01/05/1980", "Certificate No. LCL/500007",
	    "Date of award: 14 March 2024", NULL };
	unsigned char *img, *bomb;
	size_t len;
	char *text = NULL;
	const char *err;
	double t0, t1;

	if ((img = draw(cg, 1, &len)) == NULL) {
		ok(0, "drew the City & Guilds certificate");
		return;
	}
	t0 = now();
	err = ocr_text(img, len, "image/png", &text);
	t1 = now();
	is_str(err, NULL, "OCR of a PNG certificate (%zu bytes)", len);
	printf("# first OCR (with initialisation): %.2f s\n", t1 - t0);
	if (err == NULL)
		check_cert("OCR PNG", text, "city_guilds", "CG4210037", "Jeff Jones", "2001-07-06");
	free(text);
	text = NULL;

	t0 = now();
	err = ocr_text(img, len, "image/png", &text);
	t1 = now();
	is_str(err, NULL, "OCR of the same PNG again");
	printf("# second OCR: %.2f s\n", t1 - t0);
	free(text);
	text = NULL;

	/* The same file labelled as something else. */
	ok(ocr_text(img, len, "image/jpeg", &text) != NULL && text == NULL,
	    "a PNG labelled image/jpeg refused");
	ok(ocr_text(img, len, "image/gif", &text) != NULL && text == NULL,
	    "an image/gif refused");

	/* A header claiming 30000 x 30000 pixels is refused before decoding
	 * (the data no longer matches it). */
	bomb = malloc(len);
	memcpy(bomb, img, len);
	memcpy(bomb + 16, "\x00\x00\x75\x30\x00\x00\x75\x30", 8);
	t0 = now();
	err = ocr_text(bomb, len, "image/png", &text);
	t1 = now();
	is_str(err, MSG_BIG, "PNG header 30000x30000 refused");
	ok(text == NULL && t1 - t0 < 0.5, "refused before OCR (%.3f s)", t1 - t0);
	memcpy(bomb + 16, "\x00\x00\x0f\xa1\x00\x00\x00\x64", 8);	/* 4001 x 100 */
	is_str(ocr_text(bomb, len, "image/png", &text), MSG_BIG, "PNG header 4001x100 refused");
	memcpy(bomb + 16, "\x00\x00\x0f\xa0\x00\x00\x0b\xb9", 8);	/* 4000 x 3001 */
	is_str(ocr_text(bomb, len, "image/png", &text), MSG_BIG,
	    "PNG header 4000x3001 (12.004 MP) refused");
	free(bomb);
	free(img);

	if ((img = draw(lcl, 0, &len)) == NULL) {
		ok(0, "drew the LCL certificate");
		return;
	}
	t0 = now();
	err = ocr_text(img, len, "image/jpeg", &text);
	t1 = now();
	is_str(err, NULL, "OCR of a JPEG certificate");
	printf("# JPEG OCR: %.2f s\n", t1 - t0);
	if (err == NULL)
		check_cert("OCR JPEG", text, "lcl", "LCL/500007", "Sam Carter", "2024-03-14");
	free(text);
	text = NULL;

	/* A JPEG whose frame header claims 30000 x 30000. */
	{
		size_t i;

		for (i = 2; i + 9 < len; i++)
			if (img[i] == 0xff && img[i + 1] == 0xc0)
				break;
		ok(i + 9 < len, "JPEG has a SOF0");
		memcpy(img + i + 5, "\x75\x30\x75\x30", 4);
		is_str(ocr_text(img, len, "image/jpeg", &text), MSG_BIG,
		    "JPEG frame 30000x30000 refused");
	}
	ok(ocr_text(img, len / 3, "image/jpeg", &text) != NULL && text == NULL,
	    "truncated bomb JPEG refused");
	free(img);
}

/* A PDF of npages pages, the first showing lines in Helvetica, as a
 * malloc'd string with a correct cross-reference table. */
static char *
make_pdf(const char *const *lines, int npages, size_t *len)
{
	size_t cap = 4096 + (size_t)npages * 200, n = 0, off[256];
	char *pdf = malloc(cap), content[2048];
	int obj, nobj = 4 + npages, i, cl = 0;

	cl += snprintf(content + cl, sizeof(content) - (size_t)cl, "BT /F1 24 Tf 72 760 Td 30 TL\n");
	for (i = 0; lines[i] != NULL; i++)
		cl += snprintf(content + cl, sizeof(content) - (size_t)cl, "(%s) '\n", lines[i]);
	cl += snprintf(content + cl, sizeof(content) - (size_t)cl, "ET\n");

	n += (size_t)snprintf(pdf + n, cap - n, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
	for (obj = 1; obj < nobj; obj++) {
		off[obj] = n;
		n += (size_t)snprintf(pdf + n, cap - n, "%d 0 obj\n", obj);
		if (obj == 1)
			n += (size_t)snprintf(pdf + n, cap - n, "<< /Type /Catalog /Pages 2 0 R >>\n");
		else if (obj == 2) {
			n += (size_t)snprintf(pdf + n, cap - n, "<< /Type /Pages /Count %d /Kids [", npages);
			for (i = 0; i < npages; i++)
				n += (size_t)snprintf(pdf + n, cap - n, " %d 0 R", 4 + i);
			n += (size_t)snprintf(pdf + n, cap - n, " ] >>\n");
		} else if (obj == 3)
			n += (size_t)snprintf(pdf + n, cap - n,
			    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\n");
		else if (obj == 4)
			n += (size_t)snprintf(pdf + n, cap - n,
			    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
			    "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\n", nobj);
		else
			n += (size_t)snprintf(pdf + n, cap - n,
			    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\n");
		n += (size_t)snprintf(pdf + n, cap - n, "endobj\n");
	}
	off[nobj] = n;
	n += (size_t)snprintf(pdf + n, cap - n, "%d 0 obj\n<< /Length %d >>\nstream\n%sendstream\nendobj\n",
	    nobj, cl, content);
	{
		size_t xref = n;

		n += (size_t)snprintf(pdf + n, cap - n, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
		for (obj = 1; obj <= nobj; obj++)
			n += (size_t)snprintf(pdf + n, cap - n, "%010zu 00000 n \n", off[obj]);
		n += (size_t)snprintf(pdf + n, cap - n,
		    "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
	}
	*len = n;
	return pdf;
}

static void
test_pdfs(void)
{
	static const char *const cg[] = { "City & Guilds", "This is to certify that",
	    "Jeff Jones", "has been awarded", "Certificate number CG4210037",
	    "Date of award 06/07/2001", NULL };
	static const char *const none[] = { NULL };
	unsigned char rnd[4096];
	unsigned int seed = 4242;
	char *pdf, *text = NULL;
	const char *err;
	size_t len, i;
	double t0, t1;

	pdf = make_pdf(cg, 1, &len);
	t0 = now();
	err = ocr_text(pdf, len, "application/pdf", &text);
	t1 = now();
	is_str(err, NULL, "PDF text layer read (%zu bytes)", len);
	printf("# PDF text: %.3f s\n", t1 - t0);
	if (err == NULL)
		check_cert("PDF", text, "city_guilds", "CG4210037", "Jeff Jones", "2001-07-06");
	free(text);
	text = NULL;
	ok(ocr_text(pdf, len, "image/png", &text) != NULL && text == NULL,
	    "a PDF labelled image/png refused");
	ok(ocr_text(pdf, len / 2, "application/pdf", &text) == NULL || text == NULL,
	    "half a PDF: no crash");
	free(text);
	text = NULL;
	free(pdf);

	pdf = make_pdf(cg, 50, &len);
	err = ocr_text(pdf, len, "application/pdf", &text);
	ok(err == NULL && text != NULL && strstr(text, "CG4210037") != NULL,
	    "50 pages accepted, the first read");
	free(text);
	text = NULL;
	free(pdf);
	pdf = make_pdf(cg, 51, &len);
	is_str(ocr_text(pdf, len, "application/pdf", &text),
	    "The PDF has too many pages: it must have at most 50.", "51 pages refused");
	ok(text == NULL, "51 pages: no text");
	free(pdf);

	pdf = make_pdf(none, 1, &len);
	err = ocr_text(pdf, len, "application/pdf", &text);
	ok(err == NULL && text != NULL && certificate_parse(text, &(struct certificate_text){0}) == 0,
	    "a PDF without text: empty text (\"%s\")", text ? text : "(null)");
	free(text);
	text = NULL;
	free(pdf);

	/* Garbage. */
	for (i = 0; i < sizeof(rnd); i++) {
		seed = seed * 1103515245u + 12345u;
		rnd[i] = (unsigned char)(seed >> 16);
	}
	is_str(ocr_text(rnd, sizeof(rnd), "application/pdf", &text), MSG_READ,
	    "random bytes labelled application/pdf refused");
	is_str(ocr_text(rnd, sizeof(rnd), "image/png", &text), MSG_READ,
	    "random bytes labelled image/png refused");
	is_str(ocr_text(rnd, sizeof(rnd), "image/jpeg", &text), MSG_READ,
	    "random bytes labelled image/jpeg refused");
	memcpy(rnd, "%PDF-1.7\n", 9);
	is_str(ocr_text(rnd, sizeof(rnd), "application/pdf", &text), MSG_READ,
	    "random bytes after a PDF header refused");
	memcpy(rnd, "\x89PNG\r\n\x1a\n", 8);
	is_str(ocr_text(rnd, sizeof(rnd), "image/png", &text), MSG_READ,
	    "random bytes after a PNG signature refused");
	memcpy(rnd, "\xff\xd8\xff\xe0", 4);
	is_str(ocr_text(rnd, sizeof(rnd), "image/jpeg", &text), MSG_READ,
	    "random bytes after a JPEG signature refused");
	ok(ocr_text("", 0, "application/pdf", &text) != NULL && text == NULL, "empty refused");
	ok(ocr_text(rnd, sizeof(rnd), "text/html", &text) != NULL && text == NULL,
	    "text/html refused");
}

int
main(void)
{
	test_parse();
	test_pdfs();
	test_images();
	return done_testing();
}
