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

#include "dondoc-cli.h"
#include "cli-mail.h"

#define CLI_MAIL_TIMEOUT_SECS 30

struct cli_mailer {
	struct smtp_submit_settings set;
	char *host, *path;
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
	struct smtp_submit_input input = { .allow_root = TRUE };
	struct smtp_address *rcpt;
	struct smtp_submit *subm;
	struct ostream *output;
	const char *error;
	int ret;

	if (smtp_address_parse_mailbox(pool_datastack_create(), recipient, 0,
				       &rcpt, &error) < 0) {
		*error_r = t_strdup_printf("invalid recipient %s: %s",
					   recipient, error);
		return 0;
	}
	subm = smtp_submit_init_simple(&input, &mailer->set, NULL);
	smtp_submit_add_rcpt(subm, rcpt);
	output = smtp_submit_send(subm);
	o_stream_nsend_str(output, data);
	ret = smtp_submit_run(subm, &error);
	if (ret <= 0)
		*error_r = t_strdup(error);
	smtp_submit_deinit(&subm);
	return ret;
}

const char *cli_new_message_id(void *context ATTR_UNUSED)
{
	unsigned char rand[12];

	random_fill(rand, sizeof(rand));
	return t_strdup_printf("<dondoc.%s@%s>",
			       binary_to_hex(rand, sizeof(rand)), my_hostname);
}

void cli_tracking_settings(struct dondoc_tracker_settings *tracker_r,
			   struct dondoc_actions_settings *actions_r)
{
	const char *value;

	i_zero(tracker_r);
	tracker_r->authserv_id = cli_plugin_setting("dondoc_authserv_id");
	value = cli_plugin_setting("dondoc_trust");
	tracker_r->trust_policy = value != NULL &&
		strcmp(value, "envelope") == 0 ?
		DONDOC_TRUST_POLICY_ENVELOPE : DONDOC_TRUST_POLICY_AUTHRES;
	tracker_r->secret = cli_plugin_setting("dondoc_secret");
	tracker_r->text_threshold = DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD;
	value = cli_plugin_setting("dondoc_text_threshold");
	if (value != NULL && str_to_uint(value, &tracker_r->text_threshold) < 0)
		tracker_r->text_threshold = DONDOC_TRACKER_DEFAULT_TEXT_THRESHOLD;

	i_zero(actions_r);
	actions_r->from_address = cli_plugin_setting("dondoc_from");
	if (actions_r->from_address == NULL)
		actions_r->from_address = t_strconcat("postmaster@",
						      my_hostname, NULL);
	actions_r->from_name = cli_plugin_setting("dondoc_from_name");
	if (actions_r->from_name == NULL)
		actions_r->from_name = "Tổ giúp việc Ban Chỉ đạo";
	actions_r->reply_address = cli_plugin_setting("dondoc_reply_address");
	actions_r->secret = tracker_r->secret;
	actions_r->escalate_role = cli_plugin_setting("dondoc_escalate_role");
	if (actions_r->escalate_role == NULL)
		actions_r->escalate_role = DONDOC_ACTIONS_DEFAULT_ESCALATE_ROLE;
	actions_r->max_attempts = DONDOC_ACTIONS_DEFAULT_MAX_ATTEMPTS;
}
