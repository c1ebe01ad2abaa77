/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_HEAD_DIGEST_H
#define DONDOC_HEAD_DIGEST_H

/* One digest for the Head (dondoc_head_digest = daily | weekly): the
   escalations of the sweep and of the Sieve `escalate` action are
   collected in the store instead of mailed one by one, and once per
   period each Head gets one mail listing them: what is long overdue,
   what arrived late, the difficulties and proposals raised, the warnings
   about the secretariat's own duties; each item once, with its
   document's Message-ID and its task's signed reply address, and the
   original mails attached within dondoc_escalate_attach_max (never a
   classified document's). The digest goes through the outbox: built
   once per period (a digest row, its items and its mail commit
   together), and a failed send leaves it queued. */

#include "dondoc-actions.h"

struct dondoc_calendar;

/* Collect one escalation for the digest (the policy is not immediate):
   the item's fields from tracking (metadata only for a classified
   document), its original mail from env->original when it fits. Returns
   1 collected, 0 collected (or mailed) before or a recipient the store
   cannot keep, -1 store error. */
int dondoc_head_digest_collect(const struct dondoc_actions_env *env,
			       const struct dondoc_tracking *tracking,
			       enum dondoc_head_item_kind kind,
			       const char *recipient, const char *dedup_key,
			       const char *reason, const char **error_r);

/* The period whose digest is due by today: daily, the latest working
   day on or before today; weekly, the latest head_digest_wday whose
   digest day (it, or the next working day) is on or before today.
   period_r: "daily:YYYY-MM-DD", "weekly:YYYY-MM-DD"; with immediate,
   "immediate:today" (items left from a digest policy go out at once). */
void dondoc_head_digest_period(struct dondoc_calendar *cal,
			       const struct dondoc_actions_settings *set,
			       const struct dondoc_date *today,
			       const char **period_r,
			       struct dondoc_date *day_r);

struct dondoc_head_digest_result {
	/* digests built now, their items, and of them how many sent now */
	unsigned int digests, items, sent;
};

/* Build the digest of today's period for every recipient with items
   pending and none built yet, each in one transaction with its outbox
   mail, and send them (with env->send; else they wait in the outbox).
   Returns 0, or -1 with error_r (digests built before it stay built). */
int dondoc_head_digest_run(const struct dondoc_actions_env *env,
			   struct dondoc_calendar *cal,
			   const struct dondoc_date *today,
			   struct dondoc_head_digest_result *result_r,
			   const char **error_r);

/* The digest's wording: the values of its template (kind head-digest,
   templates/head-digest.txt), each item rendered by head-digest-item and
   joined into its section. attached[i]: item i's original mail is
   attached; note[i]: what to say about it (NULL: nothing). Items past
   what one mail holds are counted in ${more}. */
struct dondoc_head_digest_text {
	const struct dondoc_template_settings *templates;
	/* "tuần đến ngày 15/06/2026", and today "dd/mm/yyyy" */
	const char *period_label, *today;
	const struct dondoc_head_item *items;
	/* the name of each item's agency (NULL: its code) */
	const char *const *agency_names;
	unsigned int count;
	const bool *attached;
	const char *const *note;
};
void dondoc_head_digest_values(const struct dondoc_head_digest_text *in,
			       struct dondoc_template_values *values);

#endif
