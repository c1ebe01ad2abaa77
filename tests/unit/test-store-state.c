/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Unit tests for lib/store/dondoc-task-state.c: every legal and illegal task
   transition, names, and what a submission moves a task to. */

#include "lib.h"
#include "test-common.h"
#include "dondoc-task-state.h"

static void test_status_names(void)
{
	enum dondoc_task_status status, parsed;

	test_begin("task status names round-trip");
	for (status = 0; status < DONDOC_TASK_STATUS_COUNT; status++) {
		test_assert(dondoc_task_status_parse(
			dondoc_task_status_name(status), &parsed));
		test_assert(parsed == status);
	}
	test_assert(strcmp(dondoc_task_status_name(DONDOC_TASK_SUBMITTED_LATE),
			   "submitted-late") == 0);
	test_assert(!dondoc_task_status_parse("Open", &parsed));
	test_assert(!dondoc_task_status_parse("", &parsed));
	test_assert(!dondoc_task_status_parse(NULL, &parsed));
	test_assert(strcmp(dondoc_task_status_name(99), "invalid") == 0);
	test_end();
}

static void test_transitions(void)
{
	/* the complete table of legal moves; everything else is illegal */
	static const struct {
		enum dondoc_task_status from, to;
	} legal[] = {
		{ DONDOC_TASK_OPEN, DONDOC_TASK_OVERDUE },
		{ DONDOC_TASK_OPEN, DONDOC_TASK_SUBMITTED },
		{ DONDOC_TASK_OPEN, DONDOC_TASK_SUBMITTED_LATE },
		{ DONDOC_TASK_OPEN, DONDOC_TASK_CLOSED },
		{ DONDOC_TASK_OVERDUE, DONDOC_TASK_SUBMITTED_LATE },
		{ DONDOC_TASK_OVERDUE, DONDOC_TASK_CLOSED },
		{ DONDOC_TASK_SUBMITTED, DONDOC_TASK_CLOSED },
		{ DONDOC_TASK_SUBMITTED_LATE, DONDOC_TASK_CLOSED },
	};
	enum dondoc_task_status from, to;
	const char *error;
	unsigned int i, nlegal = 0;
	bool is_legal;

	test_begin("task transitions: legal and illegal");
	for (from = 0; from < DONDOC_TASK_STATUS_COUNT; from++) {
		for (to = 0; to < DONDOC_TASK_STATUS_COUNT; to++) {
			is_legal = FALSE;
			for (i = 0; i < N_ELEMENTS(legal); i++) {
				if (legal[i].from == from && legal[i].to == to)
					is_legal = TRUE;
			}
			error = NULL;
			if (dondoc_task_transition_check(from, to, &error) == 0) {
				test_assert_idx(is_legal, from * 10 + to);
				nlegal++;
			} else {
				test_assert_idx(!is_legal, from * 10 + to);
				test_assert_idx(error != NULL &&
						error[0] != '\0', from * 10 + to);
			}
		}
	}
	test_assert(nlegal == N_ELEMENTS(legal));
	test_end();

	test_begin("task transitions: errors say what was refused");
	test_assert(dondoc_task_transition_check(DONDOC_TASK_CLOSED,
		DONDOC_TASK_OPEN, &error) < 0);
	test_assert(strstr(error, "closed -> open") != NULL);
	test_assert(strstr(error, "final") != NULL);
	test_assert(dondoc_task_transition_check(DONDOC_TASK_SUBMITTED,
		DONDOC_TASK_OVERDUE, &error) < 0);
	test_assert(strstr(error, "submitted -> overdue") != NULL);
	test_assert(dondoc_task_transition_check(DONDOC_TASK_OPEN,
		DONDOC_TASK_OPEN, &error) < 0);
	test_assert(strstr(error, "already open") != NULL);
	test_assert(dondoc_task_transition_check(DONDOC_TASK_OPEN, 42,
						 &error) < 0);
	test_assert(dondoc_task_transition_check(-1, DONDOC_TASK_OPEN,
						 &error) < 0);
	test_end();
}

static void test_after_submission(void)
{
	enum dondoc_task_status to;

	test_begin("task status after a submission");
	test_assert(dondoc_task_status_after_submission(DONDOC_TASK_OPEN,
							FALSE, &to));
	test_assert(to == DONDOC_TASK_SUBMITTED);
	test_assert(dondoc_task_status_after_submission(DONDOC_TASK_OPEN,
							TRUE, &to));
	test_assert(to == DONDOC_TASK_SUBMITTED_LATE);
	/* overdue stays late even if the sender claims otherwise */
	test_assert(dondoc_task_status_after_submission(DONDOC_TASK_OVERDUE,
							FALSE, &to));
	test_assert(to == DONDOC_TASK_SUBMITTED_LATE);
	test_assert(!dondoc_task_status_after_submission(
		DONDOC_TASK_SUBMITTED, FALSE, &to));
	test_assert(!dondoc_task_status_after_submission(
		DONDOC_TASK_SUBMITTED_LATE, TRUE, &to));
	test_assert(!dondoc_task_status_after_submission(DONDOC_TASK_CLOSED,
							 FALSE, &to));
	test_assert(dondoc_task_status_is_awaiting(DONDOC_TASK_OPEN));
	test_assert(dondoc_task_status_is_awaiting(DONDOC_TASK_OVERDUE));
	test_assert(!dondoc_task_status_is_awaiting(DONDOC_TASK_SUBMITTED));
	test_assert(!dondoc_task_status_is_awaiting(DONDOC_TASK_CLOSED));
	test_end();
}

int main(void)
{
	static void (*const test_functions[])(void) = {
		test_status_names,
		test_transitions,
		test_after_submission,
		NULL
	};
	return test_run(test_functions);
}
