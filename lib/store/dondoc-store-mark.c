/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The outgoing mailboxes' marks (dondoc-store.h, sql/012): per mailbox
   (its GUID), the UID under a UIDVALIDITY up to which every saved mail's
   work is in the store or the spool. One file for both backends over the
   statement driver. Trusts nothing of the names: bounded, valid UTF-8,
   without control characters. Not audited: a mark is bookkeeping of the
   plugin's progress, not a change of anybody's record. */

#include "lib.h"
#include "unichar.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-mark.h"

static int mark_check(const char *what, const char *value, size_t max,
		      const char **error_r)
{
	const unsigned char *p;

	if (value == NULL || value[0] == '\0' || strlen(value) > max) {
		*error_r = t_strdup_printf("outgoing mark: %s missing or "
					   "longer than %zu bytes", what, max);
		return -1;
	}
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20)
			break;
	}
	if (*p != '\0' || !uni_utf8_str_is_valid(value)) {
		*error_r = t_strdup_printf("outgoing mark: %s is not "
					   "printable UTF-8", what);
		return -1;
	}
	return 0;
}

/* a mailbox GUID in hex (32 digits, 128 bits) */
#define MARK_MAX_GUID 64

int dondoc_store_outgoing_mark_get(struct dondoc_store *store,
				   const char *guid,
				   uint32_t *uidvalidity_r, uint32_t *uid_r,
				   const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if (mark_check("mailbox GUID", guid, MARK_MAX_GUID, error_r) < 0)
		return -1;
	if ((stmt = ds_stmt_get(store, STMT_MARK_GET, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, guid);
	ret = ds_step(stmt);
	if (ret == DS_ROW) {
		*uidvalidity_r = (uint32_t)ds_col_int64(stmt, 0);
		*uid_r = (uint32_t)ds_col_int64(stmt, 1);
	} else if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "outgoing mark get");
	}
	ds_stmt_done(stmt);
	return ret == DS_ROW ? 1 : ret == DS_DONE ? 0 : -1;
}

int dondoc_store_outgoing_mark_put(struct dondoc_store *store,
				   const char *guid, const char *vname,
				   uint32_t uidvalidity, uint32_t uid,
				   const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if (mark_check("mailbox GUID", guid, MARK_MAX_GUID, error_r) < 0 ||
	    mark_check("mailbox", vname, DONDOC_STORE_MAX_MAILBOX,
		       error_r) < 0)
		return -1;
	if (uidvalidity == 0) {
		*error_r = "outgoing mark: UIDVALIDITY 0";
		return -1;
	}
	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if ((stmt = ds_stmt_get(store, STMT_MARK_PUT, error_r)) == NULL)
		goto fail;
	ds_bind_text(stmt, 1, guid);
	ds_bind_text(stmt, 2, vname);
	ds_bind_int64(stmt, 3, uidvalidity);
	ds_bind_int64(stmt, 4, uid);
	ds_bind_int64(stmt, 5, time(NULL));
	if (ds_stmt_exec(stmt, "outgoing mark put", error_r) < 0)
		goto fail;
	return ds_write_commit(store, error_r);
fail:
	ds_write_rollback(store);
	return -1;
}
