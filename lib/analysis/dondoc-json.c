/* JSON rendering of an analysis (contract: doc/analysis-json.md). Every
   string goes through Dovecot's JSON escaper, so mail content can never
   break the output's structure. */

#include "lib.h"
#include "str.h"
#include "json-parser.h"
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

static void json_string_array(string_t *dest, const char *key,
			      const ARRAY_TYPE(const_string) *values)
{
	const char *const *value;
	bool first = TRUE;

	json_key(dest, key, FALSE);
	str_append_c(dest, '[');
	array_foreach(values, value) {
		if (!first)
			str_append_c(dest, ',');
		first = FALSE;
		json_str(dest, *value);
	}
	str_append_c(dest, ']');
}

static void json_document(string_t *dest, const struct dondoc_document *doc)
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
	str_append_c(dest, '}');
}

void dondoc_json_append_analysis(string_t *dest,
				 const struct dondoc_analysis *analysis)
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
		json_document(dest, doc);
	}
	str_append_c(dest, ']');
	json_string_array(dest, "warnings", &analysis->warnings);
	str_append_c(dest, '}');
}
