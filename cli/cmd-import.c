/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc import FILE.csv: agencies, people and tasks in bulk, all or
   nothing (one write transaction). The file is untrusted: lines and
   fields are bounded, quoting is RFC 4180 on one line, and the first bad
   row stops the import with its line number. Columns: doc/store.md. */

#include "lib.h"
#include "array.h"
#include "str.h"

#include "dondoc-store.h"
#include "dondoc-csv.h"
#include "dondoc-agency-resolve.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>

#define IMPORT_MAX_LINE 8192
#define IMPORT_MAX_FIELDS 16
#define IMPORT_MAX_LINES 1000000

struct import_counts {
	unsigned int agencies, aliases, people, tasks, unchanged;
};

/* Aliases in one field, separated by ';' or '|', at most this many. */
#define IMPORT_MAX_ALIASES 32

static const char *field(const ARRAY_TYPE(const_string) *fields,
			 unsigned int idx)
{
	const char *value;

	if (idx >= array_count(fields))
		return NULL;
	value = array_idx_elem(fields, idx);
	return value[0] == '\0' ? NULL : value;
}

static int import_agency(struct dondoc_store *store,
			 const ARRAY_TYPE(const_string) *fields,
			 struct import_counts *counts, const char **error_r)
{
	struct dondoc_agency agency = {
		.code = field(fields, 1),
		.name = field(fields, 2),
	};
	const char *aliases = field(fields, 3), *const *alias;
	unsigned int n = 0;
	int ret;

	if (array_count(fields) < 3 || array_count(fields) > 4) {
		*error_r = "agency rows are: agency,CODE,NAME[,ALIASES]";
		return -1;
	}
	if ((ret = dondoc_store_agency_add(store, &agency, error_r)) < 0)
		return -1;
	if (ret > 0) counts->agencies++; else counts->unchanged++;
	if (aliases == NULL)
		return 0;
	for (alias = t_strsplit(aliases, ";|"); *alias != NULL; alias++) {
		const char *a = t_str_trim(*alias, " \t");

		if (a[0] == '\0')
			continue;
		if (++n > IMPORT_MAX_ALIASES) {
			*error_r = t_strdup_printf("more than %u aliases",
						   IMPORT_MAX_ALIASES);
			return -1;
		}
		if ((ret = dondoc_agency_alias_add(store, agency.code, a,
						   error_r)) < 0)
			return -1;
		if (ret > 0) counts->aliases++; else counts->unchanged++;
	}
	return 0;
}

static int import_person(struct dondoc_store *store,
			 const ARRAY_TYPE(const_string) *fields,
			 struct import_counts *counts, const char **error_r)
{
	struct dondoc_person person;
	const char *emails[2] = { field(fields, 1), NULL };
	const char *roles = field(fields, 3);
	int ret;

	if (array_count(fields) < 3 || array_count(fields) > 5) {
		*error_r = "person rows are: person,EMAIL,AGENCY,ROLES,NAME";
		return -1;
	}
	i_zero(&person);
	person.emails = emails;
	person.agency = field(fields, 2);
	person.name = field(fields, 4);
	person.roles = roles == NULL ? t_new(const char *, 1) :
		(const char *const *)t_strsplit_spaces(roles, "; ");
	if (emails[0] == NULL) {
		*error_r = "EMAIL is missing";
		return -1;
	}
	if ((ret = dondoc_store_person_add(store, &person, NULL, error_r)) < 0)
		return -1;
	if (ret > 0) counts->people++; else counts->unchanged++;
	return 0;
}

static int import_task(struct dondoc_store *store,
		       const ARRAY_TYPE(const_string) *fields,
		       struct import_counts *counts, const char **error_r)
{
	struct dondoc_task task;
	const char *due = field(fields, 4), *period = field(fields, 6);
	int ret;

	if (array_count(fields) < 5 || array_count(fields) > 11) {
		*error_r = "task rows are: task,CODE,AGENCY,TITLE,DUE[,TYPE,"
			"PERIOD,ASSIGNER,SOURCE_TYPE,SOURCE_NUMBER,"
			"SOURCE_SYMBOL]";
		return -1;
	}
	i_zero(&task);
	task.code = field(fields, 1);
	task.agency = field(fields, 2);
	task.title = field(fields, 3);
	task.doc_type = field(fields, 5);
	task.assigner = field(fields, 7);
	task.source_type = field(fields, 8);
	task.source_number = field(fields, 9);
	task.source_symbol = field(fields, 10);
	if (due == NULL || !dondoc_date_parse(due, &task.due)) {
		*error_r = t_strdup_printf("invalid due date '%s'",
					   due == NULL ? "" : due);
		return -1;
	}
	if (period != NULL && !dondoc_period_parse(period, &task.period)) {
		*error_r = t_strdup_printf("invalid period '%s'", period);
		return -1;
	}
	if ((ret = dondoc_store_task_add(store, &task, NULL, error_r)) < 0)
		return -1;
	if (ret > 0) counts->tasks++; else counts->unchanged++;
	return 0;
}

static int import_line(struct dondoc_store *store, const char *line,
		       bool *header_seen, struct import_counts *counts,
		       const char **error_r)
{
	ARRAY_TYPE(const_string) fields;
	const char *kind;

	t_array_init(&fields, IMPORT_MAX_FIELDS);
	if (dondoc_csv_split(line, IMPORT_MAX_FIELDS, &fields, error_r) < 0)
		return -1;
	kind = array_idx_elem(&fields, 0);
	if (strcmp(kind, "kind") == 0 && !*header_seen) {
		*header_seen = TRUE;
		return 0;
	}
	*header_seen = TRUE;
	if (strcmp(kind, "agency") == 0)
		return import_agency(store, &fields, counts, error_r);
	if (strcmp(kind, "person") == 0)
		return import_person(store, &fields, counts, error_r);
	if (strcmp(kind, "task") == 0)
		return import_task(store, &fields, counts, error_r);
	*error_r = t_strdup_printf("unknown row kind '%s' (agency, person, "
				   "task)", t_strndup(kind, 32));
	return -1;
}

static int import_file(struct dondoc_store *store, FILE *f, const char *path,
		       struct import_counts *counts)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	unsigned int lineno = 0;
	bool header_seen = FALSE;
	const char *error;
	int ret = 0;

	while (ret == 0 && (len = getline(&line, &size, f)) >= 0) {
		if (++lineno > IMPORT_MAX_LINES) {
			cli_error("%s: more than %u lines", path,
				  IMPORT_MAX_LINES);
			ret = -1;
			break;
		}
		if (len > IMPORT_MAX_LINE) {
			cli_error("%s:%u: line too long (max %u bytes)", path,
				  lineno, IMPORT_MAX_LINE);
			ret = -1;
			break;
		}
		if ((size_t)len != strlen(line)) {
			cli_error("%s:%u: NUL byte in line", path, lineno);
			ret = -1;
			break;
		}
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			line[--len] = '\0';
		/* a UTF-8 BOM from spreadsheet exports */
		if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
			memmove(line, line + 3, strlen(line + 3) + 1);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		T_BEGIN {
			if (import_line(store, line, &header_seen, counts,
					&error) < 0) {
				cli_error("%s:%u: %s", path, lineno, error);
				ret = -1;
			}
		} T_END;
	}
	if (ret == 0 && ferror(f)) {
		cli_error("read(%s) failed: %m", path);
		ret = -1;
	}
	free(line);
	return ret;
}

static int cmd_import_run(struct cli_context *ctx, int argc,
			  const char *const *argv)
{
	struct import_counts counts;
	struct dondoc_store *store;
	const char *error, *pos[1];
	unsigned int npos;
	FILE *f;
	int ret;

	if (!cli_options_parse(ctx, argc, argv, NULL, 0, pos, 1, &npos) ||
	    npos != 1)
		return cli_usage(&cmd_import);
	argv = pos;
	if ((f = fopen(argv[0], "r")) == NULL) {
		cli_error("open(%s) failed: %m", argv[0]);
		return CLI_EXIT_FAILURE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0) {
		fclose(f);
		return CLI_EXIT_FAILURE;
	}
	i_zero(&counts);
	if (dondoc_store_begin(store, &error) < 0) {
		cli_error("%s", error);
		ret = -1;
	} else if ((ret = import_file(store, f, argv[0], &counts)) < 0) {
		dondoc_store_rollback(store);
	} else if (dondoc_store_commit(store, &error) < 0) {
		cli_error("%s", error);
		ret = -1;
	}
	fclose(f);
	cli_store_close(ctx, &store);
	if (ret < 0) {
		cli_error("%s: nothing imported", argv[0]);
		return CLI_EXIT_FAILURE;
	}
	printf("imported %u agencies, ", counts.agencies);
	if (counts.aliases > 0)
		printf("%u aliases, ", counts.aliases);
	printf("%u people, %u tasks (%u unchanged)\n",
	       counts.people, counts.tasks, counts.unchanged);
	return CLI_EXIT_OK;
}

const struct cli_command cmd_import = {
	.name = "import",
	.summary = "load agencies, people and tasks from a CSV file",
	.usage = "FILE.csv",
	.run = cmd_import_run,
};
