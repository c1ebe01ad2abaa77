/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc digest's settings (the committee's names for the docx header)
   and its mail. Trusts the plugin settings as the administrator's. */

#include "lib.h"
#include "array.h"
#include "buffer.h"
#include "ioloop.h"

#include "dondoc-tracker.h"
#include "dondoc-cli.h"
#include "cli-digest.h"

static const char *setting_or(const char *name, const char *def)
{
	const char *value = cli_plugin_setting(name);

	return value == NULL || value[0] == '\0' ? def : value;
}

void cli_digest_docx_settings(const struct dondoc_digest *digest ATTR_UNUSED,
			      struct dondoc_digest_docx_settings *set_r)
{
	i_zero(set_r);
	set_r->parent_name = setting_or("dondoc_committee_name",
					"BAN CHỈ ĐẠO ĐỀ ÁN 06");
	set_r->issuer_name = setting_or("dondoc_issuer_name",
					"TỔ GIÚP VIỆC");
	set_r->symbol = setting_or("dondoc_report_symbol", "BC-TGV");
	set_r->place = setting_or("dondoc_place", "Kiên Giang");
	set_r->recipient = setting_or("dondoc_report_recipient",
				      "Trưởng Ban Chỉ đạo");
	set_r->signer = setting_or("dondoc_report_signer", "TỔ TRƯỞNG");
	dondoc_tracker_vn_date(ioloop_time, &set_r->date);
}

const buffer_t *const *cli_digest_charts(const struct dondoc_digest *digest,
					 pool_t pool)
{
	unsigned int i, count = array_count(&digest->agencies);
	const struct dondoc_digest_agency *agency;
	buffer_t **charts;
	const char *error;

	charts = p_new(pool, buffer_t *, count + 1);
	for (i = 0; i < count; i++) {
		agency = array_idx(&digest->agencies, i);
		charts[i] = buffer_create_dynamic(pool, 8192);
		if (dondoc_digest_chart_png(agency, charts[i], &error) < 0) {
			cli_error("%s", error);
			return NULL;
		}
	}
	return (const buffer_t *const *)charts;
}

int cli_digest_mail(struct cli_context *ctx ATTR_UNUSED,
		    struct dondoc_store *store ATTR_UNUSED,
		    const struct dondoc_digest *digest ATTR_UNUSED,
		    const char *to ATTR_UNUSED)
{
	cli_error("--mail: not available yet");
	return CLI_EXIT_FAILURE;
}
