/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_MSGINFO_H
#define DONDOC_MSGINFO_H

/* The header facts tracking needs (struct dondoc_message_info), read from
   a raw message: used where no Dovecot mail object exists (spool replay,
   the CLI). Header bytes read are bounded. */

#include "dondoc-tracker.h"

struct istream;

struct dondoc_msginfo_headers;

/* Fill info from input's header (envelope fields and received_at are
   left to the caller). from_address is NULL when the header has several
   From: fields; an "Authentication-Results :" field (whitespace before
   the colon) is not listed in authres_headers. Returns 0, or -1 on a read error. Strings are
   allocated from pool. */
int dondoc_msginfo_read(struct istream *input, pool_t pool,
			struct dondoc_message_info *info_r,
			struct dondoc_msginfo_headers **headers_r,
			const char **error_r);
/* First value of a top-level header (unfolded), or NULL. */
const char *dondoc_msginfo_header(void *headers, const char *name);
/* The index-th value (0 the first) of a top-level header, or NULL after
   the last: the lookup dondoc_autoreply_input.get_header wants. */
const char *dondoc_msginfo_header_nth(void *headers, const char *name,
				      unsigned int index);
/* TRUE when the header had more fields or bytes than are kept: then no
   lookup can prove a header absent (the auto-reply rules refuse). */
bool dondoc_msginfo_headers_truncated(const struct dondoc_msginfo_headers *headers);

/* The single addr-spec of a From: value (lowercased domain), NULL when
   none, several or invalid. */
const char *dondoc_msginfo_from_address(pool_t pool, const char *value);

#endif
