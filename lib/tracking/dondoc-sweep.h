/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_SWEEP_H
#define DONDOC_SWEEP_H

/* The periodic sweep: the secretariat's duty to chase (đôn đốc, art. 9.3).
   For a given day it marks what is past due as overdue, reminds each
   agency of what falls due within a few working days and of what is
   overdue, and escalates to the Head what is overdue by more than a few
   working days. Every mail is queued with a dedup key, so running the
   sweep again the same day (or every hour) sends nothing twice; each
   carries the task's signed Reply-To and a Message-ID the tracker knows,
   so a reply is matched to its task. With dondoc_head_digest = daily or
   weekly the escalations are collected, and the sweep builds and sends
   the Head's digest of the period (dondoc-head-digest.h). */

#include "dondoc-actions.h"

/* The chase ladder, each step once per task (and recipient): remind
   when the due date is within remind_workdays working days; chase the
   working day after it; chase again every chase_repeat_workdays working
   days (0: once); hand to the Head once late by escalate_workdays. A
   step a sweep missed (none ran that day) is not sent later: the next
   sweep sends the step that is due then. */
struct dondoc_sweep_settings {
	unsigned int remind_workdays;
	unsigned int chase_repeat_workdays;
	unsigned int escalate_workdays;
};
#define DONDOC_SWEEP_DEFAULT_REMIND_WORKDAYS 2
#define DONDOC_SWEEP_DEFAULT_CHASE_REPEAT_WORKDAYS 3
#define DONDOC_SWEEP_DEFAULT_ESCALATE_WORKDAYS 5
#define DONDOC_SWEEP_MAX_WORKDAYS 100

struct dondoc_sweep_result {
	unsigned int overdue_marked;
	unsigned int reminders, escalations;
	/* Of the escalations, how many were collected for the Head's
	   digest; the digests built now and the items they carry. */
	unsigned int collected, digests, digest_items;
	/* Of those queued, how many the sender sent now. */
	unsigned int sent;
};

/* Sweep for today. env supplies the store, the mail settings, the
   Message-ID generator and the sender (NULL: queue only); its tracking
   and msg fields are ignored. Returns 0, or -1 with error_r. */
int dondoc_sweep(const struct dondoc_actions_env *env,
		 struct dondoc_calendar *cal,
		 const struct dondoc_sweep_settings *set,
		 const struct dondoc_date *today,
		 struct dondoc_sweep_result *result_r, const char **error_r);

#endif
