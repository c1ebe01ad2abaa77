/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_OUTGOING_PRIVATE_H
#define DONDOC_OUTGOING_PRIVATE_H

/* What the parts of the outgoing-mail stage share: one mail's context
   (dondoc-outgoing.c dispatches to the reports, dondoc-meetings.c and
   dondoc-triage.c). Everything runs inside the one store transaction
   dondoc_outgoing_process() opened. */

#include "dondoc-outgoing.h"

struct dondoc_outgoing_ctx {
	const struct dondoc_actions_env *env;
	struct dondoc_calendar *cal;
	const struct dondoc_outgoing_settings *set;
	const struct dondoc_outgoing_input *in;
	/* in->sender, and the store's person for it (have_person). */
	const char *sender;
	bool have_person;
	struct dondoc_person person;
	struct dondoc_outgoing_result *result;
	pool_t pool;
};

/* The first document of a type (case-insensitive), NULL when none. */
const struct dondoc_document *
dondoc_outgoing_document(const struct dondoc_analysis *analysis,
			 const char *type);
/* A tracking result for doc as sent by ctx's sender (no task matched):
   what record and the composed mail need. */
void dondoc_outgoing_tracking(const struct dondoc_outgoing_ctx *ctx,
			      const struct dondoc_document *doc,
			      struct dondoc_tracking *tracking_r);

/* The agencies holding role, each once (dondoc-meetings.c). */
int dondoc_meetings_role_agencies(struct dondoc_outgoing_ctx *ctx,
				  const char *role,
				  ARRAY_TYPE(const_string) *agencies,
				  const char **error_r);
/* Add the task, or bring an existing one's title, due date and source up
   to date (counted in ctx->result). 1 added or changed, 0 not, -1 error. */
int dondoc_meetings_task_put(struct dondoc_outgoing_ctx *ctx,
			     const struct dondoc_task *task,
			     const char **error_r);

/* Each returns 1 done, 0 nothing to do, -1 store error. */
/* A meeting notice: the meeting, O6 check, O10/O7 tasks, O5 closed. */
int dondoc_meetings_notice(struct dondoc_outgoing_ctx *ctx,
			   const char **error_r);
/* A conclusion notice, plan or minutes: O11 tasks, O7 closed. */
int dondoc_meetings_conclusions(struct dondoc_outgoing_ctx *ctx,
				const char **error_r);
/* Filed by hand into in->triage_task's mailbox. */
int dondoc_triage_record(struct dondoc_outgoing_ctx *ctx,
			 const char **error_r);

#endif
