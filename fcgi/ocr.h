/*
 * ocr.h: the text of an uploaded qualification certificate, so that the
 * portal can check it against the awarding bodies' registers. JPEG and PNG
 * images are read with Tesseract (English, through its C API), PDFs through
 * poppler-glib's text layer (no rendering, no JavaScript). Call
 * document_check (image.h) first: ocr_text takes the media type it gives.
 *
 * The only state is one Tesseract API object, created and initialised on
 * first use and reused (about 20 MB of models); if it cannot be initialised
 * every image is refused. Leptonica's messages are silenced on first use,
 * and Tesseract's go to /dev/null. For a single-threaded worker. Tesseract
 * is built with OpenMP on Debian: set OMP_THREAD_LIMIT=1 in a worker's
 * environment (libgomp reads it when the process starts); on two cores
 * OpenMP makes one OCR ten times slower (1.1 s instead of 0.1 s).
 *
 * A returned message is for the person who uploaded the file: a static
 * string.
 */
#ifndef OCR_H
#define OCR_H

#include <stddef.h>

/*
 * The text of a document of media type type ("image/jpeg", "image/png" or
 * "application/pdf", as sniffed; the data must start with that format's
 * signature). Images are refused before decoding when their header gives
 * more than 4,000 pixels on a side or 12 megapixels, and OCR stops after
 * 20 seconds; PDFs are refused with more than 50 pages, the text of at most
 * the first 3 is read (pages separated by a form feed), at most 1 MB of it.
 * Returns NULL and the text in *text (malloc'd, UTF-8, caller frees; "" when
 * there is none), or a message and *text NULL.
 */
const char	*ocr_text(const void *data, size_t len, const char *type,
		    char **text);

/* What a certificate's text says, as far as it can be found. */
struct certificate_text {
	char	body[32];	/* awarding body code: city_guilds, eal, lcl, nocn,
				 * net, sqa, ecctis, citb, ecitb, iosh, nebosh,
				 * iet, jib; or "" */
	char	number[65];	/* the certificate number, or "" */
	char	name[201];	/* the candidate's name as printed, or "" */
	char	awarded[11];	/* yyyy-mm-dd when a date of award is found, or "" */
};

/*
 * Finds in text (e.g. from ocr_text) the awarding body by its name, acronym
 * or code; the certificate number by the bodies' patterns (City & Guilds
 * CG4210037, EAL EAL-1981-10078, LCL Awards LCL/500007, NOCN NOCN-7300019,
 * NET AM2-0203-20011), else the word after "Certificate number" (or
 * "Certificate No", "Cert No"); the candidate's name after "This is to
 * certify that", "Awarded to", or "Candidate", "Candidate name", "Name" at
 * the start of a line (on the same line or the next); and the date of award
 * (dd/mm/yyyy, d Month yyyy or yyyy-mm-dd) after "Date of award", "Awarded
 * on", "Date awarded", "Award date" or "Date", else the first date in the
 * text that is not a date of birth.
 *
 * OCR's mistakes are tolerated: any spacing, labels in any case, a pattern's
 * numeric part with O for 0 or l, I or | for 1 (normalised), dashes of any
 * kind, ligatures. A number found by its pattern is given normalised
 * ("CG4210037"); the body is then the number's, else the first in the
 * awarding_bodies table's order whose name appears. The name keeps its case;
 * its words end at one that cannot be part of a name ("has", "born",
 * "Date", a number...). Pure: no I/O. Returns the number of fields found
 * (0 to 4); *out is always filled (with "" for what is not found).
 */
int		 certificate_parse(const char *text, struct certificate_text *out);

#endif
