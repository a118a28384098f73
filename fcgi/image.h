/*
 * image.h: checking uploaded files by their content (libmagic), never by a
 * file name: ID photos, which are decoded and re-encoded with libgd so that
 * nothing of the uploaded file survives, and certificates or exemption
 * documents. The only state is a libmagic cookie opened on first use (and a
 * silent libgd error handler set then); if the magic database cannot be
 * loaded every file is refused. For a single-threaded worker.
 *
 * A returned message is for the person who uploaded the file: a static
 * string, or (for the size messages) one that lives until the next call of
 * the same function.
 */
#ifndef IMAGE_H
#define IMAGE_H

#include <stddef.h>

/* The media type of data by its content, e.g. "image/jpeg", "image/png",
 * "application/pdf", "text/html", "text/plain"; a static string, or
 * "application/octet-stream" for anything else or when libmagic fails. */
const char	*image_sniff(const void *data, size_t len);

struct photo {
	unsigned char	*jpeg;		/* re-encoded, no metadata (malloc'd) */
	size_t		 jpeg_len;
	unsigned char	*thumb;		/* 150 px wide JPEG (malloc'd) */
	size_t		 thumb_len;
	int		 width, height;	/* of the original */
	char		 sha256[65];	/* hex SHA-256 of jpeg */
};

/*
 * Checks an uploaded ID photo: JPEG or PNG by content, at most max_bytes,
 * at least 300 by 400 pixels, at most 10,000 pixels a side and 40
 * megapixels (checked from the file's header before decoding), portrait.
 * Decodes it and re-encodes it as a baseline JPEG (quality 90, transparency
 * flattened onto white, no APPn or COM segments). Returns NULL and fills
 * *out (free with photo_free), or a message and *out zeroed.
 */
const char	*photo_process(const void *data, size_t len, size_t max_bytes,
		    struct photo *out);
/* Frees what photo_process allocated and zeroes *p; NULL is allowed. */
void		 photo_free(struct photo *p);

/* A certificate or exemption document: PDF, JPEG or PNG by content, at most
 * max_bytes. Returns NULL and the media type (static) in *type, or a
 * message and *type NULL. */
const char	*document_check(const void *data, size_t len, size_t max_bytes,
		    const char **type);

#endif
