/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Replies about attending a meeting (see dondoc-attendance.h): tied to
   the stored meeting by thread, cited notice or date; recorded for a
   verified member at delivery (the record action); the secretariat's
   consent recorded when its reply is saved into Sent. The meetings are
   few (one every two months): they are listed and compared here rather
   than looked up by an index per kind of evidence. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "message-id.h"
#include "dondoc-outgoing-private.h"
#include "dondoc-attendance.h"

/* Bounds on the evidence looked at, against hostile headers. */
#define ATTENDANCE_MAX_THREAD_IDS 20
/* Meetings compared at most (years of a committee meeting monthly). */
#define ATTENDANCE_MAX_MEETINGS 1000

/* The Message-IDs of In-Reply-To and References, in angle brackets as
   the store keeps them, In-Reply-To first, then newest first. */
static void attendance_thread_ids(const struct dondoc_message_info *msg,
				  ARRAY_TYPE(const_string) *ids)
{
	ARRAY_TYPE(const_string) refs;
	const char *p, *id;
	unsigned int i;

	p = msg->in_reply_to;
	if (p != NULL && (id = message_id_get_next(&p)) != NULL) {
		id = t_strdup_printf("<%s>", id);
		array_push_back(ids, &id);
	}
	if (msg->references == NULL)
		return;
	t_array_init(&refs, 8);
	p = msg->references;
	while ((id = message_id_get_next(&p)) != NULL) {
		if (array_count(&refs) == ATTENDANCE_MAX_THREAD_IDS)
			array_pop_front(&refs);
		array_push_back(&refs, &id);
	}
	for (i = array_count(&refs); i > 0; i--) {
		id = t_strdup_printf("<%s>", array_idx_elem(&refs, i - 1));
		array_push_back(ids, &id);
	}
}

static bool attendance_same_id(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The meeting the reply threads to, cites or names the date of. */
static const struct dondoc_meeting *
attendance_find(const ARRAY_TYPE(dondoc_meeting) *meetings,
		const struct dondoc_attendance_reply *reply,
		const ARRAY_TYPE(const_string) *ids,
		const struct dondoc_date *received, const char **how_r)
{
	const struct dondoc_meeting *m, *found = NULL;
	const struct dondoc_attendance_cited *c;
	const char *const *id;
	unsigned int n = 0;
	int year;

	array_foreach(ids, id) {
		array_foreach(meetings, m) {
			if (attendance_same_id(m->notice_message_id, *id)) {
				*how_r = "thread";
				return m;
			}
		}
	}
	/* a reply that speaks of no meeting is about one only by its
	   thread ("Sở xin vắng" answering the notice) */
	if (!reply->meeting_words)
		return NULL;
	array_foreach(&reply->cited, c) {
		array_foreach(meetings, m) {
			if (m->notice_symbol != NULL &&
			    strcasecmp(m->notice_symbol, c->symbol) == 0 &&
			    null_strcasecmp(m->notice_number, c->number) == 0) {
				*how_r = "notice";
				return m;
			}
		}
	}
	if (reply->meeting_day == 0)
		return NULL;
	year = reply->meeting_year != 0 ? (int)reply->meeting_year :
		received->year;
	array_foreach(meetings, m) {
		if (m->date.year == year &&
		    m->date.month == (int)reply->meeting_month &&
		    m->date.day == (int)reply->meeting_day) {
			found = m;
			n++;
		}
	}
	/* two meetings that day: the date tells neither */
	if (n != 1)
		return NULL;
	*how_r = "date";
	return found;
}

/* A consent arriving by mail (the chair's own reply): the absence its
   thread answers. */
static int
attendance_consent_evaluate(struct dondoc_store *store, pool_t pool,
			    const struct dondoc_attendance_reply *reply,
			    const ARRAY_TYPE(const_string) *ids,
			    const struct dondoc_tracking_attendance **att_r,
			    const char **error_r)
{
	struct dondoc_tracking_attendance *att;
	struct dondoc_meeting_attendance row;
	struct dondoc_meeting m;
	const char *const *id;
	int ret;

	array_foreach(ids, id) {
		if (!dondoc_store_message_id_is_valid(*id))
			continue;
		ret = dondoc_store_attendance_by_message(store, pool, *id,
							 &row, error_r);
		if (ret < 0)
			return -1;
		if (ret == 0)
			continue;
		ret = dondoc_store_meeting_get(store, pool, row.meeting, &m,
					       error_r);
		if (ret <= 0)
			return ret;
		att = p_new(pool, struct dondoc_tracking_attendance, 1);
		att->kind = reply->kind;
		att->delegate = p_strdup(pool, reply->delegate);
		att->meeting = m;
		att->how = "thread";
		att->consent_row = row.id;
		*att_r = att;
		return 1;
	}
	return 0;
}

int dondoc_attendance_evaluate(struct dondoc_store *store,
			       struct dondoc_calendar *cal, pool_t pool,
			       const struct dondoc_attendance_reply *reply,
			       const struct dondoc_message_info *msg,
			       const struct dondoc_date *received,
			       const struct dondoc_tracking_attendance **att_r,
			       const char **error_r)
{
	ARRAY_TYPE(dondoc_meeting) meetings;
	ARRAY_TYPE(const_string) ids;
	const struct dondoc_meeting *m;
	struct dondoc_tracking_attendance *att;
	const char *how = NULL;

	*att_r = NULL;
	if (reply == NULL || reply->kind == DONDOC_ATTENDANCE_NONE)
		return 0;
	p_array_init(&meetings, pool, 16);
	if (dondoc_store_meeting_list(store, pool, &meetings, error_r) < 0)
		return -1;
	if (array_count(&meetings) > ATTENDANCE_MAX_MEETINGS) {
		/* the latest ones: a reply is about a coming meeting */
		array_delete(&meetings, 0, array_count(&meetings) -
			     ATTENDANCE_MAX_MEETINGS);
	}
	t_array_init(&ids, ATTENDANCE_MAX_THREAD_IDS + 1);
	attendance_thread_ids(msg, &ids);
	if (reply->kind == DONDOC_ATTENDANCE_CONSENT)
		return attendance_consent_evaluate(store, pool, reply, &ids,
						   att_r, error_r);
	m = attendance_find(&meetings, reply, &ids, received, &how);
	if (m == NULL)
		return 0;
	att = p_new(pool, struct dondoc_tracking_attendance, 1);
	att->kind = reply->kind;
	att->delegate = p_strdup(pool, reply->delegate);
	att->meeting = *m;
	att->how = how;
	if (cal != NULL)
		dondoc_calendar_last_workday_before(cal, &m->date,
						    &att->opinion_due);
	else
		att->opinion_due = m->date;
	if (dondoc_date_to_days(&att->opinion_due) <
	    dondoc_date_to_days(received))
		att->opinion_due = *received;
	*att_r = att;
	return 1;
}

static const char *attendance_vn_date(const struct dondoc_date *date)
{
	return t_strdup_printf("%02d/%02d/%04d", date->day, date->month,
			       date->year);
}

/* The delegation's O8 task: the written opinion (art. 7.5). */
static int attendance_opinion_task(struct dondoc_store *store,
				   const struct dondoc_tracking *tracking,
				   const char **error_r)
{
	const struct dondoc_tracking_attendance *att = tracking->attendance;
	ARRAY_TYPE(dondoc_obligation) obligations;
	const struct dondoc_obligation *o, *o8 = NULL;
	struct dondoc_task task;

	t_array_init(&obligations, 16);
	if (dondoc_store_obligation_list(store, pool_datastack_create(),
					 &obligations, error_r) < 0)
		return -1;
	array_foreach(&obligations, o) {
		if (strcmp(o->code, "O8") == 0)
			o8 = o;
	}
	if (o8 == NULL)
		return 0;
	i_zero(&task);
	task.code = t_strdup_printf("%s-O8-%s", att->meeting.code,
				    tracking->agency);
	if (strlen(task.code) > DONDOC_STORE_MAX_CODE)
		return 0;
	task.title = t_strdup_printf("Gửi ý kiến bằng văn bản về nội dung "
		"cuộc họp ngày %s (cử người dự họp thay)",
		attendance_vn_date(&att->meeting.date));
	task.agency = tracking->agency;
	task.assigner = o8->recipient_role;
	task.obligation = "O8";
	task.doc_type = o8->doc_type;
	task.due = att->opinion_due;
	task.period.kind = 'E';
	task.period.year = att->meeting.date.year;
	task.period.index = (int)att->meeting.id;
	return dondoc_store_task_add(store, &task, NULL, error_r);
}

/* Who may chair a meeting and so consent by mail. */
static const char *const attendance_chair_roles[] = {
	"truong-ban", "pho-truong-ban-tt", "pho-truong-ban",
};

static bool attendance_person_chairs(const struct dondoc_person *person)
{
	const char *const *r;
	unsigned int i;

	for (r = person->roles; r != NULL && *r != NULL; r++) {
		for (i = 0; i < N_ELEMENTS(attendance_chair_roles); i++) {
			if (strcmp(*r, attendance_chair_roles[i]) == 0)
				return TRUE;
		}
	}
	return FALSE;
}

int dondoc_attendance_record(struct dondoc_store *store,
			     const struct dondoc_tracking *tracking,
			     const struct dondoc_message_info *msg,
			     const char **error_r)
{
	const struct dondoc_tracking_attendance *att = tracking->attendance;
	const struct dondoc_document *doc = tracking->document;
	struct dondoc_meeting_attendance row;
	int ret, ret2 = 0;

	if (att == NULL || !tracking->trust.verified ||
	    !tracking->have_person || tracking->agency == NULL ||
	    msg->message_id == NULL ||
	    !dondoc_store_message_id_is_valid(msg->message_id))
		return 0;
	if (att->kind == DONDOC_ATTENDANCE_CONSENT) {
		/* the chair's consent (art. 7.5: "được sự đồng ý của người
		   chủ trì"); anyone else's words consent to nothing */
		if (att->consent_row == 0 ||
		    !attendance_person_chairs(&tracking->person))
			return 0;
		return dondoc_store_attendance_consent(store, att->consent_row,
			msg->received_at, msg->message_id, error_r);
	}
	i_zero(&row);
	row.meeting = att->meeting.code;
	row.agency = tracking->agency;
	row.kind = att->kind == DONDOC_ATTENDANCE_DELEGATE ?
		DONDOC_ATTENDANCE_ROW_DELEGATE : DONDOC_ATTENDANCE_ROW_ABSENT;
	row.delegate = att->delegate;
	row.message_id = msg->message_id;
	if (doc != NULL) {
		row.doc_type = doc->type;
		row.doc_number = doc->number;
		row.doc_symbol = doc->symbol;
	}
	row.received_at = msg->received_at;
	ret = dondoc_store_attendance_put(store, &row, error_r);
	if (ret < 0)
		return -1;
	if (row.kind == DONDOC_ATTENDANCE_ROW_DELEGATE &&
	    (ret2 = attendance_opinion_task(store, tracking, error_r)) < 0)
		return -1;
	return ret > 0 || ret2 > 0 ? 1 : 0;
}

int dondoc_attendance_consent(struct dondoc_outgoing_ctx *ctx,
			      const char **error_r)
{
	const struct dondoc_attendance_reply *reply =
		ctx->in->analysis->attendance_reply;
	ARRAY_TYPE(const_string) ids;
	struct dondoc_meeting_attendance row;
	const char *const *id;
	int ret;

	if (reply == NULL || reply->kind != DONDOC_ATTENDANCE_CONSENT ||
	    !ctx->have_person || ctx->in->msg->message_id == NULL ||
	    !dondoc_store_message_id_is_valid(ctx->in->msg->message_id))
		return 0;
	t_array_init(&ids, ATTENDANCE_MAX_THREAD_IDS + 1);
	attendance_thread_ids(ctx->in->msg, &ids);
	array_foreach(&ids, id) {
		if (!dondoc_store_message_id_is_valid(*id))
			continue;
		ret = dondoc_store_attendance_by_message(ctx->env->store,
			ctx->pool, *id, &row, error_r);
		if (ret < 0)
			return -1;
		if (ret == 0)
			continue;
		ret = dondoc_store_attendance_consent(ctx->env->store, row.id,
			ctx->in->msg->received_at, ctx->in->msg->message_id,
			error_r);
		if (ret < 0)
			return -1;
		if (ret > 0)
			ctx->result->consents++;
		return 1;
	}
	return 0;
}
