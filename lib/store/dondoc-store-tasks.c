/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Tasks (see dondoc-store.h): added, looked up, listed and streamed,
   moved through their states with an audit row, and the regulation's
   obligations; written once over the store's statement driver
   (dondoc-store-driver.h) for both backends. Every argument is checked
   and bounded (the checks of dondoc-store.c) before a statement sees it,
   and still bound as a parameter. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-txn-cache.h"

/* ---- tasks ---- */

/* The column copied into pool, or (pool NULL) the row's own text, valid
   until the next step: each column is read once, so no later conversion
   frees it. */
static const char *task_col(pool_t pool, struct dondoc_store_stmt *stmt,
			    int col)
{
	return pool == NULL ? ds_col_text(stmt, col) :
		ds_col_str(pool, stmt, col);
}

static void row_to_task(pool_t pool, struct dondoc_store_stmt *stmt,
			struct dondoc_task *task_r)
{
	const char *status, *kind;

	i_zero(task_r);
	task_r->id = ds_col_int64(stmt, 0);
	task_r->code = task_col(pool, stmt, 1);
	task_r->title = task_col(pool, stmt, 2);
	task_r->agency = task_col(pool, stmt, 3);
	task_r->assigner = task_col(pool, stmt, 4);
	task_r->source_type = task_col(pool, stmt, 5);
	task_r->source_number = task_col(pool, stmt, 6);
	task_r->source_symbol = task_col(pool, stmt, 7);
	ds_col_date(stmt, 8, &task_r->due);
	status = ds_col_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &task_r->status))
		task_r->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	kind = ds_col_text(stmt, 10);
	if (kind != NULL && kind[0] != '\0') {
		task_r->period.kind = kind[0];
		task_r->period.year = ds_col_int(stmt, 11);
		task_r->period.index = ds_col_int(stmt, 12);
	}
	task_r->doc_type = task_col(pool, stmt, 13);
	task_r->obligation = task_col(pool, stmt, 14);
	task_r->created_at = (time_t)ds_col_int64(stmt, 15);
}

/* A brief listing's row (TASK_BRIEF_COLUMNS): what the text listing
   prints, nothing else. */
static void row_to_task_brief(pool_t pool, struct dondoc_store_stmt *stmt,
			      struct dondoc_task *task_r)
{
	const char *status;

	i_zero(task_r);
	task_r->code = task_col(pool, stmt, 0);
	task_r->agency = task_col(pool, stmt, 1);
	ds_col_date(stmt, 2, &task_r->due);
	status = ds_col_text(stmt, 3);
	if (!dondoc_task_status_parse(status, &task_r->status))
		task_r->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	task_r->title = task_col(pool, stmt, 4);
}

/* Every row as a task: the count or -1. */
static int stmt_tasks(struct dondoc_store_stmt *stmt, pool_t pool,
		      ARRAY_TYPE(dondoc_task) *tasks, const char **error_r)
{
	return ds_stmt_rows(stmt, pool, row_to_task, tasks, "task lookup",
			    error_r);
}

static int stmt_task_one(struct dondoc_store_stmt *stmt, pool_t pool,
			 struct dondoc_task *task_r, const char **error_r)
{
	return ds_stmt_one(stmt, pool, row_to_task, task_r, "task lookup",
			   error_r);
}

static int db_task_add(struct dondoc_store *store,
		       const struct dondoc_task *task, int64_t *id_r,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int64_t agency;
	char kind[2] = { task->period.kind, '\0' };
	int changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (ds_agency_id_required(store, task->agency, &agency, error_r) < 0)
		goto fail;
	if ((stmt = ds_stmt_get(store, STMT_TASK_ADD, error_r)) == NULL)
		goto fail;
	ds_bind_text(stmt, 1, task->code);
	ds_bind_text_empty(stmt, 2, task->title);
	ds_bind_int64(stmt, 3, agency);
	ds_bind_text(stmt, 4, task->assigner);
	ds_bind_text(stmt, 5, task->source_type);
	ds_bind_text(stmt, 6, task->source_number);
	ds_bind_text(stmt, 7, task->source_symbol);
	ds_bind_date(stmt, 8, &task->due);
	ds_bind_text_empty(stmt, 9, kind);
	ds_bind_int64(stmt, 10, task->period.year);
	ds_bind_int64(stmt, 11, task->period.index);
	ds_bind_text(stmt, 12, task->doc_type);
	ds_bind_text(stmt, 13, task->obligation);
	ds_bind_int64(stmt, 14, time(NULL));
	if (ds_stmt_exec(stmt, "task add", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	if (changes > 0) {
		if (id_r != NULL)
			*id_r = ds_last_id(store);
		if (ds_audit(store, "task", task->code, "insert", NULL,
			     dondoc_task_status_name(DONDOC_TASK_OPEN),
			     error_r) < 0)
			goto fail;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	ds_write_rollback(store);
	return -1;
}

int ds_task_by_code(struct dondoc_store *store, pool_t pool,
		    const char *code, struct dondoc_task *task_r,
		    const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_TASK_BY_CODE, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	return stmt_task_one(stmt, pool, task_r, error_r);
}

static int db_tasks_by_period(struct dondoc_store *store, pool_t pool,
			      const char *agency, const char *doc_type,
			      const struct dondoc_period *period,
			      ARRAY_TYPE(dondoc_task) *tasks,
			      const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	char kind[2] = { period->kind, '\0' };

	if ((stmt = ds_stmt_get(store, STMT_TASK_BY_PERIOD, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, agency);
	ds_bind_text_empty(stmt, 2, kind);
	ds_bind_int64(stmt, 3, period->year);
	ds_bind_int64(stmt, 4, period->index);
	ds_bind_text(stmt, 5, doc_type);
	return stmt_tasks(stmt, pool, tasks, error_r);
}

static int db_tasks_by_source(struct dondoc_store *store, pool_t pool,
			      const char *symbol, const char *number,
			      ARRAY_TYPE(dondoc_task) *tasks,
			      const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_TASK_BY_SOURCE, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, symbol);
	ds_bind_text(stmt, 2, number);
	return stmt_tasks(stmt, pool, tasks, error_r);
}

/* The listing statement for filter, bound; brief_r: its rows are
   TASK_BRIEF_COLUMNS (row_to_task_brief()). */
static struct dondoc_store_stmt *
task_list_stmt(struct dondoc_store *store, const struct dondoc_task_filter *filter,
	       bool *brief_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	unsigned int i, mask = filter->status_mask, n = 0;
	enum dondoc_store_stmt_id id;
	unsigned int all = (1U << DONDOC_TASK_STATUS_COUNT) - 1;
	bool one = mask != 0 && (mask & (mask - 1)) == 0;
	bool some = !one && mask != 0 && (mask & all) != all;

	i_assert(DONDOC_TASK_STATUS_COUNT <= 5);
	if (filter->agency == NULL) {
		id = one ? STMT_TASK_LIST_STATUS : some ?
			STMT_TASK_LIST_STATUSES : STMT_TASK_LIST;
	} else {
		id = one ? STMT_TASK_LIST_AGENCY_STATUS : some ?
			STMT_TASK_LIST_AGENCY_STATUSES : filter->brief ?
			STMT_TASK_LIST_AGENCY_BRIEF : STMT_TASK_LIST_AGENCY;
	}
	*brief_r = id == STMT_TASK_LIST_AGENCY_BRIEF;
	if ((stmt = ds_stmt_get(store, id, error_r)) == NULL)
		return NULL;
	if (mask == 0)
		mask = all;
	for (i = 0; i < 5; i++) {
		if (i < DONDOC_TASK_STATUS_COUNT && (mask & (1U << i)) != 0) {
			ds_bind_text(stmt, ++n,
				     dondoc_task_status_name(i));
		}
	}
	while (n < 5)
		ds_bind_null(stmt, ++n);
	if (filter->due_before.year == 0)
		ds_bind_text(stmt, 6, "9999-12-31");
	else
		ds_bind_date(stmt, 6, &filter->due_before);
	if (filter->after_due.year == 0) {
		ds_bind_text(stmt, 7, "0000-00-00");
		ds_bind_text(stmt, 8, "");
	} else {
		ds_bind_date(stmt, 7, &filter->after_due);
		ds_bind_text(stmt, 8, filter->after_code == NULL ? "" :
			     filter->after_code);
	}
	ds_bind_int64(stmt, 9, filter->limit == 0 ? -1 :
		      filter->limit);
	if (filter->agency != NULL)
		ds_bind_text(stmt, 10, filter->agency);
	return stmt;
}

static int db_task_list(struct dondoc_store *store, pool_t pool,
			const struct dondoc_task_filter *filter,
			ARRAY_TYPE(dondoc_task) *tasks,
			const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	bool brief;

	if ((stmt = task_list_stmt(store, filter, &brief, error_r)) == NULL)
		return -1;
	if (brief) {
		return ds_stmt_rows(stmt, pool, row_to_task_brief, tasks,
				    "task lookup", error_r);
	}
	return stmt_tasks(stmt, pool, tasks, error_r);
}

/* One row at a time, each in its own data stack frame: the memory used
   does not grow with the number of tasks. */
static int db_task_iterate(struct dondoc_store *store,
			   const struct dondoc_task_filter *filter,
			   dondoc_task_callback_t *callback, void *context,
			   const char **error_r)
{
	struct dondoc_task task;
	struct dondoc_store_stmt *stmt;
	int ret, count = 0, cb_ret = 0;
	bool brief;

	if ((stmt = task_list_stmt(store, filter, &brief, error_r)) == NULL)
		return -1;
	while ((ret = ds_step(stmt)) == DS_ROW) {
		T_BEGIN {
			/* the task lives only during the callback: its
			   strings need no copy (900 instructions a row) */
			if (brief)
				row_to_task_brief(NULL, stmt, &task);
			else
				row_to_task(NULL, stmt, &task);
			cb_ret = callback(&task, context, error_r);
		} T_END_PASS_STR_IF(cb_ret < 0, error_r);
		if (cb_ret < 0)
			break;
		count++;
	}
	if (cb_ret >= 0 && ret != DS_DONE) {
		*error_r = ds_errstr(store, "task list");
		count = -1;
	}
	ds_stmt_done(stmt);
	return cb_ret < 0 ? -1 : count;
}

/* The one place a task's status is written: checked by
   dondoc-task-state.c, conditional on the status it was read with, and
   audited. Runs inside a write transaction. */
int ds_task_set_status(struct dondoc_store *store, int64_t id,
		       const char *code, enum dondoc_task_status from,
		       enum dondoc_task_status to, const char *reason,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	const char *error;

	if (dondoc_task_transition_check(from, to, &error) < 0) {
		*error_r = t_strdup_printf("task %s: %s", code, error);
		return -1;
	}
	if ((stmt = ds_stmt_get(store, STMT_TASK_SET_STATUS, error_r)) == NULL)
		return -1;
	ds_bind_int64(stmt, 1, id);
	ds_bind_text(stmt, 2, dondoc_task_status_name(to));
	ds_bind_int64(stmt, 3, time(NULL));
	ds_bind_text(stmt, 4, dondoc_task_status_name(from));
	/* A backend that sends statements ahead has this one fail by its
	   own SQL unless it changed one row (and then the transaction's
	   COMMIT fails): the status was read under the write lock, so
	   nothing waits for its answer. */
	if (store->v->driver->exec_ahead != NULL) {
		if (ds_stmt_exec_ahead(stmt, "task status", error_r) < 0)
			return -1;
	} else if (ds_stmt_exec(stmt, "task status", error_r) < 0) {
		return -1;
	} else if (ds_changes(store) != 1) {
		*error_r = t_strdup_printf("task %s changed status meanwhile",
					   code);
		return -1;
	}
	ds_txn_cache_task_status(store, id, to);
	return ds_audit(store, "task", code, reason == NULL ? "transition" :
			t_strdup_printf("transition: %s", reason),
			dondoc_task_status_name(from),
			dondoc_task_status_name(to), error_r);
}

/* 1 with id and status, 0 no such task, -1 error */
int ds_task_status_by_code(struct dondoc_store *store, const char *code,
			   int64_t *id_r,
			   enum dondoc_task_status *status_r,
			   const char **code_r, const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if (ds_txn_cache_task(store, code, id_r, status_r, code_r))
		return 1;
	if ((stmt = ds_stmt_get(store, STMT_TASK_STATUS_BY_CODE, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, code);
	ret = ds_step(stmt);
	if (ret == DS_ROW) {
		*id_r = ds_col_int64(stmt, 0);
		if (!dondoc_task_status_parse(
					      ds_col_text(stmt, 1), status_r)) {
			*error_r = t_strdup_printf("task %s has an invalid "
						   "status", code);
			ret = -1;
		} else {
			*code_r = t_strdup(
					   ds_col_text(stmt, 2));
			ds_txn_cache_task_put(store, code, *id_r, *status_r,
					      *code_r);
			ret = 1;
		}
	} else if (ret == DS_DONE) {
		ret = 0;
	} else {
		*error_r = ds_errstr(store, "task lookup");
		ret = -1;
	}
	ds_stmt_done(stmt);
	return ret;
}

static int db_task_transition(struct dondoc_store *store,
			      const char *code,
			      enum dondoc_task_status to,
			      const char *reason, const char **error_r)
{
	enum dondoc_task_status from;
	const char *real_code;
	int64_t id;
	int ret;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	ret = ds_task_status_by_code(store, code, &id, &from, &real_code, error_r);
	if (ret == 0)
		*error_r = t_strdup_printf("unknown task '%s'", code);
	if (ret <= 0 ||
	    ds_task_set_status(store, id, real_code, from, to, reason, error_r) < 0) {
		ds_write_rollback(store);
		return -1;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return 1;
}

struct task_ref {
	int64_t id;
	const char *code;
};
ARRAY_DEFINE_TYPE(task_ref, struct task_ref);

static int db_tasks_mark_overdue(struct dondoc_store *store,
				 const struct dondoc_date *today,
				 unsigned int *count_r,
				 const char **error_r)
{
	ARRAY_TYPE(task_ref) refs;
	const struct task_ref *ref;
	struct dondoc_store_stmt *stmt;
	int ret;

	*count_r = 0;
	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if ((stmt = ds_stmt_get(store, STMT_TASK_DUE_OPEN, error_r)) == NULL)
		goto fail;
	t_array_init(&refs, 32);
	ds_bind_date(stmt, 1, today);
	while ((ret = ds_step(stmt)) == DS_ROW) {
		struct task_ref *r = array_append_space(&refs);

		r->id = ds_col_int64(stmt, 0);
		r->code = t_strdup(ds_col_text(stmt, 1));
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "overdue tasks");
		ds_stmt_done(stmt);
		goto fail;
	}
	ds_stmt_done(stmt);
	array_foreach(&refs, ref) {
		if (ds_task_set_status(store, ref->id, ref->code, DONDOC_TASK_OPEN,
				       DONDOC_TASK_OVERDUE, "due date passed",
				       error_r) < 0)
			goto fail;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	*count_r = array_count(&refs);
	return 1;
fail:
	ds_write_rollback(store);
	return -1;
}

static int db_task_by_sent_message_id(struct dondoc_store *store,
				      pool_t pool, const char *message_id,
				      struct dondoc_task *task_r,
				      const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_TASK_BY_SENT_MSGID, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, message_id);
	return stmt_task_one(stmt, pool, task_r, error_r);
}

/* ---- obligations ---- */

static int db_obligation_list(struct dondoc_store *store, pool_t pool,
			      ARRAY_TYPE(dondoc_obligation) *obligations,
			      const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret, count = 0;

	if ((stmt = ds_stmt_get(store, STMT_OBLIGATION_LIST, error_r)) == NULL)
		return -1;
	while ((ret = ds_step(stmt)) == DS_ROW) {
		struct dondoc_obligation *o = array_append_space(obligations);
		const char *kind;

		o->code = ds_col_str(pool, stmt, 0);
		o->title = ds_col_str(pool, stmt, 1);
		o->article = ds_col_str(pool, stmt, 2);
		o->assignee_role = ds_col_str(pool, stmt, 3);
		o->recipient_role = ds_col_str(pool, stmt, 4);
		o->recipient = ds_col_str(pool, stmt, 5);
		o->recurrence = ds_col_str(pool, stmt, 6);
		o->months = ds_col_str(pool, stmt, 7);
		kind = ds_col_text(stmt, 8);
		o->period_kind = kind == NULL ? '\0' : kind[0];
		o->due_rule = ds_col_str(pool, stmt, 9);
		o->doc_type = ds_col_str(pool, stmt, 10);
		count++;
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "obligation list");
		count = -1;
	}
	ds_stmt_done(stmt);
	return count;
}


/* ---- the front end ---- */

int dondoc_store_task_add(struct dondoc_store *store,
			  const struct dondoc_task *task, int64_t *id_r,
			  const char **error_r)
{
	if (dondoc_store_check_task(task, error_r) < 0)
		return -1;
	return db_task_add(store, task, id_r, error_r);
}

int dondoc_store_task_by_code(struct dondoc_store *store, pool_t pool,
			      const char *code, struct dondoc_task *task_r,
			      const char **error_r)
{
	if (dondoc_store_check_code("task code", code, TRUE, error_r) < 0)
		return -1;
	return ds_task_by_code(store, pool, code, task_r, error_r);
}

int dondoc_store_tasks_by_period(struct dondoc_store *store, pool_t pool,
				 const char *agency, const char *doc_type,
				 const struct dondoc_period *period,
				 ARRAY_TYPE(dondoc_task) *tasks,
				 const char **error_r)
{
	if (dondoc_store_check_code("agency code", agency, TRUE, error_r) < 0 ||
	    dondoc_store_check_code("document type", doc_type, FALSE, error_r) < 0)
		return -1;
	if (period->kind == '\0' || !dondoc_store_period_is_valid(period)) {
		*error_r = "invalid period";
		return -1;
	}
	return db_tasks_by_period(store, pool, agency, doc_type,
				  period, tasks, error_r);
}

int dondoc_store_tasks_by_source(struct dondoc_store *store, pool_t pool,
				 const char *symbol, const char *number,
				 ARRAY_TYPE(dondoc_task) *tasks,
				 const char **error_r)
{
	if (dondoc_store_check_text("source symbol", symbol, DONDOC_STORE_MAX_DOC_FIELD,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_text("source number", number, DONDOC_STORE_MAX_DOC_FIELD,
		       FALSE, error_r) < 0)
		return -1;
	return db_tasks_by_source(store, pool, symbol, number, tasks,
				  error_r);
}

static int check_task_filter(const struct dondoc_task_filter *filter,
			     const char **error_r)
{
	if (dondoc_store_check_code("agency code", filter->agency, FALSE, error_r) < 0 ||
	    dondoc_store_check_date("due date", &filter->due_before, FALSE, error_r) < 0 ||
	    dondoc_store_check_date("paging date", &filter->after_due, FALSE, error_r) < 0 ||
	    dondoc_store_check_code("paging task code", filter->after_code, FALSE,
		       error_r) < 0)
		return -1;
	return 0;
}

int dondoc_store_task_list(struct dondoc_store *store, pool_t pool,
			   const struct dondoc_task_filter *filter,
			   ARRAY_TYPE(dondoc_task) *tasks,
			   const char **error_r)
{
	if (check_task_filter(filter, error_r) < 0)
		return -1;
	return db_task_list(store, pool, filter, tasks, error_r);
}

int dondoc_store_task_iterate(struct dondoc_store *store,
			      const struct dondoc_task_filter *filter,
			      dondoc_task_callback_t *callback, void *context,
			      const char **error_r)
{
	if (check_task_filter(filter, error_r) < 0)
		return -1;
	return db_task_iterate(store, filter, callback, context,
			       error_r);
}

int dondoc_store_task_transition(struct dondoc_store *store,
				 const char *code,
				 enum dondoc_task_status to,
				 const char *reason, const char **error_r)
{
	if (dondoc_store_check_code("task code", code, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("reason", reason, DONDOC_STORE_MAX_TEXT, FALSE,
		       error_r) < 0)
		return -1;
	if ((unsigned int)to >= DONDOC_TASK_STATUS_COUNT) {
		*error_r = "invalid task status";
		return -1;
	}
	return db_task_transition(store, code, to, reason, error_r);
}

int dondoc_store_tasks_mark_overdue(struct dondoc_store *store,
				    const struct dondoc_date *today,
				    unsigned int *count_r,
				    const char **error_r)
{
	if (dondoc_store_check_date("today", today, TRUE, error_r) < 0)
		return -1;
	return db_tasks_mark_overdue(store, today, count_r, error_r);
}

int dondoc_store_task_by_sent_message_id(struct dondoc_store *store,
					 pool_t pool, const char *message_id,
					 struct dondoc_task *task_r,
					 const char **error_r)
{
	if (dondoc_store_check_message_id(message_id, error_r) < 0)
		return -1;
	return db_task_by_sent_message_id(store, pool, message_id,
					  task_r, error_r);
}

int dondoc_store_obligation_list(struct dondoc_store *store, pool_t pool,
				 ARRAY_TYPE(dondoc_obligation) *obligations,
				 const char **error_r)
{
	return db_obligation_list(store, pool, obligations, error_r);
}
