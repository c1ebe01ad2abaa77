/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Whether two names of a store (dondoc_db as configured, --db) are one
   store (see dondoc-store-name.h): for the spool, whose entries record
   the name their delivery used. Trusts the file system's device and
   inode, and the backend's parse of a conninfo. */

#include "lib.h"
#include "dondoc-compat.h"
#include "dondoc-store.h"
#include "dondoc-store-private.h"
#include "dondoc-store-name.h"

#include <sys/stat.h>

static const struct dondoc_store_backend *store_name_backend(const char *scheme)
{
	unsigned int i;

	for (i = 0; i < dondoc_store_backends_count; i++) {
		if (strcmp(dondoc_store_backends_linked[i]->scheme, scheme) == 0)
			return dondoc_store_backends_linked[i];
	}
	return NULL;
}

bool dondoc_store_paths_same(const char *a, const char *b)
{
	const struct dondoc_store_backend *backend;
	const char *ca, *cb, *ia, *ib;
	struct stat sa, sb;
	bool pa, pb;

	if (strcmp(a, b) == 0)
		return TRUE;
	pa = dondoc_store_path_is_pgsql(a, &ca);
	pb = dondoc_store_path_is_pgsql(b, &cb);
	if (pa != pb)
		return FALSE;
	if (pa) {
		backend = store_name_backend("postgresql");
		if (backend == NULL || backend->identity == NULL)
			return strcmp(ca, cb) == 0;
		ia = backend->identity(ca);
		ib = backend->identity(cb);
		return ia != NULL && ib != NULL && strcmp(ia, ib) == 0;
	}
	if (str_begins_with(a, "sqlite:"))
		a += 7;
	if (str_begins_with(b, "sqlite:"))
		b += 7;
	if (strcmp(a, b) == 0)
		return TRUE;
	/* one file however named (symlinks, "//", "/./", relative) */
	if (stat(a, &sa) < 0 || stat(b, &sb) < 0)
		return FALSE;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
