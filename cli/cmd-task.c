/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc task add|list|show|close|mark-overdue: what each agency owes.
   A thin adapter; the store validates and bounds every value, and the
   task state machine (lib/store/dondoc-task-state.c) decides what may close. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "time-util.h"

#include "dondoc-store.h"
#include "dondoc-cli.h"
#include "cli-settings.h"
#include "cli-listing.h"

#include <stdio.h>
#include <time.h>

enum task_opt {
	OPT_CODE, OPT_AGENCY, OPT_TITLE, OPT_DUE, OPT_TYPE, OPT_PERIOD,
	OPT_ASSIGNER, OPT_SOURCE_TYPE, OPT_SOURCE_NUMBER, OPT_SOURCE_SYMBOL,
	OPT_STATUS, OPT_REASON, OPT_TODAY, OPT_JSON, OPT_SOURCE,
	OPT_COUNT
};

static int task_add(struct cli_context *ctx, struct cli_option *opt)
{
	struct dondoc_task task;
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (opt[OPT_CODE].value == NULL || opt[OPT_AGENCY].value == NULL ||
	    opt[OPT_TITLE].value == NULL || opt[OPT_DUE].value == NULL)
		return cli_usage(&cmd_task);
	i_zero(&task);
	task.code = opt[OPT_CODE].value;
	task.agency = opt[OPT_AGENCY].value;
	task.title = opt[OPT_TITLE].value;
	task.doc_type = opt[OPT_TYPE].value;
	task.assigner = opt[OPT_ASSIGNER].value;
	task.source_type = opt[OPT_SOURCE_TYPE].value;
	task.source_number = opt[OPT_SOURCE_NUMBER].value;
	task.source_symbol = opt[OPT_SOURCE_SYMBOL].value;
	if (!dondoc_date_parse(opt[OPT_DUE].value, &task.due)) {
		cli_error("invalid due date '%s' (expected YYYY-MM-DD)",
			  t_strcut(opt[OPT_DUE].value, '\n'));
		return CLI_EXIT_FAILURE;
	}
	if (opt[OPT_PERIOD].value != NULL &&
	    !dondoc_period_parse(opt[OPT_PERIOD].value, &task.period)) {
		cli_error("invalid period '%s' (expected KIND:YEAR:INDEX, "
			  "KIND one of Y H Q B M E)",
			  t_strcut(opt[OPT_PERIOD].value, '\n'));
		return CLI_EXIT_FAILURE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_task_add(store, &task, NULL, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	if (ret == 0) {
		cli_error("task %s already exists", task.code);
		return CLI_EXIT_FAILURE;
	}
	printf("added task %s\n", task.code);
	return CLI_EXIT_OK;
}

/* "12/TB-BCĐ" -> number 12, symbol TB-BCĐ; "TB-BCĐ" -> symbol only. */
static int cli_parse_source(const char *value, const char **number_r,
		     const char **symbol_r)
{
	const char *slash = strchr(value, '/');

	if (slash == NULL) {
		*number_r = NULL;
		*symbol_r = value;
	} else {
		*number_r = t_strdup_until(value, slash);
		*symbol_r = slash + 1;
	}
	if (**symbol_r == '\0' || (*number_r != NULL && **number_r == '\0')) {
		cli_error("invalid document '%s' (expected NUMBER/SYMBOL, "
			  "e.g. 12/TB-BCĐ)", t_strcut(value, '\n'));
		return -1;
	}
	return 0;
}

/* Apply the agency and status filters to tasks found another way. */
static void task_list_filter(ARRAY_TYPE(dondoc_task) *tasks,
			     const struct dondoc_task_filter *filter)
{
	const struct dondoc_task *task;
	unsigned int i = 0;

	while (i < array_count(tasks)) {
		task = array_idx(tasks, i);
		if ((filter->agency != NULL &&
		     strcasecmp(task->agency, filter->agency) != 0) ||
		    (filter->status_mask != 0 &&
		     (filter->status_mask & (1U << task->status)) == 0))
			array_delete(tasks, i, 1);
		else
			i++;
	}
}

struct task_list_ctx {
	bool json;
	unsigned int count;
	/* every row is formatted into this one buffer, written out in
	   large chunks (cli-listing.h) */
	string_t *out;
};

/* One row, formatted without printf: the listing of a million tasks
   needs no more memory than the listing of one, and little time. */
static int task_list_row(const struct dondoc_task *task, void *context,
			 const char **error_r ATTR_UNUSED)
{
	struct task_list_ctx *lctx = context;
	string_t *out = lctx->out;

	if (lctx->json) {
		if (lctx->count > 0)
			str_append_c(out, ',');
		cli_json_task(out, task);
	} else {
		/* "%s\t%s\t%s\t%s\t%s\n" */
		cli_append_text(out, task->code);
		str_append_c(out, '\t');
		cli_append_text(out, task->agency);
		str_append_c(out, '\t');
		cli_append_date(out, &task->due);
		str_append_c(out, '\t');
		cli_append_text(out, dondoc_task_status_name(task->status));
		str_append_c(out, '\t');
		cli_append_text(out, task->title);
		str_append_c(out, '\n');
	}
	lctx->count++;
	cli_listing_row_end(out);
	return 0;
}

/* The tasks a document assigned (--source), with the other filters
   applied here: few, so an array. */
static int task_list_source(struct dondoc_store *store,
			    const struct dondoc_task_filter *filter,
			    const char *number, const char *symbol,
			    struct task_list_ctx *lctx, const char **error_r)
{
	ARRAY_TYPE(dondoc_task) tasks;
	const struct dondoc_task *task;

	t_array_init(&tasks, 16);
	if (dondoc_store_tasks_by_source(store, pool_datastack_create(),
					 symbol, number, &tasks, error_r) < 0)
		return -1;
	task_list_filter(&tasks, filter);
	array_foreach(&tasks, task)
		(void)task_list_row(task, lctx, error_r);
	return 0;
}

static int task_list(struct cli_context *ctx, struct cli_option *opt)
{
	struct dondoc_task_filter filter;
	struct task_list_ctx lctx = { .json = opt[OPT_JSON].value != NULL };
	struct dondoc_store *store;
	const char *const *statuses, *error;
	const char *src_number = NULL, *src_symbol = NULL;
	enum dondoc_task_status status;
	unsigned int i;
	int ret;

	i_zero(&filter);
	filter.agency = opt[OPT_AGENCY].value;
	/* the text form prints five columns: one agency's come from an
	   index alone */
	filter.brief = !lctx.json;
	if (opt[OPT_STATUS].value != NULL) {
		/* --status open,overdue */
		statuses = t_strsplit(opt[OPT_STATUS].value, ",");
		for (i = 0; statuses[i] != NULL; i++) {
			if (!dondoc_task_status_parse(statuses[i], &status)) {
				cli_error("unknown status '%s' (open, overdue, "
					  "submitted, submitted-late, closed)",
					  t_strcut(statuses[i], '\n'));
				return CLI_EXIT_FAILURE;
			}
			filter.status_mask |= 1U << status;
		}
	}
	if (opt[OPT_SOURCE].value != NULL &&
	    cli_parse_source(opt[OPT_SOURCE].value, &src_number,
			     &src_symbol) < 0)
		return CLI_EXIT_FAILURE;
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	lctx.out = cli_listing_init();
	if (lctx.json)
		str_append_c(lctx.out, '[');
	if (src_symbol != NULL) {
		ret = task_list_source(store, &filter, src_number, src_symbol,
				       &lctx, &error);
	} else {
		ret = dondoc_store_task_iterate(store, &filter, task_list_row,
						&lctx, &error);
	}
	cli_store_close(ctx, &store);
	if (lctx.json)
		str_append(lctx.out, "]\n");
	cli_listing_deinit(&lctx.out);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	return CLI_EXIT_OK;
}

static void task_show_text(const struct dondoc_task *task,
			   const ARRAY_TYPE(dondoc_submission) *subs,
			   const ARRAY_TYPE(dondoc_audit_entry) *audit)
{
	const struct dondoc_submission *sub;
	const struct dondoc_audit_entry *e;

	printf("code: %s\nagency: %s\ntitle: %s\ndue: %s\nstatus: %s\n",
	       task->code, task->agency, task->title,
	       dondoc_date_to_str(&task->due),
	       dondoc_task_status_name(task->status));
	if (task->doc_type != NULL)
		printf("type: %s\n", task->doc_type);
	if (task->period.kind != '\0')
		printf("period: %s\n", dondoc_period_to_str(&task->period));
	if (task->obligation != NULL)
		printf("obligation: %s\n", task->obligation);
	if (task->assigner != NULL)
		printf("assigner: %s\n", task->assigner);
	if (task->source_symbol != NULL)
		printf("source: %s %s/%s\n", task->source_type == NULL ? "" :
		       task->source_type, task->source_number == NULL ? "" :
		       task->source_number, task->source_symbol);
	array_foreach(subs, sub) {
		printf("submission: %s %s %s late_days=%u %s\n",
		       sub->message_id, t_strflocaltime("%Y-%m-%d %H:%M",
							sub->received_at),
		       sub->late ? "late" : "on-time", sub->late_days,
		       sub->trust == DONDOC_TRUST_VERIFIED ? "verified" :
		       "unverified");
	}
	array_foreach(audit, e) {
		printf("history: %s %s %s -> %s (%s)\n",
		       t_strflocaltime("%Y-%m-%d %H:%M:%S", e->at), e->action,
		       e->old_value == NULL ? "-" : e->old_value,
		       e->new_value == NULL ? "-" : e->new_value,
		       e->actor == NULL ? "-" : e->actor);
	}
}

static void task_show_json(const struct dondoc_task *task,
			   const ARRAY_TYPE(dondoc_submission) *subs,
			   const ARRAY_TYPE(dondoc_audit_entry) *audit)
{
	const struct dondoc_submission *sub;
	const struct dondoc_audit_entry *e;
	string_t *out = t_str_new(1024);

	cli_json_task(out, task);
	str_truncate(out, str_len(out) - 1);
	str_append(out, ",\"submissions\":[");
	array_foreach(subs, sub) {
		if (sub != array_front(subs))
			str_append_c(out, ',');
		str_append_c(out, '{');
		cli_json_str(out, "message_id", sub->message_id, TRUE);
		cli_json_int(out, "received_at", (long long)sub->received_at);
		cli_json_str(out, "timeliness", sub->late ? "late" : "on-time",
			     FALSE);
		cli_json_int(out, "late_days", sub->late_days);
		cli_json_str(out, "trust", sub->trust == DONDOC_TRUST_VERIFIED ?
			     "verified" : "unverified", FALSE);
		cli_json_str(out, "match", dondoc_match_kind_name(sub->match),
			     FALSE);
		str_append_c(out, '}');
	}
	str_append(out, "],\"history\":[");
	array_foreach(audit, e) {
		if (e != array_front(audit))
			str_append_c(out, ',');
		str_printfa(out, "{\"at\":%lld", (long long)e->at);
		cli_json_str(out, "action", e->action, FALSE);
		cli_json_str(out, "old", e->old_value, FALSE);
		cli_json_str(out, "new", e->new_value, FALSE);
		cli_json_str(out, "actor", e->actor, FALSE);
		str_append_c(out, '}');
	}
	str_append(out, "]}");
	cli_print(out);
}

static int task_show(struct cli_context *ctx, const char *code, bool json)
{
	ARRAY_TYPE(dondoc_submission) subs;
	ARRAY_TYPE(dondoc_audit_entry) audit;
	struct dondoc_task task;
	struct dondoc_store *store;
	pool_t pool = pool_datastack_create();
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&subs, 4);
	t_array_init(&audit, 8);
	ret = dondoc_store_task_by_code(store, pool, code, &task, &error);
	if (ret > 0 &&
	    (dondoc_store_submission_list(store, pool, task.code, &subs,
					  &error) < 0 ||
	     dondoc_store_audit_list(store, pool, "task", task.code, &audit,
				     &error) < 0))
		ret = -1;
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	if (ret == 0) {
		cli_error("no task '%s'", t_strcut(code, '\n'));
		return CLI_EXIT_FAILURE;
	}
	if (json)
		task_show_json(&task, &subs, &audit);
	else
		task_show_text(&task, &subs, &audit);
	return CLI_EXIT_OK;
}

static int task_close(struct cli_context *ctx, const char *code,
		      const char *reason)
{
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_task_transition(store, code, DONDOC_TASK_CLOSED,
		reason == NULL ? "closed by an administrator" : reason,
		&error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("closed task %s\n", code);
	return CLI_EXIT_OK;
}

static int task_mark_overdue(struct cli_context *ctx, const char *today_str)
{
	struct dondoc_store *store;
	struct dondoc_date today;
	unsigned int count;
	const char *error;
	int ret;

	if (today_str == NULL)
		today_str = t_strflocaltime("%Y-%m-%d", time(NULL));
	if (!dondoc_date_parse(today_str, &today)) {
		cli_error("invalid date '%s'", t_strcut(today_str, '\n'));
		return CLI_EXIT_FAILURE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_tasks_mark_overdue(store, &today, &count, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("%u task(s) now overdue\n", count);
	return CLI_EXIT_OK;
}

/* Which options each subcommand accepts. */
static bool task_options_only(const struct cli_option *opt,
			      const enum task_opt *allowed, unsigned int count)
{
	unsigned int i, j;

	for (i = 0; i < OPT_COUNT; i++) {
		if (opt[i].value == NULL)
			continue;
		for (j = 0; j < count; j++) {
			if (allowed[j] == i)
				break;
		}
		if (j == count) {
			cli_error("%s is not an option of this command",
				  opt[i].name);
			return FALSE;
		}
	}
	return TRUE;
}

static int cmd_task_run(struct cli_context *ctx, int argc,
			const char *const *argv)
{
	struct cli_option opt[OPT_COUNT] = {
		[OPT_CODE] = { .name = "--code", .has_value = TRUE },
		[OPT_AGENCY] = { .name = "--agency", .has_value = TRUE },
		[OPT_TITLE] = { .name = "--title", .has_value = TRUE },
		[OPT_DUE] = { .name = "--due", .has_value = TRUE },
		[OPT_TYPE] = { .name = "--type", .has_value = TRUE },
		[OPT_PERIOD] = { .name = "--period", .has_value = TRUE },
		[OPT_ASSIGNER] = { .name = "--assigner", .has_value = TRUE },
		[OPT_SOURCE_TYPE] = { .name = "--source-type",
				      .has_value = TRUE },
		[OPT_SOURCE_NUMBER] = { .name = "--source-number",
					.has_value = TRUE },
		[OPT_SOURCE_SYMBOL] = { .name = "--source-symbol",
					.has_value = TRUE },
		[OPT_STATUS] = { .name = "--status", .has_value = TRUE },
		[OPT_REASON] = { .name = "--reason", .has_value = TRUE },
		[OPT_TODAY] = { .name = "--today", .has_value = TRUE },
		[OPT_JSON] = { .name = "--json" },
		[OPT_SOURCE] = { .name = "--source", .has_value = TRUE },
	};
	static const enum task_opt add_opts[] = {
		OPT_CODE, OPT_AGENCY, OPT_TITLE, OPT_DUE, OPT_TYPE, OPT_PERIOD,
		OPT_ASSIGNER, OPT_SOURCE_TYPE, OPT_SOURCE_NUMBER,
		OPT_SOURCE_SYMBOL,
	};
	static const enum task_opt list_opts[] = {
		OPT_STATUS, OPT_AGENCY, OPT_JSON, OPT_SOURCE,
	};
	static const enum task_opt show_opts[] = { OPT_JSON };
	static const enum task_opt close_opts[] = { OPT_REASON };
	static const enum task_opt overdue_opts[] = { OPT_TODAY };
	const char *pos[2];
	unsigned int npos;

	if (!cli_options_parse(ctx, argc, argv, opt, N_ELEMENTS(opt), pos,
			       N_ELEMENTS(pos), &npos) || npos == 0)
		return cli_usage(&cmd_task);
	if (strcmp(pos[0], "add") == 0 && npos == 1) {
		if (!task_options_only(opt, add_opts, N_ELEMENTS(add_opts)))
			return cli_usage(&cmd_task);
		return task_add(ctx, opt);
	}
	if (strcmp(pos[0], "list") == 0 && npos == 1) {
		if (!task_options_only(opt, list_opts, N_ELEMENTS(list_opts)))
			return cli_usage(&cmd_task);
		return task_list(ctx, opt);
	}
	if (strcmp(pos[0], "show") == 0 && npos == 2) {
		if (!task_options_only(opt, show_opts, N_ELEMENTS(show_opts)))
			return cli_usage(&cmd_task);
		return task_show(ctx, pos[1], opt[OPT_JSON].value != NULL);
	}
	if (strcmp(pos[0], "close") == 0 && npos == 2) {
		if (!task_options_only(opt, close_opts, N_ELEMENTS(close_opts)))
			return cli_usage(&cmd_task);
		return task_close(ctx, pos[1], opt[OPT_REASON].value);
	}
	if (strcmp(pos[0], "mark-overdue") == 0 && npos == 1) {
		if (!task_options_only(opt, overdue_opts,
				       N_ELEMENTS(overdue_opts)))
			return cli_usage(&cmd_task);
		return task_mark_overdue(ctx, opt[OPT_TODAY].value);
	}
	return cli_usage(&cmd_task);
}

const struct cli_command cmd_task = {
	.name = "task",
	.summary = "what each agency owes and when",
	.usage = "add --code CODE --agency CODE --title TEXT --due YYYY-MM-DD "
		"[--type BC] [--period KIND:YEAR:INDEX] [--assigner X] "
		"[--source-type T --source-number N --source-symbol S] | "
		"list [--status S[,S]] [--agency CODE] "
		"[--source NUMBER/SYMBOL] [--json] | "
		"show CODE [--json] | close CODE [--reason TEXT] | "
		"mark-overdue [--today YYYY-MM-DD]",
	.run = cmd_task_run,
};
