/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite backend's statement driver (dondoc-store-driver.h) over its
   statement cache and write transactions (dondoc-store-sqlite.c): what
   the entity files written once for both backends run on. Trusts the
   entity files to bind what each statement's SQL text expects. */

#include "lib.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-driver.h"

#define SQLITE_BSTMT(b) ((sqlite3_stmt *)(b))

static struct dondoc_store_backend_stmt *
sqlite_drv_stmt_get(struct dondoc_store *store, enum dondoc_store_stmt_id id,
		    const char **error_r)
{
	return (struct dondoc_store_backend_stmt *)
		sqlite_stmt_get(SQLITE_STORE(store), id, error_r);
}

static void sqlite_drv_bind_null(struct dondoc_store_backend_stmt *b, int idx)
{
	(void)sqlite3_bind_null(SQLITE_BSTMT(b), idx);
}

static void sqlite_drv_bind_int64(struct dondoc_store_backend_stmt *b,
				  int idx, int64_t value)
{
	(void)sqlite3_bind_int64(SQLITE_BSTMT(b), idx, (sqlite3_int64)value);
}

static void sqlite_drv_bind_text(struct dondoc_store_backend_stmt *b, int idx,
				 const char *value)
{
	(void)sqlite3_bind_text(SQLITE_BSTMT(b), idx, value, -1,
				SQLITE_STATIC);
}

static int sqlite_drv_step(struct dondoc_store_backend_stmt *b)
{
	switch (sqlite3_step(SQLITE_BSTMT(b))) {
	case SQLITE_ROW:
		return DS_ROW;
	case SQLITE_DONE:
		return DS_DONE;
	default:
		return DS_ERROR;
	}
}

static void sqlite_drv_reset(struct dondoc_store_backend_stmt *b)
{
	sqlite_stmt_done(SQLITE_BSTMT(b));
}

static bool sqlite_drv_col_is_null(struct dondoc_store_backend_stmt *b,
				   int col)
{
	return sqlite3_column_type(SQLITE_BSTMT(b), col) == SQLITE_NULL;
}

static int64_t sqlite_drv_col_int64(struct dondoc_store_backend_stmt *b,
				    int col)
{
	return sqlite3_column_int64(SQLITE_BSTMT(b), col);
}

static const char *sqlite_drv_col_text(struct dondoc_store_backend_stmt *b,
				       int col)
{
	return (const char *)sqlite3_column_text(SQLITE_BSTMT(b), col);
}

static int sqlite_drv_changes(struct dondoc_store *store)
{
	return sqlite3_changes(SQLITE_STORE(store)->db);
}

static int64_t sqlite_drv_last_id(struct dondoc_store *store)
{
	return sqlite3_last_insert_rowid(SQLITE_STORE(store)->db);
}

static const char *sqlite_drv_errstr(struct dondoc_store *store,
				     const char *what)
{
	return sqlite_errstr(SQLITE_STORE(store), what);
}

static int sqlite_drv_write_begin(struct dondoc_store *store,
				  const char **error_r)
{
	return sqlite_write_begin(SQLITE_STORE(store), error_r);
}

static int sqlite_drv_write_commit(struct dondoc_store *store,
				   const char **error_r)
{
	return sqlite_write_commit(SQLITE_STORE(store), error_r);
}

static void sqlite_drv_write_rollback(struct dondoc_store *store)
{
	sqlite_write_rollback(SQLITE_STORE(store));
}

static const char *sqlite_drv_name(struct dondoc_store *store)
{
	return SQLITE_STORE(store)->path;
}

static bool sqlite_drv_in_user_txn(struct dondoc_store *store)
{
	return SQLITE_STORE(store)->in_user_txn;
}

const struct dondoc_store_driver dondoc_store_sqlite_driver = {
	.stmt_get = sqlite_drv_stmt_get,
	.bind_null = sqlite_drv_bind_null,
	.bind_int64 = sqlite_drv_bind_int64,
	.bind_text = sqlite_drv_bind_text,
	.step = sqlite_drv_step,
	.reset = sqlite_drv_reset,
	.col_is_null = sqlite_drv_col_is_null,
	.col_int64 = sqlite_drv_col_int64,
	.col_text = sqlite_drv_col_text,
	.changes = sqlite_drv_changes,
	.last_id = sqlite_drv_last_id,
	.errstr = sqlite_drv_errstr,
	.write_begin = sqlite_drv_write_begin,
	.write_commit = sqlite_drv_write_commit,
	.write_rollback = sqlite_drv_write_rollback,
	.in_user_txn = sqlite_drv_in_user_txn,
	.name = sqlite_drv_name,
	.sent_journal_add = sqlite_sent_journal_add,
	.sent_journal_has = sqlite_sent_journal_has,
};
