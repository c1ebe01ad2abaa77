/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: the announced calendar exceptions, and the data
   version that tells a connection another one changed them. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"

/* ---- calendar ---- */

int sqlite_calendar_set(struct dondoc_store *store,
			const struct dondoc_date *date,
			enum dondoc_day_kind kind, const char *reason,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *kind_name = kind == DONDOC_DAY_OFF ? "off" : "work";
	sqlite3_stmt *stmt;
	int changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_CALENDAR_SET, error_r)) == NULL)
		goto fail;
	sqlite_bind_date(stmt, 1, date);
	sqlite_bind_text(stmt, 2, kind_name);
	sqlite_bind_text_empty(stmt, 3, reason);
	if (sqlite_stmt_exec(s, stmt, "calendar set", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0 &&
	    sqlite_audit(s, "calendar", dondoc_date_to_str(date), "set", NULL,
		  t_strdup_printf("%s %s", kind_name, reason), error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_calendar_fill(struct dondoc_store *store,
			 struct dondoc_calendar *cal,
			 const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = sqlite_stmt_get(s, STMT_CALENDAR_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *date = (const char *)sqlite3_column_text(stmt, 0);
		const char *kind = (const char *)sqlite3_column_text(stmt, 1);
		const char *reason = (const char *)sqlite3_column_text(stmt, 2);
		struct dondoc_date d;

		if (date == NULL || !dondoc_date_parse(date, &d) ||
		    kind == NULL) {
			*error_r = t_strdup_printf(
				"%s: invalid calendar exception '%s'",
				s->path, date == NULL ? "" : date);
			sqlite_stmt_done(stmt);
			return -1;
		}
		dondoc_calendar_add_exception(cal, &d,
			strcmp(kind, "work") == 0 ? DONDOC_DAY_WORK :
			DONDOC_DAY_OFF, reason == NULL ? "" : reason);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "calendar");
		count = -1;
	}
	sqlite_stmt_done(stmt);
	return count;
}

int sqlite_data_version(struct dondoc_store *store, int64_t *version_r,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = sqlite_stmt_get(s, STMT_DATA_VERSION, error_r)) == NULL)
		return -1;
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW)
		*version_r = sqlite3_column_int64(stmt, 0);
	else
		*error_r = sqlite_errstr(s, "data_version");
	sqlite_stmt_done(stmt);
	return ret == SQLITE_ROW ? 0 : -1;
}
