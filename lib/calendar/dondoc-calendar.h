/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_CALENDAR_H
#define DONDOC_CALENDAR_H

#include "dondoc-date.h"

/* Vietnamese working days for the public sector: Monday-Friday, minus
   public holidays (Labour Code 2019 art. 112, with art. 111(3)
   compensatory days) and official days off, plus official worked
   Saturdays. Announced schedules (exceptions) override the rules. */


enum dondoc_day_kind {
	/* No announced exception: the rules decide. */
	DONDOC_DAY_RULES = 0,
	DONDOC_DAY_OFF,
	DONDOC_DAY_WORK,
};

struct dondoc_calendar;

struct dondoc_calendar *dondoc_calendar_create(void);
void dondoc_calendar_free(struct dondoc_calendar **_cal);

/* Add an announced exception for one date. A year that has any exception
   is taken as fully announced: its holidays come from the exceptions
   alone, not from the rules. */
void dondoc_calendar_add_exception(struct dondoc_calendar *cal,
				   const struct dondoc_date *date,
				   enum dondoc_day_kind kind,
				   const char *reason);
/* TRUE if the year has announced exceptions (so the rules are unused). */
bool dondoc_calendar_year_announced(struct dondoc_calendar *cal, int year);
/* Load exceptions from a TSV file (date, off|work, reason, notice; lines
   starting with # are comments). Returns 0, or -1 with error_r naming the
   file and line; a bad file adds nothing. */
int dondoc_calendar_load_tsv(struct dondoc_calendar *cal, const char *path,
			     const char **error_r);


bool dondoc_calendar_is_workday(struct dondoc_calendar *cal,
				const struct dondoc_date *date);
/* The n-th working day after date (n < 0: before; n = 0: date itself if
   it is a working day, else the next one). */
void dondoc_calendar_add_workdays(struct dondoc_calendar *cal,
				  const struct dondoc_date *date, int n,
				  struct dondoc_date *result_r);
/* Working days in [from, to] (0 when to < from). */
int dondoc_calendar_count_workdays(struct dondoc_calendar *cal,
				   const struct dondoc_date *from,
				   const struct dondoc_date *to);
/* "Before the 15th": the last working day strictly before date. */
void dondoc_calendar_last_workday_before(struct dondoc_calendar *cal,
					 const struct dondoc_date *date,
					 struct dondoc_date *result_r);
/* "At least n working days before" a meeting: the latest date that is n
   working days before it (n <= 0: the meeting date itself). */
void dondoc_calendar_notice_deadline(struct dondoc_calendar *cal,
				     const struct dondoc_date *meeting,
				     int n, struct dondoc_date *result_r);
/* Working days late: 0 if submitted <= due, else the working days in
   (due, submitted]. */
int dondoc_calendar_late_workdays(struct dondoc_calendar *cal,
				  const struct dondoc_date *due,
				  const struct dondoc_date *submitted);

/* Holidays and announced exceptions of one year, in date order: the days
   that differ from Monday-Friday (weekdays off, worked weekend days), from
   the announced schedule if the year has one, else from the rules.
   Appended to days; nothing for years outside 1900-2100. */
struct dondoc_calendar_day {
	struct dondoc_date date;
	enum dondoc_day_kind kind; /* OFF or WORK */
	const char *reason;
};
ARRAY_DEFINE_TYPE(dondoc_calendar_day, struct dondoc_calendar_day);
void dondoc_calendar_year_days(struct dondoc_calendar *cal, int year,
			       ARRAY_TYPE(dondoc_calendar_day) *days);

#endif
