/* dondoc: the administrator's and tester's command line. It is a Dovecot
   master-service client like sieve-test, so -c CONFIG and -o KEY=VALUE
   work the Dovecot way; the subcommands themselves are thin adapters over
   lib/ (see cmd-*.c). */

#include "lib.h"
#include "str.h"
#include "master-service.h"
#include "master-service-settings.h"

#include "dondoc-cli.h"

#include <stdio.h>
#include <unistd.h>

static const struct cli_command *const cli_commands[] = {
	&cmd_analyze,
	&cmd_calendar,
	&cmd_outbox, &cmd_spool, &cmd_reply_address, &cmd_sweep,
	&cmd_db, &cmd_agency, &cmd_person, &cmd_task, &cmd_import, &cmd_obligations,
};

void cli_error(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	T_BEGIN {
		fprintf(stderr, "dondoc: %s\n", t_strdup_vprintf(fmt, args));
	} T_END;
	va_end(args);
}

int cli_usage(const struct cli_command *cmd)
{
	fprintf(stderr, "usage: dondoc [-c CONFIG] [-o KEY=VALUE] [--db PATH] "
		"%s %s\n", cmd->name, cmd->usage);
	return CLI_EXIT_USAGE;
}

static int main_usage(void)
{
	unsigned int i;

	fprintf(stderr, "usage: dondoc [-c CONFIG] [-o KEY=VALUE] "
		"[--db PATH] COMMAND [ARGS]\ncommands:\n");
	for (i = 0; i < N_ELEMENTS(cli_commands); i++) {
		fprintf(stderr, "  %s %s\n", cli_commands[i]->name,
			cli_commands[i]->usage);
	}
	return CLI_EXIT_USAGE;
}

static const struct cli_command *cli_command_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < N_ELEMENTS(cli_commands); i++) {
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	}
	return NULL;
}

/* The global "--db PATH" may stand before the command, where Dovecot's
   getopt refuses it: move it behind the command's arguments. argv is
   reordered in place, not shortened, because reading the configuration
   re-executes the program with this same argv (through doveconf). */
static void cli_move_db_option(int argc, char *argv[])
{
	char *name, *value;
	int i = 1, j;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			name = argv[i];
			value = argv[i + 1];
			for (j = i; j + 2 < argc; j++)
				argv[j] = argv[j + 2];
			argv[argc - 2] = name;
			argv[argc - 1] = value;
			return;
		}
		if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "-o") == 0)
			i += 2;
		else
			i++;
	}
}

/* The command's arguments (args[0] is the command name) without
   "--db PATH", which goes to ctx. A copy: argv itself must stay whole for
   the re-execution. */
static bool cli_take_db_option(struct cli_context *ctx, int *argc,
			       char ***args)
{
	char **copy = t_new(char *, *argc + 1);
	int i, n = 0;

	for (i = 0; i < *argc; i++) {
		if (i > 0 && strcmp((*args)[i], "--db") == 0) {
			if (i + 1 >= *argc) {
				cli_error("--db needs a PATH");
				return FALSE;
			}
			ctx->db_path = (*args)[++i];
			continue;
		}
		copy[n++] = (*args)[i];
	}
	*argc = n;
	*args = copy;
	return TRUE;
}

int main(int argc, char *argv[])
{
	enum master_service_flags service_flags =
		MASTER_SERVICE_FLAG_STANDALONE |
		MASTER_SERVICE_FLAG_DONT_SEND_STATS |
		MASTER_SERVICE_FLAG_NO_INIT_DATASTACK_FRAME |
		MASTER_SERVICE_FLAG_DISABLE_SSL_SET |
		MASTER_SERVICE_FLAG_NO_SSL_INIT;
	struct cli_context ctx;
	const struct cli_command *cmd;
	int c, ret;

	i_zero(&ctx);
	cli_move_db_option(argc, argv);
	master_service = master_service_init("dondoc", service_flags,
					     &argc, &argv, "+");
	while ((c = master_getopt(master_service)) > 0) {
		/* Only Dovecot's own -c and -o are accepted. */
		return main_usage();
	}
	master_service_init_log(master_service);
	master_service_init_finish(master_service);

	argc -= optind;
	argv += optind;
	if (argc > 0 && !cli_take_db_option(&ctx, &argc, &argv))
		ret = CLI_EXIT_USAGE;
	else if (argc == 0)
		ret = main_usage();
	else if ((cmd = cli_command_find(argv[0])) == NULL) {
		cli_error("unknown command: %s", argv[0]);
		ret = main_usage();
	} else T_BEGIN {
		ret = cmd->run(&ctx, argc - 1, (const char *const *)argv + 1);
	} T_END;

	master_service_deinit(&master_service);
	return ret;
}
