/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_SUBMIT_H
#define DONDOC_SUBMIT_H

/* Handing one composed mail to the submission server (or sendmail) with
   a timeout of our own: a server that accepts and never greets, or stops
   answering at any step, costs timeout_secs. The envelope sender is null
   (<>), as automatic mail wants (RFC 3834). */

struct dondoc_submit_settings {
	/* our EHLO name */
	const char *hostname;
	/* HOST[:PORT]; else sendmail_path */
	const char *submission_host, *sendmail_path;
	unsigned int timeout_secs;
};

/* 1 sent, 0 permanent failure (5xx, bad recipient), -1 temporary (4xx,
   down, timed out): error_r. */
int dondoc_submit(const struct dondoc_submit_settings *set,
		  const char *recipient, const char *data,
		  const char **error_r);

#endif
