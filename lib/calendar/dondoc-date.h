/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DATE_H
#define DONDOC_DATE_H

/* Civil dates, shared by every stage (no dependency of its own). */

/* The years every stage handles (the lunar calendar's range). */
#define DONDOC_DATE_FIRST_YEAR 1900
#define DONDOC_DATE_LAST_YEAR 2100

/* A civil date. Valid years: 1900-2100. */
struct dondoc_date {
	int year, month, day;
};

/* Date arithmetic. Days are counted from 1970-01-01 (day 0). */
int dondoc_date_to_days(const struct dondoc_date *date);
void dondoc_date_from_days(int days, struct dondoc_date *date_r);
/* 0 = Monday ... 6 = Sunday */
int dondoc_date_weekday(const struct dondoc_date *date);
/* Parse "YYYY-MM-DD" strictly (valid calendar date, year 1900-2100). */
bool dondoc_date_parse(const char *str, struct dondoc_date *date_r);
const char *dondoc_date_to_str(const struct dondoc_date *date);
bool dondoc_date_is_leap_year(int year);
/* Days in the month (1-12) of year. */
int dondoc_date_month_days(int year, int month);
/* Weekday of a day count: 0 = Monday ... 6 = Sunday. */
int dondoc_days_weekday(int days);

#endif
