/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for the store's per-transaction cache
   (lib/store/dondoc-store-txn-cache.c) on a bare store handle: nothing
   kept outside a transaction, emptied when it ends or a write operation
   rolls back, a written status noted, the limits, and the record's note
   matched on every field of the document's identity and dropped when
   the next write operation begins; committed agency ids kept across
   transactions, bounded. The store's behaviour with it, on
   both backends, is in test-store.c. */

#include "lib.h"
#include "test-common.h"
#include "dondoc-store-txn-cache.h"

static bool task_cached(struct dondoc_store *store, const char *code,
			enum dondoc_task_status *status_r)
{
	const char *real_code;
	int64_t id;

	return ds_txn_cache_task(store, code, &id, status_r, &real_code);
}

static void test_txn_cache_tasks(void)
{
	struct dondoc_store store = { .v = NULL };
	enum dondoc_task_status status;
	const char *code;
	int64_t id;
	unsigned int i;

	test_begin("store txn cache: tasks and agencies");
	/* outside a transaction nothing is kept */
	ds_txn_cache_task_put(&store, "T-1", 7, DONDOC_TASK_OPEN, "T-1");
	test_assert(!task_cached(&store, "T-1", &status));
	ds_txn_cache_begin(&store);
	test_assert(!task_cached(&store, "T-1", &status));
	ds_txn_cache_task_put(&store, "T-1", 7, DONDOC_TASK_OPEN, "T-1");
	test_assert(ds_txn_cache_task(&store, "T-1", &id, &status, &code));
	test_assert(id == 7 && status == DONDOC_TASK_OPEN &&
		    strcmp(code, "T-1") == 0);
	test_assert(!task_cached(&store, "t-1", &status));
	/* a status written is noted */
	ds_txn_cache_task_status(&store, 7, DONDOC_TASK_SUBMITTED);
	test_assert(task_cached(&store, "T-1", &status) &&
		    status == DONDOC_TASK_SUBMITTED);
	ds_txn_cache_agency_put(&store, "CAT", 3);
	test_assert(ds_txn_cache_agency(&store, "CAT", &id) && id == 3);
	test_assert(!ds_txn_cache_agency(&store, "UBND", &id));
	/* a write operation rolled back: all forgotten, still on */
	ds_txn_cache_forget(&store);
	test_assert(!task_cached(&store, "T-1", &status));
	test_assert(!ds_txn_cache_agency(&store, "CAT", &id));
	ds_txn_cache_agency_put(&store, "CAT", 3);
	test_assert(ds_txn_cache_agency(&store, "CAT", &id));
	/* the limits: past them nothing more is noted */
	for (i = 0; i < DS_TXN_CACHE_MAX_TASKS + 8; i++) {
		const char *c = t_strdup_printf("T-%u", 100 + i);

		ds_txn_cache_task_put(&store, c, 100 + i, DONDOC_TASK_OPEN, c);
		ds_txn_cache_agency_put(&store, c, 100 + i);
	}
	test_assert(task_cached(&store, "T-100", &status));
	test_assert(task_cached(&store, t_strdup_printf("T-%u",
		100 + DS_TXN_CACHE_MAX_TASKS - 1), &status));
	test_assert(!task_cached(&store, t_strdup_printf("T-%u",
		100 + DS_TXN_CACHE_MAX_TASKS), &status));
	test_assert(ds_txn_cache_agency(&store, t_strdup_printf("T-%u",
		100 + DS_TXN_CACHE_MAX_AGENCIES - 2), &id));
	test_assert(!ds_txn_cache_agency(&store, t_strdup_printf("T-%u",
		100 + DS_TXN_CACHE_MAX_AGENCIES), &id));
	/* the transaction ended: emptied, and off */
	ds_txn_cache_end(&store);
	test_assert(!task_cached(&store, "T-100", &status));
	ds_txn_cache_task_put(&store, "T-1", 7, DONDOC_TASK_OPEN, "T-1");
	test_assert(!task_cached(&store, "T-1", &status));
	ds_txn_cache_free(&store);
	test_assert(store.txn_cache == NULL);
	ds_txn_cache_free(&store);
	test_end();
}

static void test_txn_cache_known_agencies(void)
{
	struct dondoc_store store = { .v = NULL };
	unsigned int i;
	int64_t id;

	test_begin("store txn cache: committed agencies");
	/* read with no transaction open: kept across transactions */
	ds_txn_cache_agency_known(&store, "CAT", 3);
	test_assert(ds_txn_cache_agency(&store, "CAT", &id) && id == 3);
	ds_txn_cache_begin(&store);
	test_assert(ds_txn_cache_agency(&store, "CAT", &id) && id == 3);
	ds_txn_cache_forget(&store);
	test_assert(ds_txn_cache_agency(&store, "CAT", &id) && id == 3);
	/* one read inside, not committed: gone with the transaction */
	ds_txn_cache_agency_put(&store, "UBND", 4);
	test_assert(ds_txn_cache_agency(&store, "UBND", &id) && id == 4);
	ds_txn_cache_end(&store);
	test_assert(!ds_txn_cache_agency(&store, "UBND", &id));
	test_assert(ds_txn_cache_agency(&store, "CAT", &id) && id == 3);
	/* the first noting stays; the limit */
	ds_txn_cache_agency_known(&store, "CAT", 9);
	test_assert(ds_txn_cache_agency(&store, "CAT", &id) && id == 3);
	for (i = 0; i < DS_TXN_CACHE_MAX_AGENCIES + 8; i++) {
		ds_txn_cache_agency_known(&store,
			t_strdup_printf("A-%u", i), 100 + i);
	}
	test_assert(ds_txn_cache_agency(&store, t_strdup_printf("A-%u",
		DS_TXN_CACHE_MAX_AGENCIES - 2), &id) &&
		id == 100 + DS_TXN_CACHE_MAX_AGENCIES - 2);
	test_assert(!ds_txn_cache_agency(&store, t_strdup_printf("A-%u",
		DS_TXN_CACHE_MAX_AGENCIES - 1), &id));
	ds_txn_cache_free(&store);
	test_assert(!ds_txn_cache_agency(&store, "CAT", &id));
	test_end();
}

static void test_txn_cache_recorded(void)
{
	struct dondoc_store store = { .v = NULL };
	struct dondoc_submission sub = {
		.message_id = "<a@example.org>",
		.doc_number = "12",
		.doc_symbol = "BC-UBND",
		.sender_agency = "CAT",
		.task_code = "T-1",
		.trust = DONDOC_TRUST_VERIFIED,
	}, other;

	test_begin("store txn cache: the record's note");
	ds_txn_cache_recorded_put(&store, &sub);
	test_assert(!ds_txn_cache_recorded_alone(&store, &sub, TRUE));
	ds_txn_cache_begin(&store);
	ds_txn_cache_recorded_put(&store, &sub);
	test_assert(ds_txn_cache_recorded_alone(&store, &sub, TRUE));
	/* a verified record looked for verified ones only */
	test_assert(!ds_txn_cache_recorded_alone(&store, &sub, FALSE));
	/* any field of the identity differing: not known */
	other = sub; other.message_id = "<b@example.org>";
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	other = sub; other.doc_number = "13";
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	other = sub; other.doc_symbol = NULL;
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	other = sub; other.sender_agency = "UBND";
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	other = sub; other.task_code = NULL;
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	/* the next write operation may add the same document */
	ds_txn_cache_writing(&store);
	test_assert(!ds_txn_cache_recorded_alone(&store, &sub, TRUE));
	/* an unverified record looked for every one */
	sub.trust = DONDOC_TRUST_UNVERIFIED;
	ds_txn_cache_recorded_put(&store, &sub);
	test_assert(ds_txn_cache_recorded_alone(&store, &sub, FALSE));
	test_assert(ds_txn_cache_recorded_alone(&store, &sub, TRUE));
	/* only the last record is kept */
	other = sub; other.message_id = "<c@example.org>";
	ds_txn_cache_recorded_put(&store, &other);
	test_assert(!ds_txn_cache_recorded_alone(&store, &sub, TRUE));
	test_assert(ds_txn_cache_recorded_alone(&store, &other, TRUE));
	ds_txn_cache_forget(&store);
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	ds_txn_cache_recorded_put(&store, &other);
	ds_txn_cache_end(&store);
	test_assert(!ds_txn_cache_recorded_alone(&store, &other, TRUE));
	ds_txn_cache_free(&store);
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_txn_cache_tasks,
		test_txn_cache_known_agencies,
		test_txn_cache_recorded,
		NULL
	};

	return test_run(test_functions);
}
