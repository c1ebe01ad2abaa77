/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Agencies and people, written once over the store's statement driver
   (dondoc-store-driver.h) for both backends: so far an agency's id by
   its code, which the other entity files look up. Arguments were
   validated by the front end. */

#include "lib.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-txn-cache.h"

int ds_agency_id(struct dondoc_store *store, const char *code,
		 int64_t *id_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if (ds_txn_cache_agency(store, code, id_r))
		return 1;
	if ((stmt = ds_stmt_get(store, STMT_AGENCY_ID, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	ret = ds_step(stmt);
	if (ret == DS_ROW) {
		*id_r = ds_col_int64(stmt, 0);
		ds_txn_cache_agency_put(store, code, *id_r);
		ret = 1;
	} else if (ret == DS_DONE) {
		ret = 0;
	} else {
		*error_r = ds_errstr(store, "agency lookup");
		ret = -1;
	}
	ds_stmt_done(stmt);
	return ret;
}

int ds_agency_id_required(struct dondoc_store *store, const char *code,
			  int64_t *id_r, const char **error_r)
{
	int ret = ds_agency_id(store, code, id_r, error_r);

	if (ret == 0) {
		*error_r = t_strdup_printf("unknown agency '%s'", code);
		return -1;
	}
	return ret < 0 ? -1 : 0;
}
