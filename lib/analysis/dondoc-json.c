/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
/* JSON rendering of an analysis (contract: doc/analysis-json.md). Every
   string goes through Dovecot's JSON escaper, so mail content can never
   break the output's structure. */

#include "lib.h"
#include "str.h"
#include "dondoc-compat.h"
#include "dondoc-json.h"

static void json_str(string_t *dest, const char *value)
{
	if (value == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '"');
	json_append_escaped(dest, value);
	str_append_c(dest, '"');
}

static void json_key(string_t *dest, const char *key, bool first)
{
	if (!first)
		str_append_c(dest, ',');
	json_str(dest, key);
	str_append_c(dest, ':');
}

static void json_field(string_t *dest, const char *key, const char *value)
{
	json_key(dest, key, FALSE);
	json_str(dest, value);
}

static void json_period(string_t *dest,
			const struct dondoc_doc_period *period)
{
	json_key(dest, "period", FALSE);
	if (period->kind == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '{');
	json_key(dest, "kind", TRUE);
	json_str(dest, period->kind);
	json_key(dest, "year", FALSE);
	/* no year in the text and no date to take it from */
	if (period->year == 0)
		str_append(dest, "null");
	else
		str_printfa(dest, "%u", period->year);
	json_key(dest, "index", FALSE);
	if (period->index == 0)
		str_append(dest, "null");
	else
		str_printfa(dest, "%u", period->index);
	str_append_c(dest, '}');
}

static void json_references(string_t *dest,
			    const ARRAY_TYPE(dondoc_reference) *refs)
{
	const struct dondoc_reference *ref;
	bool first = TRUE;

	json_key(dest, "references", FALSE);
	str_append_c(dest, '[');
	array_foreach(refs, ref) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		str_append_c(dest, '{');
		json_key(dest, "type", TRUE);
		json_str(dest, ref->type);
		json_field(dest, "number", ref->number);
		json_field(dest, "symbol", ref->symbol);
		json_field(dest, "date", ref->date);
		str_append_c(dest, '}');
	}
	str_append_c(dest, ']');
}

static void json_string_array_at(string_t *dest, const char *key,
				 const ARRAY_TYPE(const_string) *values,
				 bool first_key)
{
	const char *const *value;
	bool first = TRUE;

	json_key(dest, key, first_key);
	str_append_c(dest, '[');
	array_foreach(values, value) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		json_str(dest, *value);
	}
	str_append_c(dest, ']');
}

static void json_string_array(string_t *dest, const char *key,
			      const ARRAY_TYPE(const_string) *values)
{
	json_string_array_at(dest, key, values, FALSE);
}

static void json_uint_or_null(string_t *dest, const char *key,
			      unsigned int value)
{
	json_key(dest, key, FALSE);
	if (value == 0)
		str_append(dest, "null");
	else
		str_printfa(dest, "%u", value);
}

static void json_meeting(string_t *dest,
			 const struct dondoc_meeting_info *meeting)
{
	json_key(dest, "meeting", FALSE);
	if (meeting == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '{');
	json_key(dest, "date", TRUE);
	json_str(dest, meeting->date);
	json_field(dest, "time", meeting->time);
	json_field(dest, "place", meeting->place);
	json_field(dest, "chair", meeting->chair);
	json_field(dest, "agenda", meeting->agenda);
	json_field(dest, "participants", meeting->participants);
	str_append_c(dest, '}');
}

static void json_assignments(string_t *dest,
			     const ARRAY_TYPE(dondoc_assignment) *assignments,
			     dondoc_json_agency_code_func_t *agency_code,
			     void *context)
{
	const struct dondoc_assignment *a;
	bool first = TRUE;

	json_key(dest, "assignments", FALSE);
	str_append_c(dest, '[');
	array_foreach(assignments, a) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		str_append_c(dest, '{');
		json_key(dest, "agency", TRUE);
		json_str(dest, a->agency);
		json_field(dest, "agency_code", agency_code == NULL ? NULL :
			   agency_code(a, context));
		json_field(dest, "agency_group", a->agency_group);
		json_field(dest, "cooperating", a->cooperating);
		json_field(dest, "what", a->what);
		json_field(dest, "deadline", a->deadline);
		json_field(dest, "deadline_kind",
			   dondoc_deadline_kind_name(a->deadline_kind));
		json_field(dest, "deadline_text", a->deadline_text);
		json_field(dest, "recurrence", a->recurrence);
		json_uint_or_null(dest, "recurrence_day", a->recurrence_day);
		json_uint_or_null(dest, "recurrence_month",
				  a->recurrence_month);
		str_append_c(dest, '}');
	}
	str_append_c(dest, ']');
}

static void json_attendance(string_t *dest,
			    const struct dondoc_attendance *attendance)
{
	const struct dondoc_delegation *d;
	bool first = TRUE;

	json_key(dest, "attendance", FALSE);
	if (attendance == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '{');
	json_string_array_at(dest, "present", &attendance->present, TRUE);
	json_string_array(dest, "absent", &attendance->absent);
	json_key(dest, "delegated", FALSE);
	str_append_c(dest, '[');
	array_foreach(&attendance->delegated, d) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		str_append_c(dest, '{');
		json_key(dest, "member", TRUE);
		json_str(dest, d->member);
		json_field(dest, "delegate", d->delegate);
		str_append_c(dest, '}');
	}
	str_append_c(dest, ']');
	str_append_c(dest, '}');
}

static void json_document(string_t *dest, const struct dondoc_document *doc,
			  dondoc_json_agency_code_func_t *agency_code,
			  void *context)
{
	str_append_c(dest, '{');
	json_key(dest, "source", TRUE);
	json_str(dest, doc->source);
	json_field(dest, "type", doc->type);
	json_field(dest, "type_name", doc->type_name);
	json_field(dest, "number", doc->number);
	json_field(dest, "symbol", doc->symbol);
	json_field(dest, "issuer", doc->issuer);
	json_field(dest, "place", doc->place);
	json_field(dest, "date", doc->date);
	json_field(dest, "summary", doc->summary);
	json_string_array(dest, "recipients", &doc->recipients);
	json_period(dest, &doc->period);
	json_field(dest, "secrecy", doc->secrecy);
	json_field(dest, "urgency", doc->urgency);
	json_references(dest, &doc->references);
	json_field(dest, "difficulties", doc->difficulties);
	json_field(dest, "proposals", doc->proposals);
	json_meeting(dest, doc->meeting);
	json_assignments(dest, &doc->assignments, agency_code, context);
	json_attendance(dest, doc->attendance);
	str_append_c(dest, '}');
}

static void json_bool(string_t *dest, const char *key, bool value)
{
	json_key(dest, key, FALSE);
	str_append(dest, value ? "true" : "false");
}

static void json_signature(string_t *dest,
			   const struct dondoc_pdf_signature *sig)
{
	json_key(dest, "signature", FALSE);
	if (sig == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '{');
	json_key(dest, "status", TRUE);
	json_str(dest, sig->status);
	json_field(dest, "reason", sig->reason);
	json_field(dest, "signer", sig->signer);
	json_field(dest, "subject", sig->subject);
	json_field(dest, "organisation", sig->organisation);
	json_field(dest, "time", sig->time);
	json_bool(dest, "whole_file", sig->whole_file);
	str_append_c(dest, '}');
}

static void json_attachments(string_t *dest,
			     const ARRAY_TYPE(dondoc_attachment) *attachments)
{
	const struct dondoc_attachment *att;
	bool first = TRUE;

	json_key(dest, "attachments", FALSE);
	str_append_c(dest, '[');
	array_foreach(attachments, att) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		str_append_c(dest, '{');
		json_key(dest, "source", TRUE);
		json_str(dest, att->source);
		json_field(dest, "format", att->format);
		json_field(dest, "extraction", att->extract.status);
		json_field(dest, "reason", att->extract.reason);
		json_uint_or_null(dest, "pages", att->extract.pages);
		json_bool(dest, "scanned", att->extract.scanned);
		json_signature(dest, att->extract.signature);
		str_append_c(dest, '}');
	}
	str_append_c(dest, ']');
}

static void json_attendance_reply(string_t *dest,
				  const struct dondoc_attendance_reply *r)
{
	const struct dondoc_attendance_cited *c;
	bool first = TRUE;

	json_key(dest, "attendance_reply", FALSE);
	if (r == NULL) {
		str_append(dest, "null");
		return;
	}
	str_append_c(dest, '{');
	json_key(dest, "kind", TRUE);
	json_str(dest, dondoc_attendance_kind_name(r->kind));
	json_field(dest, "source", r->source);
	json_field(dest, "words", r->words);
	json_field(dest, "delegate", r->delegate);
	str_printfa(dest, ",\"meeting_words\":%s",
		    r->meeting_words ? "true" : "false");
	json_field(dest, "meeting_date", r->meeting_day == 0 ? NULL :
		   r->meeting_year == 0 ?
		   t_strdup_printf("--%02u-%02u", r->meeting_month,
				   r->meeting_day) :
		   t_strdup_printf("%04u-%02u-%02u", r->meeting_year,
				   r->meeting_month, r->meeting_day));
	json_key(dest, "cited", FALSE);
	str_append_c(dest, '[');
	array_foreach(&r->cited, c) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		str_append_c(dest, '{');
		json_key(dest, "number", TRUE);
		json_str(dest, c->number);
		json_field(dest, "symbol", c->symbol);
		str_append_c(dest, '}');
	}
	str_append_c(dest, ']');
	str_append_c(dest, '}');
}

void dondoc_json_append_analysis(string_t *dest,
				 const struct dondoc_analysis *analysis)
{
	dondoc_json_append_analysis_resolved(dest, analysis, NULL, NULL);
}

void dondoc_json_append_analysis_resolved(
	string_t *dest, const struct dondoc_analysis *analysis,
	dondoc_json_agency_code_func_t *agency_code, void *context)
{
	const struct dondoc_document *doc;
	bool first = TRUE;

	str_append_c(dest, '{');
	json_key(dest, "message_id", TRUE);
	json_str(dest, analysis->message_id);
	json_field(dest, "from", analysis->from);
	json_field(dest, "subject", analysis->subject);
	json_key(dest, "documents", FALSE);
	str_append_c(dest, '[');
	array_foreach(&analysis->documents, doc) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		json_document(dest, doc, agency_code, context);
	}
	str_append_c(dest, ']');
	json_attachments(dest, &analysis->attachments);
	json_attendance_reply(dest, analysis->attendance_reply);
	json_string_array(dest, "warnings", &analysis->warnings);
	str_append_c(dest, '}');
}
