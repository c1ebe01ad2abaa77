/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store front end's meeting attendance (O8, see dondoc-store.h):
   every value checked and bounded before the backend sees it. */

#include "lib.h"
#include "str.h"
#include "array.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-values.h"

const char *dondoc_attendance_row_kind_name(enum dondoc_attendance_row_kind kind)
{
	return kind == DONDOC_ATTENDANCE_ROW_DELEGATE ? "delegate" : "absent";
}

static int check_attendance(const struct dondoc_meeting_attendance *att,
			    const char **error_r)
{
	if (dondoc_store_check_code("meeting code", att->meeting, TRUE,
				    error_r) < 0 ||
	    dondoc_store_check_code("agency", att->agency, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("delegate", att->delegate,
				    DONDOC_STORE_MAX_DELEGATE, FALSE,
				    error_r) < 0 ||
	    dondoc_store_check_message_id(att->message_id, error_r) < 0 ||
	    dondoc_store_check_text("document type", att->doc_type,
				    DONDOC_STORE_MAX_DOC_FIELD, FALSE,
				    error_r) < 0 ||
	    dondoc_store_check_text("document number", att->doc_number,
				    DONDOC_STORE_MAX_DOC_FIELD, FALSE,
				    error_r) < 0 ||
	    dondoc_store_check_text("document symbol", att->doc_symbol,
				    DONDOC_STORE_MAX_DOC_FIELD, FALSE,
				    error_r) < 0)
		return -1;
	if (att->kind != DONDOC_ATTENDANCE_ROW_ABSENT &&
	    att->kind != DONDOC_ATTENDANCE_ROW_DELEGATE) {
		*error_r = "attendance kind is not absent or delegate";
		return -1;
	}
	return 0;
}

int dondoc_store_attendance_put(struct dondoc_store *store,
				const struct dondoc_meeting_attendance *att,
				const char **error_r)
{
	if (check_attendance(att, error_r) < 0)
		return -1;
	return ds_attendance_put(store, att, error_r);
}

int dondoc_store_attendance_list(struct dondoc_store *store, pool_t pool,
				 const char *meeting,
				 ARRAY_TYPE(dondoc_meeting_attendance) *rows,
				 const char **error_r)
{
	if (dondoc_store_check_code("meeting code", meeting, FALSE,
				    error_r) < 0)
		return -1;
	return ds_attendance_list(store, pool, meeting, rows, error_r);
}

int dondoc_store_attendance_by_message(struct dondoc_store *store,
				       pool_t pool, const char *message_id,
				       struct dondoc_meeting_attendance *att_r,
				       const char **error_r)
{
	if (dondoc_store_check_message_id(message_id, error_r) < 0)
		return -1;
	return ds_attendance_by_message(store, pool, message_id,
					att_r, error_r);
}

int dondoc_store_attendance_consent(struct dondoc_store *store, int64_t id,
				    time_t consent_at,
				    const char *consent_message_id,
				    const char **error_r)
{
	if (dondoc_store_check_message_id(consent_message_id, error_r) < 0)
		return -1;
	if (consent_at <= 0) {
		*error_r = "consent time missing";
		return -1;
	}
	return ds_attendance_consent(store, id, consent_at,
				     consent_message_id, error_r);
}

static void row_to_att(pool_t pool, struct dondoc_store_stmt *stmt,
		       struct dondoc_meeting_attendance *a)
{
	const char *kind;

	i_zero(a);
	a->id = ds_col_int64(stmt, 0);
	a->meeting = ds_col_str(pool, stmt, 1);
	a->agency = ds_col_str(pool, stmt, 2);
	kind = ds_col_text(stmt, 3);
	a->kind = kind != NULL && strcmp(kind, "delegate") == 0 ?
		DONDOC_ATTENDANCE_ROW_DELEGATE : DONDOC_ATTENDANCE_ROW_ABSENT;
	a->delegate = ds_col_str(pool, stmt, 4);
	a->message_id = ds_col_str(pool, stmt, 5);
	a->doc_type = ds_col_str(pool, stmt, 6);
	a->doc_number = ds_col_str(pool, stmt, 7);
	a->doc_symbol = ds_col_str(pool, stmt, 8);
	a->received_at = (time_t)ds_col_int64(stmt, 9);
	a->consent_at = (time_t)ds_col_int64(stmt, 10);
	a->consent_message_id = ds_col_str(pool, stmt, 11);
}

static int att_meeting_id(struct dondoc_store *store, const char *code,
			  int64_t *id_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	stmt = ds_stmt_get(store, STMT_ATT_MEETING_ID, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	ret = ds_stmt_one(stmt, NULL, ds_row_id, id_r, "meeting id", error_r);
	if (ret == 0) {
		*error_r = t_strdup_printf("unknown meeting %s", code);
		ret = -1;
	}
	return ret;
}

int ds_attendance_put(struct dondoc_store *store,
		      const struct dondoc_meeting_attendance *att,
		      const char **error_r)
{
	struct dondoc_meeting_attendance old;
	struct dondoc_store_stmt *stmt = NULL;
	int64_t meeting_id, agency_id;
	const char *key = t_strdup_printf("%s/%s", att->meeting, att->agency);
	bool exists;
	int ret, changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (att_meeting_id(store, att->meeting, &meeting_id, error_r) < 0 ||
	    ds_agency_id_required(store, att->agency, &agency_id, error_r) < 0)
		goto fail;
	stmt = ds_stmt_get(store, STMT_ATT_BY_AGENCY, error_r);
	if (stmt == NULL)
		goto fail;
	ds_bind_id(stmt, 1, meeting_id);
	ds_bind_id(stmt, 2, agency_id);
	ret = ds_stmt_one(stmt, pool_datastack_create(), row_to_att,
			  &old, "attendance get", error_r);
	stmt = NULL;
	if (ret < 0)
		goto fail;
	exists = ret > 0;
	if (exists && strcmp(old.message_id, att->message_id) == 0) {
		/* the same reply again: nothing done twice */
		return ds_write_commit(store, error_r) < 0 ? -1 : 0;
	}
	stmt = exists ? ds_stmt_get(store, STMT_ATT_UPDATE, error_r) :
		ds_stmt_get(store, STMT_ATT_ADD, error_r);
	if (stmt == NULL)
		goto fail;
	ds_bind_id(stmt, 1, meeting_id);
	ds_bind_id(stmt, 2, agency_id);
	ds_bind_text(stmt, 3, dondoc_attendance_row_kind_name(att->kind));
	ds_bind_text(stmt, 4, att->delegate);
	ds_bind_text(stmt, 5, att->message_id);
	ds_bind_text(stmt, 6, att->doc_type);
	ds_bind_text(stmt, 7, att->doc_number);
	ds_bind_text(stmt, 8, att->doc_symbol);
	ds_bind_int64(stmt, 9, att->received_at);
	if (ds_stmt_exec(stmt, "attendance put", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	ds_stmt_done(stmt);
	stmt = NULL;
	if (changes > 0 &&
	    ds_audit(store, "attendance", key, exists ? "update" : "insert",
		     exists ? dondoc_store_attendance_value(&old) : NULL, dondoc_store_attendance_value(att),
		     error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	if (stmt != NULL)
		ds_stmt_done(stmt);
	ds_write_rollback(store);
	return -1;
}

int ds_attendance_list(struct dondoc_store *store, pool_t pool,
		       const char *meeting,
		       ARRAY_TYPE(dondoc_meeting_attendance) *rows,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, STMT_ATT_LIST, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_text(stmt, 1, meeting);
	return ds_stmt_rows(stmt, pool, row_to_att, rows,
			    "attendance list", error_r);
}

int ds_attendance_by_message(struct dondoc_store *store, pool_t pool,
			     const char *message_id,
			     struct dondoc_meeting_attendance *att_r,
			     const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, STMT_ATT_BY_MESSAGE, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_text(stmt, 1, message_id);
	return ds_stmt_one(stmt, pool, row_to_att, att_r,
			   "attendance by message", error_r);
}

int ds_attendance_consent(struct dondoc_store *store, int64_t id,
			  time_t consent_at,
			  const char *consent_message_id,
			  const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	stmt = ds_stmt_get(store, STMT_ATT_CONSENT, error_r);
	if (stmt == NULL) {
		ds_write_rollback(store);
		return -1;
	}
	ds_bind_id(stmt, 1, id);
	ds_bind_int64(stmt, 2, consent_at);
	ds_bind_text(stmt, 3, consent_message_id);
	if (ds_stmt_exec(stmt, "attendance consent", error_r) < 0) {
		ds_stmt_done(stmt);
		ds_write_rollback(store);
		return -1;
	}
	changes = ds_changes(store);
	ds_stmt_done(stmt);
	if (changes > 0 &&
	    ds_audit(store, "attendance", t_strdup_printf("%lld",
			 (long long)id), "consent", NULL, consent_message_id,
		     error_r) < 0) {
		ds_write_rollback(store);
		return -1;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
}
