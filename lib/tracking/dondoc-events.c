/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* dondoc's event category and named events (see dondoc-events.h). Fields
   carry codes, counts and kinds, never a message's text nor a full
   address: metrics are exported to places the mail is not. */

#include "lib.h"
#include "array.h"
#include "dondoc-analysis.h"
#include "dondoc-store.h"
#include "dondoc-tracker.h"
#include "dondoc-events.h"

struct event_category event_category_dondoc = {
	.name = "dondoc",
};

static struct event_passthrough *
dondoc_event(struct event *parent, const char *name)
{
	return event_create_passthrough(parent)->
		add_category(&event_category_dondoc)->set_name(name);
}

struct event_passthrough *
dondoc_event_analysis(struct event *parent,
		      const struct dondoc_analysis *analysis,
		      uoff_t bytes, unsigned int msecs)
{
	return dondoc_event(parent, "dondoc_analysis_finished")->
		add_int("documents", array_count(&analysis->documents))->
		add_int("warnings", array_count(&analysis->warnings))->
		add_int("bytes", bytes)->
		add_int("msecs", msecs)->
		add_int("extract_usecs", analysis->extract_usecs);
}

struct event_passthrough *
dondoc_event_match(struct event *parent, const struct dondoc_tracking *t)
{
	struct event_passthrough *e;

	e = dondoc_event(parent, "dondoc_match_finished")->
		add_str("trust", t->trust.verified ? "verified" : "unverified")->
		add_str("agency", t->agency)->
		add_str("match", dondoc_match_kind_name(t->match))->
		add_str("difficulties", t->difficulties ? "yes" : "no");
	if (t->match != DONDOC_MATCH_NONE) {
		e->add_str("task", t->task.code)->
			add_str("timeliness", t->late ? "late" : "on-time")->
			add_int("late_days", t->late_days);
	}
	if (t->store_error != NULL)
		e->add_str("store_error", t->store_error);
	if (t->refused_match != NULL)
		e->add_str("refused", "yes");
	return e;
}

struct event_passthrough *
dondoc_event_spooled(struct event *parent, const char *action,
		     const char *reason)
{
	return dondoc_event(parent, "dondoc_spooled")->
		add_str("action", action)->add_str("reason", reason);
}

struct event_passthrough *
dondoc_event_mail(struct event *parent, bool sent, const char *kind,
		  const char *recipient, const char *error)
{
	const char *domain = recipient == NULL ? NULL :
		strrchr(recipient, '@');
	struct event_passthrough *e;

	e = dondoc_event(parent, sent ? "dondoc_mail_sent" :
			 "dondoc_mail_failed")->add_str("kind", kind);
	if (domain != NULL)
		e->add_str("recipient_domain", domain + 1);
	if (error != NULL)
		e->add_str("error", error);
	return e;
}
