/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend: the announced calendar exceptions, and the data
   version that tells a connection another one changed them. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"

/* ---- calendar ---- */

int pgsql_calendar_set(struct dondoc_store *store,
			const struct dondoc_date *date,
			enum dondoc_day_kind kind, const char *reason,
			const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	const char *kind_name = kind == DONDOC_DAY_OFF ? "off" : "work";
	struct pgsql_stmt *stmt;
	int changes;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_CALENDAR_SET, error_r)) == NULL)
		goto fail;
	pgsql_bind_date(stmt, 1, date);
	pgsql_bind_text(stmt, 2, kind_name);
	pgsql_bind_text_empty(stmt, 3, reason);
	if (pgsql_stmt_exec(s, stmt, "calendar set", error_r) < 0)
		goto fail;
	changes = pgsql_changes(s);
	if (changes > 0 &&
	    pgsql_audit(s, "calendar", dondoc_date_to_str(date), "set", NULL,
		  t_strdup_printf("%s %s", kind_name, reason), error_r) < 0)
		goto fail;
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_calendar_fill(struct dondoc_store *store,
			 struct dondoc_calendar *cal,
			 const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret, count = 0;

	if ((stmt = pgsql_stmt_get(s, STMT_CALENDAR_LIST, error_r)) == NULL)
		return -1;
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		const char *date = pgsql_col_text(stmt, 0);
		const char *kind = pgsql_col_text(stmt, 1);
		const char *reason = pgsql_col_text(stmt, 2);
		struct dondoc_date d;

		if (date == NULL || !dondoc_date_parse(date, &d) ||
		    kind == NULL) {
			*error_r = t_strdup_printf(
				"%s: invalid calendar exception '%s'",
				s->path, date == NULL ? "" : date);
			pgsql_stmt_done(stmt);
			return -1;
		}
		dondoc_calendar_add_exception(cal, &d,
			strcmp(kind, "work") == 0 ? DONDOC_DAY_WORK :
			DONDOC_DAY_OFF, reason == NULL ? "" : reason);
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "calendar");
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}

int pgsql_data_version(struct dondoc_store *store, int64_t *version_r,
			const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_get(s, STMT_DATA_VERSION, error_r)) == NULL)
		return -1;
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW)
		*version_r = pgsql_col_int64(stmt, 0);
	else
		*error_r = pgsql_errstr(s, "data_version");
	pgsql_stmt_done(stmt);
	return ret == PGSQL_ROW ? 0 : -1;
}
