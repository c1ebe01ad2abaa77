/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Folding and line helpers for Vietnamese text (see dondoc-text.h). The
   folded form is what matching compares: it is independent of Unicode
   normalization form, letter case and tone marks. */

#include "lib.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-nfc.h"
#include "dondoc-text.h"

static bool is_combining_mark(unichar_t chr)
{
	return (chr >= 0x0300 && chr <= 0x036f) ||
		(chr >= 0x1ab0 && chr <= 0x1aff) ||
		(chr >= 0x1dc0 && chr <= 0x1dff) ||
		(chr >= 0x20d0 && chr <= 0x20ff);
}

/* Decode one UTF-8 character at p (at most n bytes); 0 if invalid. */
static inline int fold_utf8_char(const unsigned char *p, size_t n,
				 unichar_t *chr_r)
{
	if (p[0] >= 0xC2 && p[0] <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80) {
		*chr_r = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if (p[0] >= 0xE0 && p[0] <= 0xEF && n >= 3 &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*chr_r = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) |
			(p[2] & 0x3F);
		if (*chr_r < 0x800 || (*chr_r >= 0xD800 && *chr_r <= 0xDFFF))
			return 0;
		return 3;
	}
	return uni_utf8_get_char_n(p, n, chr_r) > 0 ?
		uni_utf8_char_bytes(p[0]) : 0;
}

/* Eight bytes at p upper-cased into o at once (a byte of o past the
   ASCII ones is written but not counted: the caller's output holds 3
   bytes per input byte); returns how many of them were ASCII, >= 1. */
static inline size_t fold_ascii8(const unsigned char *p, unsigned char *o)
{
	const uint64_t ones = 0x0101010101010101ULL,
		high = 0x8080808080808080ULL;
	uint64_t word, seven, lower, bits;

	memcpy(&word, p, 8);
	bits = word & high;
	seven = word & ~high;
	/* per byte (no carries: each is < 0x80): high bit set if the byte
	   is >= 'a' and not > 'z' */
	lower = (seven + ones * (0x80 - 'a')) & ~(seven + ones * (0x80 - 'z' - 1));
	word ^= (lower & high & ~bits) >> 2;
	memcpy(o, &word, 8);
	if (bits == 0)
		return 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_ctzll(bits) / 8;
#else
	{
		size_t i = 0;

		while (p[i] < 0x80)
			i++;
		return i;
	}
#endif
}

/* The fold of dondoc_text_fold_buf(); with map, map[k] is the input
   offset of the character output byte k came from. */
static inline size_t
text_fold(const char *input, size_t size, char *output, unsigned int *map)
{
	const unsigned char *p = (const unsigned char *)input,
		*start = p, *end = p + size;
	unsigned char *out = (unsigned char *)output, *o = out;
	unichar_t chr;
	size_t k;
	int n;

	/* Table-driven, written in place (this runs on the lines of every
	   message): Latin letters lose their marks through
	   dondoc_nfc_base_letter, other characters are titlecased as
	   Dovecot does. No input byte yields more than 3 output bytes. */
	while (p < end) {
		if (map == NULL && end - p >= 8 && *p < 0x80) {
			size_t ascii = fold_ascii8(p, o);

			p += ascii;
			o += ascii;
			continue;
		}
		if (*p < 0x80) {
			if (map != NULL)
				map[o - out] = p - start;
			*o++ = (*p >= 'a' && *p <= 'z') ? *p - 32 : *p;
			p++;
			continue;
		}
		n = fold_utf8_char(p, end - p, &chr);
		if (map != NULL) {
			/* every byte this character can yield */
			for (k = 0; k < 3; k++)
				map[o - out + k] = p - start;
		}
		if (n <= 0) {
			memcpy(o, UNICODE_REPLACEMENT_CHAR_UTF8, 3);
			o += 3;
			p++;
			continue;
		}
		p += n;
		if (is_combining_mark(chr))
			continue;
		if (chr == 0x0110 || chr == 0x0111) {
			*o++ = 'D';
			continue;
		}
		if (chr == 0x00a0) {
			*o++ = ' ';
			continue;
		}
		chr = dondoc_nfc_base_letter(chr);
		if (chr < 0x80) {
			*o++ = (chr >= 'a' && chr <= 'z') ? chr - 32 : chr;
		} else {
			/* rare: encode through a small buffer */
			buffer_t *tmp = t_buffer_create(8);
			size_t len;

			uni_ucs4_to_utf8_c(uni_ucs4_to_titlecase(chr), tmp);
			len = tmp->used;
			/* a titlecase longer than its source is not used:
			   the output must fit the space reserved */
			if (len <= (size_t)n)
				memcpy(o, tmp->data, len);
			else
				memcpy(o, p - n, len = n);
			o += len;
		}
	}
	*o = '\0';
	return o - out;
}

size_t dondoc_text_fold_buf(const char *input, size_t size, char *output)
{
	return text_fold(input, size, output, NULL);
}

size_t dondoc_text_fold_map(const char *input, size_t size, char *output,
			    unsigned int *map)
{
	size_t len = text_fold(input, size, output, map);

	map[len] = size;
	return len;
}

void dondoc_text_fold(const char *input, size_t size, string_t *dest)
{
	size_t start = str_len(dest), len;
	char *out;

	out = buffer_append_space_unsafe(dest, size * 3 + 1);
	len = dondoc_text_fold_buf(input, size, out);
	buffer_set_used_size(dest, start + len);
}

const char *dondoc_text_fold_str(const char *input)
{
	string_t *str = t_str_new(strlen(input) + 8);

	dondoc_text_fold(input, strlen(input), str);
	return str_c(str);
}

/* Next character of an abbreviation in comparable form: ASCII upper, with
   đ (U+0111) as Đ (U+0110); returns its byte length, 0 at the end. */
static size_t abbrev_char(const char *s, size_t len, unichar_t *chr_r)
{
	int n;

	if (len == 0)
		return 0;
	n = uni_utf8_get_char_n(s, len, chr_r);
	if (n <= 0) {
		*chr_r = (unsigned char)s[0];
		return 1;
	}
	if (*chr_r == 0x0111)
		*chr_r = 0x0110;
	else if (*chr_r < 0x80)
		*chr_r = i_toupper(*chr_r);
	return n;
}

bool dondoc_text_abbrev_equals(const char *a, size_t a_len, const char *b)
{
	size_t b_len = strlen(b), na, nb;
	unichar_t ca, cb;

	for (;;) {
		na = abbrev_char(a, a_len, &ca);
		nb = abbrev_char(b, b_len, &cb);
		if (na == 0 || nb == 0)
			return na == nb;
		if (ca != cb)
			return FALSE;
		a += na; a_len -= na;
		b += nb; b_len -= nb;
	}
}

bool dondoc_text_next_line(const char *text, size_t size, size_t *pos,
			   const char **line_r, size_t *len_r)
{
	size_t start = *pos, i;
	const char *nl, *cr;

	if (start >= size)
		return FALSE;
	/* memchr does the scanning: LF first, then a lone CR before it */
	nl = memchr(text + start, '\n', size - start);
	i = nl == NULL ? size : (size_t)(nl - text);
	cr = memchr(text + start, '\r', i - start);
	if (cr != NULL)
		i = cr - text;
	*line_r = text + start;
	*len_r = i - start;
	if (i < size && text[i] == '\r') {
		i++;
		if (i < size && text[i] == '\n')
			i++;
	} else if (i < size) {
		i++;
	}
	*pos = i;
	return TRUE;
}

void dondoc_text_trim(const char **s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t n = *len;

	for (;;) {
		if (n > 0 && (p[0] == ' ' || p[0] == '\t')) {
			p++; n--;
		} else if (n > 1 && p[0] == 0xc2 && p[1] == 0xa0) {
			p += 2; n -= 2;
		} else {
			break;
		}
	}
	for (;;) {
		if (n > 0 && (p[n-1] == ' ' || p[n-1] == '\t'))
			n--;
		else if (n > 1 && p[n-2] == 0xc2 && p[n-1] == 0xa0)
			n -= 2;
		else
			break;
	}
	*s = (const char *)p;
	*len = n;
}

void dondoc_text_table_row(string_t *dest, size_t row_start,
			   const size_t *cell_starts, unsigned int cells,
			   size_t max_len)
{
	string_t *row;
	unsigned int i;
	size_t end = str_len(dest), from, to, k;
	const char *d;
	bool space;

	if (cells < DONDOC_TEXT_ROW_MIN_CELLS || row_start > end)
		return;
	d = str_c(dest);
	row = t_str_new(end - row_start + 2);
	for (i = 0; i < cells; i++) {
		from = cell_starts[i];
		to = i + 1 < cells ? cell_starts[i+1] : end;
		if (i > 0)
			str_append_c(row, '\t');
		space = FALSE;
		for (k = from; k < to && k < end; k++) {
			char c = d[k];

			if (c == '\n' || c == '\t' || c == ' ' || c == '\r') {
				space = str_len(row) > 0 &&
					str_data(row)[str_len(row)-1] != '\t';
				continue;
			}
			if (space)
				str_append_c(row, ' ');
			space = FALSE;
			str_append_c(row, c);
		}
	}
	str_append_c(row, '\n');
	/* an empty cell may add a tab: at most a byte a cell */
	if (row_start + str_len(row) > max_len)
		return;
	str_truncate(dest, row_start);
	str_append_str(dest, row);
}
