/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: the outbox of automatic mail: queued once per dedup
   key, claimed, marked sent or failed with backoff. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"

/* ---- outbox ---- */

static void row_to_outbox(pool_t pool, sqlite3_stmt *stmt,
			  struct dondoc_outbox_mail *mail_r)
{
	const char *kind, *state;

	i_zero(mail_r);
	mail_r->id = sqlite3_column_int64(stmt, 0);
	kind = (const char *)sqlite3_column_text(stmt, 1);
	mail_r->kind = kind == NULL ? DONDOC_OUTBOX_CONFIRM :
		strcmp(kind, "escalate") == 0 ? DONDOC_OUTBOX_ESCALATE :
		strcmp(kind, "reminder") == 0 ? DONDOC_OUTBOX_REMINDER :
		strcmp(kind, "notice") == 0 ? DONDOC_OUTBOX_NOTICE :
		DONDOC_OUTBOX_CONFIRM;
	mail_r->task_code = sqlite_col_str(pool, stmt, 2);
	mail_r->recipient = sqlite_col_str(pool, stmt, 3);
	mail_r->message_id = sqlite_col_str(pool, stmt, 4);
	mail_r->dedup_key = sqlite_col_str(pool, stmt, 5);
	mail_r->data = sqlite_col_str(pool, stmt, 6);
	state = (const char *)sqlite3_column_text(stmt, 7);
	mail_r->state = state == NULL ? DONDOC_OUTBOX_QUEUED :
		strcmp(state, "sending") == 0 ? DONDOC_OUTBOX_SENDING :
		strcmp(state, "sent") == 0 ? DONDOC_OUTBOX_SENT :
		strcmp(state, "failed") == 0 ? DONDOC_OUTBOX_FAILED :
		DONDOC_OUTBOX_QUEUED;
	mail_r->attempts = sqlite3_column_int(stmt, 8);
	mail_r->created_at = (time_t)sqlite3_column_int64(stmt, 9);
	mail_r->claimed_at = (time_t)sqlite3_column_int64(stmt, 10);
	mail_r->sent_at = (time_t)sqlite3_column_int64(stmt, 11);
	mail_r->last_error = sqlite_col_str(pool, stmt, 12);
}

int sqlite_outbox_queue(struct dondoc_store *store,
			const struct dondoc_outbox_mail *mail,
			int64_t *id_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status status;
	sqlite3_stmt *stmt;
	const char *code;
	int64_t task_id = 0, id;
	bool claimed;
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (mail->task_code != NULL) {
		ret = sqlite_task_status_by_code(s, mail->task_code, &task_id,
					  &status, &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   mail->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_ADD, error_r)) == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, dondoc_outbox_kind_name(mail->kind));
	sqlite_bind_id(stmt, 2, task_id);
	sqlite_bind_text(stmt, 3, mail->recipient);
	sqlite_bind_text(stmt, 4, mail->message_id);
	sqlite_bind_text(stmt, 5, mail->dedup_key);
	sqlite_bind_text(stmt, 6, mail->data);
	(void)sqlite3_bind_int64(stmt, 7, (sqlite3_int64)time(NULL));
	/* Queued for any sender, or claimed at once by a caller that sends
	   it right away (a stale claim is taken over by outbox claim). */
	claimed = mail->state == DONDOC_OUTBOX_SENDING;
	sqlite_bind_text(stmt, 8, claimed ? "sending" : "queued");
	(void)sqlite3_bind_int64(stmt, 9, claimed ? 1 : 0);
	(void)sqlite3_bind_int64(stmt, 10, claimed ? (sqlite3_int64)time(NULL) : 0);
	if (sqlite_stmt_exec(s, stmt, "outbox queue", error_r) < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		sqlite_write_rollback(s);
		return 0;
	}
	id = sqlite3_last_insert_rowid(s->db);
	if (sqlite_audit(s, "outbox", mail->dedup_key, "queue", NULL,
		  claimed ? "sending" : "queued", error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	if (id_r != NULL)
		*id_r = id;
	return 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

static sqlite3_stmt *
outbox_claimable(struct sqlite_store *s, time_t now, unsigned int max,
		 unsigned int stale_secs, unsigned int retry_secs,
		 const char **error_r)
{
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_CLAIMABLE, error_r)) == NULL)
		return NULL;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)(now - stale_secs));
	(void)sqlite3_bind_int64(stmt, 2, max);
	(void)sqlite3_bind_int64(stmt, 3, retry_secs);
	(void)sqlite3_bind_int64(stmt, 4, (sqlite3_int64)now);
	(void)sqlite3_bind_int64(stmt, 5, DONDOC_OUTBOX_MAX_RETRY_SECS);
	return stmt;
}

/* Anything to claim? A read, so that a sender polling an empty outbox
   never takes the write lock. */
static int outbox_any_claimable(struct sqlite_store *s, time_t now,
				unsigned int stale_secs,
				unsigned int retry_secs, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if (s->in_user_txn)
		return 1;
	stmt = outbox_claimable(s, now, 1, stale_secs, retry_secs, error_r);
	if (stmt == NULL)
		return -1;
	ret = sqlite3_step(stmt);
	sqlite_stmt_done(stmt);
	if (ret == SQLITE_ROW)
		return 1;
	if (ret == SQLITE_DONE)
		return 0;
	*error_r = sqlite_errstr(s, "outbox claim");
	return -1;
}

int sqlite_outbox_claim(struct dondoc_store *store, pool_t pool,
			unsigned int max, unsigned int stale_secs,
			unsigned int retry_secs,
			ARRAY_TYPE(dondoc_outbox_mail) *mails,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	time_t now = time(NULL);
	unsigned int first = array_count(mails), i;
	struct dondoc_outbox_mail *mail;
	int ret;

	if ((ret = outbox_any_claimable(s, now, stale_secs, retry_secs,
					error_r)) <= 0)
		return ret;
	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	stmt = outbox_claimable(s, now, max, stale_secs, retry_secs, error_r);
	if (stmt == NULL)
		goto fail;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW)
		row_to_outbox(pool, stmt, array_append_space(mails));
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "outbox claim");
		sqlite_stmt_done(stmt);
		goto fail;
	}
	sqlite_stmt_done(stmt);
	for (i = first; i < array_count(mails); i++) {
		mail = array_idx_modifiable(mails, i);
		if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_CLAIM, error_r)) == NULL)
			goto fail;
		(void)sqlite3_bind_int64(stmt, 1, mail->id);
		(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)now);
		if (sqlite_stmt_exec(s, stmt, "outbox claim", error_r) < 0 ||
		    sqlite_audit(s, "outbox", mail->dedup_key, "claim",
			  dondoc_outbox_state_name(mail->state), "sending",
			  error_r) < 0)
			goto fail;
		mail->state = DONDOC_OUTBOX_SENDING;
		mail->attempts++;
		mail->claimed_at = now;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		goto fail_committed;
	return array_count(mails) - first;
fail:
	sqlite_write_rollback(s);
fail_committed:
	array_delete(mails, first, array_count(mails) - first);
	return -1;
}

static int outbox_update(struct sqlite_store *s, int64_t id,
			 enum stmt_id stmt_id, int64_t arg2, const char *arg3,
			 const char **error_r)
{
	sqlite3_stmt *stmt;
	const char *new_state = "sent";
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, stmt_id, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	(void)sqlite3_bind_int64(stmt, 2, arg2);
	if (stmt_id == STMT_OUTBOX_FAILED)
		sqlite_bind_text(stmt, 3, arg3);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		new_state = t_strdup((const char *)sqlite3_column_text(stmt, 0));
		ret = sqlite3_step(stmt);
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "outbox update");
		sqlite_stmt_done(stmt);
		goto fail;
	}
	sqlite_stmt_done(stmt);
	if (sqlite3_changes(s->db) != 1) {
		*error_r = t_strdup_printf("outbox mail %lld is not being sent "
					   "(not claimed)", (long long)id);
		goto fail;
	}
	if (sqlite_audit(s, "outbox", t_strdup_printf("%lld", (long long)id),
		  arg3 == NULL ? "sent" : t_strdup_printf("failed: %s", arg3),
		  "sending", new_state, error_r) < 0)
		goto fail;
	return sqlite_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_outbox_mark_sent(struct dondoc_store *store, int64_t id,
			    const char **error_r)
{
	return outbox_update(SQLITE_STORE(store), id, STMT_OUTBOX_SENT,
			     (int64_t)time(NULL), NULL, error_r);
}

int sqlite_outbox_mark_failed(struct dondoc_store *store, int64_t id,
			      const char *reason,
			      unsigned int max_attempts,
			      const char **error_r)
{
	return outbox_update(SQLITE_STORE(store), id, STMT_OUTBOX_FAILED,
			     max_attempts, reason == NULL ? "unknown" : reason,
			     error_r);
}
int sqlite_outbox_list(struct dondoc_store *store, pool_t pool,
		       int state,
		       ARRAY_TYPE(dondoc_outbox_mail) *mails,
		       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_LIST, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, state < 0 ? NULL : dondoc_outbox_state_name(state));
	return sqlite_stmt_rows(s, stmt, pool, row_to_outbox, mails,
			 "outbox list", error_r);
}
