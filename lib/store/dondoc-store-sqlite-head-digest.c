/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* SQLite backend of the Head's digest (dondoc-store-head-digest.h).
   Arguments were validated by dondoc-store-head-digest.c. Statements are
   prepared per call: an item is collected at most once per escalation,
   a digest built once per period. Exactly once rests on two UNIQUE
   constraints: the item's dedup key, and (period, recipient) of the
   digest, written inside BEGIN IMMEDIATE with the items it takes. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-sqlite-private.h"

/* Not collected when the outbox holds the same key: it was escalated
   immediately before the policy changed. */
static const char *const head_item_add_sql =
	"INSERT OR IGNORE INTO head_digest_item (dedup_key, recipient, kind, "
	"task_code, task_title, agency, due, late_days, doc_type, doc_number, "
	"doc_symbol, doc_date, reason, difficulties, proposals, message_id, "
	"reply_to, secret, original, original_size, created_at) "
	"SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
	"?15, ?16, ?17, ?18, ?19, ?20, ?21 "
	"WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE dedup_key = ?1)";

static const char *const head_pending_sql =
	"SELECT DISTINCT recipient FROM head_digest_item "
	"WHERE digest_id IS NULL ORDER BY recipient";

static const char *const head_digest_add_sql =
	"INSERT OR IGNORE INTO head_digest (period, recipient, built_at, items) "
	"SELECT ?1, ?2, ?3, 0 WHERE EXISTS (SELECT 1 FROM head_digest_item "
	"WHERE digest_id IS NULL AND recipient = ?2)";

static const char *const head_digest_assign_sql =
	"UPDATE head_digest_item SET digest_id = ?1 "
	"WHERE digest_id IS NULL AND recipient = ?2";

static const char *const head_digest_count_sql =
	"UPDATE head_digest SET items = ?2 WHERE id = ?1";

static const char *const head_digest_items_sql =
	"SELECT id, dedup_key, recipient, kind, task_code, task_title, "
	"agency, due, late_days, doc_type, doc_number, doc_symbol, doc_date, "
	"reason, difficulties, proposals, message_id, reply_to, secret, "
	"original, original_size, created_at FROM head_digest_item "
	"WHERE digest_id = ?1 ORDER BY id";

static int head_prepare(struct sqlite_store *s, const char *sql,
			const char *what, sqlite3_stmt **stmt_r,
			const char **error_r)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, stmt_r, NULL) != SQLITE_OK) {
		*error_r = sqlite_errstr(s, what);
		return -1;
	}
	return 0;
}

/* Step a statement that returns no row; finalized. */
static int head_exec(struct sqlite_store *s, sqlite3_stmt *stmt,
		     const char *what, const char **error_r)
{
	int ret = sqlite3_step(stmt);

	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, what);
		(void)sqlite3_finalize(stmt);
		return -1;
	}
	(void)sqlite3_finalize(stmt);
	return 0;
}

int sqlite_head_item_add(struct dondoc_store *store,
			 const struct dondoc_head_item *item,
			 const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int changes;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (head_prepare(s, head_item_add_sql, "head item add", &stmt,
			 error_r) < 0)
		goto fail;
	sqlite_bind_text(stmt, 1, item->dedup_key);
	sqlite_bind_text(stmt, 2, item->recipient);
	sqlite_bind_text(stmt, 3, dondoc_head_item_kind_name(item->kind));
	sqlite_bind_text(stmt, 4, item->task_code);
	sqlite_bind_text(stmt, 5, item->task_title);
	sqlite_bind_text(stmt, 6, item->agency);
	sqlite_bind_date(stmt, 7, &item->due);
	(void)sqlite3_bind_int(stmt, 8, (int)item->late_days);
	sqlite_bind_text(stmt, 9, item->doc_type);
	sqlite_bind_text(stmt, 10, item->doc_number);
	sqlite_bind_text(stmt, 11, item->doc_symbol);
	sqlite_bind_date(stmt, 12, &item->doc_date);
	sqlite_bind_text(stmt, 13, item->reason);
	sqlite_bind_text(stmt, 14, item->secret ? NULL : item->difficulties);
	sqlite_bind_text(stmt, 15, item->secret ? NULL : item->proposals);
	sqlite_bind_text(stmt, 16, item->message_id);
	sqlite_bind_text(stmt, 17, item->reply_to);
	(void)sqlite3_bind_int(stmt, 18, item->secret ? 1 : 0);
	if (item->original != NULL && !item->secret) {
		(void)sqlite3_bind_blob(stmt, 19, item->original,
					(int)item->original_len,
					SQLITE_TRANSIENT);
	} else {
		(void)sqlite3_bind_null(stmt, 19);
	}
	(void)sqlite3_bind_int64(stmt, 20, (sqlite3_int64)item->original_size);
	(void)sqlite3_bind_int64(stmt, 21, (sqlite3_int64)time(NULL));
	if (head_exec(s, stmt, "head item add", error_r) < 0)
		goto fail;
	changes = sqlite3_changes(s->db);
	if (changes > 0 &&
	    sqlite_audit(s, "head-digest", item->dedup_key, "collect", NULL,
			 item->recipient, error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_head_item_known(struct dondoc_store *store, const char *dedup_key,
			   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int ret;

	if (head_prepare(s, "SELECT 1 FROM head_digest_item WHERE "
			 "dedup_key = ?1", "head item known", &stmt,
			 error_r) < 0)
		return -1;
	sqlite_bind_text(stmt, 1, dedup_key);
	ret = sqlite3_step(stmt);
	if (ret != SQLITE_ROW && ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "head item known");
		(void)sqlite3_finalize(stmt);
		return -1;
	}
	(void)sqlite3_finalize(stmt);
	return ret == SQLITE_ROW ? 1 : 0;
}

int sqlite_head_pending_recipients(struct dondoc_store *store, pool_t pool,
				   ARRAY_TYPE(const_string) *rcpts,
				   const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	const char *rcpt;
	int ret;

	if (head_prepare(s, head_pending_sql, "head pending", &stmt,
			 error_r) < 0)
		return -1;
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW) {
		rcpt = sqlite_col_str(pool, stmt, 0);
		array_push_back(rcpts, &rcpt);
	}
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "head pending");
		(void)sqlite3_finalize(stmt);
		return -1;
	}
	(void)sqlite3_finalize(stmt);
	return 0;
}

static void row_to_head_item(pool_t pool, sqlite3_stmt *stmt,
			     struct dondoc_head_item *item)
{
	const char *kind;
	unsigned int i;
	int len;

	i_zero(item);
	item->id = sqlite3_column_int64(stmt, 0);
	item->dedup_key = sqlite_col_str(pool, stmt, 1);
	item->recipient = sqlite_col_str(pool, stmt, 2);
	kind = (const char *)sqlite3_column_text(stmt, 3);
	item->kind = DONDOC_HEAD_ITEM_OTHER;
	for (i = 0; i < DONDOC_HEAD_ITEM_KIND_COUNT; i++) {
		if (null_strcmp(kind, dondoc_head_item_kind_name(i)) == 0)
			item->kind = i;
	}
	item->task_code = sqlite_col_str(pool, stmt, 4);
	item->task_title = sqlite_col_str(pool, stmt, 5);
	item->agency = sqlite_col_str(pool, stmt, 6);
	sqlite_col_date(stmt, 7, &item->due);
	item->late_days = (unsigned int)sqlite3_column_int(stmt, 8);
	item->doc_type = sqlite_col_str(pool, stmt, 9);
	item->doc_number = sqlite_col_str(pool, stmt, 10);
	item->doc_symbol = sqlite_col_str(pool, stmt, 11);
	sqlite_col_date(stmt, 12, &item->doc_date);
	item->reason = sqlite_col_str(pool, stmt, 13);
	item->secret = sqlite3_column_int(stmt, 18) != 0;
	if (!item->secret) {
		item->difficulties = sqlite_col_str(pool, stmt, 14);
		item->proposals = sqlite_col_str(pool, stmt, 15);
	}
	item->message_id = sqlite_col_str(pool, stmt, 16);
	item->reply_to = sqlite_col_str(pool, stmt, 17);
	len = sqlite3_column_bytes(stmt, 19);
	if (!item->secret && sqlite3_column_type(stmt, 19) == SQLITE_BLOB &&
	    len > 0) {
		item->original = p_memdup(pool, sqlite3_column_blob(stmt, 19),
					  len);
		item->original_len = len;
	}
	item->original_size = (size_t)sqlite3_column_int64(stmt, 20);
	item->created_at = (time_t)sqlite3_column_int64(stmt, 21);
}

static int head_digest_items(struct sqlite_store *s, pool_t pool,
			     int64_t digest_id,
			     ARRAY_TYPE(dondoc_head_item) *items_r,
			     const char **error_r)
{
	sqlite3_stmt *stmt;
	int ret;

	if (head_prepare(s, head_digest_items_sql, "head digest items", &stmt,
			 error_r) < 0)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, digest_id);
	while ((ret = sqlite3_step(stmt)) == SQLITE_ROW)
		row_to_head_item(pool, stmt, array_append_space(items_r));
	if (ret != SQLITE_DONE) {
		*error_r = sqlite_errstr(s, "head digest items");
		(void)sqlite3_finalize(stmt);
		return -1;
	}
	(void)sqlite3_finalize(stmt);
	return 0;
}

int sqlite_head_digest_take(struct dondoc_store *store, pool_t pool,
			    const char *period, const char *recipient,
			    ARRAY_TYPE(dondoc_head_item) *items_r,
			    const char **error_r)
{
	struct sqlite_store *s = SQLITE_STORE(store);
	sqlite3_stmt *stmt;
	int64_t id;

	if (sqlite_write_begin(s, error_r) < 0)
		return -1;
	if (head_prepare(s, head_digest_add_sql, "head digest add", &stmt,
			 error_r) < 0)
		goto fail;
	sqlite_bind_text(stmt, 1, period);
	sqlite_bind_text(stmt, 2, recipient);
	(void)sqlite3_bind_int64(stmt, 3, (sqlite3_int64)time(NULL));
	if (head_exec(s, stmt, "head digest add", error_r) < 0)
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		/* built before, or nothing to take */
		sqlite_write_rollback(s);
		return 0;
	}
	id = sqlite3_last_insert_rowid(s->db);
	if (head_prepare(s, head_digest_assign_sql, "head digest assign",
			 &stmt, error_r) < 0)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	sqlite_bind_text(stmt, 2, recipient);
	if (head_exec(s, stmt, "head digest assign", error_r) < 0)
		goto fail;
	if (head_digest_items(s, pool, id, items_r, error_r) < 0)
		goto fail;
	if (head_prepare(s, head_digest_count_sql, "head digest count",
			 &stmt, error_r) < 0)
		goto fail;
	(void)sqlite3_bind_int64(stmt, 1, id);
	(void)sqlite3_bind_int(stmt, 2, (int)array_count(items_r));
	if (head_exec(s, stmt, "head digest count", error_r) < 0)
		goto fail;
	if (sqlite_audit(s, "head-digest", period, "build", NULL,
			 t_strdup_printf("%s: %u item(s)", recipient,
					 array_count(items_r)), error_r) < 0)
		goto fail;
	if (sqlite_write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	sqlite_write_rollback(s);
	return -1;
}

int sqlite_head_digest_purge(struct sqlite_store *s, time_t before,
			     const char **error_r)
{
	sqlite3_stmt *stmt;
	int count;

	/* A built digest's mail carries its originals itself: the items'
	   copies go with the outbox bodies of the same age. */
	if (head_prepare(s, "UPDATE head_digest_item SET original = NULL "
			 "WHERE original IS NOT NULL AND digest_id IN "
			 "(SELECT id FROM head_digest WHERE built_at < ?1)",
			 "head digest purge", &stmt, error_r) < 0)
		return -1;
	(void)sqlite3_bind_int64(stmt, 1, (sqlite3_int64)before);
	if (head_exec(s, stmt, "head digest purge", error_r) < 0)
		return -1;
	count = sqlite3_changes(s->db);
	if (count > 0 &&
	    sqlite_audit(s, "head-digest", "*", "purge-originals", NULL,
			 t_strdup_printf("%d of digests built before %lld",
					 count, (long long)before),
			 error_r) < 0)
		return -1;
	return count;
}
