/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite backend's meeting attendance (O8, table meeting_attendance
   of sql/008-meeting-attendance.sql). Statements are prepared per call:
   these run once per reply about attending, not per delivery. Trusts the
   front end (dondoc-store-attendance.c) to have checked every value. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-values.h"

#define ATT_COLUMNS \
	"t.id, m.code, a.code, t.kind, t.delegate, t.message_id, " \
	"t.doc_type, t.doc_number, t.doc_symbol, t.received_at, " \
	"t.consent_at, t.consent_message_id"
#define ATT_FROM \
	" FROM meeting_attendance t JOIN meeting m ON m.id = t.meeting_id" \
	" JOIN agency a ON a.id = t.agency_id"

static sqlite3_stmt *att_prepare(struct sqlite_store *s, const char *sql,
				 const char **error_r)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "prepare");
		return NULL;
	}
	return stmt;
}

static void row_to_att(pool_t pool, sqlite3_stmt *stmt,
		       struct dondoc_meeting_attendance *a)
{
	const char *kind;

	i_zero(a);
	a->id = sqlite3_column_int64(stmt, 0);
	a->meeting = sqlite_col_str(pool, stmt, 1);
	a->agency = sqlite_col_str(pool, stmt, 2);
	kind = (const char *)sqlite3_column_text(stmt, 3);
	a->kind = kind != NULL && strcmp(kind, "delegate") == 0 ?
		DONDOC_ATTENDANCE_ROW_DELEGATE : DONDOC_ATTENDANCE_ROW_ABSENT;
	a->delegate = sqlite_col_str(pool, stmt, 4);
	a->message_id = sqlite_col_str(pool, stmt, 5);
	a->doc_type = sqlite_col_str(pool, stmt, 6);
	a->doc_number = sqlite_col_str(pool, stmt, 7);
	a->doc_symbol = sqlite_col_str(pool, stmt, 8);
	a->received_at = (time_t)sqlite3_column_int64(stmt, 9);
	a->consent_at = (time_t)sqlite3_column_int64(stmt, 10);
	a->consent_message_id = sqlite_col_str(pool, stmt, 11);
}

static int att_meeting_id(struct sqlite_store *s, const char *code,
			  int64_t *id_r, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	stmt = att_prepare(s, "SELECT id FROM meeting WHERE code = ?1",
			   error_r);
	if (stmt == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, code);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*id_r = sqlite3_column_int64(stmt, 0);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		*error_r = t_strdup_printf("unknown meeting %s", code);
		ret = -1;
	} else {
		*error_r = sqlite_errstr(s, "meeting id");
		ret = -1;
	}
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_attendance_put(struct dondoc_store *store,
			  const struct dondoc_meeting_attendance *att,
			  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	struct dondoc_meeting_attendance old;
	sqlite3_stmt *stmt = NULL;
	int64_t meeting_id, agency_id;
	const char *key = t_strdup_printf("%s/%s", att->meeting, att->agency);
	bool exists;
	int ret, changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (att_meeting_id(s, att->meeting, &meeting_id, error_r) < 0 ||
	    ds_agency_id_required(&s->store, att->agency, &agency_id, error_r) < 0)
		goto fail;
	stmt = att_prepare(s, "SELECT " ATT_COLUMNS ATT_FROM
			   " WHERE t.meeting_id = ?1 AND t.agency_id = ?2",
			   error_r);
	if (stmt == NULL)
		goto fail;
	sqlite_bind_id(stmt, 1, meeting_id);
	sqlite_bind_id(stmt, 2, agency_id);
	ret = sqlite_stmt_one(s, stmt, pool_datastack_create(), row_to_att,
			      &old, "attendance get", error_r);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (ret < 0)
		goto fail;
	exists = ret > 0;
	if (exists && strcmp(old.message_id, att->message_id) == 0) {
		/* the same reply again: nothing done twice */
		return sqlite_write_commit(s, error_r) < 0 ? -1 : 0;
	}
	stmt = att_prepare(s, exists ?
		"UPDATE meeting_attendance SET kind = ?3, delegate = ?4, "
		"message_id = ?5, doc_type = ?6, doc_number = ?7, "
		"doc_symbol = ?8, received_at = ?9 "
		"WHERE meeting_id = ?1 AND agency_id = ?2" :
		"INSERT INTO meeting_attendance (meeting_id, agency_id, kind, "
		"delegate, message_id, doc_type, doc_number, doc_symbol, "
		"received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		error_r);
	if (stmt == NULL)
		goto fail;
	sqlite_bind_id(stmt, 1, meeting_id);
	sqlite_bind_id(stmt, 2, agency_id);
	sqlite_bind_text(stmt, 3, dondoc_attendance_row_kind_name(att->kind));
	sqlite_bind_text(stmt, 4, att->delegate);
	sqlite_bind_text(stmt, 5, att->message_id);
	sqlite_bind_text(stmt, 6, att->doc_type);
	sqlite_bind_text(stmt, 7, att->doc_number);
	sqlite_bind_text(stmt, 8, att->doc_symbol);
	(void)sqlite3_bind_int64(stmt, 9, (sqlite3_int64)att->received_at);
	if (sqlite_stmt_exec(s, stmt, "attendance put", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (changes > 0 &&
	    sqlite_audit(s, "attendance", key, exists ? "update" : "insert",
			 exists ? dondoc_store_attendance_value(&old) : NULL, dondoc_store_attendance_value(att),
			 error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	if (stmt != NULL)
		sqlite3_finalize(stmt);
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_attendance_list(struct dondoc_store *store, pool_t pool,
			   const char *meeting,
			   ARRAY_TYPE(dondoc_meeting_attendance) *rows,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	stmt = att_prepare(s, "SELECT " ATT_COLUMNS ATT_FROM
			   " WHERE ?1 IS NULL OR m.code = ?1"
			   " ORDER BY m.date, m.code, a.code", error_r);
	if (stmt == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, meeting);
	ret = sqlite_stmt_rows(s, stmt, pool, row_to_att, rows,
			       "attendance list", error_r);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_attendance_by_message(struct dondoc_store *store, pool_t pool,
				 const char *message_id,
				 struct dondoc_meeting_attendance *att_r,
				 const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	stmt = att_prepare(s, "SELECT " ATT_COLUMNS ATT_FROM
			   " WHERE t.message_id = ?1 ORDER BY t.id LIMIT 1",
			   error_r);
	if (stmt == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, message_id);
	ret = sqlite_stmt_one(s, stmt, pool, row_to_att, att_r,
			      "attendance by message", error_r);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_attendance_consent(struct dondoc_store *store, int64_t id,
			      time_t consent_at,
			      const char *consent_message_id,
			      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	stmt = att_prepare(s, "UPDATE meeting_attendance SET consent_at = ?2, "
			   "consent_message_id = ?3 WHERE id = ?1 AND "
			   "consent_at = 0", error_r);
	if (stmt == NULL) {
		sqlite_write_rollback(s);
		return -1;
	}
	sqlite_bind_id(stmt, 1, id);
	(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)consent_at);
	sqlite_bind_text(stmt, 3, consent_message_id);
	if (sqlite_stmt_exec(s, stmt, "attendance consent", error_r) < 0) {
		sqlite3_finalize(stmt);
		sqlite_write_rollback(s);
		return -1;
	}
	changes = sqlite3_changes(s->db);
	sqlite3_finalize(stmt);
	if (changes > 0 &&
	    sqlite_audit(s, "attendance", t_strdup_printf("%lld",
			 (long long)id), "consent", NULL, consent_message_id,
			 error_r) < 0) {
		sqlite_write_rollback(s);
		return -1;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
}
