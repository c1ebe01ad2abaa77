/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Match and decision stages of delivery-time tracking (see
   dondoc-tracker.h). Evidence is tried strongest first: the signed reply
   address, the thread, a task tag in the subject, a cited source
   document, the sender agency's obligation for the document's period, and
   last the similarity of the summary to the sender agency's open tasks.
   Trusts only what dondoc-trust.c verified: without a verified sender no
   agency is known, so the agency-based kinds of evidence are not tried. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "message-id.h"
#include "unichar.h"
#include "dondoc-text.h"
#include "dondoc-replyaddr.h"
#include "dondoc-tracker.h"
#include "dondoc-attendance.h"

#include <ctype.h>

/* Bounds on the evidence looked at, against hostile headers. */
#define TRACKER_MAX_THREAD_IDS 20
#define TRACKER_MAX_SUBJECT_TAGS 5
#define TRACKER_MAX_REFERENCES 10
#define TRACKER_MAX_TEXT_CANDIDATES 200
#define TRACKER_MAX_WORDS 200
#define VN_UTC_OFFSET_SECS (7 * 3600)

struct tracker_ctx {
	struct dondoc_store *store;
	const struct dondoc_tracker_settings *set;
	const struct dondoc_message_info *msg;
	struct dondoc_tracking *tracking;
	pool_t pool;
};

void dondoc_tracker_vn_date(time_t t, struct dondoc_date *date_r)
{
	long long local = (long long)t + VN_UTC_OFFSET_SECS;
	long long days = local / 86400;

	/* Floor division, for moments before 1970. */
	if (local < 0 && local % 86400 != 0)
		days--;
	dondoc_date_from_days((int)days, date_r);
}

/* Remember a store error; the first one wins. Returns FALSE so callers
   can stop trying further evidence. */
static bool tracker_store_failed(struct tracker_ctx *ctx, const char *error)
{
	if (ctx->tracking->store_error == NULL)
		ctx->tracking->store_error = p_strdup(ctx->pool, error);
	return FALSE;
}

/* Go on looking for evidence: no store error, nothing refused. */
static bool tracker_go_on(struct tracker_ctx *ctx)
{
	return ctx->tracking->store_error == NULL &&
		ctx->tracking->refused_match == NULL;
}

static bool tracker_task_usable(struct tracker_ctx *ctx,
				const struct dondoc_task *task)
{
	/* A subject tag, a citation, a period or a text names only a task
	   of the sender's own agency: it is text anyone can write. */
	return ctx->tracking->agency != NULL &&
		strcmp(task->agency, ctx->tracking->agency) == 0;
}

/* The signed address and the thread prove which task a mail is about,
   not who may answer it: a sender the store knows, of another agency
   than the task's, gets no match (the mail is recorded unmatched, for a
   human, and confirms nothing). For a sender the store does not know
   (verified or not) the match stands as evidence: such a submission is
   recorded unverified and moves no task. */
static bool tracker_task_answerable(struct tracker_ctx *ctx,
				    const struct dondoc_task *task,
				    const char *evidence)
{
	if (!ctx->tracking->have_person)
		return TRUE;
	if (ctx->tracking->agency != NULL &&
	    strcmp(task->agency, ctx->tracking->agency) == 0)
		return TRUE;
	ctx->tracking->refused_match = p_strdup_printf(ctx->pool,
		"%s names task %s of agency %s, not the sender's (%s)",
		evidence, task->code, task->agency,
		ctx->tracking->agency != NULL ? ctx->tracking->agency : "none");
	return FALSE;
}

static void tracker_set_match(struct tracker_ctx *ctx,
			      enum dondoc_match_kind kind,
			      const struct dondoc_task *task,
			      const char *reason)
{
	ctx->tracking->match = kind;
	ctx->tracking->task = *task;
	ctx->tracking->match_reason = p_strdup(ctx->pool, reason);
}

/* 1. The signed reply address. */
static bool tracker_match_address(struct tracker_ctx *ctx)
{
	const char *task_code, *error;
	struct dondoc_task task;
	int ret;

	if (ctx->set->secret == NULL || ctx->msg->recipient_detail == NULL ||
	    !dondoc_replyaddr_verify(ctx->set->secret,
				     ctx->msg->recipient_detail, &task_code))
		return FALSE;
	ret = dondoc_store_task_by_code(ctx->store, ctx->pool, task_code,
					&task, &error);
	if (ret < 0)
		return tracker_store_failed(ctx, error);
	if (ret == 0 ||
	    !tracker_task_answerable(ctx, &task, "the signed reply address"))
		return FALSE;
	tracker_set_match(ctx, DONDOC_MATCH_ADDRESS, &task,
			  t_strdup_printf("signed reply address for %s",
					  task.code));
	return TRUE;
}

static bool tracker_thread_id(struct tracker_ctx *ctx, const char *id)
{
	struct dondoc_task task;
	const char *error, *sent_id;
	int ret;

	/* The outbox keeps Message-IDs as written, in angle brackets. An id
	   the store could never hold (too long, controls) is bad input:
	   ignored, matched on the rest. */
	sent_id = t_strdup_printf("<%s>", id);
	if (!dondoc_store_message_id_is_valid(sent_id))
		return FALSE;
	ret = dondoc_store_task_by_sent_message_id(ctx->store, ctx->pool,
						   sent_id, &task, &error);
	if (ret < 0)
		return tracker_store_failed(ctx, error);
	if (ret == 0 ||
	    !tracker_task_answerable(ctx, &task, "the thread"))
		return FALSE;
	tracker_set_match(ctx, DONDOC_MATCH_THREAD, &task,
			  t_strdup_printf("reply to %s", id));
	return TRUE;
}

/* 2. In-Reply-To, then References newest first. */
static bool tracker_match_thread(struct tracker_ctx *ctx)
{
	ARRAY_TYPE(const_string) ids;
	const char *p, *id;
	unsigned int i, count;

	p = ctx->msg->in_reply_to;
	if (p != NULL && (id = message_id_get_next(&p)) != NULL &&
	    tracker_thread_id(ctx, id))
		return TRUE;
	if (!tracker_go_on(ctx) || ctx->msg->references == NULL)
		return FALSE;
	t_array_init(&ids, 8);
	p = ctx->msg->references;
	while ((id = message_id_get_next(&p)) != NULL) {
		if (array_count(&ids) == TRACKER_MAX_THREAD_IDS)
			array_pop_front(&ids);
		array_push_back(&ids, &id);
	}
	count = array_count(&ids);
	for (i = count; i > 0; i--) {
		if (tracker_thread_id(ctx, array_idx_elem(&ids, i - 1)))
			return TRUE;
		if (!tracker_go_on(ctx))
			return FALSE;
	}
	return FALSE;
}

static bool is_code_char(unsigned char c)
{
	return i_isalnum(c) || c == '-' || c == '_';
}

/* 3. A task code tag in the subject: "[DA06-2026-015]". */
static bool tracker_match_tag(struct tracker_ctx *ctx)
{
	const char *p = ctx->msg->subject, *end, *code, *error;
	struct dondoc_task task;
	unsigned int tags = 0;
	int ret;

	while (p != NULL && (p = strchr(p, '[')) != NULL &&
	       tags < TRACKER_MAX_SUBJECT_TAGS) {
		p++;
		for (end = p; is_code_char((unsigned char)*end); end++) ;
		if (*end != ']' || end == p || end - p > DONDOC_STORE_MAX_CODE)
			continue;
		tags++;
		code = t_strdup_until(p, end);
		ret = dondoc_store_task_by_code(ctx->store, ctx->pool, code,
						&task, &error);
		if (ret < 0)
			return tracker_store_failed(ctx, error);
		if (ret > 0 && tracker_task_usable(ctx, &task)) {
			tracker_set_match(ctx, DONDOC_MATCH_TAG, &task,
				t_strdup_printf("subject tag [%s]", code));
			return TRUE;
		}
	}
	return FALSE;
}

/* Pick the one usable task among candidates: the sender agency's, or the
   only one when the agency is unknown. */
static const struct dondoc_task *
tracker_pick(struct tracker_ctx *ctx, const ARRAY_TYPE(dondoc_task) *tasks)
{
	const struct dondoc_task *task, *found = NULL;

	array_foreach(tasks, task) {
		if (!tracker_task_usable(ctx, task))
			continue;
		if (found != NULL)
			return NULL; /* ambiguous */
		found = task;
	}
	return found;
}

static char tracker_period_kind(const char *kind);

/* The period holds the date (a task's period, index as the store keeps
   it: month 1-12, quarter 1-4, half 1-2, year 0). */
static bool tracker_period_holds(const struct dondoc_period *p,
				 const struct dondoc_date *date)
{
	if (p->year != date->year)
		return FALSE;
	switch (p->kind) {
	case 'M':
		return p->index == date->month;
	case 'Q':
		return p->index == (date->month - 1) / 3 + 1;
	case 'H':
		return p->index == (date->month - 1) / 6 + 1;
	case 'Y':
		return TRUE;
	default:
		return FALSE;
	}
}

/* One document cites the source of several of the agency's tasks: the
   instances of a recurring assignment ("định kỳ hằng tháng"). The one
   for the period the report covers: the period it states, else the one
   it is sent in. NULL when that does not single one out. */
static const struct dondoc_task *
tracker_pick_instance(struct tracker_ctx *ctx,
		      const ARRAY_TYPE(dondoc_task) *tasks)
{
	const struct dondoc_document *doc = ctx->tracking->document;
	const struct dondoc_task *task, *stated = NULL, *sent_in = NULL;
	unsigned int n_stated = 0, n_sent_in = 0;
	struct dondoc_period period = {
		.kind = tracker_period_kind(doc->period.kind),
		.year = (int)doc->period.year,
		.index = (int)doc->period.index,
	};

	array_foreach(tasks, task) {
		if (!tracker_task_usable(ctx, task) || task->period.kind == '\0' ||
		    task->period.kind == 'E')
			continue;
		if (period.kind != '\0' && task->period.kind == period.kind &&
		    task->period.year == period.year &&
		    task->period.index == period.index) {
			stated = task;
			n_stated++;
		}
		if (tracker_period_holds(&task->period,
					 &ctx->tracking->received_date)) {
			sent_in = task;
			n_sent_in++;
		}
	}
	if (period.kind != '\0')
		return n_stated == 1 ? stated : NULL;
	return n_sent_in == 1 ? sent_in : NULL;
}

/* 4. A cited document equal to a task's source document. */
static bool tracker_match_reference(struct tracker_ctx *ctx)
{
	const struct dondoc_document *doc = ctx->tracking->document;
	const struct dondoc_reference *ref;
	const struct dondoc_task *task;
	ARRAY_TYPE(dondoc_task) tasks;
	const char *error;
	unsigned int n = 0;

	array_foreach(&doc->references, ref) {
		if (ref->symbol == NULL ||
		    !dondoc_store_doc_field_is_valid(ref->symbol) ||
		    !dondoc_store_doc_field_is_valid(ref->number))
			continue;
		if (n++ >= TRACKER_MAX_REFERENCES)
			break;
		t_array_init(&tasks, 4);
		if (dondoc_store_tasks_by_source(ctx->store, ctx->pool,
						 ref->symbol, ref->number,
						 &tasks, &error) < 0)
			return tracker_store_failed(ctx, error);
		if ((task = tracker_pick(ctx, &tasks)) != NULL ||
		    (task = tracker_pick_instance(ctx, &tasks)) != NULL) {
			tracker_set_match(ctx, DONDOC_MATCH_REFERENCE, task,
				t_strdup_printf("cites %s/%s",
						ref->number != NULL ?
						ref->number : "", ref->symbol));
			return TRUE;
		}
	}
	return FALSE;
}

static char tracker_period_kind(const char *kind)
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

/* 5. The sender agency's task for this document type and period. */
static bool tracker_match_period(struct tracker_ctx *ctx)
{
	const struct dondoc_document *doc = ctx->tracking->document;
	struct dondoc_period period;
	const struct dondoc_task *task;
	ARRAY_TYPE(dondoc_task) tasks;
	const char *error;

	i_zero(&period);
	period.kind = tracker_period_kind(doc->period.kind);
	period.year = doc->period.year;
	period.index = doc->period.index;
	if (period.kind == '\0' || ctx->tracking->agency == NULL)
		return FALSE;
	t_array_init(&tasks, 4);
	if (dondoc_store_tasks_by_period(ctx->store, ctx->pool,
					 ctx->tracking->agency, doc->type,
					 &period, &tasks, &error) < 0)
		return tracker_store_failed(ctx, error);
	if ((task = tracker_pick(ctx, &tasks)) == NULL)
		return FALSE;
	tracker_set_match(ctx, DONDOC_MATCH_PERIOD, task,
			  t_strdup_printf("%s for %s", doc->type,
					  dondoc_period_to_str(&period)));
	return TRUE;
}

static void tracker_words(const char *text, ARRAY_TYPE(const_string) *words)
{
	const char *const *w;
	string_t *folded = t_str_new(256);
	unsigned int i;

	dondoc_text_fold(text, strlen(text), folded);
	for (i = 0; i < str_len(folded); i++) {
		char c = str_c(folded)[i];

		if (!i_isalnum(c))
			str_c_modifiable(folded)[i] = ' ';
	}
	for (w = t_strsplit_spaces(str_c(folded), " "); *w != NULL; w++) {
		const char *const *seen;
		bool dup = FALSE;

		if (strlen(*w) < 2)
			continue;
		array_foreach(words, seen) {
			if (strcmp(*seen, *w) == 0) {
				dup = TRUE;
				break;
			}
		}
		if (!dup && array_count(words) < TRACKER_MAX_WORDS)
			array_push_back(words, w);
	}
}

unsigned int dondoc_tracker_similarity(const char *a, const char *b)
{
	ARRAY_TYPE(const_string) wa, wb;
	const char *const *x, *const *y;
	unsigned int common = 0, total;

	t_array_init(&wa, 32);
	t_array_init(&wb, 32);
	tracker_words(a, &wa);
	tracker_words(b, &wb);
	total = array_count(&wa) + array_count(&wb);
	if (total == 0)
		return 0;
	array_foreach(&wa, x) {
		array_foreach(&wb, y) {
			if (strcmp(*x, *y) == 0) {
				common++;
				break;
			}
		}
	}
	return 200 * common / total;
}

/* 6. The summary against the sender agency's open tasks. */
static bool tracker_match_text(struct tracker_ctx *ctx)
{
	const struct dondoc_document *doc = ctx->tracking->document;
	struct dondoc_task_filter filter;
	const struct dondoc_task *task, *best = NULL;
	ARRAY_TYPE(dondoc_task) tasks;
	unsigned int score, best_score = 0;
	const char *error;

	/* Never another agency's task on text alone. */
	if (doc->summary == NULL || ctx->tracking->agency == NULL)
		return FALSE;
	i_zero(&filter);
	filter.agency = ctx->tracking->agency;
	filter.status_mask = (1U << DONDOC_TASK_OPEN) |
		(1U << DONDOC_TASK_OVERDUE);
	filter.limit = TRACKER_MAX_TEXT_CANDIDATES;
	t_array_init(&tasks, 16);
	if (dondoc_store_task_list(ctx->store, ctx->pool, &filter, &tasks,
				   &error) < 0)
		return tracker_store_failed(ctx, error);
	array_foreach(&tasks, task) {
		score = dondoc_tracker_similarity(doc->summary, task->title);
		if (score > best_score) {
			best_score = score;
			best = task;
		}
	}
	if (best == NULL || best_score < ctx->set->text_threshold)
		return FALSE;
	tracker_set_match(ctx, DONDOC_MATCH_TEXT, best,
			  t_strdup_printf("summary %u%% like the title",
					  best_score));
	return TRUE;
}

static void tracker_sender(struct tracker_ctx *ctx)
{
	struct dondoc_tracking *tracking = ctx->tracking;
	const char *error;
	int ret;

	/* An address the store could not hold is no person it knows. */
	if (!tracking->trust.verified ||
	    !dondoc_store_email_is_valid(tracking->trust.address))
		return;
	ret = dondoc_store_person_by_email(ctx->store, ctx->pool,
					   tracking->trust.address,
					   &tracking->person, &error);
	if (ret < 0) {
		(void)tracker_store_failed(ctx, error);
		return;
	}
	if (ret == 0)
		return;
	tracking->have_person = TRUE;
	tracking->agency = tracking->person.agency;
	if (tracking->person.roles != NULL &&
	    tracking->person.roles[0] != NULL)
		tracking->role = tracking->person.roles[0];
}

static void tracker_match(struct tracker_ctx *ctx)
{
	T_BEGIN {
		/* Each stops at a match, at a store error, or at evidence
		   naming a task the sender may not answer. */
		if (!tracker_match_address(ctx) &&
		    tracker_go_on(ctx) &&
		    !tracker_match_thread(ctx) &&
		    tracker_go_on(ctx) &&
		    !tracker_match_tag(ctx) &&
		    tracker_go_on(ctx) &&
		    ctx->tracking->document != NULL &&
		    !tracker_match_reference(ctx) &&
		    tracker_go_on(ctx) &&
		    !tracker_match_period(ctx) &&
		    ctx->tracking->store_error == NULL)
			(void)tracker_match_text(ctx);
	} T_END;
}

static void tracker_timeliness(struct dondoc_calendar *cal,
			       struct dondoc_tracking *tracking)
{
	if (tracking->match == DONDOC_MATCH_NONE || cal == NULL)
		return;
	tracking->late_days = dondoc_calendar_late_workdays(cal,
		&tracking->task.due, &tracking->received_date);
	/* Late is counted in working days: a Saturday after a Friday
	   deadline is not late. */
	tracking->late = tracking->late_days > 0;
	/* Timeliness is the task's, after this submission: a supplement to
	   a report already received on time does not make the task late. */
	if (tracking->task.status == DONDOC_TASK_SUBMITTED) {
		tracking->late = FALSE;
		tracking->late_days = 0;
	} else if (tracking->task.status == DONDOC_TASK_SUBMITTED_LATE) {
		tracking->late = TRUE;
	}
}

/* A reply about attending a meeting: which meeting. Such a reply is no
   report: a cited notice (the source of the meeting's O10 tasks) does not
   make it the member's O10 submission, unless it is a report (BC)
   itself; it may answer its own O8 task (a reminder's reply address). */
static void tracker_attendance(struct tracker_ctx *ctx,
			       struct dondoc_calendar *cal,
			       const struct dondoc_analysis *analysis)
{
	struct dondoc_tracking *tracking = ctx->tracking;
	const struct dondoc_tracking_attendance *att;
	const char *error;
	int ret;

	if (analysis->attendance_reply == NULL)
		return;
	ret = dondoc_attendance_evaluate(ctx->store, cal, ctx->pool,
		analysis->attendance_reply, ctx->msg,
		&tracking->received_date, &att, &error);
	if (ret < 0) {
		(void)tracker_store_failed(ctx, error);
		return;
	}
	if (ret == 0)
		return;
	tracking->attendance = att;
	if (tracking->match == DONDOC_MATCH_NONE ||
	    att->kind == DONDOC_ATTENDANCE_CONSENT ||
	    null_strcmp(tracking->task.obligation, "O8") == 0 ||
	    (tracking->document != NULL && tracking->document->type != NULL &&
	     strcmp(tracking->document->type, "BC") == 0))
		return;
	tracking->match = DONDOC_MATCH_NONE;
	tracking->match_reason = p_strdup_printf(ctx->pool,
		"a reply about attending %s, not a report for %s",
		att->meeting.code, tracking->task.code);
	i_zero(&tracking->task);
}

void dondoc_tracker_evaluate(struct dondoc_store *store,
			     struct dondoc_calendar *cal,
			     const struct dondoc_tracker_settings *set,
			     const struct dondoc_analysis *analysis,
			     const struct dondoc_message_info *msg,
			     const char *store_error_in, pool_t pool,
			     struct dondoc_tracking **tracking_r)
{
	struct dondoc_trust_input trust_in = {
		.authserv_id = set->authserv_id,
		.policy = set->trust_policy,
		.authres_headers = msg->authres_headers,
		.from_address = msg->from_address,
		.envelope_sender = msg->envelope_sender,
	};
	struct tracker_ctx ctx = {
		.store = store, .set = set, .msg = msg, .pool = pool,
	};
	struct dondoc_tracking *tracking;
	const struct dondoc_document *doc;

	tracking = ctx.tracking = p_new(pool, struct dondoc_tracking, 1);
	if (array_count(&analysis->documents) > 0) {
		doc = array_front(&analysis->documents);
		tracking->document = doc;
		tracking->difficulties = doc->difficulties != NULL ||
			doc->proposals != NULL;
		tracking->secret = doc->secrecy != NULL;
	}
	if (analysis->attendance_reply != NULL)
		tracking->attendance_said = analysis->attendance_reply->kind;
	dondoc_trust_evaluate(pool, &trust_in, &tracking->trust);
	dondoc_tracker_vn_date(msg->received_at, &tracking->received_date);
	if (store == NULL) {
		tracking->store_error = p_strdup(pool, store_error_in != NULL ?
						 store_error_in :
						 "no store configured");
	} else {
		tracker_sender(&ctx);
		if (tracking->store_error == NULL)
			tracker_match(&ctx);
		if (tracking->store_error == NULL)
			tracker_attendance(&ctx, cal, analysis);
		tracker_timeliness(cal, tracking);
	}
	*tracking_r = tracking;
}

/* A document's section as the store keeps it: UTF-8, lines ending in
   LF, no other controls (tabs and CR become spaces), at most
   DONDOC_STORE_MAX_TEXT bytes cut at a character; NULL when empty. */
static const char *tracker_section_text(const char *text)
{
	string_t *str;
	const unsigned char *p;
	size_t len;

	if (text == NULL)
		return NULL;
	str = t_str_new(strlen(text) + 1);
	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\n')
			str_append_c(str, '\n');
		else if (*p < 0x20 || *p == 0x7f)
			str_append_c(str, ' ');
		else
			str_append_c(str, *p);
	}
	len = str_len(str);
	if (len > DONDOC_STORE_MAX_TEXT) {
		len = DONDOC_STORE_MAX_TEXT;
		while (len > 0 && (str_data(str)[len] & 0xc0) == 0x80)
			len--;
		str_truncate(str, len);
	}
	if (!uni_utf8_str_is_valid(str_c(str)))
		return NULL;
	return len == 0 ? NULL : str_c(str);
}

void dondoc_tracker_submission(const struct dondoc_tracking *tracking,
			       const struct dondoc_message_info *msg,
			       struct dondoc_submission *sub_r)
{
	const struct dondoc_document *doc = tracking->document;

	i_zero(sub_r);
	sub_r->message_id = msg->message_id;
	if (doc != NULL) {
		sub_r->doc_type = doc->type;
		sub_r->doc_number = doc->number;
		sub_r->doc_symbol = doc->symbol;
		if (doc->date == NULL ||
		    !dondoc_date_parse(doc->date, &sub_r->doc_date))
			i_zero(&sub_r->doc_date);
	}
	if (tracking->match != DONDOC_MATCH_NONE)
		sub_r->task_code = tracking->task.code;
	sub_r->sender_email = tracking->trust.verified ?
		tracking->trust.address : msg->from_address;
	if (tracking->have_person) {
		sub_r->sender_person_id = tracking->person.id;
		sub_r->sender_agency = tracking->agency;
	}
	sub_r->received_at = msg->received_at;
	sub_r->late = tracking->late;
	sub_r->late_days = tracking->late_days;
	/* Only a verified sender the store knows may move a task. */
	sub_r->trust = tracking->trust.verified && tracking->have_person ?
		DONDOC_TRUST_VERIFIED : DONDOC_TRUST_UNVERIFIED;
	sub_r->match = tracking->match;
	/* What it raised, for the reports; a classified document keeps
	   only that it raised something (dondoc-store-digest.h). */
	sub_r->secret = tracking->secret;
	if (doc != NULL) {
		sub_r->difficulties =
			tracker_section_text(doc->difficulties);
		sub_r->proposals = tracker_section_text(doc->proposals);
	}
}

const char *dondoc_tracking_timeliness(const struct dondoc_tracking *tracking)
{
	if (tracking->match == DONDOC_MATCH_NONE)
		return NULL;
	return tracking->late ? "late" : "on-time";
}
