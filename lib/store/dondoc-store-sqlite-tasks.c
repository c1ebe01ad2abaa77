/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: tasks (added, looked up, listed, moved through their
   states with an audit row), the regulation's obligations and meetings.
   Arguments were validated by dondoc-store.c. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"

/* ---- tasks ---- */

static void row_to_task(pool_t pool, sqlite3_stmt *stmt,
			struct dondoc_task *task_r)
{
	const char *status, *kind;

	i_zero(task_r);
	task_r->id = sqlite3_column_int64(stmt, 0);
	task_r->code = sqlite_col_str(pool, stmt, 1);
	task_r->title = sqlite_col_str(pool, stmt, 2);
	task_r->agency = sqlite_col_str(pool, stmt, 3);
	task_r->assigner = sqlite_col_str(pool, stmt, 4);
	task_r->source_type = sqlite_col_str(pool, stmt, 5);
	task_r->source_number = sqlite_col_str(pool, stmt, 6);
	task_r->source_symbol = sqlite_col_str(pool, stmt, 7);
	sqlite_col_date(stmt, 8, &task_r->due);
	status = (const char *)sqlite3_column_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &task_r->status))
		task_r->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	kind = (const char *)sqlite3_column_text(stmt, 10);
	if (kind != NULL && kind[0] != '\0') {
		task_r->period.kind = kind[0];
		task_r->period.year = sqlite3_column_int(stmt, 11);
		task_r->period.index = sqlite3_column_int(stmt, 12);
	}
	task_r->doc_type = sqlite_col_str(pool, stmt, 13);
	task_r->obligation = sqlite_col_str(pool, stmt, 14);
	task_r->created_at = (time_t)sqlite3_column_int64(stmt, 15);
}

/* Collect every row as a task; returns the count or -1. */
static int stmt_tasks(struct sqlite_store *s, sqlite3_stmt *stmt,
		      pool_t pool, ARRAY_TYPE(dondoc_task) *tasks,
		      const char **error_r)
{

	return sqlite_stmt_rows(s, stmt, pool, row_to_task, tasks,
			 "task lookup", error_r);
}

static int stmt_task_one(struct sqlite_store *s, sqlite3_stmt *stmt,
			 pool_t pool, struct dondoc_task *task_r,
			 const char **error_r)
{
	int ret = sqlite3_step(stmt);

	if (ret == SQLITE_ROW) {
		row_to_task(pool, stmt, task_r);
		ret = 1;
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "task lookup");
		ret = -1;
	}
	sqlite_stmt_done(stmt);
	return ret;
}

int sqlite_task_add(struct dondoc_store *store,
		    const struct dondoc_task *task, int64_t *id_r,
		    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int64_t agency;
	char kind[2] = { task->period.kind, '\0' };
	int changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (sqlite_agency_id_required(s, task->agency, &agency, error_r) < 0)
		goto fail;
	if ((stmt = sqlite_stmt_get(s, STMT_TASK_ADD, error_r)) == NULL)
		goto fail;
	sqlite_bind_text(stmt, 1, task->code);
	sqlite_bind_text_empty(stmt, 2, task->title);
	(void)sqlite3_bind_int64(stmt, 3, agency);
	sqlite_bind_text(stmt, 4, task->assigner);
	sqlite_bind_text(stmt, 5, task->source_type);
	sqlite_bind_text(stmt, 6, task->source_number);
	sqlite_bind_text(stmt, 7, task->source_symbol);
	sqlite_bind_date(stmt, 8, &task->due);
	sqlite_bind_text_empty(stmt, 9, kind);
	(void)sqlite3_bind_int(stmt, 10, task->period.year);
	(void)sqlite3_bind_int(stmt, 11, task->period.index);
	sqlite_bind_text(stmt, 12, task->doc_type);
	sqlite_bind_text(stmt, 13, task->obligation);
	(void)sqlite3_bind_int64(stmt, 14, (sqlite3_int64)time(NULL));
	if (sqlite_stmt_exec(s, stmt, "task add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = sqlite3_last_insert_rowid(s->db);
		if (sqlite_audit(s, "task", task->code, "insert", NULL,
			  dondoc_task_status_name(DONDOC_TASK_OPEN),
			  error_r) < 0)
			goto fail;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_task_by_code(struct dondoc_store *store, pool_t pool,
			const char *code, struct dondoc_task *task_r,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_TASK_BY_CODE, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, code);
	return stmt_task_one(s, stmt, pool, task_r, error_r);
}

int sqlite_tasks_by_period(struct dondoc_store *store, pool_t pool,
			   const char *agency, const char *doc_type,
			   const struct dondoc_period *period,
			   ARRAY_TYPE(dondoc_task) *tasks,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	char kind[2] = { period->kind, '\0' };

	if ((stmt = sqlite_stmt_get(s, STMT_TASK_BY_PERIOD, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, agency);
	(void)sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_TRANSIENT);
	(void)sqlite3_bind_int(stmt, 3, period->year);
	(void)sqlite3_bind_int(stmt, 4, period->index);
	sqlite_bind_text(stmt, 5, doc_type);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

int sqlite_tasks_by_source(struct dondoc_store *store, pool_t pool,
			   const char *symbol, const char *number,
			   ARRAY_TYPE(dondoc_task) *tasks,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_TASK_BY_SOURCE, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, symbol);
	sqlite_bind_text(stmt, 2, number);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

/* The listing statement for filter, bound. */
static sqlite3_stmt *
task_list_stmt(struct sqlite_store *s, const struct dondoc_task_filter *filter,
	       const char **error_r)
{
	sqlite3_stmt *stmt;
	unsigned int i, mask = filter->status_mask, n = 0;
	enum stmt_id id;
	bool one = mask != 0 && (mask & (mask - 1)) == 0;

	i_assert(DONDOC_TASK_STATUS_COUNT <= 5);
	if (filter->agency == NULL)
		id = one ? STMT_TASK_LIST_STATUS : STMT_TASK_LIST;
	else
		id = one ? STMT_TASK_LIST_AGENCY_STATUS : STMT_TASK_LIST_AGENCY;
	if ((stmt = sqlite_stmt_get(s, id, error_r)) == NULL)
		return NULL;
	if (mask == 0)
		mask = (1U << DONDOC_TASK_STATUS_COUNT) - 1;
	for (i = 0; i < 5; i++) {
		if (i < DONDOC_TASK_STATUS_COUNT && (mask & (1U << i)) != 0) {
			sqlite_bind_text(stmt, ++n,
					 dondoc_task_status_name(i));
		}
	}
	while (n < 5)
		(void)sqlite3_bind_null(stmt, ++n);
	if (filter->due_before.year == 0)
		sqlite_bind_text(stmt, 6, "9999-12-31");
	else
		sqlite_bind_date(stmt, 6, &filter->due_before);
	if (filter->after_due.year == 0) {
		sqlite_bind_text(stmt, 7, "0000-00-00");
		sqlite_bind_text(stmt, 8, "");
	} else {
		sqlite_bind_date(stmt, 7, &filter->after_due);
		sqlite_bind_text(stmt, 8, filter->after_code == NULL ? "" :
				 filter->after_code);
	}
	(void)sqlite3_bind_int64(stmt, 9, filter->limit == 0 ? -1 :
				 (sqlite3_int64)filter->limit);
	if (filter->agency != NULL)
		sqlite_bind_text(stmt, 10, filter->agency);
	return stmt;
}

int sqlite_task_list(struct dondoc_store *store, pool_t pool,
		     const struct dondoc_task_filter *filter,
		     ARRAY_TYPE(dondoc_task) *tasks,
		     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = task_list_stmt(s, filter, error_r)) == NULL)
		return -1;
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

/* One row at a time, each in its own data stack frame: the memory used
   does not grow with the number of tasks. */
int sqlite_task_iterate(struct dondoc_store *store,
			const struct dondoc_task_filter *filter,
			dondoc_task_callback_t *callback, void *context,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	struct dondoc_task task;
	sqlite3_stmt *stmt;
	int ret, count = 0, cb_ret = 0;

	if ((stmt = task_list_stmt(s, filter, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		T_BEGIN {
			row_to_task(pool_datastack_create(), stmt, &task);
			cb_ret = callback(&task, context, error_r);
		} T_END_PASS_STR_IF(cb_ret < 0, error_r);
		if (cb_ret < 0)
			break;
		count++;
	}
	if (cb_ret >= 0 && ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "task list");
		count = -1;
	}
	sqlite_stmt_done(stmt);
	return cb_ret < 0 ? -1 : count;
}

/* The one place a task's status is written: checked by
   dondoc-task-state.c, conditional on the status it was read with, and
   audited. Runs inside a write transaction. */
int sqlite_task_set_status(struct sqlite_store *s, int64_t id,
			   const char *code, enum dondoc_task_status from,
			   enum dondoc_task_status to, const char *reason,
			   const char **error_r)
{
	sqlite3_stmt *stmt;
	const char *error;

	if (dondoc_task_transition_check(from, to, &error) < 0) {
		*error_r = t_strdup_printf("task %s: %s", code, error);
		return -1;
	}
	if ((stmt = sqlite_stmt_get(s, STMT_TASK_SET_STATUS, error_r)) == NULL)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, id);
	sqlite_bind_text(stmt, 2, dondoc_task_status_name(to));
	(void)sqlite3_bind_int64(stmt, 3, (sqlite3_int64)time(NULL));
	sqlite_bind_text(stmt, 4, dondoc_task_status_name(from));
	if (sqlite_stmt_exec(s, stmt, "task status", error_r) < 0)
		return -1;
	if (sqlite3_changes(s->db) != 1) {
		*error_r = t_strdup_printf("task %s changed status meanwhile",
					   code);
		return -1;
	}
	return sqlite_audit(s, "task", code, reason == NULL ? "transition" :
		     t_strdup_printf("transition: %s", reason),
		     dondoc_task_status_name(from),
		     dondoc_task_status_name(to), error_r);
}

/* 1 with id and status, 0 no such task, -1 error */
int sqlite_task_status_by_code(struct sqlite_store *s, const char *code,
			       int64_t *id_r,
			       enum dondoc_task_status *status_r,
			       const char **code_r, const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if ((stmt = sqlite_stmt_get(s, STMT_TASK_STATUS_BY_CODE, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, code);
	ret = sqlite3_step(stmt);
	if (ret == SQLITE_ROW) {
		*id_r = sqlite3_column_int64(stmt, 0);
		if (!dondoc_task_status_parse(
			(const char *)sqlite3_column_text(stmt, 1), status_r)) {
			*error_r = t_strdup_printf("task %s has an invalid "
						   "status", code);
			ret = -1;
		} else {
			*code_r = t_strdup(
				(const char *)sqlite3_column_text(stmt, 2));
			ret = 1;
		}
	} else if (ret == SQLITE_DONE) {
		ret = 0;
	} else {
		*error_r = sqlite_errstr(s, "task lookup");
		ret = -1;
	}
	sqlite_stmt_done(stmt);
	return ret;
}

int sqlite_task_transition(struct dondoc_store *store,
			   const char *code,
			   enum dondoc_task_status to,
			   const char *reason, const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status from;
	const char *real_code;
	int64_t id;
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	ret = sqlite_task_status_by_code(s, code, &id, &from, &real_code, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("unknown task '%s'", code);
	if (ret <= 0 ||
	    sqlite_task_set_status(s, id, real_code, from, to, reason, error_r) < 0) {
		sqlite_write_rollback(s);
		return -1;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return 1;
}

struct task_ref {
	int64_t id;
	const char *code;
};
ARRAY_DEFINE_TYPE(task_ref, struct task_ref);

int sqlite_tasks_mark_overdue(struct dondoc_store *store,
			      const struct dondoc_date *today,
			      unsigned int *count_r,
			      const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	ARRAY_TYPE(task_ref) refs;
	const struct task_ref *ref;
	sqlite3_stmt *stmt;
	int ret;

	*count_r = 0;
	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = sqlite_stmt_get(s, STMT_TASK_DUE_OPEN, error_r)) == NULL)
		goto fail;
	t_array_init(&refs, 32);
	sqlite_bind_date(stmt, 1, today);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct task_ref *r = array_append_space(&refs);

		r->id = sqlite3_column_int64(stmt, 0);
		r->code = t_strdup((const char *)sqlite3_column_text(stmt, 1));
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "overdue tasks");
		sqlite_stmt_done(stmt);
		goto fail;
	}
	sqlite_stmt_done(stmt);
	array_foreach(&refs, ref) {
		if (sqlite_task_set_status(s, ref->id, ref->code, DONDOC_TASK_OPEN,
				    DONDOC_TASK_OVERDUE, "due date passed",
				    error_r) < 0)
			goto fail;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	*count_r = array_count(&refs);
	return 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_task_by_sent_message_id(struct dondoc_store *store,
				   pool_t pool, const char *message_id,
				   struct dondoc_task *task_r,
				   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_TASK_BY_SENT_MSGID, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, message_id);
	return stmt_task_one(s, stmt, pool, task_r, error_r);
}

/* ---- obligations ---- */

int sqlite_obligation_list(struct dondoc_store *store, pool_t pool,
			   ARRAY_TYPE(dondoc_obligation) *obligations,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret, count = 0;

	if ((stmt = sqlite_stmt_get(s, STMT_OBLIGATION_LIST, error_r)) == NULL)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct dondoc_obligation *o = array_append_space(obligations);
		const char *kind;

		o->code = sqlite_col_str(pool, stmt, 0);
		o->title = sqlite_col_str(pool, stmt, 1);
		o->article = sqlite_col_str(pool, stmt, 2);
		o->assignee_role = sqlite_col_str(pool, stmt, 3);
		o->recipient_role = sqlite_col_str(pool, stmt, 4);
		o->recipient = sqlite_col_str(pool, stmt, 5);
		o->recurrence = sqlite_col_str(pool, stmt, 6);
		o->months = sqlite_col_str(pool, stmt, 7);
		kind = (const char *)sqlite3_column_text(stmt, 8);
		o->period_kind = kind == NULL ? '\0' : kind[0];
		o->due_rule = sqlite_col_str(pool, stmt, 9);
		o->doc_type = sqlite_col_str(pool, stmt, 10);
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "obligation list");
		count = -1;
	}
	sqlite_stmt_done(stmt);
	return count;
}

