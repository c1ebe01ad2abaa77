/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DIGEST_MAIL_H
#define DONDOC_DIGEST_MAIL_H

/* The digest as a mail (dondoc-digest-mail.c): the text and the HTML as
   alternatives, the charts inline (multipart/related, cid:), the .docx
   draft attached. */

#include "dondoc-digest.h"

struct dondoc_digest_mail_input {
	const char *from_address, *from_name; /* from_name may be NULL */
	const char *to_address;
	const char *message_id;  /* "<...>" */
	time_t date;
	/* one PNG per agency (each may be NULL), or NULL: no pictures */
	const buffer_t *const *charts;
	/* the .docx to attach, or NULL */
	const buffer_t *docx;
};

/* Append the complete message (CRLF) to dest; -1 when an address or the
   Message-ID would not make a safe header. */
int dondoc_digest_compose_mail(const struct dondoc_digest *digest,
			       const struct dondoc_digest_mail_input *in,
			       string_t *dest, const char **error_r);

#endif
