/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc outbox list [--state S] [--json] | outbox send [--smtp HOST[:PORT]]
   [--sendmail PATH] [--max N] [--timeout SECS] [--watch [--interval SECS]]: the mail dondoc
   queued (receipts, escalations) and the sender of what is still queued:
   after SMTP was down at delivery, or every receipt with dondoc_send =
   outbox (then `--watch` runs as the site's sender, until SIGINT/SIGTERM).
   Each mail goes out once: it is claimed (owner and lease) before it is
   sent, its claim checked and renewed right before the send, and it is
   marked sent after; a batch is no bigger than one lease covers. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "strnum.h"
#include "ioloop.h"
#include "master-service.h"

#include "dondoc-store.h"
#include "dondoc-actions.h"
#include "dondoc-cli.h"
#include "cli-settings.h"
#include "cli-mail.h"

#include <stdio.h>

#define OUTBOX_DEFAULT_MAX 100
#define OUTBOX_MAX_MAX 100000
/* --watch: seconds between rounds, and the first retry delay of a mail
   that failed (doubling per attempt). */
#define OUTBOX_WATCH_DEFAULT_INTERVAL 1
#define OUTBOX_WATCH_MAX_INTERVAL 3600
#define OUTBOX_WATCH_RETRY_SECS 60
/* --timeout: the bound on one whole SMTP transaction (default 30 s);
   claims last twice that and 5 s. */
#define OUTBOX_MAX_TIMEOUT 300

static int outbox_state_parse(const char *name)
{
	int state;

	for (state = DONDOC_OUTBOX_QUEUED; state <= DONDOC_OUTBOX_FAILED;
	     state++) {
		if (strcmp(dondoc_outbox_state_name(state), name) == 0)
			return state;
	}
	return -2;
}

static void outbox_print(const ARRAY_TYPE(dondoc_outbox_mail) *mails,
			 bool json)
{
	const struct dondoc_outbox_mail *mail;
	string_t *out = t_str_new(1024);

	cli_list_begin(out, json);
	array_foreach(mails, mail) {
		if (!json) {
			str_printfa(out, "%lld\t%s\t%s\t%s\t%s\t%u\t%s\n",
				(long long)mail->id,
				dondoc_outbox_kind_name(mail->kind),
				dondoc_outbox_state_name(mail->state),
				mail->task_code != NULL ? mail->task_code : "-",
				mail->recipient, mail->attempts,
				mail->message_id);
			continue;
		}
		cli_list_item(out, json);
		str_printfa(out, "{\"id\":%lld", (long long)mail->id);
		cli_json_str(out, "kind", dondoc_outbox_kind_name(mail->kind),
			     FALSE);
		cli_json_str(out, "state",
			     dondoc_outbox_state_name(mail->state), FALSE);
		cli_json_str(out, "task", mail->task_code, FALSE);
		cli_json_str(out, "recipient", mail->recipient, FALSE);
		cli_json_str(out, "message_id", mail->message_id, FALSE);
		cli_json_int(out, "attempts", mail->attempts);
		cli_json_str(out, "last_error", mail->last_error, FALSE);
		cli_json_str(out, "data", mail->data, FALSE);
		str_append_c(out, '}');
	}
	cli_list_end(out, json);
}

static int outbox_list(struct cli_context *ctx, const char *state_name,
		       bool json)
{
	ARRAY_TYPE(dondoc_outbox_mail) mails;
	struct dondoc_store *store;
	const char *error;
	int state = -1, ret;

	if (state_name != NULL && (state = outbox_state_parse(state_name)) < -1) {
		cli_error("unknown state %s (queued, claimed, sent, failed)",
			  state_name);
		return CLI_EXIT_FAILURE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&mails, 16);
	ret = dondoc_store_outbox_list(store, pool_datastack_create(), state,
				       &mails, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	outbox_print(&mails, json);
	return CLI_EXIT_OK;
}

static void outbox_watch_wake(struct ioloop *ioloop)
{
	io_loop_stop(ioloop);
}

/* Wait interval seconds, or less when stopped by SIGINT/SIGTERM
   (master-service's handlers stop the ioloop). FALSE when stopped. */
static bool outbox_watch_wait(unsigned int interval)
{
	struct timeout *to;

	if (master_service_is_killed(master_service))
		return FALSE;
	to = timeout_add(interval * 1000, outbox_watch_wake, current_ioloop);
	io_loop_run(current_ioloop);
	timeout_remove(&to);
	return !master_service_is_killed(master_service);
}

static void outbox_flush_settings(struct cli_mailer *mailer, unsigned int max,
				  unsigned int retry_secs,
				  struct dondoc_flush_settings *set_r)
{
	i_zero(set_r);
	set_r->owner = dondoc_actions_new_owner();
	set_r->send_timeout_secs = cli_mailer_timeout_secs(mailer);
	set_r->lease_secs = DONDOC_ACTIONS_LEASE_SECS(set_r->send_timeout_secs);
	set_r->max = max;
	set_r->max_attempts = DONDOC_ACTIONS_DEFAULT_MAX_ATTEMPTS;
	set_r->retry_secs = retry_secs;
}

/* --watch: send what is queued, round after round, until stopped; a
   failed mail is retried with backoff (1 minute, doubling, at most an
   hour) rather than at every round. A claim left by a sender that died
   (a delivery killed before its send) is taken when its lease runs out,
   seconds later. Store errors are reported and retried at the next
   round: a sender that exits loses nothing but delays everything. */
static int outbox_watch(struct dondoc_store *store, struct cli_mailer *mailer,
			unsigned int max, unsigned int interval)
{
	struct dondoc_flush_settings set;
	unsigned int failures, lost;
	const char *error;
	char *owner;
	int sent;

	outbox_flush_settings(mailer, max, OUTBOX_WATCH_RETRY_SECS, &set);
	/* the same owner for every round */
	owner = i_strdup(set.owner);
	set.owner = owner;
	for (;;) {
		T_BEGIN {
			sent = dondoc_actions_flush_outbox(store,
				cli_mailer_send, mailer, &set, &failures,
				&lost, &error);
			if (sent < 0)
				i_error("outbox: %s", error);
			else if (sent > 0 || failures > 0 || lost > 0) {
				i_info("outbox: %d sent, %u failed, %u taken "
				       "by another sender", sent, failures,
				       lost);
			}
		} T_END;
		if (master_service_is_killed(master_service))
			break;
		/* A full round: more may be waiting, go on at once. */
		if (sent >= 0 && (unsigned int)sent + failures + lost >= max)
			continue;
		if (!outbox_watch_wait(interval))
			break;
	}
	i_free(owner);
	return CLI_EXIT_OK;
}

static int outbox_send(struct cli_context *ctx, const char *host,
		       const char *path, const char *max_str,
		       bool watch, const char *interval_str,
		       const char *timeout_str)
{
	unsigned int timeout = 0;
	struct dondoc_flush_settings set;
	struct dondoc_store *store;
	struct cli_mailer *mailer;
	unsigned int max = OUTBOX_DEFAULT_MAX, failures, lost;
	unsigned int interval = OUTBOX_WATCH_DEFAULT_INTERVAL;
	const char *error;
	int sent, ret;

	if (max_str != NULL && (str_to_uint(max_str, &max) < 0 || max == 0 ||
				max > OUTBOX_MAX_MAX)) {
		cli_error("--max must be 1..%u", OUTBOX_MAX_MAX);
		return CLI_EXIT_FAILURE;
	}
	if (interval_str != NULL &&
	    (!watch || str_to_uint(interval_str, &interval) < 0 ||
	     interval == 0 || interval > OUTBOX_WATCH_MAX_INTERVAL)) {
		cli_error("--interval must be 1..%u seconds, with --watch",
			  OUTBOX_WATCH_MAX_INTERVAL);
		return CLI_EXIT_FAILURE;
	}
	if (timeout_str != NULL &&
	    (str_to_uint(timeout_str, &timeout) < 0 || timeout == 0 ||
	     timeout > OUTBOX_MAX_TIMEOUT)) {
		cli_error("--timeout must be 1..%u seconds", OUTBOX_MAX_TIMEOUT);
		return CLI_EXIT_FAILURE;
	}
	if (cli_mailer_create(host, path, &mailer) < 0)
		return CLI_EXIT_FAILURE;
	if (timeout > 0)
		cli_mailer_set_timeout(mailer, timeout);
	/* its commits need not wait for the disk: the sender syncs before
	   each send (dondoc-outbox-flush.c) */
	if (cli_store_open_relaxed(ctx, &store) < 0) {
		cli_mailer_free(&mailer);
		return CLI_EXIT_FAILURE;
	}
	dondoc_store_set_actor(store, "cli");
	if (watch) {
		ret = outbox_watch(store, mailer, max, interval);
		cli_store_close(ctx, &store);
		cli_mailer_free(&mailer);
		return ret;
	}
	outbox_flush_settings(mailer, max, 0, &set);
	sent = dondoc_actions_flush_outbox(store, cli_mailer_send, mailer,
					   &set, &failures, &lost, &error);
	cli_store_close(ctx, &store);
	/* SMTP down: the mail stays queued, try again later */
	if (cli_mailer_tempfailed(mailer))
		ctx->tempfail = TRUE;
	cli_mailer_free(&mailer);
	if (sent < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("%d sent, %u failed", sent, failures);
	if (lost > 0)
		printf(", %u taken by another sender", lost);
	printf("\n");
	return failures > 0 ? CLI_EXIT_FAILURE : CLI_EXIT_OK;
}

static int cmd_outbox_run(struct cli_context *ctx, int argc,
			  const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--json" },
		{ .name = "--state", .has_value = TRUE },
		{ .name = "--smtp", .has_value = TRUE },
		{ .name = "--sendmail", .has_value = TRUE },
		{ .name = "--max", .has_value = TRUE },
		{ .name = "--watch" },
		{ .name = "--interval", .has_value = TRUE },
		{ .name = "--timeout", .has_value = TRUE },
	};
	const char *positional[1];
	unsigned int count;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       positional, N_ELEMENTS(positional), &count) ||
	    count != 1)
		return cli_usage(&cmd_outbox);
	if (strcmp(positional[0], "list") == 0)
		return outbox_list(ctx, options[1].value,
				   options[0].value != NULL);
	if (strcmp(positional[0], "send") == 0)
		return outbox_send(ctx, options[2].value, options[3].value,
				   options[4].value, options[5].value != NULL,
				   options[6].value, options[7].value);
	return cli_usage(&cmd_outbox);
}

const struct cli_command cmd_outbox = {
	.name = "outbox",
	.summary = "list and send the mail dondoc queued",
	.usage = "list [--state queued|claimed|sent|failed] [--json] | "
		"send [--smtp HOST[:PORT] | --sendmail PATH] [--max N] "
		"[--timeout SECS] [--watch [--interval SECS]]",
	.run = cmd_outbox_run,
};
