/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store front end's meetings, task rewrites and submissions assigned
   by hand (see dondoc-store.h):
   every value checked and bounded (the checks of dondoc-store.c) before
   the backend sees it. */

#include "lib.h"
#include "dondoc-store-private.h"

#include <ctype.h>

static int check_meeting(const struct dondoc_meeting *meeting,
			 const char **error_r)
{
	if (dondoc_store_check_code("meeting code", meeting->code, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("meeting title", meeting->title,
		       DONDOC_STORE_MAX_NAME, TRUE, error_r) < 0 ||
	    dondoc_store_check_date("meeting date", &meeting->date, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("meeting place", meeting->place,
		       DONDOC_STORE_MAX_NAME, FALSE, error_r) < 0 ||
	    dondoc_store_check_code("convener", meeting->convener, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("meeting time", meeting->time, 5, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("meeting chair", meeting->chair,
		       DONDOC_STORE_MAX_NAME, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("meeting agenda", meeting->agenda,
		       DONDOC_STORE_MAX_TEXT, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("notice type", meeting->notice_type,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("notice number", meeting->notice_number,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0 ||
	    dondoc_store_check_text("notice symbol", meeting->notice_symbol,
		       DONDOC_STORE_MAX_DOC_FIELD, FALSE, error_r) < 0)
		return -1;
	if (meeting->notice_message_id != NULL &&
	    dondoc_store_check_message_id(meeting->notice_message_id, error_r) < 0)
		return -1;
	if (meeting->time != NULL &&
	    (strlen(meeting->time) != 5 || !i_isdigit(meeting->time[0]) ||
	     !i_isdigit(meeting->time[1]) || meeting->time[2] != ':' ||
	     !i_isdigit(meeting->time[3]) || !i_isdigit(meeting->time[4]))) {
		*error_r = "meeting time is not HH:MM";
		return -1;
	}
	if (meeting->notice_workdays < 0) {
		*error_r = "notice working days must not be negative";
		return -1;
	}
	return 0;
}

int dondoc_store_meeting_add(struct dondoc_store *store,
			     const struct dondoc_meeting *meeting,
			     int64_t *id_r, const char **error_r)
{
	if (check_meeting(meeting, error_r) < 0)
		return -1;
	return store->v->meeting_add(store, meeting, id_r, error_r);
}

int dondoc_store_meeting_list(struct dondoc_store *store, pool_t pool,
			      ARRAY_TYPE(dondoc_meeting) *meetings,
			      const char **error_r)
{
	return store->v->meeting_list(store, pool, meetings, error_r);
}

int dondoc_store_meeting_get(struct dondoc_store *store, pool_t pool,
			     const char *code,
			     struct dondoc_meeting *meeting_r,
			     const char **error_r)
{
	if (dondoc_store_check_code("meeting code", code, TRUE, error_r) < 0)
		return -1;
	return store->v->meeting_get(store, pool, code, meeting_r, error_r);
}

int dondoc_store_meeting_by_notice(struct dondoc_store *store, pool_t pool,
				   const char *symbol, const char *number,
				   struct dondoc_meeting *meeting_r,
				   const char **error_r)
{
	if (dondoc_store_check_text("notice symbol", symbol, DONDOC_STORE_MAX_DOC_FIELD,
		       TRUE, error_r) < 0 ||
	    dondoc_store_check_text("notice number", number, DONDOC_STORE_MAX_DOC_FIELD,
		       FALSE, error_r) < 0)
		return -1;
	return store->v->meeting_by_notice(store, pool, symbol, number,
					   meeting_r, error_r);
}

int dondoc_store_meeting_update(struct dondoc_store *store,
				const struct dondoc_meeting *meeting,
				const char **error_r)
{
	if (check_meeting(meeting, error_r) < 0)
		return -1;
	return store->v->meeting_update(store, meeting, error_r);
}

int dondoc_store_task_update(struct dondoc_store *store,
			     const struct dondoc_task *task,
			     const char **error_r)
{
	if (dondoc_store_check_task(task, error_r) < 0)
		return -1;
	return store->v->task_update(store, task, error_r);
}

int dondoc_store_submission_assign(struct dondoc_store *store,
				   const struct dondoc_submission *sub,
				   struct dondoc_submission_result *result_r,
				   const char **error_r)
{
	i_zero(result_r);
	if (dondoc_store_check_message_id(sub->message_id, error_r) < 0 ||
	    dondoc_store_check_code("task code", sub->task_code, TRUE,
				    error_r) < 0 ||
	    dondoc_store_check_text("sender", sub->sender_email,
				    DONDOC_STORE_MAX_EMAIL, FALSE,
				    error_r) < 0)
		return -1;
	if (sub->match != DONDOC_MATCH_MANUAL ||
	    sub->trust != DONDOC_TRUST_VERIFIED) {
		*error_r = "a submission assigned by hand is manual and verified";
		return -1;
	}
	return store->v->submission_assign(store, sub, result_r, error_r);
}
