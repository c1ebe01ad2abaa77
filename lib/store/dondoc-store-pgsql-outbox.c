/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend: the outbox of automatic mail: queued once per dedup
   key, claimed by an owner for a lease, checked and renewed right before
   each send, marked sent (by anyone: the mail is out) or failed with
   backoff (by its owner only). Every change is conditional on the state
   it was read in, inside a write transaction holding the store's write
   lock (dondoc-store-pgsql.c), as SQLite's BEGIN IMMEDIATE. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"


/* The SQLite backend keeps a "sent journal" file next to its store for
   a mail sent whose mark failed; a PostgreSQL store has no directory of
   its own, so it keeps none: such a mail is sent again after its lease
   (audited as a resend), as the SQLite backend does when its journal is
   full. */

/* ---- outbox ---- */

static void row_to_outbox(pool_t pool, struct pgsql_stmt *stmt,
			  struct dondoc_outbox_mail *mail_r)
{
	const char *kind, *state;

	i_zero(mail_r);
	mail_r->id = pgsql_col_int64(stmt, 0);
	kind = pgsql_col_text(stmt, 1);
	mail_r->kind = kind == NULL ? DONDOC_OUTBOX_CONFIRM :
		strcmp(kind, "escalate") == 0 ? DONDOC_OUTBOX_ESCALATE :
		strcmp(kind, "reminder") == 0 ? DONDOC_OUTBOX_REMINDER :
		strcmp(kind, "notice") == 0 ? DONDOC_OUTBOX_NOTICE :
		DONDOC_OUTBOX_CONFIRM;
	mail_r->task_code = pgsql_col_str(pool, stmt, 2);
	mail_r->recipient = pgsql_col_str(pool, stmt, 3);
	mail_r->message_id = pgsql_col_str(pool, stmt, 4);
	mail_r->dedup_key = pgsql_col_str(pool, stmt, 5);
	mail_r->data = pgsql_col_str(pool, stmt, 6);
	state = pgsql_col_text(stmt, 7);
	mail_r->state = state == NULL ? DONDOC_OUTBOX_QUEUED :
		strcmp(state, "claimed") == 0 ? DONDOC_OUTBOX_CLAIMED :
		strcmp(state, "sent") == 0 ? DONDOC_OUTBOX_SENT :
		strcmp(state, "failed") == 0 ? DONDOC_OUTBOX_FAILED :
		DONDOC_OUTBOX_QUEUED;
	mail_r->attempts = pgsql_col_int(stmt, 8);
	mail_r->created_at = (time_t)pgsql_col_int64(stmt, 9);
	mail_r->claimed_at = (time_t)pgsql_col_int64(stmt, 10);
	mail_r->sent_at = (time_t)pgsql_col_int64(stmt, 11);
	mail_r->last_error = pgsql_col_str(pool, stmt, 12);
	mail_r->owner = pgsql_col_str(pool, stmt, 13);
	mail_r->lease_until = (time_t)pgsql_col_int64(stmt, 14);
	mail_r->send_started_at = (time_t)pgsql_col_int64(stmt, 15);
	mail_r->smtp_reply = pgsql_col_str(pool, stmt, 16);
}

int pgsql_outbox_queue(struct dondoc_store *store,
			const struct dondoc_outbox_mail *mail,
			int64_t *id_r, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	enum dondoc_task_status status;
	struct pgsql_stmt *stmt;
	const char *code;
	int64_t task_id = 0, id;
	bool claimed;
	int ret;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if (mail->task_code != NULL) {
		ret = ds_task_status_by_code(&s->store, mail->task_code, &task_id,
					  &status, &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   mail->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_ADD, error_r)) == NULL)
		goto fail;
	pgsql_bind_text(stmt, 1, dondoc_outbox_kind_name(mail->kind));
	pgsql_bind_id(stmt, 2, task_id);
	pgsql_bind_text(stmt, 3, mail->recipient);
	pgsql_bind_text(stmt, 4, mail->message_id);
	pgsql_bind_text(stmt, 5, mail->dedup_key);
	pgsql_bind_text(stmt, 6, mail->data);
	pgsql_bind_int64(stmt, 7, time(NULL));
	/* Queued for any sender, or claimed at once by a caller that sends
	   it right away (a stale claim is taken over by outbox claim). */
	claimed = mail->state == DONDOC_OUTBOX_CLAIMED;
	pgsql_bind_text(stmt, 8, claimed ? "claimed" : "queued");
	pgsql_bind_int64(stmt, 9, claimed ? 1 : 0);
	pgsql_bind_int64(stmt, 10, claimed ? time(NULL) : 0);
	pgsql_bind_text(stmt, 11, claimed ? mail->owner : NULL);
	pgsql_bind_int64(stmt, 12, claimed ? mail->lease_until : 0);
	if (pgsql_stmt_exec(s, stmt, "outbox queue", error_r) < 0)
		goto fail;
	if (pgsql_changes(s) == 0) {
		pgsql_write_rollback(s);
		return 0;
	}
	id = pgsql_last_id(s);
	if (pgsql_audit(s, "outbox", mail->dedup_key, "queue", NULL,
		  claimed ? "claimed" : "queued", error_r) < 0)
		goto fail;
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	if (id_r != NULL)
		*id_r = id;
	return 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

static struct pgsql_stmt *
outbox_claimable(struct pgsql_store *s, time_t now, unsigned int max,
		 unsigned int retry_secs, int64_t after_id,
		 const char **error_r)
{
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_CLAIMABLE, error_r)) == NULL)
		return NULL;
	pgsql_bind_int64(stmt, 1, now);
	pgsql_bind_int64(stmt, 2, max);
	pgsql_bind_int64(stmt, 3, retry_secs);
	pgsql_bind_int64(stmt, 4, now);
	pgsql_bind_int64(stmt, 5, DONDOC_OUTBOX_MAX_RETRY_SECS);
	pgsql_bind_int64(stmt, 6, after_id);
	return stmt;
}

/* Anything to claim? A read, so that a sender polling an empty outbox
   never takes the write lock. */
static int outbox_any_claimable(struct pgsql_store *s, time_t now,
				unsigned int retry_secs, int64_t after_id,
				const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if (s->in_user_txn)
		return 1;
	stmt = outbox_claimable(s, now, 1, retry_secs, after_id, error_r);
	if (stmt == NULL)
		return -1;
	ret = pgsql_step(stmt);
	pgsql_stmt_done(stmt);
	if (ret == PGSQL_ROW)
		return 1;
	if (ret == PGSQL_DONE)
		return 0;
	*error_r = pgsql_errstr(s, "outbox claim");
	return -1;
}

/* Claim one mail read as claimable; 0 when another connection took it
   between the read and the write (cannot happen under BEGIN IMMEDIATE,
   but the update says so rather than assume). */
static int outbox_claim_one(struct pgsql_store *s,
			    struct dondoc_outbox_mail *mail, const char *owner,
			    time_t now, unsigned int lease_secs,
			    const char **error_r)
{
	const char *old_state = dondoc_outbox_state_name(mail->state);
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_CLAIM, error_r)) == NULL)
		return -1;
	pgsql_bind_int64(stmt, 1, mail->id);
	pgsql_bind_int64(stmt, 2, now);
	pgsql_bind_text(stmt, 3, owner);
	pgsql_bind_int64(stmt, 4, (now + lease_secs));
	if (pgsql_stmt_exec(s, stmt, "outbox claim", error_r) < 0)
		return -1;
	if (pgsql_changes(s) == 0)
		return 0;
	/* A claim taken over from an owner whose lease ran out says so. */
	if (pgsql_audit(s, "outbox", mail->dedup_key,
			 mail->state == DONDOC_OUTBOX_CLAIMED ?
			 t_strdup_printf("claim (lease of %s ran out)",
					 mail->owner == NULL ? "?" : mail->owner) :
			 "claim", old_state, "claimed", error_r) < 0)
		return -1;
	mail->state = DONDOC_OUTBOX_CLAIMED;
	mail->attempts++;
	mail->claimed_at = now;
	mail->owner = t_strdup(owner);
	mail->lease_until = now + lease_secs;
	return 1;
}

int pgsql_outbox_claim(struct dondoc_store *store, pool_t pool,
			unsigned int max, const char *owner,
			unsigned int lease_secs, unsigned int retry_secs,
			int64_t after_id,
			ARRAY_TYPE(dondoc_outbox_mail) *mails,
			const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	time_t now = time(NULL);
	unsigned int first = array_count(mails), i;
	struct dondoc_outbox_mail *mail;
	int ret;

	if ((ret = outbox_any_claimable(s, now, retry_secs, after_id,
					error_r)) <= 0)
		return ret;
	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	stmt = outbox_claimable(s, now, max, retry_secs, after_id,
				error_r);
	if (stmt == NULL)
		goto fail;
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW)
		row_to_outbox(pool, stmt, array_append_space(mails));
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "outbox claim");
		pgsql_stmt_done(stmt);
		goto fail;
	}
	pgsql_stmt_done(stmt);
	for (i = first; i < array_count(mails); ) {
		mail = array_idx_modifiable(mails, i);
		ret = outbox_claim_one(s, mail, owner, now, lease_secs, error_r);
		if (ret < 0)
			goto fail;
		if (ret == 0)
			array_delete(mails, i, 1);
		else {
			mail->owner = p_strdup(pool, owner);
			i++;
		}
	}
	if (pgsql_write_commit(s, error_r) < 0)
		goto fail_committed;
	return array_count(mails) - first;
fail:
	pgsql_write_rollback(s);
fail_committed:
	array_delete(mails, first, array_count(mails) - first);
	return -1;
}

int pgsql_outbox_claim_key(struct dondoc_store *store, pool_t pool,
			    const char *dedup_key, const char *owner,
			    unsigned int lease_secs,
			    struct dondoc_outbox_mail *mail_r,
			    const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	time_t now = time(NULL);
	int ret;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_BY_KEY, error_r)) == NULL)
		goto fail;
	pgsql_bind_text(stmt, 1, dedup_key);
	ret = pgsql_stmt_one(s, stmt, pool, row_to_outbox, mail_r,
			      "outbox by key", error_r);
	if (ret < 0)
		goto fail;
	if (ret == 0 || mail_r->state == DONDOC_OUTBOX_SENT ||
	    mail_r->state == DONDOC_OUTBOX_FAILED ||
	    (mail_r->state == DONDOC_OUTBOX_CLAIMED &&
	     mail_r->lease_until >= now)) {
		pgsql_write_rollback(s);
		return 0;
	}
	ret = outbox_claim_one(s, mail_r, owner, now, lease_secs, error_r);
	if (ret < 0)
		goto fail;
	if (ret == 0) {
		pgsql_write_rollback(s);
		return 0;
	}
	mail_r->owner = p_strdup(pool, owner);
	return pgsql_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_outbox_note_sent(struct dondoc_store *store, int64_t id,
			   const char *message_id, const char **error_r)
{
	*error_r = t_strdup_printf("%s keeps no sent journal: outbox mail "
				   "%lld (%s) may be sent again",
				   PGSQL_STORE(store)->path, (long long)id,
				   message_id);
	return -1;
}

static bool outbox_journal_has(struct pgsql_store *s ATTR_UNUSED,
			       int64_t id ATTR_UNUSED,
			       const char *message_id ATTR_UNUSED)
{
	return FALSE;
}

int pgsql_outbox_begin_send(struct dondoc_store *store, int64_t id,
			     const char *owner, unsigned int lease_secs,
			     bool *resend_r, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	time_t now = time(NULL), started;
	const char *key, *msgid;
	int ret;

	*resend_r = FALSE;
	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_STATE, error_r)) == NULL)
		goto fail;
	pgsql_bind_int64(stmt, 1, id);
	ret = pgsql_step(stmt);
	if (ret != PGSQL_ROW) {
		if (ret != PGSQL_DONE)
			*error_r = pgsql_errstr(s, "outbox begin send");
		else
			*error_r = t_strdup_printf("outbox mail %lld does not "
						   "exist", (long long)id);
		pgsql_stmt_done(stmt);
		goto fail;
	}
	started = (time_t)pgsql_col_int64(stmt, 3);
	key = t_strdup(pgsql_col_text(stmt, 4));
	msgid = t_strdup(pgsql_col_text(stmt, 5));
	pgsql_stmt_done(stmt);

	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_BEGIN_SEND, error_r)) == NULL)
		goto fail;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_text(stmt, 2, owner);
	pgsql_bind_int64(stmt, 3, (now + lease_secs));
	pgsql_bind_int64(stmt, 4, now);
	if (pgsql_stmt_exec(s, stmt, "outbox begin send", error_r) < 0)
		goto fail;
	if (pgsql_changes(s) == 0) {
		/* Not ours any more (lease ran out and taken, or sent). */
		pgsql_write_rollback(s);
		return 0;
	}
	if (started != 0 && msgid != NULL &&
	    outbox_journal_has(s, id, msgid)) {
		/* Sent before, its mark failed: mark it, send nothing. */
		if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_SENT,
					    error_r)) == NULL)
			goto fail;
		pgsql_bind_int64(stmt, 1, id);
		pgsql_bind_int64(stmt, 2, now);
		pgsql_bind_text(stmt, 3, "sent before (the sent journal)");
		if (pgsql_stmt_exec(s, stmt, "outbox sent", error_r) < 0 ||
		    pgsql_audit(s, "outbox", key, "sent (found in the sent "
				 "journal: not sent again)", "claimed", "sent",
				 error_r) < 0)
			goto fail;
		return pgsql_write_commit(s, error_r) < 0 ? -1 : 2;
	}
	if (started != 0) {
		*resend_r = TRUE;
		if (pgsql_audit(s, "outbox", key, "resend (the outcome of the "
				 "attempt begun before is unknown)", NULL,
				 owner, error_r) < 0)
			goto fail;
	}
	return pgsql_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_outbox_renew(struct dondoc_store *store, const char *owner,
			unsigned int lease_secs, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	time_t now = time(NULL);
	int count;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_RENEW, error_r)) == NULL)
		goto fail;
	pgsql_bind_text(stmt, 1, owner);
	pgsql_bind_int64(stmt, 2, (now + lease_secs));
	pgsql_bind_int64(stmt, 3, now);
	if (pgsql_stmt_exec(s, stmt, "outbox renew", error_r) < 0)
		goto fail;
	count = pgsql_changes(s);
	return pgsql_write_commit(s, error_r) < 0 ? -1 : count;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_outbox_mark_sent(struct dondoc_store *store, int64_t id,
			    const char *smtp_reply, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	const char *key = t_strdup_printf("%lld", (long long)id);
	struct pgsql_stmt *stmt;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_SENT, error_r)) == NULL)
		goto fail;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_int64(stmt, 2, time(NULL));
	pgsql_bind_text(stmt, 3, smtp_reply);
	if (pgsql_stmt_exec(s, stmt, "outbox sent", error_r) < 0)
		goto fail;
	if (pgsql_changes(s) == 0) {
		/* Marked sent before: this send was a second one. */
		if (pgsql_audit(s, "outbox", key, "sent again", "sent",
				 "sent", error_r) < 0)
			goto fail;
		return pgsql_write_commit(s, error_r) < 0 ? -1 : 0;
	}
	if (pgsql_audit(s, "outbox", key, "sent", "claimed", "sent",
			 error_r) < 0)
		goto fail;
	return pgsql_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_outbox_mark_failed(struct dondoc_store *store, int64_t id,
			      const char *owner, const char *reason,
			      unsigned int max_attempts,
			      const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	const char *new_state = NULL;
	int ret;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_FAILED, error_r)) == NULL)
		goto fail;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_int64(stmt, 2, max_attempts);
	pgsql_bind_text(stmt, 3, reason);
	pgsql_bind_text(stmt, 4, owner);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		new_state = t_strdup(pgsql_col_text(stmt, 0));
		ret = pgsql_step(stmt);
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "outbox failed");
		pgsql_stmt_done(stmt);
		goto fail;
	}
	pgsql_stmt_done(stmt);
	if (new_state == NULL) {
		/* The claim was lost meanwhile: its new owner decides. */
		pgsql_write_rollback(s);
		return 0;
	}
	if (pgsql_audit(s, "outbox", t_strdup_printf("%lld", (long long)id),
			 t_strdup_printf("failed: %s", reason), "claimed",
			 new_state, error_r) < 0)
		goto fail;
	return pgsql_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_outbox_count_recent(struct dondoc_store *store,
			       enum dondoc_outbox_kind kind,
			       const char *recipient, const char *task_code,
			       time_t since, const char *except_dedup_key,
			       unsigned int *count_r, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	enum dondoc_task_status status;
	struct pgsql_stmt *stmt;
	const char *code;
	int64_t task_id = 0;
	int ret;

	*count_r = 0;
	if (task_code != NULL) {
		ret = ds_task_status_by_code(&s->store, task_code, &task_id,
						 &status, &code, error_r);
		if (ret <= 0)
			return ret;
	}
	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_RECENT, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, dondoc_outbox_kind_name(kind));
	pgsql_bind_text_empty(stmt, 2, recipient);
	pgsql_bind_id(stmt, 3, task_id);
	pgsql_bind_int64(stmt, 4, since);
	pgsql_bind_text_empty(stmt, 5, except_dedup_key);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW)
		*count_r = (unsigned int)pgsql_col_int(stmt, 0);
	else {
		*error_r = pgsql_errstr(s, "outbox count");
		pgsql_stmt_done(stmt);
		return -1;
	}
	pgsql_stmt_done(stmt);
	return 0;
}

int pgsql_outbox_list(struct dondoc_store *store, pool_t pool,
		       int state,
		       ARRAY_TYPE(dondoc_outbox_mail) *mails,
		       const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_OUTBOX_LIST, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, state < 0 ? NULL : dondoc_outbox_state_name(state));
	return pgsql_stmt_rows(s, stmt, pool, row_to_outbox, mails,
			 "outbox list", error_r);
}
