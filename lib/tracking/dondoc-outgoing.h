/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_OUTGOING_H
#define DONDOC_OUTGOING_H

/* What the tracker does with the committee's own outgoing mail (the mail
   plugin sees it saved into the secretariat's Sent mailbox; `dondoc spool
   replay` does the same later when the store was unavailable):
   - a periodic report (BC) of the secretariat, the Standing Deputy or the
     Standing Agency marks its O2/O3/O4 task submitted, on time or late;
   - a meeting notice records the meeting and its per-meeting tasks
     (dondoc-meetings.c);
   - a mail filed by hand into a task's mailbox is recorded against that
     task with match "manual" (dondoc-triage, see dondoc_outgoing_input).
   Trusts the adapter for who saved the mail: the sender address given
   here is what the authenticated account saved, never a From: line
   alone. */

#include "dondoc-actions.h"

struct dondoc_msginfo_headers;

struct dondoc_outgoing_settings {
	/* dondoc_conclusions_workdays: the O7 conclusions notice is due
	   this many working days after the meeting. */
	unsigned int conclusions_workdays;
};
#define DONDOC_OUTGOING_DEFAULT_CONCLUSIONS_WORKDAYS 5
/* An upper bound on the setting (two months of working days). */
#define DONDOC_OUTGOING_MAX_CONCLUSIONS_WORKDAYS 40

/* The mailbox the mail was saved into as a journal (the mail plugin's
   outgoing mailboxes): the mark moved up to uid in the same transaction
   as the mail's work (dondoc_store_outgoing_mark_put). */
struct dondoc_outgoing_mark {
	const char *mailbox_guid, *mailbox;
	uint32_t uidvalidity, uid;
};

struct dondoc_outgoing_input {
	const struct dondoc_analysis *analysis;
	/* msg->received_at is the send time (dondoc_outgoing_send_time). */
	const struct dondoc_message_info *msg;
	/* The sender the adapter vouches for (the From: address of mail the
	   authenticated account saved itself), lowercased; NULL: nobody is
	   vouched for and no report or notice is acted on. */
	const char *sender;
	/* The task whose mailbox the mail was filed into by hand, or
	   NULL. */
	const char *triage_task;
	/* NULL, or the mark the mail's transaction moves up (also when
	   nothing else is written) */
	const struct dondoc_outgoing_mark *mark;
};

struct dondoc_outgoing_result {
	/* Tasks marked submitted by the mail's report (0 or 1). */
	unsigned int reports;
	/* 1 when a meeting was recorded (or updated). */
	unsigned int meetings;
	/* Tasks created, updated, closed. */
	unsigned int tasks_created, tasks_updated, tasks_closed;
	/* Mails queued in the outbox for the secretariat. */
	unsigned int mails_queued;
	/* 1 when recorded against triage_task. */
	unsigned int triaged;
	/* Why a mail filed by hand was not recorded (a static string: no
	   such task, not a task code, no Message-ID), or NULL. */
	const char *triage_refused;
	/* Absences the mail consented to (0 or 1). */
	unsigned int consents;
};

/* Act on one outgoing mail. The store writes run in one transaction
   (all or nothing); mail to send is queued in the outbox (env->send may
   be NULL: `dondoc outbox send` sends it). Returns 1 when something was
   done, 0 nothing to do, -1 store error (error_r; nothing written: the
   caller spools the mail when dondoc_store_error_is_temporary()). */
int dondoc_outgoing_process(const struct dondoc_actions_env *env,
			    struct dondoc_calendar *cal,
			    const struct dondoc_outgoing_settings *set,
			    const struct dondoc_outgoing_input *in,
			    struct dondoc_outgoing_result *result_r,
			    const char **error_r);

/* A meeting announced outside the mail (`dondoc meeting add --tasks`): recorded
   with the per-meeting tasks a notice creates (O10 for every member, O7
   for the secretariat, the period's O5 closed), in one transaction; no
   notice, so no O6 check. Returns 1 added, 0 a meeting with that code
   exists (nothing written), -1 error. */
int dondoc_outgoing_meeting_add(struct dondoc_store *store,
				struct dondoc_calendar *cal,
				const struct dondoc_outgoing_settings *set,
				const struct dondoc_meeting *meeting,
				struct dondoc_outgoing_result *result_r,
				const char **error_r);

/* The send time of an outgoing mail: its Date: (date_value, may be NULL)
   when it parses and lies within the plausible window around saved_at
   (at most a day after it, at most 30 days before), else saved_at. */
time_t dondoc_outgoing_send_time(const char *date_value, time_t saved_at);
#define DONDOC_OUTGOING_MAX_DATE_FUTURE_SECS (24 * 3600)
#define DONDOC_OUTGOING_MAX_DATE_PAST_SECS (30 * 24 * 3600)

/* dondoc_conclusions_workdays and the other outgoing settings, read with
   the adapter's lookup (dondoc-settings.h). */
void dondoc_outgoing_settings_read(const char *(*get)(void *context,
						      const char *name),
				   void *context,
				   struct dondoc_outgoing_settings *set_r);

#endif
