/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc obligations list [--json] | obligations generate --year YYYY:
   the regulation's obligations (sql/002-regulation.sql) and the yearly
   task instances they generate, due dates from the store's calendar. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "strnum.h"

#include "dondoc-store.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>

static int obligations_list(struct cli_context *ctx, bool json)
{
	ARRAY_TYPE(dondoc_obligation) obligations;
	const struct dondoc_obligation *o;
	struct dondoc_store *store;
	string_t *out = t_str_new(4096);
	char kind[2] = { '\0', '\0' };
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&obligations, 16);
	ret = dondoc_store_obligation_list(store, pool_datastack_create(),
					   &obligations, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	cli_list_begin(out, json);
	array_foreach(&obligations, o) {
		kind[0] = o->period_kind;
		if (!json) {
			str_printfa(out, "%s\t%s\t%s -> %s\t%s\t%s\t%s\n",
				    o->code, o->recurrence, o->assignee_role,
				    o->recipient_role != NULL ?
				    o->recipient_role : o->recipient,
				    o->due_rule, o->doc_type == NULL ? "-" :
				    o->doc_type, o->title);
			continue;
		}
		cli_list_item(out, json);
		str_append_c(out, '{');
		cli_json_str(out, "code", o->code, TRUE);
		cli_json_str(out, "title", o->title, FALSE);
		cli_json_str(out, "article", o->article, FALSE);
		cli_json_str(out, "assignee_role", o->assignee_role, FALSE);
		cli_json_str(out, "recipient_role", o->recipient_role, FALSE);
		cli_json_str(out, "recipient", o->recipient, FALSE);
		cli_json_str(out, "recurrence", o->recurrence, FALSE);
		cli_json_str(out, "months", o->months, FALSE);
		cli_json_str(out, "period_kind", kind[0] == '\0' ? NULL : kind,
			     FALSE);
		cli_json_str(out, "due_rule", o->due_rule, FALSE);
		cli_json_str(out, "type", o->doc_type, FALSE);
		str_append_c(out, '}');
	}
	cli_list_end(out, json);
	return CLI_EXIT_OK;
}

static int obligations_generate(struct cli_context *ctx, const char *year_str)
{
	struct dondoc_store *store;
	struct dondoc_calendar *cal;
	unsigned int year, created;
	const char *error;
	int ret;

	if (str_to_uint(year_str, &year) < 0 || year < 1900 || year > 2099) {
		cli_error("invalid year '%s' (1900-2099)",
			  t_strcut(year_str, '\n'));
		return CLI_EXIT_FAILURE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_calendar_create(store, &cal, &error);
	if (ret >= 0) {
		ret = dondoc_store_obligations_generate(store, cal, (int)year,
							&created, &error);
		dondoc_calendar_free(&cal);
	}
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("generated %u task(s) for %u\n", created, year);
	return CLI_EXIT_OK;
}

static int cmd_obligations_run(struct cli_context *ctx, int argc,
			       const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--year", .has_value = TRUE },
		{ .name = "--json" },
	};
	const char *pos[1];
	unsigned int npos;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       pos, N_ELEMENTS(pos), &npos) || npos != 1)
		return cli_usage(&cmd_obligations);
	if (strcmp(pos[0], "generate") == 0 && options[0].value != NULL &&
	    options[1].value == NULL)
		return obligations_generate(ctx, options[0].value);
	if (strcmp(pos[0], "list") == 0 && options[0].value == NULL)
		return obligations_list(ctx, options[1].value != NULL);
	return cli_usage(&cmd_obligations);
}

const struct cli_command cmd_obligations = {
	.name = "obligations",
	.summary = "the regulation's recurring obligations and their tasks",
	.usage = "list [--json] | generate --year YYYY",
	.run = cmd_obligations_run,
};
