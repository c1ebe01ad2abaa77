/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_EVENTS_H
#define DONDOC_EVENTS_H

/* dondoc's events, for Dovecot's metrics and event filters: one category
   ("dondoc") and named events with fields, built here from lib/'s
   structures so that every adapter (the Sieve plugin, the mail plugin,
   the command) emits the same names and fields. doc/events.md lists
   them. The adapters log them (e_debug/e_info with ->event()); a
   `metric { filter = event=NAME }` counts them in `doveadm stats dump`
   whatever the log level. */

#include "lib-event.h"

struct dondoc_analysis;
struct dondoc_tracking;

extern struct event_category event_category_dondoc;

/* dondoc_analysis_finished: documents, bytes (of the message read),
   warnings, msecs, extract_usecs (time in the PDF/.doc extractor). */
struct event_passthrough *
dondoc_event_analysis(struct event *parent,
		      const struct dondoc_analysis *analysis,
		      uoff_t bytes, unsigned int msecs);

/* dondoc_match_finished: trust (verified|unverified), agency, match
   (address, thread, tag, reference, period, text, none), task,
   late_days, timeliness (on-time|late), difficulties (yes|no),
   store_error when the store was unavailable, refused when evidence
   named a task the sender may not answer. */
struct event_passthrough *
dondoc_event_match(struct event *parent, const struct dondoc_tracking *t);

/* dondoc_spooled: action (record, confirm, escalate, outgoing), reason. */
struct event_passthrough *
dondoc_event_spooled(struct event *parent, const char *action,
		     const char *reason);

/* dondoc_mail_sent / dondoc_mail_failed: kind (confirm, escalate,
   reminder), recipient domain only (never the address), error. */
struct event_passthrough *
dondoc_event_mail(struct event *parent, bool sent, const char *kind,
		  const char *recipient, const char *error);

#endif
