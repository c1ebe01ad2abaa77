/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc digest's settings (the committee's names for the docx header),
   its charts and its mail, queued in the outbox once per period, agency,
   day and recipient (`dondoc outbox send` delivers it). Trusts the
   plugin settings as the administrator's. */

#include "lib.h"
#include "array.h"
#include "buffer.h"
#include "str.h"
#include "ioloop.h"

#include "dondoc-tracker.h"
#include "dondoc-digest-mail.h"
#include "dondoc-cli.h"
#include "cli-mail.h"
#include "cli-digest.h"

#include <stdio.h>

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

/* The addresses --mail names: an address, or the first address of each
   person holding a role. */
static int digest_recipients(struct dondoc_store *store, pool_t pool,
			     const char *to, ARRAY_TYPE(const_string) *rcpts)
{
	ARRAY_TYPE(dondoc_person) people;
	const struct dondoc_person *person;
	const char *error;

	if (strchr(to, '@') != NULL) {
		array_push_back(rcpts, &to);
		return 0;
	}
	if (!dondoc_role_is_valid(to)) {
		cli_error("--mail %s: neither an address nor a role", to);
		return -1;
	}
	p_array_init(&people, pool, 4);
	if (dondoc_store_person_list(store, pool, to, &people, &error) < 0) {
		cli_error("%s", error);
		return -1;
	}
	array_foreach(&people, person) {
		if (person->emails[0] != NULL)
			array_push_back(rcpts, &person->emails[0]);
	}
	if (array_count(rcpts) == 0) {
		cli_error("--mail %s: nobody holds that role", to);
		return -1;
	}
	return 0;
}

int cli_digest_mail(struct cli_context *ctx, struct dondoc_store *store,
		    const struct dondoc_digest *digest, const char *to)
{
	struct dondoc_tracker_settings tracker;
	struct dondoc_actions_settings actions;
	struct dondoc_digest_docx_settings docx_set;
	struct dondoc_digest_mail_input in;
	const buffer_t *const *charts;
	ARRAY_TYPE(const_string) rcpts;
	const char *const *rcpt, *error;
	unsigned int queued = 0, already = 0;
	buffer_t *docx;
	string_t *data;
	pool_t pool = digest->pool;
	int ret;

	if (cli_tracking_settings(&tracker, &actions) < 0)
		return CLI_EXIT_FAILURE;
	p_array_init(&rcpts, pool, 4);
	if (digest_recipients(store, pool, to, &rcpts) < 0)
		return CLI_EXIT_FAILURE;
	if ((charts = cli_digest_charts(digest, pool)) == NULL)
		return CLI_EXIT_FAILURE;
	cli_digest_docx_settings(digest, &docx_set);
	docx = buffer_create_dynamic(pool, 65536);
	if (dondoc_digest_write_docx(digest, &docx_set, charts, docx,
				     &error) < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	array_foreach(&rcpts, rcpt) {
		i_zero(&in);
		in.from_address = actions.from_address;
		in.from_name = actions.from_name;
		in.to_address = *rcpt;
		in.message_id = cli_new_message_id(NULL);
		in.date = ioloop_time;
		in.charts = charts;
		in.docx = docx;
		data = str_new(pool, 256 * 1024);
		if (dondoc_digest_compose_mail(digest, &in, data, &error) < 0) {
			cli_error("%s", error);
			return CLI_EXIT_FAILURE;
		}
		if (str_len(data) > DONDOC_STORE_MAX_MAIL) {
			cli_error("the report's mail would be %zu bytes, more "
				  "than the outbox keeps (%u): mail it per "
				  "agency (--agency) or write it with "
				  "--format docx --output FILE", str_len(data),
				  DONDOC_STORE_MAX_MAIL);
			return CLI_EXIT_FAILURE;
		}
		struct dondoc_outbox_mail mail = {
			.kind = DONDOC_OUTBOX_NOTICE,
			.recipient = *rcpt,
			.message_id = in.message_id,
			/* once per period, agency, day and recipient */
			.dedup_key = p_strdup_printf(pool, "digest:%s:%s:%s:%s",
				digest->period.label,
				digest->agency_filter == NULL ? "*" :
				digest->agency_filter,
				dondoc_date_to_str(&digest->as_of), *rcpt),
			.data = str_c(data),
			.state = DONDOC_OUTBOX_QUEUED,
			.created_at = ioloop_time,
		};
		ret = dondoc_store_outbox_queue(store, &mail, NULL, &error);
		if (ret < 0) {
			cli_error("%s", error);
			if (dondoc_store_error_is_temporary(store))
				ctx->tempfail = TRUE;
			return CLI_EXIT_FAILURE;
		}
		if (ret == 0)
			already++;
		else
			queued++;
	}
	printf("%u queued, %u already queued today\n", queued, already);
	return CLI_EXIT_OK;
}
