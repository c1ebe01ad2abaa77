/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_PGSQL_PRIVATE_H
#define DONDOC_STORE_PGSQL_PRIVATE_H

/* Shared by the files of the PostgreSQL backend (dondoc-store-pgsql*.c):
   the connection, the statement ids and the helpers that bind, execute
   and audit. The helpers keep the shape of the SQLite backend's (bind by
   index, step through rows) so each entity's logic reads the same in
   both; underneath, every statement is a server-side prepared statement
   (prepared once per connection, executed with text parameters, every
   answer awaited within the busy timeout).
   Not for use outside lib/store/. */

#include "dondoc-store-driver.h"
#include "dondoc-store-lock.h"

#include <libpq-fe.h>

/* the SQL of each statement (dondoc-store-pgsql-statements.c) */
extern const char *const pgsql_stmt_text[STMT_COUNT];

/* the most parameters any statement takes */
#define PGSQL_MAX_PARAMS 24

/* the most statements sent ahead before their answers are read */
#define PGSQL_MAX_QUEUED 64

/* pgsql_step()'s answers, as sqlite3_step()'s */
#define PGSQL_ROW 100
#define PGSQL_DONE 101
#define PGSQL_ERROR 1

struct pgsql_store;

/* One prepared statement's parameters and current result. */
struct pgsql_stmt {
	struct pgsql_store *s;
	/* constant SQL, its server-side name and parameter count */
	const char *sql;
	char name[16];
	int nparams;
	/* prepared on this connection */
	bool prepared;
	const char *values[PGSQL_MAX_PARAMS];
	/* integers bound, formatted here (values[] points into it) */
	char ints[PGSQL_MAX_PARAMS][24];
	PGresult *res;
	int row, nrows;
};

struct pgsql_store {
	struct dondoc_store store;

	PGconn *conn;
	/* the conninfo as given (may hold a password: never logged) */
	char *conninfo;
	/* what errors call it: database, host and schema, no secrets */
	char *path;
	struct dondoc_store_settings set;
	/* the caller's dondoc_store_begin() is open */
	bool in_user_txn;
	/* a BEGIN was sent and neither COMMIT nor ROLLBACK since: no
	   reconnect or retry may happen until it ends */
	bool in_txn;
	unsigned int savepoint_depth;
	/* in_txn, and all that was sent of it is its BEGIN, its lock and
	   savepoints, with no answer read: nothing of it can have been
	   done, so on a connection found broken it is begun again on a new
	   one (pgsql_txn_restart()) */
	bool txn_unanswered;
	/* the connection was dropped for want of an answer in time: what
	   it was sent may have been done, and waiting again doubles the
	   wait */
	bool timed_out;
	/* statements sent ahead in pipeline mode (savepoints, audit rows)
	   whose answers are read with the next statement that needs one,
	   or at COMMIT; at most PGSQL_MAX_QUEUED */
	unsigned int queued;
	/* one of them failed: the transaction is lost, its COMMIT fails
	   (no ROLLBACK TO SAVEPOINT may revive it) */
	bool queued_failed;
	/* the advisory lock key of this store (its schema) */
	char lock_key[24];
	/* the open transaction holds the store's lock shared, not alone:
	   with txn_keys, each key's lock alone (dondoc_store_begin_keys());
	   without, only conditional changes (write_begin_shared). Sent
	   again by pgsql_txn_restart(). */
	bool txn_shared;
	unsigned int txn_key_count;
	char *txn_keys[DONDOC_STORE_MAX_TXN_KEYS];
	struct pgsql_stmt stmts[STMT_COUNT];
	/* the statements of rarer operations (meetings, reports), keyed by
	   their SQL text's address: prepared once per connection too */
	ARRAY(struct pgsql_stmt *) adhoc;
	/* the last statement's row count (INSERT/UPDATE/DELETE) and the
	   first column of its first row (INSERT ... RETURNING id) */
	int last_changes;
	int64_t last_id;
	/* dondoc db copy: the table whose insert is prepared (dc_TABLE) */
	const void *copy_table;
	/* with relaxed_sync: the open transaction commits synchronously
	   (write_durable: a sync follows it) */
	bool txn_durable;
	/* nothing was sent since a synchronous commit succeeded (the sync's
	   own, or a durable transaction's): a sync now has nothing to
	   flush. Cleared by every transaction begun and every statement
	   answered outside one (pgsql_answer()). */
	bool synced;
	/* the last error: worth retrying later (connection, lock or
	   statement timeout, serialization) */
	bool last_error_temporary;
	char *last_error;
};

#define PGSQL_STORE(s) ((struct pgsql_store *)(s))

typedef void pgsql_row_func_t(pool_t pool, struct pgsql_stmt *stmt,
			      void *row_r);

/* The row converter must take the type row_r points to. */
#define pgsql_stmt_one(s, stmt, pool, row, row_r, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, struct pgsql_stmt *, typeof(row_r))), \
	 pgsql_stmt_one_i(s, stmt, pool, (pgsql_row_func_t *)(row), row_r, \
			  what, error_r))
/* The row converter must take the array's element type. */
#define pgsql_stmt_rows(s, stmt, pool, row, array, what, error_r) \
	((void)COMPILE_ERROR_IF_TYPES_NOT_COMPATIBLE(&(row), \
		void (*)(pool_t, struct pgsql_stmt *, \
			 typeof(*(array)->v_modifiable))), \
	 pgsql_stmt_rows_i(s, stmt, pool, (pgsql_row_func_t *)(row), \
			   &(array)->arr, what, error_r))

/* dondoc-store-pgsql-exec.c */
const char *pgsql_errstr(struct pgsql_store *s, const char *what);
void pgsql_note_result(struct pgsql_store *s, const PGresult *res);
struct pgsql_stmt *pgsql_stmt_get(struct pgsql_store *s,
				  enum dondoc_store_stmt_id id, const char **error_r);
/* sql must be a constant (its address is the key) */
struct pgsql_stmt *pgsql_stmt_sql(struct pgsql_store *s, const char *sql,
				  const char **error_r);
/* Prepared on this connection now, if it was not (nothing may be
   queued): for a statement sent ahead, which is sent by name only. A
   connection found broken outside a transaction is replaced first. */
int pgsql_stmt_prepare(struct pgsql_stmt *stmt, const char **error_r);
void pgsql_stmts_init(struct pgsql_store *s);
void pgsql_stmts_free(struct pgsql_store *s);
int pgsql_step(struct pgsql_stmt *stmt);
void pgsql_stmt_done(struct pgsql_stmt *stmt);
void pgsql_bind_text(struct pgsql_stmt *stmt, int idx, const char *value);
void pgsql_bind_text_empty(struct pgsql_stmt *stmt, int idx,
			   const char *value);
void pgsql_bind_null(struct pgsql_stmt *stmt, int idx);
void pgsql_bind_date(struct pgsql_stmt *stmt, int idx,
		     const struct dondoc_date *date);
void pgsql_bind_id(struct pgsql_stmt *stmt, int idx, int64_t id);
void pgsql_bind_int64(struct pgsql_stmt *stmt, int idx, int64_t value);
void pgsql_bind_int(struct pgsql_stmt *stmt, int idx, int value);
const char *pgsql_col_text(struct pgsql_stmt *stmt, int col);
bool pgsql_col_is_null(struct pgsql_stmt *stmt, int col);
int64_t pgsql_col_int64(struct pgsql_stmt *stmt, int col);
int pgsql_col_int(struct pgsql_stmt *stmt, int col);
const char *pgsql_col_str(pool_t pool, struct pgsql_stmt *stmt, int col);
void pgsql_col_date(struct pgsql_stmt *stmt, int col,
		    struct dondoc_date *date_r);
int pgsql_changes(struct pgsql_store *s);
int64_t pgsql_last_id(struct pgsql_store *s);
int pgsql_stmt_one_i(struct pgsql_store *s, struct pgsql_stmt *stmt,
		     pool_t pool, pgsql_row_func_t *row, void *row_r,
		     const char *what, const char **error_r);
int pgsql_stmt_rows_i(struct pgsql_store *s, struct pgsql_stmt *stmt,
		      pool_t pool, pgsql_row_func_t *row, struct array *array,
		      const char *what, const char **error_r);
int pgsql_stmt_exec(struct pgsql_store *s, struct pgsql_stmt *stmt,
		    const char *what, const char **error_r);
/* A statement without parameters, outside the cache (BEGIN, migrations). */
int pgsql_exec_sql(struct pgsql_store *s, const char *sql,
		   const char **error_r);
/* Inside a transaction, send a statement whose answer nobody waits
   for (a savepoint, an audit row) ahead: it travels with the next
   statement that needs an answer, or with the COMMIT, and its failure
   fails that COMMIT. Elsewhere (or unprepared) it is run at once. */
int pgsql_stmt_exec_ahead(struct pgsql_store *s, struct pgsql_stmt *stmt,
			  const char *what, const char **error_r);
/* Connect again and send the open transaction's BEGIN, lock and
   savepoints anew (only while txn_unanswered): 0, or -1 with the
   connection's error noted. */
int pgsql_txn_restart(struct pgsql_store *s);
int pgsql_exec_sql_ahead(struct pgsql_store *s, const char *sql,
			 const char **error_r);
/* dondoc-store-pgsql-pipeline.c: sync the pipeline and read every
   answer, the last statement's into *res_r (when not NULL); -1 when one
   sent ahead failed or the answers were out of order */
int pgsql_pipeline_finish(struct pgsql_store *s, PGresult **res_r);
/* the connection dropped: the answers cannot be trusted */
void pgsql_pipeline_lost(struct pgsql_store *s, const char *why);
void pgsql_set_error(struct pgsql_store *s, const char *msg, bool temporary);
/* Read the answers of what was sent ahead: 0 all succeeded (or none
   was queued), -1 one failed (error_r; the transaction is lost). */
int pgsql_pipeline_drain(struct pgsql_store *s, const char **error_r);
/* COMMIT; -1 also when the server rolled back a failed transaction */
int pgsql_exec_commit(struct pgsql_store *s, const char **error_r);
/* Reconnect a broken connection when no transaction is open: 0 usable,
   -1 not (error_r). */
int pgsql_ensure_connected(struct pgsql_store *s, const char **error_r);
int pgsql_connect(struct pgsql_store *s, const char **error_r);
/* Every wait for an answer ends by a deadline, the busy timeout from
   now; past it the connection is dropped (error noted, temporary) so
   the caller spools its work and the next use reconnects. */
void pgsql_deadline(struct pgsql_store *s, struct timeval *deadline_r);
/* PQgetResult() within the deadline; NULL also when the connection
   was dropped (s->conn is NULL then) */
PGresult *pgsql_get_result(struct pgsql_store *s,
			   const struct timeval *deadline);
/* The answer to what was just sent (sent: the PQsend*() return), as
   PQexec() but within the busy timeout; NULL when nothing came (noted) */
PGresult *pgsql_answer(struct pgsql_store *s, int sent);

/* dondoc-store-pgsql.c */
/* shared: the store's lock taken shared (write_begin_shared) */
int pgsql_write_begin(struct pgsql_store *s, bool shared,
		      const char **error_r);
void pgsql_write_durable(struct pgsql_store *s);
int pgsql_write_commit(struct pgsql_store *s, const char **error_r);
void pgsql_write_rollback(struct pgsql_store *s);
int pgsql_audit(struct pgsql_store *s, const char *entity, const char *key,
		const char *action, const char *old_value,
		const char *new_value, const char **error_r);
/* dondoc-store-pgsql-sent-journal.c: the driver's sent journal */
int pgsql_sent_journal_add(struct dondoc_store *store, int64_t id,
			   const char *message_id, const char **error_r);
bool pgsql_sent_journal_has(struct dondoc_store *store, int64_t id,
			    const char *message_id);
/* dondoc-store-pgsql-backup.c */
bool pgsql_error_is_temporary(struct dondoc_store *store);
int pgsql_backup(struct dondoc_store *store, const char *dest_path,
		 const char **error_r);
int pgsql_outbox_purge(struct dondoc_store *store, time_t before,
		       unsigned int *count_r, const char **error_r);
int pgsql_audit_add(struct dondoc_store *store, const char *entity,
		    const char *key, const char *action,
		    const char *old_value, const char *new_value,
		    const char **error_r);
int pgsql_audit_list(struct dondoc_store *store, pool_t pool,
		     const char *entity, const char *entity_key,
		     ARRAY_TYPE(dondoc_audit_entry) *entries,
		     const char **error_r);

/* dondoc-store-pgsql-copy.c */
int pgsql_copy_count(struct dondoc_store *store,
		     const struct dondoc_store_copy_table *table,
		     bool only_own, int64_t *count_r, const char **error_r);
int pgsql_copy_rows(struct dondoc_store *store,
		    const struct dondoc_store_copy_table *table,
		    dondoc_store_copy_row_callback_t *callback,
		    void *context, const char **error_r);
int pgsql_copy_insert(struct dondoc_store *store,
		      const struct dondoc_store_copy_table *table,
		      const char *const *values, const char **error_r);
int pgsql_copy_finish(struct dondoc_store *store,
		      const struct dondoc_store_copy_table *table,
		      const char **error_r);

#endif
