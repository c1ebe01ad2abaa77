/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_TEXT_H
#define DONDOC_TEXT_H

/* Text helpers shared by the analysis: the diacritic- and case-insensitive
   "folded" form used for matching Vietnamese words, and line iteration. */

/* Append the folded form of the UTF-8 input to dest: decomposed, marks
   removed, titlecased, with Đ/đ as D. "Báo cáo" -> "BAO CAO".
   Invalid UTF-8 is replaced, never rejected. */
void dondoc_text_fold(const char *input, size_t size, string_t *dest);
const char *dondoc_text_fold_str(const char *input);
/* The same into output, which must hold 3 * size + 1 bytes (no string
   object, no zeroing: for hot loops). NUL-terminates; returns the length. */
size_t dondoc_text_fold_buf(const char *input, size_t size, char *output);
/* The same, and map (3 * size + 1 entries) gets for each output byte the
   input offset of the character it came from, map[length] = size. */
size_t dondoc_text_fold_map(const char *input, size_t size, char *output,
			    unsigned int *map);

/* Compare an ASCII-plus-Đ abbreviation case-insensitively ("Ttr" = "TTr",
   "qđ" = "QĐ"), keeping Đ distinct from D. */
bool dondoc_text_abbrev_equals(const char *a, size_t a_len, const char *b);

/* Iterate over lines of text: returns FALSE at the end. *line_r and
   *len_r exclude the line terminator (LF, CRLF or CR). */
bool dondoc_text_next_line(const char *text, size_t size, size_t *pos,
			   const char **line_r, size_t *len_r);

/* Strip leading and trailing white space (ASCII and U+00A0). */
void dondoc_text_trim(const char **s, size_t *len);

/* A table row of DONDOC_TEXT_ROW_MIN_CELLS cells or more, as the html and
   office converters wrote it into dest from row_start (each cell's
   paragraphs on lines of their own, the cells starting at cell_starts),
   rewritten as one line: each cell's text on it, white space collapsed,
   the cells separated by tabs, empty ones kept, so that a table of work
   (Nội dung | Đơn vị chủ trì | ...) reads row by row. Narrower rows (the
   two-column Decree 30 header) are left alone. An empty cell adds a
   tab: the row grows by a byte a cell at most, and is left alone when
   dest would pass max_len bytes. */
#define DONDOC_TEXT_ROW_MIN_CELLS 3
#define DONDOC_TEXT_ROW_MAX_CELLS 16
void dondoc_text_table_row(string_t *dest, size_t row_start,
			   const size_t *cell_starts, unsigned int cells,
			   size_t max_len);

#endif
