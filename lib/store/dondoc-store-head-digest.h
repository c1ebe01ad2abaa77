/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_STORE_HEAD_DIGEST_H
#define DONDOC_STORE_HEAD_DIGEST_H

/* The Head's digest in the store (sql/008-head-digest.sql): escalations
   collected as items instead of mailed one by one, and the digests that
   took them, one per period and recipient. Included by dondoc-store.h's
   users through dondoc-store-private.h and lib/tracking. */

#include "dondoc-store.h"

enum dondoc_head_item_kind {
	/* a task long overdue (the sweep) */
	DONDOC_HEAD_ITEM_OVERDUE = 0,
	/* a report that arrived late */
	DONDOC_HEAD_ITEM_LATE,
	/* difficulties or proposals raised */
	DONDOC_HEAD_ITEM_ISSUE,
	/* the secretariat's own duty missed: a meeting notice sent late, a
	   conclusions notice not sent */
	DONDOC_HEAD_ITEM_WARNING,
	DONDOC_HEAD_ITEM_OTHER,
};
#define DONDOC_HEAD_ITEM_KIND_COUNT (DONDOC_HEAD_ITEM_OTHER + 1)
const char *dondoc_head_item_kind_name(enum dondoc_head_item_kind kind);

/* The largest original mail an item keeps. */
#define DONDOC_STORE_MAX_HEAD_ORIGINAL (DONDOC_STORE_MAX_MAIL / 2)
/* A period's name: "weekly:2026-06-29". */
#define DONDOC_STORE_MAX_HEAD_PERIOD 64

struct dondoc_head_item {
	int64_t id;                /* set by the store */
	/* unique; the key the immediate escalation has in the outbox */
	const char *dedup_key;
	const char *recipient;
	enum dondoc_head_item_kind kind;
	/* each may be NULL */
	const char *task_code, *task_title, *agency;
	struct dondoc_date due;    /* year 0: none */
	unsigned int late_days;
	const char *doc_type, *doc_number, *doc_symbol;
	struct dondoc_date doc_date;
	/* why (the script's reason, or the sweep's) */
	const char *reason;
	/* never kept for a classified document */
	const char *difficulties, *proposals;
	/* the document's mail and the task's signed reply address */
	const char *message_id, *reply_to;
	bool secret;
	/* the original mail (NULL: not kept) and its size in bytes */
	const unsigned char *original;
	size_t original_len;
	size_t original_size;
	time_t created_at;         /* set by the store */
};
ARRAY_DEFINE_TYPE(dondoc_head_item, struct dondoc_head_item);

/* Collect an item. Returns 1 added, 0 its dedup key was collected before
   or is in the outbox (escalated immediately): nothing written. Joins
   the caller's transaction. */
int dondoc_store_head_item_add(struct dondoc_store *store,
			       const struct dondoc_head_item *item,
			       const char **error_r);

/* Was dedup_key collected? 1 yes, 0 no (an immediate escalation after
   the policy changed must not repeat a digest's item). */
int dondoc_store_head_item_known(struct dondoc_store *store,
				 const char *dedup_key, const char **error_r);

/* The recipients with items no digest has taken yet. */
int dondoc_store_head_pending_recipients(struct dondoc_store *store,
					 pool_t pool,
					 ARRAY_TYPE(const_string) *rcpts,
					 const char **error_r);

/* The digest of period for recipient: when none was built, write it and
   let it take every item of recipient not yet taken (items_r, in the
   order collected). Returns 1 built now (items_r non-empty), 0 built
   before or nothing to take (nothing written). Meant inside the caller's
   dondoc_store_begin() with the outbox mail that carries it, so that
   the digest, its items and its mail commit together. */
int dondoc_store_head_digest_take(struct dondoc_store *store, pool_t pool,
				  const char *period, const char *recipient,
				  ARRAY_TYPE(dondoc_head_item) *items_r,
				  const char **error_r);

#endif
