/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_AUTOREPLY_H
#define DONDOC_AUTOREPLY_H

/* Whether automatic mail may answer a message (RFC 3834, RFC 5230
   section 4.5-4.6, and what RT and vacation learned in practice): never to
   the null sender, to our own addresses, to MAILER-DAEMON/postmaster-style
   or -request/owner- addresses, to mailing lists or bulk mail, or to mail
   that is itself automatic. */

struct dondoc_autoreply_input {
	/* Envelope MAIL FROM, NULL or "" for <>. */
	const char *envelope_sender;
	/* Header lookup: the index-th field of a header (0 the first), or
	   NULL after the last; every field of a name is examined. */
	const char *(*get_header)(void *context, const char *name,
				  unsigned int index);
	void *context;
	/* Our own addresses (dondoc_from, dondoc_reply_address),
	   NULL-terminated, or NULL: mail from one of them, "+detail" aside,
	   is never answered (RFC 3834 section 2: a responder does not
	   answer itself; a copy of the secretariat's own report). */
	const char *const *own_addresses;
	/* The header was longer than what get_header can see: a header not
	   found may still be there, so nothing is sent. */
	bool header_truncated;
};

/* FALSE with reason_r (static string) when no automatic reply may be
   sent; TRUE when one may. */
bool dondoc_autoreply_allowed(const struct dondoc_autoreply_input *in,
			      const char **reason_r);

#endif
