/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The SQLite backend's meetings (with the notice that called them), the
   rewrite of a task by a corrected assigning document, and submissions
   assigned to a task by hand. Statements are
   prepared per call: these run once per outgoing notice, not per
   delivery. Trusts the front end (dondoc-store.c) to have checked every
   value. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-values.h"

#define MEETING_COLUMNS \
	"m.id, m.code, m.title, m.date, m.place, a.code, m.time, m.chair, " \
	"m.agenda, m.notice_sent, m.notice_workdays, m.notice_type, " \
	"m.notice_number, m.notice_symbol, m.notice_message_id"
#define MEETING_FROM \
	" FROM meeting m LEFT JOIN agency a ON a.id = m.convener_agency_id"

static sqlite3_stmt *meeting_prepare(struct sqlite_store *s, const char *sql,
				     const char **error_r)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, "prepare");
		return NULL;
	}
	return stmt;
}

static void row_to_meeting(pool_t pool, sqlite3_stmt *stmt,
			   struct dondoc_meeting *m)
{
	i_zero(m);
	m->id = sqlite3_column_int64(stmt, 0);
	m->code = sqlite_col_str(pool, stmt, 1);
	m->title = sqlite_col_str(pool, stmt, 2);
	sqlite_col_date(stmt, 3, &m->date);
	m->place = sqlite_col_str(pool, stmt, 4);
	m->convener = sqlite_col_str(pool, stmt, 5);
	m->time = sqlite_col_str(pool, stmt, 6);
	m->chair = sqlite_col_str(pool, stmt, 7);
	m->agenda = sqlite_col_str(pool, stmt, 8);
	m->notice_sent = (time_t)sqlite3_column_int64(stmt, 9);
	m->notice_workdays = sqlite3_column_int(stmt, 10);
	m->notice_type = sqlite_col_str(pool, stmt, 11);
	m->notice_number = sqlite_col_str(pool, stmt, 12);
	m->notice_symbol = sqlite_col_str(pool, stmt, 13);
	m->notice_message_id = sqlite_col_str(pool, stmt, 14);
}

/* Bind the columns after code (?2 title .. ?14) in the order of the
   INSERT and UPDATE below. */
static void meeting_bind(sqlite3_stmt *stmt, const struct dondoc_meeting *m,
			 int64_t convener)
{
	sqlite_bind_text(stmt, 1, m->code);
	sqlite_bind_text_empty(stmt, 2, m->title);
	sqlite_bind_date(stmt, 3, &m->date);
	sqlite_bind_text(stmt, 4, m->place);
	sqlite_bind_id(stmt, 5, convener);
	sqlite_bind_text(stmt, 6, m->time);
	sqlite_bind_text(stmt, 7, m->chair);
	sqlite_bind_text(stmt, 8, m->agenda);
	if (m->notice_sent != 0) {
		(void)sqlite3_bind_int64(stmt, 9, (sqlite3_int64)m->notice_sent);
		(void)sqlite3_bind_int(stmt, 10, m->notice_workdays);
	}
	sqlite_bind_text(stmt, 11, m->notice_type);
	sqlite_bind_text(stmt, 12, m->notice_number);
	sqlite_bind_text(stmt, 13, m->notice_symbol);
	sqlite_bind_text(stmt, 14, m->notice_message_id);
}

int sqlite_meeting_add(struct dondoc_store *store,
		       const struct dondoc_meeting *meeting,
		       int64_t *id_r, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt = NULL;
	int64_t convener = 0;
	int changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (meeting->convener != NULL &&
	    ds_agency_id_required(&s->store, meeting->convener, &convener,
				      error_r) < 0)
		goto fail;
	stmt = meeting_prepare(s, "INSERT INTO meeting (code, title, date, "
		"place, convener_agency_id, time, chair, agenda, notice_sent, "
		"notice_workdays, notice_type, notice_number, notice_symbol, "
		"notice_message_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
		"?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING", error_r);
	if (stmt == NULL)
		goto fail;
	meeting_bind(stmt, meeting, convener);
	if (sqlite_stmt_exec(s, stmt, "meeting add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = sqlite3_last_insert_rowid(s->db);
		if (sqlite_audit(s, "meeting", meeting->code, "insert", NULL,
				 dondoc_date_to_str(&meeting->date),
				 error_r) < 0)
			goto fail;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	if (stmt != NULL)
		sqlite3_finalize(stmt);
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_meeting_list(struct dondoc_store *store, pool_t pool,
			ARRAY_TYPE(dondoc_meeting) *meetings,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	stmt = meeting_prepare(s, "SELECT " MEETING_COLUMNS MEETING_FROM
			       " ORDER BY m.date, m.time, m.code", error_r);
	if (stmt == NULL)
		return -1;
	ret = sqlite_stmt_rows(s, stmt, pool, row_to_meeting, meetings,
			       "meeting list", error_r);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_meeting_get(struct dondoc_store *store, pool_t pool,
		       const char *code, struct dondoc_meeting *meeting_r,
		       const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	stmt = meeting_prepare(s, "SELECT " MEETING_COLUMNS MEETING_FROM
			       " WHERE m.code = ?1", error_r);
	if (stmt == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, code);
	ret = sqlite_stmt_one(s, stmt, pool, row_to_meeting, meeting_r,
			      "meeting get", error_r);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_meeting_by_notice(struct dondoc_store *store, pool_t pool,
			     const char *symbol, const char *number,
			     struct dondoc_meeting *meeting_r,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	stmt = meeting_prepare(s, "SELECT " MEETING_COLUMNS MEETING_FROM
			       " WHERE m.notice_symbol = ?1 AND "
			       "m.notice_number IS ?2", error_r);
	if (stmt == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, symbol);
	sqlite_bind_text(stmt, 2, number);
	ret = sqlite_stmt_one(s, stmt, pool, row_to_meeting, meeting_r,
			      "meeting by notice", error_r);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_meeting_update(struct dondoc_store *store,
			  const struct dondoc_meeting *meeting,
			  const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	struct dondoc_meeting old;
	sqlite3_stmt *stmt = NULL;
	int64_t convener = 0;
	int ret, changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	ret = sqlite_meeting_get(store, pool_datastack_create(),
				 meeting->code, &old, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("no meeting %s", meeting->code);
	if (ret <= 0)
		goto fail;
	if (meeting->convener != NULL &&
	    ds_agency_id_required(&s->store, meeting->convener, &convener,
				      error_r) < 0)
		goto fail;
	stmt = meeting_prepare(s, "UPDATE meeting SET title = ?2, date = ?3, "
		"place = ?4, convener_agency_id = ?5, time = ?6, chair = ?7, "
		"agenda = ?8, notice_sent = ?9, notice_workdays = ?10, "
		"notice_type = ?11, notice_number = ?12, notice_symbol = ?13, "
		"notice_message_id = ?14 WHERE code = ?1 AND (title IS NOT ?2 "
		"OR date IS NOT ?3 OR place IS NOT ?4 OR "
		"convener_agency_id IS NOT ?5 OR time IS NOT ?6 OR "
		"chair IS NOT ?7 OR agenda IS NOT ?8 OR notice_sent IS NOT ?9 "
		"OR notice_workdays IS NOT ?10 OR notice_type IS NOT ?11 OR "
		"notice_number IS NOT ?12 OR notice_symbol IS NOT ?13 OR "
		"notice_message_id IS NOT ?14)", error_r);
	if (stmt == NULL)
		goto fail;
	meeting_bind(stmt, meeting, convener);
	if (sqlite_stmt_exec(s, stmt, "meeting update", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (changes > 0 &&
	    sqlite_audit(s, "meeting", meeting->code, "update",
			 dondoc_store_meeting_when(&old.date, old.time),
			 dondoc_store_meeting_when(&meeting->date, meeting->time),
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

int sqlite_task_update(struct dondoc_store *store,
		       const struct dondoc_task *task, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	struct dondoc_task old;
	sqlite3_stmt *stmt = NULL;
	int ret, changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	ret = ds_task_by_code(store, pool_datastack_create(), task->code,
				  &old, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("no task %s", task->code);
	if (ret <= 0)
		goto fail;
	stmt = meeting_prepare(s, "UPDATE task SET title = ?2, due = ?3, "
		"assigner = ?4, source_type = ?5, source_number = ?6, "
		"source_symbol = ?7, updated_at = ?8 WHERE code = ?1 AND "
		"(title IS NOT ?2 OR due IS NOT ?3 OR assigner IS NOT ?4 OR "
		"source_type IS NOT ?5 OR source_number IS NOT ?6 OR "
		"source_symbol IS NOT ?7)", error_r);
	if (stmt == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, task->code);
	sqlite_bind_text_empty(stmt, 2, task->title);
	sqlite_bind_date(stmt, 3, &task->due);
	sqlite_bind_text(stmt, 4, task->assigner);
	sqlite_bind_text(stmt, 5, task->source_type);
	sqlite_bind_text(stmt, 6, task->source_number);
	sqlite_bind_text(stmt, 7, task->source_symbol);
	(void)sqlite3_bind_int64(stmt, 8, (sqlite3_int64)time(NULL));
	if (sqlite_stmt_exec(s, stmt, "task update", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (changes > 0 &&
	    sqlite_audit(s, "task", task->code, "update",
			 dondoc_date_to_str(&old.due),
			 dondoc_date_to_str(&task->due), error_r) < 0)
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

int sqlite_submission_assign(struct dondoc_store *store,
			     const struct dondoc_submission *sub,
			     struct dondoc_submission_result *result_r,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status from, to;
	sqlite3_stmt *stmt = NULL;
	const char *code, *old_task, *old_match;
	int64_t task_id, sub_id;
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	ret = ds_task_status_by_code(&s->store, sub->task_code, &task_id, &from,
					 &code, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("unknown task '%s'", sub->task_code);
	if (ret <= 0)
		goto fail;
	stmt = meeting_prepare(s, "SELECT s.id, t.code, s.match FROM "
		"submission s LEFT JOIN task t ON t.id = s.task_id "
		"WHERE s.message_id = ?1", error_r);
	if (stmt == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, sub->message_id);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_DONE) {
		sqlite3_finalize(stmt);
		/* never recorded: recorded now (it joins our transaction) */
		ret = ds_record_submission(store, sub, result_r, error_r);
		if (ret < 0)
			goto fail_nostmt;
		if (sqlite_write_commit(s, error_r) < 0)
			return -1;
		return ret;
	}
	if (ret != SQLITE_ROW) {
		*error_r = sqlite_errstr(s, "submission lookup");
		goto fail;
	}
	sub_id = sqlite3_column_int64(stmt, 0);
	old_task = t_strdup((const char *)sqlite3_column_text(stmt, 1));
	old_match = t_strdup((const char *)sqlite3_column_text(stmt, 2));
	sqlite3_finalize(stmt);
	stmt = NULL;
	result_r->submission_id = sub_id;
	if (old_task != NULL && strcasecmp(old_task, code) == 0 &&
	    old_match != NULL && strcmp(old_match, "manual") == 0) {
		result_r->duplicate = TRUE;
		sqlite_write_rollback(s);
		return 0;
	}
	stmt = meeting_prepare(s, "UPDATE submission SET task_id = ?2, "
		"match = 'manual', trust = 'verified', late = ?3, "
		"late_days = ?4 WHERE id = ?1", error_r);
	if (stmt == NULL)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, sub_id);
	(void)sqlite3_bind_int64(stmt, 2, task_id);
	(void)sqlite3_bind_int(stmt, 3, sub->late ? 1 : 0);
	(void)sqlite3_bind_int(stmt, 4, (int)sub->late_days);
	if (sqlite_stmt_exec(s, stmt, "submission assign", error_r) < 0)
		goto fail;
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (sqlite_audit(s, "submission", sub->message_id, "assign",
			 t_strdup_printf("task=%s match=%s",
					 old_task == NULL ? "-" : old_task,
					 old_match == NULL ? "none" : old_match),
			 t_strdup_printf("task=%s match=manual %s late_days=%u",
					 code, sub->late ? "late" : "on-time",
					 sub->late_days), error_r) < 0)
		goto fail;
	result_r->old_status = result_r->new_status = from;
	if (dondoc_task_status_after_submission(from, sub->late, &to)) {
		if (ds_task_set_status(&s->store, task_id, code, from, to,
			t_strdup_printf("submission %s filed by hand",
					sub->message_id), error_r) < 0)
			goto fail;
		result_r->transitioned = TRUE;
		result_r->new_status = to;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	if (stmt != NULL)
		sqlite3_finalize(stmt);
fail_nostmt:
	sqlite_write_rollback(s);
	return -1;
}
