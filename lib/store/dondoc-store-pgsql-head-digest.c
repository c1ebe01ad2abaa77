/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* PostgreSQL backend of the Head's digest (dondoc-store-head-digest.h).
   Arguments were validated by dondoc-store-head-digest.c. Statements are
   prepared once per connection (pgsql_stmt_sql). Exactly once rests on two UNIQUE
   constraints: the item's dedup key, and (period, recipient) of the
   digest, written under the store's write lock with the items it takes. */

#include "lib.h"
#include "array.h"
#include "buffer.h"
#include "hex-binary.h"
#include "dondoc-store-pgsql-private.h"

/* Not collected when the outbox holds the same key: it was escalated
   immediately before the policy changed. */
static const char *const head_item_add_sql =
	"INSERT INTO head_digest_item (dedup_key, recipient, kind, "
	"task_code, task_title, agency, due, late_days, doc_type, doc_number, "
	"doc_symbol, doc_date, reason, difficulties, proposals, message_id, "
	"reply_to, secret, original, original_size, created_at) "
	"SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::text, "
	"$7::text, $8::bigint, $9::text, $10::text, $11::text, $12::text, "
	"$13::text, $14::text, $15::text, $16::text, $17::text, $18::bigint, "
	"decode($19::text, 'hex'), $20::bigint, $21::bigint "
	"WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE dedup_key = $1::text) "
	"ON CONFLICT (dedup_key) DO NOTHING";

static const char *const head_pending_sql =
	"SELECT DISTINCT recipient FROM head_digest_item "
	"WHERE digest_id IS NULL ORDER BY recipient";

static const char *const head_digest_add_sql =
	"INSERT INTO head_digest (period, recipient, built_at, items) "
	"SELECT $1::text, $2::text, $3::bigint, 0 WHERE EXISTS (SELECT 1 FROM "
	"head_digest_item WHERE digest_id IS NULL AND recipient = $2::text) "
	"ON CONFLICT (period, recipient) DO NOTHING RETURNING id";

static const char *const head_digest_assign_sql =
	"UPDATE head_digest_item SET digest_id = $1 "
	"WHERE digest_id IS NULL AND recipient = $2";

static const char *const head_digest_count_sql =
	"UPDATE head_digest SET items = $2 WHERE id = $1";

static const char *const head_digest_items_sql =
	"SELECT id, dedup_key, recipient, kind, task_code, task_title, "
	"agency, due, late_days, doc_type, doc_number, doc_symbol, doc_date, "
	"reason, difficulties, proposals, message_id, reply_to, secret, "
	"encode(original, 'hex'), original_size, created_at FROM head_digest_item "
	"WHERE digest_id = $1 ORDER BY id";

static int head_prepare(struct pgsql_store *s, const char *sql,
			const char *what ATTR_UNUSED,
			struct pgsql_stmt **stmt_r, const char **error_r)
{
	*stmt_r = pgsql_stmt_sql(s, sql, error_r);
	return *stmt_r == NULL ? -1 : 0;
}

/* Step a statement that returns no row; finalized. */
static int head_exec(struct pgsql_store *s, struct pgsql_stmt *stmt,
		     const char *what, const char **error_r)
{
	int ret = pgsql_step(stmt);

	if (ret != PGSQL_DONE && ret != PGSQL_ROW) {
		*error_r = pgsql_errstr(s, what);
		pgsql_stmt_done(stmt);
		return -1;
	}
	pgsql_stmt_done(stmt);
	return 0;
}

int pgsql_head_item_add(struct dondoc_store *store,
			 const struct dondoc_head_item *item,
			 const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int changes;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if (head_prepare(s, head_item_add_sql, "head item add", &stmt,
			 error_r) < 0)
		goto fail;
	pgsql_bind_text(stmt, 1, item->dedup_key);
	pgsql_bind_text(stmt, 2, item->recipient);
	pgsql_bind_text(stmt, 3, dondoc_head_item_kind_name(item->kind));
	pgsql_bind_text(stmt, 4, item->task_code);
	pgsql_bind_text(stmt, 5, item->task_title);
	pgsql_bind_text(stmt, 6, item->agency);
	pgsql_bind_date(stmt, 7, &item->due);
	pgsql_bind_int(stmt, 8, (int)item->late_days);
	pgsql_bind_text(stmt, 9, item->doc_type);
	pgsql_bind_text(stmt, 10, item->doc_number);
	pgsql_bind_text(stmt, 11, item->doc_symbol);
	pgsql_bind_date(stmt, 12, &item->doc_date);
	pgsql_bind_text(stmt, 13, item->reason);
	pgsql_bind_text(stmt, 14, item->secret ? NULL : item->difficulties);
	pgsql_bind_text(stmt, 15, item->secret ? NULL : item->proposals);
	pgsql_bind_text(stmt, 16, item->message_id);
	pgsql_bind_text(stmt, 17, item->reply_to);
	pgsql_bind_int(stmt, 18, item->secret ? 1 : 0);
	/* bytea as hex text: the parameters are text */
	if (item->original != NULL && !item->secret) {
		pgsql_bind_text(stmt, 19, binary_to_hex(item->original,
							item->original_len));
	} else {
		pgsql_bind_null(stmt, 19);
	}
	pgsql_bind_int64(stmt, 20, item->original_size);
	pgsql_bind_int64(stmt, 21, time(NULL));
	if (head_exec(s, stmt, "head item add", error_r) < 0)
		goto fail;
	changes = pgsql_changes(s);
	if (changes > 0 &&
	    pgsql_audit(s, "head-digest", item->dedup_key, "collect", NULL,
			 item->recipient, error_r) < 0)
		goto fail;
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return changes > 0 ? 1 : 0;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_head_item_known(struct dondoc_store *store, const char *dedup_key,
			   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int ret;

	if (head_prepare(s, "SELECT 1 FROM head_digest_item WHERE "
			 "dedup_key = $1", "head item known", &stmt,
			 error_r) < 0)
		return -1;
	pgsql_bind_text(stmt, 1, dedup_key);
	ret = pgsql_step(stmt);
	if (ret != PGSQL_ROW && ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "head item known");
		pgsql_stmt_done(stmt);
		return -1;
	}
	pgsql_stmt_done(stmt);
	return ret == PGSQL_ROW ? 1 : 0;
}

int pgsql_head_pending_recipients(struct dondoc_store *store, pool_t pool,
				   ARRAY_TYPE(const_string) *rcpts,
				   const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	const char *rcpt;
	int ret;

	if (head_prepare(s, head_pending_sql, "head pending", &stmt,
			 error_r) < 0)
		return -1;
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW) {
		rcpt = pgsql_col_str(pool, stmt, 0);
		array_push_back(rcpts, &rcpt);
	}
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "head pending");
		pgsql_stmt_done(stmt);
		return -1;
	}
	pgsql_stmt_done(stmt);
	return 0;
}

static void row_to_head_item(pool_t pool, struct pgsql_stmt *stmt,
			     struct dondoc_head_item *item)
{
	const char *kind, *hex;
	unsigned int i;

	i_zero(item);
	item->id = pgsql_col_int64(stmt, 0);
	item->dedup_key = pgsql_col_str(pool, stmt, 1);
	item->recipient = pgsql_col_str(pool, stmt, 2);
	kind = pgsql_col_text(stmt, 3);
	item->kind = DONDOC_HEAD_ITEM_OTHER;
	for (i = 0; i < DONDOC_HEAD_ITEM_KIND_COUNT; i++) {
		if (null_strcmp(kind, dondoc_head_item_kind_name(i)) == 0)
			item->kind = i;
	}
	item->task_code = pgsql_col_str(pool, stmt, 4);
	item->task_title = pgsql_col_str(pool, stmt, 5);
	item->agency = pgsql_col_str(pool, stmt, 6);
	pgsql_col_date(stmt, 7, &item->due);
	item->late_days = (unsigned int)pgsql_col_int(stmt, 8);
	item->doc_type = pgsql_col_str(pool, stmt, 9);
	item->doc_number = pgsql_col_str(pool, stmt, 10);
	item->doc_symbol = pgsql_col_str(pool, stmt, 11);
	pgsql_col_date(stmt, 12, &item->doc_date);
	item->reason = pgsql_col_str(pool, stmt, 13);
	item->secret = pgsql_col_int(stmt, 18) != 0;
	if (!item->secret) {
		item->difficulties = pgsql_col_str(pool, stmt, 14);
		item->proposals = pgsql_col_str(pool, stmt, 15);
	}
	item->message_id = pgsql_col_str(pool, stmt, 16);
	item->reply_to = pgsql_col_str(pool, stmt, 17);
	hex = pgsql_col_text(stmt, 19);
	if (!item->secret && hex != NULL && hex[0] != '\0') {
		buffer_t *buf = buffer_create_dynamic(pool, strlen(hex) / 2);

		if (hex_to_binary(hex, buf) == 0 && buf->used > 0) {
			item->original = buf->data;
			item->original_len = buf->used;
		}
	}
	item->original_size = (size_t)pgsql_col_int64(stmt, 20);
	item->created_at = (time_t)pgsql_col_int64(stmt, 21);
}

static int head_digest_items(struct pgsql_store *s, pool_t pool,
			     int64_t digest_id,
			     ARRAY_TYPE(dondoc_head_item) *items_r,
			     const char **error_r)
{
	struct pgsql_stmt *stmt;
	int ret;

	if (head_prepare(s, head_digest_items_sql, "head digest items", &stmt,
			 error_r) < 0)
		return -1;
	pgsql_bind_int64(stmt, 1, digest_id);
	while ((ret = pgsql_step(stmt)) == PGSQL_ROW)
		row_to_head_item(pool, stmt, array_append_space(items_r));
	if (ret != PGSQL_DONE) {
		*error_r = pgsql_errstr(s, "head digest items");
		pgsql_stmt_done(stmt);
		return -1;
	}
	pgsql_stmt_done(stmt);
	return 0;
}

int pgsql_head_digest_take(struct dondoc_store *store, pool_t pool,
			    const char *period, const char *recipient,
			    ARRAY_TYPE(dondoc_head_item) *items_r,
			    const char **error_r)
{
	struct pgsql_store *s = PGSQL_STORE(store);
	struct pgsql_stmt *stmt;
	int64_t id;

	if (pgsql_write_begin(s, error_r) < 0)
		return -1;
	if (head_prepare(s, head_digest_add_sql, "head digest add", &stmt,
			 error_r) < 0)
		goto fail;
	pgsql_bind_text(stmt, 1, period);
	pgsql_bind_text(stmt, 2, recipient);
	pgsql_bind_int64(stmt, 3, time(NULL));
	if (head_exec(s, stmt, "head digest add", error_r) < 0)
		goto fail;
	if (pgsql_changes(s) == 0) {
		/* built before, or nothing to take */
		pgsql_write_rollback(s);
		return 0;
	}
	id = pgsql_last_id(s);
	if (head_prepare(s, head_digest_assign_sql, "head digest assign",
			 &stmt, error_r) < 0)
		goto fail;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_text(stmt, 2, recipient);
	if (head_exec(s, stmt, "head digest assign", error_r) < 0)
		goto fail;
	if (head_digest_items(s, pool, id, items_r, error_r) < 0)
		goto fail;
	if (head_prepare(s, head_digest_count_sql, "head digest count",
			 &stmt, error_r) < 0)
		goto fail;
	pgsql_bind_int64(stmt, 1, id);
	pgsql_bind_int(stmt, 2, (int)array_count(items_r));
	if (head_exec(s, stmt, "head digest count", error_r) < 0)
		goto fail;
	if (pgsql_audit(s, "head-digest", period, "build", NULL,
			 t_strdup_printf("%s: %u item(s)", recipient,
					 array_count(items_r)), error_r) < 0)
		goto fail;
	if (pgsql_write_commit(s, error_r) < 0)
		return -1;
	return 1;
fail:
	pgsql_write_rollback(s);
	return -1;
}

int pgsql_head_digest_purge(struct pgsql_store *s, time_t before,
			    const char **error_r)
{
	struct pgsql_stmt *stmt;
	int count;

	/* A built digest's mail carries its originals itself: the items'
	   copies go with the outbox bodies of the same age. */
	if (head_prepare(s, "UPDATE head_digest_item SET original = NULL "
			 "WHERE original IS NOT NULL AND digest_id IN "
			 "(SELECT id FROM head_digest WHERE built_at < $1)",
			 "head digest purge", &stmt, error_r) < 0)
		return -1;
	pgsql_bind_int64(stmt, 1, (int64_t)before);
	if (head_exec(s, stmt, "head digest purge", error_r) < 0)
		return -1;
	count = pgsql_changes(s);
	if (count > 0 &&
	    pgsql_audit(s, "head-digest", "*", "purge-originals", NULL,
			t_strdup_printf("%d of digests built before %lld",
					count, (long long)before),
			error_r) < 0)
		return -1;
	return count;
}
