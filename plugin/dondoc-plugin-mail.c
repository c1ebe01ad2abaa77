/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The mail plugin's work on each saved mail: read at save time (header
   facts, the bounded analysis, who vouches for the sender), acted on by
   lib/tracking's outgoing stage after the commit, or spooled for `dondoc
   spool replay` when the store is unavailable. Never fails a save.
   Trusts: an IMAP save was made by the authenticated account itself, so
   its From: is the account's word; an LMTP delivery only as far as our
   own Authentication-Results (or the envelope policy) verify it. */

#include "lib.h"
#include "str-sanitize.h"
#include "array.h"
#include "ioloop.h"
#include "hex-binary.h"
#include "hostpid.h"
#include "randgen.h"
#include "istream.h"
#include "seq-range-array.h"
#include "mail-storage-private.h"
#include "dondoc-analysis.h"
#include "dondoc-msginfo.h"
#include "dondoc-spool.h"
#include "dondoc-submit.h"
#include "dondoc-trust.h"
#include "dondoc-plugin.h"

static const char *dondoc_plugin_new_message_id(void *context ATTR_UNUSED)
{
	unsigned char rand[12];

	random_fill(rand, sizeof(rand));
	return t_strdup_printf("<dondoc.%s@%s>",
			       binary_to_hex(rand, sizeof(rand)), my_hostname);
}

/* The plugin's mail to the secretariat goes out as a delivery's does
   through our own bounded submission (dondoc_submission_host or
   dondoc_sendmail_path, each step bounded by dondoc_smtp_timeout).
   Without them it stays queued for `dondoc outbox send`: Dovecot's own
   submission settings belong to the imap and lmtp programs, not to a
   mail plugin, and are bounded only per command. */
static int dondoc_plugin_send(void *context, const char *recipient,
			      const char *data, const char **error_r)
{
	const struct dondoc_actions_settings *set = context;
	struct dondoc_submit_settings submit = {
		.hostname = my_hostname,
		.submission_host = set->submission_host,
		.sendmail_path = set->sendmail_path,
		.timeout_secs = set->smtp_timeout_secs,
	};
	const char *error;
	int ret;

	ret = dondoc_submit(&submit, recipient, data, &error);
	if (ret <= 0) {
		*error_r = t_strdup_printf("%s (%s)", error, ret < 0 ?
					   "temporary" : "permanent");
	}
	return ret;
}

/* Send what the saved mails' processing queued, once their store
   transactions have committed. */
static void dondoc_plugin_send_pending(struct dondoc_user *duser,
				       const struct dondoc_actions_env *env)
{
	const struct dondoc_actions_pending *p;
	const char *error;

	if (env->pending == NULL || array_count(env->pending) == 0)
		return;
	if (dondoc_actions_send_pending(env, &error) < 0) {
		e_error(duser->user->event, "dondoc: marking a sent mail "
			"failed: %s", error);
	}
	array_foreach(env->pending, p) {
		if (p->result <= 0) {
			e_warning(duser->user->event, "dondoc: mail to %s not "
				  "sent, left for `dondoc outbox send`: %s",
				  p->recipient, p->error != NULL ? p->error :
				  "claim lost");
		}
	}
	array_clear(env->pending);
}

static const char *dondoc_plugin_sender(struct dondoc_user *duser,
					const struct dondoc_message_info *info,
					bool delivered, pool_t pool)
{
	struct dondoc_trust_input in = {
		.authserv_id = duser->tracker.authserv_id,
		.policy = duser->tracker.trust_policy,
		.authres_headers = info->authres_headers,
		.from_address = info->from_address,
		.envelope_sender = info->envelope_sender,
	};
	struct dondoc_trust_result result;

	if (info->from_address == NULL)
		return NULL;
	if (!delivered)
		return p_strdup(pool, t_str_lcase(info->from_address));
	/* Delivered by the MTA (a BCC filed into Sent): only what our own
	   evidence verifies. */
	dondoc_trust_evaluate(pool, &in, &result);
	return result.verified ? result.address : NULL;
}

/* A mail re-read by the catch-up was delivered (not saved by the account
   itself) when it carries what a delivery adds: LMTP prepends
   Return-Path: (and Delivered-To:, Received:), which a mail client's copy
   of its own sent mail has none of. A client's copy of a received mail is
   then trusted only as its delivery was: less, never more. */
static bool dondoc_plugin_was_delivered(struct mail *mail)
{
	static const char *const trace[] = {
		"Return-Path", "Delivered-To", "Received",
	};
	const char *value;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(trace); i++) {
		if (mail_get_first_header(mail, trace[i], &value) != 0)
			return TRUE;
	}
	return FALSE;
}

bool dondoc_plugin_read(struct dondoc_user *duser, struct mail *mail,
			const char *triage_task, bool reread, pool_t pool,
			struct dondoc_plugin_saved *saved_r)
{
	struct event *event = duser->user->event;
	struct dondoc_analysis *analysis;
	struct dondoc_message_info *info;
	struct istream *input;
	const char *error, *const *warning;
	time_t saved_at;
	bool delivered;
	int ret;

	i_zero(saved_r);
	if (mail_get_stream(mail, NULL, NULL, &input) < 0) {
		e_error(event, "dondoc: reading the saved mail failed: %s",
			mailbox_get_last_internal_error(mail->box, NULL));
		return FALSE;
	}
	info = p_new(pool, struct dondoc_message_info, 1);
	i_stream_seek(input, 0);
	ret = dondoc_msginfo_read(input, pool, info, &saved_r->headers,
				  &error);
	if (ret == 0) {
		i_stream_seek(input, 0);
		ret = dondoc_analyze_stream(input, &duser->limits, pool,
					    &analysis, &error);
	}
	if (ret < 0) {
		e_error(event, "dondoc: reading the saved mail failed: %s",
			error);
		return FALSE;
	}
	array_foreach(&analysis->warnings, warning)
		e_warning(event, "dondoc: analysis partial: %s", *warning);
	if (array_count(&analysis->documents) == 0 &&
	    analysis->attendance_reply == NULL && triage_task == NULL)
		return FALSE;
	saved_r->saved_at = ioloop_time;
	if (duser->fixed_now != 0)
		saved_r->saved_at = duser->fixed_now;
	else if (reread && mail_get_save_date(mail, &saved_at) > 0)
		saved_r->saved_at = saved_at;
	info->received_at = dondoc_outgoing_send_time(
		dondoc_msginfo_header(saved_r->headers, "Date"),
		saved_r->saved_at);
	saved_r->analysis = analysis;
	saved_r->info = info;
	delivered = duser->lmtp ||
		(reread && dondoc_plugin_was_delivered(mail));
	saved_r->sender = dondoc_plugin_sender(duser, info, delivered, pool);
	saved_r->triage_task = p_strdup(pool, triage_task);
	return TRUE;
}

/* Spool one saved mail, read again by its UID from a mailbox instance of
   our own (the session's view does not see the commit yet). Returns TRUE
   when spooled. */
static bool dondoc_plugin_spool(struct dondoc_user *duser, struct mailbox *box,
				const struct dondoc_plugin_saved *saved,
				const ARRAY_TYPE(seq_range) *saved_uids,
				const char *why)
{
	struct event *event = duser->user->event;
	struct dondoc_spool_entry entry = {
		.action = DONDOC_SPOOL_OUTGOING,
		.received_at = saved->info->received_at,
		.sender = saved->sender,
		.task = saved->triage_task,
		/* one dondoc_spool may serve several committees' stores */
		.store = duser->db_path,
		.error = why,
	};
	struct seq_range_iter iter;
	struct mailbox *box2;
	struct mailbox_transaction_context *t;
	struct mail *mail;
	struct istream *input;
	const char *error = NULL;
	uint32_t uid;

	seq_range_array_iter_init(&iter, saved_uids);
	if (duser->spool_dir == NULL ||
	    !seq_range_array_iter_nth(&iter, saved->index, &uid)) {
		e_error(event, "dondoc: %s; the mail %s was saved but cannot "
			"be spooled (%s): nothing recorded", why,
			saved->info->message_id != NULL ?
			saved->info->message_id : "(no Message-ID)",
			duser->spool_dir == NULL ? "no dondoc_spool" :
			"no UID assigned");
		return FALSE;
	}
	box2 = mailbox_alloc(box->list, box->vname, 0);
	if (mailbox_sync(box2, 0) < 0) {
		error = mailbox_get_last_internal_error(box2, NULL);
	} else {
		t = mailbox_transaction_begin(box2, 0, "dondoc spool");
		mail = mail_alloc(t, 0, NULL);
		if (!mail_set_uid(mail, uid))
			error = "the saved mail is gone";
		else if (mail_get_stream(mail, NULL, NULL, &input) < 0)
			error = mailbox_get_last_internal_error(box2, NULL);
		else if (dondoc_spool_write(duser->spool_dir, NULL, &entry,
					    input, NULL, &error) == 0)
			error = NULL;
		mail_free(&mail);
		(void)mailbox_transaction_commit(&t);
	}
	mailbox_free(&box2);
	if (error != NULL) {
		e_error(event, "dondoc: %s; spooling the saved mail UID %u "
			"failed: %s: nothing recorded", why, uid, error);
		return FALSE;
	}
	e_warning(event, "dondoc: %s; the saved mail UID %u is "
		  "spooled for `dondoc spool replay`", why, uid);
	return TRUE;
}

static void dondoc_plugin_log(struct dondoc_user *duser,
			      const struct dondoc_plugin_saved *saved,
			      const struct dondoc_outgoing_result *r)
{
	e_info(duser->user->event, "dondoc: outgoing %s: %u report(s), "
	       "%u meeting(s), %u task(s) created, %u updated, %u closed, "
	       "%u mail(s) queued%s%s",
	       saved->info->message_id != NULL ? saved->info->message_id :
	       "(no Message-ID)", r->reports, r->meetings, r->tasks_created,
	       r->tasks_updated, r->tasks_closed, r->mails_queued,
	       r->triaged > 0 ? ", filed by hand" : "",
	       r->consents > 0 ? ", an absence consented to" : "");
}

/* The mark a mail's transaction moves up, NULL when it may not. */
static const struct dondoc_outgoing_mark *
dondoc_plugin_mark(struct dondoc_user *duser,
		   const struct dondoc_plugin_journal_pos *pos,
		   const struct dondoc_plugin_saved *saved,
		   const ARRAY_TYPE(seq_range) *saved_uids,
		   struct dondoc_outgoing_mark *mark_r)
{
	struct seq_range_iter iter;
	uint32_t uid;

	if (pos == NULL || !pos->advance)
		return NULL;
	seq_range_array_iter_init(&iter, saved_uids);
	if (!seq_range_array_iter_nth(&iter, saved->index, &uid))
		return NULL;
	mark_r->mailbox_guid = pos->box->guid;
	mark_r->mailbox = pos->box->vname;
	mark_r->uidvalidity = pos->box->uidvalidity;
	mark_r->uid = uid;
	return mark_r;
}

/* A mail neither in the store nor in the spool: the mark stays below it
   (the catch-up tries it again). */
static void dondoc_plugin_not_done(struct dondoc_plugin_journal_pos *pos,
				   bool *all_done)
{
	*all_done = FALSE;
	if (pos != NULL)
		pos->advance = FALSE;
}

bool dondoc_plugin_process(struct dondoc_user *duser, struct mailbox *box,
			   const ARRAY_TYPE(dondoc_plugin_saved) *saved,
			   const ARRAY_TYPE(seq_range) *saved_uids,
			   struct dondoc_plugin_journal_pos *pos)
{
	struct dondoc_outgoing_mark mark;
	struct dondoc_actions_settings actions = duser->actions;
	struct dondoc_actions_env env = {
		.set = &actions,
		.now = duser->fixed_now != 0 ? duser->fixed_now : ioloop_time,
		.new_message_id = dondoc_plugin_new_message_id,
	};
	const struct dondoc_plugin_saved *s;
	struct dondoc_outgoing_result result;
	struct dondoc_calendar *cal = NULL;
	struct dondoc_store *store = NULL;
	const char *error = NULL;
	bool written = FALSE, all_done = TRUE, sync;

	ARRAY_TYPE(dondoc_actions_pending) pending;
	pool_t pending_pool = NULL;
	unsigned int pending_before;

	if (actions.from_address == NULL)
		actions.from_address = actions.reply_address;
	if (dondoc_plugin_store_get(duser, &store, &cal, &error) < 0)
		store = NULL;
	env.store = store;
	if (actions.submission_host != NULL || actions.sendmail_path != NULL) {
		/* queued claimed in the store transaction, sent after it */
		pending_pool = pool_alloconly_create("dondoc plugin mail", 1024);
		p_array_init(&pending, pending_pool, 4);
		env.send = dondoc_plugin_send;
		env.context = &actions;
		env.pending = &pending;
		env.pending_pool = pending_pool;
	}
	array_foreach(saved, s) {
		struct dondoc_outgoing_input in = {
			.analysis = s->analysis,
			.msg = s->info,
			.sender = s->sender,
			.triage_task = s->triage_task,
			.mark = dondoc_plugin_mark(duser, pos, s, saved_uids,
						   &mark),
		};
		int ret;

		if (store == NULL) {
			if (!dondoc_plugin_spool(duser, box, s, saved_uids,
				t_strdup_printf("store unavailable: %s",
						error)))
				dondoc_plugin_not_done(pos, &all_done);
			continue;
		}
		env.msg = s->info;
		env.headers = s->headers;
		pending_before = env.pending == NULL ? 0 :
			array_count(env.pending);
		ret = dondoc_outgoing_process(&env, cal, &duser->outgoing,
					      &in, &result, &error);
		if (ret < 0 && env.pending != NULL) {
			/* rolled back: nothing of this mail was queued */
			array_delete(env.pending, pending_before,
				     array_count(env.pending) - pending_before);
		}
		if (ret < 0) {
			if (!dondoc_plugin_spool(duser, box, s, saved_uids,
				t_strdup_printf("store error: %s", error)))
				dondoc_plugin_not_done(pos, &all_done);
			dondoc_store_cache_failed(duser->owner.plugin_store);
			store = NULL;
			continue;
		}
		if (in.mark != NULL && in.mark->uid > pos->box->stored)
			pos->box->stored = in.mark->uid;
		if (ret > 0) {
			written = TRUE;
			dondoc_plugin_log(duser, s, &result);
		} else if (result.triage_refused != NULL) {
			/* the secretariat's gesture did nothing: say why */
			e_warning(duser->user->event, "dondoc: %s filed by "
				  "hand into %s: %s: nothing recorded",
				  s->info->message_id != NULL ?
				  s->info->message_id : "(no Message-ID)",
				  str_sanitize(mailbox_get_vname(box), 128),
				  result.triage_refused);
		}
	}
	/* A journaled mailbox's work is redone after a crash; what is
	   sent at once is not, so it is on disk before it leaves. */
	sync = duser->sync_each_save || pos == NULL ||
		(env.pending != NULL && array_count(env.pending) > 0);
	if (written && store != NULL) {
		dondoc_store_cache_written(duser->owner.plugin_store);
		if (sync &&
		    dondoc_store_cache_sync(duser->owner.plugin_store,
					    &error) < 0) {
			/* the connection is dropped: the claimed outbox
			   rows are sent by the outbox's own retry */
			e_error(duser->user->event, "dondoc: %s", error);
			store = NULL;
		}
	}
	/* on disk first (the sync above), then sent: a mail never goes out
	   before the outbox row that keeps it once */
	if (store != NULL)
		dondoc_plugin_send_pending(duser, &env);
	pool_unref(&pending_pool);
	return all_done;
}
