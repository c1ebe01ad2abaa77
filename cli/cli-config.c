/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* The CLI's view of dovecot.conf: the dondoc_* settings (globally, or
   the user's with -u, as doveadm -u reads them), the user's home and
   the postmaster address. The one place of the CLI that knows the
   Dovecot version: 2.3 reads the plugin {} block through the mail user
   settings, 2.4 its declared settings (lib/tracking/dondoc-settings-defs.c)
   with settings_get(); configure's DONDOC_HAVE_SETTINGS_GET chooses.
   A configuration file is read through one doveconf run as a child
   (cli-doveconf.c), not by lib-master's re-execution of the CLI through
   doveconf, which would load the CLI's libraries a second time; a
   config socket (-c SOCKET, or the running Dovecot's) is read as
   lib-master reads it. -u USER is read as doveadm -u reads it.
   Trusts Dovecot's parsing; the callers check every value. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "master-service.h"
#include "master-service-settings.h"
#include "mail-storage-settings.h"
#include "mail-storage-service.h"
#include "mail-user.h"
#include "settings-parser.h"
#include "smtp-address.h"
#include "var-expand.h"
#include "env-util.h"

#include "dondoc-settings.h"
#include "dondoc-cli.h"
#include "cli-doveconf.h"

#include <sys/stat.h>

/* -u USER: the user as mail-storage-service made it (doveadm's way), so
   its settings are the userdb's overrides and %-expanded. */
static struct {
	struct mail_storage_service_ctx *service;
	struct mail_storage_service_user *service_user;
	struct mail_user *user;
} cli_user;

static const enum mail_storage_service_flags cli_user_flags =
	MAIL_STORAGE_SERVICE_FLAG_USERDB_LOOKUP |
	MAIL_STORAGE_SERVICE_FLAG_NO_LOG_INIT |
	MAIL_STORAGE_SERVICE_FLAG_NO_CHDIR |
	MAIL_STORAGE_SERVICE_FLAG_NO_PLUGINS |
	MAIL_STORAGE_SERVICE_FLAG_NO_NAMESPACES;

static int cli_user_result(const char *username, int ret, const char *error)
{
	if (ret > 0)
		return CLI_EXIT_OK;
	if (ret == 0) {
		cli_error("user %s: no such user", t_strcut(username, '\n'));
		return CLI_EXIT_NOUSER;
	}
	cli_error("user %s: %s", t_strcut(username, '\n'), error);
	return CLI_EXIT_TEMPFAIL;
}

int cli_home_path(const char *name, const char *path, const char **path_r)
{
	const char *home;

	*path_r = NULL;
	if (path == NULL || path[0] == '\0')
		return 0;
	if (strncmp(path, "~/", 2) != 0) {
		*path_r = path;
		return 0;
	}
	if (cli_user.user == NULL) {
		cli_error("%s = %s is relative to a user's home: give -u USER",
			  name, path);
		return -1;
	}
	if (mail_user_get_home(cli_user.user, &home) <= 0 || home == NULL) {
		cli_error("%s = %s: user %s has no home directory", name, path,
			  cli_user.user->username);
		return -1;
	}
	*path_r = t_strconcat(home, path + 1, NULL);
	return 0;
}

void cli_user_deinit(void)
{
	if (cli_user.user != NULL)
		mail_user_deinit(&cli_user.user);
	if (cli_user.service_user != NULL)
		mail_storage_service_user_unref(&cli_user.service_user);
	if (cli_user.service != NULL)
		mail_storage_service_deinit(&cli_user.service);
}

/* The settings lib-master can read without executing anything: the
   environment doveconf left (DOVECONF_ENV, DOVECOT_CONFIG_FD) or a config
   socket. 1 when it read them; 0 when the configuration is a file that
   only doveconf can parse; -1 with *error_r otherwise. */
static int
cli_settings_read_direct(struct master_service_settings_input *input,
			 struct master_service_settings_output *output_r,
			 const char **error_r)
{
	const char *path = master_service_get_config_path(master_service);
	struct stat st;

	input->never_exec = TRUE;
	if (master_service_settings_read(master_service, input, output_r,
					 error_r) == 0)
		return 1;
	input->never_exec = FALSE;
	/* lib-master's own test for executing doveconf */
	if (stat(path, &st) < 0 || S_ISSOCK(st.st_mode) ||
	    S_ISFIFO(st.st_mode))
		return -1;
	return 0;
}

/* doveconf with args, as a child: its output in *fd_r. A doveconf that
   failed has printed why: exit with its status, as the re-executed CLI
   did. */
static int cli_settings_doveconf(const char *const *args, int *fd_r,
				 const char **error_r)
{
	int status;

	if (cli_doveconf_run(args, fd_r, &status, error_r) == 0)
		return 0;
	if (status != 0)
		lib_exit(status);
	return -1;
}

#ifdef DONDOC_HAVE_SETTINGS_GET
#include "settings.h"

unsigned int cli_config_service_flags(void)
{
	return MASTER_SERVICE_FLAG_NO_SSL_INIT;
}

/* 2.4: doveconf -F writes the binary configuration lib-master reads
   into a file and runs its program with the file's descriptor in
   DOVECOT_CONFIG_FD; the program, cat, copies it to our file (opened
   through /dev/fd: from its start, wherever doveconf left the offset).
   Without a program doveconf prints a human-readable form instead. */
static int cli_settings_read(const char **error_r)
{
	struct master_service_settings_input input;
	struct master_service_settings_output output;
	const char *args[] = {
		"-c", master_service_get_config_path(master_service), "-F",
		"/bin/sh", "-c", "exec cat \"/dev/fd/$DOVECOT_CONFIG_FD\"",
		NULL
	};
	int ret, fd;

	i_zero(&input);
	if ((ret = cli_settings_read_direct(&input, &output, error_r)) != 0)
		return ret < 0 ? -1 : 0;
	if (cli_settings_doveconf(args, &fd, error_r) < 0)
		return -1;
	/* read and closed by lib-master */
	input.config_fd = fd;
	return master_service_settings_read(master_service, &input, &output,
					    error_r);
}

static bool cli_config_read_done = FALSE;

/* dovecot.conf, read once */
static bool cli_config_read(void)
{
	static bool ok = FALSE;
	const char *error;

	if (cli_config_read_done)
		return ok;
	cli_config_read_done = TRUE;
	if (cli_settings_read(&error) < 0) {
		cli_error("reading the Dovecot configuration failed: %s",
			  error);
		return FALSE;
	}
	ok = TRUE;
	return TRUE;
}

static struct event *cli_settings_event(void)
{
	if (cli_user.user != NULL)
		return cli_user.user->event;
	return cli_config_read() ?
		master_service_get_event(master_service) : NULL;
}

int cli_user_init(const char *username)
{
	struct mail_storage_service_input input = {
		.service = "dondoc",
		.username = username,
	};
	const char *error = NULL;
	int ret;

	if (!cli_config_read())
		return CLI_EXIT_TEMPFAIL;
	/* The user's uid is taken, as doveadm -u does: what the command
	   creates (the store, spooled files) stays the mail user's. */
	cli_user.service = mail_storage_service_init(master_service,
						     cli_user_flags);
	ret = mail_storage_service_lookup_next(cli_user.service, &input,
					       &cli_user.user, &error);
	return cli_user_result(username, ret, error);
}

const char *cli_plugin_setting(const char *name)
{
	const struct dondoc_dovecot_settings *set;
	struct event *event = cli_settings_event();
	const char *value, *error;

	if (event == NULL)
		return NULL;
	if (dondoc_settings_get(event, &set, &error) < 0) {
		cli_error("dondoc settings: %s", error);
		return NULL;
	}
	value = t_strdup(dondoc_settings_value(set, name));
	dondoc_settings_free(&set);
	return value;
}

const char *cli_postmaster_address(void)
{
	const struct mail_user_settings *set;
	const struct smtp_address *address;
	struct event *event = cli_settings_event();
	const char *error, *ret;

	if (event == NULL)
		return NULL;
	/* without a user, %{service} and the like cannot expand: then read
	   the value as written (a literal address works, as on 2.3) */
	if (settings_get(event, &mail_user_setting_parser_info, 0, &set,
			 &error) < 0 &&
	    settings_get(event, &mail_user_setting_parser_info,
			 SETTINGS_GET_FLAG_NO_EXPAND, &set, &error) < 0) {
		cli_error("mail user settings: %s", error);
		return NULL;
	}
	if (!mail_user_set_get_postmaster_smtp(set, &address, &error)) {
		cli_error("invalid postmaster_address: %s", error);
		settings_free(set);
		return NULL;
	}
	ret = t_strdup(smtp_address_encode(address));
	settings_free(set);
	return ret;
}
#else
unsigned int cli_config_service_flags(void)
{
	/* 2.3 would read and check ssl_* settings the CLI never uses */
	return MASTER_SERVICE_FLAG_DISABLE_SSL_SET |
		MASTER_SERVICE_FLAG_NO_SSL_INIT;
}

/* 2.3: doveconf -e runs env -0 with the environment it would give the
   re-executed CLI; lib-master then reads that environment. The CLI's own
   environment is set aside meanwhile (doveconf cleans it likewise) and
   restored after. */
static int
cli_settings_read(struct master_service_settings_input *input,
		  struct master_service_settings_output *output_r,
		  const char **error_r)
{
	const char *args[] = {
		"-f", t_strconcat("service=", input->service, NULL),
		"-c", master_service_get_config_path(master_service),
		"-m", input->module, "-e", "/usr/bin/env", "-0", NULL
	};
	const char *const *envs;
	struct env_backup *saved;
	int ret, fd;

	if ((ret = cli_settings_read_direct(input, output_r, error_r)) != 0)
		return ret < 0 ? -1 : 0;
	if (cli_settings_doveconf(args, &fd, error_r) < 0)
		return -1;
	ret = cli_doveconf_read_environ(fd, &envs, error_r);
	i_close_fd(&fd);
	if (ret < 0)
		return -1;
	saved = env_backup_save();
	env_clean();
	env_put_array(envs);
	ret = master_service_settings_read(master_service, input, output_r,
					   error_r);
	env_backup_restore(saved);
	env_backup_free(&saved);
	return ret;
}

/* The mail user settings, read once: a second read would free the
   strings the first one returned. */
static const struct mail_user_settings *cli_mail_user_settings(void)
{
	static const struct setting_parser_info *set_roots[] = {
		&mail_user_setting_parser_info,
		NULL
	};
	static bool read_done = FALSE;
	static const struct mail_user_settings *set = NULL;
	struct master_service_settings_input input;
	struct master_service_settings_output output;
	const char *error;
	void **sets;

	if (read_done)
		return set;
	read_done = TRUE;
	/* doveconf exports only the settings of the named module: plugin {}
	   belongs to the mail user's settings (module "mail") */
	i_zero(&input);
	input.roots = set_roots;
	input.module = "mail";
	input.service = "dondoc";
	if (cli_settings_read(&input, &output, &error) < 0) {
		cli_error("reading the Dovecot configuration failed: %s",
			  error);
		return NULL;
	}
	sets = master_service_settings_get_others(master_service);
	set = sets[0];
	return set;
}

int cli_user_init(const char *username)
{
	struct mail_storage_service_input input = {
		.module = "mail",
		.service = "dondoc",
		.username = username,
	};
	const char *error = NULL;
	int ret;

	/* The user's uid is taken, as doveadm -u does: what the command
	   creates (the store, spooled files) stays the mail user's. */
	cli_user.service = mail_storage_service_init(master_service, NULL,
						     cli_user_flags);
	ret = mail_storage_service_lookup_next(cli_user.service, &input,
					       &cli_user.service_user,
					       &cli_user.user, &error);
	return cli_user_result(username, ret, error);
}

const char *cli_plugin_setting(const char *name)
{
	const struct mail_user_settings *set;
	const char *const *envs;
	unsigned int i, count;

	if (cli_user.user != NULL)
		return mail_user_plugin_getenv(cli_user.user, name);
	set = cli_mail_user_settings();
	if (set == NULL || !array_is_created(&set->plugin_envs))
		return NULL;
	envs = array_get(&set->plugin_envs, &count);
	for (i = 0; i + 1 < count; i += 2) {
		if (strcmp(envs[i], name) == 0)
			return envs[i + 1];
	}
	return NULL;
}

/* Dovecot's postmaster_address, as the delivery's Sieve uses it for the
   From: of dondoc's mail when dondoc_from is unset: the user's with -u,
   else expanded without a user (%d empty: the %{hostname} branch of the
   default). */
const char *cli_postmaster_address(void)
{
	const struct var_expand_table table[] = {
		{ 'd', NULL, "domain" },
		{ 'n', NULL, "username" },
		{ 'u', NULL, "user" },
		{ '\0', NULL, NULL }
	};
	const struct mail_user_settings *set;
	const struct smtp_address *address;
	struct smtp_address *parsed;
	const char *value, *error;
	string_t *str;

	if (cli_user.user != NULL) {
		if (!mail_user_get_postmaster_smtp(cli_user.user, &address,
						   &error)) {
			cli_error("invalid postmaster_address: %s", error);
			return NULL;
		}
		return smtp_address_encode(address);
	}
	if ((set = cli_mail_user_settings()) == NULL)
		return NULL;
	value = set->postmaster_address;
	/* settings-parser's marker of a %-variable string */
	if (value[0] == SETTING_STRVAR_UNEXPANDED[0] ||
	    value[0] == SETTING_STRVAR_EXPANDED[0])
		value++;
	str = t_str_new(128);
	if (var_expand(str, value, table, &error) <= 0 ||
	    smtp_address_parse_path(pool_datastack_create(), str_c(str),
				    SMTP_ADDRESS_PARSE_FLAG_BRACKETS_OPTIONAL,
				    &parsed, &error) < 0) {
		cli_error("invalid postmaster_address %s: %s", value, error);
		return NULL;
	}
	return smtp_address_encode(parsed);
}
#endif
