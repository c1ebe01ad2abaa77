/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* A bounded SMTP submission (see dondoc-submit.h), on Dovecot's
   smtp-submit with our own timeout rather than the global
   submission_timeout. Dovecot applies it to the connection (up to and
   including the greeting: a server that accepts and never greets costs
   exactly timeout_secs) and to each command; a submission cannot be
   aborted from outside in Dovecot 2.3 (smtp-submit panics when its
   transaction is destroyed while running), so a server that answers
   every command just before the bound can take a few times it. Trusts
   its caller for the recipient's syntax only as far as
   smtp_address_parse_mailbox() checks it. */

#include "lib.h"
#include "dondoc-compat.h"
#include "ostream.h"
#include "smtp-address.h"
#include "smtp-submit.h"
#include "dondoc-submit.h"

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
	struct smtp_submit_input input = DONDOC_SMTP_SUBMIT_INPUT_INIT;
	struct smtp_address *rcpt;
	struct smtp_submit *subm;
	struct ostream *output;
	const char *error;
	int ret;

	i_assert(set->timeout_secs > 0);
	if (smtp_address_parse_mailbox(pool_datastack_create(), recipient, 0,
				       &rcpt, &error) < 0) {
		*error_r = t_strdup_printf("invalid recipient %s: %s",
					   recipient, error);
		return 0;
	}
	subm = smtp_submit_init_simple(&input, &smtp_set, NULL);
	smtp_submit_add_rcpt(subm, rcpt);
	output = smtp_submit_send(subm);
	o_stream_nsend_str(output, data);
	ret = smtp_submit_run(subm, &error);
	if (ret <= 0)
		*error_r = t_strdup(error != NULL ? error : "unknown error");
	smtp_submit_deinit(&subm);
	return ret;
}
