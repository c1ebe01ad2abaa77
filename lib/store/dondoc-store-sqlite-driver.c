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

static void sqlite_drv_bind_blob(struct dondoc_store_backend_stmt *b, int idx,
				 const void *data, size_t size)
{
	(void)sqlite3_bind_blob(SQLITE_BSTMT(b), idx, data, (int)size,
				SQLITE_TRANSIENT);
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

static const void *
sqlite_drv_col_blob(pool_t pool, struct dondoc_store_backend_stmt *b, int col,
		    size_t *size_r)
{
	sqlite3_stmt *stmt = SQLITE_BSTMT(b);
	int len = sqlite3_column_bytes(stmt, col);

	*size_r = 0;
	if (sqlite3_column_type(stmt, col) != SQLITE_BLOB || len <= 0)
		return NULL;
	*size_r = len;
	return p_memdup(pool, sqlite3_column_blob(stmt, col), len);
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

/* A report reads tens of thousands of rows at random: map the file
   (read-only use of the memory; SQLite still writes with write()) and
   keep more pages than a delivery needs. Best effort. */
#define DIGEST_MMAP_SIZE "268435456"
#define DIGEST_CACHE_KIB "-65536"

static void sqlite_drv_read_many(struct dondoc_store *store)
{
	(void)sqlite3_exec(SQLITE_STORE(store)->db,
			   "PRAGMA mmap_size = " DIGEST_MMAP_SIZE
			   "; PRAGMA cache_size = " DIGEST_CACHE_KIB,
			   NULL, NULL, NULL);
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
	.bind_blob = sqlite_drv_bind_blob,
	.step = sqlite_drv_step,
	.reset = sqlite_drv_reset,
	.col_is_null = sqlite_drv_col_is_null,
	.col_int64 = sqlite_drv_col_int64,
	.col_text = sqlite_drv_col_text,
	.col_blob = sqlite_drv_col_blob,
	.changes = sqlite_drv_changes,
	.last_id = sqlite_drv_last_id,
	.errstr = sqlite_drv_errstr,
	.write_begin = sqlite_drv_write_begin,
	.write_commit = sqlite_drv_write_commit,
	.write_rollback = sqlite_drv_write_rollback,
	.in_user_txn = sqlite_drv_in_user_txn,
	.name = sqlite_drv_name,
	.read_many = sqlite_drv_read_many,
	.sent_journal_add = sqlite_sent_journal_add,
	.sent_journal_has = sqlite_sent_journal_has,
};
