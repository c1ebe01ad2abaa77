/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Record, confirm and escalate (see dondoc-actions.h). Decides nothing
   about *whether* to act (the Sieve script did), only applies the rules
   every automatic mail obeys: RFC 3834 loop rules, once per message and
   task, metadata only for classified documents (dondoc-compose.c). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "hex-binary.h"
#include "hostpid.h"
#include "strnum.h"
#include "randgen.h"
#include "dondoc-autoreply.h"
#include "dondoc-compose.h"
#include "dondoc-compose-attach.h"
#include "dondoc-head-digest.h"
#include "dondoc-msginfo.h"
#include "dondoc-replyaddr.h"
#include "dondoc-actions-private.h"
#include "dondoc-attendance.h"

#include <unistd.h>
#include <signal.h>

#define ACTIONS_MAX_ESCALATION_RECIPIENTS 10

int dondoc_actions_record(const struct dondoc_actions_env *env,
			  struct dondoc_submission_result *result_r,
			  const char **error_r)
{
	struct dondoc_submission sub;
	const char *error;
	int ret;

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
	ret = dondoc_store_record_submission(env->store, &sub, result_r,
					     error_r);
	if (ret < 0)
		return -1;
	/* a reply about attending: the meeting's too (idempotent, so a
	   duplicate delivery records nothing twice) */
	if (dondoc_attendance_record(env->store, env->tracking, env->msg,
				     error_r) < 0)
		return -1;
	return ret;
}

const char *dondoc_actions_new_owner(void)
{
	unsigned char rand[8];

	random_fill(rand, sizeof(rand));
	return t_strdup_printf("%s:%s:%s", t_strcut(my_hostname, '.'),
			       my_pid, binary_to_hex(rand, sizeof(rand)));
}

bool dondoc_actions_owner_gone(const char *owner)
{
	const char *p, *host, *pid_str;
	unsigned int pid;

	if (owner == NULL || strlen(owner) > DONDOC_OUTBOX_MAX_OWNER ||
	    (p = strrchr(owner, ':')) == NULL || p == owner)
		return FALSE;
	host = t_strdup_until(owner, p);
	if ((p = strrchr(host, ':')) == NULL)
		return FALSE;
	pid_str = p + 1;
	host = t_strdup_until(host, p);
	if (strcmp(host, t_strcut(my_hostname, '.')) != 0 ||
	    str_to_uint(pid_str, &pid) < 0 || pid <= 1 ||
	    pid > INT_MAX || (pid_t)pid == getpid())
		return FALSE;
	/* ESRCH only: EPERM is a process of another user, alive. */
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

const char *dondoc_actions_env_owner(const struct dondoc_actions_env *env)
{
	static char *process_owner = NULL;

	if (env->owner != NULL)
		return env->owner;
	if (process_owner == NULL)
		process_owner = i_strdup(dondoc_actions_new_owner());
	return process_owner;
}

int dondoc_actions_queue_data(const struct dondoc_actions_env *env,
			      enum dondoc_outbox_kind kind,
			      const char *task_code, const char *recipient,
			      const char *dedup_key, const char *message_id,
			      const char *data, bool *sent_r,
			      const char **error_r)
{
	struct dondoc_outbox_mail mail;
	struct dondoc_actions_pending one;
	unsigned int lease_secs = env->set->lease_secs;
	int64_t id;
	int ret;

	*sent_r = FALSE;
	if (lease_secs == 0)
		lease_secs = DONDOC_ACTIONS_LEASE_SECS(
			DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS);
	i_zero(&mail);
	mail.kind = kind;
	mail.task_code = task_code;
	mail.recipient = recipient;
	mail.message_id = message_id;
	mail.dedup_key = dedup_key;
	mail.data = data;
	/* Claimed at once when we send it ourselves right away. */
	if (env->send != NULL) {
		mail.state = DONDOC_OUTBOX_CLAIMED;
		mail.owner = dondoc_actions_env_owner(env);
		mail.lease_until = time(NULL) + lease_secs;
	}
	ret = dondoc_store_outbox_queue(env->store, &mail, &id, error_r);
	if (ret < 0 || env->send == NULL)
		return ret;
	i_zero(&one);
	one.kind = kind;
	if (ret == 0) {
		/* Queued before: by an earlier delivery of this message
		   that died before its send, or one whose send failed? */
		ret = dondoc_store_outbox_claim_key(env->store,
			pool_datastack_create(), dedup_key, dondoc_actions_env_owner(env),
			lease_secs, dondoc_actions_owner_gone, &mail, error_r);
		if (ret <= 0)
			return ret;
		one.taken_over = TRUE;
	}
	one.id = mail.id != 0 ? mail.id : id;
	if (env->pending != NULL) {
		one.recipient = p_strdup(env->pending_pool, mail.recipient);
		one.data = p_strdup(env->pending_pool, mail.data);
		one.message_id = p_strdup(env->pending_pool, mail.message_id);
		array_push_back(env->pending, &one);
		return 1;
	}
	one.recipient = mail.recipient;
	one.data = mail.data;
	one.message_id = mail.message_id;
	ret = dondoc_actions_send_list(env, &one, 1, error_r);
	if (ret < 0)
		return -1;
	*sent_r = one.result > 0;
	return 1;
}

/* The original mail an immediate escalation carries, or why not (a
   note for the body). */
static bool actions_attachment(const struct dondoc_actions_env *env,
			       const struct dondoc_tracking *tracking,
			       struct dondoc_compose_attachment *att_r,
			       const char **note_r)
{
	const struct dondoc_actions_original *orig = env->original;

	*note_r = NULL;
	if (orig == NULL || orig->size == 0)
		return FALSE;
	if (tracking->secret) {
		*note_r = "Văn bản có độ mật: thư gốc không được đính kèm.";
		return FALSE;
	}
	if (orig->data != NULL &&
	    dondoc_compose_attachable(orig->data, orig->len, env->set->attach_max,
				      att_r))
		return TRUE;
	*note_r = t_strdup_printf("Thư gốc (%zu byte) không được đính kèm: "
				  "vượt giới hạn %zu byte "
				  "(dondoc_escalate_attach_max).",
				  orig->size, env->set->attach_max);
	return FALSE;
}

/* The name the mail addresses the agency by ("Sở Thông tin và Truyền
   thông"); its code when the store does not know it. */
static int actions_agency_name(const struct dondoc_actions_env *env,
			       const char *code, const char **name_r,
			       const char **error_r)
{
	struct dondoc_agency agency;
	int ret;

	*name_r = NULL;
	if (code == NULL || env->store == NULL)
		return 0;
	ret = dondoc_store_agency_get(env->store, pool_datastack_create(),
				      code, &agency, error_r);
	if (ret < 0)
		return -1;
	if (ret > 0 && agency.name != NULL && *agency.name != '\0')
		*name_r = agency.name;
	return 0;
}

/* The mail actions_queue_send() queues: its Message-ID and text. */
static int actions_compose(const struct dondoc_actions_env *env,
			   const struct dondoc_tracking *tracking,
			   enum dondoc_outbox_kind kind, const char *recipient,
			   const char *reason, const char *subject,
			   const char *text,
			   const struct dondoc_template_values *values,
			   struct dondoc_actions_composed *composed_r,
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
		.templates = &env->set->templates,
		.values = values,
	};
	struct dondoc_compose_attachment att;
	string_t *data = t_str_new(2048), *mixed;
	bool attach = FALSE;

	if (tracking->match != DONDOC_MATCH_NONE) {
		in.reply_to = dondoc_replyaddr_for(env->set->secret,
			env->set->reply_address, tracking->task.code);
	}
	if (env->msg != NULL) {
		in.orig_message_id = env->msg->message_id;
		in.orig_references = env->msg->references;
	}
	if (values == NULL &&
	    actions_agency_name(env, kind == DONDOC_OUTBOX_REMINDER ?
				tracking->task.agency : tracking->agency,
				&in.agency_name, error_r) < 0)
		return -1;
	if (kind == DONDOC_OUTBOX_ESCALATE)
		attach = actions_attachment(env, tracking, &att, &in.note);
	dondoc_compose_mail(&in, data);
	if (attach) {
		mixed = t_str_new(str_len(data) + att.len + 1024);
		dondoc_compose_attach(str_c(data), &att, 1, mixed);
		data = mixed;
	}
	composed_r->message_id = in.message_id;
	composed_r->data = str_c(data);
	return 0;
}

static int actions_queue_send(const struct dondoc_actions_env *env,
			      const struct dondoc_tracking *tracking,
			      enum dondoc_outbox_kind kind,
			      const char *recipient, const char *dedup_key,
			      const char *reason, const char *subject,
			      const char *text,
			      const struct dondoc_template_values *values,
			      bool *sent_r, const char **error_r)
{
	struct dondoc_actions_composed mail;

	*sent_r = FALSE;
	if (actions_compose(env, tracking, kind, recipient, reason, subject,
			    text, values, &mail, error_r) < 0)
		return -1;
	return dondoc_actions_queue_data(env, kind,
		tracking->match != DONDOC_MATCH_NONE ? tracking->task.code : NULL,
		recipient, dedup_key, mail.message_id, mail.data, sent_r,
		error_r);
}

int dondoc_actions_queue_send(const struct dondoc_actions_env *env,
			      const struct dondoc_tracking *tracking,
			      enum dondoc_outbox_kind kind,
			      const char *recipient, const char *dedup_key,
			      const char *reason, bool *sent_r,
			      const char **error_r)
{
	return actions_queue_send(env, tracking, kind, recipient, dedup_key,
				  reason, NULL, NULL, NULL, sent_r, error_r);
}

int dondoc_actions_queue_notice(const struct dondoc_actions_env *env,
				const struct dondoc_tracking *tracking,
				const char *recipient, const char *dedup_key,
				const char *subject, const char *text,
				bool *sent_r, const char **error_r)
{
	return actions_queue_send(env, tracking, DONDOC_OUTBOX_NOTICE,
				  recipient, dedup_key, NULL, subject, text,
				  NULL, sent_r, error_r);
}

int dondoc_actions_queue_rendered(const struct dondoc_actions_env *env,
				  const struct dondoc_tracking *tracking,
				  const char *recipient, const char *dedup_key,
				  const struct dondoc_template_values *values,
				  bool *sent_r, const char **error_r)
{
	return actions_queue_send(env, tracking, DONDOC_OUTBOX_NOTICE,
				  recipient, dedup_key, NULL, NULL, NULL,
				  values, sent_r, error_r);
}

static const char *actions_subject_key(const struct dondoc_actions_env *env)
{
	/* Once per message and task; per message when unmatched. */
	return env->tracking->match != DONDOC_MATCH_NONE ?
		env->tracking->task.code : "-";
}

/* The rules against receipt loops (a marker-less auto-responder, a
   reply that quotes the report): 1 may confirm, 0 not (reason_r). */
static int actions_confirm_limits(const struct dondoc_actions_env *env,
				  const char *key, const char **reason_r,
				  const char **error_r)
{
	struct dondoc_submission sub, same;
	const char *task_code = NULL;
	unsigned int count;
	int ret;

	/* The same document was recorded from another message: that one
	   was confirmed (or is the one to confirm), not this citation. */
	dondoc_tracker_submission(env->tracking, env->msg, &sub);
	ret = dondoc_store_submission_same_document(env->store,
		pool_datastack_create(), &sub, TRUE, &same, error_r);
	if (ret < 0)
		return -1;
	if (ret > 0) {
		*reason_r = t_strdup_printf("the document was recorded from "
					    "%s", same.message_id);
		return 0;
	}
	if (env->set->receipt_days == 0)
		return 1;
	/* RFC 3834 section 2: not more than once per period to the same
	   sender, here for the same task (the dedup key of this very
	   message aside, so that its redelivery still sends what its
	   first delivery left unsent). */
	if (env->tracking->match != DONDOC_MATCH_NONE)
		task_code = env->tracking->task.code;
	if (dondoc_store_outbox_count_recent(env->store, DONDOC_OUTBOX_CONFIRM,
		env->msg->envelope_sender, task_code,
		time(NULL) - (time_t)env->set->receipt_days * 24 * 3600, key,
		&count, error_r) < 0)
		return -1;
	if (count > 0) {
		*reason_r = t_strdup_printf("a receipt for this task went to "
			"this sender less than %u day(s) ago "
			"(dondoc_receipt_days)", env->set->receipt_days);
		return 0;
	}
	return 1;
}

const char *const *
dondoc_actions_own_addresses(const struct dondoc_actions_settings *set)
{
	const char **own = t_new(const char *, 3);
	unsigned int n = 0;

	if (set->from_address != NULL)
		own[n++] = set->from_address;
	if (set->reply_address != NULL)
		own[n++] = set->reply_address;
	return own;
}

/* The rules a receipt obeys that need no store: 1 may confirm, 0 not
   (reason_r). */
static int actions_confirm_allowed(const struct dondoc_actions_env *env,
				   const char **reason_r)
{
	struct dondoc_autoreply_input in = {
		.envelope_sender = env->msg->envelope_sender,
		.get_header = dondoc_msginfo_header_nth,
		.context = env->headers,
		.header_truncated =
			dondoc_msginfo_headers_truncated(env->headers),
		.own_addresses = dondoc_actions_own_addresses(env->set),
	};

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
	return 1;
}

int dondoc_actions_confirm_compose(const struct dondoc_actions_env *env,
				   struct dondoc_actions_composed *composed_r,
				   const char **error_r)
{
	const char *reason;

	if (actions_confirm_allowed(env, &reason) == 0)
		return 0;
	if (actions_compose(env, env->tracking, DONDOC_OUTBOX_CONFIRM,
			    env->msg->envelope_sender, NULL, NULL, NULL, NULL,
			    composed_r, error_r) < 0)
		return -1;
	return 1;
}

int dondoc_actions_confirm(const struct dondoc_actions_env *env,
			   bool *sent_r, const char **reason_r,
			   const char **error_r)
{
	const char *key;
	int ret;

	*sent_r = FALSE;
	if (actions_confirm_allowed(env, reason_r) == 0)
		return 0;
	key = t_strdup_printf("confirm:%s:%s", env->msg->message_id,
			      actions_subject_key(env));
	if ((ret = actions_confirm_limits(env, key, reason_r, error_r)) <= 0)
		return ret;
	if (env->confirm != NULL) {
		ret = dondoc_actions_queue_data(env, DONDOC_OUTBOX_CONFIRM,
			env->tracking->match != DONDOC_MATCH_NONE ?
			env->tracking->task.code : NULL,
			env->msg->envelope_sender, key,
			env->confirm->message_id, env->confirm->data, sent_r,
			error_r);
	} else {
		ret = dondoc_actions_queue_send(env, env->tracking,
						DONDOC_OUTBOX_CONFIRM,
						env->msg->envelope_sender, key,
						NULL, sent_r, error_r);
	}
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
	/* a role the regulation does not know names nobody: not a reason
	   to fail the delivery's other work (its record) */
	if (!dondoc_role_is_valid(to))
		return 0;
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

int dondoc_actions_escalate_one(const struct dondoc_actions_env *env,
				const struct dondoc_tracking *tracking,
				enum dondoc_head_item_kind kind,
				const char *recipient, const char *dedup_key,
				const char *reason, bool *sent_r,
				const char **error_r)
{
	int ret;

	*sent_r = FALSE;
	if (env->set->head_digest != DONDOC_HEAD_DIGEST_IMMEDIATE) {
		return dondoc_head_digest_collect(env, tracking, kind,
						  recipient, dedup_key,
						  reason, error_r);
	}
	/* collected by a digest policy before: not again */
	ret = dondoc_store_head_item_known(env->store, dedup_key, error_r);
	if (ret != 0)
		return ret < 0 ? -1 : 0;
	return dondoc_actions_queue_send(env, tracking, DONDOC_OUTBOX_ESCALATE,
					 recipient, dedup_key, reason, sent_r,
					 error_r);
}

/* What the Head's digest files an escalation of the Sieve script under. */
static enum dondoc_head_item_kind
actions_escalation_kind(const struct dondoc_tracking *t, const char *reason)
{
	const struct dondoc_document *doc = t->document;

	if (reason != NULL && strncmp(reason, "nộp trễ", strlen("nộp trễ")) == 0)
		return DONDOC_HEAD_ITEM_LATE;
	if (doc != NULL && (doc->difficulties != NULL ||
			    doc->proposals != NULL))
		return DONDOC_HEAD_ITEM_ISSUE;
	if (t->late)
		return DONDOC_HEAD_ITEM_LATE;
	return DONDOC_HEAD_ITEM_OTHER;
}

int dondoc_actions_escalate(const struct dondoc_actions_env *env,
			    const char *reason, const char *to,
			    unsigned int *sent_r, const char **reason_r,
			    const char **error_r)
{
	ARRAY_TYPE(const_string) rcpts;
	const char *const *rcpt, *key, *subject_key;
	enum dondoc_head_item_kind kind;
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
	kind = actions_escalation_kind(env->tracking, reason);
	array_foreach(&rcpts, rcpt) {
		/* Once per task and reason (and recipient). */
		key = t_strdup_printf("escalate:%s:%s:%s", subject_key,
				      reason, *rcpt);
		ret = dondoc_actions_escalate_one(env, env->tracking, kind,
						  *rcpt, key, reason, &sent,
						  error_r);
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

int dondoc_actions_escalate_warning(const struct dondoc_actions_env *env,
				    const struct dondoc_tracking *tracking,
				    const char *key_subject,
				    const char *reason, const char **error_r)
{
	ARRAY_TYPE(const_string) rcpts;
	const char *const *rcpt;
	int ret, count = 0;

	if (env->set->head_digest == DONDOC_HEAD_DIGEST_IMMEDIATE)
		return 0;
	t_array_init(&rcpts, 4);
	if (actions_escalation_rcpts(env, NULL, &rcpts, error_r) < 0)
		return -1;
	array_foreach(&rcpts, rcpt) {
		ret = dondoc_head_digest_collect(env, tracking,
			DONDOC_HEAD_ITEM_WARNING, *rcpt,
			t_strdup_printf("warning:%s:%s", key_subject, *rcpt),
			reason, error_r);
		if (ret < 0)
			return -1;
		count += ret;
	}
	return count;
}
