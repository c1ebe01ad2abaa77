/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* A new file put in place whole or not at all
   (dondoc-store-new-file.h), for db backup of either backend: the
   target and its temporary name refused if anything is there, the
   temporary name claimed with O_EXCL, linked into place (link() fails
   where rename() would replace), and only ever the temporary file
   removed. Trusts nothing about the target path (it may name anything,
   exist meanwhile, be a link). */

#include "lib.h"
#include "dondoc-store-new-file.h"

#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

/* the files SQLite keeps beside a database: a stale one beside the
   target or the temporary file would be read as part of it */
static const char *const new_file_sidecars[] = {
	"", "-wal", "-shm", "-journal",
};

static int new_file_refuse_existing(const char *path, const char **error_r)
{
	const char *name;
	struct stat st;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(new_file_sidecars); i++) {
		name = t_strconcat(path, new_file_sidecars[i], NULL);
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

static void new_file_unlink(const char *path)
{
	const char *name;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(new_file_sidecars); i++) {
		name = t_strconcat(path, new_file_sidecars[i], NULL);
		if (unlink(name) < 0 && errno != ENOENT)
			i_error("unlink(%s) failed: %m", name);
	}
}

/* Claim the temporary name (mode 0600: a backup holds what the store
   holds) so nobody else's file is ever written to. */
static int new_file_claim(const char *path, const char **error_r)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);

	if (fd < 0) {
		*error_r = t_strdup_printf("cannot create %s: %m", path);
		return -1;
	}
	i_close_fd(&fd);
	return 0;
}

static int new_file_fsync(const char *path, bool dir, const char **error_r)
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
static int new_file_publish(const char *tmp_path, const char *dest_path,
			     const char **error_r)
{
	const char *p = strrchr(dest_path, '/');
	const char *dir = p == NULL ? "." : p == dest_path ? "/" :
		t_strdup_until(dest_path, p);
	const char *error;

	if (new_file_fsync(tmp_path, FALSE, error_r) < 0)
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
	if (new_file_fsync(dir, TRUE, &error) < 0)
		i_warning("%s", error);
	return 0;
}

int ds_new_file_begin(const char *dest_path, const char **tmp_path_r,
		      const char **error_r)
{
	const char *tmp_path, *p;

	p = strrchr(dest_path, '/');
	p = p == NULL ? dest_path : p + 1;
	if (*p == '\0' || strcmp(p, ".") == 0 || strcmp(p, "..") == 0) {
		*error_r = t_strdup_printf("%s names a directory, not a new "
					   "file", dest_path);
		return -1;
	}
	tmp_path = t_strdup_printf("%.*s.%s.tmp-%ld", (int)(p - dest_path),
				   dest_path, p, (long)getpid());
	if (new_file_refuse_existing(dest_path, error_r) < 0 ||
	    new_file_refuse_existing(tmp_path, error_r) < 0 ||
	    new_file_claim(tmp_path, error_r) < 0)
		return -1;
	*tmp_path_r = tmp_path;
	return 0;
}

int ds_new_file_publish(const char *tmp_path, const char *dest_path,
			const char **error_r)
{
	return new_file_publish(tmp_path, dest_path, error_r);
}

void ds_new_file_abort(const char *tmp_path)
{
	new_file_unlink(tmp_path);
}
