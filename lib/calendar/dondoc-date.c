/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Civil dates (proleptic Gregorian) and their arithmetic: the date type
   that the calendar, the lunar calendar, the analysis and the store share.
   Pure computation; trusts nothing but its own checks. */

#include "lib.h"
#include "dondoc-date.h"

bool dondoc_date_is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int dondoc_date_month_days(int year, int month)
{
	static const int days[12] =
		{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && dondoc_date_is_leap_year(year))
		return 29;
	return days[month - 1];
}

static int floor_div(int a, int b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Proleptic Gregorian day number counted from 1970-01-01, by eras of
   400 years starting on 1 March (so the leap day ends a year). */
int dondoc_date_to_days(const struct dondoc_date *date)
{
	int y = date->year - (date->month <= 2 ? 1 : 0);
	int era = floor_div(y, 400);
	int yoe = y - era * 400;
	int mp = (date->month + 9) % 12;
	int doy = (153 * mp + 2) / 5 + date->day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void dondoc_date_from_days(int days, struct dondoc_date *date_r)
{
	int z = days + 719468;
	int era = floor_div(z, 146097);
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int month = mp < 10 ? mp + 3 : mp - 9;

	date_r->day = doy - (153 * mp + 2) / 5 + 1;
	date_r->month = month;
	date_r->year = yoe + era * 400 + (month <= 2 ? 1 : 0);
}

int dondoc_days_weekday(int days)
{
	/* 1970-01-01 was a Thursday */
	int wd = (days + 3) % 7;

	return wd < 0 ? wd + 7 : wd;
}

int dondoc_date_weekday(const struct dondoc_date *date)
{
	return dondoc_days_weekday(dondoc_date_to_days(date));
}

static bool date_parse_number(const char *str, unsigned int len, int *num_r)
{
	unsigned int i;
	int num = 0;

	for (i = 0; i < len; i++) {
		if (str[i] < '0' || str[i] > '9')
			return FALSE;
		num = num * 10 + (str[i] - '0');
	}
	*num_r = num;
	return TRUE;
}

bool dondoc_date_parse(const char *str, struct dondoc_date *date_r)
{
	struct dondoc_date date;

	if (str == NULL || strlen(str) != 10 || str[4] != '-' || str[7] != '-')
		return FALSE;
	if (!date_parse_number(str, 4, &date.year) ||
	    !date_parse_number(str + 5, 2, &date.month) ||
	    !date_parse_number(str + 8, 2, &date.day))
		return FALSE;
	if (date.year < DONDOC_DATE_FIRST_YEAR ||
	    date.year > DONDOC_DATE_LAST_YEAR ||
	    date.month < 1 || date.month > 12 || date.day < 1 ||
	    date.day > dondoc_date_month_days(date.year, date.month))
		return FALSE;
	*date_r = date;
	return TRUE;
}

const char *dondoc_date_to_str(const struct dondoc_date *date)
{
	return t_strdup_printf("%04d-%02d-%02d",
			       date->year, date->month, date->day);
}
