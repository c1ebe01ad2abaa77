/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_COMPOSE_H
#define DONDOC_COMPOSE_H

/* The automatic mail dondoc writes: the receipt confirmed to the sender,
   the reminders and chases, the escalation to the Head, the notices to
   the secretariat. The text comes from the templates (dondoc-template-
   kinds.h: the site's or the shipped ones, in Vietnamese); the headers,
   RFC 3834's included, are written here, never by a template. Every
   header value that comes from the incoming mail is sanitised (no CR/LF
   or controls, bounded) and RFC 2047 encoded; a classified document (any
   secrecy mark) is described by its metadata only, never quoted. */

#include "dondoc-tracker.h"
#include "dondoc-template-kinds.h"

struct dondoc_compose_input {
	enum dondoc_outbox_kind kind;
	/* Our own address (From:), and its display name. */
	const char *from_address, *from_name;
	/* The recipient (To:, and the envelope recipient). */
	const char *to_address;
	/* Signed per-task reply address, or NULL. */
	const char *reply_to;
	/* The new mail's Message-ID, "<...>". */
	const char *message_id;
	time_t date;
	/* The incoming mail: its Message-ID and References (for threading),
	   its claimed sender. */
	const char *orig_message_id, *orig_references, *orig_from;
	const struct dondoc_tracking *tracking;
	/* Escalation: why (from the script), NULL for the default. */
	const char *reason;
	/* Where the templates come from, and the committee's name and
	   signature; NULL: the shipped templates and defaults. */
	const struct dondoc_template_settings *templates;
	/* The name of the agency the mail is about (the task's for a
	   reminder, the sender's otherwise), or NULL: its code is used. */
	const char *agency_name;
	/* A notice rendered from its own template (its kind and fields, set
	   by the caller), or NULL. */
	const struct dondoc_template_values *values;
	/* Else a notice to the secretariat (DONDOC_OUTBOX_NOTICE): its
	   subject and its text (LF line ends), both written by dondoc; what
	   they quote from documents the caller sanitised. */
	const char *subject, *text;
	/* An escalation's ${attachment}: what is attached, or why the
	   original mail is not (written by dondoc), or NULL. */
	const char *note;
};

/* Append the complete message (CRLF line ends) to dest. */
void dondoc_compose_mail(const struct dondoc_compose_input *in,
			 string_t *dest);

/* A header value from mail made safe: controls (CR, LF, NUL, ...) become
   spaces, white space is collapsed, at most max_bytes (UTF-8 safe). */
const char *dondoc_compose_sanitize(const char *value, size_t max_bytes);

/* The message-ids of a References/In-Reply-To value, re-serialised from
   what parses ("<a@b> <c@d>"), at most max_ids (the newest kept). */
const char *dondoc_compose_msgids(const char *value, unsigned int max_ids);

#endif
