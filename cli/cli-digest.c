/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc digest's settings (the committee's names for the docx header),
   its charts and its mail, queued in the outbox once per period, agency,
   day and recipient (`dondoc outbox send` delivers it). The charts are
   drawn by the dondoc-chart helper (chart/dondoc-chart.c, cairo), run
   once per digest, so that no other command loads cairo. Trusts the
   plugin settings as the administrator's, and the helper (ours) for no
   more than PNGs of a bounded size. */

#include "lib.h"
#include "array.h"
#include "buffer.h"
#include "str.h"
#include "ioloop.h"
#include "fd-util.h"

#include "dondoc-tracker.h"
#include "dondoc-digest-mail.h"
#include "dondoc-cli.h"
#include "cli-mail.h"
#include "cli-digest.h"

#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

#ifndef DONDOC_CHART_HELPER
#  define DONDOC_CHART_HELPER "/usr/libexec/dondoc/dondoc-chart"
#endif
/* a chart is about 6 KB of PNG; more is not one */
#define CLI_CHART_MAX_BYTES (256 * 1024)

static const char *setting_or(const char *name, const char *def)
{
	const char *value = cli_plugin_setting(name);

	return value == NULL || value[0] == '\0' ? def : value;
}

void cli_digest_docx_settings(const struct dondoc_digest *digest ATTR_UNUSED,
			      struct dondoc_digest_docx_settings *set_r)
{
	i_zero(set_r);
	set_r->parent_name = setting_or("dondoc_committee_name",
					"BAN CHỈ ĐẠO ĐỀ ÁN 06");
	set_r->issuer_name = setting_or("dondoc_issuer_name",
					"TỔ GIÚP VIỆC");
	set_r->symbol = setting_or("dondoc_report_symbol", "BC-TGV");
	set_r->place = setting_or("dondoc_place", "Kiên Giang");
	set_r->recipient = setting_or("dondoc_report_recipient",
				      "Trưởng Ban Chỉ đạo");
	set_r->signer = setting_or("dondoc_report_signer", "TỔ TRƯỞNG");
	dondoc_tracker_vn_date(ioloop_time, &set_r->date);
}

/* The helper's path: dondoc_chart_helper, or where it is installed;
   NULL for none. */
static int chart_helper(const char **path_r)
{
	const char *path = cli_plugin_setting("dondoc_chart_helper");

	if (path == NULL || path[0] == '\0')
		path = DONDOC_CHART_HELPER;
	if (strcmp(path, "none") == 0) {
		*path_r = NULL;
		return 0;
	}
	if (path[0] != '/') {
		cli_error("dondoc_chart_helper = %s: not an absolute path",
			  t_strcut(path, '\n'));
		return -1;
	}
	*path_r = path;
	return 0;
}

/* Run the helper with args (its argv) and read what it writes into out:
   1, 0 when it is not there, -1 after cli_error(). Whether it is there is
   asked before the fork: the child makes only async-signal-safe calls,
   and a helper that is there but cannot be run is an error, not a
   digest without charts. */
static int chart_run(const char *const *args, size_t max_size,
		     buffer_t *out)
{
	unsigned char buf[IO_BLOCK_SIZE];
	int fds[2], status;
	ssize_t ret;
	pid_t pid;

	if (access(args[0], X_OK) < 0) {
		if (errno == ENOENT)
			return 0;
		cli_error("%s: %m", args[0]);
		return -1;
	}
	if (pipe(fds) < 0) {
		cli_error("pipe() failed: %m");
		return -1;
	}
	if ((pid = fork()) < 0) {
		cli_error("fork() failed: %m");
		i_close_fd(&fds[0]);
		i_close_fd(&fds[1]);
		return -1;
	}
	if (pid == 0) {
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(1);
		(void)close(fds[0]);
		(void)close(fds[1]);
		(void)execv(args[0], (char *const *)args);
		_exit(127);
	}
	i_close_fd(&fds[1]);
	while ((ret = read(fds[0], buf, sizeof(buf))) != 0) {
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out->used + ret > max_size) {
			ret = -1;
			errno = EFBIG;
			break;
		}
		buffer_append(out, buf, ret);
	}
	if (ret < 0) {
		cli_error("%s: read failed: %m", args[0]);
		(void)kill(pid, SIGKILL);
	}
	i_close_fd(&fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			cli_error("waitpid(%s) failed: %m", args[0]);
			return -1;
		}
	}
	if (ret < 0)
		return -1;
	if (WIFSIGNALED(status)) {
		cli_error("%s killed by signal %d", args[0], WTERMSIG(status));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		cli_error("%s exited with status %d", args[0],
			  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 1;
}

/* The helper's output, "<length>\n<PNG>" per chart, into charts. */
static int chart_split(const buffer_t *out, buffer_t **charts,
		       unsigned int count, pool_t pool)
{
	const unsigned char *p = out->data, *end = p + out->used;
	unsigned int i;
	uoff_t len;

	for (i = 0; i < count; i++) {
		const unsigned char *digits = p;

		for (len = 0; p < end && *p >= '0' && *p <= '9'; p++) {
			len = len * 10 + (*p - '0');
			if (len > CLI_CHART_MAX_BYTES)
				return -1;
		}
		if (p == digits || p == end || *p++ != '\n' ||
		    len > (uoff_t)(end - p))
			return -1;
		charts[i] = buffer_create_dynamic(pool, len);
		buffer_append(charts[i], p, len);
		p += len;
	}
	return p == end ? 0 : -1;
}

const buffer_t *const *cli_digest_charts(const struct dondoc_digest *digest,
					 pool_t pool)
{
	unsigned int count = array_count(&digest->agencies);
	const struct dondoc_digest_agency *agency;
	ARRAY_TYPE(const_string) args;
	const char *path;
	buffer_t **charts, *out;
	int ret;

	/* NULL entries: no picture */
	charts = p_new(pool, buffer_t *, count + 1);
	if (chart_helper(&path) < 0)
		return NULL;
	if (path == NULL || count == 0)
		return (const buffer_t *const *)charts;
	t_array_init(&args, count * 5 + 2);
	array_push_back(&args, &path);
	array_foreach(&digest->agencies, agency) {
		const struct dondoc_digest_counts *c = &agency->counts;
		const char *nums[] = {
			dec2str(c->owed), dec2str(c->on_time),
			dec2str(c->late), dec2str(c->overdue),
			dec2str(c->open),
		};
		array_append(&args, nums, N_ELEMENTS(nums));
	}
	array_append_zero(&args);
	out = t_buffer_create(count * 8192);
	if ((ret = chart_run(array_front(&args),
			     (size_t)count * (CLI_CHART_MAX_BYTES + 16),
			     out)) < 0)
		return NULL;
	if (ret == 0) {
		cli_error("dondoc_chart_helper %s: not found, the digest "
			  "has no charts", path);
		return (const buffer_t *const *)charts;
	}
	if (chart_split(out, charts, count, pool) < 0) {
		cli_error("%s: not %u charts", path, count);
		return NULL;
	}
	return (const buffer_t *const *)charts;
}

/* The addresses --mail names: an address, or the first address of each
   person holding a role. */
static int digest_recipients(struct dondoc_store *store, pool_t pool,
			     const char *to, ARRAY_TYPE(const_string) *rcpts)
{
	ARRAY_TYPE(dondoc_person) people;
	const struct dondoc_person *person;
	const char *error;

	if (strchr(to, '@') != NULL) {
		array_push_back(rcpts, &to);
		return 0;
	}
	if (!dondoc_role_is_valid(to)) {
		cli_error("--mail %s: neither an address nor a role", to);
		return -1;
	}
	p_array_init(&people, pool, 4);
	if (dondoc_store_person_list(store, pool, to, &people, &error) < 0) {
		cli_error("%s", error);
		return -1;
	}
	array_foreach(&people, person) {
		if (person->emails[0] != NULL)
			array_push_back(rcpts, &person->emails[0]);
	}
	if (array_count(rcpts) == 0) {
		cli_error("--mail %s: nobody holds that role", to);
		return -1;
	}
	return 0;
}

int cli_digest_mail(struct cli_context *ctx, struct dondoc_store *store,
		    const struct dondoc_digest *digest, const char *to)
{
	struct dondoc_tracker_settings tracker;
	struct dondoc_actions_settings actions;
	struct dondoc_digest_docx_settings docx_set;
	struct dondoc_digest_mail_input in;
	const buffer_t *const *charts;
	ARRAY_TYPE(const_string) rcpts;
	const char *const *rcpt, *error;
	unsigned int queued = 0, already = 0;
	buffer_t *docx;
	string_t *data;
	pool_t pool = digest->pool;
	int ret;

	if (cli_tracking_settings(&tracker, &actions) < 0)
		return CLI_EXIT_FAILURE;
	p_array_init(&rcpts, pool, 4);
	if (digest_recipients(store, pool, to, &rcpts) < 0)
		return CLI_EXIT_FAILURE;
	if ((charts = cli_digest_charts(digest, pool)) == NULL)
		return CLI_EXIT_FAILURE;
	cli_digest_docx_settings(digest, &docx_set);
	docx = buffer_create_dynamic(pool, 65536);
	if (dondoc_digest_write_docx(digest, &docx_set, charts, docx,
				     &error) < 0) {
		cli_error("%s", error);
		return CLI_EXIT_FAILURE;
	}
	array_foreach(&rcpts, rcpt) {
		i_zero(&in);
		in.from_address = actions.from_address;
		in.from_name = actions.from_name;
		in.to_address = *rcpt;
		in.message_id = cli_new_message_id(NULL);
		in.date = ioloop_time;
		in.charts = charts;
		in.docx = docx;
		data = str_new(pool, 256 * 1024);
		if (dondoc_digest_compose_mail(digest, &in, data, &error) < 0) {
			cli_error("%s", error);
			return CLI_EXIT_FAILURE;
		}
		if (str_len(data) > DONDOC_STORE_MAX_MAIL) {
			cli_error("the report's mail would be %zu bytes, more "
				  "than the outbox keeps (%u): mail it per "
				  "agency (--agency) or write it with "
				  "--format docx --output FILE", str_len(data),
				  DONDOC_STORE_MAX_MAIL);
			return CLI_EXIT_FAILURE;
		}
		struct dondoc_outbox_mail mail = {
			.kind = DONDOC_OUTBOX_NOTICE,
			.recipient = *rcpt,
			.message_id = in.message_id,
			/* once per period, agency, day and recipient */
			.dedup_key = p_strdup_printf(pool, "digest:%s:%s:%s:%s",
				digest->period.label,
				digest->agency_filter == NULL ? "*" :
				digest->agency_filter,
				dondoc_date_to_str(&digest->as_of), *rcpt),
			.data = str_c(data),
			.state = DONDOC_OUTBOX_QUEUED,
			.created_at = ioloop_time,
		};
		ret = dondoc_store_outbox_queue(store, &mail, NULL, &error);
		if (ret < 0) {
			cli_error("%s", error);
			if (dondoc_store_error_is_temporary(store))
				ctx->tempfail = TRUE;
			return CLI_EXIT_FAILURE;
		}
		if (ret == 0)
			already++;
		else
			queued++;
	}
	printf("%u queued, %u already queued today\n", queued, already);
	return CLI_EXIT_OK;
}
