/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The report queries of the store interface (dondoc-store-digest.h):
   arguments bounded and checked here, then the rows a report is drafted
   from read by statements written once over the store's statement
   driver (dondoc-store-driver.h) for both backends. */

#include "lib.h"
#include "str.h"
#include "array.h"
#include "unichar.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-values.h"

#include <ctype.h>

static int digest_check_agency(const char *agency, const char **error_r)
{
	const char *p;

	if (agency == NULL)
		return 0;
	if (agency[0] == '\0' || strlen(agency) > DONDOC_STORE_MAX_CODE) {
		*error_r = "invalid agency code";
		return -1;
	}
	for (p = agency; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr("-_./", *p) == NULL) {
			*error_r = "agency code may only hold letters, "
				"digits and -_./";
			return -1;
		}
	}
	return 0;
}

/* Text of several lines (a document's section). */
static int digest_check_lines(const char *what, const char *value,
			      const char **error_r)
{
	const unsigned char *p;

	if (value == NULL)
		return 0;
	if (strlen(value) > DONDOC_STORE_MAX_TEXT) {
		*error_r = t_strdup_printf("%s is too long (max %u bytes)",
					   what, DONDOC_STORE_MAX_TEXT);
		return -1;
	}
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n') {
			*error_r = t_strdup_printf(
				"%s contains a control character", what);
			return -1;
		}
	}
	if (!uni_utf8_str_is_valid(value)) {
		*error_r = t_strdup_printf("%s is not valid UTF-8", what);
		return -1;
	}
	return 0;
}

int dondoc_store_digest_check_submission(const struct dondoc_submission *sub,
					 const char **error_r)
{
	if (digest_check_lines("difficulties", sub->difficulties,
			       error_r) < 0 ||
	    digest_check_lines("proposals", sub->proposals, error_r) < 0)
		return -1;
	return 0;
}

static bool digest_date_is_valid(const struct dondoc_date *date)
{
	struct dondoc_date parsed;

	return date->year != 0 &&
		dondoc_date_parse(t_strdup_printf("%04d-%02d-%02d",
						  date->year, date->month,
						  date->day), &parsed);
}

int dondoc_store_digest_tasks(struct dondoc_store *store, pool_t pool,
			      const struct dondoc_date *first,
			      const struct dondoc_date *last,
			      const char *agency,
			      ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			      const char **error_r)
{
	if (!digest_date_is_valid(first) || !digest_date_is_valid(last) ||
	    dondoc_date_to_days(first) > dondoc_date_to_days(last)) {
		*error_r = "invalid date range";
		return -1;
	}
	if (digest_check_agency(agency, error_r) < 0)
		return -1;
	return ds_digest_tasks(store, pool, first, last, agency, tasks,
			       error_r);
}

int dondoc_store_digest_assigned(struct dondoc_store *store, pool_t pool,
				 time_t from, time_t until,
				 const char *agency,
				 ARRAY_TYPE(dondoc_store_digest_task) *tasks,
				 const char **error_r)
{
	if (from > until) {
		*error_r = "invalid time range";
		return -1;
	}
	if (digest_check_agency(agency, error_r) < 0)
		return -1;
	return ds_digest_assigned(store, pool, from, until, agency,
				  tasks, error_r);
}

int dondoc_store_digest_issues(struct dondoc_store *store, pool_t pool,
			       time_t from, time_t until, const char *agency,
			       ARRAY_TYPE(dondoc_store_digest_issue) *issues,
			       const char **error_r)
{
	if (from > until) {
		*error_r = "invalid time range";
		return -1;
	}
	if (digest_check_agency(agency, error_r) < 0)
		return -1;
	return ds_digest_issues(store, pool, from, until, agency,
				issues, error_r);
}

static void row_to_digest_task(pool_t pool, struct dondoc_store_stmt *stmt,
			       void *row_r)
{
	struct dondoc_store_digest_task *t = row_r;
	const char *status;

	i_zero(t);
	t->code = ds_col_str(pool, stmt, 0);
	t->title = ds_col_str(pool, stmt, 1);
	t->agency = ds_col_str(pool, stmt, 2);
	t->assigner = ds_col_str(pool, stmt, 3);
	t->obligation = ds_col_str(pool, stmt, 4);
	t->source_type = ds_col_str(pool, stmt, 5);
	t->source_number = ds_col_str(pool, stmt, 6);
	t->source_symbol = ds_col_str(pool, stmt, 7);
	ds_col_date(stmt, 8, &t->due);
	status = ds_col_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &t->status))
		t->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	t->created_at = (time_t)ds_col_int64(stmt, 10);
	if (ds_col_is_null(stmt, 11))
		return;
	t->submitted = TRUE;
	t->submitted_at = (time_t)ds_col_int64(stmt, 12);
	t->late = ds_col_int(stmt, 13) != 0;
	t->late_days = (unsigned int)ds_col_int(stmt, 14);
	t->message_id = ds_col_str(pool, stmt, 15);
	t->doc_number = ds_col_str(pool, stmt, 16);
	t->doc_symbol = ds_col_str(pool, stmt, 17);
	ds_col_date(stmt, 18, &t->doc_date);
}

static void row_to_digest_issue(pool_t pool, struct dondoc_store_stmt *stmt,
				void *row_r)
{
	struct dondoc_store_digest_issue *i = row_r;

	i_zero(i);
	i->submission_id = ds_col_int64(stmt, 0);
	i->agency = ds_col_str(pool, stmt, 1);
	i->task_code = ds_col_str(pool, stmt, 2);
	i->message_id = ds_col_str(pool, stmt, 3);
	i->doc_type = ds_col_str(pool, stmt, 4);
	i->doc_number = ds_col_str(pool, stmt, 5);
	i->doc_symbol = ds_col_str(pool, stmt, 6);
	ds_col_date(stmt, 7, &i->doc_date);
	i->received_at = (time_t)ds_col_int64(stmt, 8);
	i->secret = ds_col_int(stmt, 9) != 0;
	i->difficulties_raised = ds_col_int(stmt, 10) != 0;
	i->proposals_raised = ds_col_int(stmt, 11) != 0;
	if (!i->secret) {
		i->difficulties = ds_col_str(pool, stmt, 12);
		i->proposals = ds_col_str(pool, stmt, 13);
	}
}

/* A report reads many rows: the backend may tune the connection for
   it (SQLite maps the file). */
static int digest_prepare(struct dondoc_store *store,
			  enum dondoc_store_stmt_id id,
			  struct dondoc_store_stmt **stmt_r, const char **error_r)
{
	store->v->driver->read_many(store);
	*stmt_r = ds_stmt_get(store, id, error_r);
	return *stmt_r == NULL ? -1 : 0;
}

int ds_digest_tasks(struct dondoc_store *store, pool_t pool,
		    const struct dondoc_date *first,
		    const struct dondoc_date *last, const char *agency,
		    ARRAY_TYPE(dondoc_store_digest_task) *tasks,
		    const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if (digest_prepare(store, STMT_DIGEST_TASKS, &stmt, error_r) < 0)
		return -1;
	ds_bind_date(stmt, 1, first);
	ds_bind_date(stmt, 2, last);
	ds_bind_text(stmt, 3, agency);
	return ds_stmt_rows_i(stmt, pool, row_to_digest_task, &tasks->arr,
			      "digest tasks", error_r);
}

int ds_digest_assigned(struct dondoc_store *store, pool_t pool,
		       time_t from, time_t until, const char *agency,
		       ARRAY_TYPE(dondoc_store_digest_task) *tasks,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if (digest_prepare(store, STMT_DIGEST_ASSIGNED, &stmt, error_r) < 0)
		return -1;
	ds_bind_int64(stmt, 1, from);
	ds_bind_int64(stmt, 2, until);
	ds_bind_text(stmt, 3, agency);
	return ds_stmt_rows_i(stmt, pool, row_to_digest_task, &tasks->arr,
			      "digest assigned", error_r);
}

int ds_digest_issues(struct dondoc_store *store, pool_t pool,
		     time_t from, time_t until, const char *agency,
		     ARRAY_TYPE(dondoc_store_digest_issue) *issues,
		     const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if (digest_prepare(store, STMT_DIGEST_ISSUES, &stmt, error_r) < 0)
		return -1;
	ds_bind_int64(stmt, 1, from);
	ds_bind_int64(stmt, 2, until);
	ds_bind_text(stmt, 3, agency);
	return ds_stmt_rows_i(stmt, pool, row_to_digest_issue, &issues->arr,
			      "digest issues", error_r);
}
