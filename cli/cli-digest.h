/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef CLI_DIGEST_H
#define CLI_DIGEST_H

/* dondoc digest's settings and its mail (cli-digest.c). */

#include "dondoc-digest.h"

struct cli_context;

/* The docx's header block from the plugin settings (dondoc_committee_name,
   dondoc_issuer_name, dondoc_report_symbol, dondoc_place,
   dondoc_report_recipient) or their defaults; dated today in Vietnam. */
void cli_digest_docx_settings(const struct dondoc_digest *digest,
			      struct dondoc_digest_docx_settings *set_r);
/* One PNG chart per agency of the digest, in order (freed with the
   pool), drawn by the dondoc_chart_helper program; entries NULL (no
   pictures) when it is none or not installed (said on stderr). NULL
   after cli_error(). */
const buffer_t *const *cli_digest_charts(const struct dondoc_digest *digest,
					 pool_t pool);
/* Queue the report as a mail to a role's people or an address in the
   outbox; a cli_exit code. */
int cli_digest_mail(struct cli_context *ctx, struct dondoc_store *store,
		    const struct dondoc_digest *digest, const char *to);

#endif
