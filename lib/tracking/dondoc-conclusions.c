/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Conclusion notices, plans and minutes sent out (see
   dondoc-outgoing-private.h). */

#include "lib.h"
#include "array.h"
#include "dondoc-outgoing-private.h"

int dondoc_meetings_conclusions(struct dondoc_outgoing_ctx *ctx ATTR_UNUSED,
				const char **error_r ATTR_UNUSED)
{
	return 0;
}
