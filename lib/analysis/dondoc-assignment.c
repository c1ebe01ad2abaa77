/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The work a conclusion notice, plan, minutes or công văn assigns: who
   is in charge, who cooperates, what, by when and how often. Trusts the
   text to be NFC UTF-8 (the analysis makes it so) and nothing else. */

#include "lib.h"
#include "str.h"
#include "dondoc-text.h"
#include "dondoc-document-private.h"

const char *dondoc_deadline_kind_name(enum dondoc_deadline_kind kind)
{
	switch (kind) {
	case DONDOC_DEADLINE_NONE:
		return NULL;
	case DONDOC_DEADLINE_DAY:
		return "day";
	case DONDOC_DEADLINE_MONTH_END:
		return "month";
	case DONDOC_DEADLINE_QUARTER_END:
		return "quarter";
	case DONDOC_DEADLINE_HALF_END:
		return "half-year";
	case DONDOC_DEADLINE_YEAR_END:
		return "year";
	}
	i_unreached();
}

void doc_parse_assignments(struct doc_parse *dp ATTR_UNUSED)
{
}
