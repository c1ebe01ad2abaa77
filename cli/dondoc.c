/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc: the administrator's and tester's command line. It is a Dovecot
   master-service client like sieve-test, so -c CONFIG and -o KEY=VALUE
   work the Dovecot way; the subcommands themselves are thin adapters over
   lib/ (see cmd-*.c). Built twice: dondoc has the SQLite backend only and
   hands a command naming a PostgreSQL store to dondoc-pgsql, installed
   beside it, which has both (cli/Makefile.inc): only PostgreSQL sites
   load libpq. */

#include "lib.h"
#include "str.h"
#include "path-util.h"
#include "master-service.h"
#include "master-service-settings.h"

#include "pigeonhole-config.h"

#include "dondoc-store.h"
#include "dondoc-cli.h"

#include <stdio.h>
#include <unistd.h>

#ifdef DONDOC_CLI_PGSQL_HELPER
/* main()'s argv, whole (cli_move_db_option() only reorders it) */
static char **cli_main_argv;
#endif

static const struct cli_command *const cli_commands[] = {
	&cmd_analyze,
	&cmd_calendar,
	&cmd_outbox, &cmd_spool, &cmd_reply_address, &cmd_sweep, &cmd_retention,
	&cmd_digest,
	&cmd_db, &cmd_agency, &cmd_person, &cmd_task, &cmd_import, &cmd_obligations,
	&cmd_meeting, &cmd_template,
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

#define CLI_GLOBAL_OPTIONS "[-c CONFIG] [-o KEY=VALUE] [-u USER] [--db PATH]"

static void cli_command_usage(FILE *out, const struct cli_command *cmd)
{
	fprintf(out, "usage: dondoc " CLI_GLOBAL_OPTIONS " %s %s\n",
		cmd->name, cmd->usage);
}

int cli_usage(const struct cli_command *cmd)
{
	cli_command_usage(stderr, cmd);
	return CLI_EXIT_USAGE;
}

/* The list of commands: on stdout for --help, on stderr for a usage
   error. */
static void main_help(FILE *out)
{
	unsigned int i;

	fprintf(out, "usage: dondoc " CLI_GLOBAL_OPTIONS " COMMAND [ARGS]\n"
		"       dondoc --help | --version | COMMAND --help\n\n"
		"  -c CONFIG     Dovecot's configuration (default: the "
		"installed dovecot.conf)\n"
		"  -o KEY=VALUE  override a setting (plugin/NAME=VALUE for "
		"plugin {})\n"
		"  -u USER       use USER's settings (userdb, ~) as doveadm "
		"-u does\n"
		"  --db PATH     the store (default: the dondoc_db setting)\n\n"
		"commands:\n");
	for (i = 0; i < N_ELEMENTS(cli_commands); i++) {
		fprintf(out, "  %-14s %s\n", cli_commands[i]->name,
			cli_commands[i]->summary);
	}
	fprintf(out, "\nexit status: 0 done, 1 failed (bad input; \"no\" "
		"for yes/no commands), 64 usage,\n65 bad data for a yes/no "
		"command, 67 no such user, 75 temporary failure (try\n"
		"again). See dondoc(1).\n");
}

static int main_usage(void)
{
	main_help(stderr);
	return CLI_EXIT_USAGE;
}

/* --help and --version among the global options, before the command:
   answered before Dovecot's getopt, which knows no long options.
   Returns -1 when neither is there. */
static int cli_early_options(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			main_help(stdout);
			return CLI_EXIT_OK;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("dondoc %s (Dovecot %s, Pigeonhole ABI %s)\n",
			       DONDOC_VERSION, DOVECOT_VERSION,
			       PIGEONHOLE_ABI_VERSION);
			return CLI_EXIT_OK;
		}
		if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "-u") == 0 || strcmp(argv[i], "--db") == 0)
			i++;
	}
	return -1;
}

static bool cli_wants_help(int argc, char *const argv[])
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0)
			return TRUE;
	}
	return FALSE;
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
		if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "-o") == 0 ||
		    strcmp(argv[i], "-u") == 0)
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

#ifdef DONDOC_CLI_PGSQL_HELPER
/* A PostgreSQL store named by --db, by an argument (db copy --to), or
   (for a command that opens the store) by dondoc_db: this command has
   no PostgreSQL backend, so the whole command line goes to dondoc-pgsql
   in the same directory, before the command has done anything. Returns
   0 when there is nothing to hand on, -1 after cli_error(). */
static int cli_pgsql_handoff(const struct cli_context *ctx,
			     const struct cli_command *cmd, int argc,
			     char *argv[])
{
	const char *conninfo, *path = ctx->db_path, *self, *helper, *error;
	const char *slash;
	bool pgsql = FALSE;
	int i;

	if (path != NULL)
		pgsql = dondoc_store_path_is_pgsql(path, &conninfo);
	for (i = 1; i < argc && !pgsql; i++)
		pgsql = dondoc_store_path_is_pgsql(argv[i], &conninfo);
	if (!pgsql && path == NULL && !cmd->no_store) {
		/* as given: a URI is never relative to a home */
		path = cli_plugin_setting("dondoc_db");
		pgsql = path != NULL &&
			dondoc_store_path_is_pgsql(path, &conninfo);
	}
	if (!pgsql)
		return 0;
	if (t_readlink("/proc/self/exe", &self, &error) < 0) {
		cli_error("a PostgreSQL store, and this dondoc's own path "
			  "unknown: %s", error);
		return -1;
	}
	slash = strrchr(self, '/');
	helper = t_strconcat(slash == NULL ? "." :
			     t_strdup_until(self, slash),
			     "/" DONDOC_CLI_PGSQL_HELPER, NULL);
	(void)fflush(stdout);
	(void)execv(helper, cli_main_argv);
	cli_error("a PostgreSQL store: execv(%s) failed: %m", helper);
	return -1;
}
#endif

static int cli_run(struct cli_context *ctx, int argc, char *argv[])
{
	const struct cli_command *cmd;
	int ret;

	if (argc == 0)
		return main_usage();
	if ((cmd = cli_command_find(argv[0])) == NULL) {
		cli_error("unknown command: %s", t_strcut(argv[0], '\n'));
		return main_usage();
	}
	if (cli_wants_help(argc, argv)) {
		cli_command_usage(stdout, cmd);
		return CLI_EXIT_OK;
	}
	if (!cli_take_db_option(ctx, &argc, &argv))
		return CLI_EXIT_USAGE;
	if (ctx->username != NULL &&
	    (ret = cli_user_init(ctx->username)) != CLI_EXIT_OK)
		return ret;
#ifdef DONDOC_CLI_PGSQL_HELPER
	if (cli_pgsql_handoff(ctx, cmd, argc, argv) < 0)
		return CLI_EXIT_FAILURE;
#endif
	ret = cmd->run(ctx, argc - 1, (const char *const *)argv + 1);
	if (ret == CLI_EXIT_FAILURE && ctx->tempfail)
		ret = CLI_EXIT_TEMPFAIL;
	return ret;
}

int main(int argc, char *argv[])
{
	enum master_service_flags service_flags =
		MASTER_SERVICE_FLAG_STANDALONE |
		MASTER_SERVICE_FLAG_DONT_SEND_STATS |
		MASTER_SERVICE_FLAG_NO_INIT_DATASTACK_FRAME |
		cli_config_service_flags();
	struct cli_context ctx;
	int c, ret;

	if ((ret = cli_early_options(argc, argv)) >= 0)
		return ret;
	i_zero(&ctx);
	cli_move_db_option(argc, argv);
#ifdef DONDOC_CLI_PGSQL_HELPER
	cli_main_argv = argv;
#endif
	master_service = master_service_init("dondoc", service_flags,
					     &argc, &argv, "+u:");
	while ((c = master_getopt(master_service)) > 0) {
		/* Dovecot's own -c and -o, and -u USER as doveadm has it. */
		if (c != 'u') {
			master_service_deinit(&master_service);
			return main_usage();
		}
		ctx.username = optarg;
	}
	master_service_init_log(master_service);
	master_service_init_finish(master_service);

	argc -= optind;
	argv += optind;
	T_BEGIN {
		ret = cli_run(&ctx, argc, argv);
	} T_END;
	cli_user_deinit();
	master_service_deinit(&master_service);
	return ret;
}
