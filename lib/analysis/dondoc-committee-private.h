/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_COMMITTEE_PRIVATE_H
#define DONDOC_COMMITTEE_PRIVATE_H

/* Shared by the readers of the committee's documents (dondoc-meeting.c,
   dondoc-assignment.c, dondoc-deadline.c, dondoc-attendance.c): a folded
   view of a text that maps back to the bytes as written, labelled lines,
   bounded fields, times and dates. Not for use outside lib/analysis/. */

#include <ctype.h>
#include "dondoc-document-private.h"

/* Bytes of one value looked at (a labelled value with its continuation
   lines, one assignment's text): the rest is cut, with the field warning
   when it would have been kept. */
#define CMT_MAX_TEXT (4 * DONDOC_MAX_FIELD_BYTES)
/* Continuation lines of one labelled value or one assignment. */
#define CMT_MAX_LINES 40

/* Text folded for matching (dondoc_text_fold: "Sở Y tế" -> "SO Y TE"),
   with map[i] the offset in s of the character folded byte i came from;
   map[flen] == len. Made on the data stack. */
struct cmt_fold {
	const char *s;
	size_t len;
	const char *f;
	size_t flen;
	const unsigned int *map;
};

void cmt_fold_init(struct cmt_fold *fv, const char *s, size_t len);
/* A byte of a word in folded text: a letter, a digit or any byte of a
   character that did not fold to ASCII. */
static inline bool cmt_fold_is_word(char c)
{
	return i_isalnum(c) || (unsigned char)c >= 0x80;
}
/* Whether f[at..] starts with the folded word(s) word, ending at a word
   boundary. Inline: most calls (each word of a list tried at each
   offset) end at the first byte. */
bool cmt_fold_word_at_rest(const struct cmt_fold *fv, size_t at,
			   const char *word);
static inline bool cmt_fold_word_at(const struct cmt_fold *fv, size_t at,
				    const char *word)
{
	if (word[0] != '\0' && (at >= fv->flen || fv->f[at] != word[0]))
		return FALSE;
	return cmt_fold_word_at_rest(fv, at, word);
}
/* The first folded offset >= from where word starts at a word boundary,
   or (size_t)-1. */
size_t cmt_fold_find(const struct cmt_fold *fv, size_t from,
		     const char *word);
size_t cmt_fold_skip_spaces(const struct cmt_fold *fv, size_t at);

/* A field being collected: pieces joined with one space, bounded at
   DONDOC_MAX_FIELD_BYTES (cut at a character boundary); finished into
   the parse's pool, with the document's field warning when cut. */
struct cmt_field {
	string_t *str;
	bool cut;
};
void cmt_field_init(struct cmt_field *field);
void cmt_field_append(struct cmt_field *field, const char *s, size_t len);
const char *cmt_field_finish(struct doc_parse *dp, struct cmt_field *field);
/* Trimmed of spaces and ",;:." at both ends, then bounded. */
const char *cmt_field_value(struct doc_parse *dp, const char *s, size_t len);

/* The length of a list or numbering mark at the line's start ("- ",
   "+ ", "• ", "1. ", "2.1. ", "a) ", "II. "), 0 when none. *numbered_r
   tells a number or letter from a dash. */
size_t cmt_bullet_len(const char *s, size_t len, bool *numbered_r);

/* "14 giờ 00 phút", "14 giờ", "8h00", "8h", "08g30", "14:00", "2 giờ
   chiều" in folded text from at: the first one found before end.
   Returns FALSE when none; *at_r, *end_r the folded span. */
bool cmt_parse_time(const struct cmt_fold *fv, size_t at, size_t end,
		    unsigned int *hour_r, unsigned int *min_r,
		    size_t *at_r, size_t *end_r);
/* A date in the text as written (doc_parse_date), or "ngày 24/3"
   without its year, taken from year (0: none). "YYYY-MM-DD" on the data
   stack, NULL when none. */
const char *cmt_parse_date(const char *s, size_t len, unsigned int year);
/* The year of the document's own date, 0 when it has none. */
unsigned int cmt_doc_year(const struct dondoc_document *doc);

/* dondoc-deadline.c: the deadline and recurrence of one assignment's
   text. All offsets are folded (struct cmt_fold); dates on the data
   stack. */
struct cmt_deadline {
	const char *date;
	enum dondoc_deadline_kind kind;
	const char *recurrence;
	unsigned int rec_day, rec_month;
	/* the deadline's words [text_at, text_end) and where the work's
	   words end (cut_at <= text_at: "hoàn thành", "thời hạn:" before
	   them); all fv->flen when there is no deadline */
	size_t cut_at, text_at, text_end;
	/* the recurrence's words, rec_at == rec_end when none */
	size_t rec_at, rec_end;
};
/* Find them in fv. whole: fv is a table cell that holds only the
   deadline ("Tháng 7/2026", "Quý III/2026", "30/6/2026", "Thường
   xuyên"), so no leading word is needed. year: the document's, for dates
   written without one (0: none). FALSE when neither was found. */
bool cmt_parse_deadline(const struct cmt_fold *fv, bool whole,
			unsigned int year, struct cmt_deadline *dl_r);

/* dondoc-assignment-words.c: the bytes of the agency head at folded
   offset at ("Sở" before a capital, "Công an", "UBND", "Các sở",
   "STTTT"), 0 when none there. */
size_t cmt_agency_head(const struct cmt_fold *fv, size_t at);
/* The group an agency name stands for ("departments", "districts",
   "communes", "members", "all"), NULL for one agency. */
const char *cmt_agency_group(const char *agency);
bool cmt_work_verb_at(const struct cmt_fold *fv, size_t at);
/* Where the agency name that starts at folded offset at ends: before
   the verb that begins the work, "chủ trì", "phối hợp", a '(' ':' or
   ';'. need_head: return at when no agency head is there. */
size_t cmt_agency_end(const struct cmt_fold *fv, size_t at, size_t end,
		      bool need_head);

/* Make the folded form of lines [first, dp->end) (doc_line_folded
   caches it in the parse's data stack frame), so that a reader may then
   work a line at a time in a frame of its own. */
void cmt_fold_lines(struct doc_parse *dp, unsigned int first);

/* Lines that end a labelled value or a list: closing formulas, the
   signature block, "Nơi nhận". */
bool cmt_line_is_closing(const char *folded);
/* A line that begins a quoted earlier mail (an attribution line, an
   Outlook header block with NEXT its next line, "-----Original Message"):
   what follows is not the writer's. */
bool cmt_line_starts_quote(const char *s, size_t len,
			   const char *next, size_t next_len);

#endif
