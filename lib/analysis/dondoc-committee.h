/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_COMMITTEE_H
#define DONDOC_COMMITTEE_H

/* What the committee's own documents carry beyond the Decree 30 header:
   the meeting a notice or invitation calls (dondoc-meeting.c), the work
   a conclusion notice, plan, minutes or công văn assigns
   (dondoc-assignment.c), and who attended a meeting according to its
   minutes (dondoc-attendance.c). Part of struct dondoc_document
   (dondoc-document.h). Everything is read from the text alone: agency
   names stay as written (resolving them to codes is the store's, with
   dondoc_agency_fold() from dondoc-agency.h), dates are "YYYY-MM-DD"
   strings as the document's own date is (lib/analysis depends on no
   calendar). Every string is NFC UTF-8 and bounded; NULL when not
   written. */

#include "array.h"

/* Bounds on what is kept per document. A document that has more gets
   the first ones and a warning (see dondoc_document.committee_cut). */
#define DONDOC_MAX_ASSIGNMENTS 200
#define DONDOC_MAX_ATTENDEES 100
/* Bytes of one field (what, agency, place, agenda, ...) kept; longer
   text is cut at a character boundary, with a warning. */
#define DONDOC_MAX_FIELD_BYTES 1000

struct dondoc_meeting_info {
	/* "YYYY-MM-DD" and "HH:MM" (24-hour), NULL when not written */
	const char *date, *time;
	/* "Địa điểm:", "Chủ trì:", "Nội dung:", "Thành phần:" as written
	   (lines joined with a space) */
	const char *place, *chair, *agenda, *participants;
};

/* The deadline's precision: a day was written ("trước ngày 30/6/2026"),
   or a period whose last day the deadline is ("tháng 7/2026",
   "quý III/2026", "6 tháng đầu năm 2026", "năm 2026"). The deadline
   string is always the period's last calendar day; the tracker moves a
   period-end deadline to the period's last working day, and a day
   deadline as the calendar rules say. */
enum dondoc_deadline_kind {
	DONDOC_DEADLINE_NONE = 0,
	DONDOC_DEADLINE_DAY,
	DONDOC_DEADLINE_MONTH_END,
	DONDOC_DEADLINE_QUARTER_END,
	DONDOC_DEADLINE_HALF_END,
	DONDOC_DEADLINE_YEAR_END,
};

struct dondoc_assignment {
	/* the agency in charge (chủ trì) as written: "Sở Y tế",
	   "Công an tỉnh", "Các sở, ban, ngành tỉnh"; NULL when the text
	   names none (the work is still reported) */
	const char *agency;
	/* NULL, or the kind of member a group name stands for:
	   "departments" (các sở, ban, ngành), "districts" (UBND các huyện,
	   thị xã, thành phố), "communes" (UBND các xã, phường, thị trấn),
	   "members" (các thành viên Ban Chỉ đạo), "all" (các cơ quan, đơn
	   vị, địa phương) */
	const char *agency_group;
	/* the agencies that cooperate (phối hợp), as written, or NULL */
	const char *cooperating;
	/* the work */
	const char *what;
	/* "YYYY-MM-DD" or NULL; see deadline_kind */
	const char *deadline;
	enum dondoc_deadline_kind deadline_kind;
	/* the deadline's words as written ("trước ngày 30/6/2026",
	   "tháng 7/2026", "định kỳ hằng tháng, trước ngày 25"), NULL when
	   none */
	const char *deadline_text;
	/* NULL, "monthly", "quarterly", "six-monthly" or "yearly" */
	const char *recurrence;
	/* the day of the period when written ("trước ngày 25 hằng tháng":
	   25; "trước ngày 15/12 hằng năm": 15 and month 12); 0 when not */
	unsigned int recurrence_day, recurrence_month;
};
ARRAY_DEFINE_TYPE(dondoc_assignment, struct dondoc_assignment);

struct dondoc_delegation {
	/* the member who does not attend, and who attends for them, as
	   written; either may be NULL when the minutes name only one */
	const char *member, *delegate;
};
ARRAY_DEFINE_TYPE(dondoc_delegation, struct dondoc_delegation);

struct dondoc_attendance {
	/* names or agencies as written, one per entry */
	ARRAY_TYPE(const_string) present;
	ARRAY_TYPE(const_string) absent;
	ARRAY_TYPE(dondoc_delegation) delegated;
};

/* The JSON name of a deadline kind: "day", "month", "quarter",
   "half-year", "year"; NULL for NONE. */
const char *dondoc_deadline_kind_name(enum dondoc_deadline_kind kind);

#endif
