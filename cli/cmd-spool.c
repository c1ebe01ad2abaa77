/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc spool list [--spool DIR] | spool replay [--spool DIR]
   [--smtp HOST[:PORT] | --sendmail PATH]: the work deliveries could not do
   because the store was unavailable, done again now: each spooled message
   is analysed and tracked anew against the store, then recorded,
   confirmed or escalated as its script asked; only the entries for the
   store opened (--db, else dondoc_db), or recording none (written by an
   older dondoc), are replayed: one dondoc_spool may serve several
   committees, each with its own store. Receipts and escalations
   are queued in the outbox and, with a mailer, sent. An entry is removed
   only when its work is done. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "istream.h"
#include "ioloop.h"

#include "dondoc-analysis.h"
#include "dondoc-msginfo.h"
#include "dondoc-outgoing.h"
#include "dondoc-spool.h"
#include "dondoc-status.h"
#include "dondoc-store.h"
#include "dondoc-cli.h"
#include "cli-settings.h"
#include "cli-mail.h"

#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>

struct spool_replay {
	struct dondoc_store *store;
	struct dondoc_calendar *cal;
	struct cli_mailer *mailer;
	struct dondoc_tracker_settings tracker;
	struct dondoc_actions_settings actions;
	struct dondoc_outgoing_settings outgoing;
	const char *dir;
};

/* The spool directory: --spool DIR, else dondoc_spool (with -u USER,
   "~/" is the user's home, and unset is the delivery's default
   ~/dondoc-spool). It must exist: a mistyped directory would otherwise
   report "0 replayed" for ever. */
const char *cli_spool_dir(const char *option)
{
	const char *dir = option, *value;
	struct stat st;

	if (dir == NULL) {
		value = cli_plugin_setting("dondoc_spool");
		if (value == NULL || value[0] == '\0')
			value = "~/dondoc-spool";
		if (cli_home_path("dondoc_spool", value, &dir) < 0)
			return NULL;
	}
	if (dir == NULL || dir[0] != '/') {
		cli_error("give the spool directory as an absolute --spool DIR "
			  "(or set dondoc_spool, absolute or ~/ with -u USER)");
		return NULL;
	}
	if (stat(dir, &st) < 0) {
		if (errno == ENOENT)
			cli_error("spool directory %s does not exist", dir);
		else
			cli_error("stat(%s) failed: %m", dir);
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		cli_error("spool %s is not a directory", dir);
		return NULL;
	}
	return dir;
}

static int spool_list(const char *dir)
{
	ARRAY_TYPE(dondoc_spool_entry) entries;
	const struct dondoc_spool_entry *e;
	const char *error;

	t_array_init(&entries, 16);
	if (dondoc_spool_list(dir, pool_datastack_create(), &entries,
			      &error) < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	array_foreach(&entries, e) {
		printf("%s\t%s\t%s\n", e->name,
		       dondoc_spool_action_name(e->action),
		       e->invalid != NULL ? t_strconcat("unreadable: ",
		       e->invalid, NULL) : e->error != NULL ? e->error : "");
	}
	return CLI_EXIT_OK;
}

/* The spooled message, for an escalation to carry as the delivery would
   have (bounded by dondoc_escalate_attach_max). */
static const struct dondoc_actions_original *
spool_original(const char *path, off_t size, size_t max, pool_t pool)
{
	struct dondoc_actions_original *orig;
	struct istream *input;
	const unsigned char *data;
	buffer_t *buf;
	size_t len;

	orig = p_new(pool, struct dondoc_actions_original, 1);
	orig->size = size;
	if ((size_t)size > max)
		return orig;
	buf = buffer_create_dynamic(pool, size + 1);
	input = i_stream_create_file(path, 64 * 1024);
	while (i_stream_read_more(input, &data, &len) > 0 &&
	       buf->used + len <= max) {
		buffer_append(buf, data, len);
		i_stream_skip(input, len);
	}
	if (input->stream_errno == 0 && i_stream_read_eof(input)) {
		orig->data = buf->data;
		orig->len = orig->size = buf->used;
	}
	i_stream_unref(&input);
	return orig;
}

static int spool_do(struct spool_replay *r, const struct dondoc_spool_entry *e,
		    const struct dondoc_tracking *tracking,
		    const struct dondoc_message_info *info,
		    struct dondoc_msginfo_headers *headers,
		    const struct dondoc_actions_original *original,
		    const char **error_r)
{
	struct dondoc_actions_env env = {
		.store = r->store,
		.set = &r->actions,
		.tracking = tracking,
		.msg = info,
		.headers = headers,
		.now = ioloop_time,
		.new_message_id = cli_new_message_id,
		.send = r->mailer != NULL ? cli_mailer_send : NULL,
		.context = r->mailer,
		.original = original,
	};
	struct dondoc_submission_result result;
	const char *reason;
	unsigned int sent;
	bool confirmed;
	int ret, ret2;

	/* Spooled while the store was unavailable, the script saw no
	   sender and no task: what it asked for is decided again here, as
	   doc/examples/secretariat.sieve decides for a verified member of
	   the task's agency (confirm; escalate when late or raising
	   difficulties). Anyone else gets the record alone. */
	if (e->decide_at_replay && e->action != DONDOC_SPOOL_RECORD &&
	    e->action != DONDOC_SPOOL_STATUS &&
	    (!tracking->have_person || tracking->agency == NULL ||
	     tracking->match == DONDOC_MATCH_NONE))
		return 0;
	switch (e->action) {
	case DONDOC_SPOOL_RECORD:
		return dondoc_actions_record(&env, &result, error_r);
	case DONDOC_SPOOL_CONFIRM:
		return dondoc_actions_confirm(&env, &confirmed, &reason,
					      error_r);
	case DONDOC_SPOOL_ESCALATE:
		if (!e->decide_at_replay || e->reason != NULL) {
			return dondoc_actions_escalate(&env, e->reason, e->to,
						       &sent, &reason,
						       error_r);
		}
		ret = ret2 = 0;
		if (tracking->late) {
			ret = dondoc_actions_escalate(&env, t_strdup_printf(
				DONDOC_ACTIONS_REASON_LATE,
				tracking->late_days), e->to, &sent, &reason,
				error_r);
		}
		if (ret >= 0 && tracking->difficulties) {
			ret2 = dondoc_actions_escalate(&env,
				DONDOC_ACTIONS_REASON_DIFFICULTIES, e->to,
				&sent, &reason, error_r);
		}
		return ret < 0 || ret2 < 0 ? -1 : ret + ret2;
	case DONDOC_SPOOL_STATUS:
		/* checks the sender itself: a verified member or nothing */
		return dondoc_actions_status(&env, &confirmed, &reason,
					     error_r);
	case DONDOC_SPOOL_OUTGOING:
		break;
	}
	i_unreached();
}

/* The committee's own outgoing mail, as the mail plugin would have
   acted on it when it was saved. */
static int spool_outgoing(struct spool_replay *r,
			  const struct dondoc_spool_entry *e,
			  const struct dondoc_analysis *analysis,
			  const struct dondoc_message_info *info,
			  struct dondoc_msginfo_headers *headers,
			  const char **error_r)
{
	struct dondoc_actions_env env = {
		.store = r->store,
		.set = &r->actions,
		.msg = info,
		.headers = headers,
		.now = ioloop_time,
		.new_message_id = cli_new_message_id,
		.send = r->mailer != NULL ? cli_mailer_send : NULL,
		.context = r->mailer,
	};
	struct dondoc_outgoing_input in = {
		.analysis = analysis,
		.msg = info,
		.sender = e->sender,
		.triage_task = e->task,
	};
	struct dondoc_outgoing_result result;

	return dondoc_outgoing_process(&env, r->cal, &r->outgoing, &in,
				       &result, error_r);
}

/* Replay one entry: 1 done, 0 left for later (the store failed:
   error_r), -1 never applicable (bad input: error_r), to move aside. */
static int spool_replay_entry(struct spool_replay *r,
			      const struct dondoc_spool_entry *e,
			      const char **error_r)
{
	const char *path = dondoc_spool_message_path(r->dir, e);
	pool_t pool = pool_alloconly_create("spool replay", 16384);
	struct dondoc_analysis *analysis;
	struct dondoc_message_info info;
	struct dondoc_msginfo_headers *headers;
	struct dondoc_tracking *tracking;
	struct istream *input;
	unsigned int errors_before;
	struct stat st;
	int ret;

	if (e->invalid != NULL) {
		*error_r = e->invalid;
		return -1;
	}
	if (stat(path, &st) < 0) {
		*error_r = t_strdup_printf("stat(%s) failed: %m", path);
		return errno == ENOENT ? -1 : 0;
	}
	errors_before = dondoc_store_backend_errors(r->store);
	input = i_stream_create_file(path, 64 * 1024);
	ret = dondoc_msginfo_read(input, pool, &info, &headers, error_r);
	if (ret == 0) {
		i_stream_seek(input, 0);
		ret = dondoc_analyze_stream(input, &dondoc_limits_default,
					    pool, &analysis, error_r);
	}
	i_stream_unref(&input);
	if (ret < 0) {
		/* The message itself cannot be read: never applicable. */
		pool_unref(&pool);
		return -1;
	}
	if (ret == 0 && e->action == DONDOC_SPOOL_OUTGOING) {
		info.received_at = e->received_at;
		ret = spool_outgoing(r, e, analysis, &info, headers, error_r);
	} else if (ret == 0) {
		info.envelope_sender = e->envelope_sender;
		info.recipient_detail = e->recipient_detail;
		info.received_at = e->received_at;
		dondoc_tracker_evaluate(r->store, r->cal, &r->tracker, analysis,
					&info, NULL, pool, &tracking);
		if (tracking->store_error != NULL) {
			*error_r = t_strdup(tracking->store_error);
			ret = -1;
		} else {
			ret = spool_do(r, e, tracking, &info, headers,
				e->action == DONDOC_SPOOL_ESCALATE ?
				spool_original(path, st.st_size,
					       r->actions.attach_max, pool) :
				NULL, error_r);
		}
	}
	pool_unref(&pool);
	if (ret >= 0)
		return 1;
	/* Refused by the store's validation, not by the store: bad input
	   (entries written before it was checked at delivery). */
	return dondoc_store_backend_errors(r->store) == errors_before ? -1 : 0;
}

static int spool_replay(struct cli_context *ctx, const char *dir,
			const char *host, const char *path, bool any_store)
{
	ARRAY_TYPE(dondoc_spool_entry) entries;
	const struct dondoc_spool_entry *e;
	struct spool_replay r;
	unsigned int done = 0, left = 0, quarantined = 0, other = 0;
	const char *error, *store_path = ctx->db_path;
	int ret;

	i_zero(&r);
	r.dir = dir;
	t_array_init(&entries, 16);
	if (dondoc_spool_list(dir, pool_datastack_create(), &entries,
			      &error) < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	if ((host != NULL || path != NULL) &&
	    cli_mailer_create(host, path, &r.mailer) < 0)
		return CLI_EXIT_FAILURE;
	dondoc_outgoing_settings_read(cli_setting_get, NULL, &r.outgoing);
	if (cli_tracking_settings(&r.tracker, &r.actions) < 0 ||
	    cli_store_open(ctx, NULL, &r.store) < 0) {
		if (r.mailer != NULL)
			cli_mailer_free(&r.mailer);
		return CLI_EXIT_FAILURE;
	}
	/* the store just opened, named as cli_store_open() named it */
	if (store_path == NULL &&
	    cli_plugin_setting_path("dondoc_db", &store_path) < 0) {
		cli_store_close(ctx, &r.store);
		if (r.mailer != NULL)
			cli_mailer_free(&r.mailer);
		return CLI_EXIT_FAILURE;
	}
	dondoc_store_set_actor(r.store, "replay");
	if (dondoc_store_calendar_create(r.store, &r.cal, &error) < 0) {
		cli_error("%s", error);
		cli_store_close(ctx, &r.store);
		return CLI_EXIT_FAILURE;
	}
	array_foreach(&entries, e) T_BEGIN {
		/* One dondoc_spool may serve several committees: another
		   store's work is neither done here nor set aside, unless
		   the operator says it is this store's (--any-store: a
		   dondoc_db corrected, a store moved). */
		bool mine = any_store ||
			dondoc_spool_entry_is_for_store(e, store_path);

		ret = mine ? spool_replay_entry(&r, e, &error) : 0;
		if (!mine) {
			other++;
		} else if (ret > 0 && dondoc_spool_remove(dir, e, &error) == 0) {
			done++;
		} else if (ret < 0) {
			const char *why = error;

			if (dondoc_spool_quarantine(dir, e, why, &error) < 0) {
				cli_error("%s: can never be applied (%s), "
					  "and could not be moved aside: %s",
					  e->name, why, error);
				left++;
			} else {
				cli_error("%s: can never be applied, moved to "
					  "%s/quarantine: %s", e->name, dir,
					  why);
				quarantined++;
			}
		} else {
			cli_error("%s: left in the spool: %s", e->name, error);
			left++;
		}
	} T_END;
	dondoc_calendar_free(&r.cal);
	cli_store_close(ctx, &r.store);
	if (cli_mailer_tempfailed(r.mailer))
		ctx->tempfail = TRUE;
	if (r.mailer != NULL)
		cli_mailer_free(&r.mailer);
	/* What can never be applied is reported and set aside: it does not
	   fail the replay (a cron job would fail for ever). */
	printf("%u replayed, %u left, %u quarantined", done, left,
	       quarantined);
	if (other > 0) {
		printf(", %u left for another store", other);
		cli_error("%u entries were spooled for another store than %s "
			  "and are left as they are: replay them with that "
			  "store's --db, or here with --any-store if they are "
			  "this store's (a dondoc_db corrected, a store moved)",
			  other, store_path);
	}
	printf("\n");
	return left > 0 ? CLI_EXIT_FAILURE : CLI_EXIT_OK;
}

static int cmd_spool_run(struct cli_context *ctx, int argc,
			 const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--spool", .has_value = TRUE },
		{ .name = "--smtp", .has_value = TRUE },
		{ .name = "--sendmail", .has_value = TRUE },
		{ .name = "--any-store" },
	};
	const char *positional[1], *dir;
	unsigned int count;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       positional, N_ELEMENTS(positional), &count) ||
	    count != 1)
		return cli_usage(&cmd_spool);
	if (strcmp(positional[0], "list") != 0 &&
	    strcmp(positional[0], "replay") != 0)
		return cli_usage(&cmd_spool);
	if ((dir = cli_spool_dir(options[0].value)) == NULL)
		return CLI_EXIT_FAILURE;
	if (strcmp(positional[0], "list") == 0)
		return spool_list(dir);
	return spool_replay(ctx, dir, options[1].value, options[2].value,
			    options[3].value != NULL);
}

const struct cli_command cmd_spool = {
	.name = "spool",
	.summary = "list and replay the work deliveries deferred",
	.usage = "list [--spool DIR] | replay [--spool DIR] "
		"[--smtp HOST[:PORT] | --sendmail PATH] [--any-store]",
	.run = cmd_spool_run,
};
