/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ATTENDANCE_REPLY_PRIVATE_H
#define DONDOC_ATTENDANCE_REPLY_PRIVATE_H

/* Shared by the reader of attendance replies (dondoc-attendance-reply.c)
   and its gate (dondoc-attendance-reply-gate.c), nothing else. */

#include "dondoc-committee-private.h"

/* Words after "cử" / "ủy quyền" that name a person. */
extern const char *const reply_person_words[];
extern const unsigned int reply_person_words_count;

/* One line of the text at p as the own words see it: its length
   without the '\r's ending it, the next line (NULL after the last),
   whether it begins the mail answered, whether it is quoted ("> "). */
struct reply_line {
	size_t len;
	const char *next;
	bool starts_quote, quoted;
};
void reply_line_read(const char *p, const char *end,
		     struct reply_line *line_r);

/* Whether the folded own words hold one of the words every reply the
   reader finds has (the gate after the copy). */
bool reply_may_answer(const struct cmt_fold *fv);
/* Whether the own words of text can hold a reply, looked at before
   anything is copied; never FALSE where the reader finds one. */
bool reply_text_may_find(const char *text, size_t size);

#endif
