#ifndef DONDOC_ACTIONS_H
#define DONDOC_ACTIONS_H

/* The store/outbox stage: what record, confirm and escalate do once the
   delivery commits, shared by the Sieve actions and the spool replay of
   the CLI. Outgoing mail is always queued in the outbox first (a dedup key
   makes it exactly-once), then handed to the caller's sender; mail that
   could not be sent stays queued for `dondoc outbox send`. */

#include "dondoc-tracker.h"

struct dondoc_msginfo_headers;

struct dondoc_actions_settings {
	/* From: of our mail (dondoc_from), and its display name. */
	const char *from_address, *from_name;
	/* The secretariat's address; its local part and domain form the
	   signed Reply-To (local+task.mac@domain). */
	const char *reply_address;
	/* dondoc_secret; NULL: no signed Reply-To. */
	const char *secret;
	/* Role escalations go to by default (dondoc_escalate_role). */
	const char *escalate_role;
	/* Attempts before an outbox mail is marked failed. */
	unsigned int max_attempts;
};
#define DONDOC_ACTIONS_DEFAULT_ESCALATE_ROLE "truong-ban"
/* The escalation reasons of doc/examples/secretariat.sieve, which the
   spool replay uses when it decides again what a delivery made without
   the store would have done (cli/cmd-spool.c). */
#define DONDOC_ACTIONS_REASON_LATE "nộp trễ hạn %u ngày làm việc"
#define DONDOC_ACTIONS_REASON_DIFFICULTIES \
	"có khó khăn, vướng mắc cần Trưởng ban chỉ đạo"
#define DONDOC_ACTIONS_DEFAULT_MAX_ATTEMPTS 10

/* Sends one composed mail with a null envelope sender. Returns 1 sent,
   0 permanent failure, -1 temporary failure (error_r). */
typedef int dondoc_send_func_t(void *context, const char *recipient,
			       const char *data, const char **error_r);

/* Mail queued (claimed) by a caller that sends it after committing its
   own transaction: see dondoc_actions_env.pending. */
struct dondoc_actions_pending {
	enum dondoc_outbox_kind kind;
	int64_t id;
	const char *recipient, *data;
	/* Set by dondoc_actions_send_pending(): 1 sent, 0 permanent
	   failure, -1 temporary failure (error). */
	int result;
	const char *error;
};
ARRAY_DEFINE_TYPE(dondoc_actions_pending, struct dondoc_actions_pending);

struct dondoc_actions_env {
	struct dondoc_store *store;
	const struct dondoc_actions_settings *set;
	const struct dondoc_tracking *tracking;
	const struct dondoc_message_info *msg;
	/* The incoming mail's header fields (dondoc_msginfo_read()), for
	   the auto-reply rules. */
	struct dondoc_msginfo_headers *headers;
	time_t now;
	/* Generates a new Message-ID "<...>" for outgoing mail. */
	const char *(*new_message_id)(void *context);
	dondoc_send_func_t *send;
	void *context;
	/* NULL: each mail is sent as soon as it is queued. Else mail is
	   queued claimed and listed here (strings from pending_pool), for
	   dondoc_actions_send_pending() once the caller's transaction
	   (dondoc_store_begin) has committed: a mail is never sent before
	   the outbox row that keeps it once is on disk. */
	ARRAY_TYPE(dondoc_actions_pending) *pending;
	pool_t pending_pool;
};

/* Record the submission (and the task's transition) in one write
   transaction. Returns 1 recorded, 0 nothing written (a duplicate
   Message-ID: result_r->duplicate; or no Message-ID at all), -1 store
   error. */
int dondoc_actions_record(const struct dondoc_actions_env *env,
			  struct dondoc_submission_result *result_r,
			  const char **error_r);

/* Queue and send the receipt to the envelope sender. Returns 1 queued
   (sent or left queued: *sent_r), 0 not sent by rule (reason_r: sender
   not verified, loop rules, already confirmed), -1 store error. */
int dondoc_actions_confirm(const struct dondoc_actions_env *env,
			   bool *sent_r, const char **reason_r,
			   const char **error_r);

/* Queue and send an escalation to `to` (an address or a role; NULL: the
   configured role), once per task (or message) and reason. Returns the
   number of mails queued (0: already escalated or nobody to send to,
   reason_r says which), -1 on store error. */
int dondoc_actions_escalate(const struct dondoc_actions_env *env,
			    const char *reason, const char *to,
			    unsigned int *sent_r, const char **reason_r,
			    const char **error_r);

/* Compose a mail about tracking, queue it under dedup_key and, with a
   sender, send it now (queued claimed, then marked sent or failed).
   env->msg may be NULL (mail about a task alone, as the sweep's).
   Returns 1 queued (*sent_r: sent now), 0 dedup_key queued before,
   -1 store error. */
int dondoc_actions_queue_send(const struct dondoc_actions_env *env,
			      const struct dondoc_tracking *tracking,
			      enum dondoc_outbox_kind kind,
			      const char *recipient, const char *dedup_key,
			      const char *reason, bool *sent_r,
			      const char **error_r);

/* Queue (and with a sender, send) a notice to the secretariat about its
   own outgoing document (tracking->document): subject and text as
   dondoc_compose_input says, once per dedup_key. Returns 1 queued, 0
   queued before, -1 store error. */
int dondoc_actions_queue_notice(const struct dondoc_actions_env *env,
				const struct dondoc_tracking *tracking,
				const char *recipient, const char *dedup_key,
				const char *subject, const char *text,
				bool *sent_r, const char **error_r);

/* Send the mails env->pending lists, then mark them sent or failed in one
   transaction. Returns the number sent, -1 when marking failed (the mails
   stay claimed: `dondoc outbox send` claims them again after 10 minutes,
   so a sent one may be sent twice). */
int dondoc_actions_send_pending(const struct dondoc_actions_env *env,
				const char **error_r);

/* Send what is queued in the outbox (claim, send, mark), at most max;
   retry_secs as for dondoc_store_outbox_claim(). Returns the number
   sent, -1 on a store error; failures_r counts mails that failed this
   time. */
int dondoc_actions_flush_outbox(struct dondoc_store *store,
				dondoc_send_func_t *send, void *context,
				unsigned int max, unsigned int max_attempts,
				unsigned int retry_secs,
				unsigned int *failures_r,
				const char **error_r);

#endif
