/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Where the store is (--db or the dondoc_db setting of dovecot.conf,
   read by cli-config.c) and small helpers shared by the store
   commands. Trusts nothing from argv: every value is checked by the
   store before use. */

#include "lib.h"
#include "array.h"
#include "str.h"
#include "strnum.h"
#include "dondoc-compat.h"

#include "dondoc-cli.h"
#include "cli-settings.h"
#include "cli-listing.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

const char *cli_setting_get(void *context ATTR_UNUSED, const char *name)
{
	const char *value = cli_plugin_setting(name);

	return value == NULL || *value == '\0' ? NULL : value;
}

int cli_plugin_setting_path(const char *name, const char **path_r)
{
	return cli_home_path(name, cli_plugin_setting(name), path_r);
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

int cli_store_owner_check(const char *path)
{
	const char *conninfo, *what = path, *slash;
	struct stat st;

	if (geteuid() != 0 || dondoc_store_path_is_pgsql(path, &conninfo))
		return 0;
	/* the store, else (db init, db copy --to) its directory */
	if (stat(path, &st) < 0) {
		slash = strrchr(path, '/');
		what = slash == NULL ? "." : slash == path ? "/" :
			t_strdup_until(path, slash);
		if (stat(what, &st) < 0)
			return 0;
	}
	if (st.st_uid == 0)
		return 0;
	cli_error("running as root, refusing the store %s: %s belongs to uid "
		  "%ld, and what root would create there (the store, its "
		  "markers) the deliveries, running as that user, could not "
		  "write. Run as that user: dondoc -u USER ..., or runuser -u "
		  "NAME -- dondoc ...", path, what, (long)st.st_uid);
	return -1;
}

static int cli_store_open_as(struct cli_context *ctx,
			     const struct dondoc_store_settings *set,
			     bool relaxed_sync, struct dondoc_store **store_r)
{
	struct dondoc_store_settings default_set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.relaxed_sync = relaxed_sync,
	};
	const char *path = ctx->db_path, *error, *value;
	unsigned int msecs;

	if (path == NULL) {
		if (cli_plugin_setting_path("dondoc_db", &path) < 0)
			return -1;
		if (path == NULL) {
			cli_error("no store: give --db PATH or set dondoc_db "
				  "in dovecot.conf");
			return -1;
		}
	}
	if (cli_store_owner_check(path) < 0)
		return -1;
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

int cli_store_open(struct cli_context *ctx,
		   const struct dondoc_store_settings *set,
		   struct dondoc_store **store_r)
{
	return cli_store_open_as(ctx, set, FALSE, store_r);
}

int cli_store_open_relaxed(struct cli_context *ctx,
			   struct dondoc_store **store_r)
{
	return cli_store_open_as(ctx, NULL, TRUE, store_r);
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

/* ,"KEY": as one append (a listing writes twelve per task) */
#define CLI_JSON_KEY(dest, key) \
	str_append_data(dest, ",\"" key "\":", sizeof(",\"" key "\":") - 1)

/* cli_json_str()'s value: null or the escaped string */
static void cli_json_value(string_t *dest, const char *value)
{
	if (value == NULL) {
		str_append_data(dest, "null", 4);
		return;
	}
	str_append_c(dest, '"');
	cli_json_append_escaped(dest, value);
	str_append_c(dest, '"');
}

void cli_json_str(string_t *dest, const char *key, const char *value,
		  bool first)
{
	if (!first)
		str_append_c(dest, ',');
	str_append_c(dest, '"');
	str_append(dest, key);
	str_append(dest, "\":");
	cli_json_value(dest, value);
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
		cli_json_append_escaped(dest, values[i]);
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

/* The period needs no escaping when its kind is one of the store's
   capital letters; any other kind goes through cli_json_value(). */
static void cli_json_task_period(string_t *dest,
				 const struct dondoc_task *task)
{
	char kind = task->period.kind;

	CLI_JSON_KEY(dest, "period");
	if (kind == '\0')
		cli_json_value(dest, NULL);
	else if (!(kind >= 'A' && kind <= 'Z'))
		cli_json_value(dest, dondoc_period_to_str(&task->period));
	else {
		str_append_c(dest, '"');
		cli_append_period(dest, &task->period);
		str_append_c(dest, '"');
	}
}

void cli_json_task(string_t *dest, const struct dondoc_task *task)
{
	str_append_data(dest, "{\"code\":", 8);
	cli_json_value(dest, task->code);
	CLI_JSON_KEY(dest, "agency");
	cli_json_value(dest, task->agency);
	CLI_JSON_KEY(dest, "title");
	cli_json_value(dest, task->title);
	/* digits and '-': nothing to escape */
	CLI_JSON_KEY(dest, "due");
	str_append_c(dest, '"');
	cli_append_date(dest, &task->due);
	str_append_c(dest, '"');
	CLI_JSON_KEY(dest, "status");
	cli_json_value(dest, dondoc_task_status_name(task->status));
	CLI_JSON_KEY(dest, "type");
	cli_json_value(dest, task->doc_type);
	cli_json_task_period(dest, task);
	CLI_JSON_KEY(dest, "obligation");
	cli_json_value(dest, task->obligation);
	CLI_JSON_KEY(dest, "assigner");
	cli_json_value(dest, task->assigner);
	CLI_JSON_KEY(dest, "source_type");
	cli_json_value(dest, task->source_type);
	CLI_JSON_KEY(dest, "source_number");
	cli_json_value(dest, task->source_number);
	CLI_JSON_KEY(dest, "source_symbol");
	cli_json_value(dest, task->source_symbol);
	str_append_c(dest, '}');
}
