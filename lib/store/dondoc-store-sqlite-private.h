/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_SQLITE_PRIVATE_H
#define DONDOC_STORE_SQLITE_PRIVATE_H

/* Shared by the files of the SQLite backend (dondoc-store-sqlite*.c):
   the connection, the statement ids and the helpers that bind, step and
   audit. Not for use outside lib/store/. */

#include "dondoc-store-driver.h"

#include <sqlite3.h>

/* the SQL of each statement (dondoc-store-sqlite-statements.c) */
extern const char *const sqlite_stmt_sql[STMT_COUNT];

/* the write transactions' own statements (dondoc-store-sqlite-txn.c) */
enum sqlite_txn_stmt {
	SQLITE_TXN_BEGIN,
	SQLITE_TXN_COMMIT,
	SQLITE_TXN_ROLLBACK,
	SQLITE_TXN_SAVEPOINT,
	SQLITE_TXN_RELEASE,
	SQLITE_TXN_ROLLBACK_TO,

	SQLITE_TXN_COUNT
};

struct sqlite_store {
	struct dondoc_store store;

	sqlite3 *db;
	char *path;
	struct dondoc_store_settings set;
	/* the caller's dondoc_store_begin() is open */
	bool in_user_txn;
	unsigned int savepoint_depth;
	sqlite3_stmt *stmts[STMT_COUNT];
	sqlite3_stmt *txn_stmts[SQLITE_TXN_COUNT];
	/* the last error was SQLITE_BUSY/LOCKED: worth retrying later */
	bool last_error_temporary;
	/* the file opened as a dondoc store: from now on SQLITE_CORRUPT and
	   SQLITE_NOTADB mean damage (dondoc-store-sqlite-health.c) */
	bool opened;
	/* found damaged: every write refused */
	bool corrupt;
	/* when the current wait for the lock began (sqlite_busy_wait) */
	struct timeval busy_start;
	/* dondoc db copy's insert statement, and the table it is for */
	sqlite3_stmt *copy_stmt;
	const void *copy_table;
};

#define SQLITE_STORE(s) ((struct sqlite_store *)(s))

typedef void stmt_row_func_t(pool_t pool, sqlite3_stmt *stmt, void *row_r);

/* The row converter must take the type row_r points to. */
#define sqlite_stmt_one(s, stmt, pool, row, row_r, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, sqlite3_stmt *, typeof(row_r))), \
	 sqlite_stmt_one_i(s, stmt, pool, (stmt_row_func_t *)(row), row_r, what, \
		    error_r))

/* Every row of a query appended to array: the number of rows, or -1 on
   error. The statement is reset. */

/* The row converter must take the array's element type. */
#define sqlite_stmt_rows(s, stmt, pool, row, array, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, sqlite3_stmt *, typeof(*(array)->v_modifiable))), \
	 sqlite_stmt_rows_i(s, stmt, pool, (stmt_row_func_t *)(row), &(array)->arr, \
		     what, error_r))


const char *sqlite_errstr(struct sqlite_store *s, const char *what);
sqlite3_stmt *sqlite_stmt_get(struct sqlite_store *s, enum dondoc_store_stmt_id id, const char **error_r);
void sqlite_stmt_done(sqlite3_stmt *stmt);
void sqlite_bind_text(sqlite3_stmt *stmt, int idx, const char *value);
void sqlite_bind_text_empty(sqlite3_stmt *stmt, int idx, const char *value);
void sqlite_bind_date(sqlite3_stmt *stmt, int idx,
		      const struct dondoc_date *date);
void sqlite_bind_id(sqlite3_stmt *stmt, int idx, int64_t id);
const char *sqlite_col_str(pool_t pool, sqlite3_stmt *stmt, int col);
void sqlite_col_date(sqlite3_stmt *stmt, int col, struct dondoc_date *date_r);
int sqlite_stmt_one_i(struct sqlite_store *s, sqlite3_stmt *stmt, pool_t pool,
		      stmt_row_func_t *row, void *row_r, const char *what,
		      const char **error_r);
int sqlite_stmt_rows_i(struct sqlite_store *s, sqlite3_stmt *stmt,
		       pool_t pool, stmt_row_func_t *row, struct array *array,
		       const char *what, const char **error_r);
int sqlite_stmt_exec(struct sqlite_store *s, sqlite3_stmt *stmt,
		     const char *what, const char **error_r);
/* dondoc-store-sqlite-health.c */
void sqlite_health_note_error(struct sqlite_store *s, int code);
void sqlite_health_open_failed(struct sqlite_store *s);
int sqlite_health_open(struct sqlite_store *s, bool new_file,
		       const char **error_r);
/* dondoc-store-sqlite-backup.c */
void sqlite_note_error(struct sqlite_store *s);
bool sqlite_error_is_temporary(struct dondoc_store *store);
int sqlite_backup(struct dondoc_store *store, const char *dest_path,
		  const char **error_r);
int sqlite_outbox_purge(struct dondoc_store *store, time_t before,
			unsigned int *count_r, const char **error_r);
int sqlite_audit_add(struct dondoc_store *store, const char *entity,
		     const char *key, const char *action,
		     const char *old_value, const char *new_value,
		     const char **error_r);
/* dondoc-store-sqlite-txn.c */
int sqlite_busy_wait(void *context, int count);
int sqlite_txn_begin_immediate(struct sqlite_store *s, const char **error_r);
void sqlite_txn_free(struct sqlite_store *s);
int sqlite_begin(struct dondoc_store *store, const char **error_r);
int sqlite_commit(struct dondoc_store *store, const char **error_r);
void sqlite_rollback(struct dondoc_store *store);
int sqlite_write_begin(struct sqlite_store *s, const char **error_r);
int sqlite_write_commit(struct sqlite_store *s, const char **error_r);
void sqlite_write_rollback(struct sqlite_store *s);
int sqlite_audit(struct sqlite_store *s, const char *entity, const char *key,
		 const char *action, const char *old_value,
		 const char *new_value, const char **error_r);
/* dondoc-store-sqlite-sent-journal.c (the driver's sent journal) */
int sqlite_sent_journal_add(struct dondoc_store *store, int64_t id,
			    const char *message_id, const char **error_r);
bool sqlite_sent_journal_has(struct dondoc_store *store, int64_t id,
			     const char *message_id);
/* dondoc-store-sqlite-copy.c */
int sqlite_copy_count(struct dondoc_store *store,
		      const struct dondoc_store_copy_table *table,
		      bool only_own, int64_t *count_r, const char **error_r);
int sqlite_copy_rows(struct dondoc_store *store,
		     const struct dondoc_store_copy_table *table,
		     dondoc_store_copy_row_callback_t *callback,
		     void *context, const char **error_r);
int sqlite_copy_insert(struct dondoc_store *store,
		       const struct dondoc_store_copy_table *table,
		       const char *const *values, const char **error_r);
int sqlite_copy_finish(struct dondoc_store *store,
		       const struct dondoc_store_copy_table *table,
		       const char **error_r);

#endif
