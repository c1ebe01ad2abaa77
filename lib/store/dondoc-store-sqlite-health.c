/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: noticing a damaged store, and then never writing into
   it. A statement answering SQLITE_CORRUPT or SQLITE_NOTADB (once the
   file has opened as a dondoc store), or PRAGMA quick_check finding a
   problem, leaves a marker next to the store, "<store>.corrupt" (when,
   who, why), and logs it as an error. While the marker exists every
   process refuses to open the store, so its callers spool the work
   (deliveries) or stop (commands), until an operator has repaired the
   file (dondoc db check, a backup) and removed the marker. quick_check
   runs at open when the last one is older than the check interval (the
   time of "<store>.checked"), and at the first open after a crash of a
   writer would be better still: SQLite gives no sign of one that a
   reader can trust, so the interval bounds how long damage can go
   unnoticed by reads that never touch it. "<store>.corrupt-notified"
   makes the warning to the secretariat a one-time mail. Trusts the
   store's directory (the mail user's); the markers are small files
   written with O_EXCL. */

#include "lib.h"
#include "str.h"
#include "hostpid.h"
#include "dondoc-store-sqlite-private.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#define HEALTH_CORRUPT_SUFFIX ".corrupt"
#define HEALTH_NOTIFIED_SUFFIX ".corrupt-notified"
#define HEALTH_CHECKED_SUFFIX ".checked"
/* what a marker says, at most */
#define HEALTH_MAX_REASON 512

static int health_write_excl(const char *path, const char *text)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	if (write(fd, text, strlen(text)) < 0 || fdatasync(fd) < 0) {
		i_close_fd(&fd);
		return -1;
	}
	i_close_fd(&fd);
	return 1;
}

int dondoc_store_mark_corrupt(const char *db_path, const char *why)
{
	const char *marker = t_strconcat(db_path, HEALTH_CORRUPT_SUFFIX, NULL);
	int ret;

	ret = health_write_excl(marker, t_strdup_printf("%ld pid %s: %s\n",
		(long)time(NULL), my_pid, t_strcut(why, '\n')));
	if (ret > 0) {
		i_error("dondoc: the store %s is CORRUPT (%s): nothing more is "
			"written into it, deliveries spool their work until it "
			"is repaired (dondoc db check, a backup) and %s is "
			"removed", db_path, why, marker);
	} else if (ret < 0) {
		i_error("dondoc: the store %s is CORRUPT (%s) and the marker "
			"%s could not be written: %m", db_path, why, marker);
	}
	return ret;
}

int dondoc_store_corrupt_marker(const char *db_path, const char **reason_r)
{
	const char *marker = t_strconcat(db_path, HEALTH_CORRUPT_SUFFIX, NULL);
	char buf[HEALTH_MAX_REASON];
	const char *conninfo;
	ssize_t n;
	int fd;

	/* a PostgreSQL store has no file to mark */
	if (dondoc_store_path_is_pgsql(db_path, &conninfo))
		return 0;
	fd = open(marker, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		*reason_r = t_strdup_printf("open(%s) failed: %m", marker);
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	i_close_fd(&fd);
	buf[n < 0 ? 0 : n] = '\0';
	*reason_r = t_strcut(buf, '\n');
	return 1;
}

int dondoc_store_corrupt_notice_claim(const char *db_path)
{
	const char *reason;

	if (dondoc_store_corrupt_marker(db_path, &reason) <= 0)
		return 0;
	return health_write_excl(t_strconcat(db_path, HEALTH_NOTIFIED_SUFFIX,
					     NULL),
		t_strdup_printf("%ld pid %s\n", (long)time(NULL), my_pid));
}

void dondoc_store_corrupt_notice_release(const char *db_path)
{
	(void)unlink(t_strconcat(db_path, HEALTH_NOTIFIED_SUFFIX, NULL));
}

void sqlite_health_note_error(struct sqlite_store *s, int code)
{
	code &= 0xff;
	if ((code != SQLITE_CORRUPT && code != SQLITE_NOTADB) || !s->opened ||
	    s->corrupt)
		return;
	s->corrupt = TRUE;
	(void)dondoc_store_mark_corrupt(s->path, t_strdup_printf("%s (%d)",
		sqlite3_errmsg(s->db), sqlite3_extended_errcode(s->db)));
}

/* PRAGMA quick_check: 1 fine, 0 problems (problems_r), -1 could not run
   (an error that is itself corruption counts as a problem). */
static int health_quick_check(struct sqlite_store *s, const char **problems_r)
{
	sqlite3_stmt *stmt;
	string_t *problems = t_str_new(128);
	int ret;

	ret = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(20)", -1, &stmt,
				 NULL);
	if (ret == SQLITE_OK) {
		while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
			const char *msg =
				(const char *)sqlite3_column_text(stmt, 0);

			if (msg != NULL && strcmp(msg, "ok") != 0 &&
			    str_len(problems) < HEALTH_MAX_REASON)
				str_printfa(problems, "%s; ", msg);
		}
		(void)sqlite3_finalize(stmt);
	}
	if (ret != SQLITE_DONE) {
		*problems_r = t_strdup_printf("quick_check: %s",
					      sqlite3_errmsg(s->db));
		return (ret & 0xff) == SQLITE_CORRUPT ||
			(ret & 0xff) == SQLITE_NOTADB ? 0 : -1;
	}
	if (str_len(problems) > 0) {
		str_truncate(problems, str_len(problems) - 2);
		*problems_r = t_strconcat("quick_check: ", str_c(problems),
					  NULL);
		return 0;
	}
	return 1;
}

void sqlite_health_open_failed(struct sqlite_store *s)
{
	int code = sqlite3_errcode(s->db) & 0xff;
	struct stat st;

	/* A file we checked healthy before that no longer reads as a
	   database (its first page damaged) is a corrupt store, not a
	   foreign file. */
	if ((code == SQLITE_CORRUPT || code == SQLITE_NOTADB) &&
	    stat(t_strconcat(s->path, HEALTH_CHECKED_SUFFIX, NULL), &st) == 0) {
		s->corrupt = TRUE;
		(void)dondoc_store_mark_corrupt(s->path, t_strdup_printf(
			"%s (%d) at open", sqlite3_errmsg(s->db),
			sqlite3_extended_errcode(s->db)));
	}
}

/* Checked: the stamp's time says when. One of another user's (left by
   a command run as root) cannot be touched by the deliveries: it is
   replaced, or every open would check again. The directory may be
   read-only for this process: then the next open checks again. */
static void health_stamp(const char *stamp)
{
	if (utime(stamp, NULL) == 0)
		return;
	if (errno == EACCES || errno == EPERM) {
		if (unlink(stamp) < 0) {
			i_warning("dondoc: %s cannot be touched nor replaced "
				  "(%m): the store is checked at every open "
				  "until it is removed", stamp);
			return;
		}
	} else if (errno != ENOENT) {
		return;
	}
	(void)health_write_excl(stamp, "");
}

int sqlite_health_open(struct sqlite_store *s, bool new_file,
		       const char **error_r)
{
	const char *reason, *stamp, *problems;
	unsigned int interval = s->set.check_interval_secs;
	struct stat st;
	int ret;

	if (!s->set.allow_corrupt &&
	    dondoc_store_corrupt_marker(s->path, &reason) > 0) {
		*error_r = t_strdup_printf("the store %s is marked CORRUPT "
			"(%s%s: %s): it is not used until it is repaired and "
			"the marker removed", s->path, s->path,
			HEALTH_CORRUPT_SUFFIX, reason);
		s->corrupt = TRUE;
		return -1;
	}
	if (new_file)
		return 0;
	if (interval == 0)
		interval = DONDOC_STORE_DEFAULT_CHECK_INTERVAL_SECS;
	stamp = t_strconcat(s->path, HEALTH_CHECKED_SUFFIX, NULL);
	if (stat(stamp, &st) == 0 && st.st_mtime <= time(NULL) &&
	    time(NULL) - st.st_mtime < (time_t)interval)
		return 0;
	ret = health_quick_check(s, &problems);
	if (ret < 0) {
		/* Could not check (busy...): try again at the next open. */
		return 0;
	}
	if (ret == 0) {
		(void)dondoc_store_mark_corrupt(s->path, problems);
		s->corrupt = TRUE;
		if (s->set.allow_corrupt)
			return 0;
		*error_r = t_strdup_printf("the store %s is CORRUPT (%s): it "
			"is not used until it is repaired and %s%s removed",
			s->path, problems, s->path, HEALTH_CORRUPT_SUFFIX);
		return -1;
	}
	health_stamp(stamp);
	return 0;
}
