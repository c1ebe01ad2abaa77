/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_TRACKER_H
#define DONDOC_TRACKER_H

/* Delivery-time tracking: the match and decision stages. From the
   analysis of a message and what the server knows about its delivery
   (envelope, its own Authentication-Results), decide who sent it, which
   task it answers and how timely it is. The result is what the Sieve
   script sees (${dondoc.*}, the "task" test) and what record, confirm and
   escalate act on. No side effects: nothing is written here. */

#include "dondoc-analysis.h"
#include "dondoc-store.h"
#include "dondoc-trust.h"

struct dondoc_tracker_settings {
	/* dondoc_authserv_id: whose Authentication-Results to believe */
	const char *authserv_id;
	enum dondoc_trust_policy trust_policy;
	/* dondoc_secret: key of the signed reply addresses; NULL disables
	   address matching. */
	const char *secret;
	/* Minimum folded-word similarity (percent) of a document summary to
	   an open task's title for a text match. */
	unsigned int text_threshold;
};
#define DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD 50

/* What the adapter read from the message and its delivery. */
struct dondoc_message_info {
	const char *message_id;
	const char *subject;
	/* The single From: addr-spec, NULL when none or several. */
	const char *from_address;
	/* Envelope MAIL FROM; NULL or "" for <>. */
	const char *envelope_sender;
	/* The detail of the envelope recipient (after '+'), or NULL. */
	const char *recipient_detail;
	/* Authentication-Results values, topmost first; NULL-terminated. */
	const char *const *authres_headers;
	const char *in_reply_to, *references;
	/* Delivery time; dates are taken in Asia/Ho_Chi_Minh (UTC+7). */
	time_t received_at;
};

/* A reply about attending a meeting (O8) that threads to or cites a
   stored meeting (lib/tracking/dondoc-attendance.c). */
struct dondoc_tracking_attendance {
	enum dondoc_attendance_kind kind;
	/* who attends in the member's place, as written, or NULL */
	const char *delegate;
	struct dondoc_meeting meeting;
	/* how the meeting was found: "thread", "notice", "date" */
	const char *how;
	/* a consent: the absence row (meeting_attendance.id) its mail
	   answers, 0 when none */
	int64_t consent_row;
	/* when the member's written opinion is due (a delegation's O8
	   task): the last working day before the meeting, or the day the
	   reply came when that is later */
	struct dondoc_date opinion_due;
};

struct dondoc_tracking {
	/* The document the message carries (the body's first, else the
	   first attachment's), NULL when none. */
	const struct dondoc_document *document;

	struct dondoc_trust_result trust;
	/* The verified sender as the store knows it (have_person). */
	bool have_person;
	struct dondoc_person person;
	/* Sender agency code and first role; NULL when not verified or
	   not known to the store. */
	const char *agency, *role;

	/* The task matched, and the evidence. */
	enum dondoc_match_kind match;
	const char *match_reason;
	struct dondoc_task task;
	/* Evidence that named a task the sender may not answer (another
	   agency's signed address or thread), or NULL: then no match. */
	const char *refused_match;

	/* Delivery date in Vietnam, and timeliness against the task. */
	struct dondoc_date received_date;
	bool late;
	unsigned int late_days;

	/* The document raises difficulties or proposals. */
	bool difficulties;
	/* The document is classified (MẬT, TỐI MẬT, TUYỆT MẬT): automatic
	   mail may carry its metadata only. */
	bool secret;

	/* A reply about attending a meeting, NULL when none or when it
	   names no stored meeting. */
	const struct dondoc_tracking_attendance *attendance;
	/* What the mail's own words say about attending, stored meeting or
	   not (so that a script can spool such a reply while the store is
	   unavailable). */
	enum dondoc_attendance_kind attendance_said;

	/* The store could not be used: matching was not possible. The
	   message is still delivered; record spools it for replay. */
	const char *store_error;
};

/* Evaluate one message. store may be NULL (unavailable: store_error is
   set from store_error_in); cal is used for timeliness and may be NULL
   only when store is. Never fails: a store error mid-way is reported in
   tracking->store_error. */
void dondoc_tracker_evaluate(struct dondoc_store *store,
			     struct dondoc_calendar *cal,
			     const struct dondoc_tracker_settings *set,
			     const struct dondoc_analysis *analysis,
			     const struct dondoc_message_info *msg,
			     const char *store_error_in, pool_t pool,
			     struct dondoc_tracking **tracking_r);

/* The submission record for a tracking result. */
void dondoc_tracker_submission(const struct dondoc_tracking *tracking,
			       const struct dondoc_message_info *msg,
			       struct dondoc_submission *sub_r);

/* "on-time" or "late"; NULL when no task matched. */
const char *dondoc_tracking_timeliness(const struct dondoc_tracking *tracking);

/* Folded-word similarity of two texts, 0-100 (Dice coefficient over the
   sets of folded words of two letters or more). Exposed for tests. */
unsigned int dondoc_tracker_similarity(const char *a, const char *b);

/* The date in Vietnam (UTC+7, no daylight saving) of a moment. */
void dondoc_tracker_vn_date(time_t t, struct dondoc_date *date_r);

#endif
