/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DOCUMENT_PRIVATE_H
#define DONDOC_DOCUMENT_PRIVATE_H

/* Shared by the parts of the Decree 30 reader (dondoc-document*.c): the
   line and cell types, the parse state of one document, the bounds, and
   the helpers of each part. Not for use outside lib/analysis/. */

#include "dondoc-document.h"

struct doc_type {
	const char *abbrev, *name, *folded_name;
};


/* How far below the number line the type line may stand. */
#define DOC_TYPE_LINE_WINDOW 12
/* Lines above and below the number line that form the header block. */
#define DOC_HEADER_ABOVE 8
/* below: a narrow column of PDF text wraps the motto and the V/v line,
   pushing the place and date down */
#define DOC_HEADER_BELOW 12
/* Bounds on what is kept per document. */
#define DOC_MAX_RECIPIENTS 20
#define DOC_MAX_REFERENCES 16
#define DOC_MAX_SECTION_BYTES 1000
#define DOC_MAX_SUMMARY_LINES 3
#define DOC_MAX_CELL 256
#define DOC_FOLD_MAX 400


struct doc_line {
	const char *s;
	size_t len;
	bool quoted;
	/* doc_line_cells_cached(): whether cells were made, how many */
	bool cells_made;
	unsigned int cells_count;
	/* folded form of the first DOC_FOLD_MAX bytes, made on first use */
	const char *folded;
	/* its first DOC_LINE_CELLS cells, made on first use */
	const struct doc_cell *cells;
};
ARRAY_DEFINE_TYPE(doc_line, struct doc_line);

/* A cell of a line: table columns come as tabs (html, docx) or as runs
   of spaces (plain text laid out by hand). */
struct doc_cell {
	const char *s;
	size_t len;
};


struct doc_parse {
	pool_t pool;
	const struct doc_line *lines;
	unsigned int count;
	struct dondoc_document *doc;
	/* the number line, and this document's lines: [first, end) */
	unsigned int number_idx, first, end;
	/* where the body starts (after type, summary, recipients) */
	unsigned int body_idx;
};


/* the Decree 30 types, in lookup order */
extern const struct doc_type doc_types[];
extern const unsigned int doc_types_count;

/* dondoc-document-words.c: the vocabulary */
const struct doc_type *doc_type_by_line(const char *line, size_t len);
const char *doc_parse_symbol(const char *s, size_t len, size_t *i);
bool doc_parse_number_line(const char *line, size_t len,
			   const char **number_r, const char **symbol_r);
const struct doc_type *doc_type_by_symbol(const char *symbol);
unsigned int doc_line_cells(const struct doc_line *line,
			    struct doc_cell *cells, unsigned int max);
/* The same for max = DOC_LINE_CELLS, kept in the line on first use (the
   header readers split the same lines again and again). The cache is on
   the data stack: call it only from the parse's own frame (not in a
   T_BEGIN loop), as doc_line_folded(); lines are not changed once the
   repair is done. */
#define DOC_LINE_CELLS 8
unsigned int doc_line_cells_cached(const struct doc_line *line,
				   struct doc_cell *cells);
const char *doc_fold_n(const char *s, size_t len);
const char *doc_line_folded(const struct doc_line *line);
/* The S and s of s[0, end) in order, for the "Số" of number lines and
   citations: each letter found by memchr() (rarer than the lead byte E1
   of Vietnamese letters), and searched again only once passed. */
struct doc_so_search {
	const char *s, *upper, *lower;
	size_t end;
};
void doc_so_search_init(struct doc_so_search *ss, const char *s,
			size_t end);
/* The offset of the first S or s at or after from, (size_t)-1 when
   none; from never goes back. */
size_t doc_so_search_next(struct doc_so_search *ss, size_t from);
bool doc_folded_starts(const char *folded, const char *prefix);
const char *const *doc_fold_words(const char *s, size_t len);
bool doc_word_is_number(const char *w, unsigned int min, unsigned int max,
			unsigned int *num_r);
bool doc_word_is_year(const char *w, unsigned int *year_r);
/* "ngày" at s, in NFC, upper case or without its mark. */
bool doc_is_ngay(const char *s, size_t len);
/* The calendar has that day ("30 tháng 2" is no date). */
bool doc_date_is_valid(unsigned int y, unsigned int m, unsigned int d);
bool doc_parse_date(const char *s, size_t len, const char **date_r,
		    size_t *at_r);
bool doc_cell_is_motto(const char *folded);
bool doc_cell_is_separator(const char *s, size_t len);
void doc_cell_cut_motto(struct doc_cell *cell);
bool doc_cell_is_upper(const char *s, size_t len);
bool doc_cell_is_agency(const char *s, size_t len, const char *folded);
/* A cell of secrecy and urgency marks, folded: "MẬT", "MẬT - KHẨN",
   "(Mật)", "HỎA TỐC HẸN GIỜ", "Độ mật: Mật", "Độ khẩn: Thượng khẩn".
   Sets what it names (NULL for the other); FALSE, setting nothing, when
   a word is no mark ("Mật khẩu", "Độ mật: Bình thường"). */
bool doc_marks_read(const char *folded, const char **secrecy_r,
		    const char **urgency_r);
bool doc_is_lower_start(const char *s, size_t len);
bool doc_line_starts_body(const char *folded);
char doc_heading_prefix(const char *s, size_t len, unsigned int *depth_r);
const char *doc_pool_line(pool_t pool, const char *s, size_t len,
			  size_t max);

/* dondoc-document-repair.c: lines as html copies and PDF text make them,
   repaired: in place in in when only joins are needed (returns in), else
   into out (lines that need nothing copied as they are; returns out) */
ARRAY_TYPE(doc_line) *doc_repair_lines(const char *text, size_t size,
				       ARRAY_TYPE(doc_line) *in,
				       ARRAY_TYPE(doc_line) *out);
bool doc_section_is_none(const char *text);
bool doc_cell_is_title_case(const char *s, size_t len);
bool doc_agency_continues(const char *upper, const char *lower);
bool doc_symbol_split_type(const char *symbol, const char **repaired_r);

/* dondoc-document-header.c */
void doc_parse_header(struct doc_parse *dp);
void doc_parse_title(struct doc_parse *dp);
void doc_parse_recipients(struct doc_parse *dp);

/* dondoc-document-body.c */
void doc_parse_period(struct dondoc_document *doc);
void doc_parse_body(struct doc_parse *dp);

/* dondoc-meeting.c, dondoc-assignment.c, dondoc-attendance.c: the
   committee's own documents (dondoc-committee.h) */
void doc_parse_meeting(struct doc_parse *dp);
void doc_parse_assignments(struct doc_parse *dp);
void doc_parse_attendance(struct doc_parse *dp);

#endif
