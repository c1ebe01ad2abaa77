/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Reporting periods ("H:2026:1"): parsing, validation and formatting.
   Trusts nothing: every string is bounded and checked (see
   dondoc-store.h). */

#include "lib.h"
#include "dondoc-store-private.h"

#include <ctype.h>

static int period_index_max(char kind)
{
	switch (kind) {
	case 'Y': return 1;
	case 'H': return 2;
	case 'Q': return 4;
	case 'B': return 6;
	case 'M': return 12;
	case 'E': return 999999;
	default: return -1;
	}
}

bool dondoc_period_is_valid(const struct dondoc_period *period)
{
	int max;

	if (period->kind == '\0')
		return period->year == 0 && period->index == 0;
	if ((max = period_index_max(period->kind)) < 0)
		return FALSE;
	return period->year >= 1900 && period->year <= 2100 &&
		period->index >= (period->kind == 'E' ? 0 : 1) &&
		period->index <= max;
}

static bool parse_bounded_int(const char *str, size_t len, int max,
			      int *value_r)
{
	int value = 0;
	size_t i;

	if (len == 0 || len > 6)
		return FALSE;
	for (i = 0; i < len; i++) {
		if (str[i] < '0' || str[i] > '9')
			return FALSE;
		value = value * 10 + (str[i] - '0');
	}
	if (value > max)
		return FALSE;
	*value_r = value;
	return TRUE;
}

bool dondoc_period_parse(const char *str, struct dondoc_period *period_r)
{
	const char *p, *q;
	struct dondoc_period period;

	i_zero(&period);
	if (str == NULL || str[0] == '\0' || str[1] != ':')
		return FALSE;
	period.kind = i_toupper(str[0]);
	p = str + 2;
	if ((q = strchr(p, ':')) == NULL)
		return FALSE;
	if (!parse_bounded_int(p, q - p, 9999, &period.year) ||
	    !parse_bounded_int(q + 1, strlen(q + 1), 999999, &period.index))
		return FALSE;
	if (!dondoc_period_is_valid(&period))
		return FALSE;
	*period_r = period;
	return TRUE;
}

const char *dondoc_period_to_str(const struct dondoc_period *period)
{
	if (period->kind == '\0')
		return "";
	return t_strdup_printf("%c:%d:%d", period->kind, period->year,
			       period->index);
}
