/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The announced calendar exceptions (holidays, swapped working days) and
   their version (calendar_version, moved by calendar_exception's
   triggers), which says when the cached calendar is out of date,
   written once over the store's statement driver (dondoc-store-driver.h)
   for both backends. Arguments were validated by the front end
   (dondoc-store.c). */

#include "lib.h"
#include "str.h"
#include "array.h"
#include "dondoc-store-driver.h"

/* ---- calendar ---- */

int ds_calendar_set(struct dondoc_store *store,
		    const struct dondoc_date *date,
		    enum dondoc_day_kind kind, const char *reason,
		    const char **error_r)
{
	const char *kind_name = kind == DONDOC_DAY_OFF ? "off" : "work";
	struct dondoc_store_stmt *stmt;
	int changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if ((stmt = ds_stmt_get(store, STMT_CALENDAR_SET, error_r)) == NULL)
		goto fail;
	ds_bind_date(stmt, 1, date);
	ds_bind_text(stmt, 2, kind_name);
	ds_bind_text_empty(stmt, 3, reason);
	if (ds_stmt_exec(stmt, "calendar set", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	if (changes > 0 &&
	    ds_audit(store, "calendar", dondoc_date_to_str(date), "set", NULL,
		     t_strdup_printf("%s %s", kind_name, reason), error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	ds_write_rollback(store);
	return -1;
}

int ds_calendar_fill(struct dondoc_store *store,
		     struct dondoc_calendar *cal,
		     const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret, count = 0;

	if ((stmt = ds_stmt_get(store, STMT_CALENDAR_LIST, error_r)) == NULL)
		return -1;
	while ((ret = ds_step(stmt)) == DS_ROW) {
		const char *date = ds_col_text(stmt, 0);
		const char *kind = ds_col_text(stmt, 1);
		const char *reason = ds_col_text(stmt, 2);
		struct dondoc_date d;

		if (date == NULL || !dondoc_date_parse(date, &d) ||
		    kind == NULL) {
			*error_r = t_strdup_printf(
				"%s: invalid calendar exception '%s'",
				store->v->driver->name(store),
				date == NULL ? "" : date);
			ds_stmt_done(stmt);
			return -1;
		}
		dondoc_calendar_add_exception(cal, &d,
			strcmp(kind, "work") == 0 ? DONDOC_DAY_WORK :
			DONDOC_DAY_OFF, reason == NULL ? "" : reason);
		count++;
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "calendar");
		count = -1;
	}
	ds_stmt_done(stmt);
	return count;
}

int ds_data_version(struct dondoc_store *store, int64_t *version_r,
		    const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if ((stmt = ds_stmt_get(store, STMT_DATA_VERSION, error_r)) == NULL)
		return -1;
	ret = ds_step(stmt);
	if (ret == DS_ROW)
		*version_r = ds_col_int64(stmt, 0);
	else if (ret == DS_DONE)
		*error_r = "calendar_version has no row";
	else
		*error_r = ds_errstr(store, "calendar version");
	ds_stmt_done(stmt);
	return ret == DS_ROW ? 0 : -1;
}
