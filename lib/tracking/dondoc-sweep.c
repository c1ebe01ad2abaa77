/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The periodic sweep (see dondoc-sweep.h). Works from the store alone: no
   incoming message is involved, so the mail it writes quotes nothing but
   the task itself. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-head-digest.h"
#include "dondoc-sweep.h"

/* Tasks read from the store at a time: the sweep writes (the outbox,
   the reminders' keys) between pages, never while a listing runs, and
   pages by (due, code), so nothing is capped and nothing read twice. */
#define SWEEP_PAGE_TASKS 1000
/* Bound on the people of one agency reminded. */
#define SWEEP_MAX_RECIPIENTS 5

struct sweep_ctx {
	const struct dondoc_actions_env *env;
	struct dondoc_calendar *cal;
	const struct dondoc_sweep_settings *set;
	const struct dondoc_date *today;
	struct dondoc_sweep_result *result;
	ARRAY_TYPE(dondoc_person) liaisons, members, heads;
};

/* Queue one mail about task and send it if a sender is at hand. */
static int sweep_queue(struct sweep_ctx *ctx, const struct dondoc_task *task,
		       enum dondoc_outbox_kind kind, const char *recipient,
		       const char *dedup_key, const char *reason,
		       unsigned int late_days, const char **error_r)
{
	struct dondoc_tracking tracking;
	bool sent;
	int ret;

	/* A tracking result about the task alone: no incoming document. */
	i_zero(&tracking);
	tracking.match = DONDOC_MATCH_TAG;
	tracking.task = *task;
	tracking.agency = task->agency;
	tracking.late = late_days > 0;
	tracking.late_days = late_days;
	tracking.received_date = *ctx->today;
	ret = dondoc_actions_queue_send(ctx->env, &tracking, kind, recipient,
					dedup_key, reason, &sent, error_r);
	if (sent)
		ctx->result->sent++;
	return ret;
}

/* The agency's liaisons (thanh-vien-tgv), else its members. */
static void sweep_agency_rcpts(struct sweep_ctx *ctx, const char *agency,
			       ARRAY_TYPE(const_string) *rcpts)
{
	const ARRAY_TYPE(dondoc_person) *lists[] = {
		&ctx->liaisons, &ctx->members
	};
	const struct dondoc_person *person;
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(lists) && array_count(rcpts) == 0; i++) {
		array_foreach(lists[i], person) {
			if (strcmp(person->agency, agency) != 0 ||
			    person->emails == NULL || person->emails[0] == NULL)
				continue;
			if (array_count(rcpts) == SWEEP_MAX_RECIPIENTS)
				break;
			array_push_back(rcpts, &person->emails[0]);
		}
	}
}

static int sweep_remind(struct sweep_ctx *ctx, const struct dondoc_task *task,
			const char *when, unsigned int late_days,
			const char **error_r)
{
	ARRAY_TYPE(const_string) rcpts;
	const char *const *rcpt;
	int ret;

	t_array_init(&rcpts, 4);
	sweep_agency_rcpts(ctx, task->agency, &rcpts);
	array_foreach(&rcpts, rcpt) {
		ret = sweep_queue(ctx, task, DONDOC_OUTBOX_REMINDER, *rcpt,
			t_strdup_printf("remind:%s:%s:%s", task->code, when,
					*rcpt),
			when, late_days, error_r);
		if (ret < 0)
			return -1;
		if (ret > 0)
			ctx->result->reminders++;
	}
	return 0;
}

/* A tracking result about the task alone: no incoming document. */
static void sweep_tracking(struct sweep_ctx *ctx, const struct dondoc_task *task,
			   unsigned int late_days,
			   struct dondoc_tracking *tracking_r)
{
	i_zero(tracking_r);
	tracking_r->match = DONDOC_MATCH_TAG;
	tracking_r->task = *task;
	tracking_r->agency = task->agency;
	tracking_r->late = late_days > 0;
	tracking_r->late_days = late_days;
	tracking_r->received_date = *ctx->today;
}

static int sweep_escalate(struct sweep_ctx *ctx,
			  const struct dondoc_task *task,
			  unsigned int late_days, const char **error_r)
{
	const struct dondoc_person *head;
	struct dondoc_tracking tracking;
	/* The conclusions notice of a meeting (O7) is the secretariat's
	   own duty: a warning. */
	enum dondoc_head_item_kind kind =
		null_strcmp(task->obligation, "O7") == 0 ?
		DONDOC_HEAD_ITEM_WARNING : DONDOC_HEAD_ITEM_OVERDUE;
	bool sent;
	int ret;

	sweep_tracking(ctx, task, late_days, &tracking);
	array_foreach(&ctx->heads, head) {
		if (head->emails == NULL || head->emails[0] == NULL)
			continue;
		ret = dondoc_actions_escalate_one(ctx->env, &tracking, kind,
			head->emails[0],
			t_strdup_printf("escalate:%s:overdue:%s", task->code,
					head->emails[0]),
			kind == DONDOC_HEAD_ITEM_WARNING ?
			t_strdup_printf("chưa gửi thông báo kết luận cuộc họp, "
					"quá hạn %u ngày làm việc", late_days) :
			t_strdup_printf("quá hạn %u ngày làm việc, chưa nhận "
					"được báo cáo", late_days),
			&sent, error_r);
		if (ret < 0)
			return -1;
		if (sent)
			ctx->result->sent++;
		if (ret > 0) {
			ctx->result->escalations++;
			if (ctx->env->set->head_digest !=
			    DONDOC_HEAD_DIGEST_IMMEDIATE)
				ctx->result->collected++;
		}
	}
	return 0;
}

/* The chase step due when late working days late: 0 the day after the
   due date, n the n-th repeat; -1 none due today. */
static int sweep_chase_step(const struct dondoc_sweep_settings *set,
			    unsigned int late)
{
	if (late == 0)
		return -1;
	if (set->chase_repeat_workdays == 0)
		return 0;
	return (int)((late - 1) / set->chase_repeat_workdays);
}

static int sweep_task(struct sweep_ctx *ctx, const struct dondoc_task *task,
		      const char **error_r)
{
	int due = dondoc_date_to_days(&task->due);
	int today = dondoc_date_to_days(ctx->today);
	unsigned int late, ahead;
	int step;

	if (task->status == DONDOC_TASK_OVERDUE) {
		late = dondoc_calendar_late_workdays(ctx->cal, &task->due,
						     ctx->today);
		step = sweep_chase_step(ctx->set, late);
		/* the first chase keeps the key it always had */
		if (step >= 0 &&
		    sweep_remind(ctx, task, step == 0 ? "overdue" :
				 t_strdup_printf("overdue-%d", step), late,
				 error_r) < 0)
			return -1;
		if (late >= ctx->set->escalate_workdays &&
		    sweep_escalate(ctx, task, late, error_r) < 0)
			return -1;
		return 0;
	}
	if (task->status != DONDOC_TASK_OPEN || due < today)
		return 0;
	ahead = dondoc_calendar_count_workdays(ctx->cal, ctx->today,
					       &task->due);
	if (ahead > ctx->set->remind_workdays + 1)
		return 0;
	return sweep_remind(ctx, task, "due", 0, error_r);
}

static int sweep_people(struct sweep_ctx *ctx, pool_t pool,
			const char **error_r)
{
	p_array_init(&ctx->liaisons, pool, 16);
	p_array_init(&ctx->members, pool, 16);
	p_array_init(&ctx->heads, pool, 2);
	if (dondoc_store_person_list(ctx->env->store, pool, "thanh-vien-tgv",
				     &ctx->liaisons, error_r) < 0 ||
	    dondoc_store_person_list(ctx->env->store, pool, "thanh-vien",
				     &ctx->members, error_r) < 0 ||
	    dondoc_store_person_list(ctx->env->store, pool,
				     ctx->env->set->escalate_role,
				     &ctx->heads, error_r) < 0)
		return -1;
	return 0;
}

/* Every task of one status due on or before due_before (year 0: any),
   page by page, through sweep_task(). */
static int sweep_status(struct sweep_ctx *ctx, enum dondoc_task_status status,
			const struct dondoc_date *due_before,
			const char **error_r)
{
	struct dondoc_task_filter filter;
	ARRAY_TYPE(dondoc_task) tasks;
	const struct dondoc_task *task;
	pool_t pool;
	int ret = 0;

	i_zero(&filter);
	filter.status_mask = 1U << status;
	filter.due_before = *due_before;
	filter.limit = SWEEP_PAGE_TASKS;
	pool = pool_alloconly_create("dondoc sweep page", 64 * 1024);
	for (;;) {
		p_clear(pool);
		p_array_init(&tasks, pool, SWEEP_PAGE_TASKS);
		if (dondoc_store_task_list(ctx->env->store, pool, &filter,
					   &tasks, error_r) < 0) {
			ret = -1;
			break;
		}
		array_foreach(&tasks, task) {
			T_BEGIN {
				ret = sweep_task(ctx, task, error_r);
			} T_END_PASS_STR_IF(ret < 0, error_r);
			if (ret < 0)
				break;
		}
		if (ret < 0 || array_count(&tasks) < SWEEP_PAGE_TASKS)
			break;
		task = array_back(&tasks);
		filter.after_due = task->due;
		filter.after_code = t_strdup(task->code);
	}
	pool_unref(&pool);
	return ret;
}

int dondoc_sweep(const struct dondoc_actions_env *env,
		 struct dondoc_calendar *cal,
		 const struct dondoc_sweep_settings *set,
		 const struct dondoc_date *today,
		 struct dondoc_sweep_result *result_r, const char **error_r)
{
	struct sweep_ctx ctx = {
		.env = env, .cal = cal, .set = set, .today = today,
		.result = result_r,
	};
	struct dondoc_date any = { .year = 0 }, window_end;
	pool_t pool;
	int ret;

	i_zero(result_r);
	if (dondoc_store_tasks_mark_overdue(env->store, today,
					    &result_r->overdue_marked,
					    error_r) < 0)
		return -1;
	/* Open tasks matter only when due within the reminder window:
	   read just those, not every open task of the years ahead. */
	dondoc_calendar_add_workdays(cal, today, set->remind_workdays + 2,
				     &window_end);
	pool = pool_alloconly_create("dondoc sweep", 16 * 1024);
	ret = sweep_people(&ctx, pool, error_r);
	if (ret == 0)
		ret = sweep_status(&ctx, DONDOC_TASK_OVERDUE, &any, error_r);
	if (ret == 0) {
		ret = sweep_status(&ctx, DONDOC_TASK_OPEN, &window_end,
				   error_r);
	}
	pool_unref(&pool);
	if (ret == 0) {
		struct dondoc_head_digest_result digest;

		ret = dondoc_head_digest_run(env, cal, today, &digest,
					     error_r);
		result_r->digests = digest.digests;
		result_r->digest_items = digest.items;
		result_r->sent += digest.sent;
	}
	return ret;
}
