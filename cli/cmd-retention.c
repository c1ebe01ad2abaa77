/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* dondoc retention [--days N] [--spool DIR] [--dry-run]: what may go
   after N days (--days, else dondoc_retention_days, default 90): the
   bodies of outbox mail sent that long ago (the rows stay: recipient,
   Message-ID, dates and the keys that keep a mail from going out twice)
   and spool entries that old, which no replay could do (each one's
   name, action and last error go into the audit log first). The audit
   log itself is append-only and is never purged. Trusts nothing from
   argv: N is bounded. */

#include "lib.h"
#include "array.h"
#include "ioloop.h"
#include "strnum.h"

#include "dondoc-spool.h"
#include "dondoc-store.h"
#include "dondoc-settings.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>

/* at least a day, at most about 100 years */
#define RETENTION_MAX_DAYS 36500

static int retention_days(const char *option, unsigned int *days_r)
{
	const char *value = option, *name = "--days";

	*days_r = DONDOC_SETTINGS_DEFAULT_RETENTION_DAYS;
	if (value == NULL) {
		value = cli_plugin_setting("dondoc_retention_days");
		name = "dondoc_retention_days";
		if (value == NULL || value[0] == '\0')
			return 0;
	}
	if (str_to_uint(value, days_r) < 0 || *days_r == 0 ||
	    *days_r > RETENTION_MAX_DAYS) {
		cli_error("invalid %s: %s (a number of days, 1..%u)", name,
			  t_strcut(value, '\n'), RETENTION_MAX_DAYS);
		return -1;
	}
	return 0;
}

/* Purge the spool entries received before `before`, each audited first.
   count_r: entries purged. */
static int retention_spool(struct dondoc_store *store, const char *dir,
			   time_t before, bool dry_run, unsigned int *count_r)
{
	ARRAY_TYPE(dondoc_spool_entry) entries;
	const struct dondoc_spool_entry *e;
	const char *error;

	*count_r = 0;
	t_array_init(&entries, 16);
	if (dondoc_spool_list(dir, pool_datastack_create(), &entries,
			      &error) < 0) {
		cli_error("%s", error);
		return -1;
	}
	array_foreach(&entries, e) {
		if (e->received_at >= before)
			continue;
		if (dry_run) {
			(*count_r)++;
			continue;
		}
		if (dondoc_store_audit_add(store, "spool", e->name, "purge",
				t_strdup_printf("%s: %s",
					dondoc_spool_action_name(e->action),
					e->error != NULL ? e->error : ""),
				NULL, &error) < 0 ||
		    dondoc_spool_remove(dir, e, &error) < 0) {
			cli_error("%s", error);
			return -1;
		}
		(*count_r)++;
	}
	return 0;
}

/* --dry-run: the bodies a purge would drop, counted as it would. */
static int retention_outbox_count(struct dondoc_store *store, time_t before,
				  unsigned int *count_r)
{
	ARRAY_TYPE(dondoc_outbox_mail) mails;
	const struct dondoc_outbox_mail *mail;
	const char *error;

	t_array_init(&mails, 64);
	if (dondoc_store_outbox_list(store, pool_datastack_create(),
				     DONDOC_OUTBOX_SENT, &mails, &error) < 0) {
		cli_error("%s", error);
		return -1;
	}
	array_foreach(&mails, mail) {
		if (mail->sent_at < before && mail->data != NULL &&
		    mail->data[0] != '\0')
			(*count_r)++;
	}
	return 0;
}

static int cmd_retention_run(struct cli_context *ctx, int argc,
			     const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--days", .has_value = TRUE },
		{ .name = "--spool", .has_value = TRUE },
		{ .name = "--no-spool" },
		{ .name = "--dry-run" },
	};
	struct dondoc_store *store;
	const char *positional[1], *dir = NULL, *error;
	unsigned int count, days, bodies = 0, spooled = 0;
	bool dry_run;
	time_t before;
	int ret = 0;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       positional, N_ELEMENTS(positional), &count) ||
	    count != 0 ||
	    (options[1].value != NULL && options[2].value != NULL))
		return cli_usage(&cmd_retention);
	dry_run = options[3].value != NULL;
	if (retention_days(options[0].value, &days) < 0)
		return CLI_EXIT_FAILURE;
	if (options[2].value == NULL &&
	    (dir = cli_spool_dir(options[1].value)) == NULL)
		return CLI_EXIT_FAILURE;
	before = ioloop_time - (time_t)days * 24 * 3600;
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	dondoc_store_set_actor(store, "retention");
	if (dry_run)
		ret = retention_outbox_count(store, before, &bodies);
	else if (dondoc_store_outbox_purge(store, before, &bodies,
					   &error) < 0) {
		cli_error("%s", error);
		ret = -1;
	}
	if (ret == 0 && dir != NULL)
		ret = retention_spool(store, dir, before, dry_run, &spooled);
	cli_store_close(ctx, &store);
	if (ret < 0)
		return CLI_EXIT_FAILURE;
	printf("%s%u outbox bodies, %u spool entries older than %u days\n",
	       dry_run ? "would purge " : "purged ", bodies, spooled, days);
	return CLI_EXIT_OK;
}

const struct cli_command cmd_retention = {
	.name = "retention",
	.summary = "purge sent mail bodies and old spool entries",
	.usage = "[--days N] [--spool DIR | --no-spool] [--dry-run]",
	.run = cmd_retention_run,
};
