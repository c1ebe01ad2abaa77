/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend: submissions, one per Message-ID and one per document
   (number, symbol, agency, task), recorded against a task or unmatched.
   Arguments were validated by dondoc-store.c. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-sqlite-private.h"
#include "dondoc-store-values.h"

/* ---- submissions ---- */

static void row_to_submission(pool_t pool, sqlite3_stmt *stmt,
			      struct dondoc_submission *sub_r)
{
	const char *trust, *match;
	unsigned int i;

	i_zero(sub_r);
	sub_r->id = sqlite3_column_int64(stmt, 0);
	sub_r->message_id = sqlite_col_str(pool, stmt, 1);
	sub_r->doc_type = sqlite_col_str(pool, stmt, 2);
	sub_r->doc_number = sqlite_col_str(pool, stmt, 3);
	sub_r->doc_symbol = sqlite_col_str(pool, stmt, 4);
	sqlite_col_date(stmt, 5, &sub_r->doc_date);
	sub_r->task_code = sqlite_col_str(pool, stmt, 6);
	sub_r->sender_email = sqlite_col_str(pool, stmt, 7);
	sub_r->sender_person_id = sqlite3_column_int64(stmt, 8);
	sub_r->sender_agency = sqlite_col_str(pool, stmt, 9);
	sub_r->received_at = (time_t)sqlite3_column_int64(stmt, 10);
	sub_r->late = sqlite3_column_int(stmt, 11) != 0;
	sub_r->late_days = sqlite3_column_int(stmt, 12);
	trust = (const char *)sqlite3_column_text(stmt, 13);
	sub_r->trust = dondoc_store_trust_parse(trust);
	match = (const char *)sqlite3_column_text(stmt, 14);
	for (i = 0; i <= DONDOC_MATCH_MANUAL && match != NULL; i++) {
		if (strcmp(dondoc_match_kind_name(i), match) == 0)
			sub_r->match = i;
	}
}

/* The ids a document's identity is made of; 0 for what is unknown. */
static int submission_ids(struct sqlite_store *s,
			  const struct dondoc_submission *sub,
			  int64_t *agency_r, int64_t *task_r,
			  const char **error_r)
{
	enum dondoc_task_status status;
	const char *code;

	*agency_r = *task_r = 0;
	if (sub->sender_agency != NULL &&
	    ds_agency_id(&s->store, sub->sender_agency, agency_r, error_r) < 0)
		return -1;
	if (sub->task_code != NULL &&
	    ds_task_status_by_code(&s->store, sub->task_code, task_r, &status,
				       &code, error_r) < 0)
		return -1;
	return 0;
}

static int
submission_same_document(struct sqlite_store *s, pool_t pool,
			 const struct dondoc_submission *sub,
			 int64_t agency_id, int64_t task_id,
			 bool verified_only, struct dondoc_submission *sub_r,
			 const char **error_r)
{
	sqlite3_stmt *stmt;

	if (sub->doc_number == NULL || sub->doc_number[0] == '\0' ||
	    sub->doc_symbol == NULL || sub->doc_symbol[0] == '\0')
		return 0;
	stmt = sqlite_stmt_get(s, STMT_SUBMISSION_SAME_DOC, error_r);
	if (stmt == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, sub->doc_symbol);
	sqlite_bind_text(stmt, 2, sub->doc_number);
	sqlite_bind_id(stmt, 3, agency_id);
	sqlite_bind_id(stmt, 4, task_id);
	sqlite_bind_text_empty(stmt, 5, sub->message_id);
	(void)sqlite3_bind_int(stmt, 6, verified_only ? 1 : 0);
	return sqlite_stmt_one(s, stmt, pool, row_to_submission, sub_r,
			       "submission by document", error_r);
}

int sqlite_submission_same_document(struct dondoc_store *store, pool_t pool,
				    const struct dondoc_submission *sub,
				    bool verified_only,
				    struct dondoc_submission *sub_r,
				    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	int64_t agency_id, task_id;

	if (submission_ids(s, sub, &agency_id, &task_id, error_r) < 0)
		return -1;
	/* An unknown agency or task is no identity to compare with. */
	if ((sub->sender_agency != NULL && agency_id == 0) ||
	    (sub->task_code != NULL && task_id == 0))
		return 0;
	return submission_same_document(s, pool, sub, agency_id, task_id,
					verified_only, sub_r, error_r);
}

static int
submission_insert(struct sqlite_store *s, const struct dondoc_submission *sub,
		  int64_t task_id, struct dondoc_submission_result *result_r,
		  const char **error_r)
{
	sqlite3_stmt *stmt;
	int64_t agency = 0;

	struct dondoc_submission same;
	int ret;

	if (sub->sender_agency != NULL &&
	    ds_agency_id_required(&s->store, sub->sender_agency, &agency, error_r) < 0)
		return -1;
	/* The same document again, cited by another mail (a reply quoting
	   it, an auto-responder, a resend): recorded once. A verified
	   submission only yields to a verified one. */
	ret = submission_same_document(s, pool_datastack_create(), sub,
				       agency, task_id,
				       sub->trust == DONDOC_TRUST_VERIFIED,
				       &same, error_r);
	if (ret < 0)
		return -1;
	if (ret > 0) {
		result_r->duplicate = TRUE;
		result_r->duplicate_of = same.message_id;
		return 0;
	}
	if ((stmt = sqlite_stmt_get(s, STMT_SUBMISSION_ADD, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, sub->message_id);
	sqlite_bind_text(stmt, 2, sub->doc_type);
	sqlite_bind_text(stmt, 3, sub->doc_number);
	sqlite_bind_text(stmt, 4, sub->doc_symbol);
	sqlite_bind_date(stmt, 5, &sub->doc_date);
	sqlite_bind_id(stmt, 6, task_id);
	sqlite_bind_text(stmt, 7, sub->sender_email);
	sqlite_bind_id(stmt, 8, sub->sender_person_id);
	sqlite_bind_id(stmt, 9, agency);
	(void)sqlite3_bind_int64(stmt, 10, (sqlite3_int64)sub->received_at);
	(void)sqlite3_bind_int(stmt, 11, sub->late ? 1 : 0);
	(void)sqlite3_bind_int(stmt, 12, (int)sub->late_days);
	sqlite_bind_text(stmt, 13, dondoc_store_trust_name(sub->trust));
	sqlite_bind_text(stmt, 14, dondoc_match_kind_name(sub->match));
	if (sqlite_stmt_exec(s, stmt, "submission add", error_r) < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0) {
		result_r->duplicate = TRUE;
		return 0;
	}
	result_r->submission_id = sqlite3_last_insert_rowid(s->db);
	if (sqlite_digest_issue_insert(s, result_r->submission_id, sub,
				       error_r) < 0)
		return -1;
	return sqlite_audit(s, "submission", sub->message_id, "insert", NULL,
		     t_strdup_printf("task=%s %s late_days=%u trust=%s match=%s",
				     sub->task_code == NULL ? "-" :
				     sub->task_code,
				     sub->late ? "late" : "on-time",
				     sub->late_days, dondoc_store_trust_name(sub->trust),
				     dondoc_match_kind_name(sub->match)),
		     error_r) < 0 ? -1 : 1;
}

int sqlite_record_submission(struct dondoc_store *store,
			     const struct dondoc_submission *sub,
			     struct dondoc_submission_result *result_r,
			     const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	enum dondoc_task_status from = DONDOC_TASK_OPEN, to;
	const char *code = NULL;
	int64_t task_id = 0;
	int ret;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (sub->task_code != NULL) {
		ret = ds_task_status_by_code(&s->store, sub->task_code, &task_id, &from,
					  &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   sub->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((ret = submission_insert(s, sub, task_id, result_r, error_r)) < 0)
		goto fail;
	if (ret == 0) {
		/* duplicate: nothing written */
		sqlite_write_rollback(s);
		return 0;
	}
	result_r->old_status = result_r->new_status = from;
	/* Only evidence the server produced moves a task. */
	if (task_id != 0 && sub->trust == DONDOC_TRUST_VERIFIED &&
	    dondoc_task_status_after_submission(from, sub->late, &to)) {
		if (ds_task_set_status(&s->store, task_id, code, from, to,
			t_strdup_printf("submission %s", sub->message_id),
			error_r) < 0)
			goto fail;
		result_r->transitioned = TRUE;
		result_r->new_status = to;
	}
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_submission_by_message_id(struct dondoc_store *store,
				    pool_t pool,
				    const char *message_id,
				    struct dondoc_submission *sub_r,
				    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_SUBMISSION_BY_MSGID, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, message_id);
	return sqlite_stmt_one(s, stmt, pool, row_to_submission, sub_r,
			 "submission lookup", error_r);
}

int sqlite_submission_list(struct dondoc_store *store, pool_t pool,
			   const char *task_code,
			   ARRAY_TYPE(dondoc_submission) *subs,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;

	if ((stmt = sqlite_stmt_get(s, STMT_SUBMISSION_LIST, error_r)) == NULL)
		return -1;
	sqlite_bind_text(stmt, 1, task_code);
	return sqlite_stmt_rows(s, stmt, pool, row_to_submission, subs,
			 "submission list", error_r);
}
