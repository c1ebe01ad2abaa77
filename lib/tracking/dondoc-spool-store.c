/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Which store a spool entry is for (dondoc-spool.h): apart from the
   spool's reader, which the fuzz target links alone. Trusts the entry's
   store: line only as a name, compared by dondoc_store_paths_same(). */

#include "lib.h"
#include "array.h"
#include "dondoc-store-name.h"
#include "dondoc-spool.h"

/* The store is named as configured, not by an identity read from it:
   an entry is written because the store could not be used (locked,
   missing, PostgreSQL down), so nothing can be asked of it then (a
   system identifier needs a connection; the SQLite file may not exist).
   At replay both names are resolved (dondoc_store_paths_same()). */
bool dondoc_spool_entry_is_for_store(const struct dondoc_spool_entry *entry,
				     const char *store_path)
{
	if (entry->store == NULL)
		return TRUE;
	return store_path != NULL &&
		dondoc_store_paths_same(entry->store, store_path);
}
