/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outbox of automatic mail, written once over the store's statement
   driver (dondoc-store-driver.h) for both backends: queued once per
   dedup key, claimed by an owner for a lease (or, by its key, from an
   owner the caller says is gone), checked and renewed right
   before each send, marked sent (by anyone: the mail is out) or failed
   with backoff (by its owner only); the claims themselves are
   dondoc-store-outbox-claim.c's. Every change is conditional on the
   state it was read in (and begin_send's read locks its row), inside a
   write operation that may run beside other writers
   (ds_write_begin_shared(): SQLite's BEGIN IMMEDIATE, PostgreSQL's
   advisory write lock shared): a claim, a take-over or a mark that
   another writer made first is seen by the update, which then changes
   nothing. The front end below
   validates and bounds every argument before a statement sees it: kinds
   and states in range, owners and leases bounded, text well-formed, an
   SMTP reply reduced to bounded printable ASCII. Trusts nothing of its
   arguments. */

#include "lib.h"
#include "str.h"
#include "array.h"
#include "dondoc-store-driver.h"

/* An SMTP server's reply as text we keep: printable ASCII, bounded. */
const char *ds_outbox_printable(const char *text, size_t max)
{
	string_t *str = t_str_new(64);
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (str_len(str) == max)
			break;
		str_append_c(str, *p >= 0x20 && *p < 0x7f ? (char)*p : '?');
	}
	return str_c(str);
}

int ds_outbox_check_owner(const char *owner, const char **error_r)
{
	if (owner == NULL || owner[0] == '\0' ||
	    strlen(owner) > DONDOC_OUTBOX_MAX_OWNER) {
		*error_r = "outbox claim owner missing or too long";
		return -1;
	}
	return 0;
}

int ds_outbox_check_claim(unsigned int max, const char *owner,
			  unsigned int lease_secs, unsigned int *retry_secs,
			  const char **error_r)
{
	if (max == 0 || max > 10000) {
		*error_r = "claim between 1 and 10000 mails";
		return -1;
	}
	if (ds_outbox_check_owner(owner, error_r) < 0 ||
	    ds_outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	if (*retry_secs > DONDOC_OUTBOX_MAX_RETRY_SECS)
		*retry_secs = DONDOC_OUTBOX_MAX_RETRY_SECS;
	return 0;
}

int ds_outbox_check_lease(unsigned int lease_secs, const char **error_r)
{
	if (lease_secs == 0 || lease_secs > DONDOC_OUTBOX_MAX_LEASE_SECS) {
		*error_r = t_strdup_printf("outbox lease must be 1..%u seconds",
					   DONDOC_OUTBOX_MAX_LEASE_SECS);
		return -1;
	}
	return 0;
}

/* ---- outbox ---- */

void ds_outbox_row(pool_t pool, struct dondoc_store_stmt *stmt,
		   struct dondoc_outbox_mail *mail_r)
{
	const char *kind, *state;

	i_zero(mail_r);
	mail_r->id = ds_col_int64(stmt, 0);
	kind = ds_col_text(stmt, 1);
	mail_r->kind = kind == NULL ? DONDOC_OUTBOX_CONFIRM :
		strcmp(kind, "escalate") == 0 ? DONDOC_OUTBOX_ESCALATE :
		strcmp(kind, "reminder") == 0 ? DONDOC_OUTBOX_REMINDER :
		strcmp(kind, "notice") == 0 ? DONDOC_OUTBOX_NOTICE :
		DONDOC_OUTBOX_CONFIRM;
	mail_r->task_code = ds_col_str(pool, stmt, 2);
	mail_r->recipient = ds_col_str(pool, stmt, 3);
	mail_r->message_id = ds_col_str(pool, stmt, 4);
	mail_r->dedup_key = ds_col_str(pool, stmt, 5);
	mail_r->data = ds_col_str(pool, stmt, 6);
	state = ds_col_text(stmt, 7);
	mail_r->state = state == NULL ? DONDOC_OUTBOX_QUEUED :
		strcmp(state, "claimed") == 0 ? DONDOC_OUTBOX_CLAIMED :
		strcmp(state, "sent") == 0 ? DONDOC_OUTBOX_SENT :
		strcmp(state, "failed") == 0 ? DONDOC_OUTBOX_FAILED :
		DONDOC_OUTBOX_QUEUED;
	mail_r->attempts = ds_col_int(stmt, 8);
	mail_r->created_at = (time_t)ds_col_int64(stmt, 9);
	mail_r->claimed_at = (time_t)ds_col_int64(stmt, 10);
	mail_r->sent_at = (time_t)ds_col_int64(stmt, 11);
	mail_r->last_error = ds_col_str(pool, stmt, 12);
	mail_r->owner = ds_col_str(pool, stmt, 13);
	mail_r->lease_until = (time_t)ds_col_int64(stmt, 14);
	mail_r->send_started_at = (time_t)ds_col_int64(stmt, 15);
	mail_r->smtp_reply = ds_col_str(pool, stmt, 16);
}

static int db_outbox_queue(struct dondoc_store *store,
			   const struct dondoc_outbox_mail *mail,
			   int64_t *id_r, const char **error_r)
{
	enum dondoc_task_status status;
	struct dondoc_store_stmt *stmt;
	const char *code;
	int64_t task_id = 0, id;
	bool claimed;
	int ret;

	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	if (mail->task_code != NULL) {
		ret = ds_task_status_by_code(store, mail->task_code, &task_id,
					     &status, &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   mail->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_ADD, error_r)) == NULL)
		goto fail;
	ds_bind_text(stmt, 1, dondoc_outbox_kind_name(mail->kind));
	ds_bind_id(stmt, 2, task_id);
	ds_bind_text(stmt, 3, mail->recipient);
	ds_bind_text(stmt, 4, mail->message_id);
	ds_bind_text(stmt, 5, mail->dedup_key);
	ds_bind_text(stmt, 6, mail->data);
	ds_bind_int64(stmt, 7, time(NULL));
	/* Queued for any sender, or claimed at once by a caller that sends
	   it right away (a stale claim is taken over by outbox claim). */
	claimed = mail->state == DONDOC_OUTBOX_CLAIMED;
	ds_bind_text(stmt, 8, claimed ? "claimed" : "queued");
	ds_bind_int64(stmt, 9, claimed ? 1 : 0);
	ds_bind_int64(stmt, 10, claimed ? time(NULL) : 0);
	ds_bind_text(stmt, 11, claimed ? mail->owner : NULL);
	ds_bind_int64(stmt, 12, claimed ? mail->lease_until : 0);
	if (ds_stmt_exec(stmt, "outbox queue", error_r) < 0)
		goto fail;
	if (ds_changes(store) == 0) {
		ds_write_rollback(store);
		return 0;
	}
	id = ds_last_id(store);
	if (ds_audit(store, "outbox", mail->dedup_key, "queue", NULL,
		     claimed ? "claimed" : "queued", error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	if (id_r != NULL)
		*id_r = id;
	return 1;
fail:
	ds_write_rollback(store);
	return -1;
}

/* What begin_send decides on, the row locked (its send begun before,
   its dedup key and Message-ID), and the claim's lease renewed with the
   send's start when it is still owner's: 1 with changed_r, 0 no such
   mail, -1 error. */
struct outbox_begun {
	time_t started;
	const char *key, *msgid;
	bool changed;
};

static void row_to_begun(pool_t pool ATTR_UNUSED,
			 struct dondoc_store_stmt *stmt,
			 struct outbox_begun *begun_r)
{
	begun_r->started = (time_t)ds_col_int64(stmt, 0);
	begun_r->key = t_strdup(ds_col_text(stmt, 1));
	begun_r->msgid = t_strdup(ds_col_text(stmt, 2));
	begun_r->changed = ds_col_int64(stmt, 3) != 0;
}

static void outbox_begin_bind(struct dondoc_store_stmt *stmt, int64_t id,
			      const char *owner, unsigned int lease_secs,
			      time_t now)
{
	ds_bind_int64(stmt, 1, id);
	ds_bind_text(stmt, 2, owner);
	ds_bind_int64(stmt, 3, (now + lease_secs));
	ds_bind_int64(stmt, 4, now);
}

static int outbox_begin_update(struct dondoc_store *store, int64_t id,
			       const char *owner, unsigned int lease_secs,
			       time_t now, struct outbox_begun *begun_r,
			       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	/* one statement where the backend has it (one round trip) */
	if (ds_stmt_exists(store, STMT_OUTBOX_BEGIN_SEND_READ)) {
		stmt = ds_stmt_get(store, STMT_OUTBOX_BEGIN_SEND_READ, error_r);
		if (stmt == NULL)
			return -1;
		outbox_begin_bind(stmt, id, owner, lease_secs, now);
		return ds_stmt_one(stmt, pool_datastack_create(), row_to_begun,
				   begun_r, "outbox begin send", error_r);
	}
	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_STATE, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, id);
	ret = ds_step(stmt);
	if (ret != DS_ROW) {
		if (ret != DS_DONE)
			*error_r = ds_errstr(store, "outbox begin send");
		ds_stmt_done(stmt);
		return ret == DS_DONE ? 0 : -1;
	}
	begun_r->started = (time_t)ds_col_int64(stmt, 3);
	begun_r->key = t_strdup(ds_col_text(stmt, 4));
	begun_r->msgid = t_strdup(ds_col_text(stmt, 5));
	ds_stmt_done(stmt);

	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_BEGIN_SEND, error_r)) == NULL)
		return -1;
	outbox_begin_bind(stmt, id, owner, lease_secs, now);
	if (ds_stmt_exec(stmt, "outbox begin send", error_r) < 0)
		return -1;
	begun_r->changed = ds_changes(store) > 0;
	return 1;
}

/* Inside a write operation: begin_send's check, renewal and journal
   look-up; 0 (the claim lost) has written nothing. */
int ds_outbox_begin_send(struct dondoc_store *store, int64_t id,
			 const char *owner, unsigned int lease_secs,
			 time_t now, bool *resend_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	struct outbox_begun begun;
	const char *key, *msgid;
	time_t started;
	int ret;

	*resend_r = FALSE;
	i_zero(&begun);
	ret = outbox_begin_update(store, id, owner, lease_secs, now, &begun,
				  error_r);
	if (ret <= 0) {
		if (ret == 0) {
			*error_r = t_strdup_printf("outbox mail %lld does not "
						   "exist", (long long)id);
		}
		return -1;
	}
	started = begun.started;
	key = begun.key;
	msgid = begun.msgid;
	/* Not ours any more (lease ran out and taken, or sent). */
	if (!begun.changed)
		return 0;
	if (started != 0 && msgid != NULL &&
	    store->v->driver->sent_journal_has(store, id, msgid)) {
		/* Sent before, its mark failed: mark it, send nothing. */
		if ((stmt = ds_stmt_get(store, STMT_OUTBOX_SENT,
					error_r)) == NULL)
			return -1;
		ds_bind_int64(stmt, 1, id);
		ds_bind_int64(stmt, 2, now);
		ds_bind_text(stmt, 3, "sent before (the sent journal)");
		if (ds_stmt_exec(stmt, "outbox sent", error_r) < 0 ||
		    ds_audit(store, "outbox", key, "sent (found in the sent "
			     "journal: not sent again)", "claimed", "sent",
			     error_r) < 0)
			return -1;
		return 2;
	}
	if (started != 0) {
		*resend_r = TRUE;
		if (ds_audit(store, "outbox", key, "resend (the outcome of the "
			     "attempt begun before is unknown)", NULL,
			     owner, error_r) < 0)
			return -1;
	}
	/* its sender syncs the store before the send */
	ds_write_durable(store);
	return 1;
}

/* One write operation around a body that returns -1, 0 (nothing
   written) or more. */
static int outbox_write_end(struct dondoc_store *store, int ret,
			    const char **error_r)
{
	if (ret <= 0) {
		ds_write_rollback(store);
		return ret;
	}
	return ds_write_commit(store, error_r) < 0 ? -1 : ret;
}

static int db_outbox_begin_send(struct dondoc_store *store, int64_t id,
				const char *owner, unsigned int lease_secs,
				bool *resend_r, const char **error_r)
{
	int ret;

	*resend_r = FALSE;
	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	ret = ds_outbox_begin_send(store, id, owner, lease_secs, time(NULL),
				   resend_r, error_r);
	return outbox_write_end(store, ret, error_r);
}

/* Inside a write operation: owner's live claims renewed. With
   ahead, nobody waits for the count (0: sent ahead, or done). */
int ds_outbox_renew(struct dondoc_store *store, const char *owner,
		    unsigned int lease_secs, time_t now, bool ahead,
		    const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_RENEW, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, owner);
	ds_bind_int64(stmt, 2, (now + lease_secs));
	ds_bind_int64(stmt, 3, now);
	if (ahead)
		return ds_stmt_exec_ahead(stmt, "outbox renew", error_r);
	if (ds_stmt_exec(stmt, "outbox renew", error_r) < 0)
		return -1;
	return ds_changes(store);
}

static int db_outbox_renew(struct dondoc_store *store, const char *owner,
			   unsigned int lease_secs, const char **error_r)
{
	int count;

	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	count = ds_outbox_renew(store, owner, lease_secs, time(NULL), FALSE,
				error_r);
	if (count < 0) {
		ds_write_rollback(store);
		return -1;
	}
	return ds_write_commit(store, error_r) < 0 ? -1 : count;
}

/* Inside a write operation: 1 marked, 0 marked before (audited). */
int ds_outbox_mark_sent(struct dondoc_store *store, int64_t id,
			const char *smtp_reply, time_t now,
			const char **error_r)
{
	const char *key = t_strdup_printf("%lld", (long long)id);
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_SENT, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, id);
	ds_bind_int64(stmt, 2, now);
	ds_bind_text(stmt, 3, smtp_reply);
	if (ds_stmt_exec(stmt, "outbox sent", error_r) < 0)
		return -1;
	if (ds_changes(store) == 0) {
		/* Marked sent before: this send was a second one. */
		return ds_audit(store, "outbox", key, "sent again", "sent",
				"sent", error_r) < 0 ? -1 : 0;
	}
	return ds_audit(store, "outbox", key, "sent", "claimed", "sent",
			error_r) < 0 ? -1 : 1;
}

static int db_outbox_mark_sent(struct dondoc_store *store, int64_t id,
			       const char *smtp_reply, const char **error_r)
{
	int ret;

	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	ret = ds_outbox_mark_sent(store, id, smtp_reply, time(NULL), error_r);
	if (ret < 0) {
		ds_write_rollback(store);
		return -1;
	}
	return ds_write_commit(store, error_r) < 0 ? -1 : ret;
}

/* Inside a write operation: 1 marked, 0 the claim was lost (nothing
   written). */
int ds_outbox_mark_failed(struct dondoc_store *store, int64_t id,
			  const char *owner, const char *reason,
			  unsigned int max_attempts, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	const char *new_state = NULL;
	int ret;

	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_FAILED, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, id);
	ds_bind_int64(stmt, 2, max_attempts);
	ds_bind_text(stmt, 3, reason);
	ds_bind_text(stmt, 4, owner);
	ret = ds_step(stmt);
	if (ret == DS_ROW) {
		new_state = t_strdup(ds_col_text(stmt, 0));
		ret = ds_step(stmt);
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "outbox failed");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	/* The claim was lost meanwhile: its new owner decides. */
	if (new_state == NULL)
		return 0;
	return ds_audit(store, "outbox", t_strdup_printf("%lld", (long long)id),
			t_strdup_printf("failed: %s", reason), "claimed",
			new_state, error_r) < 0 ? -1 : 1;
}

static int db_outbox_mark_failed(struct dondoc_store *store, int64_t id,
				 const char *owner, const char *reason,
				 unsigned int max_attempts,
				 const char **error_r)
{
	int ret;

	if (ds_write_begin_shared(store, error_r) < 0)
		return -1;
	ret = ds_outbox_mark_failed(store, id, owner, reason, max_attempts,
				    error_r);
	return outbox_write_end(store, ret, error_r);
}

static int db_outbox_count_recent(struct dondoc_store *store,
				  enum dondoc_outbox_kind kind,
				  const char *recipient, const char *task_code,
				  time_t since, const char *except_dedup_key,
				  unsigned int *count_r, const char **error_r)
{
	enum dondoc_task_status status;
	struct dondoc_store_stmt *stmt;
	const char *code;
	int64_t task_id = 0;
	int ret;

	*count_r = 0;
	if (task_code != NULL) {
		ret = ds_task_status_by_code(store, task_code, &task_id,
					     &status, &code, error_r);
		if (ret <= 0)
			return ret;
	}
	if ((stmt = ds_stmt_get(store, task_id != 0 ? STMT_OUTBOX_RECENT :
				STMT_OUTBOX_RECENT_NO_TASK, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, dondoc_outbox_kind_name(kind));
	ds_bind_text_empty(stmt, 2, recipient);
	ds_bind_id(stmt, 3, task_id);
	ds_bind_int64(stmt, 4, since);
	ds_bind_text_empty(stmt, 5, except_dedup_key);
	ret = ds_step(stmt);
	if (ret == DS_ROW)
		*count_r = (unsigned int)ds_col_int(stmt, 0);
	else {
		*error_r = ds_errstr(store, "outbox count");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return 0;
}

static int db_outbox_list(struct dondoc_store *store, pool_t pool,
			  int state,
			  ARRAY_TYPE(dondoc_outbox_mail) *mails,
			  const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_OUTBOX_LIST, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, state < 0 ? NULL : dondoc_outbox_state_name(state));
	return ds_stmt_rows(stmt, pool, ds_outbox_row, mails,
			    "outbox list", error_r);
}

/* ---- the front end ---- */

int dondoc_store_outbox_queue(struct dondoc_store *store,
			      const struct dondoc_outbox_mail *mail,
			      int64_t *id_r, const char **error_r)
{
	if ((unsigned int)mail->kind >= DONDOC_OUTBOX_NOTICE + 1) {
		*error_r = "invalid outbox kind";
		return -1;
	}
	if (mail->state != DONDOC_OUTBOX_QUEUED &&
	    mail->state != DONDOC_OUTBOX_CLAIMED) {
		*error_r = "outbox mail is queued or claimed, "
			"never created sent or failed";
		return -1;
	}
	if (mail->state == DONDOC_OUTBOX_CLAIMED &&
	    (ds_outbox_check_owner(mail->owner, error_r) < 0 ||
	     mail->lease_until <= 0))
		return -1;
	if (dondoc_store_check_code("task code", mail->task_code, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("recipient", mail->recipient, DONDOC_STORE_MAX_EMAIL,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_message_id(mail->message_id, error_r) < 0 ||
	    dondoc_store_check_text("dedup key", mail->dedup_key,
		       DONDOC_STORE_MAX_MESSAGE_ID + 2 * DONDOC_STORE_MAX_CODE,
		       TRUE, error_r) < 0)
		return -1;
	if (mail->data == NULL || mail->data[0] == '\0' ||
	    strlen(mail->data) > DONDOC_STORE_MAX_MAIL) {
		*error_r = "outgoing mail is empty or too large";
		return -1;
	}
	return db_outbox_queue(store, mail, id_r, error_r);
}

int dondoc_store_outbox_begin_send(struct dondoc_store *store, int64_t id,
				   const char *owner, unsigned int lease_secs,
				   bool *resend_r, const char **error_r)
{
	*resend_r = FALSE;
	if (ds_outbox_check_owner(owner, error_r) < 0 ||
	    ds_outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	return db_outbox_begin_send(store, id, owner, lease_secs,
				    resend_r, error_r);
}

int dondoc_store_outbox_note_sent(struct dondoc_store *store, int64_t id,
				  const char *message_id,
				  const char **error_r)
{
	if (dondoc_store_check_message_id(message_id, error_r) < 0)
		return -1;
	return store->v->driver->sent_journal_add(store, id, message_id, error_r);
}

int dondoc_store_outbox_renew(struct dondoc_store *store, const char *owner,
			      unsigned int lease_secs, const char **error_r)
{
	if (ds_outbox_check_owner(owner, error_r) < 0 ||
	    ds_outbox_check_lease(lease_secs, error_r) < 0)
		return -1;
	return db_outbox_renew(store, owner, lease_secs, error_r);
}

int dondoc_store_outbox_mark_sent(struct dondoc_store *store, int64_t id,
				  const char *smtp_reply,
				  const char **error_r)
{
	if (smtp_reply != NULL)
		smtp_reply = ds_outbox_printable(smtp_reply, 200);
	return db_outbox_mark_sent(store, id, smtp_reply, error_r);
}

int dondoc_store_outbox_mark_failed(struct dondoc_store *store, int64_t id,
				    const char *owner, const char *reason,
				    unsigned int max_attempts,
				    const char **error_r)
{
	if (ds_outbox_check_owner(owner, error_r) < 0)
		return -1;
	if (reason != NULL && strlen(reason) > DONDOC_STORE_MAX_TEXT)
		reason = t_strndup(reason, DONDOC_STORE_MAX_TEXT);
	return db_outbox_mark_failed(store, id, owner, reason,
				     max_attempts, error_r);
}

int dondoc_store_outbox_count_recent(struct dondoc_store *store,
				     enum dondoc_outbox_kind kind,
				     const char *recipient,
				     const char *task_code, time_t since,
				     const char *except_dedup_key,
				     unsigned int *count_r,
				     const char **error_r)
{
	*count_r = 0;
	if ((unsigned int)kind >= DONDOC_OUTBOX_NOTICE + 1) {
		*error_r = "invalid outbox kind";
		return -1;
	}
	if (dondoc_store_check_text("recipient", recipient, DONDOC_STORE_MAX_EMAIL,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_code("task code", task_code, FALSE, error_r) < 0)
		return -1;
	return db_outbox_count_recent(store, kind, recipient,
				      task_code, since,
				      except_dedup_key, count_r,
				      error_r);
}

int dondoc_store_outbox_list(struct dondoc_store *store, pool_t pool,
			     int state,
			     ARRAY_TYPE(dondoc_outbox_mail) *mails,
			     const char **error_r)
{
	if (state >= (int)DONDOC_OUTBOX_FAILED + 1) {
		*error_r = "invalid outbox state";
		return -1;
	}
	return db_outbox_list(store, pool, state, mails, error_r);
}

