/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Store benchmark (run by hand, not a test): fills a SQLite store (or
   the one DONDOC_BENCH_DB names) with
   N tasks (default 100,000) over 100 agencies and one submission per
   task, then times indexed lookups one by one: task by code, submission
   by Message-ID, tasks by agency+type+period, task by the Message-ID of
   a mail dondoc sent. Reports p50/p99/max in microseconds.
   Usage: bench-store [N [LOOKUPS]] (built by `make bench`) */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unlink-directory.h"
#include "dondoc-store.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define AGENCIES 100

static char tmpdir[] = "/tmp/dondoc-bench.XXXXXX";

static double now_usecs(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		i_fatal("clock_gettime() failed: %m");
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const double *a, const double *b)
{
	return *a < *b ? -1 : *a > *b ? 1 : 0;
}

static void report(const char *name, double *t, unsigned int n)
{
	qsort(t, n, sizeof(*t),
	      (int (*)(const void *, const void *))cmp_double);
	printf("%-36s n=%u p50=%7.1f us  p99=%7.1f us  max=%8.1f us\n", name,
	       n, t[n / 2], t[(n * 99) / 100], t[n - 1]);
}

static void fill(struct dondoc_store *store, unsigned int n)
{
	struct dondoc_agency agency;
	struct dondoc_task task;
	struct dondoc_submission sub;
	struct dondoc_submission_result result;
	struct dondoc_outbox_mail mail;
	const char *error;
	unsigned int i;
	double start = now_usecs();

	if (dondoc_store_begin(store, &error) < 0)
		i_fatal("%s", error);
	for (i = 0; i < AGENCIES; i++) T_BEGIN {
		agency.code = t_strdup_printf("AG%03u", i);
		agency.name = agency.code;
		if (dondoc_store_agency_add(store, &agency, &error) < 0)
			i_fatal("%s", error);
	} T_END;
	for (i = 0; i < n; i++) T_BEGIN {
		/* a transaction per 1000 tasks: PostgreSQL slows down past
		   thousands of savepoints (subtransactions) in one */
		if (i > 0 && i % 1000 == 0 &&
		    (dondoc_store_commit(store, &error) < 0 ||
		     dondoc_store_begin(store, &error) < 0))
			i_fatal("%s", error);
		i_zero(&task);
		task.code = t_strdup_printf("T-%06u", i);
		task.agency = t_strdup_printf("AG%03u", i % AGENCIES);
		task.title = "Báo cáo định kỳ";
		task.doc_type = (i / AGENCIES) % 2 == 0 ? "BC" : "KH";
		task.due.year = 2026; task.due.month = 1 + i % 12;
		task.due.day = 1 + i % 28;
		/* distinct (agency, type, period) per task */
		task.period.kind = 'M';
		task.period.year = 1950 + (i / AGENCIES / 12) % 150;
		task.period.index = 1 + (i / AGENCIES) % 12;
		task.source_symbol = "TB-BCĐ";
		task.source_number = t_strdup_printf("%u", i);
		if (dondoc_store_task_add(store, &task, NULL, &error) < 0)
			i_fatal("%s", error);
		i_zero(&sub);
		sub.message_id = t_strdup_printf("<m%06u@bench.example>", i);
		sub.task_code = task.code;
		sub.sender_agency = task.agency;
		sub.received_at = 1780000000 + i;
		sub.trust = i % 2 == 0 ? DONDOC_TRUST_VERIFIED :
			DONDOC_TRUST_UNVERIFIED;
		if (dondoc_store_record_submission(store, &sub, &result,
						   &error) < 0)
			i_fatal("%s", error);
		if (i % 10 == 0) {
			i_zero(&mail);
			mail.recipient = "x@bench.example";
			mail.task_code = task.code;
			mail.message_id = t_strdup_printf("<o%06u@bench>", i);
			mail.dedup_key = mail.message_id;
			mail.data = "Subject: x\r\n\r\nx\r\n";
			if (dondoc_store_outbox_queue(store, &mail, NULL,
						      &error) < 0)
				i_fatal("%s", error);
		}
	} T_END;
	if (dondoc_store_commit(store, &error) < 0)
		i_fatal("%s", error);
	printf("filled %u tasks, %u submissions, %u outbox mails in %.1f s\n",
	       n, n, n / 10, (now_usecs() - start) / 1e6);
}

int main(int argc, char *argv[])
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = 10000, .create = TRUE,
	};
	struct dondoc_store *store;
	struct dondoc_task task;
	struct dondoc_submission sub;
	struct dondoc_period period;
	ARRAY_TYPE(dondoc_task) tasks;
	unsigned int n = 100000, lookups = 20000, i, k;
	double *t, start;
	const char *error, *path;
	pool_t pool;

	lib_init();
	if (argc > 1) n = atoi(argv[1]);
	if (argc > 2) lookups = atoi(argv[2]);
	if (n < AGENCIES * 12 || n > 10000000 || lookups < 100)
		i_fatal("usage: bench-store [N >= 1200 [LOOKUPS >= 100]]");
	if (mkdtemp(tmpdir) == NULL)
		i_fatal("mkdtemp() failed: %m");
	/* DONDOC_BENCH_DB: another (empty) store, e.g. a PostgreSQL
	   conninfo (tests/bench/bench_pgsql.py) */
	path = getenv("DONDOC_BENCH_DB");
	if (path == NULL || path[0] == '\0')
		path = t_strdup_printf("%s/bench.db", tmpdir);
	if (dondoc_store_open_with(path, &set, &store, &error) < 0)
		i_fatal("%s", error);
	fill(store, n);
	t = i_new(double, lookups);
	pool = pool_alloconly_create("bench", 4096);
	srandom(42);

	for (i = 0; i < lookups; i++) T_BEGIN {
		const char *code = t_strdup_printf("T-%06u",
			(unsigned int)(random() % n));
		p_clear(pool);
		start = now_usecs();
		if (dondoc_store_task_by_code(store, pool, code, &task,
					      &error) != 1)
			i_fatal("task %s: not found", code);
		t[i] = now_usecs() - start;
	} T_END;
	report("task by code", t, lookups);

	for (i = 0; i < lookups; i++) T_BEGIN {
		const char *msgid = t_strdup_printf("<m%06u@bench.example>",
			(unsigned int)(random() % n));
		p_clear(pool);
		start = now_usecs();
		if (dondoc_store_submission_by_message_id(store, pool, msgid,
							  &sub, &error) != 1)
			i_fatal("submission %s: not found", msgid);
		t[i] = now_usecs() - start;
	} T_END;
	report("submission by Message-ID", t, lookups);

	for (i = 0; i < lookups; i++) T_BEGIN {
		k = random() % n;
		period.kind = 'M';
		period.year = 1950 + (k / AGENCIES / 12) % 150;
		period.index = 1 + (k / AGENCIES) % 12;
		p_clear(pool);
		p_array_init(&tasks, pool, 4);
		start = now_usecs();
		if (dondoc_store_tasks_by_period(store, pool,
			t_strdup_printf("AG%03u", k % AGENCIES),
			(k / AGENCIES) % 2 == 0 ? "BC" : "KH", &period,
			&tasks, &error) < 1)
			i_fatal("period lookup %u: nothing", k);
		t[i] = now_usecs() - start;
	} T_END;
	report("tasks by agency+type+period", t, lookups);

	for (i = 0; i < lookups; i++) T_BEGIN {
		const char *msgid = t_strdup_printf("<o%06u@bench>",
			(unsigned int)(random() % (n / 10)) * 10);
		p_clear(pool);
		start = now_usecs();
		if (dondoc_store_task_by_sent_message_id(store, pool, msgid,
							 &task, &error) != 1)
			i_fatal("sent %s: not found", msgid);
		t[i] = now_usecs() - start;
	} T_END;
	report("task by sent Message-ID", t, lookups);

	for (i = 0; i < lookups / 10; i++) T_BEGIN {
		struct dondoc_task_filter filter = {
			.agency = t_strdup_printf("AG%03u",
				(unsigned int)(random() % AGENCIES)),
			.status_mask = (1U << DONDOC_TASK_OPEN) |
				(1U << DONDOC_TASK_OVERDUE),
		};
		p_clear(pool);
		p_array_init(&tasks, pool, 1024);
		start = now_usecs();
		if (dondoc_store_task_list(store, pool, &filter, &tasks,
					   &error) < 0)
			i_fatal("%s", error);
		t[i] = now_usecs() - start;
	} T_END;
	report(t_strdup_printf("open tasks of an agency (~%u rows)",
			       n / AGENCIES / 2), t, lookups / 10);

	pool_unref(&pool);
	i_free(t);
	dondoc_store_close(&store);
	if (unlink_directory(tmpdir, UNLINK_DIRECTORY_FLAG_RMDIR, &error) < 0)
		i_error("%s", error);
	lib_deinit();
	return 0;
}
