/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Head's digest in the store interface (dondoc-store-head-digest.h):
   each value bounded and checked here, then handed to the backend, which
   trusts their shapes. The values come from incoming mail (through the
   tracker) and from the configuration: neither is trusted. */

#include "lib.h"
#include "array.h"
#include "unichar.h"
#include "dondoc-store-private.h"

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
	return store->v->head_item_add(store, item, error_r);
}

int dondoc_store_head_item_known(struct dondoc_store *store,
				 const char *dedup_key, const char **error_r)
{
	return store->v->head_item_known(store, dedup_key, error_r);
}

int dondoc_store_head_pending_recipients(struct dondoc_store *store,
					 pool_t pool,
					 ARRAY_TYPE(const_string) *rcpts,
					 const char **error_r)
{
	return store->v->head_pending_recipients(store, pool, rcpts, error_r);
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
	return store->v->head_digest_take(store, pool, period, recipient,
					  items_r, error_r);
}
