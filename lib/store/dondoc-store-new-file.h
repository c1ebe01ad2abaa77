/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_NEW_FILE_H
#define DONDOC_STORE_NEW_FILE_H

/* A new SQLite file (a backup) written under a temporary name beside
   its target and linked into place only when whole: the target path
   holds a whole file or nothing, and no existing file is ever written
   to or removed. */

/* Refuse a target that names a directory or exists (or any of SQLite's
   files beside it), and claim a temporary name beside it (mode 0600).
   tmp_path_r: from the data stack. */
int ds_new_file_begin(const char *dest_path, const char **tmp_path_r,
		      const char **error_r);
/* Sync the temporary file and link it to dest_path, which must still
   not exist; then drop the temporary name. */
int ds_new_file_publish(const char *tmp_path, const char *dest_path,
			const char **error_r);
/* Remove the temporary file and whatever SQLite left beside it. */
void ds_new_file_abort(const char *tmp_path);

#endif
