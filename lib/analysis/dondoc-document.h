/* Copyright (c) 2026 dondoc authors, see the included COPYING file */
#ifndef DONDOC_DOCUMENT_H
#define DONDOC_DOCUMENT_H

#include "array.h"
#include "dondoc-committee.h"

/* One Vietnamese administrative document (Decree 30/2020/ND-CP) found in a
   text, and the parser that finds documents in UTF-8 text. Every string is
   NFC UTF-8; a value not found is NULL (or an empty array). */

/* Named dondoc_doc_period: dondoc-store.h has its own struct dondoc_period
   (kind letters), and the tracker includes both headers. */
struct dondoc_doc_period {
	/* "half-year", "quarter", "month", "nine-months", "year";
	   NULL when no period was found. */
	const char *kind;
	unsigned int year;
	/* 1-based index within the year (half, quarter, month); 0 for
	   kinds without one. */
	unsigned int index;
};

struct dondoc_reference {
	const char *type, *number, *symbol, *date;
};
ARRAY_DEFINE_TYPE(dondoc_reference, struct dondoc_reference);

struct dondoc_document {
	/* "body" or "attachment:NAME" */
	const char *source;
	const char *type, *type_name;
	const char *number, *symbol;
	/* the issuing body (the agency line nearest the number) and the
	   agency above it (cơ quan chủ quản), if any */
	const char *issuer, *place;
	const char *issuer_parent;
	/* ISO 8601 date, YYYY-MM-DD */
	const char *date;
	const char *summary;
	/* summary without marks and case (dondoc_text_fold), for matching */
	const char *folded_summary;
	ARRAY_TYPE(const_string) recipients;
	struct dondoc_doc_period period;
	const char *secrecy, *urgency;
	ARRAY_TYPE(dondoc_reference) references;
	const char *difficulties, *proposals;
	/* The committee's own documents (dondoc-committee.h): the meeting
	   an invitation or notice calls (NULL when none), the work it
	   assigns (empty when none), the attendance its minutes record
	   (NULL when not minutes or none written). */
	const struct dondoc_meeting_info *meeting;
	ARRAY_TYPE(dondoc_assignment) assignments;
	const struct dondoc_attendance *attendance;
	/* The number line was quoted (">") in a reply. */
	bool quoted;
	/* Assignments or attendees beyond DONDOC_MAX_ASSIGNMENTS /
	   DONDOC_MAX_ATTENDEES were dropped, or a field was cut at
	   DONDOC_MAX_FIELD_BYTES: the analysis warns. */
	bool committee_cut;
	bool committee_field_cut;
};
ARRAY_DEFINE_TYPE(dondoc_document, struct dondoc_document);

/* Find the documents in text (UTF-8, size bytes) and append them to docs,
   at most max_docs in all. Returns the number appended. Scratch memory
   is taken from the current data stack frame: call inside T_BEGIN. */
unsigned int dondoc_document_parse(pool_t pool, const char *source,
				   const char *text, size_t size,
				   unsigned int max_docs,
				   ARRAY_TYPE(dondoc_document) *docs);
/* How much a reading of count documents found: of two alternatives of
   one body (text/plain and text/html), the richer is kept. */
unsigned int dondoc_documents_score(const struct dondoc_document *docs,
				    unsigned int count);

/* The Decree 30 type for an abbreviation ("BC"), NULL if unknown. The
   returned abbreviation is in its canonical spelling ("TTr", "QĐ"). */
bool dondoc_document_type_lookup(const char *abbrev, const char **abbrev_r,
				 const char **name_r);

#endif
