/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Conclusion notices, plans and minutes the committee sends out (see
   dondoc-outgoing-private.h): one O11 task per assignment and agency, due
   on the deadline the document states (the last working day on or before
   it: a period end becomes the period's last working day), a recurring
   assignment one task per instance until the year's end; the document is
   the tasks' source, so a report citing it matches by reference. A group
   ("Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố") stands for
   every member of that kind. The same document saved again creates
   nothing; a corrected one (same number and symbol) updates its tasks,
   audited. The agencies the store does not know, and what could not be
   made a task, go to the secretariat in one mail. A conclusion notice
   also discharges its meeting's O7. Trusts the outgoing stage's sender
   and the analysis' reading of the document; every count is bounded. */

#include "lib.h"
#include "dondoc-compat.h"
#include "array.h"
#include "str.h"
#include "dondoc-text.h"
#include "dondoc-agency.h"
#include "dondoc-agency-resolve.h"
#include "dondoc-outgoing-private.h"

#include <ctype.h>

/* Tasks one document creates at most (assignments x agencies x
   instances); the rest is reported to the secretariat. */
#define CONCLUSIONS_MAX_TASKS 2000
/* Instances of one recurring assignment at most (a year of months). */
#define CONCLUSIONS_MAX_INSTANCES 12
/* Lines of the secretariat's mail listing what was not made a task. */
#define CONCLUSIONS_MAX_REPORTED 100

struct conclusions_ctx {
	struct dondoc_outgoing_ctx *octx;
	const struct dondoc_document *doc;
	ARRAY_TYPE(dondoc_agency) agencies;
	ARRAY_TYPE(const_string) members;
	/* the code prefix of the document's tasks: "45/TB-BCD" */
	const char *prefix;
	struct dondoc_date sent;
	unsigned int tasks;
	/* what the secretariat is told */
	ARRAY_TYPE(const_string) unresolved;
	unsigned int unresolved_more;
};

static bool conclusions_is_member(struct conclusions_ctx *ctx,
				  const char *code)
{
	const char *const *m;

	array_foreach(&ctx->members, m) {
		if (strcasecmp(*m, code) == 0)
			return TRUE;
	}
	return FALSE;
}

/* The store's agency for a name as written: its code, name or an alias
   (dondoc agency alias, dondoc_store_agency_resolve), or a name that
   denotes the same agency (dondoc_agency_names_match). NULL: unknown. */
static const char *conclusions_resolve(struct conclusions_ctx *ctx,
				       const char *written)
{
	const struct dondoc_agency *a;
	const char *code, *error;

	if (dondoc_store_agency_resolve(ctx->octx->env->store, written,
					&code, &error) > 0)
		return p_strdup(ctx->octx->pool, code);

	array_foreach(&ctx->agencies, a) {
		if (strcasecmp(a->code, written) == 0 ||
		    dondoc_agency_names_match(written, a->name))
			return a->code;
	}
	return NULL;
}

/* Which kind of member a store agency is, by its name: a district's
   People's Committee, the province's own, or a department. */
static const char *conclusions_agency_kind(const struct dondoc_agency *a)
{
	const char *folded = dondoc_agency_fold_str(a->name);

	if (str_begins_with(folded, "UBND HUYEN") ||
	    str_begins_with(folded, "UBND THANH PHO") ||
	    str_begins_with(folded, "UBND THI XA") ||
	    str_begins_with(folded, "UY BAN NHAN DAN HUYEN") ||
	    str_begins_with(folded, "UY BAN NHAN DAN THANH PHO") ||
	    str_begins_with(folded, "UY BAN NHAN DAN THI XA"))
		return "districts";
	if (str_begins_with(folded, "UBND XA") || str_begins_with(folded, "UBND PHUONG") ||
	    str_begins_with(folded, "UBND THI TRAN"))
		return "communes";
	if (str_begins_with(folded, "UBND") || str_begins_with(folded, "UY BAN NHAN DAN"))
		return "province";
	return "departments";
}

static void conclusions_report(struct conclusions_ctx *ctx, const char *line)
{
	if (array_count(&ctx->unresolved) >= CONCLUSIONS_MAX_REPORTED) {
		ctx->unresolved_more++;
		return;
	}
	line = p_strdup(ctx->octx->pool, line);
	array_push_back(&ctx->unresolved, &line);
}

/* The agencies an assignment names: one resolved agency, or every member
   of a group's kind. */
static void conclusions_assignees(struct conclusions_ctx *ctx,
				  const struct dondoc_assignment *as,
				  ARRAY_TYPE(const_string) *codes)
{
	const struct dondoc_agency *a;
	const char *code;

	if (as->agency_group != NULL) {
		array_foreach(&ctx->agencies, a) {
			if (!conclusions_is_member(ctx, a->code))
				continue;
			if (strcmp(as->agency_group, "members") == 0 ||
			    strcmp(as->agency_group, "all") == 0 ||
			    strcmp(as->agency_group,
				   conclusions_agency_kind(a)) == 0)
				array_push_back(codes, &a->code);
		}
	} else if (as->agency != NULL &&
		   (code = conclusions_resolve(ctx, as->agency)) != NULL) {
		array_push_back(codes, &code);
	}
}

/* The last working day on or before date. */
static void conclusions_workday_by(struct conclusions_ctx *ctx,
				   const struct dondoc_date *date,
				   struct dondoc_date *due_r)
{
	struct dondoc_date next;

	dondoc_date_from_days(dondoc_date_to_days(date) + 1, &next);
	dondoc_calendar_last_workday_before(ctx->octx->cal, &next, due_r);
}

static void conclusions_month_end(int year, int month,
				  struct dondoc_date *date_r)
{
	date_r->year = year;
	date_r->month = month;
	date_r->day = dondoc_date_month_days(year, month);
}

/* The due dates of an assignment: one, or a recurring one's instances
   from the send date to the year's end (with their periods). */
static unsigned int
conclusions_dues(struct conclusions_ctx *ctx,
		 const struct dondoc_assignment *as,
		 struct dondoc_date *dues, struct dondoc_period *periods)
{
	struct dondoc_date d, due;
	int year = ctx->sent.year, month, step, first;
	unsigned int n = 0, day;

	if (as->recurrence == NULL) {
		i_zero(&periods[0]);
		if (as->deadline != NULL && dondoc_date_parse(as->deadline, &d)) {
			conclusions_workday_by(ctx, &d, &dues[0]);
		} else {
			/* no deadline written: the year's end, and the
			   secretariat is told */
			conclusions_month_end(year, 12, &d);
			conclusions_workday_by(ctx, &d, &dues[0]);
		}
		return 1;
	}
	if (strcmp(as->recurrence, "monthly") == 0) {
		step = 1; first = 1;
	} else if (strcmp(as->recurrence, "quarterly") == 0) {
		step = 3; first = 3;
	} else if (strcmp(as->recurrence, "six-monthly") == 0) {
		step = 6; first = 6;
	} else {
		step = 12;
		first = as->recurrence_month >= 1 && as->recurrence_month <= 12 ?
			(int)as->recurrence_month : 12;
	}
	for (month = first; month <= 12 && n < CONCLUSIONS_MAX_INSTANCES;
	     month += step) {
		day = as->recurrence_day;
		if (day >= 1 && day <= (unsigned int)dondoc_date_month_days(year, month)) {
			/* "trước ngày 25": the last working day before it */
			d.year = year; d.month = month; d.day = (int)day;
			dondoc_calendar_last_workday_before(ctx->octx->cal, &d,
							    &due);
		} else {
			conclusions_month_end(year, month, &d);
			conclusions_workday_by(ctx, &d, &due);
		}
		if (dondoc_date_to_days(&due) < dondoc_date_to_days(&ctx->sent))
			continue;
		dues[n] = due;
		i_zero(&periods[n]);
		periods[n].year = year;
		periods[n].kind = step == 1 ? 'M' : step == 3 ? 'Q' :
			step == 6 ? 'H' : 'Y';
		periods[n].index = step == 12 ? 0 : (month - 1) / step + 1;
		if (step == 12)
			periods[n].index = 0;
		n++;
	}
	return n;
}

static const char *conclusions_bounded(const char *text, size_t max)
{
	string_t *str;

	if (strlen(text) <= max)
		return text;
	str = t_str_new(max + 8);
	str_append(str, text);
	str_truncate_utf8(str, max);
	return str_c(str);
}

static int conclusions_assignment(struct conclusions_ctx *ctx,
				  unsigned int idx,
				  const struct dondoc_assignment *as,
				  const char **error_r)
{
	struct dondoc_date dues[CONCLUSIONS_MAX_INSTANCES];
	struct dondoc_period periods[CONCLUSIONS_MAX_INSTANCES];
	ARRAY_TYPE(const_string) codes;
	const char *const *code, *written;
	struct dondoc_task task;
	unsigned int i, n;

	written = as->agency != NULL ? as->agency : "(không ghi cơ quan)";
	t_array_init(&codes, 8);
	conclusions_assignees(ctx, as, &codes);
	if (array_count(&codes) == 0) {
		conclusions_report(ctx, t_strdup_printf("%u. %s: %s", idx,
			conclusions_bounded(written, 200),
			conclusions_bounded(as->what != NULL ? as->what : "", 300)));
		return 0;
	}
	n = conclusions_dues(ctx, as, dues, periods);
	if (as->recurrence == NULL &&
	    (as->deadline == NULL || *as->deadline == '\0')) {
		conclusions_report(ctx, t_strdup_printf("%u. %s: %s (không ghi "
			"thời hạn: theo dõi đến %s)", idx,
			conclusions_bounded(written, 200),
			conclusions_bounded(as->what != NULL ? as->what : "", 300),
			dondoc_date_to_str(&dues[0])));
	}
	i_zero(&task);
	task.title = conclusions_bounded(as->what != NULL && *as->what != '\0' ?
		as->what : ctx->doc->summary != NULL ? ctx->doc->summary :
		"Nhiệm vụ được giao", DONDOC_STORE_MAX_NAME);
	task.assigner = "truong-ban";
	task.source_type = ctx->doc->type;
	task.source_number = ctx->doc->number;
	task.source_symbol = ctx->doc->symbol;
	task.obligation = "O11";
	/* a recurring report also matches by its period */
	task.doc_type = as->recurrence != NULL ? "BC" : NULL;
	array_foreach(&codes, code) {
		for (i = 0; i < n; i++) {
			if (ctx->tasks >= CONCLUSIONS_MAX_TASKS) {
				conclusions_report(ctx, t_strdup_printf(
					"%u. %s: quá %u nhiệm vụ một văn bản, "
					"không tạo thêm", idx, *code,
					CONCLUSIONS_MAX_TASKS));
				return 0;
			}
			task.agency = *code;
			task.due = dues[i];
			task.period = periods[i];
			task.code = periods[i].kind == '\0' ?
				t_strdup_printf("%s-%u-%s", ctx->prefix, idx,
						*code) :
				t_strdup_printf("%s-%u-%s-%04d-%02d",
						ctx->prefix, idx, *code,
						dues[i].year, dues[i].month);
			if (strlen(task.code) > DONDOC_STORE_MAX_CODE) {
				conclusions_report(ctx, t_strdup_printf(
					"%u. %s: mã nhiệm vụ quá dài", idx,
					*code));
				continue;
			}
			ctx->tasks++;
			if (dondoc_meetings_task_put(ctx->octx, &task,
						     error_r) < 0)
				return -1;
		}
	}
	return 0;
}

/* "45" and "TB-BCĐ" -> "45/TB-BCD" (task codes are ASCII). */
static const char *conclusions_prefix(const struct dondoc_document *doc)
{
	string_t *str = t_str_new(64);
	const char *p;

	if (doc->number != NULL)
		str_printfa(str, "%s/", doc->number);
	for (p = dondoc_text_fold_str(doc->symbol); *p != '\0'; p++) {
		if (i_isalnum(*p) || *p == '-' || *p == '.')
			str_append_c(str, *p);
		else if (*p == ' ' || *p == '/')
			str_append_c(str, '-');
	}
	if (str_len(str) > 40)
		str_truncate(str, 40);
	return str_c(str);
}

/* The one mail listing what the document assigns that is not tracked. */
static int conclusions_tell(struct conclusions_ctx *ctx, const char **error_r)
{
	const struct dondoc_actions_settings *set = ctx->octx->env->set;
	const char *to = set->reply_address != NULL ? set->reply_address :
		set->from_address;
	const char *const *line, *msgid = ctx->octx->in->msg->message_id;
	struct dondoc_tracking tracking;
	struct dondoc_template_values v;
	struct dondoc_date today;
	string_t *text;
	bool sent;
	int ret;

	if (array_count(&ctx->unresolved) == 0 || to == NULL || msgid == NULL)
		return 0;
	text = t_str_new(2048);
	array_foreach(&ctx->unresolved, line) {
		if (str_len(text) > 0)
			str_append_c(text, '\n');
		str_append(text, *line);
	}
	if (ctx->unresolved_more > 0)
		str_printfa(text, "\n... và %u mục khác.", ctx->unresolved_more);
	dondoc_tracker_vn_date(ctx->octx->env->now, &today);
	dondoc_template_mail_values(&v, "warning-unresolved", &set->templates,
		t_strdup_printf("%02d/%02d/%04d", today.day, today.month,
				today.year));
	dondoc_template_set(&v, "document.type", ctx->doc->type);
	dondoc_template_set(&v, "document.number", ctx->doc->number);
	dondoc_template_set(&v, "document.symbol", ctx->doc->symbol);
	dondoc_template_set(&v, "document.message_id", msgid);
	dondoc_template_set(&v, "count", dec2str(array_count(&ctx->unresolved) +
						 ctx->unresolved_more));
	dondoc_template_set(&v, "items", str_c(text));
	dondoc_outgoing_tracking(ctx->octx, ctx->doc, &tracking);
	ret = dondoc_actions_queue_rendered(ctx->octx->env, &tracking, to,
		t_strdup_printf("unresolved:%s", msgid), &v, &sent, error_r);
	if (ret > 0)
		ctx->octx->result->mails_queued++;
	return ret < 0 ? -1 : 0;
}

/* The meeting whose conclusions the notice gives: the one whose notice
   it cites, else the latest held on or before it. */
static int conclusions_meeting(struct conclusions_ctx *ctx,
			       struct dondoc_meeting *meeting_r,
			       bool *cited_r, const char **error_r)
{
	ARRAY_TYPE(dondoc_meeting) meetings;
	const struct dondoc_reference *ref;
	const struct dondoc_meeting *m, *found = NULL;
	int ret;

	*cited_r = FALSE;
	array_foreach(&ctx->doc->references, ref) {
		if (ref->symbol == NULL)
			continue;
		ret = dondoc_store_meeting_by_notice(ctx->octx->env->store,
			ctx->octx->pool, ref->symbol, ref->number, meeting_r,
			error_r);
		if (ret != 0) {
			*cited_r = ret > 0;
			return ret;
		}
	}
	t_array_init(&meetings, 16);
	if (dondoc_store_meeting_list(ctx->octx->env->store, ctx->octx->pool,
				      &meetings, error_r) < 0)
		return -1;
	array_foreach(&meetings, m) {
		if (dondoc_date_to_days(&m->date) <=
		    dondoc_date_to_days(&ctx->sent))
			found = m;
	}
	if (found == NULL)
		return 0;
	*meeting_r = *found;
	return 1;
}

/* A conclusion notice discharges its meeting's O7. */
static int conclusions_close_o7(struct conclusions_ctx *ctx,
				const char **error_r)
{
	struct dondoc_outgoing_ctx *octx = ctx->octx;
	struct dondoc_submission_result result;
	struct dondoc_tracking tracking;
	struct dondoc_actions_env env;
	struct dondoc_meeting m;
	struct dondoc_task task;
	bool cited;
	int ret;

	if (strcasecmp(ctx->doc->type, "TB") != 0 ||
	    ctx->doc->folded_summary == NULL ||
	    strstr(ctx->doc->folded_summary, "KET LUAN") == NULL)
		return 0;
	if ((ret = conclusions_meeting(ctx, &m, &cited, error_r)) <= 0)
		return ret;
	ret = dondoc_store_task_by_code(octx->env->store, octx->pool,
		t_strdup_printf("%s-O7", m.code), &task, error_r);
	if (ret <= 0)
		return ret;
	dondoc_outgoing_tracking(octx, ctx->doc, &tracking);
	tracking.match = cited ? DONDOC_MATCH_REFERENCE : DONDOC_MATCH_PERIOD;
	tracking.match_reason = p_strdup_printf(octx->pool,
		"conclusions of meeting %s", m.code);
	tracking.task = task;
	tracking.late_days = dondoc_calendar_late_workdays(octx->cal,
		&task.due, &tracking.received_date);
	tracking.late = tracking.late_days > 0;
	env = *octx->env;
	env.tracking = &tracking;
	ret = dondoc_actions_record(&env, &result, error_r);
	if (ret > 0 && result.transitioned)
		octx->result->tasks_closed++;
	return ret < 0 ? -1 : 0;
}

int dondoc_meetings_conclusions(struct dondoc_outgoing_ctx *octx,
				const char **error_r)
{
	struct conclusions_ctx ctx;
	const struct dondoc_document *d;
	const struct dondoc_assignment *as;
	unsigned int idx = 0;

	i_zero(&ctx);
	ctx.octx = octx;
	array_foreach(&octx->in->analysis->documents, d) {
		if (array_count(&d->assignments) > 0 && d->symbol != NULL &&
		    d->type != NULL) {
			ctx.doc = d;
			break;
		}
	}
	if (ctx.doc == NULL || !octx->have_person || octx->cal == NULL)
		return 0;
	dondoc_tracker_vn_date(octx->in->msg->received_at, &ctx.sent);
	ctx.prefix = conclusions_prefix(ctx.doc);
	t_array_init(&ctx.agencies, 64);
	t_array_init(&ctx.members, 64);
	t_array_init(&ctx.unresolved, 8);
	if (dondoc_store_agency_list(octx->env->store, octx->pool,
				     &ctx.agencies, error_r) < 0 ||
	    dondoc_meetings_role_agencies(octx, "thanh-vien", &ctx.members,
					  error_r) < 0)
		return -1;
	array_foreach(&ctx.doc->assignments, as) {
		idx++;
		if (conclusions_assignment(&ctx, idx, as, error_r) < 0)
			return -1;
	}
	if (ctx.doc->committee_cut)
		conclusions_report(&ctx, t_strdup_printf("Văn bản giao quá %u "
			"nhiệm vụ: phần sau không được đọc",
			DONDOC_MAX_ASSIGNMENTS));
	if (conclusions_close_o7(&ctx, error_r) < 0 ||
	    conclusions_tell(&ctx, error_r) < 0)
		return -1;
	return 1;
}
