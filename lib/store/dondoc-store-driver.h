/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_DRIVER_H
#define DONDOC_STORE_DRIVER_H

/* The statement driver each store backend provides, and the helpers the
   entity files (dondoc-store-tasks.c, ...) are written over once for
   both backends: a statement prepared once per connection, chosen by id
   (each backend's SQL text in its statement table, in its dialect),
   values bound by index, rows stepped, columns read. Trusts the backend
   for the SQL and its connection, the front end for argument bounds.
   Not for use outside lib/store/. */

#include "dondoc-store-private.h"

/* The statements both backends prepare (their SQL in
   dondoc-store-{sqlite,pgsql}-statements.c). The last ones have no
   SQLite text: only the PostgreSQL backend runs them. */
enum dondoc_store_stmt_id {
	STMT_AGENCY_ID,
	STMT_AGENCY_ADD,
	STMT_AGENCY_GET,
	STMT_AGENCY_LIST,
	STMT_ALIAS_ADD,
	STMT_ALIAS_AGENCY,
	STMT_ALIAS_LIST,
	STMT_ALIAS_LIST_AGENCY,
	STMT_PERSON_BY_EMAIL_ID,
	STMT_PERSON_BY_NAME,
	STMT_PERSON_ADD,
	STMT_PERSON_EMAIL_ADD,
	STMT_PERSON_ROLE_ADD,
	STMT_PERSON_GET_EMAIL,
	STMT_PERSON_LIST,
	STMT_PERSON_LIST_ROLE,
	STMT_TASK_ADD,
	STMT_TASK_BY_CODE,
	STMT_TASK_STATUS_BY_CODE,
	STMT_TASK_BY_PERIOD,
	STMT_TASK_BY_SOURCE,
	STMT_TASK_LIST,
	STMT_TASK_LIST_AGENCY,
	STMT_TASK_LIST_STATUS,
	STMT_TASK_LIST_AGENCY_STATUS,
	/* some statuses but not all: through the status indexes */
	STMT_TASK_LIST_STATUSES,
	STMT_TASK_LIST_AGENCY_STATUSES,
	/* every status, only the listing's columns: from one index */
	STMT_TASK_LIST_AGENCY_BRIEF,
	STMT_TASK_SET_STATUS,
	STMT_TASK_DUE_OPEN,
	STMT_TASK_BY_SENT_MSGID,
	STMT_OBLIGATION_LIST,
	STMT_CALENDAR_SET,
	STMT_CALENDAR_LIST,
	STMT_DATA_VERSION,
	STMT_SUBMISSION_ADD,
	STMT_SUBMISSION_BY_MSGID,
	STMT_SUBMISSION_LIST,
	STMT_SUBMISSION_SAME_DOC,
	STMT_SUBMISSION_ISSUE_ADD,
	STMT_OUTBOX_RECENT,
	STMT_OUTBOX_RECENT_NO_TASK,
	STMT_OUTBOX_ADD,
	STMT_OUTBOX_CLAIMABLE,
	STMT_OUTBOX_CLAIM,
	STMT_OUTBOX_TAKE_OVER,
	STMT_OUTBOX_LIVE_OWNERS,
	STMT_OUTBOX_LIVE_BY_OWNER,
	STMT_OUTBOX_BY_KEY,
	STMT_OUTBOX_STATE,
	STMT_OUTBOX_BEGIN_SEND,
	STMT_OUTBOX_RENEW,
	STMT_OUTBOX_SENT,
	STMT_OUTBOX_FAILED,
	STMT_OUTBOX_LIST,
	STMT_AUDIT_ADD,
	STMT_AUDIT_LIST,
	STMT_AUDIT_LIST_TASK,
	STMT_ATT_MEETING_ID,
	STMT_ATT_BY_AGENCY,
	STMT_ATT_UPDATE,
	STMT_ATT_ADD,
	STMT_ATT_LIST,
	STMT_ATT_BY_MESSAGE,
	STMT_ATT_CONSENT,
	STMT_MEETING_ADD,
	STMT_MEETING_LIST,
	STMT_MEETING_GET,
	STMT_MEETING_BY_NOTICE,
	STMT_MEETING_UPDATE,
	STMT_TASK_UPDATE,
	STMT_SUBMISSION_TO_ASSIGN,
	STMT_SUBMISSION_ASSIGN,

	STMT_DIGEST_TASKS,
	STMT_DIGEST_ASSIGNED,
	STMT_DIGEST_ISSUES,

	STMT_HEAD_ITEM_ADD,
	STMT_HEAD_PENDING,
	STMT_HEAD_DIGEST_ADD,
	STMT_HEAD_DIGEST_ASSIGN,
	STMT_HEAD_DIGEST_COUNT,
	STMT_HEAD_DIGEST_ITEMS,
	STMT_HEAD_ITEM_KNOWN,
	STMT_HEAD_DIGEST_PURGE,

	STMT_MARK_GET,
	STMT_MARK_PUT,

	/* PostgreSQL only */
	STMT_WRITE_LOCK,
	STMT_WRITE_LOCK_SHARED,
	STMT_KEY_LOCK,
	STMT_OUTBOX_PURGE,
	/* begin_send's read and update in one statement */
	STMT_OUTBOX_BEGIN_SEND_READ,
	/* the same-document check and the insert in one statement */
	STMT_SUBMISSION_ADD_UNLESS_SAME,

	STMT_COUNT
};

/* ds_step()'s answers */
#define DS_ROW 1
#define DS_DONE 0
#define DS_ERROR -1

/* A backend's prepared statement, as the driver's functions see it. */
struct dondoc_store_backend_stmt;

struct dondoc_store_driver {
	/* The statement, prepared on this connection (once: later calls
	   return the same one), ready for binding; NULL with error_r. */
	struct dondoc_store_backend_stmt *
		(*stmt_get)(struct dondoc_store *store,
			    enum dondoc_store_stmt_id id, const char **error_r);
	/* Optional: whether the backend has this statement; without it,
	   every one before STMT_WRITE_LOCK (the rest are PostgreSQL's). */
	bool (*stmt_exists)(enum dondoc_store_stmt_id id);
	void (*bind_null)(struct dondoc_store_backend_stmt *stmt, int idx);
	void (*bind_int64)(struct dondoc_store_backend_stmt *stmt, int idx,
			   int64_t value);
	/* value (not NULL) is not copied: it stays valid until reset */
	void (*bind_text)(struct dondoc_store_backend_stmt *stmt, int idx,
			  const char *value);
	/* bytes (a BLOB; PostgreSQL's bytea goes as hex text, which the
	   statement decodes), copied */
	void (*bind_blob)(struct dondoc_store_backend_stmt *stmt, int idx,
			  const void *data, size_t size);
	/* the first call executes: DS_ROW, DS_DONE or DS_ERROR */
	int (*step)(struct dondoc_store_backend_stmt *stmt);
	/* the rows and the bound values forgotten */
	void (*reset)(struct dondoc_store_backend_stmt *stmt);
	bool (*col_is_null)(struct dondoc_store_backend_stmt *stmt, int col);
	/* 0 for NULL; a boolean column is 0 or 1 */
	int64_t (*col_int64)(struct dondoc_store_backend_stmt *stmt, int col);
	/* NULL for NULL; valid until the next step or reset */
	const char *(*col_text)(struct dondoc_store_backend_stmt *stmt,
				int col);
	/* bytes read into pool: NULL (and 0) for NULL or none (the
	   statement encodes a bytea as hex on PostgreSQL) */
	const void *(*col_blob)(pool_t pool,
				struct dondoc_store_backend_stmt *stmt, int col,
				size_t *size_r);
	/* the rows the last INSERT/UPDATE/DELETE changed, the id of the
	   last row inserted */
	int (*changes)(struct dondoc_store *store);
	int64_t (*last_id)(struct dondoc_store *store);
	/* "<store>: <what>: <the backend's error>", the error counted */
	const char *(*errstr)(struct dondoc_store *store, const char *what);

	/* One write operation: a transaction of its own (BEGIN IMMEDIATE
	   on SQLite, the advisory write lock on PostgreSQL), or a
	   savepoint inside the caller's dondoc_store_begin(). */
	int (*write_begin)(struct dondoc_store *store, const char **error_r);
	/* Optional (else write_begin): a write operation each of whose
	   changes is conditional on the row it changes, as it is at that
	   moment (the outbox's claims and marks), so that it may run beside
	   other writers: on PostgreSQL the store's lock taken shared, so
	   that only what holds the whole store waits for it. */
	int (*write_begin_shared)(struct dondoc_store *store,
				  const char **error_r);
	/* Optional: run a statement inside a write operation whose answer
	   nobody waits for (an audit row); the backend may send it with
	   the next statement, and then its failure fails the transaction's
	   COMMIT. 0 sent (or done), -1 error_r. The statement is reset. */
	int (*exec_ahead)(struct dondoc_store_backend_stmt *stmt,
			  const char *what, const char **error_r);
	/* Optional: the open write operation's commit is followed by a
	   dondoc_store_sync() before anything else is sent (a begun send):
	   the backend may make that commit durable itself, so that the
	   sync finds nothing left to flush. */
	void (*write_durable)(struct dondoc_store *store);
	int (*write_commit)(struct dondoc_store *store, const char **error_r);
	void (*write_rollback)(struct dondoc_store *store);
	/* the caller's dondoc_store_begin() is open */
	bool (*in_user_txn)(struct dondoc_store *store);
	/* a report is about to read many rows at random: tune for it
	   (SQLite maps the file and keeps more pages; best effort) */
	void (*read_many)(struct dondoc_store *store);
	/* what errors call the store (no secrets) */
	const char *(*name)(struct dondoc_store *store);

	/* The sent journal (SQLite: a file next to the store; PostgreSQL:
	   rows of the audit log written without the write lock): a mail
	   sent whose mark failed, noted (0, or -1 when it cannot be), and
	   looked for before a send whose earlier attempt had begun. */
	int (*sent_journal_add)(struct dondoc_store *store, int64_t id,
				const char *message_id, const char **error_r);
	bool (*sent_journal_has)(struct dondoc_store *store, int64_t id,
				 const char *message_id);
};

/* A statement as the entity files hold it: the backend's, with the
   store it belongs to (one per statement id, in struct dondoc_store). */
struct dondoc_store_stmt {
	struct dondoc_store *store;
	struct dondoc_store_backend_stmt *b;
};

typedef void ds_row_func_t(pool_t pool, struct dondoc_store_stmt *stmt,
			   void *row_r);

#define DS_DRIVER(stmt) ((stmt)->store->v->driver)

struct dondoc_store_stmt *
ds_stmt_get(struct dondoc_store *store, enum dondoc_store_stmt_id id,
	    const char **error_r);

static inline int ds_step(struct dondoc_store_stmt *stmt)
{
	return DS_DRIVER(stmt)->step(stmt->b);
}
static inline void ds_stmt_done(struct dondoc_store_stmt *stmt)
{
	DS_DRIVER(stmt)->reset(stmt->b);
}
static inline void ds_bind_null(struct dondoc_store_stmt *stmt, int idx)
{
	DS_DRIVER(stmt)->bind_null(stmt->b, idx);
}
static inline void
ds_bind_int64(struct dondoc_store_stmt *stmt, int idx, int64_t value)
{
	DS_DRIVER(stmt)->bind_int64(stmt->b, idx, value);
}
/* NULL and "" bind NULL */
void ds_bind_text(struct dondoc_store_stmt *stmt, int idx, const char *value);
/* NULL binds "" */
void ds_bind_text_empty(struct dondoc_store_stmt *stmt, int idx,
			const char *value);
/* no date (year 0) binds NULL */
void ds_bind_date(struct dondoc_store_stmt *stmt, int idx,
		  const struct dondoc_date *date);
/* 0 binds NULL */
void ds_bind_id(struct dondoc_store_stmt *stmt, int idx, int64_t id);

static inline bool ds_col_is_null(struct dondoc_store_stmt *stmt, int col)
{
	return DS_DRIVER(stmt)->col_is_null(stmt->b, col);
}
static inline int64_t ds_col_int64(struct dondoc_store_stmt *stmt, int col)
{
	return DS_DRIVER(stmt)->col_int64(stmt->b, col);
}
static inline int ds_col_int(struct dondoc_store_stmt *stmt, int col)
{
	return (int)ds_col_int64(stmt, col);
}
static inline const char *ds_col_text(struct dondoc_store_stmt *stmt, int col)
{
	return DS_DRIVER(stmt)->col_text(stmt->b, col);
}
static inline void
ds_bind_blob(struct dondoc_store_stmt *stmt, int idx, const void *data,
	     size_t size)
{
	DS_DRIVER(stmt)->bind_blob(stmt->b, idx, data, size);
}
static inline const void *
ds_col_blob(pool_t pool, struct dondoc_store_stmt *stmt, int col,
	    size_t *size_r)
{
	return DS_DRIVER(stmt)->col_blob(pool, stmt->b, col, size_r);
}
/* the column copied into pool (NULL for NULL) */
const char *ds_col_str(pool_t pool, struct dondoc_store_stmt *stmt, int col);
/* NULL or not a date: zeroed */
void ds_col_date(struct dondoc_store_stmt *stmt, int col,
		 struct dondoc_date *date_r);

static inline int ds_changes(struct dondoc_store *store)
{
	return store->v->driver->changes(store);
}
static inline int64_t ds_last_id(struct dondoc_store *store)
{
	return store->v->driver->last_id(store);
}
static inline const char *ds_errstr(struct dondoc_store *store, const char *what)
{
	return store->v->driver->errstr(store, what);
}
static inline int ds_write_begin(struct dondoc_store *store, const char **error_r)
{
	if (store->v->driver->write_begin(store, error_r) < 0)
		return -1;
	store->write_depth++;
	return 0;
}
static inline int ds_write_begin_shared(struct dondoc_store *store,
					const char **error_r)
{
	const struct dondoc_store_driver *d = store->v->driver;
	int ret = d->write_begin_shared != NULL ?
		d->write_begin_shared(store, error_r) :
		d->write_begin(store, error_r);

	if (ret < 0)
		return -1;
	store->write_depth++;
	return 0;
}
/* The entity files' choice of a statement only some backend has. */
static inline bool ds_stmt_exists(struct dondoc_store *store,
				  enum dondoc_store_stmt_id id)
{
	const struct dondoc_store_driver *d = store->v->driver;

	return d->stmt_exists != NULL ? d->stmt_exists(id) :
		id < STMT_WRITE_LOCK;
}
/* inside a write operation: its commit is synced right after */
static inline void ds_write_durable(struct dondoc_store *store)
{
	i_assert(store->write_depth > 0);
	if (store->v->driver->write_durable != NULL)
		store->v->driver->write_durable(store);
}
static inline int ds_write_commit(struct dondoc_store *store, const char **error_r)
{
	i_assert(store->write_depth > 0);
	store->write_depth--;
	return store->v->driver->write_commit(store, error_r);
}
static inline void ds_write_rollback(struct dondoc_store *store)
{
	i_assert(store->write_depth > 0);
	store->write_depth--;
	store->v->driver->write_rollback(store);
}
/* inside a write operation or the caller's transaction: what is read
   may not be committed yet */
static inline bool ds_in_txn(struct dondoc_store *store)
{
	return store->write_depth > 0 || store->v->driver->in_user_txn(store);
}

/* A row converter for lookups of an id: column 0. */
void ds_row_id(pool_t pool, struct dondoc_store_stmt *stmt, int64_t *id_r);

/* A lookup of at most one row: 1 with the row converted into row_r, 0
   when there is none, -1 on error. The statement is reset. The row
   converter must take the type row_r points to. */
#define ds_stmt_one(stmt, pool, row, row_r, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, struct dondoc_store_stmt *, typeof(row_r))), \
	 ds_stmt_one_i(stmt, pool, (ds_row_func_t *)(row), row_r, what, \
		       error_r))
/* Every row appended to array: the number of rows, or -1 on error. The
   statement is reset. The row converter must take the array's element
   type. */
#define ds_stmt_rows(stmt, pool, row, array, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, struct dondoc_store_stmt *, \
			 typeof(*(array)->v_modifiable))), \
	 ds_stmt_rows_i(stmt, pool, (ds_row_func_t *)(row), &(array)->arr, \
			what, error_r))
int ds_stmt_one_i(struct dondoc_store_stmt *stmt, pool_t pool,
		  ds_row_func_t *row, void *row_r, const char *what,
		  const char **error_r);
int ds_stmt_rows_i(struct dondoc_store_stmt *stmt, pool_t pool,
		   ds_row_func_t *row, struct array *array, const char *what,
		   const char **error_r);
/* Run a statement whose rows are not wanted: 0 or -1. Reset. */
int ds_stmt_exec(struct dondoc_store_stmt *stmt, const char *what,
		 const char **error_r);
/* ds_stmt_exec() of a statement whose answer nobody waits for (the
   driver's exec_ahead when it has one) */
int ds_stmt_exec_ahead(struct dondoc_store_stmt *stmt, const char *what,
		       const char **error_r);

/* The audit row of a change, inside its write operation. */
int ds_audit(struct dondoc_store *store, const char *entity, const char *key,
	     const char *action, const char *old_value,
	     const char *new_value, const char **error_r);

/* ---- between the entity files ---- */

/* dondoc-store-people.c: an agency's id by its code: 1 with id_r, 0 no
   such agency, -1 error; _required: 0, or -1 for none too. */
int ds_agency_id(struct dondoc_store *store, const char *code,
		 int64_t *id_r, const char **error_r);
int ds_agency_id_required(struct dondoc_store *store, const char *code,
			  int64_t *id_r, const char **error_r);

/* dondoc-store-tasks.c: a task by its code (1, 0 none, -1 error) */
int ds_task_by_code(struct dondoc_store *store, pool_t pool,
		    const char *code, struct dondoc_task *task_r,
		    const char **error_r);
/* a task's id, status and code by its code (1, 0
   none, -1 error); the one place a task's status is written, inside a
   write operation (checked, conditional on from, audited). */
int ds_task_status_by_code(struct dondoc_store *store, const char *code,
			   int64_t *id_r, enum dondoc_task_status *status_r,
			   const char **code_r, const char **error_r);
int ds_task_set_status(struct dondoc_store *store, int64_t id,
		       const char *code, enum dondoc_task_status from,
		       enum dondoc_task_status to, const char *reason,
		       const char **error_r);

/* dondoc-store-submissions.c: what dondoc-store.c's front end calls,
   its arguments checked */
int ds_record_submission(struct dondoc_store *store,
			 const struct dondoc_submission *sub,
			 struct dondoc_submission_result *result_r,
			 const char **error_r);
int ds_submission_by_message_id(struct dondoc_store *store, pool_t pool,
				const char *message_id,
				struct dondoc_submission *sub_r,
				const char **error_r);
int ds_submission_list(struct dondoc_store *store, pool_t pool,
		       const char *task_code,
		       ARRAY_TYPE(dondoc_submission) *subs,
		       const char **error_r);
int ds_submission_same_document(struct dondoc_store *store, pool_t pool,
				const struct dondoc_submission *sub,
				bool verified_only,
				struct dondoc_submission *sub_r,
				const char **error_r);

/* dondoc-store-people.c: what the front end calls, its arguments checked */
int ds_agency_add(struct dondoc_store *store,
		  const struct dondoc_agency *agency, const char **error_r);
int ds_agency_get(struct dondoc_store *store, pool_t pool, const char *code,
		  struct dondoc_agency *agency_r, const char **error_r);
int ds_agency_list(struct dondoc_store *store, pool_t pool,
		   ARRAY_TYPE(dondoc_agency) *agencies, const char **error_r);
int ds_agency_alias_add(struct dondoc_store *store,
			const struct dondoc_agency_alias *alias,
			const char **error_r);
int ds_agency_alias_list(struct dondoc_store *store, pool_t pool,
			 const char *code,
			 ARRAY_TYPE(dondoc_agency_alias) *aliases,
			 const char **error_r);
int ds_agency_by_alias_key(struct dondoc_store *store, pool_t pool,
			   const char *key, const char **code_r,
			   const char **error_r);
int ds_person_add(struct dondoc_store *store,
		  const struct dondoc_person *person, int64_t *id_r,
		  const char **error_r);
int ds_person_by_email(struct dondoc_store *store, pool_t pool,
		       const char *email, struct dondoc_person *person_r,
		       const char **error_r);
int ds_person_list(struct dondoc_store *store, pool_t pool, const char *role,
		   ARRAY_TYPE(dondoc_person) *people, const char **error_r);

/* dondoc-store-meetings.c: what the front end calls, its arguments checked */
int ds_meeting_add(struct dondoc_store *store,
		   const struct dondoc_meeting *meeting, int64_t *id_r,
		   const char **error_r);
int ds_meeting_list(struct dondoc_store *store, pool_t pool,
		    ARRAY_TYPE(dondoc_meeting) *meetings,
		    const char **error_r);
int ds_meeting_get(struct dondoc_store *store, pool_t pool, const char *code,
		   struct dondoc_meeting *meeting_r, const char **error_r);
int ds_meeting_by_notice(struct dondoc_store *store, pool_t pool,
			 const char *symbol, const char *number,
			 struct dondoc_meeting *meeting_r,
			 const char **error_r);
int ds_meeting_update(struct dondoc_store *store,
		      const struct dondoc_meeting *meeting,
		      const char **error_r);
int ds_task_update(struct dondoc_store *store, const struct dondoc_task *task,
		   const char **error_r);
int ds_submission_assign(struct dondoc_store *store,
			 const struct dondoc_submission *sub,
			 struct dondoc_submission_result *result_r,
			 const char **error_r);

/* dondoc-store-attendance.c: what the front end calls, its arguments checked */
int ds_attendance_put(struct dondoc_store *store,
		      const struct dondoc_meeting_attendance *att,
		      const char **error_r);
int ds_attendance_list(struct dondoc_store *store, pool_t pool,
		       const char *meeting,
		       ARRAY_TYPE(dondoc_meeting_attendance) *rows,
		       const char **error_r);
int ds_attendance_by_message(struct dondoc_store *store, pool_t pool,
			     const char *message_id,
			     struct dondoc_meeting_attendance *att_r,
			     const char **error_r);
int ds_attendance_consent(struct dondoc_store *store, int64_t id,
			  time_t consent_at, const char *consent_message_id,
			  const char **error_r);

/* dondoc-store-calendar.c: what the front end calls, its arguments checked */
int ds_calendar_set(struct dondoc_store *store, const struct dondoc_date *date,
		    enum dondoc_day_kind kind, const char *reason,
		    const char **error_r);
int ds_calendar_fill(struct dondoc_store *store, struct dondoc_calendar *cal,
		     const char **error_r);
int ds_data_version(struct dondoc_store *store, int64_t *version_r,
		    const char **error_r);

/* dondoc-store-digest.c: what the front end calls, its arguments checked */
int ds_digest_tasks(struct dondoc_store *store, pool_t pool,
		    const struct dondoc_date *first,
		    const struct dondoc_date *last, const char *agency,
		    ARRAY_TYPE(dondoc_store_digest_task) *tasks,
		    const char **error_r);
int ds_digest_assigned(struct dondoc_store *store, pool_t pool, time_t from,
		       time_t until, const char *agency,
		       ARRAY_TYPE(dondoc_store_digest_task) *tasks,
		       const char **error_r);
int ds_digest_issues(struct dondoc_store *store, pool_t pool, time_t from,
		     time_t until, const char *agency,
		     ARRAY_TYPE(dondoc_store_digest_issue) *issues,
		     const char **error_r);

/* dondoc-store-head-digest.c: what the front end calls, its arguments checked */
int ds_head_item_add(struct dondoc_store *store,
		     const struct dondoc_head_item *item,
		     const char **error_r);
int ds_head_item_known(struct dondoc_store *store, const char *dedup_key,
		       const char **error_r);
int ds_head_pending_recipients(struct dondoc_store *store, pool_t pool,
			       ARRAY_TYPE(const_string) *rcpts,
			       const char **error_r);
int ds_head_digest_take(struct dondoc_store *store, pool_t pool,
			const char *period, const char *recipient,
			ARRAY_TYPE(dondoc_head_item) *items_r,
			const char **error_r);

/* dondoc-store-outbox.c: the outbox's operations inside a write
   operation the caller opened (dondoc-store-outbox-step.c runs several in
   one), their arguments checked; each as its dondoc_store_outbox_*()
   without the transaction, and an answer of 0 has written nothing. */
/* the front end's checks: an owner 1..DONDOC_OUTBOX_MAX_OWNER bytes, a
   lease 1..DONDOC_OUTBOX_MAX_LEASE_SECS; an SMTP reply as bounded
   printable ASCII */
int ds_outbox_check_owner(const char *owner, const char **error_r);
int ds_outbox_check_lease(unsigned int lease_secs, const char **error_r);
/* a claim's: 1..10000 mails, owner and lease as above; *retry_secs
   capped at DONDOC_OUTBOX_MAX_RETRY_SECS */
int ds_outbox_check_claim(unsigned int max, const char *owner,
			  unsigned int lease_secs, unsigned int *retry_secs,
			  const char **error_r);
const char *ds_outbox_printable(const char *text, size_t max);
/* an outbox row as OUTBOX_SELECT's columns give it */
void ds_outbox_row(pool_t pool, struct dondoc_store_stmt *stmt,
		   struct dondoc_outbox_mail *mail_r);
/* owner_gone (may be NULL): live claims of other owners it says are
   gone count as claimable (dondoc_outbox_owner_gone_t); those owners
   (at most 64 are asked) are appended to gone_r, for ds_outbox_claim(),
   so that a poll asks them once */
int ds_outbox_any_claimable(struct dondoc_store *store, time_t now,
			    unsigned int retry_secs, int64_t after_id,
			    const char *owner,
			    dondoc_outbox_owner_gone_t *owner_gone,
			    ARRAY_TYPE(const_string) *gone_r,
			    const char **error_r);
/* gone_owners (may be NULL): as ds_outbox_any_claimable() found them;
   their live claims are taken too, each on the condition that its owner
   still holds it */
int ds_outbox_claim(struct dondoc_store *store, pool_t pool,
		    unsigned int max, const char *owner,
		    unsigned int lease_secs, unsigned int retry_secs,
		    int64_t after_id, time_t now,
		    const ARRAY_TYPE(const_string) *gone_owners,
		    ARRAY_TYPE(dondoc_outbox_mail) *mails,
		    const char **error_r);
int ds_outbox_begin_send(struct dondoc_store *store, int64_t id,
			 const char *owner, unsigned int lease_secs,
			 time_t now, bool *resend_r, const char **error_r);
int ds_outbox_renew(struct dondoc_store *store, const char *owner,
		    unsigned int lease_secs, time_t now, bool ahead,
		    const char **error_r);
int ds_outbox_mark_sent(struct dondoc_store *store, int64_t id,
			const char *smtp_reply, time_t now,
			const char **error_r);
int ds_outbox_mark_failed(struct dondoc_store *store, int64_t id,
			  const char *owner, const char *reason,
			  unsigned int max_attempts, const char **error_r);

/* inside the retention's write operation: the items' originals of
   digests built before `before`; the number purged, or -1 */
int ds_head_digest_purge(struct dondoc_store *store, time_t before,
			 const char **error_r);

/* the sqlite and pgsql drivers */
extern const struct dondoc_store_driver dondoc_store_sqlite_driver;
#ifdef DONDOC_HAVE_PGSQL
extern const struct dondoc_store_driver dondoc_store_pgsql_driver;
#endif

#endif
