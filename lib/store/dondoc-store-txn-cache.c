/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The rows a caller's write transaction already read under the write
   lock (see dondoc-store-txn-cache.h). Linear searches: a few entries
   per delivery, at most the limits. Trusts the entity files to note
   only what the database answered inside the transaction. */

#include "lib.h"
#include "array.h"
#include "dondoc-store-txn-cache.h"

struct txn_task {
	const char *key, *code;
	int64_t id;
	enum dondoc_task_status status;
};
struct txn_agency {
	const char *code;
	int64_t id;
};
ARRAY_DEFINE_TYPE(txn_agency, struct txn_agency);
struct txn_recorded {
	const char *message_id, *doc_symbol, *doc_number;
	const char *sender_agency, *task_code;
	bool verified;
};

struct dondoc_store_txn_cache {
	/* the tasks' and agencies' strings; the record's its own, emptied
	   at each record (a transaction may record many); the committed
	   agencies' for the handle's life */
	pool_t pool, rec_pool, known_pool;
	bool active;
	ARRAY(struct txn_task) tasks;
	ARRAY_TYPE(txn_agency) agencies;
	/* agency ids read outside any transaction: kept across them */
	ARRAY_TYPE(txn_agency) known_agencies;
	/* the last record, until the next write operation begins */
	struct txn_recorded recorded;
	bool have_recorded;
};

static struct dondoc_store_txn_cache *txn_cache(struct dondoc_store *store)
{
	struct dondoc_store_txn_cache *c = store->txn_cache;

	return c != NULL && c->active ? c : NULL;
}

static struct dondoc_store_txn_cache *txn_cache_get(struct dondoc_store *store)
{
	struct dondoc_store_txn_cache *c = store->txn_cache;

	if (c == NULL) {
		c = store->txn_cache = i_new(struct dondoc_store_txn_cache, 1);
		c->pool = pool_alloconly_create("dondoc store txn cache", 1024);
		c->rec_pool = pool_alloconly_create("dondoc store txn record",
						    512);
		c->known_pool = pool_alloconly_create("dondoc store agencies",
						      512);
		i_array_init(&c->tasks, 4);
		i_array_init(&c->agencies, 4);
		i_array_init(&c->known_agencies, 4);
	}
	return c;
}

void ds_txn_cache_begin(struct dondoc_store *store)
{
	struct dondoc_store_txn_cache *c = txn_cache_get(store);

	ds_txn_cache_forget(store);
	c->active = TRUE;
}

void ds_txn_cache_forget(struct dondoc_store *store)
{
	struct dondoc_store_txn_cache *c = store->txn_cache;

	if (c == NULL)
		return;
	array_clear(&c->tasks);
	array_clear(&c->agencies);
	c->have_recorded = FALSE;
	p_clear(c->pool);
	p_clear(c->rec_pool);
}

void ds_txn_cache_end(struct dondoc_store *store)
{
	ds_txn_cache_forget(store);
	if (store->txn_cache != NULL)
		store->txn_cache->active = FALSE;
}

void ds_txn_cache_free(struct dondoc_store *store)
{
	struct dondoc_store_txn_cache *c = store->txn_cache;

	if (c == NULL)
		return;
	store->txn_cache = NULL;
	array_free(&c->tasks);
	array_free(&c->agencies);
	array_free(&c->known_agencies);
	pool_unref(&c->pool);
	pool_unref(&c->rec_pool);
	pool_unref(&c->known_pool);
	i_free(c);
}

bool ds_txn_cache_task(struct dondoc_store *store, const char *code,
		       int64_t *id_r, enum dondoc_task_status *status_r,
		       const char **code_r)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);
	const struct txn_task *t;

	if (c == NULL)
		return FALSE;
	array_foreach(&c->tasks, t) {
		if (strcmp(t->key, code) == 0) {
			*id_r = t->id;
			*status_r = t->status;
			*code_r = t->code;
			return TRUE;
		}
	}
	return FALSE;
}

void ds_txn_cache_task_put(struct dondoc_store *store, const char *code,
			   int64_t id, enum dondoc_task_status status,
			   const char *real_code)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);
	struct txn_task *t;

	if (c == NULL || array_count(&c->tasks) >= DS_TXN_CACHE_MAX_TASKS)
		return;
	t = array_append_space(&c->tasks);
	t->key = p_strdup(c->pool, code);
	t->code = p_strdup(c->pool, real_code);
	t->id = id;
	t->status = status;
}

void ds_txn_cache_task_status(struct dondoc_store *store, int64_t id,
			      enum dondoc_task_status status)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);
	struct txn_task *t;

	if (c == NULL)
		return;
	/* every code it was asked by */
	array_foreach_modifiable(&c->tasks, t) {
		if (t->id == id)
			t->status = status;
	}
}

static bool txn_agency_find(const ARRAY_TYPE(txn_agency) *agencies,
			    const char *code, int64_t *id_r)
{
	const struct txn_agency *a;

	array_foreach(agencies, a) {
		if (strcmp(a->code, code) == 0) {
			*id_r = a->id;
			return TRUE;
		}
	}
	return FALSE;
}

bool ds_txn_cache_agency(struct dondoc_store *store, const char *code,
			 int64_t *id_r)
{
	struct dondoc_store_txn_cache *c = store->txn_cache;

	if (c == NULL)
		return FALSE;
	if (txn_agency_find(&c->known_agencies, code, id_r))
		return TRUE;
	return c->active && txn_agency_find(&c->agencies, code, id_r);
}

void ds_txn_cache_agency_known(struct dondoc_store *store, const char *code,
			       int64_t id)
{
	struct dondoc_store_txn_cache *c = txn_cache_get(store);
	struct txn_agency *a;
	int64_t known;

	if (array_count(&c->known_agencies) >= DS_TXN_CACHE_MAX_AGENCIES ||
	    txn_agency_find(&c->known_agencies, code, &known))
		return;
	a = array_append_space(&c->known_agencies);
	a->code = p_strdup(c->known_pool, code);
	a->id = id;
}

void ds_txn_cache_agency_put(struct dondoc_store *store, const char *code,
			     int64_t id)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);
	struct txn_agency *a;

	if (c == NULL || array_count(&c->agencies) >= DS_TXN_CACHE_MAX_AGENCIES)
		return;
	a = array_append_space(&c->agencies);
	a->code = p_strdup(c->pool, code);
	a->id = id;
}

void ds_txn_cache_writing(struct dondoc_store *store)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);

	/* another write may add or move a submission with the same
	   document */
	if (c != NULL)
		c->have_recorded = FALSE;
}

void ds_txn_cache_recorded_put(struct dondoc_store *store,
			       const struct dondoc_submission *sub)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);
	struct txn_recorded *r;

	if (c == NULL)
		return;
	p_clear(c->rec_pool);
	r = &c->recorded;
	r->message_id = p_strdup(c->rec_pool, sub->message_id);
	r->doc_symbol = p_strdup(c->rec_pool, sub->doc_symbol);
	r->doc_number = p_strdup(c->rec_pool, sub->doc_number);
	r->sender_agency = p_strdup(c->rec_pool, sub->sender_agency);
	r->task_code = p_strdup(c->rec_pool, sub->task_code);
	r->verified = sub->trust == DONDOC_TRUST_VERIFIED;
	c->have_recorded = TRUE;
}

bool ds_txn_cache_recorded_alone(struct dondoc_store *store,
				 const struct dondoc_submission *sub,
				 bool verified_only)
{
	struct dondoc_store_txn_cache *c = txn_cache(store);
	const struct txn_recorded *r;

	if (c == NULL || !c->have_recorded)
		return FALSE;
	r = &c->recorded;
	/* a verified record looked for verified ones only: it answers for
	   verified_only lookups alone */
	if (r->verified && !verified_only)
		return FALSE;
	return null_strcmp(r->message_id, sub->message_id) == 0 &&
		null_strcmp(r->doc_symbol, sub->doc_symbol) == 0 &&
		null_strcmp(r->doc_number, sub->doc_number) == 0 &&
		null_strcmp(r->sender_agency, sub->sender_agency) == 0 &&
		null_strcmp(r->task_code, sub->task_code) == 0;
}
