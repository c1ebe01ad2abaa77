/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Manual triage (see dondoc-outgoing-private.h): the secretariat moves or
   copies a mail into a task's mailbox ("Nhiệm vụ/DA06-2026-015") from
   its ordinary mail client, and the mail is recorded against that task
   with match "manual", even when the automatic matching had failed or
   chose another task; the task moves as for any verified report.
   Trusts the gesture of the authenticated account (the adapter gives
   the task only for a save by that account into one of its task
   mailboxes); the mail's own From: only to name the sender. */

#include "lib.h"
#include "array.h"

#include <ctype.h>

#include "dondoc-outgoing-private.h"

/* What the store would take as a task code (letters, digits and -_./),
   checked here so that a mailbox name that is none ("DA06-2026-015 ",
   "Nhiệm vụ.Việc khác") is no store error to spool for ever. */
static bool triage_code_is_valid(const char *code)
{
	const char *p;

	if (*code == '\0' || strlen(code) > DONDOC_STORE_MAX_CODE)
		return FALSE;
	for (p = code; *p != '\0'; p++) {
		if (!i_isalnum(*p) && strchr("-_./", *p) == NULL)
			return FALSE;
	}
	return TRUE;
}

int dondoc_triage_record(struct dondoc_outgoing_ctx *ctx, const char **error_r)
{
	const struct dondoc_message_info *msg = ctx->in->msg;
	struct dondoc_submission_result result;
	struct dondoc_tracking tracking;
	struct dondoc_submission sub;
	struct dondoc_task task;
	int ret;

	if (!triage_code_is_valid(ctx->in->triage_task)) {
		ctx->result->triage_refused = "not a task code (letters, "
			"digits and -_./)";
		return 0;
	}
	if (msg->message_id == NULL) {
		ctx->result->triage_refused = "the mail has no Message-ID";
		return 0;
	}
	ret = dondoc_store_task_by_code(ctx->env->store, ctx->pool,
					ctx->in->triage_task, &task, error_r);
	if (ret == 0)
		ctx->result->triage_refused = "no such task in the store";
	if (ret <= 0)
		return ret;
	dondoc_outgoing_tracking(ctx,
		array_count(&ctx->in->analysis->documents) > 0 ?
		array_front(&ctx->in->analysis->documents) : NULL, &tracking);
	tracking.match = DONDOC_MATCH_MANUAL;
	tracking.match_reason = "filed by hand into the task's mailbox";
	tracking.task = task;
	if (ctx->cal != NULL) {
		tracking.late_days = dondoc_calendar_late_workdays(ctx->cal,
			&task.due, &tracking.received_date);
		tracking.late = tracking.late_days > 0;
	}
	dondoc_tracker_submission(&tracking, msg, &sub);
	/* the sender as the mail names it; the account vouches for the
	   match */
	sub.sender_email = msg->from_address;
	sub.trust = DONDOC_TRUST_VERIFIED;
	ret = dondoc_store_submission_assign(ctx->env->store, &sub, &result,
					     error_r);
	if (ret < 0)
		return -1;
	if (ret > 0)
		ctx->result->triaged++;
	return ret;
}
