/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* Plain spaces and hyphens for their typographic and invisible variants
   (see dondoc-spacing.h). Trusts only that the text is valid UTF-8 (each
   part's text is, after its charset conversion); a truncated sequence
   at the end is left alone. */

#include "lib.h"
#include "str.h"
#include "dondoc-spacing.h"

/* The first byte that may begin a character to replace, or size. */
static size_t spacing_first(const unsigned char *p, size_t size)
{
	static const unsigned char leads[] = { 0xC2, 0xE2, 0xEF };
	const unsigned char *q;
	size_t first = size;
	unsigned int i;

	/* memchr per lead byte: most text has none of them (Vietnamese
	   letters lead with C3, C4, C6 and E1); each pass costs about 0.1
	   instruction a byte */
	for (i = 0; i < N_ELEMENTS(leads); i++) {
		if ((q = memchr(p, leads[i], first)) != NULL)
			first = q - p;
	}
	return first;
}

/* The character at p (n bytes left): its length if it is replaced, with
   *repl_r the byte it becomes ('\0': removed); 0 if it stays. */
static size_t spacing_char(const unsigned char *p, size_t n, char *repl_r)
{
	if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0xAD)) {
		/* no-break space; soft hyphen */
		*repl_r = p[1] == 0xA0 ? ' ' : '\0';
		return 2;
	}
	if (n < 3)
		return 0;
	if (p[0] == 0xE2 && p[1] == 0x80) {
		if (p[2] <= 0x8A || p[2] == 0xAF)
			*repl_r = ' ';		/* U+2000..U+200A, U+202F */
		else if (p[2] <= 0x8F)
			*repl_r = '\0';		/* U+200B..U+200F */
		else if (p[2] <= 0x91)
			*repl_r = '-';		/* U+2010, U+2011 */
		else
			return 0;
		return 3;
	}
	if (p[0] == 0xE2 && p[1] == 0x81 && (p[2] == 0x9F || p[2] == 0xA0)) {
		/* medium mathematical space; word joiner */
		*repl_r = p[2] == 0x9F ? ' ' : '\0';
		return 3;
	}
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		/* byte order mark */
		*repl_r = '\0';
		return 3;
	}
	return 0;
}

void dondoc_spacing_normalize(string_t *text)
{
	unsigned char *p = buffer_get_modifiable_data(text, NULL);
	size_t size = str_len(text), in, out, n;
	char repl;

	in = out = spacing_first(p, size);
	while (in < size) {
		if (p[in] < 0xC2 || (n = spacing_char(p + in, size - in,
						       &repl)) == 0) {
			p[out++] = p[in++];
			continue;
		}
		if (repl != '\0')
			p[out++] = repl;
		in += n;
	}
	str_truncate(text, out);
}
