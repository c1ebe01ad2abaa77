/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_COMPOSE_ATTACH_H
#define DONDOC_COMPOSE_ATTACH_H

/* The original mail an escalation carries: dondoc's own single-part mail
   turned into multipart/mixed, its text first, then each original as a
   message/rfc822 part (RFC 2046 section 5.2.1), so that the Head reads
   the document without searching. The originals are incoming mail: they
   are carried, never parsed; bounded by the caller. */

#include "str.h"

struct dondoc_compose_attachment {
	/* CRLF throughout, no NUL (dondoc_compose_attachable()) */
	const char *data;
	size_t len;
};

/* Can data be carried within max bytes? Line ends are made CRLF (the
   form of an outbox mail); a mail with a NUL byte cannot be carried
   (the outbox keeps text). TRUE: att_r is set (data stack). */
bool dondoc_compose_attachable(const unsigned char *data, size_t len,
			       size_t max,
			       struct dondoc_compose_attachment *att_r);

/* Append to dest the mail (a complete message of dondoc_compose_mail():
   headers, a blank line, a single body) with the attachments. */
void dondoc_compose_attach(const char *mail,
			   const struct dondoc_compose_attachment *atts,
			   unsigned int count, string_t *dest);

#endif
