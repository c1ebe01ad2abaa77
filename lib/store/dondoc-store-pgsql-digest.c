/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend: the rows a report is drafted from
   (dondoc-store-digest.h), and the difficulties and proposals a
   submission raised, written in the submission's own transaction.
   Arguments were validated by dondoc-store-digest.c. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-pgsql-private.h"
#include "dondoc-store-values.h"

#define DIGEST_TASK_SELECT \
	"SELECT t.code, t.title, a.code, t.assigner, t.obligation, " \
	"t.source_type, t.source_number, t.source_symbol, t.due, t.status, " \
	"t.created_at, s.id, s.received_at, s.late, s.late_days, " \
	"s.message_id, s.doc_number, s.doc_symbol, s.doc_date " \
	"FROM task t JOIN agency a ON a.id = t.agency_id " \
	"LEFT JOIN submission s ON s.id = (SELECT s2.id FROM submission s2 " \
	" WHERE s2.task_id = t.id AND s2.trust = 'verified' " \
	" ORDER BY s2.received_at, s2.id LIMIT 1) "

static const char *const digest_tasks_sql = DIGEST_TASK_SELECT
	"WHERE t.due BETWEEN $1 AND $2 AND ($3 IS NULL OR a.code = $3) "
	"ORDER BY a.code, t.due, t.code";

static const char *const digest_assigned_sql = DIGEST_TASK_SELECT
	"WHERE t.created_at >= $1 AND t.created_at < $2 "
	"AND ($3 IS NULL OR a.code = $3) "
	"AND NOT EXISTS (SELECT 1 FROM obligation o WHERE "
	" o.code = t.obligation AND o.recurrence IN "
	" ('monthly', 'bimonthly', 'quarterly', 'semiannual', 'yearly')) "
	"ORDER BY t.created_at, t.code";

static const char *const digest_issues_sql =
	"SELECT i.submission_id, a.code, t.code, s.message_id, s.doc_type, "
	"s.doc_number, s.doc_symbol, s.doc_date, s.received_at, i.secret, "
	"i.difficulties_raised, i.proposals_raised, i.difficulties, "
	"i.proposals FROM submission_issue i "
	"JOIN submission s ON s.id = i.submission_id "
	"JOIN agency a ON a.id = s.sender_agency_id "
	"LEFT JOIN task t ON t.id = s.task_id "
	"WHERE s.trust = 'verified' AND s.received_at >= $1 "
	"AND s.received_at < $2 AND ($3 IS NULL OR a.code = $3) "
	"ORDER BY a.code, s.received_at, s.id";

static void row_to_digest_task(pool_t pool, struct pgsql_stmt *stmt, void *row_r)
{
	struct dondoc_store_digest_task *t = row_r;
	const char *status;

	i_zero(t);
	t->code = pgsql_col_str(pool, stmt, 0);
	t->title = pgsql_col_str(pool, stmt, 1);
	t->agency = pgsql_col_str(pool, stmt, 2);
	t->assigner = pgsql_col_str(pool, stmt, 3);
	t->obligation = pgsql_col_str(pool, stmt, 4);
	t->source_type = pgsql_col_str(pool, stmt, 5);
	t->source_number = pgsql_col_str(pool, stmt, 6);
	t->source_symbol = pgsql_col_str(pool, stmt, 7);
	pgsql_col_date(stmt, 8, &t->due);
	status = pgsql_col_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &t->status))
		t->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	t->created_at = (time_t)pgsql_col_int64(stmt, 10);
	if (pgsql_col_is_null(stmt, 11))
		return;
	t->submitted = TRUE;
	t->submitted_at = (time_t)pgsql_col_int64(stmt, 12);
	t->late = pgsql_col_int(stmt, 13) != 0;
	t->late_days = (unsigned int)pgsql_col_int(stmt, 14);
	t->message_id = pgsql_col_str(pool, stmt, 15);
	t->doc_number = pgsql_col_str(pool, stmt, 16);
	t->doc_symbol = pgsql_col_str(pool, stmt, 17);
	pgsql_col_date(stmt, 18, &t->doc_date);
}

static void row_to_digest_issue(pool_t pool, struct pgsql_stmt *stmt, void *row_r)
{
	struct dondoc_store_digest_issue *i = row_r;

	i_zero(i);
	i->submission_id = pgsql_col_int64(stmt, 0);
	i->agency = pgsql_col_str(pool, stmt, 1);
	i->task_code = pgsql_col_str(pool, stmt, 2);
	i->message_id = pgsql_col_str(pool, stmt, 3);
	i->doc_type = pgsql_col_str(pool, stmt, 4);
	i->doc_number = pgsql_col_str(pool, stmt, 5);
	i->doc_symbol = pgsql_col_str(pool, stmt, 6);
	pgsql_col_date(stmt, 7, &i->doc_date);
	i->received_at = (time_t)pgsql_col_int64(stmt, 8);
	i->secret = pgsql_col_int(stmt, 9) != 0;
	i->difficulties_raised = pgsql_col_int(stmt, 10) != 0;
	i->proposals_raised = pgsql_col_int(stmt, 11) != 0;
	if (!i->secret) {
		i->difficulties = pgsql_col_str(pool, stmt, 12);
		i->proposals = pgsql_col_str(pool, stmt, 13);
	}
}

static int digest_prepare(struct pgsql_store *s, const char *sql,
			  const char *what, struct pgsql_stmt **stmt_r,
			  const char **error_r)
{
	*stmt_r = pgsql_stmt_sql(s, sql, error_r);
	return *stmt_r == NULL ? -1 : 0;
}

/* Every row of stmt converted by row() into array; the statement is done. */
static int digest_collect(struct pgsql_store *s, struct pgsql_stmt *stmt,
			  const char *what, pool_t pool,
			  void (*row)(pool_t, struct pgsql_stmt *, void *),
			  struct array *array, const char **error_r)
{
	int ret, count = 0;

	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		row(pool, stmt, array_append_space_i(array));
		count++;
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, what);
		count = -1;
	}
	pgsql_stmt_done(stmt);
	return count;
}

int pgsql_digest_tasks(struct dondoc_store *store, pool_t pool,
			const struct dondoc_date *first,
			const struct dondoc_date *last, const char *agency,
			ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if (digest_prepare(s, digest_tasks_sql, "digest tasks", &stmt,
			   error_r) < 0)
		return -1;
	pgsql_bind_date(stmt, 1, first);
	pgsql_bind_date(stmt, 2, last);
	pgsql_bind_text(stmt, 3, agency);
	return digest_collect(s, stmt, "digest tasks", pool,
		row_to_digest_task,
		&tasks->arr, error_r);
}

int pgsql_digest_assigned(struct dondoc_store *store, pool_t pool,
			   time_t from, time_t until, const char *agency,
			   ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if (digest_prepare(s, digest_assigned_sql, "digest assigned", &stmt,
			   error_r) < 0)
		return -1;
	pgsql_bind_int64(stmt, 1, from);
	pgsql_bind_int64(stmt, 2, until);
	pgsql_bind_text(stmt, 3, agency);
	return digest_collect(s, stmt, "digest assigned", pool,
		row_to_digest_task,
		&tasks->arr, error_r);
}

int pgsql_digest_issues(struct dondoc_store *store, pool_t pool,
			 time_t from, time_t until, const char *agency,
			 ARRAY_TYPE(dondoc_store_digest_issue) *issues,
			 const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;

	if (digest_prepare(s, digest_issues_sql, "digest issues", &stmt,
			   error_r) < 0)
		return -1;
	pgsql_bind_int64(stmt, 1, from);
	pgsql_bind_int64(stmt, 2, until);
	pgsql_bind_text(stmt, 3, agency);
	return digest_collect(s, stmt, "digest issues", pool,
		row_to_digest_issue,
		&issues->arr, error_r);
}
