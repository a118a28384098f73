/* image.c: content sniffing, ID photos and documents (see image.h). */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>
#include <magic.h>
#include <sodium.h>

#include "image.h"

#define PHOTO_MIN_W	300
#define PHOTO_MIN_H	400
#define PHOTO_MAX_SIDE	4000		/* pixels, either dimension: an ID photo needs no more */
#define PHOTO_MAX_AREA	12000000LL	/* pixels: decoding costs 4 bytes each */
#define PHOTO_QUALITY	90
#define THUMB_W		150
#define THUMB_QUALITY	85
#define JPEG_MAX_SCANS	64		/* progressive files have ~10 */

#define MSG_PHOTO_TYPE	"The photo must be a JPEG or PNG image."
#define MSG_PHOTO_SMALL	"The photo is too small: it must be at least 300 by 400 pixels."
#define MSG_PHOTO_BIG	"The photo has too many pixels: it must be at most 4,000 " \
			"pixels on each side and 12 megapixels in all."
#define MSG_PHOTO_SHAPE	"The photo must be portrait (taller than it is wide)."
#define MSG_PHOTO_READ	"The photo could not be read."
#define MSG_DOC_TYPE	"The document must be a PDF, JPEG or PNG file."

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* The media types image_sniff names; anything else is octet-stream. */
static const char *const known_types[] = {
	"image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp",
	"image/tiff", "image/svg+xml", "image/heic", "image/avif",
	"application/pdf", "application/zip", "application/xml",
	"text/html", "text/plain", "text/xml", "text/csv", NULL
};

static magic_t	cookie;
static int	cookie_state;		/* 0 not tried, 1 loaded, -1 failed */
static int	gd_complaints;		/* messages from libgd since reset */

/*
 * libgd prints decoder messages to stderr by default; instead they are
 * counted. libjpeg only warns about damaged data (a truncated scan, a
 * marker inside one) and fills the rest with grey, so a JPEG that drew any
 * message is refused; a failed decode is reported as NULL anyway.
 */
static void
gd_count(int priority, const char *fmt, va_list ap)
{
	(void)priority;
	(void)fmt;
	(void)ap;
	gd_complaints++;
}

/* Opens and loads the magic database once per process, and quietens libgd. */
static int
magic_ready(void)
{
	int flags = MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS |
	    MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_CDF |
	    MAGIC_NO_CHECK_APPTYPE;

#ifdef MAGIC_NO_CHECK_JSON
	flags |= MAGIC_NO_CHECK_JSON;
#endif
	if (cookie_state != 0)
		return cookie_state > 0;
	cookie_state = -1;
	if ((cookie = magic_open(flags)) == NULL)
		return 0;
	if (magic_load(cookie, NULL) != 0) {
		magic_close(cookie);
		cookie = NULL;
		return 0;
	}
	gdSetErrorMethod(gd_count);
	cookie_state = 1;
	return 1;
}

const char *
image_sniff(const void *data, size_t len)
{
	const char *t;
	size_t i;

	if (data == NULL || len == 0 || !magic_ready())
		return "application/octet-stream";
	if ((t = magic_buffer(cookie, data, len)) == NULL)
		return "application/octet-stream";
	for (i = 0; known_types[i] != NULL; i++)
		if (strcmp(t, known_types[i]) == 0)
			return known_types[i];
	return "application/octet-stream";
}

/* "The photo is larger than 5 MB." in buf, for max bytes. */
static const char *
too_big(char *buf, size_t cap, const char *what, size_t max)
{
	const size_t mib = 1024 * 1024;

	if (max >= mib && max % mib == 0)
		snprintf(buf, cap, "The %s is larger than %zu MB.", what, max / mib);
	else if (max >= 1000000 && max % 1000000 == 0)
		snprintf(buf, cap, "The %s is larger than %zu MB.", what, max / 1000000);
	else if (max >= mib)
		snprintf(buf, cap, "The %s is larger than %.1f MB.", what, (double)max / mib);
	else if (max >= 1024)
		snprintf(buf, cap, "The %s is larger than %zu KB.", what, max / 1024);
	else
		snprintf(buf, cap, "The %s is larger than %zu bytes.", what, max);
	return buf;
}

static int
is_jpeg(const unsigned char *p, size_t len)
{
	return len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff;
}

static int
is_png(const unsigned char *p, size_t len)
{
	return len >= sizeof(png_sig) && memcmp(p, png_sig, sizeof(png_sig)) == 0;
}

static int
is_sof(unsigned m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

static int
is_rst(unsigned m)
{
	return m >= 0xd0 && m <= 0xd7;
}

/*
 * Walks a JPEG's marker segments from SOI to EOI without decoding: 0 and
 * the frame's size in *w and *h, or -1 when a segment runs past the end,
 * there is no frame header or scan, or the data ends before EOI (a
 * truncated upload, which libjpeg would decode with grey filler). Bytes
 * after EOI are ignored.
 */
static int
jpeg_frame(const unsigned char *p, size_t len, int *w, int *h)
{
	size_t i = 2, seg;
	int sof = 0, scans = 0;
	unsigned m;

	if (!is_jpeg(p, len))
		return -1;
	for (;;) {
		if (i >= len || p[i] != 0xff)
			return -1;
		while (i < len && p[i] == 0xff)
			i++;
		if (i >= len)
			return -1;
		m = p[i++];
		if (m == 0x01 || is_rst(m))
			continue;
		if (m == 0x00 || m == 0xd8 || m == 0xd9)
			return -1;
		if (len - i < 2)
			return -1;
		seg = (size_t)p[i] << 8 | p[i + 1];
		if (seg < 2 || seg > len - i)
			return -1;
		if (is_sof(m)) {
			if (sof || seg < 8)
				return -1;
			*h = p[i + 3] << 8 | p[i + 4];
			*w = p[i + 5] << 8 | p[i + 6];
			sof = 1;
		}
		i += seg;
		if (m != 0xda)
			continue;
		if (!sof || ++scans > JPEG_MAX_SCANS)
			return -1;
		/* Entropy-coded data: FF is followed by 00 (a stuffed byte),
		 * a restart marker, fill FFs or the next marker. */
		for (;;) {
			const unsigned char *ff = memchr(p + i, 0xff, len - i);

			if (ff == NULL)
				return -1;
			i = (size_t)(ff - p);
			if (i + 1 >= len)
				return -1;
			m = p[i + 1];
			if (m != 0x00 && m != 0xff && !is_rst(m))
				break;
			i++;
		}
		if (m == 0xd9)
			return 0;
	}
}

/* The width and height in a PNG's IHDR, which must be its first chunk. */
static int
png_frame(const unsigned char *p, size_t len, int *w, int *h)
{
	uint32_t pw, ph;

	if (!is_png(p, len) || len < 33 ||
	    memcmp(p + 8, "\0\0\0\x0dIHDR", 8) != 0)
		return -1;
	pw = (uint32_t)p[16] << 24 | (uint32_t)p[17] << 16 | (uint32_t)p[18] << 8 | p[19];
	ph = (uint32_t)p[20] << 24 | (uint32_t)p[21] << 16 | (uint32_t)p[22] << 8 | p[23];
	if (pw > INT_MAX || ph > INT_MAX)
		return -1;
	*w = (int)pw;
	*h = (int)ph;
	return 0;
}

/*
 * A malloc'd copy of the JPEG libgd wrote, without its COM segment
 * ("CREATOR: gd-jpeg ...") or any APP1..APP15; SOI, APP0 (JFIF) and the
 * tables are kept, and everything from SOS on is copied as it is.
 */
static unsigned char *
jpeg_strip(const unsigned char *p, size_t len, size_t *outlen)
{
	unsigned char *out;
	size_t i = 2, o = 2, seg;
	unsigned m;

	if (!is_jpeg(p, len) || (out = malloc(len)) == NULL)
		return NULL;
	memcpy(out, p, 2);
	while (i + 4 <= len && p[i] == 0xff) {
		m = p[i + 1];
		if (m == 0xda) {
			memcpy(out + o, p + i, len - i);
			*outlen = o + (len - i);
			return out;
		}
		seg = (size_t)p[i + 2] << 8 | p[i + 3];
		if (seg < 2 || seg > len - i - 2)
			break;
		if (m != 0xfe && !(m >= 0xe1 && m <= 0xef)) {
			memcpy(out + o, p + i, seg + 2);
			o += seg + 2;
		}
		i += seg + 2;
	}
	free(out);
	return NULL;
}

/* Encodes im as a baseline JPEG without metadata into a malloc'd buffer. */
static unsigned char *
encode(gdImagePtr im, int quality, size_t *len)
{
	unsigned char *gdbuf, *out;
	int size = 0;

	gdImageInterlace(im, 0);
	if ((gdbuf = gdImageJpegPtr(im, &size, quality)) == NULL)
		return NULL;
	out = size > 0 ? jpeg_strip(gdbuf, (size_t)size, len) : NULL;
	gdFree(gdbuf);
	return out;
}

/* Makes im true colour and lays any transparency over white. */
static int
flatten(gdImagePtr im)
{
	int x, y;

	if (!gdImageTrueColor(im) && !gdImagePaletteToTrueColor(im))
		return -1;
	for (y = 0; y < gdImageSY(im); y++)
		for (x = 0; x < gdImageSX(im); x++) {
			int c = gdImageTrueColorPixel(im, x, y);
			int a = gdTrueColorGetAlpha(c), k = gdAlphaMax - a;

			if (a == 0)
				continue;
			gdImageTrueColorPixel(im, x, y) = gdTrueColorAlpha(
			    (gdTrueColorGetRed(c) * k + 255 * a) / gdAlphaMax,
			    (gdTrueColorGetGreen(c) * k + 255 * a) / gdAlphaMax,
			    (gdTrueColorGetBlue(c) * k + 255 * a) / gdAlphaMax, 0);
		}
	gdImageSaveAlpha(im, 0);
	return 0;
}

void
photo_free(struct photo *p)
{
	if (p == NULL)
		return;
	free(p->jpeg);
	free(p->thumb);
	memset(p, 0, sizeof(*p));
}

const char *
photo_process(const void *data, size_t len, size_t max_bytes, struct photo *out)
{
	static char msg[96];
	const unsigned char *p = data;
	const char *type, *err = MSG_PHOTO_READ;
	unsigned char hash[crypto_hash_sha256_BYTES];
	gdImagePtr im = NULL, th = NULL;
	int w = 0, h = 0, png, tw = THUMB_W, thh;

	memset(out, 0, sizeof(*out));
	if (len > max_bytes)
		return too_big(msg, sizeof(msg), "photo", max_bytes);
	if (p == NULL || len == 0 || len > INT_MAX)
		return MSG_PHOTO_TYPE;
	type = image_sniff(p, len);
	if (strcmp(type, "image/jpeg") == 0 && is_jpeg(p, len))
		png = 0;
	else if (strcmp(type, "image/png") == 0 && is_png(p, len))
		png = 1;
	else
		return MSG_PHOTO_TYPE;

	/* The size from the header, before anything is decoded. */
	if ((png ? png_frame(p, len, &w, &h) : jpeg_frame(p, len, &w, &h)) < 0)
		return MSG_PHOTO_READ;
	if (w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE ||
	    (long long)w * h > PHOTO_MAX_AREA)
		return MSG_PHOTO_BIG;
	if (w < PHOTO_MIN_W || h < PHOTO_MIN_H)
		return MSG_PHOTO_SMALL;
	if (h <= w)
		return MSG_PHOTO_SHAPE;

	gd_complaints = 0;
	im = png ? gdImageCreateFromPngPtr((int)len, (void *)p) :
	    gdImageCreateFromJpegPtrEx((int)len, (void *)p, 0);
	if (im == NULL || gdImageSX(im) != w || gdImageSY(im) != h ||
	    (!png && gd_complaints > 0))
		goto fail;
	if (flatten(im) < 0)
		goto fail;
	if ((out->jpeg = encode(im, PHOTO_QUALITY, &out->jpeg_len)) == NULL)
		goto fail;

	thh = (int)(((long long)h * tw + w / 2) / w);
	if ((th = gdImageCreateTrueColor(tw, thh)) == NULL)
		goto fail;
	gdImageCopyResampled(th, im, 0, 0, 0, 0, tw, thh, w, h);
	if ((out->thumb = encode(th, THUMB_QUALITY, &out->thumb_len)) == NULL)
		goto fail;

	out->width = w;
	out->height = h;
	crypto_hash_sha256(hash, out->jpeg, out->jpeg_len);
	sodium_bin2hex(out->sha256, sizeof(out->sha256), hash, sizeof(hash));
	err = NULL;
fail:
	if (th != NULL)
		gdImageDestroy(th);
	if (im != NULL)
		gdImageDestroy(im);
	if (err != NULL)
		photo_free(out);
	return err;
}

const char *
document_check(const void *data, size_t len, size_t max_bytes, const char **type)
{
	static char msg[96];
	const unsigned char *p = data;
	const char *t;

	*type = NULL;
	if (len > max_bytes)
		return too_big(msg, sizeof(msg), "document", max_bytes);
	if (p == NULL || len == 0)
		return MSG_DOC_TYPE;
	t = image_sniff(p, len);
	if ((strcmp(t, "application/pdf") == 0 && len >= 5 && memcmp(p, "%PDF-", 5) == 0) ||
	    (strcmp(t, "image/jpeg") == 0 && is_jpeg(p, len)) ||
	    (strcmp(t, "image/png") == 0 && is_png(p, len))) {
		*type = t;
		return NULL;
	}
	return MSG_DOC_TYPE;
}
