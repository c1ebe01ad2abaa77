/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Vietnamese public-sector working days. A day is a working day when it is
   Monday-Friday and not off, or when it is an announced worked Saturday.

   The days off of a year come either from the rules (Labour Code 2019
   art. 112 holidays, with art. 111(3) compensatory days for holidays on a
   weekend, 24 Nov from 2026) or, when the year has any announced
   exception, from the announced schedule alone: the government's notices
   swap days and move compensatory days, so a partial schedule mixed with
   the rules would be wrong.

   Per year we keep the sorted list of days that differ from Monday-Friday
   and a cumulative count of working days by day of year, built on first
   use; counting and adding working days are then O(years spanned). Years
   outside 1900-2100 (no lunar calendar) have weekends only. Dates given by
   callers must have years 1..9999 (dondoc_date_parse() is stricter). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "str-sanitize.h"
#include "dondoc-date.h"
#include "dondoc-calendar.h"
#include "dondoc-lunar.h"

#include <fcntl.h>
#include <unistd.h>

#define CAL_FIRST_YEAR DONDOC_DATE_FIRST_YEAR
#define CAL_LAST_YEAR DONDOC_DATE_LAST_YEAR
#define CAL_YEARS (CAL_LAST_YEAR - CAL_FIRST_YEAR + 1)
/* 24 Nov, Vietnamese Culture Day, is a holiday from this year on. */
#define CAL_CULTURE_DAY_FROM 2026
/* Bounds for an exceptions file. */
#define CAL_TSV_MAX_LINE 1024
#define CAL_TSV_MAX_LINES 100000
#define CAL_TSV_MAX_SIZE (4 * 1024 * 1024)
/* add_workdays() clamps n to this (about 3800 years). */
#define CAL_MAX_ADD 1000000

struct calendar_year {
	int year;
	/* days in this year, and day number of 1 Jan */
	int ndays, first_day;
	/* announced exceptions of this year (unsorted, one per date) */
	ARRAY_TYPE(dondoc_calendar_day) exceptions;
	bool built;
	/* days differing from Monday-Friday, sorted */
	ARRAY_TYPE(dondoc_calendar_day) days;
	/* cum[i] = working days among the first i days of the year */
	uint16_t cum[367];
};

struct dondoc_calendar {
	pool_t pool;
	struct calendar_year *years[CAL_YEARS];
};


/* ---- calendar ---- */

struct dondoc_calendar *dondoc_calendar_create(void)
{
	struct dondoc_calendar *cal;
	pool_t pool;

	pool = pool_alloconly_create("dondoc calendar", 8192);
	cal = p_new(pool, struct dondoc_calendar, 1);
	cal->pool = pool;
	return cal;
}

void dondoc_calendar_free(struct dondoc_calendar **_cal)
{
	struct dondoc_calendar *cal = *_cal;
	unsigned int i;

	if (cal == NULL)
		return;
	*_cal = NULL;
	for (i = 0; i < CAL_YEARS; i++) {
		if (cal->years[i] == NULL)
			continue;
		array_free(&cal->years[i]->exceptions);
		array_free(&cal->years[i]->days);
		i_free(cal->years[i]);
	}
	pool_unref(&cal->pool);
}

static struct calendar_year *
calendar_year_get(struct dondoc_calendar *cal, int year)
{
	struct calendar_year *cy;
	struct dondoc_date jan1 = { year, 1, 1 };

	if (year < CAL_FIRST_YEAR || year > CAL_LAST_YEAR)
		return NULL;
	cy = cal->years[year - CAL_FIRST_YEAR];
	if (cy == NULL) {
		cy = i_new(struct calendar_year, 1);
		cy->year = year;
		cy->ndays = dondoc_date_is_leap_year(year) ? 366 : 365;
		cy->first_day = dondoc_date_to_days(&jan1);
		i_array_init(&cy->exceptions, 8);
		i_array_init(&cy->days, 32);
		cal->years[year - CAL_FIRST_YEAR] = cy;
	}
	return cy;
}

void dondoc_calendar_add_exception(struct dondoc_calendar *cal,
				   const struct dondoc_date *date,
				   enum dondoc_day_kind kind,
				   const char *reason)
{
	struct calendar_year *cy;
	struct dondoc_calendar_day *day = NULL, *exc;

	if (kind != DONDOC_DAY_OFF && kind != DONDOC_DAY_WORK)
		return;
	/* from a file or a database: never trust the date */
	if (date->month < 1 || date->month > 12 || date->day < 1 ||
	    date->day > dondoc_date_month_days(date->year, date->month))
		return;
	cy = calendar_year_get(cal, date->year);
	if (cy == NULL)
		return;
	cy->built = FALSE;
	/* a later exception for the same date replaces the earlier one */
	array_foreach_modifiable(&cy->exceptions, exc) {
		if (exc->date.month == date->month &&
		    exc->date.day == date->day)
			day = exc;
	}
	if (day == NULL)
		day = array_append_space(&cy->exceptions);
	day->date = *date;
	day->kind = kind;
	day->reason = p_strdup(cal->pool, reason == NULL ? "" : reason);
}

/* ---- exceptions file ---- */

static int calendar_tsv_line(const char *line, struct dondoc_calendar_day *day_r,
			     const char **error_r)
{
	const char *const *fields = t_strsplit(line, "\t");

	if (str_array_length(fields) < 3) {
		*error_r = "expected date, kind, reason (tab-separated)";
		return -1;
	}
	if (!dondoc_date_parse(fields[0], &day_r->date)) {
		*error_r = t_strdup_printf("invalid date '%s'",
					   str_sanitize(fields[0], 40));
		return -1;
	}
	if (strcmp(fields[1], "off") == 0)
		day_r->kind = DONDOC_DAY_OFF;
	else if (strcmp(fields[1], "work") == 0)
		day_r->kind = DONDOC_DAY_WORK;
	else {
		*error_r = t_strdup_printf("kind must be off or work, not '%s'",
					   str_sanitize(fields[1], 40));
		return -1;
	}
	day_r->reason = fields[2];
	return 0;
}

int dondoc_calendar_load_tsv(struct dondoc_calendar *cal, const char *path,
			     const char **error_r)
{
	ARRAY_TYPE(dondoc_calendar_day) days;
	struct dondoc_calendar_day *day;
	struct istream *input;
	const char *line, *error = NULL;
	unsigned int linenum = 0;
	int fd, ret = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	input = i_stream_create_fd_autoclose(&fd, CAL_TSV_MAX_LINE);
	/* a last line without a newline still counts */
	i_stream_set_return_partial_line(input, TRUE);
	t_array_init(&days, 64);
	/* parse everything first: a bad file adds nothing */
	while (ret == 0 && (line = i_stream_read_next_line(input)) != NULL) {
		linenum++;
		if (linenum > CAL_TSV_MAX_LINES) {
			error = "too many lines";
			ret = -1;
			break;
		}
		if (input->v_offset > CAL_TSV_MAX_SIZE) {
			error = "file too large";
			ret = -1;
			break;
		}
		line = t_str_trim(line, "\r");
		if (line[0] == '#' || line[0] == '\0')
			continue;
		day = array_append_space(&days);
		if (calendar_tsv_line(line, day, &error) < 0)
			ret = -1;
	}
	if (ret == 0 && input->stream_errno == ENOBUFS) {
		linenum++;
		error = "line too long";
		ret = -1;
	} else if (ret == 0 && input->stream_errno != 0) {
		*error_r = t_strdup_printf("read(%s) failed: %s", path,
					   i_stream_get_error(input));
		i_stream_unref(&input);
		return -1;
	}
	i_stream_unref(&input);
	if (ret < 0) {
		*error_r = t_strdup_printf("%s:%u: %s", path, linenum, error);
		return -1;
	}
	array_foreach_modifiable(&days, day)
		dondoc_calendar_add_exception(cal, &day->date, day->kind,
					      day->reason);
	return 0;
}

/* ---- the rules ---- */

struct calendar_rule_ctx {
	struct calendar_year *cy;
	/* off[doy]: a holiday (1) or a compensatory day (2) */
	uint8_t off[366];
	const char *reasons[366];
	ARRAY_TYPE(dondoc_calendar_day) holidays;
};

static void rule_add(struct calendar_rule_ctx *ctx, int month, int day,
		     const char *reason)
{
	struct dondoc_date date = { ctx->cy->year, month, day };
	struct dondoc_calendar_day *hday;

	hday = array_append_space(&ctx->holidays);
	hday->date = date;
	hday->kind = DONDOC_DAY_OFF;
	hday->reason = reason;
}

static void rule_add_days(struct calendar_rule_ctx *ctx, int days,
			  const char *reason)
{
	struct dondoc_date date;

	dondoc_date_from_days(days, &date);
	if (date.year == ctx->cy->year)
		rule_add(ctx, date.month, date.day, reason);
}

static int calendar_day_cmp(const struct dondoc_calendar_day *a,
			    const struct dondoc_calendar_day *b)
{
	if (a->date.month != b->date.month)
		return a->date.month - b->date.month;
	return a->date.day - b->date.day;
}

static void calendar_rules_holidays(struct calendar_rule_ctx *ctx)
{
	int year = ctx->cy->year;
	struct dondoc_lunar_date lunar = { year, 1, 1, FALSE };
	struct dondoc_date date;
	int i, tet;

	rule_add(ctx, 1, 1, "Tết Dương lịch");
	/* Tết: the last day of the lunar year and 1-4 of month 1 */
	if (dondoc_lunar_to_solar(&lunar, &date)) {
		tet = dondoc_date_to_days(&date);
		for (i = -1; i < 4; i++)
			rule_add_days(ctx, tet + i, "Tết Nguyên đán");
	}
	lunar.month = 3;
	lunar.day = 10;
	if (dondoc_lunar_to_solar(&lunar, &date))
		rule_add(ctx, date.month, date.day, "Giỗ Tổ Hùng Vương");
	rule_add(ctx, 4, 30, "Ngày Chiến thắng");
	rule_add(ctx, 5, 1, "Quốc tế Lao động");
	/* art. 112 leaves the adjacent day to the Prime Minister: most
	   years it is 1 Sep */
	rule_add(ctx, 9, 1, "Quốc khánh (ngày liền kề)");
	rule_add(ctx, 9, 2, "Quốc khánh");
	if (year >= CAL_CULTURE_DAY_FROM)
		rule_add(ctx, 11, 24, "Ngày Văn hóa Việt Nam");
	array_sort(&ctx->holidays, calendar_day_cmp);
}

static const char *const weekday_names[] = {
	"thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu",
	"thứ Bảy", "Chủ nhật"
};

/* Weekday holidays as they are; a holiday on a weekend moves to the next
   day that is neither a weekend, a holiday nor already a compensatory day
   (art. 111(3)). */
static void calendar_build_rules(struct dondoc_calendar *cal,
				 struct calendar_year *cy)
{
	struct calendar_rule_ctx ctx;
	const struct dondoc_calendar_day *hday;
	struct dondoc_calendar_day *day;
	int doy, wd, i;

	i_zero(&ctx);
	ctx.cy = cy;
	t_array_init(&ctx.holidays, 16);
	calendar_rules_holidays(&ctx);
	array_foreach(&ctx.holidays, hday) {
		doy = dondoc_date_to_days(&hday->date) - cy->first_day;
		if (ctx.off[doy] == 0)
			ctx.reasons[doy] = hday->reason;
		ctx.off[doy] = 1;
	}
	array_foreach(&ctx.holidays, hday) {
		doy = dondoc_date_to_days(&hday->date) - cy->first_day;
		wd = dondoc_days_weekday(cy->first_day + doy);
		/* two holidays on one date give one compensatory day */
		if (wd < 5 || (hday != array_front(&ctx.holidays) &&
			       calendar_day_cmp(hday - 1, hday) == 0))
			continue;
		for (i = doy + 1; i < cy->ndays; i++) {
			if (dondoc_days_weekday(cy->first_day + i) < 5 &&
			    ctx.off[i] == 0)
				break;
		}
		if (i >= cy->ndays)
			continue;
		ctx.off[i] = 2;
		ctx.reasons[i] = p_strdup_printf(cal->pool,
			"%s (bù cho %02d/%d %s)", hday->reason,
			hday->date.day, hday->date.month, weekday_names[wd]);
	}
	for (i = 0; i < cy->ndays; i++) {
		if (ctx.off[i] == 0 || dondoc_days_weekday(cy->first_day + i) >= 5)
			continue;
		day = array_append_space(&cy->days);
		dondoc_date_from_days(cy->first_day + i, &day->date);
		day->kind = DONDOC_DAY_OFF;
		day->reason = ctx.reasons[i];
	}
}

/* An announced year: only the exceptions that change Monday-Friday. */
static void calendar_build_announced(struct calendar_year *cy)
{
	const struct dondoc_calendar_day *exc;
	int wd;

	array_foreach(&cy->exceptions, exc) {
		wd = dondoc_date_weekday(&exc->date);
		if ((exc->kind == DONDOC_DAY_OFF) == (wd < 5))
			array_push_back(&cy->days, exc);
	}
	array_sort(&cy->days, calendar_day_cmp);
}

static void calendar_year_build(struct dondoc_calendar *cal,
				struct calendar_year *cy)
{
	const struct dondoc_calendar_day *day;
	uint8_t kind[366];
	int i, doy;

	array_clear(&cy->days);
	T_BEGIN {
		if (array_count(&cy->exceptions) > 0)
			calendar_build_announced(cy);
		else
			calendar_build_rules(cal, cy);
	} T_END;

	for (i = 0; i < cy->ndays; i++)
		kind[i] = dondoc_days_weekday(cy->first_day + i) < 5 ? 1 : 0;
	array_foreach(&cy->days, day) {
		doy = dondoc_date_to_days(&day->date) - cy->first_day;
		kind[doy] = day->kind == DONDOC_DAY_WORK ? 1 : 0;
	}
	cy->cum[0] = 0;
	for (i = 0; i < cy->ndays; i++)
		cy->cum[i + 1] = cy->cum[i] + kind[i];
	cy->built = TRUE;
}

/* The built year, or NULL for a year outside the supported range. */
static const struct calendar_year *
calendar_year(struct dondoc_calendar *cal, int year)
{
	struct calendar_year *cy = calendar_year_get(cal, year);

	if (cy != NULL && !cy->built)
		calendar_year_build(cal, cy);
	return cy;
}

static int days_year(int days)
{
	struct dondoc_date date;

	dondoc_date_from_days(days, &date);
	return date.year;
}

static int year_first_day(int year)
{
	struct dondoc_date jan1 = { year, 1, 1 };

	return dondoc_date_to_days(&jan1);
}

/* Working days in the day numbers [a, b] of one year (a <= b). */
static int calendar_count_in_year(struct dondoc_calendar *cal, int year,
				  int a, int b)
{
	const struct calendar_year *cy = calendar_year(cal, year);
	int n = 0;

	if (cy != NULL)
		return cy->cum[b - cy->first_day + 1] - cy->cum[a - cy->first_day];
	/* outside the supported years: weekends only */
	for (; a <= b && dondoc_days_weekday(a) != 0; a++)
		n += dondoc_days_weekday(a) < 5 ? 1 : 0;
	for (; a + 6 <= b; a += 7)
		n += 5;
	for (; a <= b; a++)
		n += dondoc_days_weekday(a) < 5 ? 1 : 0;
	return n;
}

bool dondoc_calendar_is_workday(struct dondoc_calendar *cal,
				const struct dondoc_date *date)
{
	/* via the day number, so that an invalid date (31 Feb) cannot index
	   outside its year */
	int days = dondoc_date_to_days(date);

	return calendar_count_in_year(cal, days_year(days), days, days) == 1;
}

static int calendar_count_days(struct dondoc_calendar *cal, int from, int to)
{
	int year, last, n = 0;

	for (year = days_year(from); from <= to; year++) {
		last = year_first_day(year + 1) - 1;
		n += calendar_count_in_year(cal, year, from,
					    to < last ? to : last);
		from = last + 1;
	}
	return n;
}

int dondoc_calendar_count_workdays(struct dondoc_calendar *cal,
				   const struct dondoc_date *from,
				   const struct dondoc_date *to)
{
	return calendar_count_days(cal, dondoc_date_to_days(from),
				   dondoc_date_to_days(to));
}

/* The n-th (n >= 1) working day in [x, end of x's year] into found_r, or
   FALSE (with n_r reduced by the year's working days) if there are fewer. */
static bool calendar_find_forward(struct dondoc_calendar *cal, int x, int *n_r,
				  int *found_r)
{
	int year = days_year(x), last = year_first_day(year + 1) - 1;
	const struct calendar_year *cy;
	int avail, base, lo, hi, mid;

	avail = calendar_count_in_year(cal, year, x, last);
	if (avail < *n_r) {
		*n_r -= avail;
		return FALSE;
	}
	cy = calendar_year(cal, year);
	if (cy == NULL) {
		for (;; x++) {
			if (dondoc_days_weekday(x) < 5 && --*n_r == 0) {
				*found_r = x;
				return TRUE;
			}
		}
	}
	/* smallest doy with cum[doy + 1] - base >= n */
	base = cy->cum[x - cy->first_day];
	lo = x - cy->first_day; hi = cy->ndays - 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cy->cum[mid + 1] - base >= *n_r)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found_r = cy->first_day + lo;
	return TRUE;
}

/* The n-th (n >= 1) working day counting back in [start of x's year, x],
   as above. */
static bool calendar_find_backward(struct dondoc_calendar *cal, int x,
				   int *n_r, int *found_r)
{
	int year = days_year(x), first = year_first_day(year);
	const struct calendar_year *cy;
	int avail, top, lo, hi, mid;

	avail = calendar_count_in_year(cal, year, first, x);
	if (avail < *n_r) {
		*n_r -= avail;
		return FALSE;
	}
	cy = calendar_year(cal, year);
	if (cy == NULL) {
		for (;; x--) {
			if (dondoc_days_weekday(x) < 5 && --*n_r == 0) {
				*found_r = x;
				return TRUE;
			}
		}
	}
	/* largest doy with top - cum[doy] >= n */
	top = cy->cum[x - first + 1];
	lo = 0; hi = x - first;
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (top - cy->cum[mid] >= *n_r)
			lo = mid;
		else
			hi = mid - 1;
	}
	*found_r = first + lo;
	return TRUE;
}

void dondoc_calendar_add_workdays(struct dondoc_calendar *cal,
				  const struct dondoc_date *date, int n,
				  struct dondoc_date *result_r)
{
	int x = dondoc_date_to_days(date), found;

	if (n == 0) {
		if (dondoc_calendar_is_workday(cal, date)) {
			*result_r = *date;
			return;
		}
		n = 1;
	}
	n = I_MAX(I_MIN(n, CAL_MAX_ADD), -CAL_MAX_ADD);
	if (n > 0) {
		x++;
		while (!calendar_find_forward(cal, x, &n, &found))
			x = year_first_day(days_year(x) + 1);
	} else {
		n = -n;
		x--;
		while (!calendar_find_backward(cal, x, &n, &found))
			x = year_first_day(days_year(x)) - 1;
	}
	dondoc_date_from_days(found, result_r);
}

void dondoc_calendar_last_workday_before(struct dondoc_calendar *cal,
					 const struct dondoc_date *date,
					 struct dondoc_date *result_r)
{
	dondoc_calendar_add_workdays(cal, date, -1, result_r);
}

void dondoc_calendar_notice_deadline(struct dondoc_calendar *cal,
				     const struct dondoc_date *meeting,
				     int n, struct dondoc_date *result_r)
{
	if (n <= 0)
		*result_r = *meeting;
	else
		dondoc_calendar_add_workdays(cal, meeting, -n, result_r);
}

int dondoc_calendar_late_workdays(struct dondoc_calendar *cal,
				  const struct dondoc_date *due,
				  const struct dondoc_date *submitted)
{
	int from = dondoc_date_to_days(due) + 1;
	int to = dondoc_date_to_days(submitted);

	return from > to ? 0 : calendar_count_days(cal, from, to);
}

void dondoc_calendar_year_days(struct dondoc_calendar *cal, int year,
			       ARRAY_TYPE(dondoc_calendar_day) *days)
{
	const struct calendar_year *cy = calendar_year(cal, year);

	if (cy != NULL)
		array_append_array(days, &cy->days);
}

bool dondoc_calendar_year_announced(struct dondoc_calendar *cal, int year)
{
	struct calendar_year *cy;

	if (year < CAL_FIRST_YEAR || year > CAL_LAST_YEAR)
		return FALSE;
	cy = cal->years[year - CAL_FIRST_YEAR];
	return cy != NULL && array_count(&cy->exceptions) > 0;
}
