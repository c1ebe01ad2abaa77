/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/calendar/dondoc-lunar.c: published Tết dates and leap months,
   and a full solar -> lunar -> solar round trip over 1900-2100. */

#include "lib.h"
#include "array.h"
#include "test-common.h"
#include "dondoc-lunar.h"

static void test_lunar_tet(void)
{
	/* Lunar 1/1 (Tết Nguyên đán) in Vietnam. Source kind: published
	   Vietnamese perpetual calendars (lịch vạn niên, Hồ Ngọc Đức's
	   UTC+7 tables) and the government's Tết holiday notices for
	   2022-2026 (the shipped table). The years marked "CN" are those
	   where China (UTC+8) celebrates on another day: 1968 (Tết Mậu
	   Thân: the new moon fell at 23:29 UTC+7 on 29 Jan, 00:29 UTC+8 on
	   30 Jan), 1985 (Vietnam 21 Jan; China 20 Feb, a month later,
	   because the month-11 / leap month placement differs), 2007
	   (17 Feb; China 18 Feb), 2030 (2 Feb; China 3 Feb). */
	static const struct {
		int year, month, day;
	} tet[] = {
		{ 1900, 1, 31 },
		{ 1968, 1, 29 }, /* CN 1968-01-30 */
		{ 1975, 2, 11 },
		{ 1985, 1, 21 }, /* CN 1985-02-20 */
		{ 2000, 2, 5 },
		{ 2001, 1, 24 },
		{ 2002, 2, 12 },
		{ 2003, 2, 1 },
		{ 2004, 1, 22 },
		{ 2005, 2, 9 },
		{ 2006, 1, 29 },
		{ 2007, 2, 17 }, /* CN 2007-02-18 */
		{ 2008, 2, 7 },
		{ 2009, 1, 26 },
		{ 2010, 2, 14 },
		{ 2011, 2, 3 },
		{ 2012, 1, 23 },
		{ 2013, 2, 10 },
		{ 2014, 1, 31 },
		{ 2015, 2, 19 },
		{ 2016, 2, 8 },
		{ 2017, 1, 28 },
		{ 2018, 2, 16 },
		{ 2019, 2, 5 },
		{ 2020, 1, 25 },
		{ 2021, 2, 12 },
		{ 2022, 2, 1 },
		{ 2023, 1, 22 },
		{ 2024, 2, 10 },
		{ 2025, 1, 29 },
		{ 2026, 2, 17 },
		{ 2027, 2, 6 },
		{ 2028, 1, 26 },
		{ 2030, 2, 2 }, /* CN 2030-02-03 */
	};
	unsigned int i;

	test_begin("lunar Tết dates (Vietnam)");
	for (i = 0; i < N_ELEMENTS(tet); i++) {
		struct dondoc_lunar_date lunar = { tet[i].year, 1, 1, FALSE };
		struct dondoc_date solar = { tet[i].year, tet[i].month,
					     tet[i].day }, got;

		test_assert_idx(dondoc_lunar_to_solar(&lunar, &got), i);
		test_assert_idx(got.year == solar.year &&
				got.month == solar.month &&
				got.day == solar.day, i);
		test_assert_idx(dondoc_lunar_from_solar(&solar, &lunar), i);
		test_assert_idx(lunar.year == tet[i].year && lunar.month == 1 &&
				lunar.day == 1 && !lunar.leap, i);
		/* the day before is the last of the previous lunar year */
		solar.day--;
		if (solar.day == 0) {
			solar.month = 1;
			solar.day = 31;
		}
		if (tet[i].year > 1900) {
			test_assert_idx(dondoc_lunar_from_solar(&solar, &lunar), i);
			test_assert_idx(lunar.year == tet[i].year - 1 &&
					lunar.month == 12 && !lunar.leap &&
					(lunar.day == 29 || lunar.day == 30), i);
		}
	}
	test_end();
}

/* The leap month of a lunar year, 0 if none. */
static int lunar_leap_month(int year)
{
	struct dondoc_lunar_date lunar = { year, 1, 1, TRUE };
	struct dondoc_date solar;
	int month, found = 0;

	for (month = 1; month <= 12; month++) {
		lunar.month = month;
		if (dondoc_lunar_to_solar(&lunar, &solar)) {
			i_assert(found == 0);
			found = month;
		}
	}
	return found;
}

static void test_lunar_leap_months(void)
{
	/* Source kind: published Vietnamese calendars (years with "tháng
	   nhuận"); e.g. 2023 had tháng 2 nhuận from 22 Mar 2023. */
	static const struct {
		int year, leap;
	} leaps[] = {
		{ 2000, 0 }, { 2001, 4 }, { 2004, 2 }, { 2006, 7 },
		{ 2009, 5 }, { 2012, 4 }, { 2014, 9 }, { 2017, 6 },
		{ 2020, 4 }, { 2022, 0 }, { 2023, 2 }, { 2024, 0 },
		{ 2025, 6 }, { 2026, 0 }, { 2028, 5 },
	};
	struct dondoc_lunar_date lunar = { 2023, 2, 1, TRUE };
	struct dondoc_date solar, expected = { 2023, 3, 22 };
	unsigned int i;

	test_begin("lunar leap months");
	for (i = 0; i < N_ELEMENTS(leaps); i++)
		test_assert_cmp_idx(lunar_leap_month(leaps[i].year), ==,
				    leaps[i].leap, i);
	test_assert(dondoc_lunar_to_solar(&lunar, &solar));
	test_assert(solar.year == expected.year &&
		    solar.month == expected.month && solar.day == expected.day);
	/* Hùng Kings' day (10/3 lunar) as in the 2022-2026 notices */
	static const struct dondoc_date hung[] = {
		{ 2022, 4, 10 }, { 2023, 4, 29 }, { 2024, 4, 18 },
		{ 2025, 4, 7 }, { 2026, 4, 26 },
	};
	for (i = 0; i < N_ELEMENTS(hung); i++) {
		struct dondoc_lunar_date h = { 2022 + i, 3, 10, FALSE };

		test_assert_idx(dondoc_lunar_to_solar(&h, &solar), i);
		test_assert_idx(solar.year == hung[i].year &&
				solar.month == hung[i].month &&
				solar.day == hung[i].day, i);
	}
	test_end();
}

static void test_lunar_round_trip(void)
{
	struct dondoc_date first = { 1900, 1, 1 }, last = { 2100, 12, 31 };
	struct dondoc_date solar, back;
	struct dondoc_lunar_date lunar, prev = { 0, 0, 0, FALSE };
	int days, first_days = dondoc_date_to_days(&first);
	int last_days = dondoc_date_to_days(&last);
	unsigned int failures = 0, month_starts = 0, leap_months = 0;
	bool have_prev = FALSE;

	test_begin("lunar round trip 1900-2100, every day");
	for (days = first_days; days <= last_days; days++) {
		dondoc_date_from_days(days, &solar);
		if (!dondoc_lunar_from_solar(&solar, &lunar) ||
		    !dondoc_lunar_to_solar(&lunar, &back) ||
		    dondoc_date_to_days(&back) != days ||
		    lunar.day < 1 || lunar.day > 30) {
			failures++;
			continue;
		}
		if (have_prev && lunar.day != 1) {
			/* same month, next day */
			if (lunar.day != prev.day + 1 ||
			    lunar.month != prev.month ||
			    lunar.leap != prev.leap || lunar.year != prev.year)
				failures++;
		} else if (have_prev) {
			/* a month of 29 or 30 days ended */
			month_starts++;
			if (prev.day != 29 && prev.day != 30)
				failures++;
			if (lunar.leap) {
				leap_months++;
				if (lunar.month != prev.month || prev.leap)
					failures++;
			} else if (lunar.month != prev.month % 12 + 1 ||
				   lunar.year != prev.year +
				   (lunar.month == 1 ? 1 : 0)) {
				failures++;
			}
		}
		prev = lunar;
		have_prev = TRUE;
	}
	test_assert_ucmp(failures, ==, 0);
	/* 201 years: about 2486 months, 74 of them leap (7 per 19 years) */
	test_assert_ucmp(month_starts, >, 2480);
	test_assert_ucmp(month_starts, <, 2490);
	test_assert_ucmp(leap_months, >=, 72);
	test_assert_ucmp(leap_months, <=, 76);
	test_end();
}

static void test_lunar_invalid(void)
{
	struct dondoc_date solar = { 1899, 12, 31 };
	struct dondoc_lunar_date lunar;

	test_begin("lunar out of range and nonexistent dates");
	test_assert(!dondoc_lunar_from_solar(&solar, &lunar));
	solar.year = 2101; solar.month = 1; solar.day = 1;
	test_assert(!dondoc_lunar_from_solar(&solar, &lunar));
	solar.year = 2100; solar.month = 13;
	test_assert(!dondoc_lunar_from_solar(&solar, &lunar));

	/* 2024 has no leap month; month 13 and day 31 never exist */
	lunar = (struct dondoc_lunar_date){ 2024, 4, 1, TRUE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	lunar = (struct dondoc_lunar_date){ 2024, 13, 1, FALSE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	lunar = (struct dondoc_lunar_date){ 2024, 1, 31, FALSE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	/* month 12 of lunar 2024 has 29 days (Tết 2025 on 29 Jan, the
	   29th of Chạp was the last day of the year) */
	lunar = (struct dondoc_lunar_date){ 2024, 12, 30, FALSE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	lunar.day = 29;
	test_assert(dondoc_lunar_to_solar(&lunar, &solar));
	test_assert(solar.year == 2025 && solar.month == 1 && solar.day == 28);
	/* ... and that of lunar 2022 has 30 (30 Tết = 21 Jan 2023) */
	lunar = (struct dondoc_lunar_date){ 2022, 12, 30, FALSE };
	test_assert(dondoc_lunar_to_solar(&lunar, &solar));
	test_assert(solar.year == 2023 && solar.month == 1 && solar.day == 21);
	/* out of the solar range */
	lunar = (struct dondoc_lunar_date){ 1899, 11, 1, FALSE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	lunar = (struct dondoc_lunar_date){ 1800, 1, 1, FALSE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	lunar = (struct dondoc_lunar_date){ 2300, 1, 1, FALSE };
	test_assert(!dondoc_lunar_to_solar(&lunar, &solar));
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_lunar_tet,
		test_lunar_leap_months,
		test_lunar_round_trip,
		test_lunar_invalid,
		NULL
	};
	return test_run(test_functions);
}
