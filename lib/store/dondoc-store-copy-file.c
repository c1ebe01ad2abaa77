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

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>

/* the files SQLite keeps beside a database: a stale one beside the
   target or the temporary file would be read as part of it */
static const char *const copy_file_sidecars[] = {
	"", "-wal", "-shm", "-journal",
};

static int copy_file_refuse_existing(const char *path, const char **error_r)
{
	const char *name;
	struct stat st;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(copy_file_sidecars); i++) {
		name = t_strconcat(path, copy_file_sidecars[i], NULL);
		if (lstat(name, &st) == 0) {
			*error_r = t_strdup_printf("%s already exists: a backup "
				"is written to a new file only", name);
			return -1;
		}
		if (errno != ENOENT) {
			*error_r = t_strdup_printf("lstat(%s) failed: %m", name);
			return -1;
		}
	}
	return 0;
}

static void copy_file_unlink(const char *path)
{
	const char *name;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(copy_file_sidecars); i++) {
		name = t_strconcat(path, copy_file_sidecars[i], NULL);
		if (unlink(name) < 0 && errno != ENOENT)
			i_error("unlink(%s) failed: %m", name);
	}
}

/* Claim the temporary name (mode 0600: a backup holds what the store
   holds) so nobody else's file is ever written to. */
static int copy_file_claim(const char *path, const char **error_r)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);

	if (fd < 0) {
		*error_r = t_strdup_printf("cannot create %s: %m", path);
		return -1;
	}
	i_close_fd(&fd);
	return 0;
}

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

static int copy_file_fsync(const char *path, bool dir, const char **error_r)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) |
		      O_NOFOLLOW);

	if (fd < 0) {
		*error_r = t_strdup_printf("open(%s) failed: %m", path);
		return -1;
	}
	if (fsync(fd) < 0) {
		*error_r = t_strdup_printf("fsync(%s) failed: %m", path);
		i_close_fd(&fd);
		return -1;
	}
	i_close_fd(&fd);
	return 0;
}

/* Into place without replacing anything: link() fails if the target
   appeared meanwhile (rename() would silently replace it). */
static int copy_file_publish(const char *tmp_path, const char *dest_path,
			     const char **error_r)
{
	const char *p = strrchr(dest_path, '/');
	const char *dir = p == NULL ? "." : p == dest_path ? "/" :
		t_strdup_until(dest_path, p);
	const char *error;

	if (copy_file_fsync(tmp_path, FALSE, error_r) < 0)
		return -1;
	if (link(tmp_path, dest_path) < 0) {
		*error_r = errno == EEXIST ?
			t_strdup_printf("%s already exists (created while the "
					"backup ran): not replaced", dest_path) :
			t_strdup_printf("link(%s, %s) failed: %m", tmp_path,
					dest_path);
		return -1;
	}
	if (unlink(tmp_path) < 0)
		i_error("unlink(%s) failed: %m", tmp_path);
	/* the backup is in place and whole; only its name's durability
	   is in doubt */
	if (copy_file_fsync(dir, TRUE, &error) < 0)
		i_warning("%s", error);
	return 0;
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
	const char *conninfo, *tmp_path, *p;

	*rows_r = 0;
	if (dondoc_store_path_is_pgsql(dest_path, &conninfo)) {
		*error_r = t_strdup_printf("%s names a PostgreSQL store, not a "
			"file: dondoc db backup writes a new SQLite file (a "
			"file named like a conninfo is given as ./NAME); "
			"dondoc db copy fills a database", dest_path);
		return -1;
	}
	p = strrchr(dest_path, '/');
	p = p == NULL ? dest_path : p + 1;
	if (*p == '\0' || strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
		*error_r = t_strdup_printf("%s names a directory, not a new "
					   "file", dest_path);
		return -1;
	}
	tmp_path = t_strdup_printf("%.*s.%s.tmp-%ld", (int)(p - dest_path),
				   dest_path, p, (long)getpid());
	if (copy_file_refuse_existing(dest_path, error_r) < 0 ||
	    copy_file_refuse_existing(tmp_path, error_r) < 0 ||
	    copy_file_claim(tmp_path, error_r) < 0)
		return -1;
	if (copy_file_fill(from, from_name, tmp_path, rows_r, error_r) < 0 ||
	    copy_file_fold(tmp_path, error_r) < 0 ||
	    copy_file_publish(tmp_path, dest_path, error_r) < 0) {
		copy_file_unlink(tmp_path);
		*rows_r = 0;
		return -1;
	}
	return 0;
}
