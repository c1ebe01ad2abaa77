/* dondoc agency add CODE NAME | agency list [--json]: the committee's
   member agencies. A thin adapter: the store checks and bounds values. */

#include "lib.h"
#include "array.h"
#include "str.h"

#include "dondoc-store.h"
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
	return cli_usage(&cmd_agency);
}

const struct cli_command cmd_agency = {
	.name = "agency",
	.summary = "the agencies the committee chases",
	.usage = "add CODE NAME | list [--json]",
	.run = cmd_agency_run,
};
