/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Members ask by mail (the Sieve "status" action): a verified member who
   writes to the secretariat's status address (the reply address with
   the detail "+status") gets one mail listing the open and overdue tasks
   of their own agency, each with its due date and its signed reply
   address. Trusts only the server's evidence: an unverified sender, one
   the store does not know, or an envelope sender that is not the
   verified one gets nothing; the auto-reply rules of RFC 3834 apply; at
   most one answer per sender and hour (the outbox's duplicate key).
   Other agencies' tasks never appear: the list is the store's for the
   sender's own agency. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "dondoc-autoreply.h"
#include "dondoc-replyaddr.h"
#include "dondoc-msginfo.h"
#include "dondoc-status.h"

/* At most this many tasks listed (the oldest due first). */
#define STATUS_MAX_TASKS 100

static const char *status_date(const struct dondoc_date *d)
{
	return t_strdup_printf("%02d/%02d/%d", d->day, d->month, d->year);
}

/* The fields of the answer: the agency and the list of its tasks. */
static int status_values(const struct dondoc_actions_env *env,
			 const struct dondoc_date *today,
			 struct dondoc_template_values *values,
			 unsigned int *count_r, const char **error_r)
{
	const struct dondoc_tracking *t = env->tracking;
	struct dondoc_task_filter filter = {
		.agency = t->agency,
		.status_mask = (1 << DONDOC_TASK_OPEN) |
			(1 << DONDOC_TASK_OVERDUE),
		.limit = STATUS_MAX_TASKS + 1,
	};
	ARRAY_TYPE(dondoc_task) tasks;
	const struct dondoc_task *task;
	struct dondoc_agency agency;
	const char *addr;
	string_t *text = t_str_new(2048);
	unsigned int n = 0;
	int ret;

	ret = dondoc_store_agency_get(env->store, pool_datastack_create(),
				      t->agency, &agency, error_r);
	if (ret < 0)
		return -1;
	t_array_init(&tasks, 16);
	if (dondoc_store_task_list(env->store, pool_datastack_create(),
				   &filter, &tasks, error_r) < 0)
		return -1;
	dondoc_template_mail_values(values, "status", &env->set->templates,
				    status_date(today));
	dondoc_template_set(values, "agency.code", t->agency);
	dondoc_template_set(values, "agency.name", ret > 0 ? agency.name :
			    t->agency);
	array_foreach(&tasks, task) {
		bool overdue = task->status == DONDOC_TASK_OVERDUE ||
			dondoc_date_to_days(&task->due) <
			dondoc_date_to_days(today);

		if (str_len(text) > 0)
			str_append(text, "\n\n");
		if (++n > STATUS_MAX_TASKS) {
			str_printfa(text, "(còn các nhiệm vụ khác: chỉ liệt kê "
				    "%u nhiệm vụ đầu tiên)", STATUS_MAX_TASKS);
			break;
		}
		str_printfa(text, "%u. [%s] %s\n   Hạn: %s%s", n, task->code,
			    task->title, status_date(&task->due),
			    overdue ? " (quá hạn)" : "");
		addr = dondoc_replyaddr_for(env->set->secret,
					    env->set->reply_address,
					    task->code);
		if (addr != NULL)
			str_printfa(text, "\n   Gửi báo cáo về: %s", addr);
	}
	dondoc_template_set(values, "tasks", str_c(text));
	*count_r = array_count(&tasks);
	dondoc_template_set(values, "count", dec2str(*count_r));
	return 0;
}

int dondoc_actions_status(const struct dondoc_actions_env *env,
			  bool *sent_r, const char **reason_r,
			  const char **error_r)
{
	const struct dondoc_tracking *t = env->tracking;
	struct dondoc_autoreply_input in = {
		.envelope_sender = env->msg->envelope_sender,
		.get_header = dondoc_msginfo_header_nth,
		.context = env->headers,
		.header_truncated =
			dondoc_msginfo_headers_truncated(env->headers),
		.own_addresses = dondoc_actions_own_addresses(env->set),
	};
	struct dondoc_tracking answer;
	struct dondoc_template_values values;
	struct dondoc_date today;
	const char *key;
	unsigned int count;
	int ret;

	*sent_r = FALSE;
	if (!t->trust.verified || !t->have_person || t->agency == NULL) {
		*reason_r = "sender not a verified member";
		return 0;
	}
	if (env->msg->envelope_sender == NULL ||
	    strcasecmp(env->msg->envelope_sender, t->trust.address) != 0 ||
	    !dondoc_store_email_is_valid(env->msg->envelope_sender)) {
		*reason_r = "envelope sender is not the verified sender";
		return 0;
	}
	if (!dondoc_autoreply_allowed(&in, reason_r))
		return 0;
	dondoc_tracker_vn_date(env->now, &today);
	if (status_values(env, &today, &values, &count, error_r) < 0)
		return -1;
	/* the answer is about no one document and no one task */
	answer = *t;
	answer.document = NULL;
	answer.match = DONDOC_MATCH_NONE;
	answer.secret = FALSE;
	/* once per sender and hour (Vietnam time) */
	key = t_strdup_printf("status:%s:%s:%02d",
			      t_str_lcase(env->msg->envelope_sender),
			      dondoc_date_to_str(&today),
			      (int)(((env->now + 7 * 3600) % 86400) / 3600));
	ret = dondoc_actions_queue_rendered(env, &answer,
		env->msg->envelope_sender, key, &values, sent_r, error_r);
	if (ret == 0)
		*reason_r = "already answered this hour";
	return ret;
}
