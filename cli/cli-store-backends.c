/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The dondoc command's store backends: SQLite only. Defined here, in
   the program, the table keeps the store library's own (every backend,
   lib/store/dondoc-store-backends.c) and with it the PostgreSQL backend
   and libpq out of the command: 9M instructions of dynamic linking at
   every start. A PostgreSQL store is handed to dondoc-pgsql, the same
   command with both backends (cli/dondoc.c). Trusts nothing. */

#include "lib.h"
#include "dondoc-store-private.h"

const struct dondoc_store_backend *const dondoc_store_backends_linked[] = {
	&dondoc_store_backend_sqlite,
};
const unsigned int dondoc_store_backends_count =
	N_ELEMENTS(dondoc_store_backends_linked);
