/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc db backup of a store that is no file (PostgreSQL): every table
   copied into a new SQLite file through dondoc db copy's machinery
   (dondoc-store-copy.c, verified by row counts and the audit log), under
   a temporary name beside the target, folded into one self-contained
   file (no -wal), synced and only then linked into place: the target
   path holds a whole verified backup or nothing. Trusts its caller to
   hold the source in one read snapshot throughout; trusts nothing about
   the target path (it may name anything, exist meanwhile, be a link). */

#include "lib.h"
#include "dondoc-store-private.h"
#include "dondoc-store-copy.h"
#include "dondoc-store-new-file.h"

#include <sqlite3.h>

/* The store's connection leaves its WAL beside the file (no checkpoint
   at close): fold it in, so the one file is the whole backup. */
static int copy_file_fold(const char *path, const char **error_r)
{
	sqlite3 *db = NULL;
	char *errmsg = NULL;
	int ret = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL,
			 &errmsg) != SQLITE_OK) {
		*error_r = t_strdup_printf("%s: %s", path, errmsg != NULL ?
			errmsg : db != NULL ? sqlite3_errmsg(db) :
			"out of memory");
		ret = -1;
	}
	sqlite3_free(errmsg);
	if (sqlite3_close(db) != SQLITE_OK && ret == 0) {
		*error_r = t_strdup_printf("close(%s) failed", path);
		ret = -1;
	}
	return ret;
}

static int copy_file_fill(struct dondoc_store *from, const char *from_name,
			  const char *tmp_path, unsigned int *rows_r,
			  const char **error_r)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.create = TRUE,
	};
	struct dondoc_store *to;
	int ret;

	/* "sqlite:": whatever the name looks like, it is this file */
	if (dondoc_store_open_with(t_strconcat("sqlite:", tmp_path, NULL),
				   &set, &to, error_r) < 0)
		return -1;
	dondoc_store_set_actor(to, from->actor != NULL ? from->actor : "cli");
	ret = dondoc_store_copy(from, to, from_name, rows_r, error_r);
	dondoc_store_close(&to);
	return ret < 0 ? -1 : 0;
}

int dondoc_store_copy_to_new_file(struct dondoc_store *from,
				  const char *from_name,
				  const char *dest_path, unsigned int *rows_r,
				  const char **error_r)
{
	const char *conninfo, *tmp_path;

	*rows_r = 0;
	if (dondoc_store_path_is_pgsql(dest_path, &conninfo)) {
		*error_r = t_strdup_printf("%s names a PostgreSQL store, not a "
			"file: dondoc db backup writes a new SQLite file (a "
			"file named like a conninfo is given as ./NAME); "
			"dondoc db copy fills a database", dest_path);
		return -1;
	}
	if (ds_new_file_begin(dest_path, &tmp_path, error_r) < 0)
		return -1;
	if (copy_file_fill(from, from_name, tmp_path, rows_r, error_r) < 0 ||
	    copy_file_fold(tmp_path, error_r) < 0 ||
	    ds_new_file_publish(tmp_path, dest_path, error_r) < 0) {
		ds_new_file_abort(tmp_path);
		*rows_r = 0;
		return -1;
	}
	return 0;
}
