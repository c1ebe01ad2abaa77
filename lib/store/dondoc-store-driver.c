/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The helpers the entity files share over a backend's statement driver
   (dondoc-store-driver.h): binding the store's value shapes (empty text
   as NULL, dates, ids), reading columns into a pool, running a statement
   for one row, every row or none, and the audit row. Trusts the driver
   for the statement and its connection. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-driver.h"

struct dondoc_store_stmt *
ds_stmt_get(struct dondoc_store *store, enum dondoc_store_stmt_id id,
	    const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	i_assert(id < STMT_COUNT);
	if (store->stmts == NULL)
		store->stmts = i_new(struct dondoc_store_stmt, STMT_COUNT);
	stmt = &store->stmts[id];
	stmt->store = store;
	stmt->b = store->v->driver->stmt_get(store, id, error_r);
	return stmt->b == NULL ? NULL : stmt;
}

void ds_bind_text(struct dondoc_store_stmt *stmt, int idx, const char *value)
{
	if (value == NULL || value[0] == '\0')
		ds_bind_null(stmt, idx);
	else
		DS_DRIVER(stmt)->bind_text(stmt->b, idx, value);
}

void ds_bind_text_empty(struct dondoc_store_stmt *stmt, int idx,
			const char *value)
{
	DS_DRIVER(stmt)->bind_text(stmt->b, idx, value == NULL ? "" : value);
}

void ds_bind_date(struct dondoc_store_stmt *stmt, int idx,
		  const struct dondoc_date *date)
{
	/* on the data stack: valid until the caller's statement is run */
	if (date->year == 0)
		ds_bind_null(stmt, idx);
	else
		DS_DRIVER(stmt)->bind_text(stmt->b, idx,
					   dondoc_date_to_str(date));
}

void ds_bind_id(struct dondoc_store_stmt *stmt, int idx, int64_t id)
{
	if (id == 0)
		ds_bind_null(stmt, idx);
	else
		ds_bind_int64(stmt, idx, id);
}

const char *ds_col_str(pool_t pool, struct dondoc_store_stmt *stmt, int col)
{
	const char *text = ds_col_text(stmt, col);

	return text == NULL ? NULL : p_strdup(pool, text);
}

void ds_col_date(struct dondoc_store_stmt *stmt, int col,
		 struct dondoc_date *date_r)
{
	const char *text = ds_col_text(stmt, col);

	if (text == NULL || !dondoc_date_parse(text, date_r))
		i_zero(date_r);
}

void ds_row_id(pool_t pool ATTR_UNUSED, struct dondoc_store_stmt *stmt,
	       int64_t *id_r)
{
	*id_r = ds_col_int64(stmt, 0);
}

int ds_stmt_one_i(struct dondoc_store_stmt *stmt, pool_t pool,
		  ds_row_func_t *row, void *row_r, const char *what,
		  const char **error_r)
{
	int ret = ds_step(stmt);

	if (ret == DS_ROW) {
		row(pool, stmt, row_r);
		ret = 1;
	} else if (ret == DS_DONE) {
		ret = 0;
	} else {
		*error_r = ds_errstr(stmt->store, what);
		ret = -1;
	}
	ds_stmt_done(stmt);
	return ret;
}

int ds_stmt_rows_i(struct dondoc_store_stmt *stmt, pool_t pool,
		   ds_row_func_t *row, struct array *array, const char *what,
		   const char **error_r)
{
	int ret, count = 0;

	while ((ret = ds_step(stmt)) == DS_ROW) {
		row(pool, stmt, array_append_space_i(array));
		count++;
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(stmt->store, what);
		count = -1;
	}
	ds_stmt_done(stmt);
	return count;
}

int ds_stmt_exec(struct dondoc_store_stmt *stmt, const char *what,
		 const char **error_r)
{
	int ret = ds_step(stmt);

	if (ret == DS_ERROR)
		*error_r = ds_errstr(stmt->store, what);
	ds_stmt_done(stmt);
	return ret == DS_ERROR ? -1 : 0;
}

int ds_stmt_exec_ahead(struct dondoc_store_stmt *stmt, const char *what,
		       const char **error_r)
{
	if (DS_DRIVER(stmt)->exec_ahead == NULL)
		return ds_stmt_exec(stmt, what, error_r);
	return DS_DRIVER(stmt)->exec_ahead(stmt->b, what, error_r);
}

int ds_audit(struct dondoc_store *store, const char *entity, const char *key,
	     const char *action, const char *old_value,
	     const char *new_value, const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_AUDIT_ADD, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, (int64_t)time(NULL));
	ds_bind_text(stmt, 2, store->actor);
	ds_bind_text_empty(stmt, 3, entity);
	ds_bind_text_empty(stmt, 4, key);
	ds_bind_text_empty(stmt, 5, action);
	ds_bind_text(stmt, 6, old_value);
	ds_bind_text(stmt, 7, new_value);
	return ds_stmt_exec_ahead(stmt, "audit", error_r);
}
