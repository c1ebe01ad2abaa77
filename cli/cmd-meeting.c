/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc meeting add|list|show: the committee's meetings, as recorded by
   the mail plugin from the notices the secretariat sends out (or added by
   hand), with the notice period O6 asks for and the per-meeting tasks.
   A thin adapter; the store validates and bounds every value. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "time-util.h"

#include "dondoc-store.h"
#include "dondoc-outgoing.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>
#include <time.h>

/* O6: at least this many working days between notice and meeting. */
#define MEETING_NOTICE_MIN_WORKDAYS 2
#define VN_UTC_OFFSET_SECS (7 * 3600)

enum meeting_opt {
	OPT_CODE, OPT_DATE, OPT_TIME, OPT_PLACE, OPT_TITLE, OPT_CHAIR,
	OPT_JSON, OPT_TASKS,
	OPT_COUNT
};

/* A moment as ISO 8601 in Vietnam's time (UTC+7). */
static const char *meeting_iso8601(time_t t)
{
	time_t local = t + VN_UTC_OFFSET_SECS;
	struct tm *tm = gmtime(&local);

	return t_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02d+07:00",
			       tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
			       tm->tm_hour, tm->tm_min, tm->tm_sec);
}

static void meeting_json(string_t *out, const struct dondoc_meeting *m)
{
	str_append_c(out, '{');
	cli_json_str(out, "code", m->code, TRUE);
	cli_json_str(out, "title", m->title, FALSE);
	cli_json_str(out, "date", dondoc_date_to_str(&m->date), FALSE);
	cli_json_str(out, "time", m->time, FALSE);
	cli_json_str(out, "place", m->place, FALSE);
	cli_json_str(out, "chair", m->chair, FALSE);
	cli_json_str(out, "convener", m->convener, FALSE);
	if (m->notice_sent != 0) {
		cli_json_str(out, "notice_sent",
			     meeting_iso8601(m->notice_sent), FALSE);
		cli_json_int(out, "notice_workdays", m->notice_workdays);
		str_printfa(out, ",\"notice_ok\":%s",
			    m->notice_workdays >= MEETING_NOTICE_MIN_WORKDAYS ?
			    "true" : "false");
		cli_json_str(out, "notice", m->notice_symbol == NULL ? NULL :
			     t_strdup_printf("%s%s%s", m->notice_number == NULL ?
					     "" : m->notice_number,
					     m->notice_number == NULL ? "" : "/",
					     m->notice_symbol), FALSE);
		cli_json_str(out, "notice_message_id", m->notice_message_id,
			     FALSE);
	} else {
		str_append(out, ",\"notice_sent\":null,\"notice_workdays\":null,"
			   "\"notice_ok\":null,\"notice\":null,"
			   "\"notice_message_id\":null");
	}
	str_append_c(out, '}');
}

static const char *meeting_line(const struct dondoc_meeting *m)
{
	return t_strdup_printf("%s\t%s\t%s\t%s\t%s\t%s", m->code,
		dondoc_date_to_str(&m->date), m->time == NULL ? "-" : m->time,
		m->notice_sent == 0 ? "-" : meeting_iso8601(m->notice_sent),
		m->notice_sent == 0 ? "-" :
		m->notice_workdays >= MEETING_NOTICE_MIN_WORKDAYS ?
		t_strdup_printf("notice-ok(%d)", m->notice_workdays) :
		t_strdup_printf("notice-late(%d)", m->notice_workdays),
		m->place == NULL ? "-" : m->place);
}

/* The meeting; with --tasks, its per-meeting tasks too, as a notice
   sent out would create them. */
static int meeting_add(struct cli_context *ctx, struct cli_option *opt)
{
	struct dondoc_outgoing_settings set;
	struct dondoc_outgoing_result result;
	struct dondoc_calendar *cal;
	struct dondoc_meeting m;
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (opt[OPT_CODE].value == NULL || opt[OPT_DATE].value == NULL)
		return cli_usage(&cmd_meeting);
	i_zero(&m);
	m.code = opt[OPT_CODE].value;
	m.title = opt[OPT_TITLE].value != NULL ? opt[OPT_TITLE].value :
		"Họp Ban Chỉ đạo";
	m.time = opt[OPT_TIME].value;
	m.place = opt[OPT_PLACE].value;
	m.chair = opt[OPT_CHAIR].value;
	if (!dondoc_date_parse(opt[OPT_DATE].value, &m.date)) {
		cli_error("invalid date '%s' (expected YYYY-MM-DD)",
			  t_strcut(opt[OPT_DATE].value, '\n'));
		return CLI_EXIT_FAILURE;
	}
	dondoc_outgoing_settings_read(cli_setting_get, NULL, &set);
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	i_zero(&result);
	if (opt[OPT_TASKS].value == NULL)
		ret = dondoc_store_meeting_add(store, &m, NULL, &error);
	else if ((ret = dondoc_store_calendar_get(store, &cal, &error)) == 0)
		ret = dondoc_outgoing_meeting_add(store, cal, &set, &m,
						  &result, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	if (ret == 0) {
		cli_error("meeting %s already exists", m.code);
		return CLI_EXIT_FAILURE;
	}
	printf("added meeting %s: %u task(s) created, %u closed\n", m.code,
	       result.tasks_created, result.tasks_closed);
	return CLI_EXIT_OK;
}

static int meeting_list(struct cli_context *ctx, bool json)
{
	ARRAY_TYPE(dondoc_meeting) meetings;
	const struct dondoc_meeting *m;
	struct dondoc_store *store;
	string_t *out = t_str_new(2048);
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&meetings, 16);
	ret = dondoc_store_meeting_list(store, pool_datastack_create(),
					&meetings, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	cli_list_begin(out, json);
	array_foreach(&meetings, m) {
		cli_list_item(out, json);
		if (json)
			meeting_json(out, m);
		else
			str_printfa(out, "%s\n", meeting_line(m));
	}
	cli_list_end(out, json);
	return CLI_EXIT_OK;
}

static void attendance_json(string_t *out,
			    const struct dondoc_meeting_attendance *a)
{
	str_append_c(out, '{');
	cli_json_str(out, "agency", a->agency, TRUE);
	cli_json_str(out, "kind", dondoc_attendance_row_kind_name(a->kind),
		     FALSE);
	cli_json_str(out, "delegate", a->delegate, FALSE);
	cli_json_str(out, "message_id", a->message_id, FALSE);
	cli_json_str(out, "document", a->doc_symbol == NULL ? NULL :
		     t_strdup_printf("%s%s%s", a->doc_number == NULL ? "" :
				     a->doc_number,
				     a->doc_number == NULL ? "" : "/",
				     a->doc_symbol), FALSE);
	cli_json_str(out, "received", meeting_iso8601(a->received_at), FALSE);
	cli_json_str(out, "consent", a->consent_at == 0 ? NULL :
		     meeting_iso8601(a->consent_at), FALSE);
	cli_json_str(out, "consent_message_id", a->consent_message_id, FALSE);
	str_append_c(out, '}');
}

/* The meeting, who does not attend it (O8), and the tasks it created
   (their codes start with its code). */
static int meeting_show(struct cli_context *ctx, const char *code, bool json)
{
	struct dondoc_task_filter filter;
	ARRAY_TYPE(dondoc_task) tasks;
	ARRAY_TYPE(dondoc_meeting_attendance) rows;
	const struct dondoc_meeting_attendance *a;
	const struct dondoc_task *task;
	struct dondoc_meeting m;
	struct dondoc_store *store;
	pool_t pool = pool_datastack_create();
	string_t *out = t_str_new(2048);
	const char *error, *prefix;
	bool first = TRUE;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&tasks, 64);
	t_array_init(&rows, 16);
	i_zero(&filter);
	ret = dondoc_store_meeting_get(store, pool, code, &m, &error);
	if (ret > 0 && (dondoc_store_task_list(store, pool, &filter, &tasks,
					       &error) < 0 ||
			dondoc_store_attendance_list(store, pool, m.code,
						     &rows, &error) < 0))
		ret = -1;
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	if (ret == 0) {
		cli_error("no meeting '%s'", t_strcut(code, '\n'));
		return CLI_EXIT_FAILURE;
	}
	prefix = t_strconcat(m.code, "-", NULL);
	if (json) {
		meeting_json(out, &m);
		str_truncate(out, str_len(out) - 1);
		str_append(out, ",\"attendance\":[");
		array_foreach(&rows, a) {
			if (!first)
				str_append_c(out, ',');
			attendance_json(out, a);
			first = FALSE;
		}
		first = TRUE;
		str_append(out, "],\"tasks\":[");
	} else {
		str_printfa(out, "%s\n", meeting_line(&m));
		if (m.agenda != NULL)
			str_printfa(out, "agenda: %s\n", m.agenda);
		array_foreach(&rows, a) {
			str_printfa(out, "attendance: %s\t%s%s%s\t%s\n",
				    a->agency,
				    dondoc_attendance_row_kind_name(a->kind),
				    a->delegate != NULL ? ": " : "",
				    a->delegate != NULL ? a->delegate : "",
				    a->consent_at != 0 ? "consent given" :
				    "no consent yet");
		}
	}
	array_foreach(&tasks, task) {
		if (strncasecmp(task->code, prefix, strlen(prefix)) != 0)
			continue;
		if (json) {
			if (!first)
				str_append_c(out, ',');
			cli_json_task(out, task);
		} else {
			str_printfa(out, "task: %s\t%s\t%s\t%s\n", task->code,
				    task->agency,
				    dondoc_date_to_str(&task->due),
				    dondoc_task_status_name(task->status));
		}
		first = FALSE;
	}
	if (json) {
		str_append(out, "]}");
		cli_print(out);
	} else {
		printf("%s", str_c(out));
	}
	return CLI_EXIT_OK;
}

static int cmd_meeting_run(struct cli_context *ctx, int argc,
			   const char *const *argv)
{
	struct cli_option opt[OPT_COUNT] = {
		[OPT_CODE] = { .name = "--code", .has_value = TRUE },
		[OPT_DATE] = { .name = "--date", .has_value = TRUE },
		[OPT_TIME] = { .name = "--time", .has_value = TRUE },
		[OPT_PLACE] = { .name = "--place", .has_value = TRUE },
		[OPT_TITLE] = { .name = "--title", .has_value = TRUE },
		[OPT_CHAIR] = { .name = "--chair", .has_value = TRUE },
		[OPT_JSON] = { .name = "--json" },
		[OPT_TASKS] = { .name = "--tasks" },
	};
	const char *pos[2];
	unsigned int npos, i;
	bool json;

	if (!cli_options_parse(ctx, argc, argv, opt, N_ELEMENTS(opt), pos,
			       N_ELEMENTS(pos), &npos) || npos == 0)
		return cli_usage(&cmd_meeting);
	json = opt[OPT_JSON].value != NULL;
	if (strcmp(pos[0], "add") == 0 && npos == 1 && !json)
		return meeting_add(ctx, opt);
	for (i = OPT_CODE; i < OPT_COUNT; i++) {
		if (i == OPT_JSON)
			continue;
		if (opt[i].value != NULL) {
			cli_error("%s is an option of meeting add only",
				  opt[i].name);
			return cli_usage(&cmd_meeting);
		}
	}
	if (strcmp(pos[0], "list") == 0 && npos == 1)
		return meeting_list(ctx, json);
	if (strcmp(pos[0], "show") == 0 && npos == 2)
		return meeting_show(ctx, pos[1], json);
	return cli_usage(&cmd_meeting);
}

const struct cli_command cmd_meeting = {
	.name = "meeting",
	.summary = "the committee's meetings and their notices",
	.usage = "add --code CODE --date YYYY-MM-DD [--time HH:MM] "
		"[--place TEXT] [--title TEXT] [--chair TEXT] [--tasks] | "
		"list [--json] | show CODE [--json]",
	.run = cmd_meeting_run,
};
