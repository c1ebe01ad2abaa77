/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: the rows a report is drafted from
   (dondoc-store-digest.h), and the difficulties and proposals a
   submission raised, written in the submission's own transaction.
   Arguments were validated by dondoc-store-digest.c. The statements are
   prepared per call: a report is drafted once, not per delivery. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"
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
	"WHERE t.due BETWEEN ?1 AND ?2 AND (?3 IS NULL OR a.code = ?3) "
	"ORDER BY a.code, t.due, t.code";

static const char *const digest_assigned_sql = DIGEST_TASK_SELECT
	"WHERE t.created_at >= ?1 AND t.created_at < ?2 "
	"AND (?3 IS NULL OR a.code = ?3) "
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
	"WHERE s.trust = 'verified' AND s.received_at >= ?1 "
	"AND s.received_at < ?2 AND (?3 IS NULL OR a.code = ?3) "
	"ORDER BY a.code, s.received_at, s.id";

static void row_to_digest_task(pool_t pool, sqlite3_stmt *stmt, void *row_r)
{
	struct dondoc_store_digest_task *t = row_r;
	const char *status;

	i_zero(t);
	t->code = sqlite_col_str(pool, stmt, 0);
	t->title = sqlite_col_str(pool, stmt, 1);
	t->agency = sqlite_col_str(pool, stmt, 2);
	t->assigner = sqlite_col_str(pool, stmt, 3);
	t->obligation = sqlite_col_str(pool, stmt, 4);
	t->source_type = sqlite_col_str(pool, stmt, 5);
	t->source_number = sqlite_col_str(pool, stmt, 6);
	t->source_symbol = sqlite_col_str(pool, stmt, 7);
	sqlite_col_date(stmt, 8, &t->due);
	status = (const char *)sqlite3_column_text(stmt, 9);
	if (!dondoc_task_status_parse(status, &t->status))
		t->status = DONDOC_TASK_OPEN; /* CHECK forbids this */
	t->created_at = (time_t)sqlite3_column_int64(stmt, 10);
	if (sqlite3_column_type(stmt, 11) == SQLITE_NULL)
		return;
	t->submitted = TRUE;
	t->submitted_at = (time_t)sqlite3_column_int64(stmt, 12);
	t->late = sqlite3_column_int(stmt, 13) != 0;
	t->late_days = (unsigned int)sqlite3_column_int(stmt, 14);
	t->message_id = sqlite_col_str(pool, stmt, 15);
	t->doc_number = sqlite_col_str(pool, stmt, 16);
	t->doc_symbol = sqlite_col_str(pool, stmt, 17);
	sqlite_col_date(stmt, 18, &t->doc_date);
}

static void row_to_digest_issue(pool_t pool, sqlite3_stmt *stmt, void *row_r)
{
	struct dondoc_store_digest_issue *i = row_r;

	i_zero(i);
	i->submission_id = sqlite3_column_int64(stmt, 0);
	i->agency = sqlite_col_str(pool, stmt, 1);
	i->task_code = sqlite_col_str(pool, stmt, 2);
	i->message_id = sqlite_col_str(pool, stmt, 3);
	i->doc_type = sqlite_col_str(pool, stmt, 4);
	i->doc_number = sqlite_col_str(pool, stmt, 5);
	i->doc_symbol = sqlite_col_str(pool, stmt, 6);
	sqlite_col_date(stmt, 7, &i->doc_date);
	i->received_at = (time_t)sqlite3_column_int64(stmt, 8);
	i->secret = sqlite3_column_int(stmt, 9) != 0;
	i->difficulties_raised = sqlite3_column_int(stmt, 10) != 0;
	i->proposals_raised = sqlite3_column_int(stmt, 11) != 0;
	if (!i->secret) {
		i->difficulties = sqlite_col_str(pool, stmt, 12);
		i->proposals = sqlite_col_str(pool, stmt, 13);
	}
}

/* A report reads tens of thousands of rows at random: map the file
   (read-only use of the memory; SQLite still writes with write()) and
   keep more pages than a delivery needs. Best effort. */
#define DIGEST_MMAP_SIZE "268435456"
#define DIGEST_CACHE_KIB "-65536"

static int digest_prepare(struct sqlite_store *s, const char *sql,
			  const char *what, sqlite3_stmt **stmt_r,
			  const char **error_r)
{
	(void)sqlite3_exec(s->db, "PRAGMA mmap_size = " DIGEST_MMAP_SIZE
			   "; PRAGMA cache_size = " DIGEST_CACHE_KIB,
			   NULL, NULL, NULL);
	if (sqlite3_prepare_v2(s->db, sql, -1, stmt_r, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, what);
		return -1;
	}
	return 0;
}

/* Every row of stmt converted by row() into array; stmt is finalized. */
static int digest_collect(struct sqlite_store *s, sqlite3_stmt *stmt,
			  const char *what, pool_t pool,
			  void (*row)(pool_t, sqlite3_stmt *, void *),
			  struct array *array, const char **error_r)
{
	int ret, count = 0;

	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		row(pool, stmt, array_append_space_i(array));
		count++;
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, what);
		count = -1;
	}
	(void)sqlite3_finalize(stmt);
	return count;
}

int sqlite_digest_tasks(struct dondoc_store *store, pool_t pool,
			const struct dondoc_date *first,
			const struct dondoc_date *last, const char *agency,
			ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if (digest_prepare(s, digest_tasks_sql, "digest tasks", &stmt,
			   error_r) < 0)
		return -1;
	sqlite_bind_date(stmt, 1, first);
	sqlite_bind_date(stmt, 2, last);
	sqlite_bind_text(stmt, 3, agency);
	return digest_collect(s, stmt, "digest tasks", pool,
		row_to_digest_task,
		&tasks->arr, error_r);
}

int sqlite_digest_assigned(struct dondoc_store *store, pool_t pool,
			   time_t from, time_t until, const char *agency,
			   ARRAY_TYPE(dondoc_store_digest_task) *tasks,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if (digest_prepare(s, digest_assigned_sql, "digest assigned", &stmt,
			   error_r) < 0)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)from);
	(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)until);
	sqlite_bind_text(stmt, 3, agency);
	return digest_collect(s, stmt, "digest assigned", pool,
		row_to_digest_task,
		&tasks->arr, error_r);
}

int sqlite_digest_issues(struct dondoc_store *store, pool_t pool,
			 time_t from, time_t until, const char *agency,
			 ARRAY_TYPE(dondoc_store_digest_issue) *issues,
			 const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if (digest_prepare(s, digest_issues_sql, "digest issues", &stmt,
			   error_r) < 0)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)from);
	(void)sqlite3_bind_int64(stmt, 2, (sqlite3_int64)until);
	sqlite_bind_text(stmt, 3, agency);
	return digest_collect(s, stmt, "digest issues", pool,
		row_to_digest_issue,
		&issues->arr, error_r);
}
