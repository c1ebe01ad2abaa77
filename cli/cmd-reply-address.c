/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc reply-address TASK: the signed per-task reply address
   (local+task.mac@domain) for mail the secretariat sends by hand about a
   task, from the dondoc_secret_key and dondoc_reply_address settings (read
   through -c CONFIG, never from the command line, where other users could
   see the secret). A reply to it is matched to TASK unforgeably. */

#include "lib.h"

#include "dondoc-replyaddr.h"
#include "dondoc-settings.h"
#include "dondoc-cli.h"

#include <stdio.h>

static int cmd_reply_address_run(struct cli_context *ctx ATTR_UNUSED,
				 int argc, const char *const *argv)
{
	const char *secret, *reply, *address;

	if (argc != 1)
		return cli_usage(&cmd_reply_address);
	secret = dondoc_settings_secret(cli_setting_get, NULL);
	reply = cli_plugin_setting("dondoc_reply_address");
	if (secret == NULL || reply == NULL || strchr(reply, '@') == NULL) {
		cli_error("dondoc_secret_key and dondoc_reply_address (local@domain) "
			  "must be set in the plugin {} settings (-c CONFIG)");
		return CLI_EXIT_FAILURE;
	}
	address = dondoc_replyaddr_for(secret, reply, argv[0]);
	if (address == NULL) {
		cli_error("not a usable task code: %s", argv[0]);
		return CLI_EXIT_FAILURE;
	}
	printf("%s\n", address);
	return CLI_EXIT_OK;
}

const struct cli_command cmd_reply_address = {
	.name = "reply-address",
	.summary = "print the signed reply address of a task",
	.usage = "TASK",
	.run = cmd_reply_address_run,
};
