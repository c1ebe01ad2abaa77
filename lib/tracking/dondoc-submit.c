/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* A bounded SMTP submission (see dondoc-submit.h): Dovecot's smtp-submit,
   run asynchronously in an ioloop of its own with one deadline over the
   whole transaction; at the deadline the submission is aborted and
   reported as a temporary failure (the caller leaves the mail in the
   outbox). Trusts its caller for the recipient's syntax only as far as
   smtp_address_parse_mailbox() checks it. */

#include "lib.h"
#include "ioloop.h"
#include "ostream.h"
#include "smtp-address.h"
#include "smtp-submit.h"
#include "dondoc-submit.h"

struct submit_wait {
	struct ioloop *ioloop;
	int status;
	char *error;
	bool finished;
};

static void submit_callback(const struct smtp_submit_result *result,
			    struct submit_wait *wait)
{
	wait->status = result->status;
	wait->error = i_strdup(result->error);
	wait->finished = TRUE;
	io_loop_stop(wait->ioloop);
}

static void submit_deadline(struct submit_wait *wait)
{
	io_loop_stop(wait->ioloop);
}

int dondoc_submit(const struct dondoc_submit_settings *set,
		  const char *recipient, const char *data,
		  const char **error_r)
{
	struct smtp_submit_settings smtp_set = {
		.hostname = set->hostname,
		.submission_host = set->submission_host,
		.sendmail_path = set->sendmail_path != NULL ?
			set->sendmail_path : "/usr/sbin/sendmail",
		.submission_timeout = set->timeout_secs,
		.submission_ssl = "no",
	};
	struct smtp_submit_input input = { .allow_root = TRUE };
	struct submit_wait wait = { .status = -1 };
	struct ioloop *prev_ioloop = current_ioloop;
	struct smtp_address *rcpt;
	struct smtp_submit *subm;
	struct ostream *output;
	struct timeout *to;
	const char *error;
	int ret;

	i_assert(set->timeout_secs > 0);
	if (smtp_address_parse_mailbox(pool_datastack_create(), recipient, 0,
				       &rcpt, &error) < 0) {
		*error_r = t_strdup_printf("invalid recipient %s: %s",
					   recipient, error);
		return 0;
	}
	wait.ioloop = io_loop_create();
	subm = smtp_submit_init_simple(&input, &smtp_set, NULL);
	smtp_submit_add_rcpt(subm, rcpt);
	output = smtp_submit_send(subm);
	o_stream_nsend_str(output, data);
	to = timeout_add(set->timeout_secs * 1000, submit_deadline, &wait);
	smtp_submit_run_async(subm, submit_callback, &wait);
	if (!wait.finished)
		io_loop_run(wait.ioloop);
	timeout_remove(&to);
	/* Aborts a submission still running: its connection is closed
	   while its ioloop is current. */
	smtp_submit_deinit(&subm);
	io_loop_destroy(&wait.ioloop);
	if (prev_ioloop != NULL)
		io_loop_set_current(prev_ioloop);

	if (!wait.finished) {
		*error_r = t_strdup_printf("no answer from %s within %u s",
			set->submission_host != NULL ? set->submission_host :
			smtp_set.sendmail_path, set->timeout_secs);
		return -1;
	}
	ret = wait.status;
	if (ret <= 0) {
		*error_r = t_strdup(wait.error != NULL ? wait.error :
				    "unknown error");
	}
	i_free(wait.error);
	return ret;
}
