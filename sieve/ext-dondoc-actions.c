/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The one Sieve action behind record, confirm and escalate. Its store
   work is done when the script has succeeded (RFC 5228 section 2.10.6: a
   failed script has no side effects), by lib/tracking/dondoc-actions.c,
   in the execute phase of the last dondoc action: before any mailbox
   commits, so that work which can be neither done nor spooled can still
   fail the delivery with a temporary failure (LMTP 451: the MTA retries,
   nothing is lost, nothing is acknowledged). Pigeonhole turns a temporary
   failure after a commit into a failure keep and a 250. When the store is
   unavailable the work goes to the spool for `dondoc spool replay`; when
   SMTP is down, the mail stays queued in the outbox for `dondoc outbox
   send`. A send at delivery is bounded (dondoc_smtp_timeout, 2 s by
   default, with dondoc_submission_host or dondoc_sendmail_path): a
   stalled server costs the delivery that long per step, and the mail is
   left to the outbox. Every store write is idempotent (a Message-ID is
   recorded once, each outgoing mail has a dedup key), so a delivery that
   fails after it and is retried by the MTA does nothing twice. */

#include "lib.h"
#include "str.h"
#include "hostpid.h"
#include "ioloop.h"
#include "istream.h"
#include "ostream.h"
#include "smtp-address.h"
#include "mail-storage.h"

#include "sieve-common.h"
#include "sieve-actions.h"
#include "sieve-message.h"
#include "sieve-result.h"
#include "sieve-smtp.h"
#include "sieve-runtime.h"

#include "dondoc-compose.h"
#include "dondoc-spool.h"
#include "dondoc-status.h"
#include "dondoc-events.h"
#include "dondoc-submit.h"
#include "dondoc-store-lock.h"
#include "ext-dondoc-common.h"

static int act_dondoc_check_duplicate(const struct sieve_runtime_env *renv,
				      const struct sieve_action *act,
				      const struct sieve_action *act_other);
static void act_dondoc_print(const struct sieve_action *action,
			     const struct sieve_result_print_env *penv,
			     bool *keep);
static int act_dondoc_execute(const struct sieve_action_exec_env *aenv,
			      void *tr_context, bool *keep);
static void act_dondoc_finish(const struct sieve_action_exec_env *aenv,
			      void *tr_context, int status);

const struct sieve_action_def act_dondoc = {
	.name = "dondoc",
	.flags = SIEVE_ACTFLAG_SENDS_RESPONSE,
	.check_duplicate = act_dondoc_check_duplicate,
	.print = act_dondoc_print,
	.execute = act_dondoc_execute,
	.finish = act_dondoc_finish,
};

static bool dondoc_str_equals(const char *a, const char *b)
{
	return null_strcmp(a, b) == 0;
}

static int act_dondoc_check_duplicate(const struct sieve_runtime_env *renv
					ATTR_UNUSED,
				      const struct sieve_action *act,
				      const struct sieve_action *act_other)
{
	const struct ext_dondoc_action *a = act->context;
	const struct ext_dondoc_action *b = act_other->context;

	/* The same action twice in a script is done once. */
	return a->kind == b->kind && dondoc_str_equals(a->reason, b->reason) &&
		dondoc_str_equals(a->to, b->to) ? 1 : 0;
}

static void act_dondoc_print(const struct sieve_action *action,
			     const struct sieve_result_print_env *penv,
			     bool *keep ATTR_UNUSED)
{
	const struct ext_dondoc_action *act = action->context;

	sieve_result_action_printf(penv, "dondoc %s%s%s",
		dondoc_spool_action_name(act->kind),
		act->reason != NULL ? t_strdup_printf(" (%s)", act->reason) : "",
		act->to != NULL ? t_strdup_printf(" to %s", act->to) : "");
}

int ext_dondoc_action_add(const struct sieve_runtime_env *renv,
			  const struct sieve_extension *ext,
			  enum dondoc_spool_action kind,
			  const char *reason, const char *to)
{
	pool_t pool = sieve_result_pool(renv->result);
	struct ext_dondoc_action *act;
	const struct dondoc_tracking *tracking;
	int ret;

	/* Decide now, while the message context is at hand; the commit
	   reads the cached result. */
	ret = ext_dondoc_get_tracking(renv, ext, &tracking);
	if (ret != SIEVE_EXEC_OK)
		return ret;
	act = p_new(pool, struct ext_dondoc_action, 1);
	act->kind = kind;
	act->reason = p_strdup(pool, reason);
	act->to = p_strdup(pool, to);
	if (sieve_result_add_action(renv, ext, "dondoc", &act_dondoc, NULL,
				    act, 0, FALSE) < 0)
		return SIEVE_EXEC_FAILURE;
	return SIEVE_EXEC_OK;
}

/* Send one composed mail with the null envelope sender of automatic
   mail: through our own bounded submission when dondoc_submission_host
   or dondoc_sendmail_path is set, else through Pigeonhole's SMTP (the
   global submission_host or sendmail_path, bounded only per command by
   submission_timeout). */
static int act_dondoc_send(void *context, const char *recipient,
			   const char *data, const char **error_r)
{
	const struct sieve_action_exec_env *aenv = context;
	const struct sieve_script_env *senv = aenv->exec_env->scriptenv;
	const struct ext_dondoc_context *ctx =
		ext_dondoc_context_configured(aenv->action->ext);
	struct smtp_address *rcpt;
	struct sieve_smtp_context *sctx;
	struct ostream *output;
	const char *error;
	int ret;

	if (ctx->actions.submission_host != NULL ||
	    ctx->actions.sendmail_path != NULL) {
		struct dondoc_submit_settings set = {
			.hostname = my_hostname,
			.submission_host = ctx->actions.submission_host,
			.sendmail_path = ctx->actions.sendmail_path,
			.timeout_secs = ctx->actions.smtp_timeout_secs,
		};

		ret = dondoc_submit(&set, recipient, data, &error);
		if (ret <= 0) {
			*error_r = t_strdup_printf("%s (%s)", error, ret < 0 ?
						   "temporary" : "permanent");
		}
		return ret;
	}
	if (!sieve_smtp_available(senv)) {
		*error_r = "no means to send mail configured";
		return -1;
	}
	if (smtp_address_parse_mailbox(pool_datastack_create(), recipient, 0,
				       &rcpt, &error) < 0) {
		*error_r = t_strdup_printf("invalid recipient: %s", error);
		return 0;
	}
	sctx = sieve_smtp_start_single(senv, rcpt, NULL, &output);
	o_stream_nsend_str(output, data);
	ret = sieve_smtp_finish(sctx, &error);
	if (ret <= 0)
		*error_r = t_strdup_printf("%s (%s)", error != NULL ? error :
					   "unknown error",
					   ret < 0 ? "temporary" : "permanent");
	return ret > 0 ? 1 : ret;
}

static const char *act_dondoc_new_message_id(void *context)
{
	const struct sieve_action_exec_env *aenv = context;

	return sieve_message_get_new_id(aenv->exec_env->svinst);
}

/* The store could not be used: leave the work in the spool. Returns 0
   spooled (*name_r), -1 not (logged). */
static int act_dondoc_spool(const struct sieve_action_exec_env *aenv,
			    const struct ext_dondoc_context *ctx,
			    const struct ext_dondoc_message_context *mctx,
			    const struct ext_dondoc_action *act,
			    const char *why, const char **name_r)
{
	struct mail *mail = aenv->exec_env->msgdata->mail;
	struct dondoc_spool_entry entry = {
		.action = act->kind,
		.reason = act->reason,
		.to = act->to,
		.envelope_sender = mctx->info->envelope_sender,
		.recipient_detail = mctx->info->recipient_detail,
		.received_at = mctx->info->received_at,
		/* The script saw no sender and no task: the replay decides
		   again what it may do. */
		.decide_at_replay = mctx->tracking->store_error != NULL,
		/* one dondoc_spool may serve several committees' stores */
		.store = ctx->db_path,
		.error = why,
	};
	struct istream *input = NULL;
	const char *error;

	if (ctx->spool_dir == NULL) {
		e_error(aenv->event, "%s not done and no spool "
			"(dondoc_spool, or a home directory) to keep it: %s",
			dondoc_spool_action_name(act->kind), why);
		return -1;
	}
	if (mail_get_stream(mail, NULL, NULL, &input) < 0) {
		e_error(aenv->event, "%s not done (%s) and the message "
			"could not be read to spool it: %s",
			dondoc_spool_action_name(act->kind), why,
			mailbox_get_last_internal_error(mail->box, NULL));
		return -1;
	}
	if (dondoc_spool_write(ctx->spool_dir, &ctx->spool_limits, &entry,
			       input, name_r, &error) < 0) {
		e_error(aenv->event, "%s not done (%s) and could not "
			"be spooled: %s", dondoc_spool_action_name(act->kind),
			why, error);
		return -1;
	}
	e_error(dondoc_event_spooled(aenv->event,
			dondoc_spool_action_name(act->kind), why)->event(),
		"%s deferred to the spool %s: %s",
		dondoc_spool_action_name(act->kind), ctx->spool_dir, why);
	return 0;
}

/* The store is marked corrupt: say so loudly, and tell the secretariat
   once (the marker "<store>.corrupt-notified" makes it one mail, however
   many deliveries are spooled meanwhile; a send that failed releases it
   for the next delivery). The mail cannot wait in the outbox: the
   outbox is in the store. */
static void act_dondoc_corrupt_notice(const struct sieve_action_exec_env *aenv,
				      const struct ext_dondoc_context *ctx,
				      const struct ext_dondoc_message_context *mctx)
{
	const struct smtp_address *orig;
	struct dondoc_compose_input in;
	struct dondoc_template_values values;
	struct dondoc_date today;
	const char *reason, *to, *from, *error;
	string_t *data;

	if (ctx->db_path == NULL ||
	    dondoc_store_corrupt_marker(ctx->db_path, &reason) <= 0)
		return;
	e_error(aenv->event, "the store %s is CORRUPT (%s): the work "
		"of this delivery is spooled, nothing is written into the "
		"store until it is repaired", ctx->db_path, reason);
	if (dondoc_store_corrupt_notice_claim(ctx->db_path) <= 0)
		return;
	to = ctx->actions.reply_address;
	orig = sieve_message_get_orig_recipient(aenv->msgctx);
	if (to == NULL && orig != NULL)
		to = smtp_address_encode(orig);
	from = ctx->actions.from_address;
	if (from == NULL) {
		from = smtp_address_encode(
			sieve_get_postmaster_smtp(aenv->exec_env->scriptenv));
	}
	if (to == NULL) {
		dondoc_store_corrupt_notice_release(ctx->db_path);
		return;
	}
	i_zero(&in);
	in.kind = DONDOC_OUTBOX_NOTICE;
	in.from_address = from;
	in.from_name = ctx->actions.from_name;
	in.to_address = to;
	in.message_id = act_dondoc_new_message_id((void *)aenv);
	in.date = ioloop_time;
	in.tracking = mctx->tracking;
	dondoc_tracker_vn_date(ioloop_time, &today);
	dondoc_template_mail_values(&values, "store-corrupt",
		&ctx->actions.templates, t_strdup_printf("%02d/%02d/%04d",
			today.day, today.month, today.year));
	dondoc_template_set(&values, "store.path", ctx->db_path);
	dondoc_template_set(&values, "reason", reason);
	dondoc_template_set(&values, "spool.dir", ctx->spool_dir);
	in.templates = &ctx->actions.templates;
	in.values = &values;
	data = t_str_new(2048);
	dondoc_compose_mail(&in, data);
	if (act_dondoc_send((void *)aenv, to, str_c(data), &error) <= 0) {
		e_error(aenv->event, "the warning that the store is "
			"corrupt could not be sent to %s (the next delivery "
			"tries again): %s", to, error);
		dondoc_store_corrupt_notice_release(ctx->db_path);
		return;
	}
	e_error(aenv->event, "the secretariat (%s) was told that the "
		"store %s is corrupt", to, ctx->db_path);
}

/* Spool every action of the delivery: the store failed them all (one
   transaction), the spool replay redoes them, each once. All or none:
   returns SIEVE_EXEC_OK when all are spooled, else removes those that were
   and returns SIEVE_EXEC_TEMP_FAILURE, so the delivery is refused with a
   temporary failure and the MTA tries again (never acknowledged with the
   work lost). */
static int act_dondoc_spool_all(const struct sieve_action_exec_env *aenv,
				const struct ext_dondoc_context *ctx,
				const struct ext_dondoc_message_context *mctx,
				const char *why)
{
	const struct ext_dondoc_action *const *act;
	ARRAY_TYPE(const_string) names;
	const char *const *name, *error;

	act_dondoc_corrupt_notice(aenv, ctx, mctx);
	t_array_init(&names, 4);
	array_foreach(&mctx->actions, act) {
		const char *spooled;

		if (act_dondoc_spool(aenv, ctx, mctx, *act, why, &spooled) < 0)
			break;
		array_push_back(&names, &spooled);
	}
	if (array_count(&names) == array_count(&mctx->actions))
		return SIEVE_EXEC_OK;
	array_foreach(&names, name) {
		if (dondoc_spool_remove_name(ctx->spool_dir, *name,
					     &error) < 0)
			e_error(aenv->event, "%s", error);
	}
	e_error(aenv->event, "the store and the spool both failed: "
		"delivery refused with a temporary failure (the MTA retries)");
	return SIEVE_EXEC_TEMP_FAILURE;
}

/* One action's store work, inside the delivery's transaction; *log_r is
   what to log once that transaction has committed. */
static int act_dondoc_do(const struct dondoc_actions_env *env,
			 const struct ext_dondoc_action *act,
			 const char **log_r, const char **error_r)
{
	struct dondoc_submission_result result;
	const char *reason = NULL;
	unsigned int sent_count;
	bool sent;
	int ret;

	switch (act->kind) {
	case DONDOC_SPOOL_RECORD:
		ret = dondoc_actions_record(env, &result, error_r);
		*log_r = t_strdup_printf("%s%s%s",
			ret == 0 && result.invalid != NULL ?
			t_strconcat("not recorded, bad input: ",
				    result.invalid, NULL) :
			ret == 0 && !result.duplicate ?
			"no Message-ID, nothing recorded" :
			ret == 0 ? "duplicate, nothing recorded" :
			"submission recorded",
			ret > 0 && result.transitioned ? ", task now " : "",
			ret > 0 && result.transitioned ?
			dondoc_task_status_name(result.new_status) : "");
		return ret;
	case DONDOC_SPOOL_CONFIRM:
		ret = dondoc_actions_confirm(env, &sent, &reason, error_r);
		*log_r = ret == 0 ?
			t_strconcat("confirmation not sent: ", reason, NULL) :
			"confirmation queued";
		return ret;
	case DONDOC_SPOOL_ESCALATE:
		ret = dondoc_actions_escalate(env, act->reason, act->to,
					      &sent_count, &reason, error_r);
		*log_r = ret == 0 ?
			t_strconcat("escalation not sent: ", reason, NULL) :
			env->set->head_digest != DONDOC_HEAD_DIGEST_IMMEDIATE ?
			t_strdup_printf("escalation collected for the Head's "
					"digest of %d", ret) :
			t_strdup_printf("escalation queued for %d", ret);
		return ret;
	case DONDOC_SPOOL_STATUS:
		ret = dondoc_actions_status(env, &sent, &reason, error_r);
		*log_r = ret == 0 ?
			t_strconcat("status not sent: ", reason, NULL) :
			"status queued";
		return ret;
	case DONDOC_SPOOL_OUTGOING:
		/* the mail plugin's, never a Sieve action */
		break;
	}
	i_unreached();
}

static void
act_dondoc_finished_log(const struct sieve_action_exec_env *aenv,
			const struct ext_dondoc_message_context *mctx,
			const char *line)
{
	const struct ext_dondoc_action *const *act;
	const struct dondoc_tracking *t = mctx->tracking;
	struct event_passthrough *e;
	string_t *names = t_str_new(32);

	array_foreach(&mctx->actions, act) {
		if (str_len(names) > 0)
			str_append_c(names, ',');
		str_append(names, dondoc_spool_action_name((*act)->kind));
	}
	e = sieve_action_create_finish_event(aenv)->
		add_category(&event_category_dondoc)->
		add_str("dondoc_actions", str_c(names))->
		add_str("match", dondoc_match_kind_name(t->match));
	if (t->match != DONDOC_MATCH_NONE)
		e->add_str("task", t->task.code);
	if (t->agency != NULL)
		e->add_str("agency", t->agency);
	sieve_result_event_log(aenv, e->event(), "%s", line);
}

/* Every action's store work in one write transaction. */
static int act_dondoc_store_all(const struct sieve_action_exec_env *aenv,
				const struct dondoc_actions_env *env,
				const struct ext_dondoc_message_context *mctx,
				const char **error_r)
{
	const struct ext_dondoc_action *const *act;
	ARRAY_TYPE(const_string) logs;

	t_array_init(&logs, 4);
	/* beside other deliveries on PostgreSQL, unless they touch the
	   same Message-ID, task, document or sender */
	if (dondoc_store_begin_keys(env->store, dondoc_actions_txn_keys(env),
				    error_r) < 0)
		return -1;
	array_foreach(&mctx->actions, act) {
		const char *line = NULL;

		if (act_dondoc_do(env, *act, &line, error_r) < 0) {
			dondoc_store_rollback(env->store);
			return -1;
		}
		array_push_back(&logs, &line);
	}
	if (dondoc_store_commit(env->store, error_r) < 0)
		return -1;
	/* One line per delivery: Pigeonhole's action-finished event, so a
	   metric on sieve_action_finished AND category=dondoc counts it. */
	array_append_zero(&logs);
	act_dondoc_finished_log(aenv, mctx,
				t_strarray_join(array_front(&logs), "; "));
	return 0;
}

/* The mails the transaction queued, sent now: each after its row is on
   disk (dondoc_actions_send_pending() syncs before each send), so that
   a mail is never out before the row that keeps it once. */
static void act_dondoc_send_pending(const struct sieve_action_exec_env *aenv,
				    const struct dondoc_actions_env *env)
{
	const struct dondoc_actions_pending *p;
	const char *error;

	if (dondoc_actions_send_pending(env, &error) < 0) {
		e_error(aenv->event, "outbox mail not marked (a mail sent "
			"but not marked is noted in the sent journal, or sent "
			"again with the same Message-ID once its claim runs "
			"out after %u s): %s", env->set->lease_secs, error);
	}
	array_foreach(env->pending, p) {
		const char *what = p->kind == DONDOC_OUTBOX_CONFIRM ?
			"confirmation" : "escalation";

		const char *kind = dondoc_outbox_kind_name(p->kind);

		if (p->claim_lost) {
			e_info(aenv->event, "%s to %s not sent here: another "
			       "sender holds it", what, p->recipient);
		} else if (p->result > 0) {
			e_info(dondoc_event_mail(aenv->event, TRUE, kind,
						 p->recipient, NULL)->event(),
			       "%s sent to %s%s", what, p->recipient,
			       p->taken_over ?
			       " (left unsent by an earlier delivery)" : "");
		} else {
			e_warning(dondoc_event_mail(aenv->event, FALSE, kind,
						    p->recipient,
						    p->error)->event(),
				  "%s to %s %s: %s", what,
				  p->recipient, p->result == 0 ?
				  "refused, marked failed" :
				  "not sent, left in the outbox for "
				  "`dondoc outbox send`", p->error);
		}
	}
}

/* The incoming mail for an escalation to carry (read only when the
   delivery escalates, and never more than dondoc_escalate_attach_max):
   data NULL when larger or unreadable, size says how large. */
static const struct dondoc_actions_original *
act_dondoc_original(const struct sieve_action_exec_env *aenv,
		    const struct ext_dondoc_context *ctx,
		    const struct ext_dondoc_message_context *mctx)
{
	const struct ext_dondoc_action *const *act;
	struct mail *mail = aenv->exec_env->msgdata->mail;
	struct dondoc_actions_original *orig;
	struct istream *input;
	const unsigned char *data;
	buffer_t *buf;
	uoff_t size;
	size_t len;
	bool escalates = FALSE;

	array_foreach(&mctx->actions, act) {
		if ((*act)->kind == DONDOC_SPOOL_ESCALATE)
			escalates = TRUE;
	}
	if (!escalates || mail == NULL || mail_get_physical_size(mail, &size) < 0)
		return NULL;
	orig = t_new(struct dondoc_actions_original, 1);
	orig->size = size;
	if (size > ctx->actions.attach_max || mctx->tracking->secret ||
	    mail_get_stream(mail, NULL, NULL, &input) < 0)
		return orig;
	buf = t_buffer_create(size + 1);
	i_stream_seek(input, 0);
	while (i_stream_read_more(input, &data, &len) > 0) {
		if (buf->used + len > ctx->actions.attach_max)
			return orig;
		buffer_append(buf, data, len);
		i_stream_skip(input, len);
	}
	if (input->stream_errno != 0)
		return orig;
	orig->data = buf->data;
	orig->len = buf->used;
	orig->size = buf->used;
	return orig;
}

/* The receipt composed before the write transaction begins, so that
   the lock is not held while it is written (the rules that read the
   store are applied under the lock all the same). When the store
   cannot be read now (the agency's name), the receipt is composed in
   the transaction as before, which then decides what fails. */
static void act_dondoc_compose_ahead(struct dondoc_actions_env *env,
				     const struct ext_dondoc_message_context *mctx)
{
	const struct ext_dondoc_action *const *act;
	struct dondoc_actions_composed *confirm;
	const char *error;

	array_foreach(&mctx->actions, act) {
		if ((*act)->kind != DONDOC_SPOOL_CONFIRM)
			continue;
		confirm = t_new(struct dondoc_actions_composed, 1);
		if (dondoc_actions_confirm_compose(env, confirm, &error) > 0)
			env->confirm = confirm;
		break;
	}
}

/* The store work of the actions collected so far (mctx->actions), or their
   spooling. Returns SIEVE_EXEC_OK, or SIEVE_EXEC_TEMP_FAILURE when the work
   could be neither done nor spooled. */
static int act_dondoc_run(const struct sieve_action_exec_env *aenv,
			  struct ext_dondoc_context *ctx,
			  struct ext_dondoc_message_context *mctx)
{
	pool_t pool = sieve_message_context_pool(aenv->msgctx);
	struct mail_user *user = aenv->exec_env->scriptenv->user;
	struct dondoc_store *store;
	const char *error;
	int ret, status = SIEVE_EXEC_OK;

	if (ctx->db_path == NULL) {
		/* No dondoc_db: not a secretariat's account (a user's own
		   script, where vnd.dondoc is offered to every script). Not
		   done, and not spooled either: dondoc_spool may be the
		   secretariat's, and its replay would record this mail in
		   the secretariat's store and send its receipt and its
		   escalation, to whatever :to the user wrote. */
		e_warning(aenv->event, "dondoc: no dondoc_db for this user: "
			  "the dondoc actions are not done (vnd.dondoc acts "
			  "for a secretariat's account only)");
		return SIEVE_EXEC_OK;
	}
	if (mctx->tracking->store_error != NULL) {
		/* Matched without the store: redo it all later. */
		return act_dondoc_spool_all(aenv, ctx, mctx,
					    mctx->tracking->store_error);
	}
	if ((ret = ext_dondoc_store_get(ctx, user, &store, &error)) < 0)
		return act_dondoc_spool_all(aenv, ctx, mctx, error);
	i_assert(ret > 0);
	if (!array_is_created(&mctx->pending))
		p_array_init(&mctx->pending, pool, 4);
	struct dondoc_actions_env env = {
		.store = store,
		.set = &ctx->actions,
		.tracking = mctx->tracking,
		.msg = mctx->info,
		.headers = mctx->headers,
		.now = mctx->info->received_at,
		.new_message_id = act_dondoc_new_message_id,
		.send = ctx->send_from_outbox ? NULL : act_dondoc_send,
		.context = (void *)aenv,
		.pending = ctx->send_from_outbox ? NULL : &mctx->pending,
		.pending_pool = pool,
	};
	struct dondoc_actions_settings set = ctx->actions;

	if (set.from_address == NULL) {
		set.from_address = smtp_address_encode(
			sieve_get_postmaster_smtp(aenv->exec_env->scriptenv));
	}
	if (set.reply_address == NULL &&
	    sieve_message_get_orig_recipient(aenv->msgctx) != NULL) {
		set.reply_address = smtp_address_encode(
			sieve_message_get_orig_recipient(aenv->msgctx));
	}
	env.set = &set;
	unsigned int pending_before = array_count(&mctx->pending);
	unsigned int errors_before = dondoc_store_backend_errors(store);

	T_BEGIN {
		env.original = act_dondoc_original(aenv, ctx, mctx);
		act_dondoc_compose_ahead(&env, mctx);
		if (act_dondoc_store_all(aenv, &env, mctx, &error) == 0) {
			ext_dondoc_store_written(ctx, user);
		} else if (dondoc_store_backend_errors(store) == errors_before) {
			/* Refused by the store's validation, not by the
			   store: bad input, which no replay would ever
			   apply. Not spooled; the store stays open. */
			array_delete(&mctx->pending, pending_before,
				     array_count(&mctx->pending) -
				     pending_before);
			e_error(aenv->event, "not done, bad input "
				"(not spooled): %s", error);
		} else {
			/* Rolled back: nothing it queued exists. */
			array_delete(&mctx->pending, pending_before,
				     array_count(&mctx->pending) -
				     pending_before);
			ext_dondoc_store_failed(ctx, user);
			status = act_dondoc_spool_all(aenv, ctx, mctx, error);
		}
	} T_END;
	return status;
}

/* Is action the last dondoc action of the result so far? */
static bool act_dondoc_is_last(const struct sieve_action_exec_env *aenv)
{
	struct sieve_result_iterate_context *rictx;
	const struct sieve_action *act;
	const void *last = NULL;

	rictx = sieve_result_iterate_init(aenv->result);
	while ((act = sieve_result_iterate_next(rictx, NULL)) != NULL) {
		if (act->def == &act_dondoc)
			last = act->context;
	}
	return last == aenv->action->context;
}

/* The script has succeeded and its actions are executed in order, before
   any of them commits: each dondoc action joins the delivery's list, and
   the last one does the store work of all of them in one write
   transaction (or spools it). A later round (sieve_after scripts) adds
   and does its own. Returns SIEVE_EXEC_TEMP_FAILURE when the work can be
   neither done nor spooled: nothing has been committed yet, so Pigeonhole
   rolls the delivery back and LMTP answers 451. */
static int act_dondoc_execute(const struct sieve_action_exec_env *aenv,
			      void *tr_context ATTR_UNUSED,
			      bool *keep ATTR_UNUSED)
{
	const struct sieve_action *action = aenv->action;
	struct ext_dondoc_context *ctx =
		ext_dondoc_context_configured(action->ext);
	struct ext_dondoc_message_context *mctx;
	const struct ext_dondoc_action *act = action->context;
	int status;

	mctx = (struct ext_dondoc_message_context *)
		sieve_message_context_extension_get(aenv->msgctx, action->ext);
	i_assert(mctx != NULL && mctx->tracking != NULL);
	array_push_back(&mctx->actions, &act);
	if (!act_dondoc_is_last(aenv))
		return SIEVE_EXEC_OK;
	status = act_dondoc_run(aenv, ctx, mctx);
	array_clear(&mctx->actions);
	return status;
}

/* After every action of the delivery has committed (the message is in
   its mailbox) and before the delivery is acknowledged: the mail the
   store work queued (receipts, escalations) is sent, the store synced
   before each send (dondoc-actions-send.c), then once more for the last
   mark (dondoc_store_sync = delivery). Finish is called for each
   action: the first call does it. Sent whatever the delivery's status:
   its rows are committed and claimed by this process; a retried delivery
   takes over only a claim whose lease has run out or whose owner
   process is gone. Should the
   process die before the sync, the MTA delivers again and the writes are
   idempotent. */
static void act_dondoc_finish(const struct sieve_action_exec_env *aenv,
			      void *tr_context ATTR_UNUSED,
			      int status ATTR_UNUSED)
{
	const struct sieve_action *action = aenv->action;
	struct ext_dondoc_context *ctx;
	struct mail_user *user = aenv->exec_env->scriptenv->user;
	struct ext_dondoc_message_context *mctx;
	struct dondoc_store *store;
	const char *error;

	mctx = (struct ext_dondoc_message_context *)
		sieve_message_context_extension_get(aenv->msgctx, action->ext);
	if (mctx == NULL || mctx->actions_done)
		return;
	mctx->actions_done = TRUE;
	ctx = ext_dondoc_context_configured(action->ext);
	if (array_is_created(&mctx->pending) &&
	    array_count(&mctx->pending) > 0 &&
	    ext_dondoc_store_get(ctx, user, &store, &error) > 0) T_BEGIN {
		struct dondoc_actions_env env = {
			.store = store,
			.set = &ctx->actions,
			.tracking = mctx->tracking,
			.msg = mctx->info,
			.headers = mctx->headers,
			.now = mctx->info->received_at,
			.new_message_id = act_dondoc_new_message_id,
			.send = act_dondoc_send,
			.context = (void *)aenv,
			.pending = &mctx->pending,
			.pending_pool = sieve_message_context_pool(
				aenv->msgctx),
		};

		act_dondoc_send_pending(aenv, &env);
	} T_END;
	if (ext_dondoc_store_sync_pending(ctx, user, &error) < 0)
		e_error(aenv->event, "%s", error);
}
