/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The figures of a report, read from the store (dondoc-digest.h): the
   period parsed, each task due in it put in one state (on time, late,
   overdue, open, closed) from its status and the submission that
   settled it, the difficulties and proposals grouped by agency, the
   meetings held and the tasks assigned. Trusts the store's rows; writes
   nothing. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "strnum.h"
#include "dondoc-tracker.h"
#include "dondoc-digest.h"

/* Vietnam is UTC+7 without daylight saving. */
#define DIGEST_VN_OFFSET (7 * 3600)
/* The working days a meeting notice must give (art. 14.3, O6). */
#define DIGEST_NOTICE_WORKDAYS 2

static const char *const digest_state_names[DONDOC_DIGEST_STATE_COUNT] = {
	[DONDOC_DIGEST_ON_TIME] = "on-time",
	[DONDOC_DIGEST_LATE] = "late",
	[DONDOC_DIGEST_OVERDUE] = "overdue",
	[DONDOC_DIGEST_OPEN] = "open",
	[DONDOC_DIGEST_CLOSED] = "closed",
};

const char *dondoc_digest_state_name(enum dondoc_digest_state state)
{
	if ((unsigned int)state >= DONDOC_DIGEST_STATE_COUNT)
		return "invalid";
	return digest_state_names[state];
}

/* ---- periods ---- */

static bool digest_parse_uint(const char *str, size_t len, unsigned int min,
			      unsigned int max, int *value_r)
{
	unsigned int value = 0;
	size_t i;

	if (len == 0 || len > 4)
		return FALSE;
	for (i = 0; i < len; i++) {
		if (str[i] < '0' || str[i] > '9')
			return FALSE;
		value = value * 10 + (str[i] - '0');
	}
	if (value < min || value > max)
		return FALSE;
	*value_r = (int)value;
	return TRUE;
}

bool dondoc_digest_period_parse(const char *str,
				struct dondoc_digest_period *period_r)
{
	int year, index, first_month, last_month;
	const char *rest;

	i_zero(period_r);
	if (str == NULL || strlen(str) < 4 ||
	    !digest_parse_uint(str, 4, DONDOC_DATE_FIRST_YEAR,
			       DONDOC_DATE_LAST_YEAR, &year))
		return FALSE;
	rest = str + 4;
	if (*rest == '\0') {
		period_r->kind = 'Y';
		index = 1;
		first_month = 1;
		last_month = 12;
	} else if (*rest != '-') {
		return FALSE;
	} else if (rest[1] == 'Q' || rest[1] == 'q') {
		if (!digest_parse_uint(rest + 2, strlen(rest + 2), 1, 4,
				       &index) || strlen(rest + 2) != 1)
			return FALSE;
		period_r->kind = 'Q';
		first_month = (index - 1) * 3 + 1;
		last_month = first_month + 2;
	} else if (rest[1] == 'H' || rest[1] == 'h') {
		if (!digest_parse_uint(rest + 2, strlen(rest + 2), 1, 2,
				       &index) || strlen(rest + 2) != 1)
			return FALSE;
		period_r->kind = 'H';
		first_month = (index - 1) * 6 + 1;
		last_month = first_month + 5;
	} else {
		if (strlen(rest + 1) != 2 ||
		    !digest_parse_uint(rest + 1, 2, 1, 12, &index))
			return FALSE;
		period_r->kind = 'M';
		first_month = last_month = index;
	}
	period_r->year = year;
	period_r->index = index;
	period_r->first.year = period_r->last.year = year;
	period_r->first.month = first_month;
	period_r->first.day = 1;
	period_r->last.month = last_month;
	period_r->last.day = dondoc_date_month_days(year, last_month);
	period_r->label = str;
	return TRUE;
}

const char *dondoc_digest_period_words(const struct dondoc_digest_period *p)
{
	static const char *const roman[] = { "I", "II", "III", "IV" };

	switch (p->kind) {
	case 'M':
		return t_strdup_printf("tháng %d năm %d", p->index, p->year);
	case 'Q':
		return t_strdup_printf("quý %s năm %d", roman[p->index - 1],
				       p->year);
	case 'H':
		return t_strdup_printf("6 tháng %s năm %d",
				       p->index == 1 ? "đầu" : "cuối",
				       p->year);
	default:
		return t_strdup_printf("năm %d", p->year);
	}
}

/* 00:00 in Vietnam of a day, as a Unix time. */
static time_t digest_vn_midnight(const struct dondoc_date *date)
{
	return (time_t)dondoc_date_to_days(date) * 86400 - DIGEST_VN_OFFSET;
}

/* ---- building ---- */

static struct dondoc_digest_agency *
digest_agency(struct dondoc_digest *digest, const char *code,
	      const ARRAY_TYPE(dondoc_agency) *names)
{
	struct dondoc_digest_agency *agency;
	const struct dondoc_agency *known;
	unsigned int i, count;

	agency = array_get_modifiable(&digest->agencies, &count);
	for (i = 0; i < count; i++) {
		if (strcasecmp(agency[i].code, code) == 0)
			return &agency[i];
	}
	/* keep them ordered by code */
	for (i = 0; i < count; i++) {
		if (strcasecmp(agency[i].code, code) > 0)
			break;
	}
	agency = array_insert_space(&digest->agencies, i);
	agency->code = p_strdup(digest->pool, code);
	agency->name = agency->code;
	array_foreach(names, known) {
		if (strcasecmp(known->code, code) == 0) {
			agency->code = known->code;
			agency->name = known->name;
		}
	}
	p_array_init(&agency->tasks, digest->pool, 8);
	p_array_init(&agency->issues, digest->pool, 2);
	return agency;
}

static void digest_count(struct dondoc_digest_counts *counts,
			 enum dondoc_digest_state state)
{
	switch (state) {
	case DONDOC_DIGEST_ON_TIME:
		counts->on_time++;
		break;
	case DONDOC_DIGEST_LATE:
		counts->late++;
		break;
	case DONDOC_DIGEST_OVERDUE:
		counts->overdue++;
		break;
	case DONDOC_DIGEST_OPEN:
		counts->open++;
		break;
	case DONDOC_DIGEST_CLOSED:
		counts->closed++;
		return;
	case DONDOC_DIGEST_STATE_COUNT:
		i_unreached();
	}
	counts->owed++;
}

/* The state of a task on the as-of day, from its status and the
   submission that settled it. */
static void digest_classify(struct dondoc_calendar *cal,
			    const struct dondoc_date *as_of,
			    struct dondoc_digest_task *task)
{
	const struct dondoc_store_digest_task *row = &task->row;
	bool due_passed = dondoc_date_to_days(&row->due) <
		dondoc_date_to_days(as_of);

	task->late_days = 0;
	switch (row->status) {
	case DONDOC_TASK_SUBMITTED:
		task->state = DONDOC_DIGEST_ON_TIME;
		return;
	case DONDOC_TASK_SUBMITTED_LATE:
		task->state = DONDOC_DIGEST_LATE;
		task->late_days = row->late_days;
		return;
	case DONDOC_TASK_CLOSED:
		if (!row->submitted)
			task->state = DONDOC_DIGEST_CLOSED;
		else if (row->late) {
			task->state = DONDOC_DIGEST_LATE;
			task->late_days = row->late_days;
		} else
			task->state = DONDOC_DIGEST_ON_TIME;
		return;
	case DONDOC_TASK_OPEN:
	case DONDOC_TASK_OVERDUE:
	case DONDOC_TASK_STATUS_COUNT:
		break;
	}
	if (row->status == DONDOC_TASK_OVERDUE || due_passed) {
		task->state = DONDOC_DIGEST_OVERDUE;
		if (cal != NULL && due_passed) {
			task->late_days = (unsigned int)
				dondoc_calendar_late_workdays(cal, &row->due,
							      as_of);
		}
	} else {
		task->state = DONDOC_DIGEST_OPEN;
	}
}

static int digest_tasks(struct dondoc_store *store,
			struct dondoc_digest *digest,
			const ARRAY_TYPE(dondoc_agency) *names,
			const char **error_r)
{
	ARRAY_TYPE(dondoc_store_digest_task) rows;
	const struct dondoc_store_digest_task *row;
	struct dondoc_digest_agency *agency = NULL;
	struct dondoc_digest_task *task;
	struct dondoc_calendar *cal;

	if (dondoc_store_calendar_get(store, &cal, error_r) < 0)
		return -1;
	p_array_init(&rows, digest->pool, 256);
	if (dondoc_store_digest_tasks(store, digest->pool,
				      &digest->period.first,
				      &digest->period.last,
				      digest->agency_filter, &rows,
				      error_r) < 0)
		return -1;
	array_foreach(&rows, row) {
		/* rows come ordered by agency */
		if (agency == NULL || strcasecmp(agency->code, row->agency) != 0)
			agency = digest_agency(digest, row->agency, names);
		task = array_append_space(&agency->tasks);
		task->row = *row;
		digest_classify(cal, &digest->as_of, task);
		digest_count(&agency->counts, task->state);
		digest_count(&digest->totals, task->state);
	}
	return 0;
}

static int digest_issues(struct dondoc_store *store,
			 struct dondoc_digest *digest,
			 const ARRAY_TYPE(dondoc_agency) *names,
			 const char **error_r)
{
	ARRAY_TYPE(dondoc_store_digest_issue) issues;
	const struct dondoc_store_digest_issue *issue;
	struct dondoc_digest_agency *agency;
	struct dondoc_date after;

	dondoc_date_from_days(dondoc_date_to_days(&digest->period.last) + 1,
			      &after);
	p_array_init(&issues, digest->pool, 16);
	if (dondoc_store_digest_issues(store, digest->pool,
				       digest_vn_midnight(&digest->period.first),
				       digest_vn_midnight(&after),
				       digest->agency_filter, &issues,
				       error_r) < 0)
		return -1;
	array_foreach(&issues, issue) {
		agency = digest_agency(digest, issue->agency, names);
		array_push_back(&agency->issues, issue);
	}
	return 0;
}

static int digest_assigned(struct dondoc_store *store,
			   struct dondoc_digest *digest,
			   const char **error_r)
{
	ARRAY_TYPE(dondoc_store_digest_task) rows;
	const struct dondoc_store_digest_task *row;
	struct dondoc_digest_task *task;
	struct dondoc_calendar *cal;
	struct dondoc_date after;

	if (dondoc_store_calendar_get(store, &cal, error_r) < 0)
		return -1;
	dondoc_date_from_days(dondoc_date_to_days(&digest->period.last) + 1,
			      &after);
	p_array_init(&rows, digest->pool, 16);
	if (dondoc_store_digest_assigned(store, digest->pool,
			digest_vn_midnight(&digest->period.first),
			digest_vn_midnight(&after), digest->agency_filter,
			&rows, error_r) < 0)
		return -1;
	array_foreach(&rows, row) {
		task = array_append_space(&digest->assigned);
		task->row = *row;
		digest_classify(cal, &digest->as_of, task);
	}
	return 0;
}

/* The meetings held in the period; what the store knows of each notice
   and its conclusions (the meeting's O7 task, "<code>-O7"). */
static int digest_meetings(struct dondoc_store *store,
			   struct dondoc_digest *digest,
			   const char **error_r)
{
	ARRAY_TYPE(dondoc_meeting) meetings;
	const struct dondoc_meeting *m;
	struct dondoc_digest_meeting *dm;
	struct dondoc_task o7;
	int first = dondoc_date_to_days(&digest->period.first);
	int last = dondoc_date_to_days(&digest->period.last);
	int days, ret;

	if (digest->agency_filter != NULL)
		return 0;
	p_array_init(&meetings, digest->pool, 8);
	if (dondoc_store_meeting_list(store, digest->pool, &meetings,
				      error_r) < 0)
		return -1;
	array_foreach(&meetings, m) {
		days = dondoc_date_to_days(&m->date);
		if (days < first || days > last)
			continue;
		dm = array_append_space(&digest->meetings);
		dm->meeting = *m;
		/* art. 14.3: at least 2 working days' notice (the O6
		   check of dondoc-meetings.c) */
		dm->notice_ok = m->notice_sent == 0 ? -1 :
			m->notice_workdays >= DIGEST_NOTICE_WORKDAYS ? 1 : 0;
		dm->conclusions_sent = -1;
		ret = dondoc_store_task_by_code(store, digest->pool,
			t_strdup_printf("%s-O7", m->code), &o7, error_r);
		if (ret < 0)
			return -1;
		if (ret > 0) {
			dm->conclusions_task = o7.code;
			dm->conclusions_sent =
				!dondoc_task_status_is_awaiting(o7.status);
		}
	}
	return 0;
}

int dondoc_digest_build(struct dondoc_store *store, pool_t pool,
			const struct dondoc_digest_period *period,
			const struct dondoc_date *as_of, const char *agency,
			struct dondoc_digest **digest_r,
			const char **error_r)
{
	ARRAY_TYPE(dondoc_agency) names;
	struct dondoc_digest *digest;

	digest = p_new(pool, struct dondoc_digest, 1);
	digest->pool = pool;
	digest->period = *period;
	digest->period.label = p_strdup(pool, period->label);
	digest->as_of = *as_of;
	digest->agency_filter = p_strdup(pool, agency);
	p_array_init(&digest->agencies, pool, 16);
	p_array_init(&digest->meetings, pool, 4);
	p_array_init(&digest->assigned, pool, 16);
	p_array_init(&names, pool, 32);
	if (dondoc_store_agency_list(store, pool, &names, error_r) < 0)
		return -1;
	if (agency != NULL) {
		const struct dondoc_agency *known;
		bool found = FALSE;

		array_foreach(&names, known) {
			if (strcasecmp(known->code, agency) == 0) {
				digest->agency_filter = known->code;
				found = TRUE;
			}
		}
		if (!found) {
			*error_r = t_strdup_printf("unknown agency '%s'",
						   agency);
			return -1;
		}
		(void)digest_agency(digest, agency, &names);
	}
	if (digest_tasks(store, digest, &names, error_r) < 0 ||
	    digest_issues(store, digest, &names, error_r) < 0 ||
	    digest_assigned(store, digest, error_r) < 0 ||
	    digest_meetings(store, digest, error_r) < 0)
		return -1;
	*digest_r = digest;
	return 0;
}
