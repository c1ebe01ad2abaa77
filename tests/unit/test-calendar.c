/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/calendar/dondoc-calendar.c: date arithmetic, every day of
   2022-2026 against the shipped official table (read here with its own
   parser), the rules against the same table, working-day arithmetic
   against brute force, deadline helpers, the exceptions loader, speed. */

#include "lib.h"
#include "dondoc-compat.h"
#include "array.h"
#include "str.h"
#include "test-common.h"
#include "dondoc-calendar.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define TSV_NAME "vn-public-service-calendar-2022-2026.tsv"

/* ---- the table, read independently of dondoc_calendar_load_tsv() ---- */

struct table_day {
	int days;
	bool work;
	bool swap; /* a day moved by an announced swap (Hoán đổi / làm bù) */
};
static ARRAY(struct table_day) table;

static const char *table_path(void)
{
	const char *srcdir = getenv("DONDOC_SRCDIR");

	if (srcdir == NULL)
		srcdir = TEST_SRCDIR;
	return t_strconcat(srcdir, "/sql/calendar/" TSV_NAME, NULL);
}

static void table_read(void)
{
	char line[1024], kind[16];
	struct dondoc_date date;
	struct table_day *day;
	FILE *f;

	if (array_is_created(&table))
		return;
	i_array_init(&table, 128);
	f = fopen(table_path(), "r");
	if (f == NULL)
		i_fatal("fopen(%s) failed: %m", table_path());
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		if (sscanf(line, "%d-%d-%d\t%15[a-z]\t", &date.year,
			   &date.month, &date.day, kind) != 4)
			i_fatal("bad table line: %s", line);
		day = array_append_space(&table);
		day->days = dondoc_date_to_days(&date);
		day->work = strcmp(kind, "work") == 0;
		day->swap = day->work || strstr(line, "Hoán đổi") != NULL;
	}
	fclose(f);
	i_assert(array_count(&table) > 50);
}

static const struct table_day *table_find(int days)
{
	const struct table_day *day;

	table_read();
	array_foreach(&table, day) {
		if (day->days == days)
			return day;
	}
	return NULL;
}

/* The working-day status the table gives a day of 2022-2026. */
static bool table_is_workday(int days)
{
	const struct table_day *day = table_find(days);
	int wd = ((days + 3) % 7 + 7) % 7;

	if (day != NULL)
		return day->work;
	return wd < 5;
}

static struct dondoc_calendar *calendar_with_table(void)
{
	struct dondoc_calendar *cal = dondoc_calendar_create();
	const char *error;

	if (dondoc_calendar_load_tsv(cal, table_path(), &error) < 0)
		i_fatal("%s", error);
	return cal;
}

static struct dondoc_date mkdate(int year, int month, int day)
{
	struct dondoc_date date = { year, month, day };

	return date;
}

static bool date_equals(const struct dondoc_date *date, int year, int month,
			int day)
{
	return date->year == year && date->month == month && date->day == day;
}

static int days_of(int year, int month, int day)
{
	struct dondoc_date date = mkdate(year, month, day);

	return dondoc_date_to_days(&date);
}

/* ---- tests ---- */

static void test_dates(void)
{
	static const char *const bad[] = {
		"2023-02-29", "1899-12-31", "2101-01-01", "abc", "",
		"2023-2-28", "2023-02-28x", "2023-13-01", "2023-00-10",
		"2023-04-31", "+023-01-01", "2023/01/01", "2023-01-00",
	};
	struct dondoc_date date, back;
	int days;
	unsigned int i;

	test_begin("dondoc_date");
	date = mkdate(1970, 1, 1);
	test_assert(dondoc_date_to_days(&date) == 0);
	date = mkdate(2000, 3, 1);
	test_assert(dondoc_date_to_days(&date) == 11017);
	date = mkdate(2026, 11, 29);
	test_assert(dondoc_date_weekday(&date) == 6); /* a Sunday */
	date = mkdate(1900, 1, 1);
	test_assert(dondoc_date_weekday(&date) == 0); /* a Monday */
	/* every day 1900-2100 converts both ways and consecutively */
	date = mkdate(1900, 1, 1);
	for (days = dondoc_date_to_days(&date); date.year <= 2100; days++) {
		dondoc_date_from_days(days, &back);
		if (!date_equals(&back, date.year, date.month, date.day) ||
		    dondoc_date_to_days(&back) != days) {
			test_assert_idx(FALSE, days);
			break;
		}
		date.day++;
		if (!dondoc_date_parse(dondoc_date_to_str(&date), &back)) {
			date.day = 1;
			if (++date.month > 12) {
				date.month = 1;
				date.year++;
			}
		}
	}
	test_assert(days == days_of(2101, 1, 1));

	test_assert(dondoc_date_parse("2024-02-29", &date) &&
		    date_equals(&date, 2024, 2, 29));
	test_assert(dondoc_date_parse("2000-02-29", &date));
	test_assert(!dondoc_date_parse("1900-02-29", &date));
	test_assert(dondoc_date_parse("2100-12-31", &date));
	for (i = 0; i < N_ELEMENTS(bad); i++)
		test_assert_idx(!dondoc_date_parse(bad[i], &date), i);
	test_assert(!dondoc_date_parse(NULL, &date));
	date = mkdate(2024, 5, 4);
	test_assert_strcmp(dondoc_date_to_str(&date), "2024-05-04");
	test_end();
}

static void test_table_every_day(void)
{
	struct dondoc_calendar *cal = calendar_with_table();
	struct dondoc_date date;
	int days, mismatches = 0, workdays = 0;

	test_begin("every day of 2022-2026 against the official table");
	for (days = days_of(2022, 1, 1); days <= days_of(2026, 12, 31);
	     days++) {
		dondoc_date_from_days(days, &date);
		if (dondoc_calendar_is_workday(cal, &date) !=
		    table_is_workday(days))
			mismatches++;
		workdays += table_is_workday(days) ? 1 : 0;
	}
	test_assert_cmp(mismatches, ==, 0);
	date = mkdate(2022, 1, 1);
	struct dondoc_date end = mkdate(2026, 12, 31);
	test_assert_cmp(dondoc_calendar_count_workdays(cal, &date, &end), ==,
			workdays);
	for (days = 2022; days <= 2026; days++)
		test_assert_idx(dondoc_calendar_year_announced(cal, days), days);
	test_assert(!dondoc_calendar_year_announced(cal, 2027));
	dondoc_calendar_free(&cal);
	test_assert(cal == NULL);
	test_end();
}

/* Weekday days off of a year by the rules alone (no exceptions). */
static void rules_days(struct dondoc_calendar *cal, int year,
		       ARRAY_TYPE(dondoc_calendar_day) *days)
{
	array_clear(days);
	dondoc_calendar_year_days(cal, year, days);
}

static void test_rules_vs_table(void)
{
	/* Where the announced schedule departs from the rules (Labour Code
	   2019 art. 112, art. 111(3) compensation on the next working days,
	   adjacent day of 2 Sep = 1 Sep):
	   - 2023: Tết 21-22 Jan fell on a weekend; the rules compensate on
	     26-27 Jan, notice 5034/TB-LĐTBXH gave 20 Jan (29 Chạp) and 26 Jan.
	   - 2024: Tết 10-11 Feb on a weekend; rules 14-15 Feb, notice
	     5015/TB-LĐTBXH gave 8 Feb (29 Chạp) and 14 Feb; plus the swap
	     29 Apr off / Sat 4 May worked (1570/TB-LĐTBXH).
	   - 2025: Tết 1 Feb (lunar 4/1) on a Saturday; rules 3 Feb, notice
	     6150/TB-BLĐTBXH gave 27 Jan (28 Chạp); swap 2 May / Sat 26 Apr.
	   - 2026: swaps 2 Jan / Sat 10 Jan and 31 Aug / Sat 22 Aug.
	   - 2022: none: the rules give the table exactly.
	   Swapped days (reason "Hoán đổi", or "work") are excluded from the
	   comparison below; the Tết choices are listed. */
	static const struct {
		int year, month, day;
		bool in_rules;
	} tet_choices[] = {
		{ 2023, 1, 27, TRUE }, { 2023, 1, 20, FALSE },
		{ 2024, 2, 15, TRUE }, { 2024, 2, 8, FALSE },
		{ 2025, 2, 3, TRUE }, { 2025, 1, 27, FALSE },
	};
	struct dondoc_calendar *cal = dondoc_calendar_create();
	ARRAY_TYPE(dondoc_calendar_day) days;
	const struct dondoc_calendar_day *day;
	const struct table_day *tday;
	unsigned int i, differences = 0, expected = 0;
	int d, year;
	bool in_rules, listed;

	test_begin("rules alone against the official table");
	t_array_init(&days, 32);
	table_read();
	for (year = 2022; year <= 2026; year++) {
		rules_days(cal, year, &days);
		/* rule days missing from the table */
		array_foreach(&days, day) {
			test_assert_idx(day->kind == DONDOC_DAY_OFF, year);
			d = dondoc_date_to_days(&day->date);
			tday = table_find(d);
			if (tday == NULL || tday->work) {
				differences++;
				listed = FALSE;
				for (i = 0; i < N_ELEMENTS(tet_choices); i++) {
					if (date_equals(&day->date, tet_choices[i].year,
							tet_choices[i].month,
							tet_choices[i].day) &&
					    tet_choices[i].in_rules)
						listed = TRUE;
				}
				test_assert_idx(listed, d);
			}
		}
		/* table days (not swaps) missing from the rules */
		array_foreach(&table, tday) {
			struct dondoc_date date;

			dondoc_date_from_days(tday->days, &date);
			if (date.year != year || tday->swap)
				continue;
			in_rules = FALSE;
			array_foreach(&days, day) {
				if (dondoc_date_to_days(&day->date) == tday->days)
					in_rules = TRUE;
			}
			if (in_rules)
				continue;
			differences++;
			listed = FALSE;
			for (i = 0; i < N_ELEMENTS(tet_choices); i++) {
				if (date_equals(&date, tet_choices[i].year,
						tet_choices[i].month,
						tet_choices[i].day) &&
				    !tet_choices[i].in_rules)
					listed = TRUE;
			}
			test_assert_idx(listed, tday->days);
		}
	}
	/* the rules do report the 2023 compensation reason */
	rules_days(cal, 2023, &days);
	day = array_idx(&days, 0);
	test_assert(date_equals(&day->date, 2023, 1, 2));
	test_assert(strstr(day->reason, "bù cho 01/1 Chủ nhật") != NULL);
	expected = N_ELEMENTS(tet_choices);
	test_assert_ucmp(differences, ==, expected);
	dondoc_calendar_free(&cal);
	test_end();
}

static void test_rules_other_years(void)
{
	struct dondoc_calendar *cal = dondoc_calendar_create();
	ARRAY_TYPE(dondoc_calendar_day) days;
	const struct dondoc_calendar_day *day;
	struct dondoc_date date;
	const char *got = "";

	test_begin("rules for a year without a schedule");
	t_array_init(&days, 32);
	/* 2027: Tết 6 Feb (Sat): 5 Feb and 8-9 Feb, compensation 10-11 Feb;
	   1 May is a Saturday: 3 May; 24 Nov is a holiday from 2026 */
	dondoc_calendar_year_days(cal, 2027, &days);
	array_foreach(&days, day)
		got = t_strconcat(got, dondoc_date_to_str(&day->date), " ", NULL);
	test_assert_strcmp(got, "2027-01-01 2027-02-05 2027-02-08 2027-02-09 "
			   "2027-02-10 2027-02-11 2027-04-16 2027-04-30 "
			   "2027-05-03 2027-09-01 2027-09-02 2027-11-24 ");
	/* before 2026 no 24 Nov */
	date = mkdate(2021, 11, 24);
	test_assert(dondoc_calendar_is_workday(cal, &date));
	/* outside 1900-2100: weekends only, no crash */
	date = mkdate(2101, 1, 1);
	test_assert(dondoc_calendar_is_workday(cal, &date) ==
		    (dondoc_date_weekday(&date) < 5));
	array_clear(&days);
	dondoc_calendar_year_days(cal, 2101, &days);
	test_assert(array_count(&days) == 0);
	dondoc_calendar_free(&cal);
	test_end();
}

/* Brute force over is_workday (itself checked against the table). */
static int brute_count(struct dondoc_calendar *cal, int from, int to)
{
	struct dondoc_date date;
	int n = 0;

	for (; from <= to; from++) {
		dondoc_date_from_days(from, &date);
		n += dondoc_calendar_is_workday(cal, &date) ? 1 : 0;
	}
	return n;
}

static int brute_add(struct dondoc_calendar *cal, int x, int n)
{
	struct dondoc_date date;
	int step = n < 0 ? -1 : 1;

	dondoc_date_from_days(x, &date);
	if (n == 0) {
		while (!dondoc_calendar_is_workday(cal, &date))
			dondoc_date_from_days(++x, &date);
		return x;
	}
	while (n != 0) {
		x += step;
		dondoc_date_from_days(x, &date);
		if (dondoc_calendar_is_workday(cal, &date))
			n -= step;
	}
	return x;
}

static void test_add_count(void)
{
	struct dondoc_calendar *cal = calendar_with_table();
	struct dondoc_date a, b, r;
	int i, x, y, n, mismatches = 0;
	unsigned int seed = 4;

	test_begin("add and count working days");
	a = mkdate(2024, 2, 7);
	dondoc_calendar_add_workdays(cal, &a, 1, &r);
	test_assert(date_equals(&r, 2024, 2, 15)); /* over Tết */
	dondoc_calendar_add_workdays(cal, &r, -1, &b);
	test_assert(date_equals(&b, 2024, 2, 7));
	a = mkdate(2024, 5, 3);
	dondoc_calendar_add_workdays(cal, &a, 1, &r);
	test_assert(date_equals(&r, 2024, 5, 4)); /* worked Saturday */
	a = mkdate(2025, 12, 31);
	dondoc_calendar_add_workdays(cal, &a, 1, &r);
	test_assert(date_equals(&r, 2026, 1, 5)); /* 1-2 Jan off */
	dondoc_calendar_add_workdays(cal, &r, -2, &b);
	test_assert(date_equals(&b, 2025, 12, 30));
	a = mkdate(2026, 1, 3); /* Saturday: n = 0 gives the next one */
	dondoc_calendar_add_workdays(cal, &a, 0, &r);
	test_assert(date_equals(&r, 2026, 1, 5));
	dondoc_calendar_add_workdays(cal, &r, 0, &b);
	test_assert(date_equals(&b, 2026, 1, 5));

	a = mkdate(2024, 1, 1);
	b = mkdate(2024, 12, 31);
	test_assert_cmp(dondoc_calendar_count_workdays(cal, &a, &b), ==,
			brute_count(cal, days_of(2024, 1, 1),
				    days_of(2024, 12, 31)));
	test_assert(dondoc_calendar_count_workdays(cal, &b, &a) == 0);
	test_assert(dondoc_calendar_count_workdays(cal, &a, &a) == 0);
	test_assert(dondoc_calendar_count_workdays(cal, &b, &b) == 1);
	/* late: due Wed 7 Feb 2024, submitted Thu 15 Feb: 1 working day */
	a = mkdate(2024, 2, 7);
	b = mkdate(2024, 2, 15);
	test_assert(dondoc_calendar_late_workdays(cal, &a, &b) == 1);
	test_assert(dondoc_calendar_late_workdays(cal, &b, &a) == 0);
	test_assert(dondoc_calendar_late_workdays(cal, &a, &a) == 0);

	/* random pairs 2020-2028 (rules and table years, cross-year),
	   and around the end of the supported range */
	for (i = 0; i < 300; i++) {
		seed = seed * 1103515245 + 12345;
		x = days_of(2020, 1, 1) + (int)((seed >> 8) % 3280);
		seed = seed * 1103515245 + 12345;
		y = x + (int)((seed >> 8) % 800) - 100;
		seed = seed * 1103515245 + 12345;
		n = (int)((seed >> 8) % 601) - 300;
		if (i % 10 == 0) {
			x += days_of(2100, 6, 1) - days_of(2024, 1, 1);
			y += days_of(2100, 6, 1) - days_of(2024, 1, 1);
		}
		dondoc_date_from_days(x, &a);
		dondoc_date_from_days(y, &b);
		if (dondoc_calendar_count_workdays(cal, &a, &b) !=
		    (y < x ? 0 : brute_count(cal, x, y)))
			mismatches++;
		dondoc_calendar_add_workdays(cal, &a, n, &r);
		if (dondoc_date_to_days(&r) != brute_add(cal, x, n))
			mismatches++;
	}
	test_assert_cmp(mismatches, ==, 0);
	/* add then count back gives n */
	a = mkdate(2022, 3, 15);
	dondoc_calendar_add_workdays(cal, &a, 1000, &r);
	b = mkdate(2022, 3, 16);
	test_assert(dondoc_calendar_count_workdays(cal, &b, &r) == 1000);
	dondoc_calendar_add_workdays(cal, &r, -1000, &b);
	test_assert(date_equals(&b, 2022, 3, 15));
	/* far beyond the range still terminates */
	a = mkdate(2100, 12, 31);
	dondoc_calendar_add_workdays(cal, &a, 10000, &r);
	test_assert(r.year > 2130 && r.year < 2145);
	a = mkdate(1900, 1, 1);
	dondoc_calendar_add_workdays(cal, &a, -10000, &r);
	test_assert(r.year > 1855 && r.year < 1870);
	dondoc_calendar_free(&cal);
	test_end();
}

static void test_deadlines(void)
{
	struct dondoc_calendar *cal = calendar_with_table();
	struct dondoc_date date, r;
	int year, month, x;

	test_begin("before the 15th and notice deadlines");
	/* the last working day strictly before 15 Jun / 15 Dec, computed
	   from the table */
	for (year = 2022; year <= 2026; year++) {
		for (month = 6; month <= 12; month += 6) {
			date = mkdate(year, month, 15);
			dondoc_calendar_last_workday_before(cal, &date, &r);
			x = dondoc_date_to_days(&date) - 1;
			while (!table_is_workday(x))
				x--;
			test_assert_idx(dondoc_date_to_days(&r) == x,
					year * 100 + month);
		}
	}
	/* 15 Jun 2025 is a Sunday, 15 Dec 2024 too: Friday 13th */
	date = mkdate(2025, 6, 15);
	dondoc_calendar_last_workday_before(cal, &date, &r);
	test_assert(date_equals(&r, 2025, 6, 13));
	date = mkdate(2024, 12, 15);
	dondoc_calendar_last_workday_before(cal, &date, &r);
	test_assert(date_equals(&r, 2024, 12, 13));
	/* Monday 15 Jun 2026: Friday 12 Jun */
	date = mkdate(2026, 6, 15);
	dondoc_calendar_last_workday_before(cal, &date, &r);
	test_assert(date_equals(&r, 2026, 6, 12));

	/* at least 2 working days before a meeting on Thu 15 Feb 2024
	   (after Tết 8-14 Feb): Tuesday 6 Feb */
	date = mkdate(2024, 2, 15);
	dondoc_calendar_notice_deadline(cal, &date, 2, &r);
	test_assert(date_equals(&r, 2024, 2, 6));
	date = mkdate(2024, 3, 14);
	dondoc_calendar_notice_deadline(cal, &date, 2, &r);
	test_assert(date_equals(&r, 2024, 3, 12));
	dondoc_calendar_notice_deadline(cal, &date, 0, &r);
	test_assert(date_equals(&r, 2024, 3, 14));
	dondoc_calendar_free(&cal);
	test_end();
}

static const char *write_temp(const char *contents)
{
	const char *path = t_strdup_printf("/tmp/test-calendar-%ld.tsv",
					   (long)getpid());
	FILE *f = fopen(path, "w");

	i_assert(f != NULL);
	fputs(contents, f);
	fclose(f);
	return path;
}

static void test_load_errors(void)
{
	static const struct {
		const char *contents, *error;
	} bad[] = {
		{ "# c\n2027-01-04\toff\tx\tn\n2027-02-30\toff\tx\n",
		  ":3: invalid date '2027-02-30'" },
		{ "2027-01-04\tholiday\tx\n", ":1: kind must be off or work" },
		{ "2027-01-04 off x\n", ":1: expected date" },
		{ "1899-01-04\toff\tx\n", ":1: invalid date" },
	};
	struct dondoc_calendar *cal;
	struct dondoc_date date = mkdate(2027, 1, 4);
	ARRAY_TYPE(dondoc_calendar_day) days;
	const struct dondoc_calendar_day *day;
	const char *path, *error;
	string_t *long_line;
	unsigned int i;

	test_begin("exceptions file and added exceptions");
	for (i = 0; i < N_ELEMENTS(bad); i++) {
		cal = dondoc_calendar_create();
		path = write_temp(bad[i].contents);
		test_assert_idx(dondoc_calendar_load_tsv(cal, path, &error) < 0, i);
		test_assert_idx(strstr(error, bad[i].error) != NULL, i);
		test_assert_idx(str_begins_with(error, path), i);
		/* nothing half-loaded */
		test_assert_idx(!dondoc_calendar_year_announced(cal, 2027), i);
		i_unlink(path);
		dondoc_calendar_free(&cal);
	}
	cal = dondoc_calendar_create();
	long_line = t_str_new(5000);
	str_append(long_line, "2027-01-04\toff\t");
	for (i = 0; i < 4000; i++)
		str_append_c(long_line, 'x');
	path = write_temp(str_c(long_line));
	test_assert(dondoc_calendar_load_tsv(cal, path, &error) < 0);
	test_assert(strstr(error, "too long") != NULL);
	i_unlink(path);
	test_assert(dondoc_calendar_load_tsv(cal, "/nonexistent/x.tsv",
					     &error) < 0);

	/* CRLF, comments, blank lines; a later line replaces the earlier */
	path = write_temp("# x\r\n\r\n2027-01-04\twork\ta\r\n"
			  "2027-01-04\toff\tb\tn\r\n2027-01-09\twork\tc");
	test_assert(dondoc_calendar_load_tsv(cal, path, &error) == 0);
	i_unlink(path);
	test_assert(dondoc_calendar_year_announced(cal, 2027));
	test_assert(!dondoc_calendar_is_workday(cal, &date));
	date.day = 9; /* Saturday */
	test_assert(dondoc_calendar_is_workday(cal, &date));
	/* an announced year drops the rules: 1 Jan 2027 is now a workday */
	date.day = 1;
	test_assert(dondoc_calendar_is_workday(cal, &date));
	/* adding an exception rebuilds the year */
	dondoc_calendar_add_exception(cal, &date, DONDOC_DAY_OFF, "Tết");
	test_assert(!dondoc_calendar_is_workday(cal, &date));
	t_array_init(&days, 4);
	dondoc_calendar_year_days(cal, 2027, &days);
	test_assert(array_count(&days) == 3);
	day = array_idx(&days, 0);
	test_assert_strcmp(day->reason, "Tết");
	day = array_idx(&days, 2);
	test_assert(day->kind == DONDOC_DAY_WORK);
	dondoc_calendar_free(&cal);
	dondoc_calendar_free(&cal);
	test_end();
}

static void test_speed(void)
{
	struct dondoc_calendar *cal = calendar_with_table();
	struct dondoc_date a, b, r;
	struct timespec t0, t1;
	unsigned int i;
	long long sum = 0;

	test_begin("100k add and 100k count calls");
	a = mkdate(2022, 1, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < 100000; i++) {
		dondoc_date_from_days(dondoc_date_to_days(&a) + i % 1800, &b);
		dondoc_calendar_add_workdays(cal, &b, (int)(i % 400) - 200, &r);
		sum += r.day;
		sum += dondoc_calendar_count_workdays(cal, &a, &b);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f s for 100k add_workdays + 100k count_workdays\n",
	       (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	test_assert(sum > 0);
	dondoc_calendar_free(&cal);
	/* the last test: the table is no longer needed */
	array_free(&table);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_dates,
		test_table_every_day,
		test_rules_vs_table,
		test_rules_other_years,
		test_add_count,
		test_deadlines,
		test_load_errors,
		test_speed,
		NULL
	};
	return test_run(test_functions);
}
