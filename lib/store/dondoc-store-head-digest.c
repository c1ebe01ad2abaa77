/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Head's digest in the store interface (dondoc-store-head-digest.h):
   each value bounded and checked here, then handed to the backend, which
   trusts their shapes. The values come from incoming mail (through the
   tracker) and from the configuration: neither is trusted. */

#include "lib.h"
#include "str.h"
#include "array.h"
#include "unichar.h"
#include "dondoc-store-driver.h"

static const char *const head_item_kind_names[] = {
	[DONDOC_HEAD_ITEM_OVERDUE] = "overdue",
	[DONDOC_HEAD_ITEM_LATE] = "late",
	[DONDOC_HEAD_ITEM_ISSUE] = "issue",
	[DONDOC_HEAD_ITEM_WARNING] = "warning",
	[DONDOC_HEAD_ITEM_OTHER] = "other",
};

const char *dondoc_head_item_kind_name(enum dondoc_head_item_kind kind)
{
	i_assert(kind < N_ELEMENTS(head_item_kind_names));
	return head_item_kind_names[kind];
}

/* Text of one line (tab allowed) or, multiline, with LF too. */
static int head_check_text(const char *what, const char *value, size_t max,
			   bool multiline, const char **error_r)
{
	const unsigned char *p;

	if (value == NULL)
		return 0;
	if (strlen(value) > max) {
		*error_r = t_strdup_printf("%s is too long (max %zu bytes)",
					   what, max);
		return -1;
	}
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\t' && !(multiline && *p == '\n')) ||
		    *p == 0x7f) {
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

static int head_check_item(const struct dondoc_head_item *item,
			   const char **error_r)
{
	if (item->kind >= DONDOC_HEAD_ITEM_KIND_COUNT) {
		*error_r = "invalid item kind";
		return -1;
	}
	if (item->dedup_key == NULL || item->dedup_key[0] == '\0') {
		*error_r = "an item needs a dedup key";
		return -1;
	}
	if (item->recipient == NULL ||
	    !dondoc_store_email_is_valid(item->recipient)) {
		*error_r = "invalid item recipient";
		return -1;
	}
	if (item->message_id != NULL &&
	    !dondoc_store_message_id_is_valid(item->message_id)) {
		*error_r = "invalid item Message-ID";
		return -1;
	}
	if (item->original_len > DONDOC_STORE_MAX_HEAD_ORIGINAL ||
	    (item->original == NULL && item->original_len > 0)) {
		*error_r = "the original mail of an item is too large";
		return -1;
	}
	/* a classified document's text is never kept */
	if (item->secret && (item->original != NULL ||
			     item->difficulties != NULL ||
			     item->proposals != NULL)) {
		*error_r = "a classified document's item keeps metadata only";
		return -1;
	}
	if (head_check_text("dedup key", item->dedup_key,
			    DONDOC_STORE_MAX_TEXT, FALSE, error_r) < 0 ||
	    head_check_text("task code", item->task_code,
			    DONDOC_STORE_MAX_CODE, FALSE, error_r) < 0 ||
	    head_check_text("task title", item->task_title,
			    DONDOC_STORE_MAX_NAME, FALSE, error_r) < 0 ||
	    head_check_text("agency", item->agency,
			    DONDOC_STORE_MAX_CODE, FALSE, error_r) < 0 ||
	    head_check_text("document type", item->doc_type,
			    DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    head_check_text("document number", item->doc_number,
			    DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    head_check_text("document symbol", item->doc_symbol,
			    DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    head_check_text("reason", item->reason,
			    DONDOC_STORE_MAX_TEXT, FALSE, error_r) < 0 ||
	    head_check_text("difficulties", item->difficulties,
			    DONDOC_STORE_MAX_TEXT, TRUE, error_r) < 0 ||
	    head_check_text("proposals", item->proposals,
			    DONDOC_STORE_MAX_TEXT, TRUE, error_r) < 0 ||
	    head_check_text("reply address", item->reply_to,
			    DONDOC_STORE_MAX_EMAIL * 2, FALSE, error_r) < 0)
		return -1;
	return 0;
}

int dondoc_store_head_item_add(struct dondoc_store *store,
			       const struct dondoc_head_item *item,
			       const char **error_r)
{
	if (head_check_item(item, error_r) < 0)
		return -1;
	return ds_head_item_add(store, item, error_r);
}

int dondoc_store_head_item_known(struct dondoc_store *store,
				 const char *dedup_key, const char **error_r)
{
	return ds_head_item_known(store, dedup_key, error_r);
}

int dondoc_store_head_pending_recipients(struct dondoc_store *store,
					 pool_t pool,
					 ARRAY_TYPE(const_string) *rcpts,
					 const char **error_r)
{
	return ds_head_pending_recipients(store, pool, rcpts, error_r);
}

int dondoc_store_head_digest_take(struct dondoc_store *store, pool_t pool,
				  const char *period, const char *recipient,
				  ARRAY_TYPE(dondoc_head_item) *items_r,
				  const char **error_r)
{
	if (period == NULL || period[0] == '\0' ||
	    head_check_text("period", period, DONDOC_STORE_MAX_HEAD_PERIOD,
			    FALSE, error_r) < 0) {
		*error_r = "invalid digest period";
		return -1;
	}
	if (recipient == NULL || !dondoc_store_email_is_valid(recipient)) {
		*error_r = "invalid digest recipient";
		return -1;
	}
	return ds_head_digest_take(store, pool, period, recipient,
				   items_r, error_r);
}

/* Not collected when the outbox holds the same key: it was escalated
   immediately before the policy changed. */

static int head_prepare(struct dondoc_store *store, enum dondoc_store_stmt_id id,
			const char *what ATTR_UNUSED,
			struct dondoc_store_stmt **stmt_r, const char **error_r)
{
	*stmt_r = ds_stmt_get(store, id, error_r);
	return *stmt_r == NULL ? -1 : 0;
}

/* Step a statement that returns no row; finalized. */
static int head_exec(struct dondoc_store *store, struct dondoc_store_stmt *stmt,
		     const char *what, const char **error_r)
{
	int ret = ds_step(stmt);

	if (ret != DS_DONE && ret != DS_ROW) {
		*error_r = ds_errstr(store, what);
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return 0;
}

int ds_head_item_add(struct dondoc_store *store,
		     const struct dondoc_head_item *item,
		     const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int changes;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (head_prepare(store, STMT_HEAD_ITEM_ADD, "head item add", &stmt,
			 error_r) < 0)
		goto fail;
	ds_bind_text(stmt, 1, item->dedup_key);
	ds_bind_text(stmt, 2, item->recipient);
	ds_bind_text(stmt, 3, dondoc_head_item_kind_name(item->kind));
	ds_bind_text(stmt, 4, item->task_code);
	ds_bind_text(stmt, 5, item->task_title);
	ds_bind_text(stmt, 6, item->agency);
	ds_bind_date(stmt, 7, &item->due);
	ds_bind_int64(stmt, 8, (int)item->late_days);
	ds_bind_text(stmt, 9, item->doc_type);
	ds_bind_text(stmt, 10, item->doc_number);
	ds_bind_text(stmt, 11, item->doc_symbol);
	ds_bind_date(stmt, 12, &item->doc_date);
	ds_bind_text(stmt, 13, item->reason);
	ds_bind_text(stmt, 14, item->secret ? NULL : item->difficulties);
	ds_bind_text(stmt, 15, item->secret ? NULL : item->proposals);
	ds_bind_text(stmt, 16, item->message_id);
	ds_bind_text(stmt, 17, item->reply_to);
	ds_bind_int64(stmt, 18, item->secret ? 1 : 0);
	if (item->original != NULL && !item->secret) {
		ds_bind_blob(stmt, 19, item->original, item->original_len);
	} else {
		ds_bind_null(stmt, 19);
	}
	ds_bind_int64(stmt, 20, item->original_size);
	ds_bind_int64(stmt, 21, time(NULL));
	if (head_exec(store, stmt, "head item add", error_r) < 0)
		goto fail;
	changes = ds_changes(store);
	if (changes > 0 &&
	    ds_audit(store, "head-digest", item->dedup_key, "collect", NULL,
		     item->recipient, error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	ds_write_rollback(store);
	return -1;
}

int ds_head_item_known(struct dondoc_store *store, const char *dedup_key,
		       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if (head_prepare(store, STMT_HEAD_ITEM_KNOWN, "head item known", &stmt,
			 error_r) < 0)
		return -1;
	ds_bind_text(stmt, 1, dedup_key);
	ret = ds_step(stmt);
	if (ret != DS_ROW && ret != DS_DONE) {
		*error_r = ds_errstr(store, "head item known");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return ret == DS_ROW ? 1 : 0;
}

int ds_head_pending_recipients(struct dondoc_store *store, pool_t pool,
			       ARRAY_TYPE(const_string) *rcpts,
			       const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	const char *rcpt;
	int ret;

	if (head_prepare(store, STMT_HEAD_PENDING, "head pending", &stmt,
			 error_r) < 0)
		return -1;
	while ((ret = ds_step(stmt)) == DS_ROW) {
		rcpt = ds_col_str(pool, stmt, 0);
		array_push_back(rcpts, &rcpt);
	}
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "head pending");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return 0;
}

static void row_to_head_item(pool_t pool, struct dondoc_store_stmt *stmt,
			     struct dondoc_head_item *item)
{
	const char *kind;
	unsigned int i;

	i_zero(item);
	item->id = ds_col_int64(stmt, 0);
	item->dedup_key = ds_col_str(pool, stmt, 1);
	item->recipient = ds_col_str(pool, stmt, 2);
	kind = ds_col_text(stmt, 3);
	item->kind = DONDOC_HEAD_ITEM_OTHER;
	for (i = 0; i < DONDOC_HEAD_ITEM_KIND_COUNT; i++) {
		if (null_strcmp(kind, dondoc_head_item_kind_name(i)) == 0)
			item->kind = i;
	}
	item->task_code = ds_col_str(pool, stmt, 4);
	item->task_title = ds_col_str(pool, stmt, 5);
	item->agency = ds_col_str(pool, stmt, 6);
	ds_col_date(stmt, 7, &item->due);
	item->late_days = (unsigned int)ds_col_int(stmt, 8);
	item->doc_type = ds_col_str(pool, stmt, 9);
	item->doc_number = ds_col_str(pool, stmt, 10);
	item->doc_symbol = ds_col_str(pool, stmt, 11);
	ds_col_date(stmt, 12, &item->doc_date);
	item->reason = ds_col_str(pool, stmt, 13);
	item->secret = ds_col_int(stmt, 18) != 0;
	if (!item->secret) {
		item->difficulties = ds_col_str(pool, stmt, 14);
		item->proposals = ds_col_str(pool, stmt, 15);
	}
	item->message_id = ds_col_str(pool, stmt, 16);
	item->reply_to = ds_col_str(pool, stmt, 17);
	if (!item->secret) {
		item->original = ds_col_blob(pool, stmt, 19,
					     &item->original_len);
	}
	item->original_size = (size_t)ds_col_int64(stmt, 20);
	item->created_at = (time_t)ds_col_int64(stmt, 21);
}

static int head_digest_items(struct dondoc_store *store, pool_t pool,
			     int64_t digest_id,
			     ARRAY_TYPE(dondoc_head_item) *items_r,
			     const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int ret;

	if (head_prepare(store, STMT_HEAD_DIGEST_ITEMS, "head digest items", &stmt,
			 error_r) < 0)
		return -1;
	ds_bind_int64(stmt, 1, digest_id);
	while ((ret = ds_step(stmt)) == DS_ROW)
		row_to_head_item(pool, stmt, array_append_space(items_r));
	if (ret != DS_DONE) {
		*error_r = ds_errstr(store, "head digest items");
		ds_stmt_done(stmt);
		return -1;
	}
	ds_stmt_done(stmt);
	return 0;
}

int ds_head_digest_take(struct dondoc_store *store, pool_t pool,
			const char *period, const char *recipient,
			ARRAY_TYPE(dondoc_head_item) *items_r,
			const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int64_t id;

	if (ds_write_begin(store, error_r) < 0)
		return -1;
	if (head_prepare(store, STMT_HEAD_DIGEST_ADD, "head digest add", &stmt,
			 error_r) < 0)
		goto fail;
	ds_bind_text(stmt, 1, period);
	ds_bind_text(stmt, 2, recipient);
	ds_bind_int64(stmt, 3, time(NULL));
	if (head_exec(store, stmt, "head digest add", error_r) < 0)
		goto fail;
	if (ds_changes(store) == 0) {
		/* built before, or nothing to take */
		ds_write_rollback(store);
		return 0;
	}
	id = ds_last_id(store);
	if (head_prepare(store, STMT_HEAD_DIGEST_ASSIGN, "head digest assign",
			 &stmt, error_r) < 0)
		goto fail;
	ds_bind_int64(stmt, 1, id);
	ds_bind_text(stmt, 2, recipient);
	if (head_exec(store, stmt, "head digest assign", error_r) < 0)
		goto fail;
	if (head_digest_items(store, pool, id, items_r, error_r) < 0)
		goto fail;
	if (head_prepare(store, STMT_HEAD_DIGEST_COUNT, "head digest count",
			 &stmt, error_r) < 0)
		goto fail;
	ds_bind_int64(stmt, 1, id);
	ds_bind_int64(stmt, 2, (int)array_count(items_r));
	if (head_exec(store, stmt, "head digest count", error_r) < 0)
		goto fail;
	if (ds_audit(store, "head-digest", period, "build", NULL,
		     t_strdup_printf("%s: %u item(s)", recipient,
				     array_count(items_r)), error_r) < 0)
		goto fail;
	if (ds_write_commit(store, error_r) < 0)
		return -1;
	return 1;
fail:
	ds_write_rollback(store);
	return -1;
}

int ds_head_digest_purge(struct dondoc_store *store, time_t before,
			 const char **error_r)
{
	struct dondoc_store_stmt *stmt;
	int count;

	/* A built digest's mail carries its originals itself: the items'
	   copies go with the outbox bodies of the same age. */
	if (head_prepare(store, STMT_HEAD_DIGEST_PURGE,
			 "head digest purge", &stmt, error_r) < 0)
		return -1;
	ds_bind_int64(stmt, 1, (int64_t)before);
	if (head_exec(store, stmt, "head digest purge", error_r) < 0)
		return -1;
	count = ds_changes(store);
	if (count > 0 &&
	    ds_audit(store, "head-digest", "*", "purge-originals", NULL,
		     t_strdup_printf("%d of digests built before %lld",
				     count, (long long)before),
		     error_r) < 0)
		return -1;
	return count;
}
