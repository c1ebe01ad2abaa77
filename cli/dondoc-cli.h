/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_CLI_H
#define DONDOC_CLI_H

/* The dondoc command: a thin adapter from argv to lib/. Each subcommand
   lives in its own cmd-*.c and is listed in dondoc.c's table. */

/* Exit codes: every subcommand returns one of these; they are the
   sysexits.h values doveadm and sieve-test use. */
enum cli_exit {
	CLI_EXIT_OK = 0,
	/* Bad input: a file that cannot be read, a row that does not parse;
	   also "no" for the yes/no commands (calendar is-workday). */
	CLI_EXIT_FAILURE = 1,
	/* Wrong use of the command line (EX_USAGE). */
	CLI_EXIT_USAGE = 64,
	/* Bad input where 1 means "no" (calendar is-workday's table,
	   EX_DATAERR). */
	CLI_EXIT_DATAERR = 65,
	/* -u USER does not exist (EX_NOUSER). */
	CLI_EXIT_NOUSER = 67,
	/* Try again later: SMTP down, the store locked by another writer,
	   the userdb unreachable (EX_TEMPFAIL). */
	CLI_EXIT_TEMPFAIL = 75,
};

struct cli_context {
	/* --db PATH from the command line, else NULL. */
	const char *db_path;
	const char *calendar_path; /* --calendar FILE (cmd-calendar.c), else NULL */
	/* -u USER: settings are the user's (userdb, ~), else NULL */
	const char *username;
	/* A failure was temporary (store busy, mail not sent yet): a
	   command's CLI_EXIT_FAILURE becomes CLI_EXIT_TEMPFAIL. */
	bool tempfail;
};

struct cli_command {
	const char *name;
	const char *usage;
	/* one line for `dondoc --help` */
	const char *summary;
	int (*run)(struct cli_context *ctx, int argc, const char *const *argv);
	/* opens no store unless --db names one */
	bool no_store;
};

/* Print "dondoc: <message>" on stderr. */
void cli_error(const char *fmt, ...) ATTR_FORMAT(1, 2);
/* Print the usage of cmd on stderr and return CLI_EXIT_USAGE. */
int cli_usage(const struct cli_command *cmd);

extern const struct cli_command cmd_analyze;
extern const struct cli_command cmd_calendar;
extern const struct cli_command cmd_outbox, cmd_spool, cmd_reply_address;
extern const struct cli_command cmd_sweep, cmd_retention, cmd_digest;
extern const struct cli_command cmd_db, cmd_agency, cmd_person, cmd_task, cmd_import, cmd_obligations;
extern const struct cli_command cmd_meeting, cmd_template;
/* A dondoc_* setting of dovecot.conf, or NULL (cli-config.c):
   the user's (userdb overrides, %-variables) after cli_user_init(). */
const char *cli_plugin_setting(const char *name);
/* The same as lib/'s settings readers take it (dondoc_setting_get_t):
   context unused, an empty value is NULL. */
const char *cli_setting_get(void *context, const char *name);
/* A path setting: "~/x" is the user's home with -u USER (else an error).
   *path_r = NULL when unset. -1 after cli_error(). */
int cli_plugin_setting_path(const char *name, const char **path_r);
/* The same for a value: "~/x" expanded, name only for the messages. */
int cli_home_path(const char *name, const char *path, const char **path_r);
/* The From: address of dondoc's mail when dondoc_from is unset: Dovecot's
   postmaster_address, as the delivery uses it; NULL after cli_error(). */
const char *cli_postmaster_address(void);
/* The spool directory (--spool DIR or dondoc_spool), which must exist;
   NULL after cli_error() (cmd-spool.c). */
const char *cli_spool_dir(const char *option);
/* -u USER: look the user up through mail-storage-service as doveadm does
   (userdb, settings, privileges dropped to the user). Returns a cli_exit
   code: OK, NOUSER, or TEMPFAIL (userdb unreachable). */
int cli_user_init(const char *username);
/* The master service flags the Dovecot version needs (cli-config.c). */
unsigned int cli_config_service_flags(void);
void cli_user_deinit(void);

/* A calendar with the rules and the --calendar or shipped exceptions
   (cmd-calendar.c); -1 after cli_error(). */
struct dondoc_calendar;
int cli_calendar_load(struct cli_context *ctx, struct dondoc_calendar **cal_r);

#endif
