/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc db init|migrate|check|backup NEWFILE: create a store (and seed
   its calendar exceptions from the shipped table of announced schedules),
   upgrade its schema, verify it, copy it consistently into a new SQLite
   file while deliveries write (SQLite's online backup API, `cp` would
   miss what is still in the WAL; a PostgreSQL store's one snapshot,
   copied and verified as db copy does). The TSV is untrusted input: lines are bounded and
   parsed strictly, and a bad line stops the load with its number. */

#include "lib.h"
#include "str.h"

#include "dondoc-store.h"
#include "dondoc-store-copy.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>
#include <errno.h>
#include <sys/stat.h>

#define DB_TSV_MAX_LINE 4096

static int db_load_calendar_line(struct dondoc_store *store, char *line,
				 const char **error_r)
{
	const char *const *fields;
	struct dondoc_date date;
	enum dondoc_day_kind kind;

	fields = t_strsplit(line, "\t");
	if (str_array_length(fields) < 2) {
		*error_r = "expected DATE<tab>off|work<tab>REASON";
		return -1;
	}
	if (!dondoc_date_parse(fields[0], &date)) {
		*error_r = t_strdup_printf("invalid date '%s'", fields[0]);
		return -1;
	}
	if (strcmp(fields[1], "off") == 0)
		kind = DONDOC_DAY_OFF;
	else if (strcmp(fields[1], "work") == 0)
		kind = DONDOC_DAY_WORK;
	else {
		*error_r = t_strdup_printf("kind must be off or work, not '%s'",
					   fields[1]);
		return -1;
	}
	return dondoc_store_calendar_set(store, &date, kind,
					 fields[2] == NULL ? "" : fields[2],
					 error_r);
}

/* Load the TSV into the store in one transaction; count_r = rows set. */
static int db_load_calendar(struct dondoc_store *store, const char *path,
			    unsigned int *count_r)
{
	FILE *f;
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	unsigned int lineno = 0;
	const char *error;
	int ret = 0;

	*count_r = 0;
	if ((f = fopen(path, "r")) == NULL) {
		cli_error("open(%s) failed: %m", path);
		return -1;
	}
	if (dondoc_store_begin(store, &error) < 0) {
		cli_error("%s", error);
		fclose(f);
		return -1;
	}
	while ((len = getline(&line, &size, f)) >= 0) {
		lineno++;
		if (len > DB_TSV_MAX_LINE) {
			cli_error("%s:%u: line too long", path, lineno);
			ret = -1;
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		T_BEGIN {
			int r = db_load_calendar_line(store, line, &error);

			if (r < 0) {
				cli_error("%s:%u: %s", path, lineno, error);
				ret = -1;
			} else {
				*count_r += r;
			}
		} T_END;
		if (ret < 0)
			break;
	}
	if (ret == 0 && ferror(f)) {
		cli_error("read(%s) failed: %m", path);
		ret = -1;
	}
	free(line);
	fclose(f);
	if (ret < 0) {
		dondoc_store_rollback(store);
		return -1;
	}
	if (dondoc_store_commit(store, &error) < 0) {
		cli_error("%s", error);
		return -1;
	}
	return 0;
}

static int db_init(struct cli_context *ctx, const char *calendar)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.create = TRUE,
	};
	struct dondoc_store *store;
	unsigned int count = 0;
	int version = 0;
	const char *error;

	if (calendar == NULL)
		calendar = cli_calendar_default_path();
	if (cli_store_open(ctx, &set, &store) < 0)
		return CLI_EXIT_FAILURE;
	if (calendar != NULL && db_load_calendar(store, calendar, &count) < 0) {
		cli_store_close(ctx, &store);
		return CLI_EXIT_FAILURE;
	}
	if (dondoc_store_get_version(store, &version, &error) < 0) {
		cli_error("%s", error);
		cli_store_close(ctx, &store);
		return CLI_EXIT_FAILURE;
	}
	printf("store ready: schema version %d", version);
	if (calendar != NULL)
		printf(", %u calendar exception(s) loaded from %s", count,
		       calendar);
	else
		printf(", no calendar table found (use --calendar FILE)");
	printf("\n");
	cli_store_close(ctx, &store);
	return CLI_EXIT_OK;
}

static int db_migrate(struct cli_context *ctx)
{
	struct dondoc_store *store;
	const char *error;
	int version;

	/* open migrates */
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	if (dondoc_store_get_version(store, &version, &error) < 0) {
		cli_error("%s", error);
		cli_store_close(ctx, &store);
		return CLI_EXIT_FAILURE;
	}
	printf("schema version %d\n", version);
	cli_store_close(ctx, &store);
	return CLI_EXIT_OK;
}

static int db_check(struct cli_context *ctx)
{
	struct dondoc_store_settings set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.no_migrate = TRUE,
		/* to look at a store marked corrupt, never to write */
		.allow_corrupt = TRUE,
	};
	struct dondoc_store *store;
	const char *error;
	int ret;

	if (cli_store_open(ctx, &set, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_check(store, &error);
	cli_store_close(ctx, &store);
	if (ret <= 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("ok: schema version %d\n", dondoc_store_schema_version());
	return CLI_EXIT_OK;
}

static int db_backup(struct cli_context *ctx, const char *dest)
{
	struct dondoc_store *store;
	const char *error;
	struct stat st;
	int ret;

	/* A backup goes into a new file only. Asked here, before the store
	   is touched: given an existing file (the store itself, by a typo,
	   or yesterday's backup) the backup wrote over it, and removed it
	   when the copy failed. */
	if (lstat(dest, &st) == 0) {
		cli_error("%s already exists%s: a backup is written into a new "
			  "file only (%s)", dest,
			  S_ISDIR(st.st_mode) ? " and is a directory" : "",
			  S_ISDIR(st.st_mode) ? "name one" :
			  "remove it, or name another");
		return CLI_EXIT_FAILURE;
	}
	if (errno != ENOENT) {
		cli_error("lstat(%s) failed: %m", dest);
		return CLI_EXIT_FAILURE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	ret = dondoc_store_backup(store, dest, &error);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("backed up to %s\n", dest);
	return CLI_EXIT_OK;
}

/* dondoc db copy --from SRC --to DST: a site moved between stores
   (SQLite and PostgreSQL alike); the target is created if need be and
   must hold no data yet. */
static int db_copy(struct cli_context *ctx, const char *from_path,
		   const char *to_path)
{
	struct dondoc_store_settings from_set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.no_migrate = TRUE,
	};
	struct dondoc_store_settings to_set = {
		.busy_timeout_msecs = DONDOC_STORE_DEFAULT_BUSY_TIMEOUT_MSECS,
		.create = TRUE,
	};
	struct dondoc_store *from, *to;
	const char *error, *conninfo;
	unsigned int rows;
	int ret;

	if (cli_store_owner_check(from_path) < 0 ||
	    cli_store_owner_check(to_path) < 0)
		return CLI_EXIT_FAILURE;
	if (dondoc_store_open_with(from_path, &from_set, &from, &error) < 0) {
		cli_error("--from: %s", error);
		return CLI_EXIT_FAILURE;
	}
	if (dondoc_store_open_with(to_path, &to_set, &to, &error) < 0) {
		cli_error("--to: %s", error);
		cli_store_close(ctx, &from);
		return CLI_EXIT_FAILURE;
	}
	dondoc_store_set_actor(to, "cli");
	ret = dondoc_store_copy(from, to, dondoc_store_path_is_pgsql(from_path,
		&conninfo) ? "a PostgreSQL store" : from_path, &rows, &error);
	cli_store_close(ctx, &from);
	cli_store_close(ctx, &to);
	if (ret < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	printf("copied %u rows; every table's row count and the audit log "
	       "verified\n", rows);
	return CLI_EXIT_OK;
}

static int cmd_db_run(struct cli_context *ctx, int argc,
		      const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--calendar", .has_value = TRUE },
		{ .name = "--from", .has_value = TRUE },
		{ .name = "--to", .has_value = TRUE },
	};
	const char *pos[2];
	unsigned int npos;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       pos, N_ELEMENTS(pos), &npos) || npos == 0)
		return cli_usage(&cmd_db);
	if (strcmp(pos[0], "copy") == 0 && npos == 1 &&
	    options[0].value == NULL) {
		if (options[1].value == NULL || options[2].value == NULL)
			return cli_usage(&cmd_db);
		return db_copy(ctx, options[1].value, options[2].value);
	}
	if (options[1].value != NULL || options[2].value != NULL)
		return cli_usage(&cmd_db);
	if (strcmp(pos[0], "backup") == 0 && npos == 2 &&
	    options[0].value == NULL)
		return db_backup(ctx, pos[1]);
	if (npos != 1)
		return cli_usage(&cmd_db);
	if (strcmp(pos[0], "init") == 0)
		return db_init(ctx, options[0].value);
	if (options[0].value != NULL)
		return cli_usage(&cmd_db);
	if (strcmp(pos[0], "migrate") == 0)
		return db_migrate(ctx);
	if (strcmp(pos[0], "check") == 0)
		return db_check(ctx);
	return cli_usage(&cmd_db);
}

const struct cli_command cmd_db = {
	.name = "db",
	.summary = "create, upgrade, verify, back up (into a new SQLite "
		"file) and copy the store",
	.usage = "init [--calendar FILE] | migrate | check | backup NEWFILE | "
		"copy --from STORE --to STORE",
	.run = cmd_db_run,
};
