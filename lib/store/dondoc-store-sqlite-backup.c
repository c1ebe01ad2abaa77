/* Copyright (c) 2026 dondoc authors, see the included COPYING file */

/* The SQLite store's backup (the online backup API, a consistent copy
   while others write) and retention (sent mail bodies), and whether the
   last error was a lock held too long. Trusts its caller
   (dondoc-store.c) for argument bounds. */

#include "lib.h"
#include "time-util.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-new-file.h"

#include <unistd.h>

bool sqlite_error_is_temporary(struct dondoc_store *store)
{
	return SQLITE_STORE(store)->last_error_temporary;
}

/* ---- backup and retention ---- */

/* Copy every page in one step, inside one read transaction: the copy is
   the store as of one commit, and in WAL mode the writers go on
   meanwhile. A busy source (a checkpoint's exclusive moment) is retried
   until the busy timeout. */
static int sqlite_backup_copy(struct sqlite_store *s, sqlite3 *dest,
			      const char *dest_path, const char **error_r)
{
	struct timeval start, now;
	sqlite3_backup *backup;
	int ret;

	backup = sqlite3_backup_init(dest, "main", s->db, "main");
	if (backup == NULL) {
		*error_r = t_strdup_printf("backup %s to %s: %s", s->path,
					   dest_path, sqlite3_errmsg(dest));
		return -1;
	}
	i_gettimeofday(&start);
	for (;;) {
		ret = sqlite3_backup_step(backup, -1);
		if (ret == SQLITE_DONE || (ret != SQLITE_BUSY &&
					   ret != SQLITE_LOCKED))
			break;
		i_gettimeofday(&now);
		if (timeval_diff_msecs(&now, &start) >=
		    (long long)s->set.busy_timeout_msecs)
			break;
		usleep(10000);
	}
	(void)sqlite3_backup_finish(backup);
	if (ret != SQLITE_DONE) {
		s->store.backend_errors++;
		s->last_error_temporary = ret == SQLITE_BUSY ||
			ret == SQLITE_LOCKED;
		*error_r = t_strdup_printf("backup %s to %s: %s (%d)", s->path,
					   dest_path, sqlite3_errstr(ret), ret);
		return -1;
	}
	return 0;
}

int sqlite_backup(struct dondoc_store *store, const char *dest_path,
			 const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	const char *tmp_path;
	sqlite3 *dest = NULL;
	char *errmsg = NULL;
	int ret;

	/* Never over an existing file, nor removing one: a backup does not
	   replace a store (SQLITE_OPEN_EXCLUSIVE does nothing for
	   sqlite3_open_v2(): the file was opened and written over, and on
	   failure unlinked). The copy goes to a temporary name of our own,
	   linked into place when whole. */
	if (ds_new_file_begin(dest_path, &tmp_path, error_r) < 0)
		return -1;
	if (sqlite3_open_v2(tmp_path, &dest, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*error_r = t_strdup_printf("cannot create %s: %s", dest_path,
			dest != NULL ? sqlite3_errmsg(dest) : "out of memory");
		(void)sqlite3_close(dest);
		ds_new_file_abort(tmp_path);
		return -1;
	}
	ret = sqlite_backup_copy(s, dest, dest_path, error_r);
	/* One self-contained file: the copy's WAL folded into it. */
	if (ret == 0 &&
	    sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL,
			 &errmsg) != SQLITE_OK) {
		*error_r = t_strdup_printf("%s: %s", dest_path,
			errmsg != NULL ? errmsg : sqlite3_errmsg(dest));
		ret = -1;
	}
	sqlite3_free(errmsg);
	if (sqlite3_close(dest) != SQLITE_OK && ret == 0) {
		*error_r = t_strdup_printf("close(%s) failed", dest_path);
		ret = -1;
	}
	if (ret == 0)
		ret = ds_new_file_publish(tmp_path, dest_path, error_r);
	if (ret < 0)
		ds_new_file_abort(tmp_path);
	return ret;
}

int sqlite_outbox_purge(struct dondoc_store *store, time_t before,
			       unsigned int *count_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	*count_r = 0;
	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	/* The row stays (recipient, Message-ID, the duplicate key that
	   keeps a mail from going out twice); only the body goes. */
	if (sqlite3_prepare_v2(s->db, "UPDATE outbox SET data = '' "
			       "WHERE state = 'sent' AND sent_at < ?1 "
			       "AND data != ''", -1, &stmt, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "outbox purge");
		sqlite_write_rollback(s);
		return -1;
	}
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)before);
	if (sqlite_stmt_exec(s, stmt, "outbox purge", error_r) < 0) {
		(void)sqlite3_finalize(stmt);
		sqlite_write_rollback(s);
		return -1;
	}
	/* prepared here, not cached: an unfinalized statement would keep
	   the connection from closing */
	(void)sqlite3_finalize(stmt);
	*count_r = sqlite3_changes(s->db);
	if (*count_r > 0 &&
	    sqlite_audit(s, "outbox", "*", "purge-bodies", NULL,
		  t_strdup_printf("%u sent before %lld", *count_r,
				  (long long)before), error_r) < 0) {
		sqlite_write_rollback(s);
		return -1;
	}
	if (ds_head_digest_purge(&s->store, before, error_r) < 0) {
		sqlite_write_rollback(s);
		return -1;
	}
	return sqlite_write_commit(s, error_r);
}

int sqlite_audit_add(struct dondoc_store *store, const char *entity,
			    const char *key, const char *action,
			    const char *old_value, const char *new_value,
			    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (sqlite_audit(s, entity, key, action, old_value, new_value,
		  error_r) < 0) {
		sqlite_write_rollback(s);
		return -1;
	}
	return sqlite_write_commit(s, error_r);
}

