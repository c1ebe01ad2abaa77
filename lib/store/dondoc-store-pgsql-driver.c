/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The PostgreSQL backend's statement driver (dondoc-store-driver.h)
   over its prepared statements (dondoc-store-pgsql-exec.c) and write
   transactions (dondoc-store-pgsql.c): what the entity files written
   once for both backends run on. Each call is the pgsql_* helper the
   backend's own files use, so a statement costs the same round trips.
   Trusts the entity files to bind what each statement's SQL expects. */

#include "lib.h"
#include "buffer.h"
#include "hex-binary.h"
#include "dondoc-store-pgsql-private.h"
#include "dondoc-store-driver.h"

#define PGSQL_BSTMT(b) ((struct pgsql_stmt *)(b))

static struct dondoc_store_backend_stmt *
pgsql_drv_stmt_get(struct dondoc_store *store, enum dondoc_store_stmt_id id,
		   const char **error_r)
{
	return (struct dondoc_store_backend_stmt *)
		pgsql_stmt_get(PGSQL_STORE(store), id, error_r);
}

static bool pgsql_drv_stmt_exists(enum dondoc_store_stmt_id id)
{
	return pgsql_stmt_text[id] != NULL;
}

static void pgsql_drv_bind_null(struct dondoc_store_backend_stmt *b, int idx)
{
	pgsql_bind_null(PGSQL_BSTMT(b), idx);
}

static void pgsql_drv_bind_int64(struct dondoc_store_backend_stmt *b,
				 int idx, int64_t value)
{
	pgsql_bind_int64(PGSQL_BSTMT(b), idx, value);
}

static void pgsql_drv_bind_text(struct dondoc_store_backend_stmt *b, int idx,
				const char *value)
{
	/* as given, "" too */
	pgsql_bind_text_empty(PGSQL_BSTMT(b), idx, value);
}

/* bytea as hex text: the parameters are text (the statement decodes);
   none (size 0) is NULL */
static void pgsql_drv_bind_blob(struct dondoc_store_backend_stmt *b, int idx,
				const void *data, size_t size)
{
	pgsql_bind_text(PGSQL_BSTMT(b), idx, binary_to_hex(data, size));
}

static int pgsql_drv_step(struct dondoc_store_backend_stmt *b)
{
	switch (pgsql_step(PGSQL_BSTMT(b))) {
	case PGSQL_ROW:
		return DS_ROW;
	case PGSQL_DONE:
		return DS_DONE;
	default:
		return DS_ERROR;
	}
}

static int pgsql_drv_exec_ahead(struct dondoc_store_backend_stmt *b,
				const char *what, const char **error_r)
{
	struct pgsql_stmt *stmt = PGSQL_BSTMT(b);

	return pgsql_stmt_exec_ahead(stmt->s, stmt, what, error_r);
}

static void pgsql_drv_reset(struct dondoc_store_backend_stmt *b)
{
	pgsql_stmt_done(PGSQL_BSTMT(b));
}

static bool pgsql_drv_col_is_null(struct dondoc_store_backend_stmt *b,
				  int col)
{
	return pgsql_col_is_null(PGSQL_BSTMT(b), col);
}

static int64_t pgsql_drv_col_int64(struct dondoc_store_backend_stmt *b,
				   int col)
{
	return pgsql_col_int64(PGSQL_BSTMT(b), col);
}

static const char *pgsql_drv_col_text(struct dondoc_store_backend_stmt *b,
				      int col)
{
	return pgsql_col_text(PGSQL_BSTMT(b), col);
}

static const void *
pgsql_drv_col_blob(pool_t pool, struct dondoc_store_backend_stmt *b, int col,
		   size_t *size_r)
{
	const char *hex = pgsql_col_text(PGSQL_BSTMT(b), col);
	buffer_t *buf;

	*size_r = 0;
	if (hex == NULL || hex[0] == '\0')
		return NULL;
	buf = buffer_create_dynamic(pool, strlen(hex) / 2);
	if (hex_to_binary(hex, buf) < 0 || buf->used == 0)
		return NULL;
	*size_r = buf->used;
	return buf->data;
}

static int pgsql_drv_changes(struct dondoc_store *store)
{
	return pgsql_changes(PGSQL_STORE(store));
}

static int64_t pgsql_drv_last_id(struct dondoc_store *store)
{
	return pgsql_last_id(PGSQL_STORE(store));
}

static const char *pgsql_drv_errstr(struct dondoc_store *store,
				    const char *what)
{
	return pgsql_errstr(PGSQL_STORE(store), what);
}

static int pgsql_drv_write_begin(struct dondoc_store *store,
				 const char **error_r)
{
	return pgsql_write_begin(PGSQL_STORE(store), FALSE, error_r);
}

static int pgsql_drv_write_begin_shared(struct dondoc_store *store,
					const char **error_r)
{
	return pgsql_write_begin(PGSQL_STORE(store), TRUE, error_r);
}

static void pgsql_drv_write_durable(struct dondoc_store *store)
{
	pgsql_write_durable(PGSQL_STORE(store));
}

static int pgsql_drv_write_commit(struct dondoc_store *store,
				  const char **error_r)
{
	return pgsql_write_commit(PGSQL_STORE(store), error_r);
}

static void pgsql_drv_write_rollback(struct dondoc_store *store)
{
	pgsql_write_rollback(PGSQL_STORE(store));
}

static void pgsql_drv_read_many(struct dondoc_store *store ATTR_UNUSED)
{
}

static const char *pgsql_drv_name(struct dondoc_store *store)
{
	return PGSQL_STORE(store)->path;
}

static bool pgsql_drv_in_user_txn(struct dondoc_store *store)
{
	return PGSQL_STORE(store)->in_user_txn;
}

const struct dondoc_store_driver dondoc_store_pgsql_driver = {
	.stmt_get = pgsql_drv_stmt_get,
	.stmt_exists = pgsql_drv_stmt_exists,
	.bind_null = pgsql_drv_bind_null,
	.bind_int64 = pgsql_drv_bind_int64,
	.bind_text = pgsql_drv_bind_text,
	.bind_blob = pgsql_drv_bind_blob,
	.step = pgsql_drv_step,
	.reset = pgsql_drv_reset,
	.col_is_null = pgsql_drv_col_is_null,
	.col_int64 = pgsql_drv_col_int64,
	.col_text = pgsql_drv_col_text,
	.col_blob = pgsql_drv_col_blob,
	.changes = pgsql_drv_changes,
	.last_id = pgsql_drv_last_id,
	.errstr = pgsql_drv_errstr,
	.write_begin = pgsql_drv_write_begin,
	.write_begin_shared = pgsql_drv_write_begin_shared,
	.write_durable = pgsql_drv_write_durable,
	.write_commit = pgsql_drv_write_commit,
	.write_rollback = pgsql_drv_write_rollback,
	.exec_ahead = pgsql_drv_exec_ahead,
	.in_user_txn = pgsql_drv_in_user_txn,
	.name = pgsql_drv_name,
	.read_many = pgsql_drv_read_many,
	.sent_journal_add = pgsql_sent_journal_add,
	.sent_journal_has = pgsql_sent_journal_has,
};
