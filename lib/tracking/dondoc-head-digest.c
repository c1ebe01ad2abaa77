/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The Head's digest: collecting, the period, building and sending (see
   dondoc-head-digest.h; its wording is dondoc-head-digest-mail.c).
   Trusts nothing from the incoming mail: every value is bounded and
   stripped of controls before the store sees it (the store checks
   again), and a classified document keeps its metadata only. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "unichar.h"
#include "dondoc-calendar.h"
#include "dondoc-compose.h"
#include "dondoc-compose-attach.h"
#include "dondoc-replyaddr.h"
#include "dondoc-head-digest.h"

/* Room kept in the outbox mail for the text and the MIME structure. */
#define HEAD_DIGEST_TEXT_RESERVE (256 * 1024)

/* A section's text: controls but LF and tab removed, bounded. */
static const char *head_lines(const char *value, size_t max)
{
	string_t *str;
	const unsigned char *p;

	if (value == NULL || value[0] == '\0')
		return NULL;
	str = t_str_new(strlen(value) + 1);
	for (p = (const unsigned char *)value; *p != '\0'; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			continue;
		str_append_c(str, *p);
	}
	if (str_len(str) > max)
		str_truncate_utf8(str, max);
	if (!uni_utf8_str_is_valid(str_c(str))) {
		string_t *valid = t_str_new(str_len(str));

		if (!uni_utf8_get_valid_data(str_data(str), str_len(str),
					     valid))
			return str_c(valid);
	}
	return str_c(str);
}

static const char *head_field(const char *value, size_t max)
{
	if (value == NULL || value[0] == '\0')
		return NULL;
	value = dondoc_compose_sanitize(value, max);
	return value[0] == '\0' ? NULL : value;
}

int dondoc_head_digest_collect(const struct dondoc_actions_env *env,
			       const struct dondoc_tracking *tracking,
			       enum dondoc_head_item_kind kind,
			       const char *recipient, const char *dedup_key,
			       const char *reason, const char **error_r)
{
	const struct dondoc_document *doc = tracking->document;
	const struct dondoc_actions_original *orig = env->original;
	struct dondoc_head_item item;
	struct dondoc_date date;
	size_t max = I_MIN(env->set->attach_max,
			   DONDOC_STORE_MAX_HEAD_ORIGINAL);

	/* a script's :to the store cannot keep: not collected, and not a
	   reason to fail the delivery's other work */
	if (recipient == NULL || !dondoc_store_email_is_valid(recipient))
		return 0;
	i_zero(&item);
	item.dedup_key = head_field(dedup_key, DONDOC_STORE_MAX_TEXT);
	item.recipient = recipient;
	item.kind = kind;
	item.reason = head_field(reason, 1000);
	item.secret = tracking->secret;
	item.agency = head_field(tracking->agency, DONDOC_STORE_MAX_CODE);
	if (tracking->match != DONDOC_MATCH_NONE) {
		item.task_code = tracking->task.code;
		item.task_title = head_field(tracking->task.title,
					     DONDOC_STORE_MAX_NAME);
		item.due = tracking->task.due;
		if (item.agency == NULL)
			item.agency = tracking->task.agency;
		item.reply_to = dondoc_replyaddr_for(env->set->secret,
			env->set->reply_address, tracking->task.code);
	}
	item.late_days = tracking->late_days;
	if (doc != NULL) {
		item.doc_type = head_field(doc->type_name != NULL ?
					   doc->type_name : doc->type,
					   DONDOC_STORE_MAX_DOC_FIELD);
		item.doc_number = head_field(doc->number,
					     DONDOC_STORE_MAX_DOC_FIELD);
		item.doc_symbol = head_field(doc->symbol,
					     DONDOC_STORE_MAX_DOC_FIELD);
		if (doc->date != NULL && dondoc_date_parse(doc->date, &date))
			item.doc_date = date;
		if (!tracking->secret) {
			item.difficulties = head_lines(doc->difficulties,
						       DONDOC_STORE_MAX_TEXT);
			item.proposals = head_lines(doc->proposals,
						    DONDOC_STORE_MAX_TEXT);
		}
	}
	if (env->msg != NULL && env->msg->message_id != NULL &&
	    dondoc_store_message_id_is_valid(env->msg->message_id))
		item.message_id = env->msg->message_id;
	if (orig != NULL) {
		item.original_size = orig->size;
		/* a classified document's mail never leaves the mailbox */
		if (!tracking->secret && orig->data != NULL &&
		    orig->len <= max && orig->len > 0) {
			item.original = orig->data;
			item.original_len = orig->len;
		}
	}
	if (item.dedup_key == NULL) {
		*error_r = "escalation without a key";
		return -1;
	}
	return dondoc_store_head_item_add(env->store, &item, error_r);
}

void dondoc_head_digest_period(struct dondoc_calendar *cal,
			       const struct dondoc_actions_settings *set,
			       const struct dondoc_date *today,
			       const char **period_r,
			       struct dondoc_date *day_r)
{
	struct dondoc_date start, day;
	int days = dondoc_date_to_days(today), back;

	switch (set->head_digest) {
	case DONDOC_HEAD_DIGEST_IMMEDIATE:
		*day_r = *today;
		*period_r = t_strconcat("immediate:",
					dondoc_date_to_str(today), NULL);
		return;
	case DONDOC_HEAD_DIGEST_DAILY:
		if (dondoc_calendar_is_workday(cal, today))
			day = *today;
		else
			dondoc_calendar_last_workday_before(cal, today, &day);
		*day_r = day;
		*period_r = t_strconcat("daily:", dondoc_date_to_str(&day),
					NULL);
		return;
	case DONDOC_HEAD_DIGEST_WEEKLY:
		break;
	}
	back = (dondoc_days_weekday(days) - (int)set->head_digest_wday + 7) % 7;
	dondoc_date_from_days(days - back, &start);
	dondoc_calendar_add_workdays(cal, &start, 0, &day);
	if (dondoc_date_to_days(&day) > days) {
		/* this week's digest day is still ahead: last week's */
		dondoc_date_from_days(days - back - 7, &start);
		dondoc_calendar_add_workdays(cal, &start, 0, &day);
	}
	*day_r = day;
	*period_r = t_strconcat("weekly:", dondoc_date_to_str(&start), NULL);
}

static const char *head_vn_date(const struct dondoc_date *date)
{
	return t_strdup_printf("%02d/%02d/%04d", date->day, date->month,
			       date->year);
}

ARRAY_DEFINE_TYPE(head_attachment, struct dondoc_compose_attachment);

/* The originals the digest carries, within budget, once per document
   mail; notes say why the others are not. */
static void head_digest_attachments(const struct dondoc_actions_env *env,
				    const struct dondoc_head_item *items,
				    unsigned int count,
				    ARRAY_TYPE(const_string) *notes,
				    bool *attached,
				    ARRAY_TYPE(head_attachment) *atts)
{
	struct dondoc_compose_attachment att;
	size_t budget = I_MIN(env->set->attach_max,
			      DONDOC_STORE_MAX_MAIL - HEAD_DIGEST_TEXT_RESERVE);
	unsigned int i, j;
	const char *note;

	for (i = 0; i < count; i++) {
		const struct dondoc_head_item *item = &items[i];

		note = NULL;
		attached[i] = FALSE;
		for (j = 0; j < i; j++) {
			if (item->message_id != NULL &&
			    null_strcmp(items[j].message_id,
					item->message_id) == 0)
				break;
		}
		if (j < i) {
			attached[i] = attached[j];
			if (attached[i])
				note = "thư gốc: đính kèm ở mục trên";
		} else if (item->secret && item->original_size > 0) {
			note = "văn bản có độ mật: thư gốc không đính kèm";
		} else if (item->original != NULL &&
			   dondoc_compose_attachable(item->original,
						     item->original_len,
						     budget, &att)) {
			array_push_back(atts, &att);
			budget -= att.len;
			attached[i] = TRUE;
			note = t_strdup_printf("thư gốc đính kèm (tệp %u)",
					       array_count(atts));
		} else if (item->original_size > 0) {
			note = t_strdup_printf("thư gốc (%zu byte) không đính "
				"kèm: vượt giới hạn dondoc_escalate_attach_max",
				item->original_size);
		}
		array_push_back(notes, &note);
	}
}

/* The names the digest addresses agencies by ("Công an tỉnh"). */
static int head_digest_agency_names(const struct dondoc_actions_env *env,
				    const struct dondoc_head_item *items,
				    unsigned int count, const char **names,
				    const char **error_r)
{
	struct dondoc_agency agency;
	unsigned int i, j;
	int ret;

	for (i = 0; i < count; i++) {
		names[i] = NULL;
		if (items[i].agency == NULL)
			continue;
		for (j = 0; j < i; j++) {
			if (null_strcmp(items[j].agency, items[i].agency) == 0)
				break;
		}
		if (j < i) {
			names[i] = names[j];
			continue;
		}
		ret = dondoc_store_agency_get(env->store,
			pool_datastack_create(), items[i].agency, &agency,
			error_r);
		if (ret < 0)
			return -1;
		if (ret > 0 && agency.name != NULL && agency.name[0] != '\0')
			names[i] = agency.name;
	}
	return 0;
}

/* One recipient's digest: built, composed and queued in one
   transaction. Returns 1 built, 0 nothing to build, -1 error. */
static int head_digest_build(const struct dondoc_actions_env *env,
			     const char *period, const char *label,
			     const char *recipient,
			     struct dondoc_head_digest_result *result,
			     const char **error_r)
{
	ARRAY_TYPE(dondoc_head_item) items;
	ARRAY_TYPE(const_string) notes;
	ARRAY_TYPE(head_attachment) atts;
	struct dondoc_head_digest_text text_in;
	struct dondoc_template_values values;
	struct dondoc_date today;
	const char **names;
	struct dondoc_compose_input in;
	struct dondoc_tracking tracking;
	string_t *data, *mixed;
	unsigned int count;
	bool *attached, sent;
	int ret;

	if (dondoc_store_begin(env->store, error_r) < 0)
		return -1;
	t_array_init(&items, 16);
	ret = dondoc_store_head_digest_take(env->store,
		pool_datastack_create(), period, recipient, &items, error_r);
	if (ret <= 0) {
		dondoc_store_rollback(env->store);
		return ret;
	}
	count = array_count(&items);
	t_array_init(&notes, count);
	t_array_init(&atts, 4);
	attached = t_new(bool, count);
	head_digest_attachments(env, array_front(&items),
				count, &notes,
				attached, &atts);
	i_zero(&text_in);
	text_in.templates = &env->set->templates;
	text_in.period_label = label;
	dondoc_tracker_vn_date(env->now, &today);
	text_in.today = head_vn_date(&today);
	text_in.items = array_front(&items);
	names = t_new(const char *, count);
	if (head_digest_agency_names(env, text_in.items, count, names,
				     error_r) < 0) {
		dondoc_store_rollback(env->store);
		return -1;
	}
	text_in.agency_names = names;
	text_in.count = count;
	text_in.attached = attached;
	text_in.note = array_front(&notes);
	dondoc_head_digest_values(&text_in, &values);

	i_zero(&tracking);
	tracking.match = DONDOC_MATCH_NONE;
	i_zero(&in);
	in.kind = DONDOC_OUTBOX_ESCALATE;
	in.from_address = env->set->from_address;
	in.from_name = env->set->from_name;
	in.to_address = recipient;
	in.message_id = env->new_message_id(env->context);
	in.date = env->now;
	in.tracking = &tracking;
	in.templates = &env->set->templates;
	in.values = &values;
	data = t_str_new(8192);
	dondoc_compose_mail(&in, data);
	if (array_count(&atts) > 0) {
		mixed = t_str_new(str_len(data) + 4096);
		dondoc_compose_attach(str_c(data), array_front(&atts),
				      array_count(&atts), mixed);
		data = mixed;
	}
	ret = dondoc_actions_queue_data(env, DONDOC_OUTBOX_ESCALATE, NULL,
		recipient, t_strdup_printf("head-digest:%s:%s", period,
					   recipient),
		in.message_id, str_c(data), &sent, error_r);
	if (ret < 0) {
		dondoc_store_rollback(env->store);
		return -1;
	}
	if (dondoc_store_commit(env->store, error_r) < 0)
		return -1;
	result->digests++;
	result->items += count;
	return 1;
}

int dondoc_head_digest_run(const struct dondoc_actions_env *env,
			   struct dondoc_calendar *cal,
			   const struct dondoc_date *today,
			   struct dondoc_head_digest_result *result_r,
			   const char **error_r)
{
	ARRAY_TYPE(const_string) rcpts;
	ARRAY_TYPE(dondoc_actions_pending) pending;
	const char *const *rcpt, *period, *label, *error;
	struct dondoc_actions_env denv = *env;
	struct dondoc_date day;
	int ret = 0;

	i_zero(result_r);
	dondoc_head_digest_period(cal, env->set, today, &period, &day);
	label = env->set->head_digest == DONDOC_HEAD_DIGEST_WEEKLY ?
		t_strdup_printf("tuần đến ngày %s", head_vn_date(&day)) :
		t_strdup_printf("ngày %s", head_vn_date(&day));
	t_array_init(&rcpts, 4);
	if (dondoc_store_head_pending_recipients(env->store,
			pool_datastack_create(), &rcpts, error_r) < 0)
		return -1;
	if (array_count(&rcpts) == 0)
		return 0;
	/* Sent after each commit: never before the row that keeps it
	   once is on disk. */
	t_array_init(&pending, 4);
	denv.pending = env->send != NULL ? &pending : NULL;
	denv.pending_pool = pool_datastack_create();
	array_foreach(&rcpts, rcpt) {
		if (head_digest_build(&denv, period, label, *rcpt, result_r,
				      error_r) < 0)
			return -1;
		if (array_count(&pending) == 0)
			continue;
		ret = dondoc_actions_send_pending(&denv, &error);
		if (ret > 0)
			result_r->sent += ret;
		array_clear(&pending);
		if (ret < 0) {
			*error_r = error;
			return -1;
		}
	}
	return 0;
}
