/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Meetings (with the notice that called them), the rewrite of a task by
   a corrected assigning document, and submissions assigned to a task by
   hand (see dondoc-store.h): the front end, every value checked and
   bounded (the checks of dondoc-store.c) before a statement sees it,
   then the statements, written once over the store's statement driver
   (dondoc-store-driver.h) for both backends. */

#include "lib.h"
#include "str.h"
#include "array.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-values.h"

#include <ctype.h>

static int check_meeting(const struct dondoc_meeting *meeting,
			 const char **error_r)
{
	if (dondoc_store_check_code("meeting code", meeting->code, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("meeting title", meeting->title,
		       DONDOC_STORE_MAX_NAME, TRUE, error_r) < 0 ||
	    dondoc_store_check_date("meeting date", &meeting->date, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("meeting place", meeting->place,
		       DONDOC_STORE_MAX_NAME, FALSE, error_r) < 0 ||
	    dondoc_store_check_code("convener", meeting->convener, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("meeting time", meeting->time, 5, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("meeting chair", meeting->chair,
		       DONDOC_STORE_MAX_NAME, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("meeting agenda", meeting->agenda,
		       DONDOC_STORE_MAX_TEXT, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("notice type", meeting->notice_type,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("notice number", meeting->notice_number,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("notice symbol", meeting->notice_symbol,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0)
		return -1;
	if (meeting->notice_message_id != NULL &&
	    dondoc_store_check_message_id(meeting->notice_message_id, error_r) < 0)
		return -1;
	if (meeting->time != NULL &&
	    (strlen(meeting->time) != 5 || !i_isdigit(meeting->time[0]) ||
	     !i_isdigit(meeting->time[1]) || meeting->time[2] != ':' ||
	     !i_isdigit(meeting->time[3]) || !i_isdigit(meeting->time[4]))) {
		*error_r = "meeting time is not HH:MM";
		return -1;
	}
	if (meeting->notice_workdays < 0) {
		*error_r = "notice working days must not be negative";
		return -1;
	}
	return 0;
}

int dondoc_store_meeting_add(struct dondoc_store *store,
			     const struct dondoc_meeting *meeting,
			     int64_t *id_r, const char **error_r)
{
	if (check_meeting(meeting, error_r) < 0)
		return -1;
	return ds_meeting_add(store, meeting, id_r, error_r);
}

int dondoc_store_meeting_list(struct dondoc_store *store, pool_t pool,
			      ARRAY_TYPE(dondoc_meeting) *meetings,
			      const char **error_r)
{
	return ds_meeting_list(store, pool, meetings, error_r);
}

int dondoc_store_meeting_get(struct dondoc_store *store, pool_t pool,
			     const char *code,
			     struct dondoc_meeting *meeting_r,
			     const char **error_r)
{
	if (dondoc_store_check_code("meeting code", code, TRUE, error_r) < 0)
		return -1;
	return ds_meeting_get(store, pool, code, meeting_r, error_r);
}

int dondoc_store_meeting_by_notice(struct dondoc_store *store, pool_t pool,
				   const char *symbol, const char *number,
				   struct dondoc_meeting *meeting_r,
				   const char **error_r)
{
	if (dondoc_store_check_text("notice symbol", symbol, DONDOC_STORE_MAX_DOC_FIELD,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_text("notice number", number, DONDOC_STORE_MAX_DOC_FIELD,
		       FALSE, error_r) < 0)
		return -1;
	return ds_meeting_by_notice(store, pool, symbol, number,
				    meeting_r, error_r);
}

int dondoc_store_meeting_update(struct dondoc_store *store,
				const struct dondoc_meeting *meeting,
				const char **error_r)
{
	if (check_meeting(meeting, error_r) < 0)
		return -1;
	return ds_meeting_update(store, meeting, error_r);
}

int dondoc_store_task_update(struct dondoc_store *store,
			     const struct dondoc_task *task,
			     const char **error_r)
{
	if (dondoc_store_check_task(task, error_r) < 0)
		return -1;
	return ds_task_update(store, task, error_r);
}

int dondoc_store_submission_assign(struct dondoc_store *store,
				   const struct dondoc_submission *sub,
				   struct dondoc_submission_result *result_r,
				   const char **error_r)
{
	i_zero(result_r);
	if (dondoc_store_check_message_id(sub->message_id, error_r) < 0 ||
	    dondoc_store_check_code("task code", sub->task_code, TRUE,
				    error_r) < 0 ||
	    dondoc_store_check_text("sender", sub->sender_email,
				    DONDOC_STORE_MAX_EMAIL, FALSE,
				    error_r) < 0)
		return -1;
	if (sub->match != DONDOC_MATCH_MANUAL ||
	    sub->trust != DONDOC_TRUST_VERIFIED) {
		*error_r = "a submission assigned by hand is manual and verified";
		return -1;
	}
	return ds_submission_assign(store, sub, result_r, error_r);
}

static void row_to_meeting(pool_t pool, struct dondoc_store_stmt *stmt,
			   struct dondoc_meeting *m)
{
	i_zero(m);
	m->id = ds_col_int64(stmt, 0);
	m->code = ds_col_str(pool, stmt, 1);
	m->title = ds_col_str(pool, stmt, 2);
	ds_col_date(stmt, 3, &m->date);
	m->place = ds_col_str(pool, stmt, 4);
	m->convener = ds_col_str(pool, stmt, 5);
	m->time = ds_col_str(pool, stmt, 6);
	m->chair = ds_col_str(pool, stmt, 7);
	m->agenda = ds_col_str(pool, stmt, 8);
	m->notice_sent = (time_t)ds_col_int64(stmt, 9);
	m->notice_workdays = ds_col_int(stmt, 10);
	m->notice_type = ds_col_str(pool, stmt, 11);
	m->notice_number = ds_col_str(pool, stmt, 12);
	m->notice_symbol = ds_col_str(pool, stmt, 13);
	m->notice_message_id = ds_col_str(pool, stmt, 14);
}

/* Bind the columns after code ($2 title .. $14) in the order of the
   INSERT and UPDATE below. */
static void meeting_bind(struct dondoc_store_stmt *stmt, const struct dondoc_meeting *m,
			 int64_t convener)
{
	ds_bind_text(stmt, 1, m->code);
	ds_bind_text_empty(stmt, 2, m->title);
	ds_bind_date(stmt, 3, &m->date);
	ds_bind_text(stmt, 4, m->place);
	ds_bind_id(stmt, 5, convener);
	ds_bind_text(stmt, 6, m->time);
	ds_bind_text(stmt, 7, m->chair);
	ds_bind_text(stmt, 8, m->agenda);
	if (m->notice_sent != 0) {
		ds_bind_int64(stmt, 9, m->notice_sent);
		ds_bind_int64(stmt, 10, m->notice_workdays);
	}
	ds_bind_text(stmt, 11, m->notice_type);
	ds_bind_text(stmt, 12, m->notice_number);
	ds_bind_text(stmt, 13, m->notice_symbol);
	ds_bind_text(stmt, 14, m->notice_message_id);
}

int ds_meeting_add(struct dondoc_store *store,
		   const struct dondoc_meeting *meeting,
		   int64_t *id_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt = NULL;
	int64_t convener = 0;
	int changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (meeting->convener != NULL &&
	    ds_agency_id_required(store, meeting->convener, &convener,
				  error_r) < 0)
		goto fail;
	stmt = ds_stmt_get(store, STMT_MEETING_ADD, error_r);
	if (stmt == NULL)
		goto fail;
	meeting_bind(stmt, meeting, convener);
	if (ds_stmt_exec(stmt, "meeting add", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	ds_stmt_done(stmt);
	stmt = NULL;
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = ds_last_id(store);
		if (ds_audit(store, "meeting", meeting->code, "insert", NULL,
			     dondoc_date_to_str(&meeting->date),
			     error_r) < 0)
			goto fail;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	if (stmt != NULL)
		ds_stmt_done(stmt);
	ds_write_rollback(store);
	return -1;
}

int ds_meeting_list(struct dondoc_store *store, pool_t pool,
		    ARRAY_TYPE(dondoc_meeting) *meetings,
		    const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, STMT_MEETING_LIST, error_r);
	if (stmt == NULL)
		return -1;
	return ds_stmt_rows(stmt, pool, row_to_meeting, meetings,
			    "meeting list", error_r);
}

int ds_meeting_get(struct dondoc_store *store, pool_t pool,
		   const char *code, struct dondoc_meeting *meeting_r,
		   const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, STMT_MEETING_GET, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	return ds_stmt_one(stmt, pool, row_to_meeting, meeting_r,
			   "meeting get", error_r);
}

int ds_meeting_by_notice(struct dondoc_store *store, pool_t pool,
			 const char *symbol, const char *number,
			 struct dondoc_meeting *meeting_r,
			 const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	stmt = ds_stmt_get(store, STMT_MEETING_BY_NOTICE, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_text(stmt, 1, symbol);
	ds_bind_text(stmt, 2, number);
	return ds_stmt_one(stmt, pool, row_to_meeting, meeting_r,
			   "meeting by notice", error_r);
}

int ds_meeting_update(struct dondoc_store *store,
		      const struct dondoc_meeting *meeting,
		      const char **error_r)
{
	struct dondoc_meeting old;
	struct dondoc_store_stmt *stmt = NULL;
	int64_t convener = 0;
	int ret, changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	ret = ds_meeting_get(store, pool_datastack_create(),
			     meeting->code, &old, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("no meeting %s", meeting->code);
	if (ret <= 0)
		goto fail;
	if (meeting->convener != NULL &&
	    ds_agency_id_required(store, meeting->convener, &convener,
				  error_r) < 0)
		goto fail;
	stmt = ds_stmt_get(store, STMT_MEETING_UPDATE, error_r);
	if (stmt == NULL)
		goto fail;
	meeting_bind(stmt, meeting, convener);
	if (ds_stmt_exec(stmt, "meeting update", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	ds_stmt_done(stmt);
	stmt = NULL;
	if (changes > 0 &&
	    ds_audit(store, "meeting", meeting->code, "update",
		     dondoc_store_meeting_when(&old.date, old.time),
		     dondoc_store_meeting_when(&meeting->date, meeting->time),
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

int ds_task_update(struct dondoc_store *store,
		   const struct dondoc_task *task, const char **error_r)
{
	struct dondoc_task old;
	struct dondoc_store_stmt *stmt = NULL;
	int ret, changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	ret = ds_task_by_code(store, pool_datastack_create(), task->code,
			      &old, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("no task %s", task->code);
	if (ret <= 0)
		goto fail;
	stmt = ds_stmt_get(store, STMT_TASK_UPDATE, error_r);
	if (stmt == NULL)
		goto fail;
	ds_bind_text(stmt, 1, task->code);
	ds_bind_text_empty(stmt, 2, task->title);
	ds_bind_date(stmt, 3, &task->due);
	ds_bind_text(stmt, 4, task->assigner);
	ds_bind_text(stmt, 5, task->source_type);
	ds_bind_text(stmt, 6, task->source_number);
	ds_bind_text(stmt, 7, task->source_symbol);
	ds_bind_int64(stmt, 8, time(NULL));
	if (ds_stmt_exec(stmt, "task update", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	ds_stmt_done(stmt);
	stmt = NULL;
	if (changes > 0 &&
	    ds_audit(store, "task", task->code, "update",
		     dondoc_date_to_str(&old.due),
		     dondoc_date_to_str(&task->due), error_r) < 0)
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

int ds_submission_assign(struct dondoc_store *store,
			 const struct dondoc_submission *sub,
			 struct dondoc_submission_result *result_r,
			 const char **error_r)
{
	enum dondoc_task_status from, to;
	struct dondoc_store_stmt *stmt = NULL;
	const char *code, *old_task, *old_match;
	int64_t task_id, sub_id;
	int ret;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	ret = ds_task_status_by_code(store, sub->task_code, &task_id, &from,
				     &code, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("unknown task '%s'", sub->task_code);
	if (ret <= 0)
		goto fail;
	stmt = ds_stmt_get(store, STMT_SUBMISSION_TO_ASSIGN, error_r);
	if (stmt == NULL)
		goto fail;
	ds_bind_text(stmt, 1, sub->message_id);
	ret = ds_step(stmt);
	if (ret == DS_DONE) {
		ds_stmt_done(stmt);
		/* never recorded: recorded now (it joins our transaction) */
		ret = ds_record_submission(store, sub, result_r, error_r);
		if (ret < 0)
			goto fail_nostmt;
		if (ds_write_commit(store, error_r) < 0)
			return -1;
		return ret;
	}
	if (ret != DS_ROW) {
		*error_r = ds_errstr(store, "submission lookup");
		goto fail;
	}
	sub_id = ds_col_int64(stmt, 0);
	old_task = t_strdup(ds_col_text(stmt, 1));
	old_match = t_strdup(ds_col_text(stmt, 2));
	ds_stmt_done(stmt);
	stmt = NULL;
	result_r->submission_id = sub_id;
	if (old_task != NULL && strcasecmp(old_task, code) == 0 &&
	    old_match != NULL && strcmp(old_match, "manual") == 0) {
		result_r->duplicate = TRUE;
		ds_write_rollback(store);
		return 0;
	}
	stmt = ds_stmt_get(store, STMT_SUBMISSION_ASSIGN, error_r);
	if (stmt == NULL)
		goto fail;
	ds_bind_int64(stmt, 1, sub_id);
	ds_bind_int64(stmt, 2, task_id);
	ds_bind_int64(stmt, 3, sub->late ? 1 : 0);
	ds_bind_int64(stmt, 4, (int)sub->late_days);
	if (ds_stmt_exec(stmt, "submission assign", error_r) < 0)
		goto fail;
	ds_stmt_done(stmt);
	stmt = NULL;
	if (ds_audit(store, "submission", sub->message_id, "assign",
		     t_strdup_printf("task=%s match=%s",
				     old_task == NULL ? "-" : old_task,
				     old_match == NULL ? "none" : old_match),
		     t_strdup_printf("task=%s match=manual %s late_days=%u",
				     code, sub->late ? "late" : "on-time",
				     sub->late_days), error_r) < 0)
		goto fail;
	result_r->old_status = result_r->new_status = from;
	if (dondoc_task_status_after_submission(from, sub->late, &to)) {
		if (ds_task_set_status(store, task_id, code, from, to,
			t_strdup_printf("submission %s filed by hand",
					sub->message_id), error_r) < 0)
			goto fail;
		result_r->transitioned = TRUE;
		result_r->new_status = to;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return 1;
fail:
	if (stmt != NULL)
		ds_stmt_done(stmt);
fail_nostmt:
	ds_write_rollback(store);
	return -1;
}
