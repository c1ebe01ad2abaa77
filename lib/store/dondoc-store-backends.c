/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store backends of this build (see dondoc-store-private.h): an
   object of its own, which the linker takes from the library only when
   the program does not define the table itself. Trusts nothing. */

#include "lib.h"
#include "dondoc-store-private.h"

const struct dondoc_store_backend *const dondoc_store_backends_linked[] = {
	&dondoc_store_backend_sqlite,
#ifdef DONDOC_HAVE_PGSQL
	&dondoc_store_backend_pgsql,
#endif
};
const unsigned int dondoc_store_backends_count =
	N_ELEMENTS(dondoc_store_backends_linked);
