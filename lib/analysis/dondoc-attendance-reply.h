/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ATTENDANCE_REPLY_H
#define DONDOC_ATTENDANCE_REPLY_H

/* A mail about attending a meeting (O8 of the regulation, art. 7.5): a
   member asks leave to be absent ("xin vắng mặt", "xin phép không tham
   dự"), sends someone in its place ("cử ông X dự họp thay", "ủy quyền
   cho bà Y tham dự"), or the secretariat consents ("đồng ý cho ... vắng
   mặt", "đồng ý để ông X dự thay"). Read from the writer's own words only:
   quoted lines ("> ") and what follows a reply header (Outlook's
   "-----Original Message-----" or "From: ... Sent:", Thunderbird's "On
   ... wrote:" / "Vào ... đã viết:") are the mail answered, not this one.
   What meeting it is about is what the text cites (a notice's number and
   symbol, the meeting's date); which stored meeting that is, and the
   thread, are the tracker's (lib/tracking/dondoc-attendance.c). Trusts
   the text to be NFC UTF-8 (the analysis makes it so) and nothing else;
   looks at most DONDOC_ATTENDANCE_MAX_TEXT bytes of own words. */

#include "array.h"

#define DONDOC_ATTENDANCE_MAX_TEXT 4000
#define DONDOC_ATTENDANCE_MAX_CITED 4
/* Bytes of the delegate's name and title kept (cut at a character). */
#define DONDOC_ATTENDANCE_MAX_DELEGATE 200

enum dondoc_attendance_kind {
	DONDOC_ATTENDANCE_NONE = 0,
	/* the member will not attend, nobody in its place */
	DONDOC_ATTENDANCE_ABSENT,
	/* someone attends in the member's place */
	DONDOC_ATTENDANCE_DELEGATE,
	/* the chair or secretariat consents to an absence or delegation */
	DONDOC_ATTENDANCE_CONSENT,
};

struct dondoc_attendance_cited {
	const char *number, *symbol;
};
ARRAY_DEFINE_TYPE(dondoc_attendance_cited, struct dondoc_attendance_cited);

struct dondoc_attendance_reply {
	enum dondoc_attendance_kind kind;
	/* "body", "attachment:NAME": the part the words were read in */
	const char *source;
	/* the words that decided, as written (folded span mapped back) */
	const char *words;
	/* who attends in the member's place, as written ("ông Nguyễn Văn
	   B, Phó Giám đốc Sở"), NULL when not written */
	const char *delegate;
	/* the meeting's date as cited ("cuộc họp ngày 15/6/2026"): year 0
	   when written without one ("ngày 15/6"); all 0 when none */
	unsigned int meeting_year, meeting_month, meeting_day;
	/* the own words or the subject speak of a meeting ("họp", "giấy
	   mời", "triệu tập"): without that, only a reply in the meeting
	   notice's thread is about a meeting */
	bool meeting_words;
	/* documents cited ("Giấy mời số 12/GM-BCĐ"), own words then the
	   subject, at most DONDOC_ATTENDANCE_MAX_CITED */
	ARRAY_TYPE(dondoc_attendance_cited) cited;
};

/* Read one part's text (size bytes; subject may be NULL and is searched
   for the meeting context, date and citations too). NULL when the text
   says nothing about attending a meeting. */
const struct dondoc_attendance_reply *
dondoc_attendance_reply_read(pool_t pool, const char *source,
			     const char *text, size_t size,
			     const char *subject);

struct dondoc_document;
/* Whether a part whose text holds docs[0..count) may be a reply: not
   when it holds one of the committee's own documents (minutes, notices,
   conclusions, plans, decisions), which speak of absence and delegation
   without being a reply about them. Quoted documents do not count. */
bool dondoc_attendance_reply_part_is_reply(const struct dondoc_document *docs,
					   unsigned int count);

/* "absent", "delegate", "consent"; NULL for NONE. */
const char *dondoc_attendance_kind_name(enum dondoc_attendance_kind kind);
/* The inverse; NONE when unknown. */
enum dondoc_attendance_kind dondoc_attendance_kind_parse(const char *name);

#endif
