/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend of dondoc db copy (dondoc-store-copy.h): counting,
   reading and inserting the rows of a table named by the copy's constant
   table list. The SQL is put together from those constant names only;
   every value is bound. */

#include "lib.h"
#include "str.h"
#include "buffer.h"
#include "hex-binary.h"
#include "dondoc-store-sqlite-private.h"

static const char *copy_columns(const struct dondoc_store_copy_table *t,
				bool reading)
{
	string_t *str = t_str_new(256);
	unsigned int i;

	for (i = t->append && !reading ? 1 : 0; i < t->column_count; i++) {
		if (str_len(str) > 0)
			str_append(str, ", ");
		if (reading && (int)i == t->blob_column) {
			str_printfa(str, "CASE WHEN %s IS NULL THEN NULL ELSE "
				    "hex(%s) END", t->columns[i], t->columns[i]);
		} else {
			str_append(str, t->columns[i]);
		}
	}
	return str_c(str);
}

int sqlite_copy_count(struct dondoc_store *store,
		      const struct dondoc_store_copy_table *table,
		      bool only_own, int64_t *count_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *sql = t_strdup_printf("SELECT count(*) FROM %s%s",
		table->name, only_own ? " WHERE entity = 'schema'" : "");
	sqlite3_stmt *stmt;
	int ret;

	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "copy count");
		return -1;
	}
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW)
		*count_r = sqlite3_column_int64(stmt, 0);
	else
		*error_r = sqlite_errstr(s, "copy count");
	(void)sqlite3_finalize(stmt);
	return ret == SQLITE_ROW ? 0 : -1;
}

int sqlite_copy_rows(struct dondoc_store *store,
		     const struct dondoc_store_copy_table *table,
		     dondoc_store_copy_row_callback_t *callback,
		     void *context, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *sql = t_strdup_printf("SELECT %s FROM %s ORDER BY 1",
					  copy_columns(table, TRUE),
					  table->name);
	const char **values;
	sqlite3_stmt *stmt;
	unsigned int i;
	int ret, cb_ret = 0;

	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "copy read");
		return -1;
	}
	values = t_new(const char *, table->column_count + 1);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < table->column_count; i++) {
			values[i] = (const char *)
				sqlite3_column_text(stmt, (int)i);
		}
		T_BEGIN {
			cb_ret = callback(values, context, error_r);
		} T_END_PASS_STR_IF(cb_ret < 0, error_r);
		if (cb_ret < 0)
			break;
	}
	if (cb_ret >= 0 && ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "copy read");
		cb_ret = -1;
	}
	(void)sqlite3_finalize(stmt);
	return cb_ret < 0 ? -1 : 0;
}

int sqlite_copy_insert(struct dondoc_store *store,
		       const struct dondoc_store_copy_table *table,
		       const char *const *values, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	unsigned int i, first = table->append ? 1 : 0;
	string_t *sql;
	int idx, ret;

	if (s->copy_table != table) {
		if (s->copy_stmt != NULL)
			(void)sqlite3_finalize(s->copy_stmt);
		s->copy_stmt = NULL;
		s->copy_table = NULL;
		sql = t_str_new(512);
		str_printfa(sql, "INSERT INTO %s (%s) VALUES (", table->name,
			    copy_columns(table, FALSE));
		for (i = first; i < table->column_count; i++)
			str_printfa(sql, "%s?%u", i > first ? ", " : "",
				    i - first + 1);
		str_append_c(sql, ')');
		if (sqlite3_prepare_v2(s->db, str_c(sql), -1, &s->copy_stmt,
				       NULL) != SQLITE_OK) {
			*error_r = sqlite_errstr(s, "copy insert");
			return -1;
		}
		s->copy_table = table;
	}
	for (i = first; i < table->column_count; i++) {
		idx = (int)(i - first + 1);
		if (values[i] == NULL)
			(void)sqlite3_bind_null(s->copy_stmt, idx);
		else if ((int)i == table->blob_column) {
			buffer_t *buf = t_buffer_create(strlen(values[i]) / 2 + 1);

			if (hex_to_binary(values[i], buf) < 0) {
				*error_r = t_strdup_printf("copy: %s.%s is not "
					"hex", table->name, table->columns[i]);
				sqlite_stmt_done(s->copy_stmt);
				return -1;
			}
			(void)sqlite3_bind_blob(s->copy_stmt, idx, buf->data,
						(int)buf->used,
						SQLITE_TRANSIENT);
		} else {
			(void)sqlite3_bind_text(s->copy_stmt, idx, values[i],
						-1, SQLITE_TRANSIENT);
		}
	}
	ret = sqlite_stmt_exec(s, s->copy_stmt, "copy insert", error_r);
	return ret;
}

int sqlite_copy_finish(struct dondoc_store *store,
		       const struct dondoc_store_copy_table *table ATTR_UNUSED,
		       const char **error_r ATTR_UNUSED)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	/* SQLite's rowids and AUTOINCREMENT follow the ids inserted */
	if (s->copy_stmt != NULL)
		(void)sqlite3_finalize(s->copy_stmt);
	s->copy_stmt = NULL;
	s->copy_table = NULL;
	return 0;
}
