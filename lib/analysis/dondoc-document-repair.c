/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Line repairs before the Decree 30 reader sees the text: what html and
   portal copies, PDF text layers and narrow columns do to a document.
   '|' table residue becomes cells (tabs), a markdown rule row a
   separator; a whole header on one line ("UBND ... CỘNG HÒA ... Độc lập
   ... Số: ... ngày ...") is split into the stacked layout; stray
   combining marks (a mark cut off its letter by a space, a mark that
   composes with nothing) are put back or dropped; a type line glued to
   the year of the date ("năm2010BÁOCÁO") goes to a line of its own;
   "Số:" alone, "Số: 05" before its symbol or a date line ending in
   "ngày" or in its month is joined with the line that continues it, and "Số:     /TTr-VPCP" closes up. Input: the
   lines as dondoc-document.c split them, valid NFC UTF-8; every test is
   a linear scan of one line, and lines that need nothing are kept as
   they are (no copy). */

/* memmem */
#define _GNU_SOURCE
#include "lib.h"
#include "str.h"
#include <ctype.h>
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-nfc.h"
#include "dondoc-document-private.h"

#define REPAIR_PIPE	0x01
#define REPAIR_MARK	0x02
#define REPAIR_GLUE	0x04

/* "ăm" (of "năm") ends at s[i-1]: a year may follow */
static bool ends_nam(const char *s, size_t i)
{
	return i >= 4 && s[i-1] == 'm' && (unsigned char)s[i-2] == 0x83 &&
		(unsigned char)s[i-3] == 0xC4 && (s[i-4] == 'n' || s[i-4] == 'N');
}

/* Is the "ăm" at s[i-3..i) (of "năm") glued to a year and a word after
   it ("năm2010BÁOCÁO", "năm 2010BÁO")? */
static bool glued_year_at(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == ' ')
		i++;
	return i + 4 < len && i_isdigit(s[i]) && i_isdigit(s[i+1]) &&
		i_isdigit(s[i+2]) && i_isdigit(s[i+3]) &&
		((s[i+4] >= 'A' && s[i+4] <= 'Z') ||
		 (unsigned char)s[i+4] >= 0xC3);
}

/* The next glued year at or after from, NULL if none. */
static const char *next_glued_year(const char *text, const char *end,
				   const char *from)
{
	const char *p = from;

	/* memchr for the second byte of "ă" (C4 83): vectorised, unlike a
	   search for the three bytes */
	while (p < end && (p = memchr(p, 0x83, end - p)) != NULL) {
		if (p - text >= 2 && (unsigned char)p[-1] == 0xC4 &&
		    p + 1 < end && p[1] == 'm' &&
		    (p[-2] == 'n' || p[-2] == 'N') &&
		    glued_year_at(p - 1, end - p + 1, 3))
			return p - 1;
		p++;
	}
	return NULL;
}

/* The next "CỘNG H" (of the national motto) at or after from: memchr
   for the last byte of "Ộ" (E1 BB 98), which little else in Vietnamese
   text ends with, then a look around it. */
static const char *next_motto(const char *text, const char *end,
			      const char *from)
{
	const char *p = from;

	while (p < end && (p = memchr(p, 0x98, end - p)) != NULL) {
		if (p - text >= 3 && p[-3] == 'C' &&
		    (unsigned char)p[-2] == 0xE1 &&
		    (unsigned char)p[-1] == 0xBB &&
		    end - p >= 5 && memcmp(p + 1, "NG H", 4) == 0)
			return p - 3;
		p++;
	}
	return NULL;
}

struct repair_scan {
	const char *text, *end;
	bool pipes, marks;
	/* the next glued year and national motto in the text */
	const char *glue, *motto;
};

static void repair_scan_init(struct repair_scan *scan, const char *text,
			     size_t size)
{
	i_zero(scan);
	scan->text = text;
	scan->end = text + size;
	scan->pipes = memchr(text, '|', size) != NULL;
	scan->marks = memchr(text, 0xCC, size) != NULL ||
		memchr(text, 0xCD, size) != NULL;
	scan->glue = next_glued_year(text, scan->end, text);
	scan->motto = next_motto(text, scan->end, text);
}

/* What a line needs; the text-wide searches move along with the lines
   (which point into the text, in order), so that a line that needs
   nothing costs a few comparisons. */
static unsigned int repair_needs(struct repair_scan *scan, const char *s,
				 size_t len, bool *motto_r)
{
	unsigned int needs = 0;

	*motto_r = FALSE;
	if (s < scan->text || s + len > scan->end)
		return 0;
	if (scan->pipes && memchr(s, '|', len) != NULL)
		needs |= REPAIR_PIPE;
	if (scan->marks && (memchr(s, 0xCC, len) != NULL ||
			    memchr(s, 0xCD, len) != NULL))
		needs |= REPAIR_MARK;
	while (scan->glue != NULL && scan->glue < s)
		scan->glue = next_glued_year(scan->text, scan->end, s);
	if (scan->glue != NULL && scan->glue < s + len)
		needs |= REPAIR_GLUE;
	while (scan->motto != NULL && scan->motto < s)
		scan->motto = next_motto(scan->text, scan->end, s);
	if (scan->motto != NULL && scan->motto < s + len)
		*motto_r = TRUE;
	return needs;
}

static void line_push(ARRAY_TYPE(doc_line) *out, const char *s, size_t len,
		      bool quoted)
{
	struct doc_line *line = array_append_space(out);

	dondoc_text_trim(&s, &len);
	line->s = s;
	line->len = len;
	line->quoted = quoted;
}

/* '|' between cells: tabs, the spaces around it dropped (a cell begins
   right after its tab, as the number line finder expects); a rule row of
   a markdown table: a separator */
static void repair_pipes(const char **s, size_t *len)
{
	const char *in = *s;
	char *copy = t_malloc_no0(*len + 1);
	size_t i, o = 0, n = *len;
	bool rule = TRUE;

	for (i = 0; i < n; i++) {
		if (in[i] == '|') {
			while (o > 0 && copy[o-1] == ' ')
				o--;
			copy[o++] = '\t';
			while (i + 1 < n && in[i+1] == ' ')
				i++;
			continue;
		}
		if (in[i] != '-' && in[i] != ':' && in[i] != ' ' &&
		    in[i] != '\t')
			rule = FALSE;
		copy[o++] = in[i];
	}
	copy[o] = '\0';
	*s = rule ? "---" : copy;
	*len = rule ? 3 : o;
	dondoc_text_trim(s, len);
	while (*len > 0 && (*s)[0] == '\t') {
		(*s)++; (*len)--;
	}
	while (*len > 0 && (*s)[*len - 1] == '\t')
		(*len)--;
}

static bool is_mark(unichar_t chr)
{
	return chr >= 0x0300 && chr <= 0x036F;
}

/* A mark after a space goes back onto the letter before the space; the
   line is composed again, and a mark that still stands alone is
   dropped. */
static void repair_marks(const char **s, size_t *len)
{
	string_t *joined = t_str_new(*len), *nfc = t_str_new(*len);
	const char *p = *s, *end = *s + *len;
	size_t i, n;
	unichar_t chr;
	int clen;

	while (p < end) {
		clen = uni_utf8_get_char_n(p, end - p, &chr);
		if (clen <= 0)
			clen = 1, chr = 0;
		if (is_mark(chr)) {
			n = str_len(joined);
			while (n > 0 && str_data(joined)[n-1] == ' ')
				n--;
			str_truncate(joined, n);
		}
		str_append_data(joined, p, clen);
		p += clen;
	}
	dondoc_nfc_append(str_data(joined), str_len(joined), nfc);
	str_truncate(joined, 0);
	p = str_c(nfc);
	n = str_len(nfc);
	for (i = 0; i < n; ) {
		clen = uni_utf8_get_char_n(p + i, n - i, &chr);
		if (clen <= 0)
			clen = 1, chr = 0;
		if (!is_mark(chr))
			str_append_data(joined, p + i, clen);
		i += clen;
	}
	*s = str_c(joined);
	*len = str_len(joined);
}

/* The cell or part of the line at which a one-line header splits. */
static bool header_split_at(const char *s, size_t len, size_t i)
{
	static const char *const starts[] = {
		"C\xe1\xbb\x98NG H", /* CỘNG H */
		"\xc4\x90\xe1\xbb\x99" "c l\xe1\xba\xadp", /* Độc lập */
		"\xc4\x90\xe1\xba\xa2NG C\xe1\xbb\x98NG", /* ĐẢNG CỘNG */
		"S\xe1\xbb\x91:", /* Số: */
	};
	unsigned int k;

	if (i == 0 || s[i-1] != ' ')
		return FALSE;
	for (k = 0; k < N_ELEMENTS(starts); k++) {
		size_t n = strlen(starts[k]);

		if (len - i >= n && memcmp(s + i, starts[k], n) == 0)
			return TRUE;
	}
	return FALSE;
}

/* "... VIỆT NAM Độc lập ..." and "... Hạnh phúc Số: ...": the ends of
   the motto split too */
static size_t header_split_after(const char *s, size_t len, size_t i)
{
	static const char *const ends[] = {
		"VI\xe1\xbb\x86T NAM ", /* VIỆT NAM */
		"H\xe1\xba\xa1nh ph\xc3\xba" "c ", /* Hạnh phúc */
	};
	unsigned int k;

	for (k = 0; k < N_ELEMENTS(ends); k++) {
		size_t n = strlen(ends[k]);

		if (len - i >= n && memcmp(s + i, ends[k], n) == 0)
			return i + n;
	}
	return 0;
}

/* The whole header on one line: the national motto with its second
   line ("Độc lập") and something before or after them. */
static bool is_oneline_header(const char *s, size_t len)
{
	const char *motto, *doclap;

	if (len < 60 || len > 600)
		return FALSE;
	motto = memmem(s, len, "C\xe1\xbb\x98NG H", 7);
	if (motto == NULL)
		return FALSE;
	doclap = memmem(motto, s + len - motto,
			"\xc4\x90\xe1\xbb\x99" "c l\xe1\xba\xadp", 9);
	return doclap != NULL && motto > s &&
		memmem(doclap, s + len - doclap, "ng\xc3\xa0y", 5) != NULL;
}

static void segment_push(ARRAY_TYPE(doc_line) *out, const char *s,
			 size_t len, bool quoted)
{
	dondoc_text_trim(&s, &len);
	if (len > 0)
		line_push(out, s, len, quoted);
}

static void split_oneline_header(ARRAY_TYPE(doc_line) *out, const char *s,
				 size_t len, bool quoted)
{
	size_t i, start = 0, after;

	for (i = 0; i < len; i++) {
		if (s[i] == '\t') {
			segment_push(out, s + start, i - start, quoted);
			start = i + 1;
		} else if (i > start && header_split_at(s, len, i)) {
			segment_push(out, s + start, i - start, quoted);
			start = i;
		} else if ((after = header_split_after(s, len, i)) != 0) {
			segment_push(out, s + start, after - start, quoted);
			start = i = after;
			i--;
		}
	}
	segment_push(out, s + start, len - start, quoted);
}

/* "Lào Cai, ngày 15 tháng 12 năm2010BÁOCÁO": the type line after the
   year goes to a line of its own. */
static void split_glued_year(ARRAY_TYPE(doc_line) *out, const char *s,
			     size_t len, bool quoted)
{
	size_t i;

	for (i = 0; i + 4 < len; i++) {
		if (i_isdigit(s[i]) &&
		    (ends_nam(s, i) || (i > 0 && s[i-1] == ' ' &&
					ends_nam(s, i - 1))) &&
		    i_isdigit(s[i+1]) && i_isdigit(s[i+2]) &&
		    i_isdigit(s[i+3]) &&
		    ((s[i+4] >= 'A' && s[i+4] <= 'Z') ||
		     (unsigned char)s[i+4] >= 0xC3)) {
			line_push(out, s, i + 4, quoted);
			line_push(out, s + i + 4, len - i - 4, quoted);
			return;
		}
	}
	line_push(out, s, len, quoted);
}

/* "Số" or "Số:" alone on its line */
static bool is_bare_so(const struct doc_line *line)
{
	size_t len = line->len;

	if (len < 2 || len > 6 || (line->s[0] != 'S' && line->s[0] != 's'))
		return FALSE;
	if (line->s[len-1] == ':')
		len--;
	return strcmp(doc_fold_n(line->s, len), "SO") == 0;
}

/* a line ending in "ngày" (the date wrapped after it) */
static bool ends_ngay(const struct doc_line *line)
{
	const char *s = line->s;
	size_t len = line->len;

	return len >= 5 && memcmp(s + len - 4, "g\xc3\xa0y", 4) == 0 &&
		(s[len-5] == 'n' || s[len-5] == 'N') &&
		(len == 5 || s[len-6] == ' ' || s[len-6] == ',');
}

/* "Số: 05" with the symbol wrapped to the next line ("/KH-SNV" of a
   narrow cell: "Số: 05 /KH-SNV" breaks at its space) */
static bool so_number_wrapped(const struct doc_line *line,
			      const struct doc_line *next)
{
	const char *s = line->s;
	size_t len = line->len, i = len;

	if (len < 4 || len > 16 || (s[0] != 'S' && s[0] != 's') ||
	    !i_isdigit(s[len-1]) ||
	    (next->s[0] != '/' && (next->s[0] != '-' || next->len < 2 ||
				   !i_isupper(next->s[1]))))
		return FALSE;
	while (i > 0 && i_isdigit(s[i-1]))
		i--;
	while (i > 0 && (s[i-1] == ' ' || s[i-1] == ':'))
		i--;
	return i < len && strcmp(doc_fold_n(s, i), "SO") == 0;
}

/* The date wrapped after its month: "Kiên Giang, ngày 14 tháng 3" /
   "năm 2023", or "..., ngày 14 tháng" / "3 năm 2023" */
static bool date_wrapped_in_month(const struct doc_line *line,
				  const struct doc_line *next)
{
	const char *const *w, *const *nw;
	char last = line->s[line->len-1], first = next->s[0];
	unsigned int n;

	if (line->len > 80 || next->len > 40 ||
	    !((i_isdigit(last) && (first == 'n' || first == 'N')) ||
	      ((last == 'g' || last == 'G') && i_isdigit(first))))
		return FALSE;
	w = doc_fold_words(line->s, line->len);
	for (n = 0; w[n] != NULL; n++) ;
	if (i_isdigit(last)) {
		nw = doc_fold_words(next->s, I_MIN(next->len, 8));
		return n >= 4 && strcmp(w[n-2], "THANG") == 0 &&
			strcmp(w[n-4], "NGAY") == 0 && nw[0] != NULL &&
			strcmp(nw[0], "NAM") == 0;
	}
	return n >= 3 && strcmp(w[n-1], "THANG") == 0 &&
		strcmp(w[n-3], "NGAY") == 0;
}

/* "Số:          /TTr-VPCP": the blank left for the number */
static void close_number_gap(struct doc_line *line)
{
	const char *s = line->s, *colon;
	size_t len = line->len, gap, at;
	char *copy;

	if (len < 8 || (s[0] != 'S' && s[0] != 's') ||
	    (colon = memchr(s, ':', I_MIN(len, 6))) == NULL)
		return;
	at = colon - s + 1;
	for (gap = 0; at + gap < len && s[at + gap] == ' '; gap++) ;
	if (gap < 3 || at + gap >= len ||
	    (s[at + gap] != '/' && !i_isdigit(s[at + gap])) ||
	    strcmp(doc_fold_n(s, colon - s), "SO") != 0)
		return;
	copy = t_malloc_no0(len - gap + 2);
	memcpy(copy, s, at);
	copy[at] = ' ';
	memcpy(copy + at + 1, s + at + gap, len - at - gap);
	copy[len - gap + 1] = '\0';
	line->s = copy;
	line->len = len - gap + 1;
}

static void join_next(struct doc_line *line, struct doc_line *next,
		      const char *glue)
{
	line->s = t_strdup_printf("%.*s%s%.*s", (int)line->len, line->s, glue,
				  (int)next->len, next->s);
	line->len = strlen(line->s);
	next->s = "";
	next->len = 0;
	next->folded = NULL;
}

/* Does any line holding the national motto hold the whole header? */
static bool text_has_oneline_header(const char *text, size_t size)
{
	const char *end = text + size, *p = text, *start, *nl;

	while (p < end && (p = next_motto(text, end, p)) != NULL) {
		for (start = p; start > text && start[-1] != '\n'; start--) ;
		nl = memchr(p, '\n', end - p);
		if (nl == NULL)
			nl = end;
		if (is_oneline_header(start, nl - start))
			return TRUE;
		p = nl;
	}
	return FALSE;
}

static void repair_joins(ARRAY_TYPE(doc_line) *lines);

ARRAY_TYPE(doc_line) *doc_repair_lines(const char *text, size_t size,
				       ARRAY_TYPE(doc_line) *in,
				       ARRAY_TYPE(doc_line) *out)
{
	struct repair_scan scan;
	const struct doc_line *line;

	repair_scan_init(&scan, text, size);
	if (!scan.pipes && !scan.marks && scan.glue == NULL &&
	    !text_has_oneline_header(text, size)) {
		/* the common case: only joins, in place, no copy */
		repair_joins(in);
		return in;
	}
	array_foreach(in, line) {
		const char *s = line->s;
		size_t len = line->len;
		unsigned int needs;
		bool motto;

		if (len == 0 || len > 2000 ||
		    (needs = repair_needs(&scan, s, len, &motto)) == 0) {
			if (motto && is_oneline_header(s, len))
				split_oneline_header(out, s, len, line->quoted);
			else
				array_push_back(out, line);
			continue;
		}
		if ((needs & REPAIR_PIPE) != 0)
			repair_pipes(&s, &len);
		if ((needs & REPAIR_MARK) != 0)
			repair_marks(&s, &len);
		if (is_oneline_header(s, len))
			split_oneline_header(out, s, len, line->quoted);
		else if ((needs & REPAIR_GLUE) != 0)
			split_glued_year(out, s, len, line->quoted);
		else
			line_push(out, s, len, line->quoted);
	}
	repair_joins(out);
	return out;
}

static void repair_joins(ARRAY_TYPE(doc_line) *lines)
{
	struct doc_line *all;
	unsigned int i, n;

	all = array_get_modifiable(lines, &n);
	for (i = 0; i < n; i++) {
		unsigned int j;

		if (all[i].len == 0)
			continue;
		close_number_gap(&all[i]);
		for (j = i + 1; j < n && j <= i + 2 && all[j].len == 0; j++) ;
		if (j >= n || j > i + 2)
			continue;
		if (is_bare_so(&all[i]) &&
		    (all[j].s[0] == '/' || i_isdigit(all[j].s[0])))
			join_next(&all[i], &all[j], " ");
		else if (ends_ngay(&all[i]) && i_isdigit(all[j].s[0]) &&
			 all[j].len < 80)
			join_next(&all[i], &all[j], " ");
		else if (so_number_wrapped(&all[i], &all[j]) ||
			 date_wrapped_in_month(&all[i], &all[j]))
			join_next(&all[i], &all[j], " ");
	}
}
