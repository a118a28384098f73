/* Unit tests of content sniffing, ID photos and documents (fcgi/image.c);
 * the test images are drawn in memory with libgd. */
#include <stdlib.h>

#include <gd.h>

#include "image.h"
#include "tap.h"

#define MB	(5 * 1024 * 1024)

enum fmt { JPEG, PNG, GIF };

/* A w x h picture as a malloc'd JPEG, PNG or GIF. */
static unsigned char *
draw(int w, int h, enum fmt f, size_t *len)
{
	gdImagePtr im = gdImageCreateTrueColor(w, h);
	unsigned char *gdbuf, *out;
	int x, y, size = 0;

	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			gdImageSetPixel(im, x, y, gdTrueColor(x % 256, y % 256, (x + y) % 256));
	gdImageFilledEllipse(im, w / 2, h / 3, w / 2, h / 3, gdTrueColor(240, 200, 170));
	gdbuf = f == JPEG ? gdImageJpegPtr(im, &size, 95) :
	    f == PNG ? gdImagePngPtr(im, &size) : gdImageGifPtr(im, &size);
	gdImageDestroy(im);
	out = malloc((size_t)size);
	memcpy(out, gdbuf, (size_t)size);
	gdFree(gdbuf);
	*len = (size_t)size;
	return out;
}

static int
contains(const unsigned char *p, size_t len, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(p + i, s, n) == 0)
			return 1;
	return 0;
}

/* An accepted photo: the output is a JPEG of the right size. */
static void
check_good(const char *what, const unsigned char *in, size_t len, int w, int h)
{
	struct photo a, b;
	const char *err;
	size_t i;
	int hex = 1;

	err = photo_process(in, len, MB, &a);
	is_str(err, NULL, "%s: accepted", what);
	if (err != NULL)
		return;
	is_str(image_sniff(a.jpeg, a.jpeg_len), "image/jpeg", "%s: output is a JPEG", what);
	ok(a.width == w && a.height == h, "%s: %dx%d", what, a.width, a.height);
	ok(a.thumb != NULL && a.thumb_len > 0 && a.thumb_len < a.jpeg_len,
	    "%s: thumbnail smaller (%zu < %zu bytes)", what, a.thumb_len, a.jpeg_len);
	is_str(image_sniff(a.thumb, a.thumb_len), "image/jpeg", "%s: thumbnail is a JPEG", what);
	ok(!contains(a.jpeg, a.jpeg_len, "CREATOR") && !contains(a.jpeg, a.jpeg_len, "gd-jpeg"),
	    "%s: no encoder comment", what);
	for (i = 0; i < 64; i++)
		hex &= (a.sha256[i] >= '0' && a.sha256[i] <= '9') ||
		    (a.sha256[i] >= 'a' && a.sha256[i] <= 'f');
	ok(hex && a.sha256[64] == '\0', "%s: sha256 is 64 hex digits", what);
	err = photo_process(in, len, MB, &b);
	ok(err == NULL && b.jpeg_len == a.jpeg_len &&
	    memcmp(a.jpeg, b.jpeg, a.jpeg_len) == 0 && strcmp(a.sha256, b.sha256) == 0,
	    "%s: same output and sha256 twice", what);
	photo_free(&a);
	photo_free(&b);
	ok(a.jpeg == NULL && a.thumb == NULL, "%s: photo_free clears", what);
}

static void
check_refused(const char *what, const void *in, size_t len, size_t max, const char *want)
{
	struct photo p;
	const char *err;

	memset(&p, 0xaa, sizeof(p));
	err = photo_process(in, len, max, &p);
	ok(err != NULL && p.jpeg == NULL && p.thumb == NULL, "%s: refused", what);
	if (want != NULL)
		is_str(err, want, "%s: message", what);
}

/* Puts an APP1 "Exif" segment and a COM comment after SOI, and text after EOI. */
static unsigned char *
with_metadata(const unsigned char *jpeg, size_t len, size_t *outlen)
{
	static const unsigned char app1[] = { 0xff, 0xe1, 0x00, 0x1a,
	    'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
	    'G', 'P', 'S', '5', '1', '.', '5', 'N', '-', '0' };
	static const char comment[] = "secret comment from the camera";
	static const char trailer[] = "TRAILING-PAYLOAD";
	size_t clen = sizeof(comment) - 1, n = 0;
	unsigned char *out = malloc(len + sizeof(app1) + clen + 4 + sizeof(trailer));

	memcpy(out, jpeg, 2);
	n = 2;
	memcpy(out + n, app1, sizeof(app1));
	n += sizeof(app1);
	out[n++] = 0xff;
	out[n++] = 0xfe;
	out[n++] = (unsigned char)((clen + 2) >> 8);
	out[n++] = (unsigned char)((clen + 2) & 0xff);
	memcpy(out + n, comment, clen);
	n += clen;
	memcpy(out + n, jpeg + 2, len - 2);
	n += len - 2;
	memcpy(out + n, trailer, sizeof(trailer) - 1);
	n += sizeof(trailer) - 1;
	*outlen = n;
	return out;
}

/* The offset of the first SOF0 segment's length in a JPEG. */
static size_t
sof_at(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 2; i + 9 < len; i++)
		if (p[i] == 0xff && p[i + 1] == 0xc0)
			return i + 2;
	return 0;
}

static void
test_photos(void)
{
	unsigned char *jpg, *png, *small, *wide, *gif, *meta, *bomb, *rnd, *poly;
	size_t jlen, plen, slen, wlen, glen, mlen, rlen = 4096, i, s;
	struct photo p;
	const char *html = "<!DOCTYPE html>\n<html><head><title>Photo</title></head>"
	    "<body><script>alert(document.cookie)</script></body></html>\n";
	const char *text = "This is not a photo, just some plain text.\nSecond line.\n";
	unsigned int seed = 12345;

	jpg = draw(300, 400, JPEG, &jlen);
	png = draw(300, 400, PNG, &plen);
	is_str(image_sniff(jpg, jlen), "image/jpeg", "sniff: JPEG");
	is_str(image_sniff(png, plen), "image/png", "sniff: PNG with no name or type given");
	is_str(image_sniff(html, strlen(html)), "text/html", "sniff: HTML");
	is_str(image_sniff(text, strlen(text)), "text/plain", "sniff: plain text");
	is_str(image_sniff("", 0), "application/octet-stream", "sniff: empty");

	check_good("300x400 JPEG", jpg, jlen, 300, 400);
	check_good("300x400 PNG", png, plen, 300, 400);

	small = draw(299, 400, JPEG, &slen);
	check_refused("299x400", small, slen, MB,
	    "The photo is too small: it must be at least 300 by 400 pixels.");
	wide = draw(500, 400, PNG, &wlen);
	check_refused("500x400", wide, wlen, MB,
	    "The photo must be portrait (taller than it is wide).");
	check_refused("over max_bytes", jpg, jlen, jlen - 1, NULL);
	check_refused("over 5 MB", jpg, (size_t)MB + 1, MB, "The photo is larger than 5 MB.");
	check_refused("plain text", text, strlen(text), MB, "The photo must be a JPEG or PNG image.");
	check_refused("HTML", html, strlen(html), MB, "The photo must be a JPEG or PNG image.");
	gif = draw(300, 400, GIF, &glen);
	check_refused("GIF", gif, glen, MB, "The photo must be a JPEG or PNG image.");
	check_refused("empty", "", 0, MB, "The photo must be a JPEG or PNG image.");

	meta = with_metadata(jpg, jlen, &mlen);
	ok(contains(meta, mlen, "Exif") && contains(meta, mlen, "secret comment"),
	    "metadata: the input has Exif and a comment");
	ok(photo_process(meta, mlen, MB, &p) == NULL, "metadata: accepted");
	ok(p.jpeg != NULL && !contains(p.jpeg, p.jpeg_len, "Exif") &&
	    !contains(p.jpeg, p.jpeg_len, "secret comment") &&
	    !contains(p.jpeg, p.jpeg_len, "GPS") &&
	    !contains(p.jpeg, p.jpeg_len, "TRAILING-PAYLOAD"),
	    "metadata: none of it in the output");
	photo_free(&p);
	free(meta);

	/* Truncated: every cut of the file is refused without a crash. */
	check_refused("truncated JPEG (half)", jpg, jlen / 2, MB, "The photo could not be read.");
	check_refused("truncated JPEG (no EOI)", jpg, jlen - 2, MB, "The photo could not be read.");
	for (i = 3, s = 0; i < jlen; i += 97)
		s += photo_process(jpg, i, MB, &p) != NULL;
	ok(s == (jlen - 3 + 96) / 97, "truncated JPEG: all %zu cuts refused", s);
	for (i = 8, s = 0; i < plen; i += 101) {
		s += photo_process(png, i, MB, &p) != NULL;
	}
	ok(s == (plen - 8 + 100) / 101, "truncated PNG: all %zu cuts refused", s);

	/* Decompression bombs: the header's size is refused before decoding
	 * (the rest of the file no longer matches it). */
	bomb = malloc(plen);
	memcpy(bomb, png, plen);
	memcpy(bomb + 16, "\x00\x01\x86\xa0\x00\x01\x86\xa0", 8);	/* 100000 x 100000 */
	check_refused("PNG header 100000x100000", bomb, plen, MB,
	    "The photo has too many pixels: it must be at most 4,000 pixels on each side "
	    "and 12 megapixels in all.");
	memcpy(bomb + 16, "\x00\x00\x1b\x58\x00\x00\x1f\x40", 8);	/* 7000 x 8000 */
	check_refused("PNG header 7000x8000 (56 MP)", bomb, plen, MB,
	    "The photo has too many pixels: it must be at most 4,000 pixels on each side "
	    "and 12 megapixels in all.");
	memcpy(bomb + 16, "\x80\x00\x00\x00\x80\x00\x00\x00", 8);	/* 2^31 */
	check_refused("PNG header 2^31 x 2^31", bomb, plen, MB, "The photo could not be read.");
	free(bomb);
	bomb = malloc(jlen);
	memcpy(bomb, jpg, jlen);
	s = sof_at(bomb, jlen);
	ok(s != 0, "JPEG has a SOF0");
	memcpy(bomb + s + 3, "\xea\x60\xea\x60", 4);	/* 60000 x 60000 */
	check_refused("JPEG frame 60000x60000", bomb, jlen, MB,
	    "The photo has too many pixels: it must be at most 4,000 pixels on each side "
	    "and 12 megapixels in all.");
	memcpy(bomb + s + 3, "\x02\x58\x01\xc2", 4);	/* 450 x 600: more than the data */
	check_refused("JPEG frame larger than its data", bomb, jlen, MB,
	    "The photo could not be read.");
	free(bomb);

	rnd = malloc(rlen);
	for (i = 0; i < rlen; i++) {
		seed = seed * 1103515245u + 12345u;
		rnd[i] = (unsigned char)(seed >> 16);
	}
	check_refused("random bytes", rnd, rlen, MB, "The photo must be a JPEG or PNG image.");
	rnd[0] = 0xff, rnd[1] = 0xd8, rnd[2] = 0xff, rnd[3] = 0xe0;
	check_refused("random bytes after a JPEG signature", rnd, rlen, MB, NULL);
	free(rnd);

	poly = malloc(3 + strlen(html));
	memcpy(poly, "\xff\xd8\xff", 3);
	memcpy(poly + 3, html, strlen(html));
	check_refused("HTML behind a JPEG signature", poly, 3 + strlen(html), MB, NULL);
	free(poly);

	free(jpg);
	free(png);
	free(small);
	free(wide);
	free(gif);
}

static void
test_documents(void)
{
	static const char pdf[] = "%PDF-1.4\n"
	    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
	    "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
	    "trailer << /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n";
	const char *html = "<html><body><h1>Certificate</h1></body></html>\n";
	const char *type, *err;
	unsigned char *jpg, *gif;
	size_t jlen, glen;

	err = document_check(pdf, sizeof(pdf) - 1, MB, &type);
	ok(err == NULL, "document: PDF accepted");
	is_str(type, "application/pdf", "document: PDF type");
	jpg = draw(200, 100, JPEG, &jlen);
	err = document_check(jpg, jlen, MB, &type);
	ok(err == NULL, "document: JPEG accepted");
	is_str(type, "image/jpeg", "document: JPEG type");
	err = document_check(html, strlen(html), MB, &type);
	is_str(err, "The document must be a PDF, JPEG or PNG file.", "document: HTML refused");
	ok(type == NULL, "document: no type for HTML");
	gif = draw(20, 10, GIF, &glen);
	ok(document_check(gif, glen, MB, &type) != NULL, "document: GIF refused");
	err = document_check(pdf, sizeof(pdf) - 1, 100, &type);
	is_str(err, "The document is larger than 100 bytes.", "document: too large refused");
	err = document_check(jpg, (size_t)MB + 1, MB, &type);
	is_str(err, "The document is larger than 5 MB.", "document: over 5 MB refused");
	ok(document_check("", 0, MB, &type) != NULL, "document: empty refused");
	free(jpg);
	free(gif);
}

int
main(void)
{
	test_photos();
	test_documents();
	return done_testing();
}
