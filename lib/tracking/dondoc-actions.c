/* Record, confirm and escalate (see dondoc-actions.h). Decides nothing
   about *whether* to act (the Sieve script did), only applies the rules
   every automatic mail obeys: RFC 3834 loop rules, once per message and
   task, metadata only for classified documents (dondoc-compose.c). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-autoreply.h"
#include "dondoc-compose.h"
#include "dondoc-msginfo.h"
#include "dondoc-replyaddr.h"
#include "dondoc-actions.h"

#define ACTIONS_MAX_ESCALATION_RECIPIENTS 10

int dondoc_actions_record(const struct dondoc_actions_env *env,
			  struct dondoc_submission_result *result_r,
			  const char **error_r)
{
	struct dondoc_submission sub;
	const char *error;

	/* Without a Message-ID nothing makes the record idempotent: it is
	   not recorded (a permanent condition, not a store failure). */
	if (env->msg->message_id == NULL) {
		i_zero(result_r);
		result_r->duplicate = FALSE;
		return 0;
	}
	dondoc_tracker_submission(env->tracking, env->msg, &sub);
	/* Bad input is not an outage: what the store cannot keep (a From:
	   address too long, an odd document field) is left out; the record
	   is never spooled for it. */
	if (dondoc_store_submission_check(&sub, &error) < 0) {
		sub.sender_email = NULL;
		if (dondoc_store_submission_check(&sub, &error) < 0) {
			sub.doc_type = sub.doc_number = sub.doc_symbol = NULL;
			i_zero(&sub.doc_date);
		}
		if (dondoc_store_submission_check(&sub, &error) < 0) {
			i_zero(result_r);
			result_r->invalid = t_strdup(error);
			return 0;
		}
	}
	return dondoc_store_record_submission(env->store, &sub, result_r,
					      error_r);
}

/* Hand one claimed mail to the sender: p->result and p->error. */
static void actions_send(dondoc_send_func_t *send, void *context,
			 struct dondoc_actions_pending *p)
{
	p->error = NULL;
	p->result = send(context, p->recipient, p->data, &p->error);
	if (p->result <= 0 && p->error == NULL)
		p->error = "unknown error";
}

/* Sent, or failed: a permanent failure at once, a temporary one once
   max_attempts are used up (else queued again). */
static int actions_mark(struct dondoc_store *store,
			const struct dondoc_actions_pending *p,
			unsigned int max_attempts, const char **error_r)
{
	if (p->result > 0)
		return dondoc_store_outbox_mark_sent(store, p->id, error_r);
	return dondoc_store_outbox_mark_failed(store, p->id, p->error,
		p->result == 0 ? 1 : max_attempts, error_r);
}

static int actions_queue_send(const struct dondoc_actions_env *env,
			      const struct dondoc_tracking *tracking,
			      enum dondoc_outbox_kind kind,
			      const char *recipient, const char *dedup_key,
			      const char *reason, const char *subject,
			      const char *text, bool *sent_r,
			      const char **error_r)
{
	struct dondoc_compose_input in = {
		.kind = kind,
		.from_address = env->set->from_address,
		.from_name = env->set->from_name,
		.to_address = recipient,
		.message_id = env->new_message_id(env->context),
		.date = env->now,
		.tracking = tracking,
		.reason = reason,
		.subject = subject,
		.text = text,
	};
	struct dondoc_outbox_mail mail;
	struct dondoc_actions_pending one;
	string_t *data = t_str_new(2048);
	int64_t id;
	int ret;

	*sent_r = FALSE;
	if (tracking->match != DONDOC_MATCH_NONE) {
		in.reply_to = dondoc_replyaddr_for(env->set->secret,
			env->set->reply_address, tracking->task.code);
	}
	if (env->msg != NULL) {
		in.orig_message_id = env->msg->message_id;
		in.orig_references = env->msg->references;
	}
	dondoc_compose_mail(&in, data);
	i_zero(&mail);
	mail.kind = kind;
	if (tracking->match != DONDOC_MATCH_NONE)
		mail.task_code = tracking->task.code;
	mail.recipient = recipient;
	mail.message_id = in.message_id;
	mail.dedup_key = dedup_key;
	mail.data = str_c(data);
	/* Claimed at once when we send it ourselves right away. */
	mail.state = env->send != NULL ? DONDOC_OUTBOX_SENDING :
		DONDOC_OUTBOX_QUEUED;
	ret = dondoc_store_outbox_queue(env->store, &mail, &id, error_r);
	if (ret <= 0 || env->send == NULL)
		return ret;
	i_zero(&one);
	one.kind = kind;
	one.id = id;
	if (env->pending != NULL) {
		one.recipient = p_strdup(env->pending_pool, recipient);
		one.data = p_strdup(env->pending_pool, mail.data);
		array_push_back(env->pending, &one);
		return 1;
	}
	one.recipient = recipient;
	one.data = mail.data;
	actions_send(env->send, env->context, &one);
	*sent_r = one.result > 0;
	if (actions_mark(env->store, &one, env->set->max_attempts, error_r) < 0)
		return -1;
	return 1;
}

int dondoc_actions_queue_send(const struct dondoc_actions_env *env,
			      const struct dondoc_tracking *tracking,
			      enum dondoc_outbox_kind kind,
			      const char *recipient, const char *dedup_key,
			      const char *reason, bool *sent_r,
			      const char **error_r)
{
	return actions_queue_send(env, tracking, kind, recipient, dedup_key,
				  reason, NULL, NULL, sent_r, error_r);
}

int dondoc_actions_queue_notice(const struct dondoc_actions_env *env,
				const struct dondoc_tracking *tracking,
				const char *recipient, const char *dedup_key,
				const char *subject, const char *text,
				bool *sent_r, const char **error_r)
{
	return actions_queue_send(env, tracking, DONDOC_OUTBOX_NOTICE,
				  recipient, dedup_key, NULL, subject, text,
				  sent_r, error_r);
}

static const char *actions_subject_key(const struct dondoc_actions_env *env)
{
	/* Once per message and task; per message when unmatched. */
	return env->tracking->match != DONDOC_MATCH_NONE ?
		env->tracking->task.code : "-";
}

int dondoc_actions_confirm(const struct dondoc_actions_env *env,
			   bool *sent_r, const char **reason_r,
			   const char **error_r)
{
	struct dondoc_autoreply_input in = {
		.envelope_sender = env->msg->envelope_sender,
		.get_header = dondoc_msginfo_header,
		.context = env->headers,
		.header_truncated =
			dondoc_msginfo_headers_truncated(env->headers),
	};
	const char *key;
	int ret;

	*sent_r = FALSE;
	/* A receipt to a forged sender would confirm to the forger and
	   spam the agency it claims to be. */
	if (!env->tracking->trust.verified) {
		*reason_r = "sender not verified";
		return 0;
	}
	/* The receipt goes where the envelope says; only send it there when
	   that is the address verified (else it is backscatter). */
	if (env->msg->envelope_sender == NULL ||
	    strcasecmp(env->msg->envelope_sender,
		       env->tracking->trust.address) != 0 ||
	    !dondoc_store_email_is_valid(env->msg->envelope_sender)) {
		*reason_r = "envelope sender is not the verified sender";
		return 0;
	}
	if (!dondoc_autoreply_allowed(&in, reason_r))
		return 0;
	if (env->msg->message_id == NULL) {
		*reason_r = "message has no Message-ID";
		return 0;
	}
	key = t_strdup_printf("confirm:%s:%s", env->msg->message_id,
			      actions_subject_key(env));
	ret = dondoc_actions_queue_send(env, env->tracking,
					DONDOC_OUTBOX_CONFIRM,
					env->msg->envelope_sender, key, NULL,
					sent_r, error_r);
	if (ret == 0)
		*reason_r = "already confirmed";
	return ret;
}

/* Escalation recipients: an address as given, or every address of the
   first email of each person holding the role. */
static int actions_escalation_rcpts(const struct dondoc_actions_env *env,
				    const char *to,
				    ARRAY_TYPE(const_string) *rcpts,
				    const char **error_r)
{
	ARRAY_TYPE(dondoc_person) people;
	const struct dondoc_person *person;

	if (to == NULL)
		to = env->set->escalate_role;
	if (strchr(to, '@') != NULL) {
		to = dondoc_compose_sanitize(to, 254);
		array_push_back(rcpts, &to);
		return 0;
	}
	t_array_init(&people, 4);
	if (dondoc_store_person_list(env->store, pool_datastack_create(), to,
				     &people, error_r) < 0)
		return -1;
	array_foreach(&people, person) {
		if (array_count(rcpts) == ACTIONS_MAX_ESCALATION_RECIPIENTS)
			break;
		if (person->emails != NULL && person->emails[0] != NULL)
			array_push_back(rcpts, &person->emails[0]);
	}
	return 0;
}

int dondoc_actions_escalate(const struct dondoc_actions_env *env,
			    const char *reason, const char *to,
			    unsigned int *sent_r, const char **reason_r,
			    const char **error_r)
{
	ARRAY_TYPE(const_string) rcpts;
	const char *const *rcpt, *key, *subject_key;
	unsigned int queued = 0;
	bool sent;
	int ret;

	*sent_r = 0;
	if (reason == NULL)
		reason = env->tracking->late ? "nộp trễ hạn" :
			"văn bản cần Trưởng ban xem xét";
	t_array_init(&rcpts, 4);
	if (actions_escalation_rcpts(env, to, &rcpts, error_r) < 0)
		return -1;
	if (array_count(&rcpts) == 0) {
		*reason_r = "nobody to escalate to";
		return 0;
	}
	subject_key = env->tracking->match != DONDOC_MATCH_NONE ?
		env->tracking->task.code : env->msg->message_id;
	if (subject_key == NULL) {
		/* Neither a task nor a Message-ID: nothing keeps it once. */
		*reason_r = "message has no Message-ID";
		return 0;
	}
	array_foreach(&rcpts, rcpt) {
		/* Once per task and reason (and recipient). */
		key = t_strdup_printf("escalate:%s:%s:%s", subject_key,
				      reason, *rcpt);
		ret = dondoc_actions_queue_send(env, env->tracking,
						DONDOC_OUTBOX_ESCALATE, *rcpt,
						key, reason, &sent, error_r);
		if (ret < 0)
			return -1;
		if (ret > 0) {
			queued++;
			if (sent)
				(*sent_r)++;
		}
	}
	if (queued == 0)
		*reason_r = "already escalated";
	return queued;
}

int dondoc_actions_send_pending(const struct dondoc_actions_env *env,
				const char **error_r)
{
	struct dondoc_actions_pending *p;
	const struct dondoc_actions_pending *mark;
	unsigned int sent = 0;

	i_assert(env->pending != NULL && env->send != NULL);
	if (array_count(env->pending) == 0)
		return 0;
	array_foreach_modifiable(env->pending, p) {
		actions_send(env->send, env->context, p);
		if (p->result > 0)
			sent++;
	}
	if (dondoc_store_begin(env->store, error_r) < 0)
		return -1;
	array_foreach(env->pending, mark) {
		if (actions_mark(env->store, mark, env->set->max_attempts,
				 error_r) < 0) {
			dondoc_store_rollback(env->store);
			return -1;
		}
	}
	if (dondoc_store_commit(env->store, error_r) < 0)
		return -1;
	return sent;
}

int dondoc_actions_flush_outbox(struct dondoc_store *store,
				dondoc_send_func_t *send, void *context,
				unsigned int max, unsigned int max_attempts,
				unsigned int retry_secs,
				unsigned int *failures_r,
				const char **error_r)
{
	ARRAY_TYPE(dondoc_outbox_mail) mails;
	const struct dondoc_outbox_mail *mail;
	unsigned int sent = 0;

	*failures_r = 0;
	t_array_init(&mails, 16);
	/* Mails claimed more than 10 minutes ago by a sender that died are
	   claimed again. */
	if (dondoc_store_outbox_claim(store, pool_datastack_create(), max,
				      600, retry_secs, &mails, error_r) < 0)
		return -1;
	array_foreach(&mails, mail) {
		struct dondoc_actions_pending p = {
			.kind = mail->kind,
			.id = mail->id,
			.recipient = mail->recipient,
			.data = mail->data,
		};

		actions_send(send, context, &p);
		if (actions_mark(store, &p, max_attempts, error_r) < 0)
			return -1;
		if (p.result > 0)
			sent++;
		else
			(*failures_r)++;
	}
	return sent;
}
