/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc agency add CODE NAME | list [--json] | alias CODE TEXT |
   aliases [CODE] [--json] | resolve TEXT: the committee's member
   agencies and the other names documents give them. A thin adapter: the
   store checks and bounds values, dondoc-agency-resolve.c folds. */

#include "lib.h"
#include "array.h"
#include "str.h"

#include "dondoc-store.h"
#include "dondoc-agency-resolve.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>

static int agency_add(struct cli_context *ctx, const char *code,
		      const char *name)
{
	struct dondoc_agency agency = { .code = code, .name = name };
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_agency_add(store, &agency, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf(ret > 0 ? "added agency %s\n" : "agency %s already exists\n",
	       code);
	return CLI_EXIT_OK;
}

static int agency_list(struct cli_context *ctx, bool json)
{
	ARRAY_TYPE(dondoc_agency) agencies;
	const struct dondoc_agency *agency;
	struct dondoc_store *store;
	string_t *out = t_str_new(1024);
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&agencies, 64);
	ret = dondoc_store_agency_list(store, pool_datastack_create(),
				       &agencies, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	cli_list_begin(out, json);
	array_foreach(&agencies, agency) {
		if (json) {
			cli_list_item(out, json);
			str_append_c(out, '{');
			cli_json_str(out, "code", agency->code, TRUE);
			cli_json_str(out, "name", agency->name, FALSE);
			str_append_c(out, '}');
		} else {
			str_printfa(out, "%s\t%s\n", agency->code,
				    agency->name);
		}
	}
	cli_list_end(out, json);
	return CLI_EXIT_OK;
}

static int agency_alias(struct cli_context *ctx, const char *code,
			const char *text)
{
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_agency_alias_add(store, code, text, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf(ret > 0 ? "added alias of %s\n" :
	       "agency %s already has that alias\n", code);
	return CLI_EXIT_OK;
}

static int agency_aliases(struct cli_context *ctx, const char *code,
			  bool json)
{
	ARRAY_TYPE(dondoc_agency_alias) aliases;
	const struct dondoc_agency_alias *alias;
	struct dondoc_store *store;
	string_t *out = t_str_new(1024);
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&aliases, 64);
	ret = dondoc_store_agency_alias_list(store, pool_datastack_create(),
					     code, &aliases, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	cli_list_begin(out, json);
	array_foreach(&aliases, alias) {
		if (json) {
			cli_list_item(out, json);
			str_append_c(out, '{');
			cli_json_str(out, "code", alias->code, TRUE);
			cli_json_str(out, "alias", alias->alias, FALSE);
			cli_json_str(out, "key", alias->key, FALSE);
			str_append_c(out, '}');
		} else {
			str_printfa(out, "%s\t%s\n", alias->code, alias->alias);
		}
	}
	cli_list_end(out, json);
	return CLI_EXIT_OK;
}

/* exit 0 printing the code, 1 when no agency has that name */
static int agency_resolve(struct cli_context *ctx, const char *text)
{
	struct dondoc_store *store;
	const char *error, *code;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_agency_resolve(store, text, &code, &error);
	if (ret > 0)
		printf("%s\n", code);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	if (ret == 0) {
		cli_error("no agency is named '%s'", text);
		return CLI_EXIT_FAILURE;
	}
	return CLI_EXIT_OK;
}

static int cmd_agency_run(struct cli_context *ctx, int argc,
			  const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--json" },
	};
	const char *pos[3];
	unsigned int npos;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       pos, N_ELEMENTS(pos), &npos) || npos == 0)
		return cli_usage(&cmd_agency);
	if (strcmp(pos[0], "add") == 0 && npos == 3 &&
	    options[0].value == NULL)
		return agency_add(ctx, pos[1], pos[2]);
	if (strcmp(pos[0], "list") == 0 && npos == 1)
		return agency_list(ctx, options[0].value != NULL);
	if (strcmp(pos[0], "alias") == 0 && npos == 3 &&
	    options[0].value == NULL)
		return agency_alias(ctx, pos[1], pos[2]);
	if (strcmp(pos[0], "aliases") == 0 && npos <= 2)
		return agency_aliases(ctx, npos == 2 ? pos[1] : NULL,
				      options[0].value != NULL);
	if (strcmp(pos[0], "resolve") == 0 && npos == 2 &&
	    options[0].value == NULL)
		return agency_resolve(ctx, pos[1]);
	return cli_usage(&cmd_agency);
}

const struct cli_command cmd_agency = {
	.name = "agency",
	.summary = "the agencies the committee chases",
	.usage = "add CODE NAME | list [--json] | alias CODE TEXT | "
		 "aliases [CODE] [--json] | resolve TEXT",
	.run = cmd_agency_run,
};
