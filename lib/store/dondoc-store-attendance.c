/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The store front end's meeting attendance (O8, see dondoc-store.h):
   every value checked and bounded before the backend sees it. */

#include "lib.h"
#include "dondoc-store-private.h"

const char *dondoc_attendance_row_kind_name(enum dondoc_attendance_row_kind kind)
{
	return kind == DONDOC_ATTENDANCE_ROW_DELEGATE ? "delegate" : "absent";
}

static int check_attendance(const struct dondoc_meeting_attendance *att,
			    const char **error_r)
{
	if (dondoc_store_check_code("meeting code", att->meeting, TRUE,
				    error_r) < 0 ||
	    dondoc_store_check_code("agency", att->agency, TRUE, error_r) < 0 ||
	    dondoc_store_check_text("delegate", att->delegate,
				    DONDOC_STORE_MAX_DELEGATE, FALSE,
				    error_r) < 0 ||
	    dondoc_store_check_message_id(att->message_id, error_r) < 0 ||
	    dondoc_store_check_text("document type", att->doc_type,
				    DONDOC_STORE_MAX_DOC_FIELD, FALSE,
				    error_r) < 0 ||
	    dondoc_store_check_text("document number", att->doc_number,
				    DONDOC_STORE_MAX_DOC_FIELD, FALSE,
				    error_r) < 0 ||
	    dondoc_store_check_text("document symbol", att->doc_symbol,
				    DONDOC_STORE_MAX_DOC_FIELD, FALSE,
				    error_r) < 0)
		return -1;
	if (att->kind != DONDOC_ATTENDANCE_ROW_ABSENT &&
	    att->kind != DONDOC_ATTENDANCE_ROW_DELEGATE) {
		*error_r = "attendance kind is not absent or delegate";
		return -1;
	}
	return 0;
}

int dondoc_store_attendance_put(struct dondoc_store *store,
				const struct dondoc_meeting_attendance *att,
				const char **error_r)
{
	if (check_attendance(att, error_r) < 0)
		return -1;
	return store->v->attendance_put(store, att, error_r);
}

int dondoc_store_attendance_list(struct dondoc_store *store, pool_t pool,
				 const char *meeting,
				 ARRAY_TYPE(dondoc_meeting_attendance) *rows,
				 const char **error_r)
{
	if (dondoc_store_check_code("meeting code", meeting, FALSE,
				    error_r) < 0)
		return -1;
	return store->v->attendance_list(store, pool, meeting, rows, error_r);
}

int dondoc_store_attendance_by_message(struct dondoc_store *store,
				       pool_t pool, const char *message_id,
				       struct dondoc_meeting_attendance *att_r,
				       const char **error_r)
{
	if (dondoc_store_check_message_id(message_id, error_r) < 0)
		return -1;
	return store->v->attendance_by_message(store, pool, message_id,
					       att_r, error_r);
}

int dondoc_store_attendance_consent(struct dondoc_store *store, int64_t id,
				    time_t consent_at,
				    const char *consent_message_id,
				    const char **error_r)
{
	if (dondoc_store_check_message_id(consent_message_id, error_r) < 0)
		return -1;
	if (consent_at <= 0) {
		*error_r = "consent time missing";
		return -1;
	}
	return store->v->attendance_consent(store, id, consent_at,
					    consent_message_id, error_r);
}
