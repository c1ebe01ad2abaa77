/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc person add EMAIL --agency CODE [--role ROLE]... [--name NAME] |
   person list [--role ROLE] [--json]: the people of the committee, their
   addresses and roles. Adding a second address for someone already
   known by name in the same agency attaches it to that person. */

#include "lib.h"
#include "array.h"
#include "str.h"

#include "dondoc-store.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>

static int person_add(struct cli_context *ctx, const char *email,
		      const char *agency, const ARRAY_TYPE(const_string) *roles,
		      const char *name)
{
	struct dondoc_person person;
	struct dondoc_store *store;
	ARRAY_TYPE(const_string) role_list;
	const char *emails[2] = { email, NULL }, *error;
	int ret;

	t_array_init(&role_list, 4);
	array_append_array(&role_list, roles);
	array_append_zero(&role_list);
	i_zero(&person);
	person.agency = agency;
	person.name = name;
	person.emails = emails;
	person.roles = array_front(&role_list);
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_person_add(store, &person, NULL, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf(ret > 0 ? "added %s\n" : "%s already known\n",
	       t_str_lcase(email));
	return CLI_EXIT_OK;
}

static int person_list(struct cli_context *ctx, const char *role, bool json)
{
	ARRAY_TYPE(dondoc_person) people;
	const struct dondoc_person *person;
	struct dondoc_store *store;
	string_t *out = t_str_new(1024);
	const char *error;
	int ret;

	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	t_array_init(&people, 64);
	ret = dondoc_store_person_list(store, pool_datastack_create(), role,
				       &people, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	cli_list_begin(out, json);
	array_foreach(&people, person) {
		if (json) {
			cli_list_item(out, json);
			str_printfa(out, "{\"id\":%lld", (long long)person->id);
			cli_json_str(out, "name", person->name, FALSE);
			cli_json_str(out, "agency", person->agency, FALSE);
			cli_json_strlist(out, "emails", person->emails);
			cli_json_strlist(out, "roles", person->roles);
			str_append_c(out, '}');
		} else {
			str_printfa(out, "%s\t%s\t%s\t%s\n",
				    t_strarray_join(person->emails, ","),
				    person->agency,
				    person->roles[0] == NULL ? "-" :
				    t_strarray_join(person->roles, ","),
				    person->name);
		}
	}
	cli_list_end(out, json);
	return CLI_EXIT_OK;
}

static int cmd_person_run(struct cli_context *ctx, int argc,
			  const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--agency", .has_value = TRUE },
		{ .name = "--role", .has_value = TRUE, .multi = TRUE },
		{ .name = "--name", .has_value = TRUE },
		{ .name = "--json" },
	};
	const char *pos[2];
	unsigned int npos;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       pos, N_ELEMENTS(pos), &npos) || npos == 0)
		return cli_usage(&cmd_person);
	if (strcmp(pos[0], "add") == 0 && npos == 2 &&
	    options[0].value != NULL && options[3].value == NULL) {
		return person_add(ctx, pos[1], options[0].value,
				  &options[1].values, options[2].value);
	}
	if (strcmp(pos[0], "list") == 0 && npos == 1 &&
	    options[0].value == NULL && options[2].value == NULL &&
	    array_count(&options[1].values) <= 1)
		return person_list(ctx, options[1].value,
				   options[3].value != NULL);
	return cli_usage(&cmd_person);
}

const struct cli_command cmd_person = {
	.name = "person",
	.summary = "the people of each agency and their roles",
	.usage = "add EMAIL --agency CODE [--role ROLE]... [--name NAME] | "
		"list [--role ROLE] [--json]",
	.run = cmd_person_run,
};
