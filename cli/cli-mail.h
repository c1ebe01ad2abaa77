/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef CLI_MAIL_H
#define CLI_MAIL_H

/* Sending mail from the dondoc command (outbox send, spool replay), with
   Dovecot's own smtp-submit: to an SMTP server (--smtp HOST[:PORT], or the
   dondoc_submission_host setting) or through a sendmail binary
   (--sendmail PATH, or dondoc_sendmail_path). */

#include "dondoc-actions.h"

struct cli_mailer;

/* NULL host and path: the settings; neither: cli_error() and -1. */
int cli_mailer_create(const char *smtp_host, const char *sendmail_path,
		      struct cli_mailer **mailer_r);
void cli_mailer_free(struct cli_mailer **_mailer);
/* A dondoc_send_func_t: context is the mailer. */
int cli_mailer_send(void *context, const char *recipient, const char *data,
		    const char **error_r);
/* A mail sent through the mailer failed temporarily (left queued). */
bool cli_mailer_tempfailed(const struct cli_mailer *mailer);
/* The bound on one send (the whole SMTP transaction). */
unsigned int cli_mailer_timeout_secs(const struct cli_mailer *mailer);
void cli_mailer_set_timeout(struct cli_mailer *mailer, unsigned int secs);
/* A new Message-ID "<dondoc.RANDOM@HOST>". */
const char *cli_new_message_id(void *context);

/* Tracker and actions settings from the plugin {} block; the From:
   defaults to Dovecot's postmaster_address as at delivery. -1 after
   cli_error(). */
int cli_tracking_settings(struct dondoc_tracker_settings *tracker_r,
			  struct dondoc_actions_settings *actions_r);

#endif
