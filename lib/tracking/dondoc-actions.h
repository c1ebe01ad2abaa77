/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_ACTIONS_H
#define DONDOC_ACTIONS_H

/* The store/outbox stage: what record, confirm and escalate do once the
   delivery commits, shared by the Sieve actions and the spool replay of
   the CLI. Outgoing mail is always queued in the outbox first (a dedup key
   makes it exactly-once), then handed to the caller's sender; mail that
   could not be sent stays queued for `dondoc outbox send`. */

#include "dondoc-tracker.h"
#include "dondoc-store-head-digest.h"
#include "dondoc-template-kinds.h"

struct dondoc_msginfo_headers;

/* dondoc_head_digest: how escalations reach the Head. */
enum dondoc_head_digest_mode {
	/* collected, one mail a week on head_digest_wday (the default) */
	DONDOC_HEAD_DIGEST_WEEKLY = 0,
	/* collected, one mail each working day */
	DONDOC_HEAD_DIGEST_DAILY,
	/* one mail per escalation, at once */
	DONDOC_HEAD_DIGEST_IMMEDIATE,
};

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
	/* Where mail sent at delivery goes, with a bound on the whole SMTP
	   transaction (dondoc_submission_host or dondoc_sendmail_path,
	   dondoc_smtp_timeout): a stalled server must not hold a delivery.
	   Both NULL: the adapter's own means (Pigeonhole's SMTP, bounded
	   only by the global submission_timeout). */
	const char *submission_host, *sendmail_path;
	unsigned int smtp_timeout_secs;
	/* How long a claim on an outbox mail holds without being renewed
	   (dondoc_outbox_lease): after a crash, another sender (or the
	   redelivery) sends it that much later. Longer than
	   smtp_timeout_secs, so a live sender never loses its claim. */
	unsigned int lease_secs;
	/* At most one receipt per sender and task in this many days
	   (dondoc_receipt_days, as Sieve vacation's :days, RFC 3834 section
	   2); 0: no limit. */
	unsigned int receipt_days;
	/* The wording: dondoc_template_dir, dondoc_committee_name,
	   dondoc_signature (dondoc-template-kinds.h). */
	struct dondoc_template_settings templates;
	/* dondoc_head_digest, and dondoc_head_digest_day: the weekly
	   digest's day, 0 (Monday) .. 6 (Sunday); on a day off, the next
	   working day. */
	enum dondoc_head_digest_mode head_digest;
	unsigned int head_digest_wday;
	/* dondoc_escalate_attach_max: bytes of original mail one
	   escalation (or one digest) carries attached at most; 0: never. A
	   classified document's mail is never attached. */
	size_t attach_max;
};
#define DONDOC_ACTIONS_DEFAULT_ATTACH_MAX (256 * 1024)
#define DONDOC_ACTIONS_MAX_ATTACH_MAX DONDOC_STORE_MAX_HEAD_ORIGINAL

/* The incoming mail itself, as the adapter read it: data NULL when it
   is larger than attach_max (size says how large) or could not be
   read. */
struct dondoc_actions_original {
	const unsigned char *data;
	size_t len, size;
};
#define DONDOC_ACTIONS_DEFAULT_ESCALATE_ROLE "truong-ban"
/* The escalation reasons of doc/examples/secretariat.sieve, which the
   spool replay uses when it decides again what a delivery made without
   the store would have done (cli/cmd-spool.c). */
#define DONDOC_ACTIONS_REASON_LATE "nộp trễ hạn %u ngày làm việc"
#define DONDOC_ACTIONS_REASON_DIFFICULTIES \
	"có khó khăn, vướng mắc cần Trưởng ban chỉ đạo"
#define DONDOC_ACTIONS_DEFAULT_MAX_ATTEMPTS 10
#define DONDOC_ACTIONS_DEFAULT_SMTP_TIMEOUT_SECS 2
#define DONDOC_ACTIONS_DEFAULT_RECEIPT_DAYS 1
#define DONDOC_ACTIONS_MAX_RECEIPT_DAYS 365
#define DONDOC_ACTIONS_MAX_SMTP_TIMEOUT_SECS 300
/* The default lease: the SMTP timeout applies per step (connection and
   greeting, EHLO, MAIL, RCPT, DATA, end of data), so a send may take six
   times it; and a margin. */
#define DONDOC_ACTIONS_LEASE_SECS(smtp_timeout_secs) \
	((smtp_timeout_secs) * 6 + 5)

/* A claim owner unique to this process and moment: "host:pid:random". */
const char *dondoc_actions_new_owner(void);
/* TRUE only when owner (as dondoc_actions_new_owner() makes them) names
   a process of this host that no longer exists: a claim it holds may be
   taken at once (dondoc_outbox_owner_gone_t). FALSE for anything else:
   another host, a process that exists (or a zombie), our own process,
   text that is no owner. Host names must differ between the hosts (and
   containers) that share one store, as they must for the owner to be
   unique. */
bool dondoc_actions_owner_gone(const char *owner);

/* Sends one composed mail with a null envelope sender. Returns 1 sent,
   0 permanent failure, -1 temporary failure (error_r). */
typedef int dondoc_send_func_t(void *context, const char *recipient,
			       const char *data, const char **error_r);

/* Mail queued (claimed) by a caller that sends it after committing its
   own transaction: see dondoc_actions_env.pending. */
struct dondoc_actions_pending {
	enum dondoc_outbox_kind kind;
	int64_t id;
	const char *recipient, *data, *message_id;
	/* Taken over from a claim whose sender died (a redelivery). */
	bool taken_over;
	/* Not sent: another sender holds the claim now. */
	bool claim_lost;
	/* Not sent now: an earlier attempt had sent it (the sent journal). */
	bool journaled;
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
	/* The claim owner (dondoc_actions_new_owner()); NULL: one made
	   once for the whole process. */
	const char *owner;
	/* NULL: each mail is sent as soon as it is queued. Else mail is
	   queued claimed and listed here (strings from pending_pool), for
	   dondoc_actions_send_pending() once the caller's transaction
	   (dondoc_store_begin) has committed: a mail is never sent before
	   the outbox row that keeps it once is on disk. */
	ARRAY_TYPE(dondoc_actions_pending) *pending;
	pool_t pending_pool;
	/* The incoming mail, for escalations to carry; NULL: none. */
	const struct dondoc_actions_original *original;
	/* The receipt composed before the write transaction
	   (dondoc_actions_confirm_compose()); NULL: composed when queued. */
	const struct dondoc_actions_composed *confirm;
};

struct dondoc_actions_composed {
	const char *message_id;
	const char *data;
};

/* The keys of the delivery's write transaction, for
   dondoc_store_begin_keys(): what its record, confirm, escalate and
   status work touches (dondoc-actions-keys.c); NULL: the whole store.
   On the data stack. */
const char *const *dondoc_actions_txn_keys(const struct dondoc_actions_env *env);

/* Record the submission (and the task's transition) in one write
   transaction. Returns 1 recorded, 0 nothing written (a duplicate
   Message-ID: result_r->duplicate; or no Message-ID at all), -1 store
   error. */
int dondoc_actions_record(const struct dondoc_actions_env *env,
			  struct dondoc_submission_result *result_r,
			  const char **error_r);

/* Our own addresses for the auto-reply rules
   (dondoc_autoreply_input.own_addresses): dondoc_from and
   dondoc_reply_address, those that are set; from the data stack. */
const char *const *
dondoc_actions_own_addresses(const struct dondoc_actions_settings *set);

/* Queue and send the receipt to the envelope sender. Returns 1 queued
   (sent or left queued: *sent_r), 0 not sent by rule (reason_r: sender
   not verified, loop rules, already confirmed, the document was recorded
   from another message, a receipt for this task went to this sender
   less than receipt_days ago), -1 store error. */
int dondoc_actions_confirm(const struct dondoc_actions_env *env,
			   bool *sent_r, const char **reason_r,
			   const char **error_r);
/* The receipt dondoc_actions_confirm() would queue, composed ahead so
   that the composing is not done while the write lock is held (the rules
   that read the store are still applied under it, by confirm). Returns 1
   composed (*composed_r, on the data stack), 0 none will be sent by a
   rule that needs no store, -1 store error (the agency's name). */
int dondoc_actions_confirm_compose(const struct dondoc_actions_env *env,
				   struct dondoc_actions_composed *composed_r,
				   const char **error_r);

/* Queue and send an escalation to `to` (an address or a role; NULL: the
   configured role), once per task (or message) and reason. Returns the
   number of mails queued (0: already escalated or nobody to send to,
   reason_r says which), -1 on store error. */
int dondoc_actions_escalate(const struct dondoc_actions_env *env,
			    const char *reason, const char *to,
			    unsigned int *sent_r, const char **reason_r,
			    const char **error_r);

/* One escalation about tracking to one recipient under dedup_key: with
   dondoc_head_digest = immediate mailed now (carrying env->original
   attached when allowed), else collected for the Head's digest as an
   item of kind. Returns 1 queued or collected (*sent_r: mailed and sent
   now), 0 done before, -1 store error. */
int dondoc_actions_escalate_one(const struct dondoc_actions_env *env,
				const struct dondoc_tracking *tracking,
				enum dondoc_head_item_kind kind,
				const char *recipient, const char *dedup_key,
				const char *reason, bool *sent_r,
				const char **error_r);

/* In digest mode, a warning about the secretariat's own duty (a meeting
   notice sent late) for the Head's digest, once per key_subject. Does
   nothing with dondoc_head_digest = immediate (the secretariat's notice
   says it). Returns the number of items collected, -1 on error. */
int dondoc_actions_escalate_warning(const struct dondoc_actions_env *env,
				    const struct dondoc_tracking *tracking,
				    const char *key_subject,
				    const char *reason, const char **error_r);

/* Queue already composed mail (data) under dedup_key as
   dondoc_actions_queue_send() does, and send it or list it in
   env->pending. */
int dondoc_actions_queue_data(const struct dondoc_actions_env *env,
			      enum dondoc_outbox_kind kind,
			      const char *task_code, const char *recipient,
			      const char *dedup_key, const char *message_id,
			      const char *data, bool *sent_r,
			      const char **error_r);

/* Compose a mail about tracking, queue it under dedup_key and, with a
   sender, send it now (queued claimed, then marked sent or failed). When
   dedup_key is queued already but not sent and nobody holds a live claim
   on it (the first delivery of this message died before sending), the
   stored mail is claimed and sent instead, once. env->msg may be NULL
   (mail about a task alone, as the sweep's). Returns 1 queued or taken
   over (*sent_r: sent now), 0 dedup_key queued before, -1 store error. */
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
/* The same, the notice's subject and text rendered from the template of
   values->kind (dondoc_template_mail_values() made them). */
int dondoc_actions_queue_rendered(const struct dondoc_actions_env *env,
				  const struct dondoc_tracking *tracking,
				  const char *recipient, const char *dedup_key,
				  const struct dondoc_template_values *values,
				  bool *sent_r, const char **error_r);

/* Send the mails env->pending lists as the outbox sender does
   (dondoc-actions-send.c, which says what is guaranteed): one write
   transaction per mail checks and renews its claim and begins its send
   (with the mark of the mail before it), the store is synced right
   before each send, and each mail is marked sent or failed right after
   it. Returns the number sent, -1 when a mark failed (error_r; the
   others are still sent and marked). A mail sent whose mark failed is
   noted in the sent journal, or, when the process dies before it is
   marked, sent again (the same Message-ID, audited as a resend) by the
   owner after it: the one at-least-once window left. */
int dondoc_actions_send_pending(const struct dondoc_actions_env *env,
				const char **error_r);

/* How a sender drains the outbox. */
struct dondoc_flush_settings {
	const char *owner;
	/* the claim lease, and the bound of one send: a batch claims at
	   most lease_secs / send_timeout_secs mails (at least one), and
	   the rest of the batch is renewed after every send */
	unsigned int lease_secs, send_timeout_secs;
	unsigned int max, max_attempts;
	/* as for dondoc_store_outbox_claim() */
	unsigned int retry_secs;
};

/* Send what is queued in the outbox (dondoc-outbox-flush.c: claim a
   batch, then for each mail: check and renew the claim, send, mark; one
   write transaction per mail, the store synced before each send), at
   most set->max in all.
   Returns the number sent, -1 on a store error; failures_r counts mails
   that failed this time, lost_r those whose claim another sender took
   (not sent by us). */
int dondoc_actions_flush_outbox(struct dondoc_store *store,
				dondoc_send_func_t *send, void *context,
				const struct dondoc_flush_settings *set,
				unsigned int *failures_r,
				unsigned int *lost_r,
				const char **error_r);

#endif
