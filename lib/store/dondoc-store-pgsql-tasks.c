/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend: tasks (added, looked up, listed, moved through their
   states with an audit row), the regulation's obligations and meetings.
   Arguments were validated by dondoc-store.c. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"

/* ---- tasks ---- */

static void row_to_task(pool_t pool, struct pgsql_stmt *stmt,
			struct dondoc_task *task_r)
{
	const char *status, *kind;

	i_zero(task_r);
	task_r->id = pgsql_col_int64(stmt, 0);
	task_r->code = pgsql_col_str(pool, stmt, 1);
	task_r->title = pgsql_col_str(pool, stmt, 2);
	task_r->agency = pgsql_col_str(pool, stmt, 3);
	task_r->assigner = pgsql_col_str(pool, stmt, 4);
	task_r->source_type = pgsql_col_str(pool, stmt, 5);
	task_r->source_number = pgsql_col_str(pool, stmt, 6);
	task_r->source_symbol = pgsql_col_str(pool, stmt, 7);
	pgsql_col_date(stmt, 8, &task_r->due);
	status = pgsql_col_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &task_r->status))
		task_r->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	kind = pgsql_col_text(stmt, 10);
	if (kind != NULL && kind[0] != '\0') {
		task_r->period.kind = kind[0];
		task_r->period.year = pgsql_col_int(stmt, 11);
		task_r->period.index = pgsql_col_int(stmt, 12);
	}
	task_r->doc_type = pgsql_col_str(pool, stmt, 13);
	task_r->obligation = pgsql_col_str(pool, stmt, 14);
	task_r->created_at = (time_t)pgsql_col_int64(stmt, 15);
}

/* Collect every row as a task; returns the count or -1. */
static int stmt_tasks(struct pgsql_store *s, struct pgsql_stmt *stmt,
		      pool_t pool, ARRAY_TYPE(dondoc_task) *tasks,
		      const char **error_r)
{

	return pgsql_stmt_rows(s, stmt, pool, row_to_task, tasks,
			 "task lookup", error_r);
}

static int stmt_task_one(struct pgsql_store *s, struct pgsql_stmt *stmt,
			 pool_t pool, struct dondoc_task *task_r,
			 const char **error_r)
{
	int ret = pgsql_step(stmt);

	if (ret == PGSQL_ROW) {
		row_to_task(pool, stmt, task_r);
		ret = 1;
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, "task lookup");
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

int pgsql_task_add(struct dondoc_store *store,
		    const struct dondoc_task *task, int64_t *id_r,
		    const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int64_t agency;
	char kind[2] = { task->period.kind, '\0' };
	int changes;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if (pgsql_agency_id_required(s, task->agency, &agency, error_r) < 0)
		goto fail;
	if ((stmt = pgsql_stmt_get(s, STMT_TASK_ADD, error_r)) == NULL)
		goto fail;
	pgsql_bind_text(stmt, 1, task->code);
	pgsql_bind_text_empty(stmt, 2, task->title);
	pgsql_bind_int64(stmt, 3, agency);
	pgsql_bind_text(stmt, 4, task->assigner);
	pgsql_bind_text(stmt, 5, task->source_type);
	pgsql_bind_text(stmt, 6, task->source_number);
	pgsql_bind_text(stmt, 7, task->source_symbol);
	pgsql_bind_date(stmt, 8, &task->due);
	pgsql_bind_text_empty(stmt, 9, kind);
	pgsql_bind_int(stmt, 10, task->period.year);
	pgsql_bind_int(stmt, 11, task->period.index);
	pgsql_bind_text(stmt, 12, task->doc_type);
	pgsql_bind_text(stmt, 13, task->obligation);
	pgsql_bind_int64(stmt, 14, time(NULL));
	if (pgsql_stmt_exec(s, stmt, "task add", error_r) < 0)
		goto fail;
	changes = pgsql_changes(s);
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = pgsql_last_id(s);
		if (pgsql_audit(s, "task", task->code, "insert", NULL,
			  dondoc_task_status_name(DONDOC_TASK_OPEN),
			  error_r) < 0)
			goto fail;
	}
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_task_by_code(struct dondoc_store *store, pool_t pool,
			const char *code, struct dondoc_task *task_r,
			const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_TASK_BY_CODE, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, code);
	return stmt_task_one(s, stmt, pool, task_r, error_r);
}

int pgsql_tasks_by_period(struct dondoc_store *store, pool_t pool,
			   const char *agency, const char *doc_type,
			   const struct dondoc_period *period,
			   ARRAY_TYPE(dondoc_task) *tasks,
			   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	char kind[2] = { period->kind, '\0' };

	if ((stmt = pgsql_stmt_get(s, STMT_TASK_BY_PERIOD, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, agency);
	pgsql_bind_text_empty(stmt, 2, kind);
	pgsql_bind_int(stmt, 3, period->year);
	pgsql_bind_int(stmt, 4, period->index);
	pgsql_bind_text(stmt, 5, doc_type);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

int pgsql_tasks_by_source(struct dondoc_store *store, pool_t pool,
			   const char *symbol, const char *number,
			   ARRAY_TYPE(dondoc_task) *tasks,
			   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_TASK_BY_SOURCE, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, symbol);
	pgsql_bind_text(stmt, 2, number);
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

/* The listing statement for filter, bound. */
static struct pgsql_stmt *
task_list_stmt(struct pgsql_store *s, const struct dondoc_task_filter *filter,
	       const char **error_r)
{
	struct pgsql_stmt *stmt;
	unsigned int i, mask = filter->status_mask, n = 0;
	enum pgsql_stmt_id id;
	bool one = mask != 0 && (mask & (mask - 1)) == 0;

	i_assert(DONDOC_TASK_STATUS_COUNT <= 5);
	if (filter->agency == NULL)
		id = one ? STMT_TASK_LIST_STATUS : STMT_TASK_LIST;
	else
		id = one ? STMT_TASK_LIST_AGENCY_STATUS : STMT_TASK_LIST_AGENCY;
	if ((stmt = pgsql_stmt_get(s, id, error_r)) == NULL)
		return NULL;
	if (mask == 0)
		mask = (1U << DONDOC_TASK_STATUS_COUNT) - 1;
	for (i = 0; i < 5; i++) {
		if (i < DONDOC_TASK_STATUS_COUNT && (mask & (1U << i)) != 0) {
			pgsql_bind_text(stmt, ++n,
					 dondoc_task_status_name(i));
		}
	}
	while (n < 5)
		pgsql_bind_null(stmt, ++n);
	if (filter->due_before.year == 0)
		pgsql_bind_text(stmt, 6, "9999-12-31");
	else
		pgsql_bind_date(stmt, 6, &filter->due_before);
	if (filter->after_due.year == 0) {
		pgsql_bind_text(stmt, 7, "0000-00-00");
		pgsql_bind_text(stmt, 8, "");
	} else {
		pgsql_bind_date(stmt, 7, &filter->after_due);
		pgsql_bind_text(stmt, 8, filter->after_code == NULL ? "" :
				 filter->after_code);
	}
	pgsql_bind_int64(stmt, 9, filter->limit == 0 ? -1 :
				 filter->limit);
	if (filter->agency != NULL)
		pgsql_bind_text(stmt, 10, filter->agency);
	return stmt;
}

int pgsql_task_list(struct dondoc_store *store, pool_t pool,
		     const struct dondoc_task_filter *filter,
		     ARRAY_TYPE(dondoc_task) *tasks,
		     const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if ((stmt = task_list_stmt(s, filter, error_r)) == NULL)
		return -1;
	return stmt_tasks(s, stmt, pool, tasks, error_r);
}

/* One row at a time, each in its own data stack frame: the memory used
   does not grow with the number of tasks. */
int pgsql_task_iterate(struct dondoc_store *store,
			const struct dondoc_task_filter *filter,
			dondoc_task_callback_t *callback, void *context,
			const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct dondoc_task task;
	struct pgsql_stmt *stmt;
	int ret, count = 0, cb_ret = 0;

	if ((stmt = task_list_stmt(s, filter, error_r)) == NULL)
		return -1;
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		T_BEGIN {
			row_to_task(pool_datastack_create(), stmt, &task);
			cb_ret = callback(&task, context, error_r);
		} T_END_PASS_STR_IF(cb_ret < 0, error_r);
		if (cb_ret < 0)
			break;
		count++;
	}
	if (cb_ret >= 0 && ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "task list");
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return cb_ret < 0 ? -1 : count;
}

/* The one place a task's status is written: checked by
   dondoc-task-state.c, conditional on the status it was read with, and
   audited. Runs inside a write transaction. */
int pgsql_task_set_status(struct pgsql_store *s, int64_t id,
			   const char *code, enum dondoc_task_status from,
			   enum dondoc_task_status to, const char *reason,
			   const char **error_r)
{
	struct pgsql_stmt *stmt;
	const char *error;

	if (dondoc_task_transition_check(from, to, &error) < 0) {
		*error_r = t_strdup_printf("task %s: %s", code, error);
		return -1;
	}
	if ((stmt = pgsql_stmt_get(s, STMT_TASK_SET_STATUS, error_r)) == NULL)
		return -1;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_text(stmt, 2, dondoc_task_status_name(to));
	pgsql_bind_int64(stmt, 3, time(NULL));
	pgsql_bind_text(stmt, 4, dondoc_task_status_name(from));
	if (pgsql_stmt_exec(s, stmt, "task status", error_r) < 0)
		return -1;
	if (pgsql_changes(s) != 1) {
		*error_r = t_strdup_printf("task %s changed status meanwhile",
					   code);
		return -1;
	}
	return pgsql_audit(s, "task", code, reason == NULL ? "transition" :
		     t_strdup_printf("transition: %s", reason),
		     dondoc_task_status_name(from),
		     dondoc_task_status_name(to), error_r);
}

/* 1 with id and status, 0 no such task, -1 error */
int pgsql_task_status_by_code(struct pgsql_store *s, const char *code,
			       int64_t *id_r,
			       enum dondoc_task_status *status_r,
			       const char **code_r, const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if ((stmt = pgsql_stmt_get(s, STMT_TASK_STATUS_BY_CODE, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, code);
	ret = pgsql_step(stmt);
	if (ret == PGSQL_ROW) {
		*id_r = pgsql_col_int64(stmt, 0);
		if (!dondoc_task_status_parse(
			pgsql_col_text(stmt, 1), status_r)) {
			*error_r = t_strdup_printf("task %s has an invalid "
						   "status", code);
			ret = -1;
		} else {
			*code_r = t_strdup(
				pgsql_col_text(stmt, 2));
			ret = 1;
		}
	} else if (ret == PGSQL_DONE) {
		ret = 0;
	} else {
		*error_r = pgsql_errstr(s, "task lookup");
		ret = -1;
	}
	pgsql_stmt_done(stmt);
	return ret;
}

int pgsql_task_transition(struct dondoc_store *store,
			   const char *code,
			   enum dondoc_task_status to,
			   const char *reason, const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	enum dondoc_task_status from;
	const char *real_code;
	int64_t id;
	int ret;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	ret = pgsql_task_status_by_code(s, code, &id, &from, &real_code, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("unknown task '%s'", code);
	if (ret <= 0 ||
	    pgsql_task_set_status(s, id, real_code, from, to, reason, error_r) < 0) {
		pgsql_write_rollback(s);
		return -1;
	}
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return 1;
}

struct task_ref {
	int64_t id;
	const char *code;
};
ARRAY_DEFINE_TYPE(task_ref, struct task_ref);

int pgsql_tasks_mark_overdue(struct dondoc_store *store,
			      const struct dondoc_date *today,
			      unsigned int *count_r,
			      const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	ARRAY_TYPE(task_ref) refs;
	const struct task_ref *ref;
	struct pgsql_stmt *stmt;
	int ret;

	*count_r = 0;
	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if ((stmt = pgsql_stmt_get(s, STMT_TASK_DUE_OPEN, error_r)) == NULL)
		goto fail;
	t_array_init(&refs, 32);
	pgsql_bind_date(stmt, 1, today);
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		struct task_ref *r = array_append_space(&refs);

		r->id = pgsql_col_int64(stmt, 0);
		r->code = t_strdup(pgsql_col_text(stmt, 1));
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "overdue tasks");
		pgsql_stmt_done(stmt);
		goto fail;
	}
	pgsql_stmt_done(stmt);
	array_foreach(&refs, ref) {
		if (pgsql_task_set_status(s, ref->id, ref->code, DONDOC_TASK_OPEN,
				    DONDOC_TASK_OVERDUE, "due date passed",
				    error_r) < 0)
			goto fail;
	}
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	*count_r = array_count(&refs);
	return 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_task_by_sent_message_id(struct dondoc_store *store,
				   pool_t pool, const char *message_id,
				   struct dondoc_task *task_r,
				   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if ((stmt = pgsql_stmt_get(s, STMT_TASK_BY_SENT_MSGID, error_r)) == NULL)
		return -1;
	pgsql_bind_text(stmt, 1, message_id);
	return stmt_task_one(s, stmt, pool, task_r, error_r);
}

/* ---- obligations ---- */

int pgsql_obligation_list(struct dondoc_store *store, pool_t pool,
			   ARRAY_TYPE(dondoc_obligation) *obligations,
			   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret, count = 0;

	if ((stmt = pgsql_stmt_get(s, STMT_OBLIGATION_LIST, error_r)) == NULL)
		return -1;
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		struct dondoc_obligation *o = array_append_space(obligations);
		const char *kind;

		o->code = pgsql_col_str(pool, stmt, 0);
		o->title = pgsql_col_str(pool, stmt, 1);
		o->article = pgsql_col_str(pool, stmt, 2);
		o->assignee_role = pgsql_col_str(pool, stmt, 3);
		o->recipient_role = pgsql_col_str(pool, stmt, 4);
		o->recipient = pgsql_col_str(pool, stmt, 5);
		o->recurrence = pgsql_col_str(pool, stmt, 6);
		o->months = pgsql_col_str(pool, stmt, 7);
		kind = pgsql_col_text(stmt, 8);
		o->period_kind = kind == NULL ? '\0' : kind[0];
		o->due_rule = pgsql_col_str(pool, stmt, 9);
		o->doc_type = pgsql_col_str(pool, stmt, 10);
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "obligation list");
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}

