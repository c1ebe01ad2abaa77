/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc digest --period P [--agency CODE] [--format text|json|html|docx]
   [--output FILE] [--today YYYY-MM-DD]: the secretariat's report drafted
   from the store (lib/tracking/dondoc-digest.c), on stdout or into FILE
   (written to a temporary file beside it, synced, then renamed: a reader
   never sees half a report). Trusts the store; the period and the agency
   are checked here and by the store. */

#include "lib.h"
#include "ioloop.h"
#include "str.h"
#include "buffer.h"
#include "write-full.h"

#include "dondoc-digest.h"
#include "dondoc-tracker.h"
#include "dondoc-cli.h"
#include "cli-settings.h"
#include "cli-digest.h"

#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>

enum digest_format {
	DIGEST_FORMAT_TEXT,
	DIGEST_FORMAT_JSON,
	DIGEST_FORMAT_HTML,
	DIGEST_FORMAT_DOCX,
};

static bool digest_format_parse(const char *value, enum digest_format *fmt_r)
{
	static const char *const names[] = { "text", "json", "html", "docx" };
	unsigned int i;

	if (value == NULL) {
		*fmt_r = DIGEST_FORMAT_TEXT;
		return TRUE;
	}
	for (i = 0; i < N_ELEMENTS(names); i++) {
		if (strcmp(value, names[i]) == 0) {
			*fmt_r = i;
			return TRUE;
		}
	}
	return FALSE;
}

/* Write data to path through path.tmp.PID: synced, then renamed. */
static int digest_write_file(const char *path, const buffer_t *data)
{
	const char *tmp = t_strdup_printf("%s.tmp.%ld", path, (long)getpid());
	int fd;

	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0640);
	if (fd < 0) {
		cli_error("open(%s) failed: %m", tmp);
		return -1;
	}
	if (write_full(fd, data->data, data->used) < 0 || fsync(fd) < 0) {
		cli_error("write(%s) failed: %m", tmp);
		i_close_fd(&fd);
		i_unlink(tmp);
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		cli_error("rename(%s, %s) failed: %m", tmp, path);
		i_unlink_if_exists(tmp);
		return -1;
	}
	return 0;
}

static int digest_render(const struct dondoc_digest *digest,
			 enum digest_format format, pool_t pool, buffer_t *out)
{
	struct dondoc_digest_docx_settings docx;
	const buffer_t *const *charts;
	const char *error;

	switch (format) {
	case DIGEST_FORMAT_TEXT:
		dondoc_digest_append_text(out, digest);
		return 0;
	case DIGEST_FORMAT_JSON:
		dondoc_digest_append_json(out, digest);
		str_append_c(out, '\n');
		return 0;
	case DIGEST_FORMAT_HTML:
		dondoc_digest_append_html(out, digest, NULL);
		return 0;
	case DIGEST_FORMAT_DOCX:
		cli_digest_docx_settings(digest, &docx);
		if ((charts = cli_digest_charts(digest, pool)) == NULL)
			return -1;
		if (dondoc_digest_write_docx(digest, &docx, charts, out,
					     &error) < 0) {
			cli_error("%s", error);
			return -1;
		}
		return 0;
	}
	i_unreached();
}

static int cmd_digest_run(struct cli_context *ctx, int argc,
			  const char *const *argv)
{
	struct cli_option options[] = {
		{ .name = "--period", .has_value = TRUE },
		{ .name = "--agency", .has_value = TRUE },
		{ .name = "--format", .has_value = TRUE },
		{ .name = "--output", .has_value = TRUE },
		{ .name = "--today", .has_value = TRUE },
		{ .name = "--mail", .has_value = TRUE },
	};
	struct dondoc_digest_period period;
	struct dondoc_digest *digest;
	struct dondoc_store *store;
	enum digest_format format;
	struct dondoc_date today;
	const char *positional[1], *error;
	unsigned int count;
	buffer_t *out;
	pool_t pool;
	int ret;

	if (!cli_options_parse(ctx, argc, argv, options, N_ELEMENTS(options),
			       positional, N_ELEMENTS(positional), &count) ||
	    count != 0 || options[0].value == NULL)
		return cli_usage(&cmd_digest);
	if (!dondoc_digest_period_parse(options[0].value, &period)) {
		cli_error("invalid --period %s (YYYY-MM, YYYY-Qn, YYYY-Hn or "
			  "YYYY)", options[0].value);
		return CLI_EXIT_USAGE;
	}
	if (!digest_format_parse(options[2].value, &format)) {
		cli_error("invalid --format %s (text, json, html or docx)",
			  options[2].value);
		return CLI_EXIT_USAGE;
	}
	if (options[4].value != NULL) {
		if (!dondoc_date_parse(options[4].value, &today)) {
			cli_error("invalid --today date: %s", options[4].value);
			return CLI_EXIT_USAGE;
		}
	} else {
		dondoc_tracker_vn_date(ioloop_time, &today);
	}
	if (options[5].value != NULL &&
	    (options[3].value != NULL || options[2].value != NULL)) {
		cli_error("--mail sends the report as a mail: "
			  "no --format or --output with it");
		return CLI_EXIT_USAGE;
	}
	if (cli_store_open(ctx, NULL, &store) < 0)
		return CLI_EXIT_FAILURE;
	pool = pool_alloconly_create("dondoc digest", 1024 * 64);
	ret = dondoc_digest_build(store, pool, &period, &today,
				  options[1].value, &digest, &error);
	if (ret < 0) {
		cli_error("%s", error);
		cli_store_close(ctx, &store);
		pool_unref(&pool);
		return CLI_EXIT_FAILURE;
	}
	if (options[5].value != NULL) {
		ret = cli_digest_mail(ctx, store, digest, options[5].value);
		cli_store_close(ctx, &store);
		pool_unref(&pool);
		return ret;
	}
	cli_store_close(ctx, &store);
	out = buffer_create_dynamic(default_pool, 1024 * 16);
	ret = digest_render(digest, format, pool, out);
	if (ret == 0 && options[3].value != NULL)
		ret = digest_write_file(options[3].value, out);
	else if (ret == 0 && format == DIGEST_FORMAT_DOCX && isatty(1)) {
		cli_error("a .docx is binary: give --output FILE");
		ret = -1;
	} else if (ret == 0 &&
		   (write_full(1, out->data, out->used) < 0)) {
		cli_error("write(stdout) failed: %m");
		ret = -1;
	}
	buffer_free(&out);
	pool_unref(&pool);
	return ret < 0 ? CLI_EXIT_FAILURE : CLI_EXIT_OK;
}

const struct cli_command cmd_digest = {
	.name = "digest",
	.summary = "the secretariat's report for a period, from the store",
	.usage = "--period YYYY-MM|YYYY-Qn|YYYY-Hn|YYYY [--agency CODE] "
		"[--format text|json|html|docx] [--output FILE] "
		"[--today YYYY-MM-DD] [--mail ROLE|ADDRESS]",
	.run = cmd_digest_run,
};
