/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc analyze [--json] FILE...: run the core analysis on messages in
   files (- for stdin) and print what it found, one result per message.
   With the global --db PATH the assignments' agencies are resolved
   through the store's codes, names and aliases ("agency_code"); without
   it they are null: the analysis itself knows no store. */

#include "lib.h"
#include "str.h"
#include "istream.h"

#include "dondoc-analysis.h"
#include "dondoc-json.h"
#include "dondoc-store.h"
#include "dondoc-agency-resolve.h"
#include "dondoc-cli.h"
#include "cli-settings.h"

#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>

struct analyze_resolve {
	struct dondoc_store *store;
	/* a store error, reported once after the output */
	const char *error;
};

static const char *
analyze_agency_code(const struct dondoc_assignment *assignment,
		    void *context)
{
	struct analyze_resolve *res = context;
	const char *code, *error;

	/* a group stands for many members: no one code */
	if (assignment->agency == NULL || assignment->agency_group != NULL ||
	    res->error != NULL)
		return NULL;
	switch (dondoc_store_agency_resolve(res->store, assignment->agency,
					    &code, &error)) {
	case 1:
		return code;
	case 0:
		return NULL;
	}
	res->error = t_strdup(error);
	return NULL;
}

static void analyze_print_text(const char *name,
			       const struct dondoc_analysis *analysis)
{
	const struct dondoc_document *doc;
	const char *const *warning;

	printf("%s: %u document(s)\n", name,
	       array_count(&analysis->documents));
	array_foreach(&analysis->documents, doc) {
		printf("  %s: %s %s/%s (%s)%s\n", doc->source,
		       doc->type != NULL ? doc->type : "-",
		       doc->number != NULL ? doc->number : "",
		       doc->symbol != NULL ? doc->symbol : "",
		       doc->type_name != NULL ? doc->type_name : "-",
		       doc->quoted ? " [quoted]" : "");
		if (doc->issuer != NULL || doc->date != NULL) {
			printf("    %s, %s\n",
			       doc->issuer != NULL ? doc->issuer : "-",
			       doc->date != NULL ? doc->date : "-");
		}
		if (doc->summary != NULL)
			printf("    %s\n", doc->summary);
		if (doc->period.kind != NULL) {
			printf("    period: %s %u/%u\n", doc->period.kind,
			       doc->period.index, doc->period.year);
		}
		if (doc->meeting != NULL) {
			printf("    meeting: %s %s %s\n",
			       doc->meeting->date != NULL ?
			       doc->meeting->date : "-",
			       doc->meeting->time != NULL ?
			       doc->meeting->time : "-",
			       doc->meeting->place != NULL ?
			       doc->meeting->place : "-");
		}
		if (array_count(&doc->assignments) > 0) {
			printf("    assignments: %u\n",
			       array_count(&doc->assignments));
		}
	}
	array_foreach(&analysis->warnings, warning)
		printf("  warning: %s\n", *warning);
}

static int analyze_file(const char *path, bool json,
			const struct dondoc_limits *limits,
			struct analyze_resolve *res)
{
	struct dondoc_analysis *analysis;
	struct istream *input;
	const char *error;
	pool_t pool;
	int fd, ret;

	if (strcmp(path, "-") == 0)
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY);
	if (fd < 0) {
		cli_error("open(%s) failed: %m", path);
		return -1;
	}
	input = i_stream_create_fd_autoclose(&fd, 64 * 1024);
	i_stream_set_name(input, path);
	pool = pool_alloconly_create("dondoc analysis", 16 * 1024);
	ret = dondoc_analyze_stream(input, limits, pool,
				    &analysis, &error);
	if (ret < 0) {
		cli_error("%s", error);
	} else if (json) {
		string_t *out = t_str_new(1024);

		if (res->store != NULL)
			dondoc_json_append_analysis_resolved(out, analysis,
				analyze_agency_code, res);
		else
			dondoc_json_append_analysis(out, analysis);
		str_append_c(out, '\n');
		fwrite(str_data(out), 1, str_len(out), stdout);
	} else {
		analyze_print_text(path, analysis);
	}
	pool_unref(&pool);
	i_stream_unref(&input);
	return ret;
}

static int cmd_analyze_run(struct cli_context *ctx, int argc,
			   const char *const *argv)
{
	struct analyze_resolve res = { .store = NULL };
	struct dondoc_limits limits = dondoc_limits_default;
	bool json = FALSE;
	int i = 0, ret = CLI_EXIT_OK;

	/* --extractor PATH ("" for none), --pdf-ca FILE, --extract-cpu-secs
	   N, --extract-msecs N, --extract-memory BYTES: the settings
	   dondoc_extractor, dondoc_pdf_ca, dondoc_extract_* */
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = TRUE;
		else if (strcmp(argv[i], "--extractor") == 0 && i + 1 < argc)
			limits.extract.path = argv[++i];
		else if (strcmp(argv[i], "--pdf-ca") == 0 && i + 1 < argc)
			limits.extract.pdf_ca = argv[++i];
		else if (strcmp(argv[i], "--extract-cpu-secs") == 0 &&
			 i + 1 < argc) {
			if (str_to_uint(argv[++i], &limits.extract.cpu_secs) < 0)
				return cli_usage(&cmd_analyze);
		} else if (strcmp(argv[i], "--extract-msecs") == 0 &&
			   i + 1 < argc) {
			if (str_to_uint(argv[++i], &limits.extract.wall_msecs) < 0)
				return cli_usage(&cmd_analyze);
		} else if (strcmp(argv[i], "--extract-memory") == 0 &&
			   i + 1 < argc) {
			if (str_to_uoff(argv[++i], &limits.extract.memory_bytes) < 0)
				return cli_usage(&cmd_analyze);
		} else
			break;
	}
	if (i == argc)
		return cli_usage(&cmd_analyze);
	if (ctx->db_path != NULL && cli_store_open(ctx, NULL, &res.store) < 0)
		return CLI_EXIT_FAILURE;
	for (; i < argc; i++) T_BEGIN {
		if (analyze_file(argv[i], json, &limits, &res) < 0)
			ret = CLI_EXIT_FAILURE;
		if (res.error != NULL) {
			cli_error("agency lookup: %s", res.error);
			res.error = NULL;
			ret = CLI_EXIT_FAILURE;
		}
	} T_END;
	if (res.store != NULL)
		cli_store_close(ctx, &res.store);
	fflush(stdout);
	return ret;
}

const struct cli_command cmd_analyze = {
	.name = "analyze",
	.summary = "print what the analysis finds in mail files",
	.usage = "[--json] [--extractor PATH] [--pdf-ca FILE] "
		"[--extract-cpu-secs N] [--extract-msecs N] "
		"[--extract-memory BYTES] FILE...",
	.run = cmd_analyze_run,
	.no_store = TRUE,
};
