/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store front end's tasks (see dondoc-store.h): added, looked up,
   listed and streamed, moved through their states. Every argument is
   checked and bounded (the checks of dondoc-store.c) before the backend
   sees it; the backend still binds every value as a parameter. */

#include "lib.h"
#include "dondoc-store-private.h"

int dondoc_store_task_add(struct dondoc_store *store,
			  const struct dondoc_task *task, int64_t *id_r,
			  const char **error_r)
{
	if (dondoc_store_check_task(task, error_r) < 0)
		return -1;
	return store->v->task_add(store, task, id_r, error_r);
}

int dondoc_store_task_by_code(struct dondoc_store *store, pool_t pool,
			      const char *code, struct dondoc_task *task_r,
			      const char **error_r)
{
	if (dondoc_store_check_code("task code", code, TRUE, error_r) < 0)
		return -1;
	return store->v->task_by_code(store, pool, code, task_r, error_r);
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
	return store->v->tasks_by_period(store, pool, agency, doc_type,
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
	return store->v->tasks_by_source(store, pool, symbol, number, tasks,
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
	return store->v->task_list(store, pool, filter, tasks, error_r);
}

int dondoc_store_task_iterate(struct dondoc_store *store,
			      const struct dondoc_task_filter *filter,
			      dondoc_task_callback_t *callback, void *context,
			      const char **error_r)
{
	if (check_task_filter(filter, error_r) < 0)
		return -1;
	return store->v->task_iterate(store, filter, callback, context,
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
	return store->v->task_transition(store, code, to, reason, error_r);
}

int dondoc_store_tasks_mark_overdue(struct dondoc_store *store,
				    const struct dondoc_date *today,
				    unsigned int *count_r,
				    const char **error_r)
{
	if (dondoc_store_check_date("today", today, TRUE, error_r) < 0)
		return -1;
	return store->v->tasks_mark_overdue(store, today, count_r, error_r);
}

int dondoc_store_task_by_sent_message_id(struct dondoc_store *store,
					 pool_t pool, const char *message_id,
					 struct dondoc_task *task_r,
					 const char **error_r)
{
	if (dondoc_store_check_message_id(message_id, error_r) < 0)
		return -1;
	return store->v->task_by_sent_message_id(store, pool, message_id,
						 task_r, error_r);
}
