/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Submissions, written once over the store's statement driver
   (dondoc-store-driver.h) for both backends: one per Message-ID and one
   per document (number, symbol, agency, task), recorded against a task
   or unmatched, with the difficulties and proposals they raised, in one
   write operation with the task's transition. Arguments were validated
   by the front end (dondoc-store.c). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-store-driver.h"
#include "dondoc-store-txn-cache.h"
#include "dondoc-store-values.h"

/* ---- submissions ---- */

static void row_to_submission(pool_t pool, struct dondoc_store_stmt *stmt,
			      struct dondoc_submission *sub_r)
{
	const char *trust, *match;
	unsigned int i;

	i_zero(sub_r);
	sub_r->id = ds_col_int64(stmt, 0);
	sub_r->message_id = ds_col_str(pool, stmt, 1);
	sub_r->doc_type = ds_col_str(pool, stmt, 2);
	sub_r->doc_number = ds_col_str(pool, stmt, 3);
	sub_r->doc_symbol = ds_col_str(pool, stmt, 4);
	ds_col_date(stmt, 5, &sub_r->doc_date);
	sub_r->task_code = ds_col_str(pool, stmt, 6);
	sub_r->sender_email = ds_col_str(pool, stmt, 7);
	sub_r->sender_person_id = ds_col_int64(stmt, 8);
	sub_r->sender_agency = ds_col_str(pool, stmt, 9);
	sub_r->received_at = (time_t)ds_col_int64(stmt, 10);
	sub_r->late = ds_col_int(stmt, 11) != 0;
	sub_r->late_days = ds_col_int(stmt, 12);
	trust = ds_col_text(stmt, 13);
	sub_r->trust = dondoc_store_trust_parse(trust);
	match = ds_col_text(stmt, 14);
	for (i = 0; i <= DONDOC_MATCH_MANUAL && match != NULL; i++) {
		if (strcmp(dondoc_match_kind_name(i), match) == 0)
			sub_r->match = i;
	}
}

/* The ids a document's identity is made of; 0 for what is unknown. */
static int submission_ids(struct dondoc_store *store,
			  const struct dondoc_submission *sub,
			  int64_t *agency_r, int64_t *task_r,
			  const char **error_r)
{
	enum dondoc_task_status status;
	const char *code;

	*agency_r = *task_r = 0;
	if (sub->sender_agency != NULL &&
	    ds_agency_id(store, sub->sender_agency, agency_r, error_r) < 0)
		return -1;
	if (sub->task_code != NULL &&
	    ds_task_status_by_code(store, sub->task_code, task_r, &status,
				   &code, error_r) < 0)
		return -1;
	return 0;
}

static int
submission_same_document(struct dondoc_store *store, pool_t pool,
			 const struct dondoc_submission *sub,
			 int64_t agency_id, int64_t task_id,
			 bool verified_only, struct dondoc_submission *sub_r,
			 const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if (sub->doc_number == NULL || sub->doc_number[0] == '\0' ||
	    sub->doc_symbol == NULL || sub->doc_symbol[0] == '\0')
		return 0;
	stmt = ds_stmt_get(store, STMT_SUBMISSION_SAME_DOC, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_text(stmt, 1, sub->doc_symbol);
	ds_bind_text(stmt, 2, sub->doc_number);
	ds_bind_id(stmt, 3, agency_id);
	ds_bind_id(stmt, 4, task_id);
	ds_bind_text_empty(stmt, 5, sub->message_id);
	ds_bind_int64(stmt, 6, verified_only ? 1 : 0);
	return ds_stmt_one(stmt, pool, row_to_submission, sub_r,
			   "submission by document", error_r);
}

int ds_submission_same_document(struct dondoc_store *store, pool_t pool,
				const struct dondoc_submission *sub,
				bool verified_only,
				struct dondoc_submission *sub_r,
				const char **error_r)
{
	int64_t agency_id, task_id;

	/* recorded just now, under this lock, with no same document */
	if (ds_txn_cache_recorded_alone(store, sub, verified_only))
		return 0;
	if (submission_ids(store, sub, &agency_id, &task_id, error_r) < 0)
		return -1;
	/* An unknown agency or task is no identity to compare with. */
	if ((sub->sender_agency != NULL && agency_id == 0) ||
	    (sub->task_code != NULL && task_id == 0))
		return 0;
	return submission_same_document(store, pool, sub, agency_id, task_id,
					verified_only, sub_r, error_r);
}

/* A submission's difficulties and proposals (dondoc-store-digest.h), in
   its own transaction: 1 written, 0 none to write, -1 error. */
static int submission_issue_insert(struct dondoc_store *store,
				   int64_t submission_id,
				   const struct dondoc_submission *sub,
				   const char **error_r)
{
	bool difficulties = dondoc_store_text_is_set(sub->difficulties);
	bool proposals = dondoc_store_text_is_set(sub->proposals);
	struct dondoc_store_stmt *stmt;

	if (!difficulties && !proposals)
		return 0;
	stmt = ds_stmt_get(store, STMT_SUBMISSION_ISSUE_ADD, error_r);
	if (stmt == NULL)
		return -1;
	ds_bind_int64(stmt, 1, submission_id);
	ds_bind_int64(stmt, 2, sub->secret ? 1 : 0);
	ds_bind_int64(stmt, 3, difficulties ? 1 : 0);
	ds_bind_int64(stmt, 4, proposals ? 1 : 0);
	/* a classified document's text is never kept */
	ds_bind_text(stmt, 5, sub->secret ? NULL : sub->difficulties);
	ds_bind_text(stmt, 6, sub->secret ? NULL : sub->proposals);
	if (ds_step(stmt) != DS_DONE) {
		*error_r = ds_errstr(store, "submission issue add");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return 1;
}

static void submission_add_bind(struct dondoc_store_stmt *stmt,
				const struct dondoc_submission *sub,
				int64_t task_id, int64_t agency)
{
	ds_bind_text(stmt, 1, sub->message_id);
	ds_bind_text(stmt, 2, sub->doc_type);
	ds_bind_text(stmt, 3, sub->doc_number);
	ds_bind_text(stmt, 4, sub->doc_symbol);
	ds_bind_date(stmt, 5, &sub->doc_date);
	ds_bind_id(stmt, 6, task_id);
	ds_bind_text(stmt, 7, sub->sender_email);
	ds_bind_id(stmt, 8, sub->sender_person_id);
	ds_bind_id(stmt, 9, agency);
	ds_bind_int64(stmt, 10, sub->received_at);
	ds_bind_int64(stmt, 11, sub->late ? 1 : 0);
	ds_bind_int64(stmt, 12, (int)sub->late_days);
	ds_bind_text(stmt, 13, dondoc_store_trust_name(sub->trust));
	ds_bind_text(stmt, 14, dondoc_match_kind_name(sub->match));
}

/* The same-document check and the insert as one statement (one round
   trip) where the backend has it: 1 inserted (the id in
   result_r->submission_id), 0 a duplicate (result_r says of what). */
static int
submission_add_unless_same(struct dondoc_store *store,
			   const struct dondoc_submission *sub,
			   int64_t task_id, int64_t agency,
			   struct dondoc_submission_result *result_r,
			   const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	stmt = ds_stmt_get(store, STMT_SUBMISSION_ADD_UNLESS_SAME, error_r);
	if (stmt == NULL)
		return -1;
	submission_add_bind(stmt, sub, task_id, agency);
	if ((ret = ds_step(stmt)) != DS_ROW) {
		*error_r = ret == DS_DONE ? "submission add: no answer" :
			ds_errstr(store, "submission add");
		ds_stmt_done(stmt);
		return -1;
	}
	if (!ds_col_is_null(stmt, 0)) {
		result_r->submission_id = ds_col_int64(stmt, 0);
		ret = 1;
	} else {
		/* the same document from another message, or this
		   Message-ID recorded before */
		result_r->duplicate = TRUE;
		if (!ds_col_is_null(stmt, 1))
			result_r->duplicate_of = t_strdup(ds_col_text(stmt, 1));
		ret = 0;
	}
	ds_stmt_done(stmt);
	return ret;
}

static int
submission_add(struct dondoc_store *store, const struct dondoc_submission *sub,
	       int64_t task_id, int64_t agency,
	       struct dondoc_submission_result *result_r,
	       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	struct dondoc_submission same;
	int ret;

	if (ds_stmt_exists(store, STMT_SUBMISSION_ADD_UNLESS_SAME)) {
		return submission_add_unless_same(store, sub, task_id, agency,
						  result_r, error_r);
	}
	/* The same document again, cited by another mail (a reply quoting
	   it, an auto-responder, a resend): recorded once. A verified
	   submission only yields to a verified one. */
	ret = submission_same_document(store, pool_datastack_create(), sub,
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
	if ((stmt = ds_stmt_get(store, STMT_SUBMISSION_ADD, error_r)) == NULL)
		return -1;
	submission_add_bind(stmt, sub, task_id, agency);
	if (ds_stmt_exec(stmt, "submission add", error_r) < 0)
		return -1;
	if (ds_changes(store) == 0) {
		result_r->duplicate = TRUE;
		return 0;
	}
	result_r->submission_id = ds_last_id(store);
	return 1;
}

static int
submission_insert(struct dondoc_store *store, const struct dondoc_submission *sub,
		  int64_t task_id, struct dondoc_submission_result *result_r,
		  const char **error_r)
{
	int64_t agency = 0;
	int ret;

	if (sub->sender_agency != NULL &&
	    ds_agency_id_required(store, sub->sender_agency, &agency, error_r) < 0)
		return -1;
	if ((ret = submission_add(store, sub, task_id, agency, result_r,
				  error_r)) <= 0)
		return ret;
	if (submission_issue_insert(store, result_r->submission_id, sub,
				    error_r) < 0)
		return -1;
	return ds_audit(store, "submission", sub->message_id, "insert", NULL,
			t_strdup_printf("task=%s %s late_days=%u trust=%s match=%s",
					sub->task_code == NULL ? "-" :
					sub->task_code,
					sub->late ? "late" : "on-time",
					sub->late_days, dondoc_store_trust_name(sub->trust),
					dondoc_match_kind_name(sub->match)),
			error_r) < 0 ? -1 : 1;
}

int ds_record_submission(struct dondoc_store *store,
			 const struct dondoc_submission *sub,
			 struct dondoc_submission_result *result_r,
			 const char **error_r)
{
	enum dondoc_task_status from = DONDOC_TASK_OPEN, to;
	const char *code = NULL;
	int64_t task_id = 0;
	int ret;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (sub->task_code != NULL) {
		ret = ds_task_status_by_code(store, sub->task_code, &task_id, &from,
					     &code, error_r);
		if (ret == 0) {
			*error_r = t_strdup_printf("unknown task '%s'",
						   sub->task_code);
		}
		if (ret <= 0)
			goto fail;
	}
	if ((ret = submission_insert(store, sub, task_id, result_r, error_r)) < 0)
		goto fail;
	if (ret == 0) {
		/* duplicate: nothing written */
		ds_write_rollback(store);
		return 0;
	}
	result_r->old_status = result_r->new_status = from;
	/* Only evidence the server produced moves a task. */
	if (task_id != 0 && sub->trust == DONDOC_TRUST_VERIFIED &&
	    dondoc_task_status_after_submission(from, sub->late, &to)) {
		if (ds_task_set_status(store, task_id, code, from, to,
			t_strdup_printf("submission %s", sub->message_id),
				       error_r) < 0)
			goto fail;
		result_r->transitioned = TRUE;
		result_r->new_status = to;
	}
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	ds_txn_cache_recorded_put(store, sub);
	return 1;
fail:
	ds_write_rollback(store);
	return -1;
}

int ds_submission_by_message_id(struct dondoc_store *store,
				pool_t pool,
				const char *message_id,
				struct dondoc_submission *sub_r,
				const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_SUBMISSION_BY_MSGID, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, message_id);
	return ds_stmt_one(stmt, pool, row_to_submission, sub_r,
			   "submission lookup", error_r);
}

int ds_submission_list(struct dondoc_store *store, pool_t pool,
		       const char *task_code,
		       ARRAY_TYPE(dondoc_submission) *subs,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;

	if ((stmt = ds_stmt_get(store, STMT_SUBMISSION_LIST, error_r)) == NULL)
		return -1;
	ds_bind_text(stmt, 1, task_code);
	return ds_stmt_rows(stmt, pool, row_to_submission, subs,
			    "submission list", error_r);
}
