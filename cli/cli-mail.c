/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* Mail sending and tracking settings for the dondoc command (cli-mail.h).
   The envelope sender of dondoc's mail is always null (<>), as RFC 3834
   wants for automatic replies. */

#include "lib.h"
#include "str.h"
#include "hex-binary.h"
#include "hostpid.h"
#include "randgen.h"
#include "ostream.h"
#include "smtp-address.h"
#include "smtp-submit.h"

#include "dondoc-settings.h"
#include "dondoc-submit.h"
#include "dondoc-cli.h"
#include "cli-mail.h"

#define CLI_MAIL_TIMEOUT_SECS 30

struct cli_mailer {
	struct smtp_submit_settings set;
	char *host, *path;
	/* a mail was left for later (the server down or busy) */
	bool tempfailed;
};

int cli_mailer_create(const char *smtp_host, const char *sendmail_path,
		      struct cli_mailer **mailer_r)
{
	struct cli_mailer *mailer;

	if (smtp_host == NULL && sendmail_path == NULL) {
		smtp_host = cli_plugin_setting("dondoc_submission_host");
		sendmail_path = cli_plugin_setting("dondoc_sendmail_path");
	}
	if (smtp_host == NULL && sendmail_path == NULL) {
		cli_error("no way to send mail: give --smtp HOST[:PORT] or "
			  "--sendmail PATH (or set dondoc_submission_host)");
		return -1;
	}
	mailer = i_new(struct cli_mailer, 1);
	mailer->host = i_strdup(smtp_host);
	mailer->path = i_strdup(sendmail_path);
	mailer->set.hostname = my_hostname;
	mailer->set.submission_host = mailer->host;
	mailer->set.sendmail_path = mailer->path != NULL ? mailer->path :
		"/usr/sbin/sendmail";
	mailer->set.submission_timeout = CLI_MAIL_TIMEOUT_SECS;
	mailer->set.submission_ssl = "no";
	*mailer_r = mailer;
	return 0;
}

void cli_mailer_free(struct cli_mailer **_mailer)
{
	struct cli_mailer *mailer = *_mailer;

	*_mailer = NULL;
	i_free(mailer->host);
	i_free(mailer->path);
	i_free(mailer);
}

int cli_mailer_send(void *context, const char *recipient, const char *data,
		    const char **error_r)
{
	struct cli_mailer *mailer = context;
	struct dondoc_submit_settings set = {
		.hostname = mailer->set.hostname,
		.submission_host = mailer->host,
		.sendmail_path = mailer->path,
		.timeout_secs = mailer->set.submission_timeout,
	};
	int ret;

	ret = dondoc_submit(&set, recipient, data, error_r);
	if (ret < 0)
		mailer->tempfailed = TRUE;
	return ret;
}

void cli_mailer_set_timeout(struct cli_mailer *mailer, unsigned int secs)
{
	i_assert(secs > 0);
	mailer->set.submission_timeout = secs;
}

unsigned int cli_mailer_timeout_secs(const struct cli_mailer *mailer)
{
	return mailer->set.submission_timeout;
}

bool cli_mailer_tempfailed(const struct cli_mailer *mailer)
{
	return mailer != NULL && mailer->tempfailed;
}

const char *cli_new_message_id(void *context ATTR_UNUSED)
{
	unsigned char rand[12];

	random_fill(rand, sizeof(rand));
	return t_strdup_printf("<dondoc.%s@%s>",
			       binary_to_hex(rand, sizeof(rand)), my_hostname);
}

int cli_tracking_settings(struct dondoc_tracker_settings *tracker_r,
			  struct dondoc_actions_settings *actions_r)
{
	dondoc_settings_tracking(cli_setting_get, NULL, tracker_r, actions_r);
	/* The command's own sends take up to CLI_MAIL_TIMEOUT_SECS: its
	   claims must outlast one. */
	if (actions_r->lease_secs < DONDOC_ACTIONS_LEASE_SECS(CLI_MAIL_TIMEOUT_SECS))
		actions_r->lease_secs = DONDOC_ACTIONS_LEASE_SECS(CLI_MAIL_TIMEOUT_SECS);
	if (actions_r->from_address == NULL)
		actions_r->from_address = cli_postmaster_address();
	return actions_r->from_address == NULL ? -1 : 0;
}
