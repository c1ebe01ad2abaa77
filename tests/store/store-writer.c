/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Concurrency test for the SQLite store: PROCS processes record
   submissions into one file at the same time. Each records its own
   Message-IDs, and all of them race on a shared set of Message-IDs for
   the same tasks. Afterwards: zero errors surfaced (no SQLITE_BUSY), every
   own submission recorded once, every shared one recorded exactly once
   and its task moved exactly once. Prints TAP.
   Usage: store-writer DIR [PROCS [PER_PROC [SHARED]]] */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "time-util.h"
#include "dondoc-store.h"

#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

static unsigned int tap_n, tap_failed;

static void tap(bool ok, const char *name)
{
	printf("%sok %u - %s\n", ok ? "" : "not ", ++tap_n, name);
	if (!ok)
		tap_failed++;
}

static struct dondoc_store *open_store(const char *path, bool create)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.create = create,
	};
	struct dondoc_store *store;
	const char *error;

	if (dondoc_store_open_with(path, &set, &store, &error) < 0)
		i_fatal("open: %s", error);
	return store;
}

static void setup(const char *path, unsigned int procs, unsigned int per,
		  unsigned int shared)
{
	struct dondoc_store *store = open_store(path, TRUE);
	struct dondoc_agency agency = { .code = "CAT", .name = "CAT" };
	struct dondoc_task task;
	const char *error;
	unsigned int p, i;

	i_zero(&task);
	task.agency = "CAT";
	task.title = "t";
	task.due.year = 2026; task.due.month = 6; task.due.day = 12;
	if (dondoc_store_begin(store, &error) < 0 ||
	    dondoc_store_agency_add(store, &agency, &error) < 0)
		i_fatal("setup: %s", error);
	for (p = 0; p < procs; p++) {
		for (i = 0; i < per; i++) T_BEGIN {
			task.code = t_strdup_printf("T-%u-%u", p, i);
			if (dondoc_store_task_add(store, &task, NULL, &error) < 0)
				i_fatal("setup: %s", error);
		} T_END;
	}
	for (i = 0; i < shared; i++) T_BEGIN {
		task.code = t_strdup_printf("S-%u", i);
		if (dondoc_store_task_add(store, &task, NULL, &error) < 0)
			i_fatal("setup: %s", error);
	} T_END;
	if (dondoc_store_commit(store, &error) < 0)
		i_fatal("setup: %s", error);
	dondoc_store_close(&store);
}

static int record(struct dondoc_store *store, const char *msgid,
		  const char *task, unsigned int *dups)
{
	struct dondoc_submission sub;
	struct dondoc_submission_result result;
	const char *error;
	int ret;

	i_zero(&sub);
	sub.message_id = msgid;
	sub.task_code = task;
	sub.sender_agency = "CAT";
	sub.received_at = time(NULL);
	sub.trust = DONDOC_TRUST_VERIFIED;
	sub.match = DONDOC_MATCH_TAG;
	ret = dondoc_store_record_submission(store, &sub, &result, &error);
	if (ret < 0) {
		fprintf(stderr, "# %s: %s\n", msgid, error);
		return -1;
	}
	if (ret == 0)
		(*dups)++;
	return 0;
}

static int child(const char *path, unsigned int p, unsigned int per,
		 unsigned int shared)
{
	struct dondoc_store *store = open_store(path, FALSE);
	unsigned int i, j, errors = 0, dups = 0;

	for (i = 0, j = 0; i < per || j < shared; ) T_BEGIN {
		/* interleave own and shared writes */
		if (i < per) {
			if (record(store, t_strdup_printf("<w%u-%u@test>", p, i),
				   t_strdup_printf("T-%u-%u", p, i), &dups) < 0)
				errors++;
			i++;
		}
		if (j < shared) {
			if (record(store, t_strdup_printf("<shared-%u@test>", j),
				   t_strdup_printf("S-%u", j), &dups) < 0)
				errors++;
			j++;
		}
	} T_END;
	dondoc_store_close(&store);
	return errors == 0 ? 0 : 1;
}

static unsigned int count_submissions(struct dondoc_store *store,
				      const char *task)
{
	ARRAY_TYPE(dondoc_submission) subs;
	const char *error;

	t_array_init(&subs, 16);
	if (dondoc_store_submission_list(store, pool_datastack_create(), task,
					 &subs, &error) < 0)
		i_fatal("%s", error);
	return array_count(&subs);
}

int main(int argc, char *argv[])
{
	unsigned int procs = 8, per = 200, shared = 100, p, i, failed = 0;
	unsigned int bad_own = 0, bad_shared = 0, bad_transitions = 0;
	struct dondoc_store *store;
	ARRAY_TYPE(dondoc_audit_entry) audit;
	struct dondoc_task task;
	const char *path, *error;
	struct timeval start, end;
	pid_t pid;
	int status;

	lib_init();
	if (argc < 2) {
		fprintf(stderr, "usage: store-writer DIR [PROCS [PER [SHARED]]]\n");
		return 2;
	}
	if (argc > 2) procs = atoi(argv[2]);
	if (argc > 3) per = atoi(argv[3]);
	if (argc > 4) shared = atoi(argv[4]);
	if (procs < 1 || procs > 64 || per > 100000 || shared > 100000)
		return 2;
	/* DONDOC_TEST_PGSQL: an empty PostgreSQL database instead */
	path = getenv("DONDOC_TEST_PGSQL");
	if (path == NULL || path[0] == '\0')
		path = t_strdup_printf("%s/concurrency.db", argv[1]);
	setup(path, procs, per, shared);

	i_gettimeofday(&start);
	for (p = 0; p < procs; p++) {
		if ((pid = fork()) < 0)
			i_fatal("fork() failed: %m");
		if (pid == 0) {
			int ret = child(path, p, per, shared);
			lib_deinit();
			_exit(ret);
		}
	}
	for (p = 0; p < procs; p++) {
		if (wait(&status) < 0)
			i_fatal("wait() failed: %m");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	i_gettimeofday(&end);
	printf("# %u processes x (%u own + %u shared) submissions in %lld ms\n",
	       procs, per, shared,
	       (long long)timeval_diff_msecs(&end, &start));
	tap(failed == 0, "every writer finished without an error "
	    "(no SQLITE_BUSY surfaced)");

	store = open_store(path, FALSE);
	tap(count_submissions(store, NULL) == procs * per + shared,
	    "submission count = own + shared (nothing lost or doubled)");
	for (p = 0; p < procs; p++) {
		for (i = 0; i < per; i++) T_BEGIN {
			const char *code = t_strdup_printf("T-%u-%u", p, i);

			if (count_submissions(store, code) != 1)
				bad_own++;
		} T_END;
	}
	tap(bad_own == 0, "every own submission recorded exactly once");
	for (i = 0; i < shared; i++) T_BEGIN {
		const char *code = t_strdup_printf("S-%u", i);

		if (count_submissions(store, code) != 1)
			bad_shared++;
		t_array_init(&audit, 4);
		if (dondoc_store_audit_list(store, pool_datastack_create(),
					    "task", code, &audit, &error) < 0)
			i_fatal("%s", error);
		/* insert + exactly one transition */
		if (array_count(&audit) != 2 ||
		    dondoc_store_task_by_code(store, pool_datastack_create(),
					      code, &task, &error) != 1 ||
		    task.status != DONDOC_TASK_SUBMITTED)
			bad_transitions++;
	} T_END;
	tap(bad_shared == 0, "every raced Message-ID recorded exactly once");
	tap(bad_transitions == 0, "every raced task moved exactly once");
	if (dondoc_store_check(store, &error) <= 0)
		printf("# check: %s\n", error);
	dondoc_store_close(&store);
	printf("1..%u\n", tap_n);
	lib_deinit();
	return tap_failed == 0 ? 0 : 1;
}
