#ifndef DONDOC_CLI_H
#define DONDOC_CLI_H

/* The dondoc command: a thin adapter from argv to lib/. Each subcommand
   lives in its own cmd-*.c and is listed in dondoc.c's table. */

/* Exit codes: every subcommand returns one of these. */
enum cli_exit {
	CLI_EXIT_OK = 0,
	/* Bad input: a file that cannot be read, a row that does not parse. */
	CLI_EXIT_FAILURE = 1,
	/* Wrong use of the command line. */
	CLI_EXIT_USAGE = 2,
};

struct cli_context {
	/* --db PATH from the command line, else NULL. */
	const char *db_path;
	const char *calendar_path; /* --calendar FILE (cmd-calendar.c), else NULL */
};

struct cli_command {
	const char *name;
	const char *usage;
	int (*run)(struct cli_context *ctx, int argc, const char *const *argv);
};

/* Print "dondoc: <message>" on stderr. */
void cli_error(const char *fmt, ...) ATTR_FORMAT(1, 2);
/* Print the usage of cmd on stderr and return CLI_EXIT_USAGE. */
int cli_usage(const struct cli_command *cmd);

extern const struct cli_command cmd_analyze;
extern const struct cli_command cmd_calendar;
extern const struct cli_command cmd_outbox, cmd_spool, cmd_reply_address;
extern const struct cli_command cmd_sweep;
extern const struct cli_command cmd_db, cmd_agency, cmd_person, cmd_task, cmd_import, cmd_obligations;
/* A setting of dovecot.conf's plugin {} block, or NULL (cli-settings.c). */
const char *cli_plugin_setting(const char *name);

/* A calendar with the rules and the --calendar or shipped exceptions
   (cmd-calendar.c); -1 after cli_error(). */
struct dondoc_calendar;
int cli_calendar_load(struct cli_context *ctx, struct dondoc_calendar **cal_r);

#endif
