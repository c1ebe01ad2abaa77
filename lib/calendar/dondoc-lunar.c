/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Vietnamese lunisolar calendar, computed with the standard
   astronomical algorithm: mean new moons with the main periodic terms
   (Meeus, "Astronomical Formulae for Calculators", epoch 1900 Jan 0.5)
   and the apparent sun longitude (Meeus, low-precision solar
   coordinates), both taken at UTC+7, the legal time of Vietnam since 1968.

   A month starts on the local day of a new moon. Month 11 is the month
   holding the winter solstice. A lunar year with 13 months between two
   months 11 has a leap month: the first month after month 11 during which
   the sun does not enter a new 30-degree sector (no major solar term); it
   repeats the number of the month before it.

   Everything is computed once, on first use, into a table of month starts
   covering the solar years 1900-2100; conversions are then lookups. The
   module trusts nothing from its callers: dates out of range return
   FALSE. */

#include "lib.h"
#include "array.h"
#include "dondoc-lunar.h"

#include <math.h>

#define LUNAR_TIMEZONE 7.0
#define LUNAR_SYNODIC_MONTH 29.530588853
/* Julian day of the first mean new moon of the epoch (k = 0). */
#define LUNAR_EPOCH_NEW_MOON 2415021.076998695
/* Julian day number of 1970-01-01 (day 0 of dondoc_date_to_days()). */
#define LUNAR_JD_UNIX_EPOCH 2440588

#define LUNAR_FIRST_SOLAR_YEAR 1900
#define LUNAR_LAST_SOLAR_YEAR 2100
/* Month-11 starts of the years 1899..2101 bound every month we need. */
#define LUNAR_PERIODS (LUNAR_LAST_SOLAR_YEAR - LUNAR_FIRST_SOLAR_YEAR + 2)
#define LUNAR_MAX_MONTHS (LUNAR_PERIODS * 13)

struct lunar_month {
	int start_jd;
	int year;
	int month;
	bool leap;
};

static struct lunar_month lunar_months[LUNAR_MAX_MONTHS];
static unsigned int lunar_month_count;
static int lunar_first_jd, lunar_last_jd;

/* Julian day (with fraction) of the k-th new moon after the epoch. */
static double lunar_new_moon(int k)
{
	const double rad = M_PI / 180.0;
	double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
	double jd, m, mp, f, c, delta_t;

	jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 -
		0.000000155 * t3;
	jd += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * rad);
	/* mean anomalies of sun (m) and moon (mp), argument of latitude */
	m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
	mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
	f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;

	/* periodic terms, one per line */
	c = (0.1734 - 0.000393 * t) * sin(m * rad);
	c += 0.0021 * sin(2 * m * rad);
	c -= 0.4068 * sin(mp * rad);
	c += 0.0161 * sin(2 * mp * rad);
	c -= 0.0004 * sin(3 * mp * rad);
	c += 0.0104 * sin(2 * f * rad);
	c -= 0.0051 * sin((m + mp) * rad);
	c -= 0.0074 * sin((m - mp) * rad);
	c += 0.0004 * sin((2 * f + m) * rad);
	c -= 0.0004 * sin((2 * f - m) * rad);
	c -= 0.0006 * sin((2 * f + mp) * rad);
	c += 0.0010 * sin((2 * f - mp) * rad);
	c += 0.0005 * sin((2 * mp + m) * rad);

	/* dynamical time to universal time */
	if (t < -11) {
		delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 -
			0.00000845 * t3 - 0.000000081 * t * t3;
	} else {
		delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
	}
	return jd + c - delta_t;
}

/* The local (UTC+7) day number on which the k-th new moon falls. */
static int lunar_new_moon_day(int k)
{
	double jd = floor(lunar_new_moon(k) + 0.5 + LUNAR_TIMEZONE / 24.0);

	return (int)jd;
}

/* Sun's apparent longitude in radians [0, 2pi) at Julian day jd. */
static double lunar_sun_longitude(double jd)
{
	const double rad = M_PI / 180.0;
	double t = (jd - 2451545.0) / 36525.0, t2 = t * t;
	double m, l0, dl, l;

	m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 -
		0.00000048 * t * t2;
	l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
	dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(m * rad);
	dl += (0.019993 - 0.000101 * t) * sin(2 * m * rad) +
		0.000290 * sin(3 * m * rad);
	l = (l0 + dl) * rad;
	l -= 2 * M_PI * floor(l / (2 * M_PI));
	return l;
}

/* The 30-degree sector (0..11) the sun is in at the local start of day
   jdn; sector 9 begins at the winter solstice (270 degrees). */
static int lunar_sun_sector(int jdn)
{
	double jd = jdn - 0.5 - LUNAR_TIMEZONE / 24.0;

	return (int)(lunar_sun_longitude(jd) / (M_PI / 6.0));
}

static int lunar_jdn_from_solar(int year, int month, int day)
{
	struct dondoc_date date = { year, month, day };

	return dondoc_date_to_days(&date) + LUNAR_JD_UNIX_EPOCH;
}

/* New-moon index k of the month starting on day jdn. */
static int lunar_month_index(int jdn)
{
	double k = floor((jdn - LUNAR_EPOCH_NEW_MOON) /
			 LUNAR_SYNODIC_MONTH + 0.5);

	return (int)k;
}

/* First day of the month 11 that holds the winter solstice of year. */
static int lunar_month11_start(int year)
{
	int off = lunar_jdn_from_solar(year, 12, 31) - 2415021;
	int k = (int)(off / LUNAR_SYNODIC_MONTH);
	int start = lunar_new_moon_day(k);

	/* A month starting at or after the solstice cannot hold it. */
	if (lunar_sun_sector(start) >= 9)
		start = lunar_new_moon_day(k - 1);
	return start;
}

/* Offset (1..12) from month 11 of the leap month in the 13-month period
   starting at a11: the first month whose start and the next month's start
   see the sun in the same sector. */
static int lunar_leap_offset(int a11)
{
	int k = lunar_month_index(a11);
	int i, sector, next;

	sector = lunar_sun_sector(lunar_new_moon_day(k + 1));
	for (i = 1; i < 13; i++) {
		next = lunar_sun_sector(lunar_new_moon_day(k + i + 1));
		if (next == sector)
			break;
		sector = next;
	}
	return i;
}

/* Add the months of the period from month 11 of solar year-1 up to
   (excluding) month 11 of year: months 11 and 12 of lunar year-1, then
   months 1-10 (and the leap month, if any) of lunar year. */
static void lunar_add_period(int year, int a11, int b11)
{
	int k = lunar_month_index(a11);
	int months = b11 - a11 > 365 ? 13 : 12;
	int leap = months == 13 ? lunar_leap_offset(a11) : 99;
	int i, number;

	for (i = 0; i < months; i++) {
		struct lunar_month *m = &lunar_months[lunar_month_count++];

		number = 11 + (i >= leap ? i - 1 : i);
		m->start_jd = i == 0 ? a11 : lunar_new_moon_day(k + i);
		m->leap = i == leap;
		m->month = number > 12 ? number - 12 : number;
		m->year = number > 12 ? year : year - 1;
	}
}

static void lunar_init(void)
{
	int year, a11, b11;

	if (lunar_month_count > 0)
		return;
	a11 = lunar_month11_start(LUNAR_FIRST_SOLAR_YEAR - 1);
	for (year = LUNAR_FIRST_SOLAR_YEAR;
	     year <= LUNAR_LAST_SOLAR_YEAR + 1; year++) {
		b11 = lunar_month11_start(year);
		lunar_add_period(year, a11, b11);
		a11 = b11;
	}
	/* The last table entry only bounds the month before it. */
	lunar_first_jd = lunar_jdn_from_solar(LUNAR_FIRST_SOLAR_YEAR, 1, 1);
	lunar_last_jd = lunar_jdn_from_solar(LUNAR_LAST_SOLAR_YEAR, 12, 31);
	i_assert(lunar_months[0].start_jd <= lunar_first_jd);
	i_assert(lunar_months[lunar_month_count - 1].start_jd > lunar_last_jd);
}

bool dondoc_lunar_from_solar(const struct dondoc_date *solar,
			     struct dondoc_lunar_date *lunar_r)
{
	unsigned int lo, hi, mid;
	int jdn;

	if (solar->year < LUNAR_FIRST_SOLAR_YEAR ||
	    solar->year > LUNAR_LAST_SOLAR_YEAR ||
	    solar->month < 1 || solar->month > 12 ||
	    solar->day < 1 || solar->day > 31)
		return FALSE;
	lunar_init();
	jdn = lunar_jdn_from_solar(solar->year, solar->month, solar->day);
	if (jdn < lunar_first_jd || jdn > lunar_last_jd)
		return FALSE;

	/* the last month starting on or before jdn */
	lo = 0; hi = lunar_month_count - 1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (lunar_months[mid].start_jd <= jdn)
			lo = mid;
		else
			hi = mid;
	}
	lunar_r->year = lunar_months[lo].year;
	lunar_r->month = lunar_months[lo].month;
	lunar_r->leap = lunar_months[lo].leap;
	lunar_r->day = jdn - lunar_months[lo].start_jd + 1;
	return TRUE;
}

static int lunar_month_cmp(const struct lunar_month *m,
			   const struct dondoc_lunar_date *lunar)
{
	if (m->year != lunar->year)
		return m->year < lunar->year ? -1 : 1;
	if (m->month != lunar->month)
		return m->month < lunar->month ? -1 : 1;
	if (m->leap != lunar->leap)
		return m->leap ? 1 : -1;
	return 0;
}

bool dondoc_lunar_to_solar(const struct dondoc_lunar_date *lunar,
			   struct dondoc_date *solar_r)
{
	unsigned int lo, hi, mid;
	int cmp, jdn;

	if (lunar->month < 1 || lunar->month > 12 ||
	    lunar->day < 1 || lunar->day > 30)
		return FALSE;
	lunar_init();

	/* the table minus its last, bounding entry is sorted by month */
	lo = 0; hi = lunar_month_count - 1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = lunar_month_cmp(&lunar_months[mid], lunar);
		if (cmp == 0) {
			lo = mid;
			break;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= lunar_month_count - 1 ||
	    lunar_month_cmp(&lunar_months[lo], lunar) != 0)
		return FALSE;
	if (lunar_months[lo].start_jd + lunar->day >
	    lunar_months[lo + 1].start_jd)
		return FALSE;
	jdn = lunar_months[lo].start_jd + lunar->day - 1;
	if (jdn < lunar_first_jd || jdn > lunar_last_jd)
		return FALSE;
	dondoc_date_from_days(jdn - LUNAR_JD_UNIX_EPOCH, solar_r);
	return TRUE;
}
