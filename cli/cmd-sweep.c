/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc sweep [--today YYYY-MM-DD] [--remind-days N] [--escalate-days N]
   [--smtp HOST[:PORT] | --sendmail PATH]: the periodic chase, run from
   cron (lib/tracking/dondoc-sweep.c): overdue tasks marked, agencies reminded of
   what falls due and what is overdue, the Head told of what is long
   overdue. Without a mailer the mail waits in the outbox. */

#include "lib.h"
#include "ioloop.h"
#include "strnum.h"

#include "dondoc-sweep.h"
#include "dondoc-settings.h"
#include "dondoc-cli.h"
#include "cli-settings.h"
#include "cli-mail.h"

#include <stdio.h>

#define SWEEP_MAX_DAYS_OPTION DONDOC_SWEEP_MAX_WORKDAYS

static bool sweep_days_option(const char *value, const char *name,
			      unsigned int *days)
{
	if (value == NULL)
		return TRUE;
	if (str_to_uint(value, days) < 0 || *days > SWEEP_MAX_DAYS_OPTION) {
		cli_error("%s must be 0..%u", name, SWEEP_MAX_DAYS_OPTION);
		return FALSE;
	}
	return TRUE;
}

static int sweep_run(struct cli_context *ctx, const struct dondoc_date *today,
		     const struct dondoc_sweep_settings *set,
		     struct cli_mailer *mailer)
{
	struct dondoc_tracker_settings tracker;
	struct dondoc_actions_settings actions;
	struct dondoc_sweep_result result;
	struct dondoc_calendar *cal;
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (cli_tracking_settings(&tracker, &actions) < 0)
		return CLI_EXIT_FAILURE;
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	dondoc_store_set_actor(store, "sweep");
	if (dondoc_store_calendar_create(store, &cal, &error) < 0) {
		cli_error("%s", error);
		cli_store_close(ctx, &store);
		return CLI_EXIT_FAILURE;
	}
	struct dondoc_actions_env env = {
		.store = store,
		.set = &actions,
		.now = ioloop_time,
		.new_message_id = cli_new_message_id,
		.send = mailer != NULL ? cli_mailer_send : NULL,
		.context = mailer,
	};
	ret = dondoc_sweep(&env, cal, set, today, &result, &error);
	dondoc_calendar_free(&cal);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("%u marked overdue, %u reminder(s), %u escalation(s) queued, "
	       "%u sent", result.overdue_marked, result.reminders,
	       result.escalations, result.sent);
	if (actions.head_digest != DONDOC_HEAD_DIGEST_IMMEDIATE ||
	    result.digests > 0) {
		printf("; %u escalation(s) collected for the Head's digest, "
		       "%u digest(s) built with %u item(s)",
		       result.collected, result.digests, result.digest_items);
	}
	printf("\n");
	return CLI_EXIT_OK;
}

static int cmd_sweep_run(struct cli_context *ctx, int argc,
			 const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--today", .has_value = TRUE },
		{ .name = "--remind-days", .has_value = TRUE },
		{ .name = "--escalate-days", .has_value = TRUE },
		{ .name = "--smtp", .has_value = TRUE },
		{ .name = "--sendmail", .has_value = TRUE },
	};
	struct dondoc_sweep_settings set;
	struct cli_mailer *mailer = NULL;
	struct dondoc_date today;
	const char *positional[1];
	unsigned int count;
	int ret;

	/* the ladder of the plugin {} block; the options override it */
	dondoc_settings_sweep(cli_setting_get, NULL, &set);
	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       positional, N_ELEMENTS(positional), &count) ||
	    count != 0)
		return cli_usage(&cmd_sweep);
	if (options[0].value != NULL) {
		if (!dondoc_date_parse(options[0].value, &today)) {
			cli_error("invalid --today date: %s", options[0].value);
			return CLI_EXIT_FAILURE;
		}
	} else {
		dondoc_tracker_vn_date(ioloop_time, &today);
	}
	if (!sweep_days_option(options[1].value, "--remind-days",
			       &set.remind_workdays) ||
	    !sweep_days_option(options[2].value, "--escalate-days",
			       &set.escalate_workdays))
		return CLI_EXIT_FAILURE;
	if ((options[3].value != NULL || options[4].value != NULL) &&
	    cli_mailer_create(options[3].value, options[4].value, &mailer) < 0)
		return CLI_EXIT_FAILURE;
	ret = sweep_run(ctx, &today, &set, mailer);
	if (mailer != NULL)
		cli_mailer_free(&mailer);
	return ret;
}

const struct cli_command cmd_sweep = {
	.name = "sweep",
	.summary = "the periodic chase: overdue, reminders, escalations",
	.usage = "[--today YYYY-MM-DD] [--remind-days N] [--escalate-days N] "
		"[--smtp HOST[:PORT] | --sendmail PATH]",
	.run = cmd_sweep_run,
};
