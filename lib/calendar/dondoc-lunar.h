/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_LUNAR_H
#define DONDOC_LUNAR_H

/* The Vietnamese lunisolar calendar (astronomical algorithm at UTC+7:
   month 11 holds the winter solstice; the leap month is the first month
   without a major solar term). Years 1900-2100. */

#include "dondoc-date.h"

struct dondoc_lunar_date {
	int year, month, day;
	bool leap;
};

/* Returns FALSE if solar is out of range. */
bool dondoc_lunar_from_solar(const struct dondoc_date *solar,
			     struct dondoc_lunar_date *lunar_r);
/* Returns FALSE if no such lunar date exists in range. */
bool dondoc_lunar_to_solar(const struct dondoc_lunar_date *lunar,
			   struct dondoc_date *solar_r);

#endif
