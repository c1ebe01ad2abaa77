/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The committee's outgoing mail (see dondoc-outgoing.h): the dispatch,
   the send time, and the secretariat's and Standing Deputy's own periodic
   reports (O2, O3, O4). Trusts the adapter's sender (the account that
   saved the mail) and the store; the message itself only for what its
   documents say. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "strnum.h"
#include "message-date.h"
#include "dondoc-outgoing-private.h"
#include "dondoc-attendance.h"
#include "dondoc-store-mark.h"

/* The obligations an outgoing report can discharge. */
static const char *const outgoing_report_obligations[] = {
	"O2", "O3", "O4",
};

time_t dondoc_outgoing_send_time(const char *date_value, time_t saved_at)
{
	time_t t;
	int tz;

	if (date_value == NULL ||
	    !message_date_parse((const unsigned char *)date_value,
				strlen(date_value), &t, &tz))
		return saved_at;
	if (t > saved_at + DONDOC_OUTGOING_MAX_DATE_FUTURE_SECS ||
	    t < saved_at - DONDOC_OUTGOING_MAX_DATE_PAST_SECS)
		return saved_at;
	return t;
}

void dondoc_outgoing_settings_read(const char *(*get)(void *context,
						      const char *name),
				   void *context,
				   struct dondoc_outgoing_settings *set_r)
{
	const char *value;
	unsigned int n;

	i_zero(set_r);
	set_r->conclusions_workdays =
		DONDOC_OUTGOING_DEFAULT_CONCLUSIONS_WORKDAYS;
	value = get(context, "dondoc_conclusions_workdays");
	if (value != NULL && str_to_uint(value, &n) == 0 && n > 0 &&
	    n <= DONDOC_OUTGOING_MAX_CONCLUSIONS_WORKDAYS)
		set_r->conclusions_workdays = n;
}

static char outgoing_period_kind(const char *kind)
{
	if (kind == NULL)
		return '\0';
	if (strcmp(kind, "half-year") == 0)
		return 'H';
	if (strcmp(kind, "quarter") == 0)
		return 'Q';
	if (strcmp(kind, "month") == 0)
		return 'M';
	if (strcmp(kind, "year") == 0)
		return 'Y';
	return '\0';
}

static bool outgoing_is_report_obligation(const char *code)
{
	unsigned int i;

	if (code == NULL)
		return FALSE;
	for (i = 0; i < N_ELEMENTS(outgoing_report_obligations); i++) {
		if (strcmp(code, outgoing_report_obligations[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

static bool outgoing_person_has_role(const struct dondoc_person *person,
				     const char *role)
{
	const char *const *r;

	if (role == NULL || person->roles == NULL)
		return FALSE;
	for (r = person->roles; *r != NULL; r++) {
		if (strcmp(*r, role) == 0)
			return TRUE;
	}
	return FALSE;
}

/* The assignee role of an obligation, NULL if unknown. */
static const char *
outgoing_obligation_role(const ARRAY_TYPE(dondoc_obligation) *obligations,
			 const char *code)
{
	const struct dondoc_obligation *o;

	array_foreach(obligations, o) {
		if (strcmp(o->code, code) == 0)
			return o->assignee_role;
	}
	return NULL;
}

/* The first document of a type, NULL when none. */
const struct dondoc_document *
dondoc_outgoing_document(const struct dondoc_analysis *analysis,
			 const char *type)
{
	const struct dondoc_document *doc;

	array_foreach(&analysis->documents, doc) {
		if (doc->type != NULL && strcasecmp(doc->type, type) == 0)
			return doc;
	}
	return NULL;
}

void dondoc_outgoing_tracking(const struct dondoc_outgoing_ctx *ctx,
			      const struct dondoc_document *doc,
			      struct dondoc_tracking *tracking_r)
{
	i_zero(tracking_r);
	tracking_r->document = doc;
	tracking_r->trust.verified = ctx->sender != NULL;
	tracking_r->trust.address = ctx->sender;
	tracking_r->trust.reason = "saved by the account";
	if (ctx->have_person) {
		tracking_r->have_person = TRUE;
		tracking_r->person = ctx->person;
		tracking_r->agency = ctx->person.agency;
		if (ctx->person.roles != NULL && ctx->person.roles[0] != NULL)
			tracking_r->role = ctx->person.roles[0];
	}
	tracking_r->secret = doc != NULL && doc->secrecy != NULL;
	dondoc_tracker_vn_date(ctx->in->msg->received_at,
			       &tracking_r->received_date);
}

/* A report of the secretariat, the Standing Deputy or the Standing
   Agency: its O2/O3/O4 task for the report's period. */
static int outgoing_report(struct dondoc_outgoing_ctx *ctx,
			   const char **error_r)
{
	const struct dondoc_document *doc;
	ARRAY_TYPE(dondoc_obligation) obligations;
	ARRAY_TYPE(dondoc_task) tasks;
	const struct dondoc_task *task, *found = NULL;
	struct dondoc_period period;
	struct dondoc_tracking tracking;
	struct dondoc_submission_result result;
	struct dondoc_actions_env env;
	const char *role;
	int ret;

	doc = dondoc_outgoing_document(ctx->in->analysis, "BC");
	if (doc == NULL || !ctx->have_person)
		return 0;
	i_zero(&period);
	period.kind = outgoing_period_kind(doc->period.kind);
	period.year = doc->period.year;
	period.index = doc->period.index;
	if (period.kind == '\0')
		return 0;
	t_array_init(&obligations, 16);
	t_array_init(&tasks, 4);
	if (dondoc_store_obligation_list(ctx->env->store, ctx->pool,
					 &obligations, error_r) < 0 ||
	    dondoc_store_tasks_by_period(ctx->env->store, ctx->pool,
					 ctx->person.agency, "BC", &period,
					 &tasks, error_r) < 0)
		return -1;
	array_foreach(&tasks, task) {
		if (!outgoing_is_report_obligation(task->obligation))
			continue;
		role = outgoing_obligation_role(&obligations, task->obligation);
		if (!outgoing_person_has_role(&ctx->person, role))
			continue;
		/* The one still awaited first, else the first. */
		if (found == NULL || (!dondoc_task_status_is_awaiting(found->status) &&
				      dondoc_task_status_is_awaiting(task->status)))
			found = task;
	}
	if (found == NULL)
		return 0;
	dondoc_outgoing_tracking(ctx, doc, &tracking);
	tracking.match = DONDOC_MATCH_PERIOD;
	tracking.match_reason = p_strdup_printf(ctx->pool, "%s for %s",
		found->obligation, dondoc_period_to_str(&period));
	tracking.task = *found;
	if (ctx->cal != NULL) {
		tracking.late_days = dondoc_calendar_late_workdays(ctx->cal,
			&found->due, &tracking.received_date);
		tracking.late = tracking.late_days > 0;
	}
	env = *ctx->env;
	env.tracking = &tracking;
	ret = dondoc_actions_record(&env, &result, error_r);
	if (ret < 0)
		return -1;
	if (ret > 0 && result.transitioned)
		ctx->result->reports++;
	return ret > 0 ? 1 : 0;
}

static int outgoing_sender(struct dondoc_outgoing_ctx *ctx,
			   const char **error_r)
{
	int ret;

	if (ctx->sender == NULL)
		return 0;
	ret = dondoc_store_person_by_email(ctx->env->store, ctx->pool,
					   ctx->sender, &ctx->person, error_r);
	if (ret < 0)
		return -1;
	ctx->have_person = ret > 0;
	return 0;
}

static int outgoing_run(struct dondoc_outgoing_ctx *ctx, const char **error_r)
{
	int ret, done = 0;

	if (outgoing_sender(ctx, error_r) < 0)
		return -1;
	if (ctx->in->triage_task != NULL) {
		/* a task's mailbox holds what the committee received, not
		   what it sent */
		return dondoc_triage_record(ctx, error_r);
	}
	if ((ret = outgoing_report(ctx, error_r)) < 0)
		return -1;
	done += ret;
	if ((ret = dondoc_meetings_notice(ctx, error_r)) < 0)
		return -1;
	done += ret;
	if ((ret = dondoc_meetings_conclusions(ctx, error_r)) < 0)
		return -1;
	done += ret;
	if ((ret = dondoc_attendance_consent(ctx, error_r)) < 0)
		return -1;
	done += ret;
	return done > 0 ? 1 : 0;
}

int dondoc_outgoing_process(const struct dondoc_actions_env *env,
			    struct dondoc_calendar *cal,
			    const struct dondoc_outgoing_settings *set,
			    const struct dondoc_outgoing_input *in,
			    struct dondoc_outgoing_result *result_r,
			    const char **error_r)
{
	struct dondoc_outgoing_ctx ctx = {
		.env = env,
		.cal = cal,
		.set = set,
		.in = in,
		.sender = in->sender,
		.result = result_r,
	};
	int ret;

	i_zero(result_r);
	if (array_count(&in->analysis->documents) == 0 &&
	    in->analysis->attendance_reply == NULL &&
	    in->triage_task == NULL)
		return 0;
	ctx.pool = pool_alloconly_create("dondoc outgoing", 4096);
	if (dondoc_store_begin(env->store, error_r) < 0) {
		pool_unref(&ctx.pool);
		return -1;
	}
	T_BEGIN {
		ret = outgoing_run(&ctx, error_r);
		if (ret >= 0 && in->mark != NULL &&
		    dondoc_store_outgoing_mark_put(env->store, in->mark->mailbox_guid,
						   in->mark->mailbox,
						   in->mark->uidvalidity,
						   in->mark->uid, error_r) < 0)
			ret = -1;
	} T_END_PASS_STR_IF(ret < 0, error_r);
	if (ret < 0) {
		dondoc_store_rollback(env->store);
		i_zero(result_r);
	} else if (dondoc_store_commit(env->store, error_r) < 0) {
		i_zero(result_r);
		ret = -1;
	}
	pool_unref(&ctx.pool);
	return ret;
}
