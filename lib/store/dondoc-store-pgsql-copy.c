/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend of dondoc db copy (dondoc-store-copy.h): counting,
   reading and inserting the rows of a table named by the copy's constant
   table list, and moving each identity column's sequence past the ids
   copied. The SQL is put together from those constant names only; every
   value is bound. */

#include "lib.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"

static const char *copy_columns(const struct dondoc_store_copy_table *t,
				bool reading)
{
	string_t *str = t_str_new(256);
	unsigned int i;

	for (i = t->append && !reading ? 1 : 0; i < t->column_count; i++) {
		if (str_len(str) > 0)
			str_append(str, ", ");
		if (reading && (int)i == t->blob_column)
			str_printfa(str, "upper(encode(%s, 'hex'))", t->columns[i]);
		else
			str_append(str, t->columns[i]);
	}
	return str_c(str);
}

/* One query without parameters; its result, or NULL with error_r. */
static PGresult *copy_query(struct pgsql_store *s, const char *sql,
			    const char *what, const char **error_r)
{
	PGresult *res;

	if (pgsql_ensure_connected(s, error_r) < 0 ||
	    pgsql_pipeline_drain(s, error_r) < 0)
		return NULL;
	res = pgsql_answer(s, PQsendQueryParams(s->conn, sql, 0, NULL, NULL,
						NULL, NULL, 0));
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		if (res != NULL)
			pgsql_note_result(s, res);
		PQclear(res);
		*error_r = pgsql_errstr(s, what);
		return NULL;
	}
	return res;
}

int pgsql_copy_count(struct dondoc_store *store,
		     const struct dondoc_store_copy_table *table,
		     bool only_own, int64_t *count_r, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	PGresult *res;

	res = copy_query(s, t_strdup_printf("SELECT count(*) FROM %s%s",
		table->name, only_own ? " WHERE entity = 'schema'" : ""),
		"copy count", error_r);
	if (res == NULL)
		return -1;
	if (str_to_int64(PQgetvalue(res, 0, 0), count_r) < 0)
		*count_r = 0;
	PQclear(res);
	return 0;
}

int pgsql_copy_rows(struct dondoc_store *store,
		    const struct dondoc_store_copy_table *table,
		    dondoc_store_copy_row_callback_t *callback,
		    void *context, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	const char **values;
	PGresult *res;
	int row, rows, cb_ret = 0;
	unsigned int i;

	res = copy_query(s, t_strdup_printf("SELECT %s FROM %s ORDER BY 1",
					    copy_columns(table, TRUE),
					    table->name), "copy read", error_r);
	if (res == NULL)
		return -1;
	values = t_new(const char *, table->column_count + 1);
	rows = PQntuples(res);
	for (row = 0; row < rows && cb_ret >= 0; row++) {
		for (i = 0; i < table->column_count; i++) {
			values[i] = PQgetisnull(res, row, (int)i) ? NULL :
				PQgetvalue(res, row, (int)i);
		}
		T_BEGIN {
			cb_ret = callback(values, context, error_r);
		} T_END_PASS_STR_IF(cb_ret < 0, error_r);
	}
	PQclear(res);
	return cb_ret < 0 ? -1 : 0;
}

int pgsql_copy_insert(struct dondoc_store *store,
		      const struct dondoc_store_copy_table *table,
		      const char *const *values, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	unsigned int i, first = table->append ? 1 : 0;
	const char *name = t_strdup_printf("dc_%s", table->name);
	PGresult *res;
	string_t *sql;
	bool ok;

	/* direct execution: what was sent ahead is answered first */
	if (pgsql_ensure_connected(s, error_r) < 0 ||
	    pgsql_pipeline_drain(s, error_r) < 0)
		return -1;
	if (s->copy_table != table) {
		sql = t_str_new(512);
		str_printfa(sql, "INSERT INTO %s (%s) VALUES (", table->name,
			    copy_columns(table, FALSE));
		for (i = first; i < table->column_count; i++) {
			str_printfa(sql, (int)i == table->blob_column ?
				    "%sdecode($%u, 'hex')" : "%s$%u",
				    i > first ? ", " : "", i - first + 1);
		}
		str_append_c(sql, ')');
		res = pgsql_answer(s, PQsendPrepare(s->conn, name, str_c(sql),
						    0, NULL));
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok && res != NULL)
			pgsql_note_result(s, res);
		PQclear(res);
		if (!ok) {
			*error_r = pgsql_errstr(s, "copy insert");
			return -1;
		}
		s->copy_table = table;
	}
	res = pgsql_answer(s, PQsendQueryPrepared(s->conn, name,
		(int)(table->column_count - first), values + first,
		NULL, NULL, 0));
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok) {
		if (res != NULL)
			pgsql_note_result(s, res);
		*error_r = pgsql_errstr(s, t_strdup_printf("copy into %s",
							   table->name));
	}
	PQclear(res);
	return ok ? 0 : -1;
}

int pgsql_copy_finish(struct dondoc_store *store,
		      const struct dondoc_store_copy_table *table,
		      const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	const char *const values[] = { table->name };
	PGresult *res;
	bool ok;

	if (strcmp(table->columns[0], "id") != 0)
		return 0;
	if (pgsql_ensure_connected(s, error_r) < 0 ||
	    pgsql_pipeline_drain(s, error_r) < 0)
		return -1;
	/* the next id after the last one copied */
	res = pgsql_answer(s, PQsendQueryParams(s->conn, t_strdup_printf(
		"SELECT setval(pg_get_serial_sequence($1, 'id'), "
		"(SELECT COALESCE(max(id), 0) + 1 FROM %s), false)",
		table->name), 1, NULL, values, NULL, NULL, 0));
	ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok) {
		if (res != NULL)
			pgsql_note_result(s, res);
		*error_r = pgsql_errstr(s, "copy sequence");
	}
	PQclear(res);
	return ok ? 0 : -1;
}
