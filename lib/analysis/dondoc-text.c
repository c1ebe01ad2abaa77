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

/* The fold of one valid character chr of n bytes (at src) into o:
   its length, 0 for a mark. */
static size_t fold_char(unichar_t chr, const unsigned char *src, int n,
			unsigned char *o)
{
	buffer_t *tmp;
	size_t len;

	if (is_combining_mark(chr))
		return 0;
	if (chr == 0x0110 || chr == 0x0111) {
		*o = 'D';
		return 1;
	}
	if (chr == 0x00a0) {
		*o = ' ';
		return 1;
	}
	chr = dondoc_nfc_base_letter(chr);
	if (chr < 0x80) {
		*o = (chr >= 'a' && chr <= 'z') ? chr - 32 : chr;
		return 1;
	}
	/* rare: encode through a small buffer */
	tmp = t_buffer_create(8);
	uni_ucs4_to_utf8_c(uni_ucs4_to_titlecase(chr), tmp);
	len = tmp->used;
	/* a titlecase longer than its source is not used: the output must
	   fit the space reserved */
	if (len <= (size_t)n)
		memcpy(o, tmp->data, len);
	else
		memcpy(o, src, len = n);
	return len;
}

/* The folds of U+0080..U+07FF (two bytes) and U+1E00..U+1EFF (three,
   Vietnamese letters) that are one ASCII byte or nothing, built on first
   use from fold_char(); FOLD_SLOW: the others. A constant table, the
   same for every user of the process. */
#define FOLD_SLOW 0
#define FOLD_MARK 0x80
static unsigned char fold_two[0x800 - 0x80];
static unsigned char fold_viet[0x100];
static bool fold_tables_ready = FALSE;

static unsigned char fold_table_value(unichar_t chr)
{
	static const unsigned char src[3] = { 0, 0, 0 };
	unsigned char o[8];
	size_t len = fold_char(chr, src, 3, o);

	if (len == 0)
		return FOLD_MARK;
	return len == 1 && o[0] < 0x80 && o[0] != 0 ? o[0] : FOLD_SLOW;
}

static void fold_tables_init(void)
{
	unichar_t chr;

	for (chr = 0x80; chr < 0x800; chr++)
		fold_two[chr - 0x80] = fold_table_value(chr);
	for (chr = 0x1E00; chr < 0x1F00; chr++)
		fold_viet[chr - 0x1E00] = fold_table_value(chr);
	fold_tables_ready = TRUE;
}

/* The table's fold of the character at p (n bytes left), FOLD_SLOW if
   none; *len_r its bytes. */
static inline unsigned char
fold_table(const unsigned char *p, size_t n, int *len_r)
{
	if (p[0] >= 0xC2 && p[0] <= 0xDF && n >= 2 &&
	    (p[1] & 0xC0) == 0x80) {
		*len_r = 2;
		return fold_two[(((p[0] & 0x1F) << 6) | (p[1] & 0x3F)) - 0x80];
	}
	if (p[0] == 0xE1 && n >= 3 && p[1] >= 0xB8 && p[1] <= 0xBB &&
	    (p[2] & 0xC0) == 0x80) {
		*len_r = 3;
		return fold_viet[((p[1] & 0x03) << 6) | (p[2] & 0x3F)];
	}
	return FOLD_SLOW;
}

/* The fold of dondoc_text_fold_buf(); with map, map[k] is the input
   offset of the character output byte k came from. */
static inline size_t
text_fold(const char *input, size_t size, char *output, unsigned int *map)
{
	const unsigned char *p = (const unsigned char *)input,
		*start = p, *end = p + size;
	unsigned char *out = (unsigned char *)output, *o = out, v;
	unichar_t chr;
	size_t k;
	int n;

	if (!fold_tables_ready)
		fold_tables_init();
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
		if ((v = fold_table(p, end - p, &n)) != FOLD_SLOW) {
			if (v != FOLD_MARK) {
				if (map != NULL)
					map[o - out] = p - start;
				*o++ = v;
			}
			p += n;
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
		o += fold_char(chr, p, n, o);
		p += n;
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
	size_t len = strlen(input);
	char *out = t_malloc_no0(len * 3 + 1);

	(void)dondoc_text_fold_buf(input, len, out);
	return out;
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
	const unsigned char a0 = a_len > 0 ? a[0] : 0, b0 = b[0];
	size_t b_len, na, nb;
	unichar_t ca, cb;

	/* most calls (a word against each abbreviation) differ at the first
	   letter: an ASCII byte compares as itself upper-cased, anything
	   else as a character >= 0x80 */
	if (a_len > 0 && b0 != '\0' && (a0 < 0x80 || b0 < 0x80) &&
	    (a0 >= 0x80 || b0 >= 0x80 || i_toupper(a0) != i_toupper(b0)))
		return FALSE;
	b_len = strlen(b);
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
