/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Where the store is (--db or the dondoc_db setting of dovecot.conf's
   plugin {} block, read the Dovecot 2.3 way: the only version-specific
   settings code of the CLI) and small helpers shared by the store
   commands. Trusts nothing from argv: every value is checked by the
   store before use. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "strnum.h"
#include "dondoc-compat.h"
#include "master-service.h"
#include "master-service-settings.h"
#include "mail-storage-settings.h"
#include "mail-storage-service.h"
#include "mail-user.h"
#include "settings-parser.h"
#include "smtp-address.h"
#include "var-expand.h"

#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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
	if (master_service_settings_read(master_service, &input, &output,
					 &error) < 0) {
		cli_error("reading the Dovecot configuration failed: %s",
			  error);
		return NULL;
	}
	sets = master_service_settings_get_others(master_service);
	set = sets[0];
	return set;
}

/* -u USER: the user as mail-storage-service made it (doveadm's way), so
   its plugin settings are the userdb's overrides and %-expanded. */
static struct {
	struct mail_storage_service_ctx *service;
	struct mail_storage_service_user *service_user;
	struct mail_user *user;
} cli_user;

int cli_user_init(const char *username)
{
	struct mail_storage_service_input input = {
		.module = "mail",
		.service = "dondoc",
		.username = username,
	};
	const char *error;
	int ret;

	/* The user's uid is taken, as doveadm -u does: what the command
	   creates (the store, spooled files) stays the mail user's. */
	cli_user.service = mail_storage_service_init(master_service, NULL,
		MAIL_STORAGE_SERVICE_FLAG_USERDB_LOOKUP |
		MAIL_STORAGE_SERVICE_FLAG_NO_LOG_INIT |
		MAIL_STORAGE_SERVICE_FLAG_NO_CHDIR |
		MAIL_STORAGE_SERVICE_FLAG_NO_PLUGINS |
		MAIL_STORAGE_SERVICE_FLAG_NO_NAMESPACES);
	ret = mail_storage_service_lookup_next(cli_user.service, &input,
					       &cli_user.service_user,
					       &cli_user.user, &error);
	if (ret > 0)
		return CLI_EXIT_OK;
	if (ret == 0) {
		cli_error("user %s: no such user", t_strcut(username, '\n'));
		return CLI_EXIT_NOUSER;
	}
	cli_error("user %s: %s", t_strcut(username, '\n'), error);
	return CLI_EXIT_TEMPFAIL;
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

const char *cli_setting_get(void *context ATTR_UNUSED, const char *name)
{
	const char *value = cli_plugin_setting(name);

	return value == NULL || *value == '\0' ? NULL : value;
}

int cli_plugin_setting_path(const char *name, const char **path_r)
{
	return cli_home_path(name, cli_plugin_setting(name), path_r);
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

#define CLI_CALENDAR_TSV_NAME "vn-public-service-calendar-2022-2026.tsv"

const char *cli_calendar_default_path(void)
{
	const char *dir = getenv("DONDOC_DATADIR"), *path;

	if (dir == NULL || dir[0] == '\0')
		dir = DONDOC_DATADIR;
	path = t_strconcat(dir, "/" CLI_CALENDAR_TSV_NAME, NULL);
	if (access(path, F_OK) == 0)
		return path;
	path = t_strconcat(dir, "/calendar/" CLI_CALENDAR_TSV_NAME, NULL);
	if (access(path, F_OK) == 0)
		return path;
	return NULL;
}

int cli_store_open(struct cli_context *ctx,
		   const struct dondoc_store_settings *set,
		   struct dondoc_store **store_r)
{
	struct dondoc_store_settings default_set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
	};
	const char *path = ctx->db_path, *error, *value;
	unsigned int msecs;

	if (path == NULL) {
		if (cli_plugin_setting_path("dondoc_db", &path) < 0)
			return -1;
		if (path == NULL) {
			cli_error("no store: give --db PATH or set dondoc_db "
				  "in dovecot.conf's plugin {} block");
			return -1;
		}
	}
	value = cli_plugin_setting("dondoc_busy_timeout_msecs");
	if (set == NULL && value != NULL && value[0] != '\0') {
		if (str_to_uint(value, &msecs) < 0 || msecs == 0 ||
		    msecs > DONDOC_STORE_MAX_BUSY_TIMEOUT_MSECS) {
			cli_error("invalid dondoc_busy_timeout_msecs: %s "
				  "(1..%u)", value,
				  DONDOC_STORE_MAX_BUSY_TIMEOUT_MSECS);
			return -1;
		}
		default_set.busy_timeout_msecs = msecs;
	}
	if (dondoc_store_open_with(path, set == NULL ? &default_set : set,
				   store_r, &error) < 0) {
		cli_error("%s", error);
		return -1;
	}
	dondoc_store_set_actor(*store_r, "cli");
	return 0;
}

void cli_store_close(struct cli_context *ctx, struct dondoc_store **store)
{
	if (*store == NULL)
		return;
	if (dondoc_store_error_is_temporary(*store))
		ctx->tempfail = TRUE;
	dondoc_store_close(store);
}

static struct cli_option *
cli_option_find(struct cli_option *options, unsigned int count,
		const char *name)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	}
	return NULL;
}

bool cli_options_parse(struct cli_context *ctx, int argc,
		       const char *const *argv,
		       struct cli_option *options, unsigned int count,
		       const char **positional, unsigned int max_positional,
		       unsigned int *positional_count_r)
{
	struct cli_option *opt;
	unsigned int npos = 0;
	int i;

	for (i = 0; i < (int)count; i++) {
		options[i].value = NULL;
		if (options[i].multi)
			t_array_init(&options[i].values, 4);
	}
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
			if (npos >= max_positional) {
				cli_error("unexpected argument '%s'",
					  t_strcut(argv[i], '\n'));
				return FALSE;
			}
			positional[npos++] = argv[i];
			continue;
		}
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			ctx->db_path = argv[++i];
			continue;
		}
		opt = cli_option_find(options, count, argv[i]);
		if (opt == NULL) {
			cli_error("unknown option %s", t_strcut(argv[i], '\n'));
			return FALSE;
		}
		if (!opt->has_value) {
			opt->value = "";
			continue;
		}
		if (i + 1 >= argc) {
			cli_error("%s needs a value", opt->name);
			return FALSE;
		}
		opt->value = argv[++i];
		if (opt->multi)
			array_push_back(&opt->values, &opt->value);
	}
	*positional_count_r = npos;
	return TRUE;
}

void cli_json_str(string_t *dest, const char *key, const char *value,
		  bool first)
{
	const unsigned char *p;

	if (!first)
		str_append_c(dest, ',');
	str_append_c(dest, '"');
	str_append(dest, key);
	str_append(dest, "\":");
	if (value == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '"');
	/* Codes, dates and states are plain ASCII: copied as they are
	   (a listing of a million tasks writes twelve per task). */
	for (p = (const unsigned char *)value; *p >= 0x20 && *p < 0x7f &&
	     *p != '"' && *p != '\\'; p++) ;
	if (*p == '\0')
		str_append_data(dest, value, p - (const unsigned char *)value);
	else
		json_append_escaped(dest, value);
	str_append_c(dest, '"');
}

void cli_json_int(string_t *dest, const char *key, long long value)
{
	str_printfa(dest, ",\"%s\":%lld", key, value);
}

void cli_json_strlist(string_t *dest, const char *key,
		      const char *const *values)
{
	unsigned int i;

	str_printfa(dest, ",\"%s\":[", key);
	for (i = 0; values != NULL && values[i] != NULL; i++) {
		if (i > 0)
			str_append_c(dest, ',');
		str_append_c(dest, '"');
		json_append_escaped(dest, values[i]);
		str_append_c(dest, '"');
	}
	str_append_c(dest, ']');
}

void cli_print(string_t *dest)
{
	str_append_c(dest, '\n');
	fwrite(str_data(dest), 1, str_len(dest), stdout);
}

void cli_list_begin(string_t *out, bool json)
{
	if (json)
		str_append_c(out, '[');
}

void cli_list_item(string_t *out, bool json)
{
	if (json && str_len(out) > 1)
		str_append_c(out, ',');
}

void cli_list_end(string_t *out, bool json)
{
	if (json) {
		str_append_c(out, ']');
		cli_print(out);
	} else {
		fwrite(str_data(out), 1, str_len(out), stdout);
	}
}

void cli_json_task(string_t *dest, const struct dondoc_task *task)
{
	str_append_c(dest, '{');
	cli_json_str(dest, "code", task->code, TRUE);
	cli_json_str(dest, "agency", task->agency, FALSE);
	cli_json_str(dest, "title", task->title, FALSE);
	cli_json_str(dest, "due", dondoc_date_to_str(&task->due), FALSE);
	cli_json_str(dest, "status", dondoc_task_status_name(task->status),
		     FALSE);
	cli_json_str(dest, "type", task->doc_type, FALSE);
	cli_json_str(dest, "period", task->period.kind == '\0' ? NULL :
		     dondoc_period_to_str(&task->period), FALSE);
	cli_json_str(dest, "obligation", task->obligation, FALSE);
	cli_json_str(dest, "assigner", task->assigner, FALSE);
	cli_json_str(dest, "source_type", task->source_type, FALSE);
	cli_json_str(dest, "source_number", task->source_number, FALSE);
	cli_json_str(dest, "source_symbol", task->source_symbol, FALSE);
	str_append_c(dest, '}');
}
