/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: the outbox of automatic mail: queued once per dedup
   key, claimed by an owner for a lease, checked and renewed right before
   each send, marked sent (by anyone: the mail is out) or failed with
   backoff (by its owner only). Every change is conditional on the state
   it was read in, inside BEGIN IMMEDIATE. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* The sent journal, "<store>.sent-journal": one line "<id> <Message-ID>"
   per mail that was sent but could not be marked sent (the store busy or
   failing at that moment). Written only then, synced; read only before
   a send whose earlier attempt had begun, to mark it sent instead of
   sending it again. Bounded: past OUTBOX_JOURNAL_MAX it is not written
   (the mail may then be sent twice, logged). */
#define OUTBOX_JOURNAL_SUFFIX ".sent-journal"
#define OUTBOX_JOURNAL_MAX (1024 * 1024)

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
		strcmp(state, "claimed") == 0 ? DONDOC_OUTBOX_CLAIMED :
		strcmp(state, "sent") == 0 ? DONDOC_OUTBOX_SENT :
		strcmp(state, "failed") == 0 ? DONDOC_OUTBOX_FAILED :
		DONDOC_OUTBOX_QUEUED;
	mail_r->attempts = sqlite3_column_int(stmt, 8);
	mail_r->created_at = (time_t)sqlite3_column_int64(stmt, 9);
	mail_r->claimed_at = (time_t)sqlite3_column_int64(stmt, 10);
	mail_r->sent_at = (time_t)sqlite3_column_int64(stmt, 11);
	mail_r->last_error = sqlite_col_str(pool, stmt, 12);
	mail_r->owner = sqlite_col_str(pool, stmt, 13);
	mail_r->lease_until = (time_t)sqlite3_column_int64(stmt, 14);
	mail_r->send_started_at = (time_t)sqlite3_column_int64(stmt, 15);
	mail_r->smtp_reply = sqlite_col_str(pool, stmt, 16);
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
		ret = ds_task_status_by_code(&s->store, mail->task_code, &task_id,
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
	claimed = mail->state == DONDOC_OUTBOX_CLAIMED;
	sqlite_bind_text(stmt, 8, claimed ? "claimed" : "queued");
	(void)sqlite3_bind_int64(stmt, 9, claimed ? 1 : 0);
	(void)sqlite3_bind_int64(stmt, 10, claimed ? (sqlite3_int64)time(NULL) : 0);
	sqlite_bind_text(stmt, 11, claimed ? mail->owner : NULL);
	(void)sqlite3_bind_int64(stmt, 12, claimed ? mail->lease_until : 0);
	if (sqlite_stmt_exec(s, stmt, "outbox queue", error_r) < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		sqlite_write_rollback(s);
		return 0;
	}
	id = sqlite3_last_insert_rowid(s->db);
	if (sqlite_audit(s, "outbox", mail->dedup_key, "queue", NULL,
		  claimed ? "claimed" : "queued", error_r) < 0)
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
		 unsigned int retry_secs, int64_t after_id,
		 const char **error_r)
{
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_CLAIMABLE, error_r)) == NULL)
		return NULL;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)now);
	(void)sqlite3_bind_int64(stmt, 2, max);
	(void)sqlite3_bind_int64(stmt, 3, retry_secs);
	(void)sqlite3_bind_int64(stmt, 4, (sqlite3_int64)now);
	(void)sqlite3_bind_int64(stmt, 5, DONDOC_OUTBOX_MAX_RETRY_SECS);
	(void)sqlite3_bind_int64(stmt, 6, after_id);
	return stmt;
}

/* Anything to claim? A read, so that a sender polling an empty outbox
   never takes the write lock. */
static int outbox_any_claimable(struct sqlite_store *s, time_t now,
				unsigned int retry_secs, int64_t after_id,
				const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if (s->in_user_txn)
		return 1;
	stmt = outbox_claimable(s, now, 1, retry_secs, after_id, error_r);
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

/* Claim one mail read as claimable; 0 when another connection took it
   between the read and the write (cannot happen under BEGIN IMMEDIATE,
   but the update says so rather than assume). */
static int outbox_claim_one(struct sqlite_store *s,
			    struct dondoc_outbox_mail *mail, const char *owner,
			    time_t now, unsigned int lease_secs,
			    const char **error_r)
{
	const char *old_state = dondoc_outbox_state_name(mail->state);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_CLAIM, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, mail->id);
	(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)now);
	sqlite_bind_text(stmt, 3, owner);
	(void)sqlite3_bind_int64(stmt, 4, (sqlite3_int64)(now + lease_secs));
	if (sqlite_stmt_exec(s, stmt, "outbox claim", error_r) < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	/* A claim taken over from an owner whose lease ran out says so. */
	if (sqlite_audit(s, "outbox", mail->dedup_key,
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

int sqlite_outbox_claim(struct dondoc_store *store, pool_t pool,
			unsigned int max, const char *owner,
			unsigned int lease_secs, unsigned int retry_secs,
			int64_t after_id,
			ARRAY_TYPE(dondoc_outbox_mail) *mails,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	time_t now = time(NULL);
	unsigned int first = array_count(mails), i;
	struct dondoc_outbox_mail *mail;
	int ret;

	if ((ret = outbox_any_claimable(s, now, retry_secs, after_id,
					error_r)) <= 0)
		return ret;
	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	stmt = outbox_claimable(s, now, max, retry_secs, after_id,
				error_r);
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
	if (sqlite_write_commit(s, error_r) < 0)
		goto fail_committed;
	return array_count(mails) - first;
fail:
	sqlite_write_rollback(s);
fail_committed:
	array_delete(mails, first, array_count(mails) - first);
	return -1;
}

int sqlite_outbox_claim_key(struct dondoc_store *store, pool_t pool,
			    const char *dedup_key, const char *owner,
			    unsigned int lease_secs,
			    struct dondoc_outbox_mail *mail_r,
			    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	time_t now = time(NULL);
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_BY_KEY, error_r)) == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, dedup_key);
	ret = sqlite_stmt_one(s, stmt, pool, row_to_outbox, mail_r,
			      "outbox by key", error_r);
	if (ret < 0)
		goto fail;
	if (ret == 0 || mail_r->state == DONDOC_OUTBOX_SENT ||
	    mail_r->state == DONDOC_OUTBOX_FAILED ||
	    (mail_r->state == DONDOC_OUTBOX_CLAIMED &&
	     mail_r->lease_until >= now)) {
		sqlite_write_rollback(s);
		return 0;
	}
	ret = outbox_claim_one(s, mail_r, owner, now, lease_secs, error_r);
	if (ret < 0)
		goto fail;
	if (ret == 0) {
		sqlite_write_rollback(s);
		return 0;
	}
	mail_r->owner = p_strdup(pool, owner);
	return sqlite_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_outbox_note_sent(struct dondoc_store *store, int64_t id,
			    const char *message_id, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *path = t_strconcat(s->path, OUTBOX_JOURNAL_SUFFIX, NULL);
	const char *line = t_strdup_printf("%lld %s\n", (long long)id,
					   message_id);
	struct stat st;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
	if (fd < 0) {
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		*error_r = t_strdup_printf("fstat(%s) failed: %m", path);
		ret = -1;
	} else if (st.st_size + (off_t)strlen(line) > OUTBOX_JOURNAL_MAX) {
		*error_r = t_strdup_printf("%s is full (%d bytes)", path,
					   OUTBOX_JOURNAL_MAX);
		ret = -1;
	} else if (write(fd, line, strlen(line)) != (ssize_t)strlen(line) ||
		   fdatasync(fd) < 0) {
		*error_r = t_strdup_printf("write(%s) failed: %m", path);
		ret = -1;
	}
	i_close_fd(&fd);
	return ret;
}

/* Is "<id> <message_id>" a line of the sent journal? */
static bool outbox_journal_has(struct sqlite_store *s, int64_t id,
			       const char *message_id)
{
	const char *path = t_strconcat(s->path, OUTBOX_JOURNAL_SUFFIX, NULL);
	const char *line = t_strdup_printf("%lld %s\n", (long long)id,
					   message_id);
	size_t len = strlen(line);
	char *buf, *p;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return FALSE;
	buf = t_malloc0(OUTBOX_JOURNAL_MAX + 2);
	buf[0] = '\n';
	n = read(fd, buf + 1, OUTBOX_JOURNAL_MAX);
	i_close_fd(&fd);
	if (n <= 0)
		return FALSE;
	for (p = buf; (p = strstr(p, line)) != NULL; p++) {
		if (p > buf && p[-1] == '\n')
			return TRUE;
		if ((size_t)(p - buf) + len > (size_t)n + 1)
			break;
	}
	return FALSE;
}

int sqlite_outbox_begin_send(struct dondoc_store *store, int64_t id,
			     const char *owner, unsigned int lease_secs,
			     bool *resend_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	time_t now = time(NULL), started;
	const char *key, *msgid;
	int ret;

	*resend_r = FALSE;
	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_STATE, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	ret = sqlite3_step(stmt);
	if (ret != SQLITE_ROW) {
		if (ret != SQLITE_DONE)
			*error_r = sqlite_errstr(s, "outbox begin send");
		else
			*error_r = t_strdup_printf("outbox mail %lld does not "
						   "exist", (long long)id);
		sqlite_stmt_done(stmt);
		goto fail;
	}
	started = (time_t)sqlite3_column_int64(stmt, 3);
	key = t_strdup((const char *)sqlite3_column_text(stmt, 4));
	msgid = t_strdup((const char *)sqlite3_column_text(stmt, 5));
	sqlite_stmt_done(stmt);

	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_BEGIN_SEND, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	sqlite_bind_text(stmt, 2, owner);
	(void)sqlite3_bind_int64(stmt, 3, (sqlite3_int64)(now + lease_secs));
	(void)sqlite3_bind_int64(stmt, 4, (sqlite3_int64)now);
	if (sqlite_stmt_exec(s, stmt, "outbox begin send", error_r) < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		/* Not ours any more (lease ran out and taken, or sent). */
		sqlite_write_rollback(s);
		return 0;
	}
	if (started != 0 && msgid != NULL &&
	    outbox_journal_has(s, id, msgid)) {
		/* Sent before, its mark failed: mark it, send nothing. */
		if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_SENT,
					    error_r)) == NULL)
			goto fail;
		(void)sqlite3_bind_int64(stmt, 1, id);
		(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)now);
		sqlite_bind_text(stmt, 3, "sent before (the sent journal)");
		if (sqlite_stmt_exec(s, stmt, "outbox sent", error_r) < 0 ||
		    sqlite_audit(s, "outbox", key, "sent (found in the sent "
				 "journal: not sent again)", "claimed", "sent",
				 error_r) < 0)
			goto fail;
		return sqlite_write_commit(s, error_r) < 0 ? -1 : 2;
	}
	if (started != 0) {
		*resend_r = TRUE;
		if (sqlite_audit(s, "outbox", key, "resend (the outcome of the "
				 "attempt begun before is unknown)", NULL,
				 owner, error_r) < 0)
			goto fail;
	}
	return sqlite_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_outbox_renew(struct dondoc_store *store, const char *owner,
			unsigned int lease_secs, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	time_t now = time(NULL);
	int count;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_RENEW, error_r)) == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, owner);
	(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)(now + lease_secs));
	(void)sqlite3_bind_int64(stmt, 3, (sqlite3_int64)now);
	if (sqlite_stmt_exec(s, stmt, "outbox renew", error_r) < 0)
		goto fail;
	count = sqlite3_changes(s->db);
	return sqlite_write_commit(s, error_r) < 0 ? -1 : count;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_outbox_mark_sent(struct dondoc_store *store, int64_t id,
			    const char *smtp_reply, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *key = t_strdup_printf("%lld", (long long)id);
	sqlite3_stmt *stmt;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_SENT, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)time(NULL));
	sqlite_bind_text(stmt, 3, smtp_reply);
	if (sqlite_stmt_exec(s, stmt, "outbox sent", error_r) < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		/* Marked sent before: this send was a second one. */
		if (sqlite_audit(s, "outbox", key, "sent again", "sent",
				 "sent", error_r) < 0)
			goto fail;
		return sqlite_write_commit(s, error_r) < 0 ? -1 : 0;
	}
	if (sqlite_audit(s, "outbox", key, "sent", "claimed", "sent",
			 error_r) < 0)
		goto fail;
	return sqlite_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_outbox_mark_failed(struct dondoc_store *store, int64_t id,
			      const char *owner, const char *reason,
			      unsigned int max_attempts,
			      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	const char *new_state = NULL;
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_FAILED, error_r)) == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	(void)sqlite3_bind_int64(stmt, 2, max_attempts);
	sqlite_bind_text(stmt, 3, reason);
	sqlite_bind_text(stmt, 4, owner);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		new_state = t_strdup((const char *)sqlite3_column_text(stmt, 0));
		ret = sqlite3_step(stmt);
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "outbox failed");
		sqlite_stmt_done(stmt);
		goto fail;
	}
	sqlite_stmt_done(stmt);
	if (new_state == NULL) {
		/* The claim was lost meanwhile: its new owner decides. */
		sqlite_write_rollback(s);
		return 0;
	}
	if (sqlite_audit(s, "outbox", t_strdup_printf("%lld", (long long)id),
			 t_strdup_printf("failed: %s", reason), "claimed",
			 new_state, error_r) < 0)
		goto fail;
	return sqlite_write_commit(s, error_r) < 0 ? -1 : 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_outbox_count_recent(struct dondoc_store *store,
			       enum dondoc_outbox_kind kind,
			       const char *recipient, const char *task_code,
			       time_t since, const char *except_dedup_key,
			       unsigned int *count_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status status;
	sqlite3_stmt *stmt;
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
	if ((stmt = sqlite_stmt_get(s, STMT_OUTBOX_RECENT, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, dondoc_outbox_kind_name(kind));
	sqlite_bind_text_empty(stmt, 2, recipient);
	sqlite_bind_id(stmt, 3, task_id);
	(void)sqlite3_bind_int64(stmt, 4, (sqlite3_int64)since);
	sqlite_bind_text_empty(stmt, 5, except_dedup_key);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW)
		*count_r = (unsigned int)sqlite3_column_int(stmt, 0);
	else {
		*error_r = sqlite_errstr(s, "outbox count");
		sqlite_stmt_done(stmt);
		return -1;
	}
	sqlite_stmt_done(stmt);
	return 0;
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
