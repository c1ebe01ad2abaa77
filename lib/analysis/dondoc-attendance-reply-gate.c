/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The gate of the attendance-reply reader (dondoc-attendance-reply.h):
   the own words' lines as the reader sees them, the words every reply
   it finds has, and the quick look at a part's whole text that lets
   most mail through without the own words being copied, validated and
   folded with a map. It must never say no where the reader would find
   a reply. Trusts the text to be NFC UTF-8 and nothing else; every scan
   is linear in its input. */

#include "lib.h"
#include "dondoc-compat.h"
#include "str.h"
#include "unichar.h"
#include <ctype.h>
#include "dondoc-text.h"
#include "dondoc-attendance-reply.h"
#include "dondoc-attendance-reply-private.h"

/* Words after "cử" / "ủy quyền" that name a person. */
const char *const reply_person_words[] = {
	"ONG", "BA", "DONG CHI", "DC", "DAI DIEN", "LANH DAO", "CAN BO",
	"PHO", "CHUYEN VIEN", "TRUONG PHONG", "CONG CHUC",
};
const unsigned int reply_person_words_count =
	N_ELEMENTS(reply_person_words);

void reply_line_read(const char *p, const char *end,
		     struct reply_line *line_r)
{
	const char *nl, *next, *next_nl;
	size_t len, lead;

	nl = memchr(p, '\n', end - p);
	len = nl == NULL ? (size_t)(end - p) : (size_t)(nl - p);
	next = nl == NULL ? NULL : nl + 1;
	next_nl = next == NULL ? NULL : memchr(next, '\n', end - next);
	line_r->next = next;
	line_r->starts_quote =
		cmt_line_starts_quote(p, len, next, next == NULL ? 0 :
				      next_nl == NULL ?
				      (size_t)(end - next) :
				      (size_t)(next_nl - next));
	for (lead = 0; lead < len && (p[lead] == ' ' || p[lead] == '\t');
	     lead++) ;
	while (len > 0 && p[len-1] == '\r')
		len--;
	line_r->len = len;
	line_r->quoted = lead < len && p[lead] == '>';
}

/* Words every reply this reader finds has at least one of, at a word
   boundary: the consent words, "cử", "ủy quyền", the "thay" that ends
   every delegation phrase, and the "vắng" or "không thể / không tham /
   không dự" in every absence phrase. A part with none of them (a
   member's report, most mail) is not read further. */
static const char *const reply_anchor_words[] = {
	"DONG Y", "CHAP THUAN", "CHAP NHAN", "CHO PHEP", "CU", "UY QUYEN",
	"THAY", "VANG", "KHONG THE", "KHONG THAM", "KHONG DU",
};

/* reply_anchor_words[REPLY_ANCHOR_CU] is "CU"; reply_anchor_pair() knows
   where the others are */
#define REPLY_ANCHOR_CU 4

/* The anchors that begin with folded bytes c, c2 ("CH", "CU", "DO",
   "KH", "TH", "UY", "VA"): [*first_r, *first_r + count) of
   reply_anchor_words; 0 for none. */
static inline unsigned int
reply_anchor_pair(unsigned char c, unsigned char c2, unsigned int *first_r)
{
	switch (c) {
	case 'C':
		*first_r = c2 == 'H' ? 1 : REPLY_ANCHOR_CU;
		return c2 == 'H' ? 3 : c2 == 'U' ? 1 : 0;
	case 'D':
		*first_r = 0;
		return c2 == 'O' ? 1 : 0;
	case 'K':
		*first_r = 8;
		return c2 == 'H' ? 3 : 0;
	case 'T':
		*first_r = 6;
		return c2 == 'H' ? 1 : 0;
	case 'U':
		*first_r = 5;
		return c2 == 'Y' ? 1 : 0;
	case 'V':
		*first_r = 7;
		return c2 == 'A' ? 1 : 0;
	default:
		return 0;
	}
}

bool reply_may_answer(const struct cmt_fold *fv)
{
	size_t at;
	unsigned int i;

	/* one pass over the word starts, not one search per word */
	for (at = 0; at < fv->flen; at++) {
		char c = fv->f[at];

		if ((c != 'C' && c != 'D' && c != 'K' && c != 'T' &&
		     c != 'U' && c != 'V') ||
		    (at > 0 && (i_isalnum(fv->f[at-1]) ||
				(unsigned char)fv->f[at-1] >= 0x80)))
			continue;
		for (i = 0; i < N_ELEMENTS(reply_anchor_words); i++) {
			if (reply_anchor_words[i][0] == c &&
			    cmt_fold_word_at(fv, at, reply_anchor_words[i]))
				return TRUE;
		}
	}
	return FALSE;
}

static bool reply_person_at(const struct cmt_fold *fv, size_t at)
{
	unsigned int i;

	for (i = 0; i < reply_person_words_count; i++) {
		if (cmt_fold_word_at(fv, at, reply_person_words[i]))
			return TRUE;
	}
	return FALSE;
}

/* The next folded offset >= at where a reply the readers below find can
   start, (size_t)-1 when none: one of reply_anchor_words at word
   boundaries, "CU" only with a person word after it (every other way
   through reply_sends_someone() goes through another anchor word).
   Stricter than reply_may_answer(), and still never passing over what
   reply_consent() or reply_absence() would find. The anchors' first
   letters are found by strcspn() (many bytes at a time), the rest of a
   word start looked at only there. */
static size_t reply_next_anchor(const struct cmt_fold *fv, size_t at)
{
	const unsigned char *f = (const unsigned char *)fv->f;
	size_t flen = fv->flen;
	unsigned int i, first, count;

	for (;; at++) {
		at += strcspn(fv->f + at, "CDKTUV");
		if (at + 1 >= flen)
			return (size_t)-1;
		/* a NUL of the text stops strcspn() too: no pair */
		if ((count = reply_anchor_pair(f[at], f[at+1], &first)) == 0)
			continue;
		if (at > 0 && cmt_fold_is_word(f[at-1]))
			continue;
		for (i = first; i < first + count; i++) {
			const char *word = reply_anchor_words[i];

			/* the third byte first: most words differ there
			   ("THUC", "KHO", "CUA"); f ends in a NUL */
			if (word[2] != '\0' && word[2] != (char)f[at+2])
				continue;
			if (!cmt_fold_word_at_rest(fv, at, word))
				continue;
			if (i != REPLY_ANCHOR_CU ||
			    reply_person_at(fv, cmt_fold_skip_spaces(fv, at + 2)))
				return at;
		}
	}
}

/* Whether the own words of text can hold a reply, looked at before
   anything is copied or mapped: the whole text folded without a map,
   each anchor found kept only when its line is one of the own words
   (before the mail answered, not quoted). Below
   DONDOC_ATTENDANCE_MAX_TEXT bytes of valid UTF-8 the own words are
   those whole lines, each folding as it does here and starting after a
   line end as here, so what is found there at word boundaries is found
   here. Longer text, or text where the fold put a U+FFFD (invalid
   bytes, or one as written), goes the long way. Most mail stops here. */
static bool reply_has_replacement(const char *f, size_t flen)
{
	const char *p = f, *end = f + flen;

	while ((p = memchr(p, 0xEF, end - p)) != NULL) {
		if (end - p >= 3 && memcmp(p, UNICODE_REPLACEMENT_CHAR_UTF8, 3) == 0)
			return TRUE;
		p++;
	}
	return FALSE;
}

/* Where the text's first line beginning the mail answered that starts
   with "-----", "_____", "F" or "O" ("-----Original Message-----",
   "From: ...",
   "On ... wrote:") is, size when none: the own words end there or
   before, and a forwarded or quoted mail's text need not be folded.
   ("Từ:" and "Vào ... đã viết:" are left to the line walk: lines of
   'T' and 'V' are too common to check them all.) */
static size_t reply_separator_cut(const char *text, size_t size)
{
	const char *p = text, *end = text + size, *s;
	struct reply_line line;

	while (p < end) {
		for (s = p; s < end && (*s == ' ' || *s == '\t'); s++) ;
		if (s < end && ((end - s >= 5 &&
				 (memcmp(s, "-----", 5) == 0 ||
				  memcmp(s, "_____", 5) == 0)) ||
				*s == 'F' || *s == 'f' ||
				*s == 'O' || *s == 'o')) {
			reply_line_read(p, end, &line);
			if (line.starts_quote)
				return p - text;
		}
		if ((p = memchr(s, '\n', end - s)) == NULL)
			break;
		p++;
	}
	return size;
}

#if CMT_MAX_TEXT < DONDOC_ATTENDANCE_MAX_TEXT
#  error "the own words must be folded whole for reply_text_may_find()"
#endif
bool reply_text_may_find(const char *text, size_t size)
{
	const char *p = text, *end = text + size, *nl;
	struct reply_line line;
	struct cmt_fold fv;
	unsigned int line_no = 0, anchor_line = 0;
	size_t at, counted = 0;
	char *buf;

	if (size + 1 >= DONDOC_ATTENDANCE_MAX_TEXT)
		return TRUE;
	size = reply_separator_cut(text, size);
	buf = t_malloc_no0(size * 3 + 1);
	i_zero(&fv);
	fv.s = text;
	fv.len = size;
	fv.f = buf;
	fv.flen = dondoc_text_fold_buf(text, size, buf);
	if (reply_has_replacement(buf, fv.flen))
		return TRUE;
	for (at = 0; (at = reply_next_anchor(&fv, at)) != (size_t)-1; at++) {
		/* its line: '\n' folds to itself, and nothing else to '\n' */
		while ((nl = memchr(fv.f + counted, '\n', at - counted)) != NULL) {
			anchor_line++;
			counted = nl - fv.f + 1;
		}
		for (;;) {
			reply_line_read(p, end, &line);
			if (line.starts_quote)
				return FALSE;
			if (line_no == anchor_line)
				break;
			if (line.next == NULL)
				return TRUE;
			line_no++;
			p = line.next;
		}
		if (!line.quoted)
			return TRUE;
	}
	return FALSE;
}
