/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_TASK_STATE_H
#define DONDOC_TASK_STATE_H

/* The life of a task, in one place: its states and the only legal moves
   between them. Every store backend asks this module before it changes a
   task's status, and audits the move it made.

     open ----------> submitted ------> closed
       |  \                               ^
       |   `-------> submitted-late ------'
       v                   ^
     overdue --------------'
   plus open -> closed and overdue -> closed (an administrator closes a
   task that will not be answered). closed is final. */

enum dondoc_task_status {
	DONDOC_TASK_OPEN = 0,
	DONDOC_TASK_OVERDUE,
	DONDOC_TASK_SUBMITTED,
	DONDOC_TASK_SUBMITTED_LATE,
	DONDOC_TASK_CLOSED,

	DONDOC_TASK_STATUS_COUNT
};

/* "open", "overdue", "submitted", "submitted-late", "closed". */
const char *dondoc_task_status_name(enum dondoc_task_status status);
/* Parse one of the names above; FALSE if unknown. */
bool dondoc_task_status_parse(const char *name,
			      enum dondoc_task_status *status_r);
/* TRUE for statuses a submission is still awaited in (open, overdue). */
bool dondoc_task_status_is_awaiting(enum dondoc_task_status status);

/* 0 if from -> to is a legal transition, else -1 with error_r saying
   which move was refused and why. from == to is refused too. */
int dondoc_task_transition_check(enum dondoc_task_status from,
				 enum dondoc_task_status to,
				 const char **error_r);

/* The status a (verified, matched) submission moves a task to: TRUE with
   to_r when it moves the task, FALSE when the task stays as it is (it was
   already submitted or closed: the submission is recorded all the same). */
bool dondoc_task_status_after_submission(enum dondoc_task_status from,
					 bool late,
					 enum dondoc_task_status *to_r);

#endif
