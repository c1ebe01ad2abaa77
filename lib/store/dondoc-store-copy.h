/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_COPY_H
#define DONDOC_STORE_COPY_H

/* Moving a site between stores (dondoc db copy): every table of one
   store into another, empty one of any backend (SQLite to PostgreSQL and
   back), in one transaction of the target, then verified. */

struct dondoc_store;

/* A table as copied: its columns (the same in every backend at this
   schema version), the one holding bytes (-1: none; copied as hex), and
   whether the target keeps its own rows (seeded by the migrations) or
   its ids (the audit log: appended to, never rewritten). */
struct dondoc_store_copy_table {
	const char *name;
	const char *const *columns;
	unsigned int column_count;
	int blob_column;
	/* rows the migrations seed: not copied, compared by count */
	bool seeded;
	/* appended without its id column, after the target's own rows */
	bool append;
};

/* Copy everything from "from" into "to", whose schema must hold no data
   yet (only what its migrations wrote). Verifies the row count of every
   table and that the target's audit log ends with the source's, entry
   for entry. 1 copied, -1 error (nothing written into "to"). rows_r:
   rows copied. */
int dondoc_store_copy(struct dondoc_store *from, struct dondoc_store *to,
		      const char *from_name, unsigned int *rows_r,
		      const char **error_r);

/* dondoc db backup of a store that is no file (PostgreSQL): "from",
   held by the caller in one read snapshot, copied as above into a new
   SQLite file at dest_path, which must not exist (nor its -wal, -shm,
   -journal). Written under a temporary name beside it, folded into one
   file, synced, then linked into place: dest_path ends up holding the
   whole verified copy, or nothing. 0 copied (rows_r), -1 error. */
int dondoc_store_copy_to_new_file(struct dondoc_store *from,
				  const char *from_name,
				  const char *dest_path, unsigned int *rows_r,
				  const char **error_r);

#endif
