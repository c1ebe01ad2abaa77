/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Task states and the only legal transitions between them. Every store
   backend calls dondoc_task_transition_check() before it writes a new
   status; nothing else decides what a task may become. Trusts nothing:
   out-of-range values are refused. */

#include "lib.h"
#include "dondoc-task-state.h"

static const char *const task_status_names[DONDOC_TASK_STATUS_COUNT] = {
	[DONDOC_TASK_OPEN] = "open",
	[DONDOC_TASK_OVERDUE] = "overdue",
	[DONDOC_TASK_SUBMITTED] = "submitted",
	[DONDOC_TASK_SUBMITTED_LATE] = "submitted-late",
	[DONDOC_TASK_CLOSED] = "closed",
};

/* legal[from][to] */
#define T TRUE
static const bool task_transitions[DONDOC_TASK_STATUS_COUNT]
				  [DONDOC_TASK_STATUS_COUNT] = {
	[DONDOC_TASK_OPEN] = {
		[DONDOC_TASK_OVERDUE] = T,
		[DONDOC_TASK_SUBMITTED] = T,
		[DONDOC_TASK_SUBMITTED_LATE] = T,
		[DONDOC_TASK_CLOSED] = T,
	},
	[DONDOC_TASK_OVERDUE] = {
		[DONDOC_TASK_SUBMITTED_LATE] = T,
		[DONDOC_TASK_CLOSED] = T,
	},
	[DONDOC_TASK_SUBMITTED] = {
		[DONDOC_TASK_CLOSED] = T,
	},
	[DONDOC_TASK_SUBMITTED_LATE] = {
		[DONDOC_TASK_CLOSED] = T,
	},
	/* closed is final */
};
#undef T

const char *dondoc_task_status_name(enum dondoc_task_status status)
{
	if ((unsigned int)status >= DONDOC_TASK_STATUS_COUNT)
		return "invalid";
	return task_status_names[status];
}

bool dondoc_task_status_parse(const char *name,
			      enum dondoc_task_status *status_r)
{
	unsigned int i;

	if (name == NULL)
		return FALSE;
	for (i = 0; i < DONDOC_TASK_STATUS_COUNT; i++) {
		if (strcmp(task_status_names[i], name) == 0) {
			*status_r = i;
			return TRUE;
		}
	}
	return FALSE;
}

bool dondoc_task_status_is_awaiting(enum dondoc_task_status status)
{
	return status == DONDOC_TASK_OPEN || status == DONDOC_TASK_OVERDUE;
}

int dondoc_task_transition_check(enum dondoc_task_status from,
				 enum dondoc_task_status to,
				 const char **error_r)
{
	if ((unsigned int)from >= DONDOC_TASK_STATUS_COUNT ||
	    (unsigned int)to >= DONDOC_TASK_STATUS_COUNT) {
		*error_r = "invalid task status";
		return -1;
	}
	if (from == to) {
		*error_r = t_strdup_printf("task is already %s",
					   task_status_names[to]);
		return -1;
	}
	if (!task_transitions[from][to]) {
		*error_r = t_strdup_printf(
			"illegal task transition %s -> %s%s",
			task_status_names[from], task_status_names[to],
			from == DONDOC_TASK_CLOSED ?
			" (closed is final)" : "");
		return -1;
	}
	return 0;
}

bool dondoc_task_status_after_submission(enum dondoc_task_status from,
					 bool late,
					 enum dondoc_task_status *to_r)
{
	switch (from) {
	case DONDOC_TASK_OPEN:
		*to_r = late ? DONDOC_TASK_SUBMITTED_LATE :
			DONDOC_TASK_SUBMITTED;
		return TRUE;
	case DONDOC_TASK_OVERDUE:
		/* once overdue, a submission is late whatever it claims */
		*to_r = DONDOC_TASK_SUBMITTED_LATE;
		return TRUE;
	default:
		return FALSE;
	}
}
