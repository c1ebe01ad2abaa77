/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The committee's meetings as its outgoing mail shows them (see
   dondoc-outgoing-private.h). A notice (a document whose analysis found a
   meeting) records the meeting, checks the notice period of O6 (at least
   2 working days: one warning to the secretariat when short), creates the
   per-meeting tasks of the regulation (O10 for every member, due the last
   working day before the meeting; O7 for the secretariat, the conclusions
   notice, due dondoc_conclusions_workdays working days after) and closes
   the period's O5 (a meeting every two months). A corrected notice (same
   number and symbol) updates the meeting and the due dates. Trusts the
   outgoing stage's sender and the store's regulation data (who holds the
   roles O5, O7 and O10 name). */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-outgoing-private.h"

/* The notice period O6 asks for, in working days. */
#define MEETINGS_NOTICE_MIN_WORKDAYS 2
/* Meetings on one day told apart by a suffix: HOP-2026-06-15-2. */
#define MEETINGS_MAX_SAME_DAY 9
/* Members one meeting creates O10 tasks for, at most. */
#define MEETINGS_MAX_MEMBERS 500

/* A document's text bounded for the store, cut at a character. */
static const char *meetings_bounded(const char *text, size_t max)
{
	string_t *str;

	if (text == NULL || strlen(text) <= max)
		return text;
	str = t_str_new(max + 8);
	str_append(str, text);
	str_truncate_utf8(str, max);
	return str_c(str);
}

static const char *meetings_vn_date(const struct dondoc_date *date)
{
	return t_strdup_printf("%02d/%02d/%04d", date->day, date->month,
			       date->year);
}

/* The obligation's assignee role, NULL when the store has none. */
static int meetings_obligation(struct dondoc_outgoing_ctx *ctx,
			       const char *code,
			       struct dondoc_obligation *obligation_r,
			       const char **error_r)
{
	ARRAY_TYPE(dondoc_obligation) obligations;
	const struct dondoc_obligation *o;

	t_array_init(&obligations, 16);
	if (dondoc_store_obligation_list(ctx->env->store, ctx->pool,
					 &obligations, error_r) < 0)
		return -1;
	array_foreach(&obligations, o) {
		if (strcmp(o->code, code) == 0) {
			*obligation_r = *o;
			return 1;
		}
	}
	return 0;
}

/* The agencies holding role, each once, in the store's order. */
int dondoc_meetings_role_agencies(struct dondoc_outgoing_ctx *ctx,
				  const char *role,
				  ARRAY_TYPE(const_string) *agencies,
				  const char **error_r)
{
	ARRAY_TYPE(dondoc_person) people;
	const struct dondoc_person *p;
	const char *const *a;
	bool seen;

	t_array_init(&people, 32);
	if (dondoc_store_person_list(ctx->env->store, ctx->pool, role,
				     &people, error_r) < 0)
		return -1;
	array_foreach(&people, p) {
		seen = FALSE;
		array_foreach(agencies, a) {
			if (strcmp(*a, p->agency) == 0)
				seen = TRUE;
		}
		if (!seen && array_count(agencies) < MEETINGS_MAX_MEMBERS)
			array_push_back(agencies, &p->agency);
	}
	return 0;
}

/* Add the task, or when it exists bring its due date and source up to
   date (a corrected notice). */
int dondoc_meetings_task_put(struct dondoc_outgoing_ctx *ctx,
			     const struct dondoc_task *task,
			     const char **error_r)
{
	int ret;

	if (strlen(task->code) > DONDOC_STORE_MAX_CODE)
		return 0;
	ret = dondoc_store_task_add(ctx->env->store, task, NULL, error_r);
	if (ret < 0)
		return -1;
	if (ret > 0) {
		ctx->result->tasks_created++;
		return 1;
	}
	ret = dondoc_store_task_update(ctx->env->store, task, error_r);
	if (ret < 0)
		return -1;
	if (ret > 0)
		ctx->result->tasks_updated++;
	return ret;
}

static int meetings_tasks(struct dondoc_outgoing_ctx *ctx,
			  const struct dondoc_meeting *m, const char **error_r)
{
	struct dondoc_obligation o10, o7;
	ARRAY_TYPE(const_string) agencies;
	const char *const *agency;
	struct dondoc_task task;
	int ret;

	i_zero(&task);
	/* the notice, so a member's report citing it matches */
	task.source_type = m->notice_type;
	task.source_number = m->notice_number;
	task.source_symbol = m->notice_symbol;
	task.period.kind = 'E';
	task.period.year = m->date.year;
	task.period.index = (int)m->id;

	if ((ret = meetings_obligation(ctx, "O10", &o10, error_r)) < 0)
		return -1;
	if (ret > 0) {
		t_array_init(&agencies, 32);
		if (dondoc_meetings_role_agencies(ctx, o10.assignee_role,
						  &agencies, error_r) < 0)
			return -1;
		task.title = t_strdup_printf("Báo cáo kết quả thực hiện nhiệm "
			"vụ, đề xuất, kiến nghị trước cuộc họp ngày %s",
			meetings_vn_date(&m->date));
		task.doc_type = o10.doc_type;
		task.obligation = "O10";
		task.assigner = o10.recipient_role;
		dondoc_calendar_last_workday_before(ctx->cal, &m->date,
						    &task.due);
		array_foreach(&agencies, agency) {
			task.code = t_strdup_printf("%s-O10-%s", m->code,
						    *agency);
			task.agency = *agency;
			if (dondoc_meetings_task_put(ctx, &task, error_r) < 0)
				return -1;
		}
	}
	if ((ret = meetings_obligation(ctx, "O7", &o7, error_r)) < 0)
		return -1;
	if (ret > 0) {
		t_array_init(&agencies, 4);
		if (dondoc_meetings_role_agencies(ctx, o7.assignee_role,
						  &agencies, error_r) < 0)
			return -1;
		/* The conclusions notice is the secretariat's own: no source
		   document, so no member's report citing the notice matches
		   it. */
		task.source_type = task.source_number =
			task.source_symbol = NULL;
		task.title = t_strdup_printf("Thông báo ý kiến kết luận của "
			"Trưởng ban sau cuộc họp ngày %s",
			meetings_vn_date(&m->date));
		task.doc_type = o7.doc_type;
		task.obligation = "O7";
		task.assigner = NULL;
		dondoc_calendar_add_workdays(ctx->cal, &m->date,
			(int)ctx->set->conclusions_workdays, &task.due);
		array_foreach(&agencies, agency) {
			task.code = t_strdup_printf("%s-O7", m->code);
			task.agency = *agency;
			if (dondoc_meetings_task_put(ctx, &task, error_r) < 0)
				return -1;
			/* one conclusions notice per meeting */
			break;
		}
	}
	return 0;
}

/* The meeting holds the period's O5 (every two months). */
static int meetings_close_o5(struct dondoc_outgoing_ctx *ctx,
			     const struct dondoc_meeting *m,
			     const char **error_r)
{
	struct dondoc_obligation o5;
	ARRAY_TYPE(const_string) agencies;
	ARRAY_TYPE(dondoc_task) tasks;
	const char *const *agency;
	const struct dondoc_task *task;
	struct dondoc_period period = {
		.kind = 'B',
		.year = m->date.year,
		.index = (m->date.month + 1) / 2,
	};
	int ret;

	if ((ret = meetings_obligation(ctx, "O5", &o5, error_r)) <= 0)
		return ret;
	t_array_init(&agencies, 4);
	if (dondoc_meetings_role_agencies(ctx, o5.assignee_role, &agencies,
					  error_r) < 0)
		return -1;
	array_foreach(&agencies, agency) {
		t_array_init(&tasks, 4);
		if (dondoc_store_tasks_by_period(ctx->env->store, ctx->pool,
						 *agency, NULL, &period,
						 &tasks, error_r) < 0)
			return -1;
		array_foreach(&tasks, task) {
			if (task->obligation == NULL ||
			    strcmp(task->obligation, "O5") != 0 ||
			    task->status == DONDOC_TASK_CLOSED)
				continue;
			if (dondoc_store_task_transition(ctx->env->store,
				task->code, DONDOC_TASK_CLOSED,
				t_strdup_printf("meeting %s on %s", m->code,
						dondoc_date_to_str(&m->date)),
				error_r) < 0)
				return -1;
			ctx->result->tasks_closed++;
		}
	}
	return 0;
}

/* A short notice (O6): one mail to the secretariat per meeting. */
static int meetings_warn_late(struct dondoc_outgoing_ctx *ctx,
			      const struct dondoc_document *doc,
			      const struct dondoc_meeting *m,
			      const struct dondoc_date *notice_date,
			      const char **error_r)
{
	const char *to = ctx->env->set->reply_address != NULL ?
		ctx->env->set->reply_address : ctx->env->set->from_address;
	struct dondoc_tracking tracking;
	struct dondoc_template_values v;
	struct dondoc_date today;
	bool sent;
	int ret;

	if (to == NULL)
		return 0;
	dondoc_outgoing_tracking(ctx, doc, &tracking);
	dondoc_tracker_vn_date(ctx->env->now, &today);
	dondoc_template_mail_values(&v, "warning-notice-late",
				    &ctx->env->set->templates,
				    meetings_vn_date(&today));
	dondoc_template_set(&v, "document.type", doc->type);
	dondoc_template_set(&v, "document.number", doc->number);
	dondoc_template_set(&v, "document.symbol", doc->symbol);
	dondoc_template_set(&v, "document.date", meetings_vn_date(notice_date));
	dondoc_template_set(&v, "document.message_id",
			    ctx->in->msg->message_id);
	dondoc_template_set(&v, "meeting.code", m->code);
	dondoc_template_set(&v, "meeting.date", meetings_vn_date(&m->date));
	dondoc_template_set(&v, "meeting.time", m->time);
	dondoc_template_set(&v, "notice.date", meetings_vn_date(notice_date));
	dondoc_template_set(&v, "notice.workdays",
			    t_strdup_printf("%d", m->notice_workdays));
	dondoc_template_set(&v, "notice.min_workdays",
			    dec2str(MEETINGS_NOTICE_MIN_WORKDAYS));
	ret = dondoc_actions_queue_rendered(ctx->env, &tracking, to,
		t_strdup_printf("notice-late:%s", m->code), &v,
		&sent, error_r);
	if (ret > 0)
		ctx->result->mails_queued++;
	if (ret < 0)
		return -1;
	/* and, in digest mode, a warning in the Head's digest */
	return dondoc_actions_escalate_warning(ctx->env, &tracking,
		t_strdup_printf("notice-late:%s", m->code),
		t_strdup_printf("thông báo họp ngày %s gửi muộn: chỉ trước %d "
				"ngày làm việc (Quy chế, Điều 14 khoản 3: ít "
				"nhất %d)", meetings_vn_date(&m->date),
				m->notice_workdays,
				MEETINGS_NOTICE_MIN_WORKDAYS),
		error_r) < 0 ? -1 : 0;
}

/* A free code for a new meeting on date. */
static int meetings_new_code(struct dondoc_outgoing_ctx *ctx,
			     const struct dondoc_date *date,
			     const char **code_r, const char **error_r)
{
	struct dondoc_meeting other;
	const char *code;
	unsigned int i;
	int ret;

	for (i = 1; i <= MEETINGS_MAX_SAME_DAY; i++) {
		code = i == 1 ?
			t_strdup_printf("HOP-%s", dondoc_date_to_str(date)) :
			t_strdup_printf("HOP-%s-%u", dondoc_date_to_str(date), i);
		ret = dondoc_store_meeting_get(ctx->env->store, ctx->pool,
					       code, &other, error_r);
		if (ret < 0)
			return -1;
		if (ret == 0) {
			*code_r = code;
			return 1;
		}
	}
	return 0;
}

int dondoc_meetings_notice(struct dondoc_outgoing_ctx *ctx,
			   const char **error_r)
{
	const struct dondoc_document *doc = NULL, *d;
	struct dondoc_meeting m, old;
	struct dondoc_date notice_date, after;
	bool exists = FALSE;
	int ret;

	array_foreach(&ctx->in->analysis->documents, d) {
		if (d->meeting != NULL && d->meeting->date != NULL) {
			doc = d;
			break;
		}
	}
	if (doc == NULL || !ctx->have_person || ctx->cal == NULL)
		return 0;
	i_zero(&m);
	if (!dondoc_date_parse(doc->meeting->date, &m.date))
		return 0;
	dondoc_tracker_vn_date(ctx->in->msg->received_at, &notice_date);
	if (doc->symbol != NULL) {
		ret = dondoc_store_meeting_by_notice(ctx->env->store,
			ctx->pool, doc->symbol, doc->number, &old, error_r);
		if (ret < 0)
			return -1;
		exists = ret > 0;
	}
	if (exists) {
		m.id = old.id;
		m.code = old.code;
		m.convener = old.convener;
	} else {
		if ((ret = meetings_new_code(ctx, &m.date, &m.code,
					     error_r)) <= 0)
			return ret;
		m.convener = ctx->person.agency;
	}
	m.title = meetings_bounded(doc->summary != NULL ? doc->summary :
				   "Họp Ban Chỉ đạo", DONDOC_STORE_MAX_NAME);
	m.time = doc->meeting->time;
	m.place = meetings_bounded(doc->meeting->place, DONDOC_STORE_MAX_NAME);
	m.chair = meetings_bounded(doc->meeting->chair, DONDOC_STORE_MAX_NAME);
	m.agenda = meetings_bounded(doc->meeting->agenda,
				    DONDOC_STORE_MAX_TEXT);
	m.notice_sent = ctx->in->msg->received_at;
	dondoc_date_from_days(dondoc_date_to_days(&notice_date) + 1, &after);
	m.notice_workdays = dondoc_calendar_count_workdays(ctx->cal, &after,
							   &m.date);
	m.notice_type = doc->type;
	m.notice_number = doc->number;
	m.notice_symbol = doc->symbol;
	m.notice_message_id = ctx->in->msg->message_id;
	if (exists) {
		/* The first notice's send time stands: a correction does
		   not make a short notice long. */
		if (old.notice_sent != 0 && old.notice_sent < m.notice_sent) {
			m.notice_sent = old.notice_sent;
			dondoc_tracker_vn_date(m.notice_sent, &notice_date);
			dondoc_date_from_days(dondoc_date_to_days(&notice_date) + 1,
					      &after);
			m.notice_workdays = dondoc_calendar_count_workdays(
				ctx->cal, &after, &m.date);
			m.notice_message_id = old.notice_message_id;
		}
		ret = dondoc_store_meeting_update(ctx->env->store, &m, error_r);
	} else {
		ret = dondoc_store_meeting_add(ctx->env->store, &m, &m.id,
					       error_r);
	}
	if (ret < 0)
		return -1;
	if (ret > 0)
		ctx->result->meetings++;
	if (meetings_tasks(ctx, &m, error_r) < 0)
		return -1;
	if (!exists && meetings_close_o5(ctx, &m, error_r) < 0)
		return -1;
	if (m.notice_workdays < MEETINGS_NOTICE_MIN_WORKDAYS &&
	    meetings_warn_late(ctx, doc, &m, &notice_date, error_r) < 0)
		return -1;
	return 1;
}

int dondoc_outgoing_meeting_add(struct dondoc_store *store,
				struct dondoc_calendar *cal,
				const struct dondoc_outgoing_settings *set,
				const struct dondoc_meeting *meeting,
				struct dondoc_outgoing_result *result_r,
				const char **error_r)
{
	struct dondoc_actions_settings actions;
	struct dondoc_actions_env env;
	struct dondoc_outgoing_ctx ctx;
	struct dondoc_meeting m = *meeting;
	int ret;

	i_zero(result_r);
	i_zero(&actions);
	i_zero(&env);
	env.store = store;
	env.set = &actions;
	i_zero(&ctx);
	ctx.env = &env;
	ctx.cal = cal;
	ctx.set = set;
	ctx.result = result_r;
	ctx.pool = pool_alloconly_create("dondoc meeting add", 2048);
	if (dondoc_store_begin(store, error_r) < 0) {
		pool_unref(&ctx.pool);
		return -1;
	}
	T_BEGIN {
		ret = dondoc_store_meeting_add(store, &m, &m.id, error_r);
		if (ret > 0) {
			result_r->meetings++;
			if (meetings_tasks(&ctx, &m, error_r) < 0 ||
			    meetings_close_o5(&ctx, &m, error_r) < 0)
				ret = -1;
		}
	} T_END_PASS_STR_IF(ret < 0, error_r);
	if (ret <= 0)
		dondoc_store_rollback(store);
	else if (dondoc_store_commit(store, error_r) < 0)
		ret = -1;
	if (ret < 0)
		i_zero(result_r);
	pool_unref(&ctx.pool);
	return ret;
}
